"""Markup on the guide's pages as Python-Markdown extensions: Markdown in, HTML out, no MkDocs.

scripts/build/markup/progress_markup.py (resource lines, "Mark as done", the progress panel, map
totals) and scripts/build/markup/keyboard_access.py (focusable glossary terms, tab strips and
diagrams).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import markdown
import mkdocs.structure.pages
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data
from support import ROOT, render_as_mkdocs

from scripts.build import sections
from scripts.build.markup import generator, project

MKDOCS_YML = """site_url: https://example.org/guide
repo_url: https://github.com/owner/guide
extra: {default_branch: main}
nav:
  - Home: index.md
  - 5 Python: python.md
  - Contact: contact.md
"""
PYTHON = "# Python\n\n- [@docs@Weights & Biases](https://a.example/): about A. About 10 minutes.\n"
EXTENSIONS = ["scripts.build.markup.typed_links", "scripts.build.markup.progress_markup"]


def small_project(root: Path, report: dict | None = None) -> Path:
    """A project of three pages; `report` becomes its reports/link-check.json."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs" / "python.md").write_text(PYTHON, encoding="utf-8")
    (root / "docs" / "contact.md").write_text("# Contact\n\nMail us.\n", encoding="utf-8")
    if report is not None:
        (root / "reports").mkdir()
        (root / "reports" / "link-check.json").write_text(json.dumps(report), encoding="utf-8")
    return root


def render(root: Path, text: str, extensions=EXTENSIONS) -> str:
    """As a generator that does not say which file it converts (Zensical): found by its text."""
    return markdown.markdown(text, extensions=extensions, extension_configs={
        "scripts.build.markup.progress_markup": {"root": root}})


def test_a_resource_line_gets_its_checkbox_and_report_link_and_no_unchecked_note(tmp_path):
    out = render(small_project(tmp_path), PYTHON)
    assert '<input type="checkbox" data-progress-resource="https://a.example/">' in out
    assert '<span class="visually-hidden">Done: Weights &amp; Biases</span>' in out
    assert 'class="resource-link" data-resource-type="docs"' in out
    assert not re.search(r"resource-health--(?!report)", out)  # no report: no note claims a check
    report = BeautifulSoup(out, "lxml").select_one("li .resource-health--report a")
    query = parse_qs(urlsplit(report["href"]).query)
    assert report["href"].startswith("https://github.com/owner/guide/issues/new?")
    # The page's nav title and canonical URL, from mkdocs.yml, as MkDocs gives them its page.
    assert query["body"][0].startswith("**Page:** 5 Python (https://example.org/guide/python/)")
    assert "Weights & Biases" in query["title"][0]
    assert "Mark as done" in out  # a section page


def test_a_checked_resource_gets_its_note_before_the_report_link(tmp_path):
    report = {"generated_at": "2026-11-20T10:00:00Z", "results": [
        {"url": "https://a.example", "result": "ok", "checked_at": "2026-11-20T10:00:00Z"}]}
    out = render(small_project(tmp_path, report), PYTHON)
    item = BeautifulSoup(out, "lxml").select_one("li.progress-resource-item")
    note, link = item.select(".resource-health")
    assert note.get_text() == "(Working, checked 20 Nov 2026)"
    assert "resource-health--report" in link["class"]
    assert item.get_text().endswith("About 10 minutes. (Working, checked 20 Nov 2026) "
                                    "report a problem: Weights & Biases")


def test_only_section_pages_get_mark_as_done(tmp_path):
    root = small_project(tmp_path)
    assert "Mark as done" not in render(root, "# Contact\n\nMail us.\n")
    out = render(root, PYTHON)
    assert out.endswith('<div class="progress-ui progress-mark"><button type="button" '
                        'class="md-button progress-mark__button" aria-pressed="false" '
                        'data-progress-toggle>Mark as done</button><span class="progress-mark__'
                        'note">Saved in this browser only.</span></div>')
    assert "</li>\n</ul><div" in out  # no line break before it, as on the page it always was


def test_a_line_that_does_not_start_with_the_resource_gets_no_checkbox(tmp_path):
    out = render(small_project(tmp_path), "See [@docs@A](https://a.example/) here.\n")
    assert "data-progress-resource" not in out and "resource-report" in out


def test_home_page_panel_follows_the_learning_map_and_nodes_get_totals():
    home = render_as_mkdocs("index.md", (ROOT / "docs" / "index.md").read_text("utf-8"))
    start = home.index('<div class="progress-ui progress-panel"')
    assert home[:start].endswith("</details>\n</div>"), "the panel follows the map directly"
    soup = BeautifulSoup(home, "lxml")
    totals = {a["data-section"]: int(a["data-resource-total"])
              for a in soup.select("a[data-section]")}
    assert totals == project.map_totals(ROOT) and len(totals) == 10


def test_map_totals_count_the_resource_lines_that_get_checkboxes():
    """The totals come from the section resources loader, not from counting while pages render:
    they must equal the checkboxes on each section page."""
    totals = project.map_totals(ROOT)
    for section in sections.sections(sections.read_nav(ROOT / "mkdocs.yml")):
        html = render_as_mkdocs(section.src, (ROOT / "docs" / section.src).read_text("utf-8"))
        assert html.count("data-progress-resource=") == totals[section.slug], section.src


def test_page_addresses_follow_site_url_and_directory_urls(tmp_path, monkeypatch):
    root = small_project(tmp_path)
    assert project.page_address(root, "index.md") == project.PageAddress(
        "Home", "", "https://example.org/guide/")
    yml = root / "mkdocs.yml"
    yml.write_text(MKDOCS_YML.replace("site_url: https://example.org/guide",
                                      'site_url: !ENV [SITE_URL, "https://a.example/"]\n'
                                      "use_directory_urls: false"), encoding="utf-8")
    assert project.page_address(root, "python.md") == project.PageAddress(
        "5 Python", "python.html", "https://a.example/python.html")
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")  # as the tests serve the site
    assert project.page_address(root, "python.md").canonical_url == \
        "http://127.0.0.1:8000/python.html"


KEYBOARD = ["abbr", "attr_list", "pymdownx.tabbed", "scripts.build.markup.keyboard_access"]


def test_glossary_terms_outside_links_become_focusable():
    out = markdown.markdown("A GPU and [a GPU link](https://g.example/).\n\n*[GPU]: A chip.\n",
                            extensions=KEYBOARD)
    assert '<abbr tabindex="0" title="A chip.">GPU</abbr> and' in out
    assert '<a href="https://g.example/">a <abbr title="A chip.">GPU</abbr> link</a>' in out


def test_tab_strips_and_lone_diagrams_join_the_tab_order():
    text = ('=== "Linux"\n\n    apt\n\n=== "Windows"\n\n    winget\n\n'
            "![A diagram](images/figures/loss.svg)\n\nText ![inline](images/figures/a.svg) here.\n")
    out = markdown.markdown(text, extensions=KEYBOARD,
                            extension_configs={"pymdownx.tabbed": {"alternate_style": True}})
    soup = BeautifulSoup(out, "lxml")
    assert soup.select_one(".tabbed-labels")["tabindex"] == "0"
    boxes = soup.select("p.figure-scroll")
    assert len(boxes) == 1 and boxes[0]["tabindex"] == "0" and boxes[0].img["alt"] == "A diagram"


@pytest.mark.parametrize("src", ["python.md", "index.md", "contact.md"])
def test_real_pages_identified_by_text_match_those_mkdocs_names(src):
    """Zensical names no file: the page found by its text gets the same markup as under MkDocs."""
    source = (ROOT / "docs" / src).read_text("utf-8")
    by_file = render_as_mkdocs(src, source)
    by_text = render(ROOT, get_data(source)[0])
    assert by_text.count("progress-resource-item") == by_file.count("progress-resource-item")
    assert ("Mark as done" in by_text) == ("Mark as done" in by_file)
    assert by_text.count("resource-report") == by_file.count("resource-report")


def test_under_mkdocs_the_urls_are_the_ones_its_config_applies(tmp_path):
    """MkDocs' config as plugins left it (the offline plugin turns directory URLs off) gives
    the page's URL, through the adapter's relpath contract (generator.site_urls)."""
    root = small_project(tmp_path)
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "scripts.build.markup.progress_markup": {"root": root}})
    file = type("File", (), {"src_uri": "python.md", "content_string": PYTHON})()
    config = type("Config", (), {"site_url": "https://example.org/guide/",
                                 "use_directory_urls": False})()
    mkdocs.structure.pages._RelativePathTreeprocessor(file, None, config)._register(md)
    assert generator.site_urls(md) == generator.SiteUrls("https://example.org/guide/", False)
    report = BeautifulSoup(md.convert(PYTHON), "lxml").select_one("a.resource-report")["href"]
    body = parse_qs(urlsplit(report).query)["body"][0]
    assert body.startswith("**Page:** 5 Python (https://example.org/guide/python.html)")
