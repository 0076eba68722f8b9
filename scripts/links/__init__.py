"""Link checker for the built site: collect external URLs, check them, report.

`python -m scripts.links.check_links` is the entry point; see the README's "Link checking" section.
"""

RESULTS = ("ok", "moved", "broken", "unverifiable", "flaky")
