"""The strict build passes, and the nav lists the ten sections plus Contact in order."""

import re
from pathlib import Path

from bs4 import BeautifulSoup
from support import run_mkdocs_build

SECTIONS = [
    ("Math background", "math-background/"),
    ("Neural-network basics", "neural-network-basics/"),
    ("Command line", "command-line/"),
    ("Hardware and OS", "hardware-and-os/"),
    ("Python", "python/"),
    ("Deep-learning frameworks", "deep-learning-frameworks/"),
    ("Training neural nets", "training-neural-nets/"),
    ("Research experiments", "research-experiments/"),
    ("Data analysis and image processing", "data-analysis/"),
    ("Online courses", "online-courses/"),
    ("Contact", "contact/"),
]


def primary_nav_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    nav = soup.select_one("nav.md-nav--primary")
    links = []
    for anchor in nav.select("a.md-nav__link"):
        text = re.sub(r"\s+", " ", anchor.get_text(" ", strip=True))
        links.append((text, anchor.get("href", "")))
    return links


def test_strict_build_writes_every_section_page(built_site):
    for _, slug in SECTIONS:
        assert (built_site / slug / "index.html").is_file(), f"missing page {slug}"


def test_nav_lists_ten_sections_and_contact_in_order(site_pages):
    links = primary_nav_links(site_pages.soup("index.html"))
    hrefs = [href.removeprefix("./") for _, href in links]
    positions = []
    for title, slug in SECTIONS:
        matches = [i for i, href in enumerate(hrefs) if href.rstrip("/") + "/" == slug]
        assert matches, f"{title} ({slug}) is not in the primary nav: {hrefs}"
        assert title.lower() in links[matches[0]][0].lower()
        positions.append(matches[0])
    assert positions == sorted(positions), "sections are out of order in the nav"


def append_line(page: Path, line: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{line}\n", encoding="utf-8")


def test_a_broken_anchor_and_a_broken_link_each_fail_the_build(project_copy, tmp_path):
    # One real build for both: strict MkDocs reports every warning before it aborts.
    append_line(project_copy / "docs" / "contact.md",
                "See [the maths](math-background.md#no-such-heading).")
    append_line(project_copy / "docs" / "glossary.md", "See [a lost page](no-such-page.md).")
    result = run_mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert any("contact.md" in line and "no-such-heading" in line for line in warnings), warnings
    assert any("glossary.md" in line and "no-such-page.md" in line for line in warnings), warnings
    assert "Aborted with 2 warnings in strict mode" in result.stdout + result.stderr
