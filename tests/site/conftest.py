"""Fixtures for the site-content tests: the seed guide and its audited resource list."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import ROOT, SEED

sys.path.insert(0, str(ROOT / "scripts"))

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


def find_seed_dir() -> Path | None:
    """support.SEED in the main checkout; from a worktree, the nearest ancestor's shared/seed."""
    candidates = [SEED, *(parent / "shared" / "seed" for parent in ROOT.parents)]
    return next((path for path in candidates if (path / "resources-audit.tsv").is_file()), None)


SEED_DIR = find_seed_dir()
if SEED_DIR is None:  # a clean clone without the read-only seed folder beside it
    pytest.skip(f"seed material not found at {SEED} or above {ROOT}", allow_module_level=True)
SEED_GUIDE = SEED_DIR / "getting-started-with-neural-networks.md"
AUDIT = SEED_DIR / "resources-audit.tsv"
URL_IN_TEXT = re.compile(r"https?://[^\s,()]+")


def audit_rows() -> list[dict[str, str]]:
    """Rows of the seed's resource audit: url, section, successor_url, ..."""
    with AUDIT.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def accepted_urls(row: dict[str, str]) -> list[str]:
    """The seed URL followed by every successor URL recorded for it."""
    return [row["url"], *URL_IN_TEXT.findall(row.get("successor_url") or "")]


def page_soup(site: Path, slug: str) -> BeautifulSoup:
    path = site / slug / "index.html" if slug else site / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="session")
def site_hrefs(built_site) -> dict[str, set[str]]:
    """href -> pages of the built site that link it."""
    hrefs: dict[str, set[str]] = {}
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for anchor in soup.find_all("a", href=True):
            hrefs.setdefault(anchor["href"], set()).add(str(page.relative_to(built_site)))
    return hrefs
