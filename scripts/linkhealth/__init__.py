"""Link checker for the built site: collect external URLs, check them, report.

`scripts/check_links.py` is the entry point; see the README's "Link checking" section.
"""

RESULTS = ("ok", "moved", "broken", "unverifiable", "flaky")
