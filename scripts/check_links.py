"""Check every external URL of the built site. See the README's "Link checking" section.

python scripts/check_links.py [--site DIR | --build] [--config FILE] [--json FILE]
                              [--markdown FILE] [--fail-on LEVELS]
"""

import sys

# Python puts this script's folder first on sys.path, so the linkhealth package imports.
from linkhealth.cli import main

if __name__ == "__main__":
    sys.exit(main())
