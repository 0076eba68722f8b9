"""Site-content test data: section slugs, the seed guide and its audited resource list."""

from __future__ import annotations

import csv
import re

from support import SEED

# The spec's ten sections in their order, written out on purpose: the build reads them from
# mkdocs.yml (scripts/build/sections.py), and the site tests check the built site against this list.
SECTION_SLUGS = [
    "math-background",
    "neural-network-basics",
    "command-line",
    "hardware-and-os",
    "python",
    "deep-learning-frameworks",
    "training-neural-nets",
    "research-experiments",
    "data-analysis",
    "online-courses",
]


SEED_GUIDE = SEED / "getting-started-with-neural-networks.md"
AUDIT = SEED / "resources-audit.tsv"
URL_IN_TEXT = re.compile(r"https?://[^\s,()]+")


def audit_rows() -> list[dict[str, str]]:
    """Rows of the seed's resource audit: url, section, successor_url, ..."""
    with AUDIT.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def accepted_urls(row: dict[str, str]) -> list[str]:
    """The seed URL followed by every successor URL recorded for it."""
    return [row["url"], *URL_IN_TEXT.findall(row.get("successor_url") or "")]

