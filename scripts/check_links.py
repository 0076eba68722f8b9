"""Check every external URL of the built site. See the README's "Link checking" section.

python scripts/check_links.py [--site DIR | --build] [--config FILE] [--json FILE]
                              [--markdown FILE] [--fail-on LEVELS]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# httpx imports its own command-line client (rich, click, pygments) whenever those happen to be
# installed; the checker never runs it, and the imports cost a good part of a short check.
sys.modules.setdefault("httpx._main", None)

from linkhealth.cli import main  # noqa: E402 - needs the path above

if __name__ == "__main__":
    sys.exit(main())
