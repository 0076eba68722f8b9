"""Check every external URL of the built site. See the README's "Link checking" section.

python scripts/check_links.py [--site DIR | --build] [--config FILE] [--json FILE]
                              [--markdown FILE] [--fail-on LEVELS]
"""

import sys

# httpx imports its own command-line client (rich, click, pygments) whenever those happen to be
# installed; the checker never runs it, and the imports cost a good part of a short check.
sys.modules.setdefault("httpx._main", None)

# Python puts this script's folder first on sys.path, so the linkhealth package imports.
from linkhealth.cli import main  # noqa: E402 - after the httpx switch above

if __name__ == "__main__":
    sys.exit(main())
