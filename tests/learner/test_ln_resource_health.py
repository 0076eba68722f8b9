"""Resource health: each resource line and the Resource health page show the latest check."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from reported_build import COPY, result
from site_checks import scan_html
from support import apply_step

from scripts.build import resource_health


def test_notes_for_each_result():
    assert resource_health.health_note(None) == ""  # no result: no note that claims a check
    assert "Working, checked 20 Nov 2026" in resource_health.health_note(result("u", "ok"))
    moved = resource_health.health_note(result("u", "moved", final_url="https://new.example/"))
    assert 'Moved, checked 20 Nov 2026: <a href="https://new.example/">new address</a>' in moved
    assert "Broken" in resource_health.health_note(result("u", "broken"))
    assert "Could not verify automatically" in resource_health.health_note(
        result("u", "unverifiable"))


def test_broken_and_reviewed_notes_link_the_archived_copy():
    broken = resource_health.health_note(result("u", "broken", archive_url=COPY))
    assert f'Broken, checked 20 Nov 2026: <a class="resource-archive" href="{COPY}"' in broken
    assert "archived copy</a>)</span>" in broken
    moved = resource_health.health_note(result("u", "moved", final_url="https://new.example/",
                                               review=True, archive_url=COPY))
    assert '>new address</a>; <a class="resource-archive"' in moved
    assert "archived copy" not in resource_health.health_note(result("u", "broken"))


def test_annotate_adds_the_report_link_after_the_note():
    page = ('<ul><li><a href="https://a.example/" class="resource-link" data-resource-type="docs">'
            '<span class="resource-link__type">Docs: </span>A &amp; B</a>: about A.</li></ul>')
    index = resource_health.results_by_url({"results": [result("https://a.example/", "ok")]})
    seen = []

    def report_link(url, title):
        seen.append((url, title))
        return "<span>REPORT</span>"

    annotated = apply_step(resource_health.annotate_resources, page, index, report_link)
    assert annotated.endswith("(Working, checked 20 Nov 2026)</span> <span>REPORT</span></li></ul>")
    assert seen == [("https://a.example/", "A & B")]


def test_an_unchecked_line_gets_no_note_but_keeps_its_report_link():
    page = ('<ul><li><a href="https://a.example/" class="resource-link" data-resource-type="docs">'
            "A</a>: about A.</li></ul>")
    annotated = apply_step(resource_health.annotate_resources, page, {},
                           lambda url, title: "<span>REPORT</span>")
    assert "resource-health" not in annotated and "checked" not in annotated.lower()
    assert annotated.endswith(": about A. <span>REPORT</span></li></ul>")


def test_trailing_slash_differences_still_match():
    index = resource_health.results_by_url({"results": [result("https://a.example/x/", "ok")]})
    assert resource_health.find_result(index, "https://a.example/x")["result"] == "ok"


def test_annotate_puts_the_note_at_the_end_of_the_line():
    page = ('<ul><li><a href="https://a.example/" class="resource-link" data-resource-type="docs">'
            "A</a>: about A.</li></ul>")
    index = resource_health.results_by_url({"results": [result("https://a.example/", "ok")]})
    annotated = apply_step(resource_health.annotate_resources, page, index)
    assert annotated.endswith(': about A. <span class="resource-health resource-health--ok">'
                              "(Working, checked 20 Nov 2026)</span></li></ul>")


def test_resources_in_markdown_skips_code_blocks():
    markdown = ("# Python\n\n- [@docs@Docs](https://d.example/): x\n"
                "```\n[@tool@T](https://t.example/)\n```\n")
    found = resource_health.resources_in_markdown(markdown, "python.md")
    found_facts = [(r.url, r.type, r.page_title) for r in found]
    assert found_facts == [("https://d.example/", "docs", "Python")]


def test_notebook_markdown_cells_are_scanned():
    notebook = {"cells": [
        {"cell_type": "markdown", "source": ["# NB\n", "- [@paper@P](https://p.example/)\n"]},
        {"cell_type": "code", "source": "print('[@tool@T](https://t.example/)')"},
        {"cell_type": "markdown", "source": "```\nan unclosed fence ends with its cell"},
        {"cell_type": "markdown", "source": "See [@video@V](https://v.example/)."},
    ]}
    found = resource_health.notebook_inventory(notebook, "notebooks/nb.ipynb")
    assert [(r.url, r.page_title) for r in found] == [("https://p.example/", "NB"),
                                                      ("https://v.example/", "NB")]


def test_broken_report_names_the_file(tmp_path):
    report = tmp_path / "link-check.json"
    report.write_text("{oops", encoding="utf-8")
    with pytest.raises(ValueError, match=r"link-check.json:1: not valid JSON"):
        resource_health.load_report(report)


def health_page(site) -> BeautifulSoup:
    """The Resource health page of the build with reports (not the suite's shared build)."""
    return BeautifulSoup((site / "resource-health" / "index.html").read_text("utf-8"), "lxml")


def health_rows(soup):
    rows = {}
    for tr in soup.select("article table tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.select("td")]
        rows[tr.select_one("td a")["href"]] = cells
    return rows


@pytest.mark.sweep  # a second build, with reports (learner/reported_build.py)
def test_build_with_a_report_shows_status_on_lines_and_page(reported_build):
    site, _ = reported_build
    page = BeautifulSoup((site / "contact" / "index.html").read_text("utf-8"), "lxml")
    note = ".resource-health:not(.resource-health--report)"  # the report link shares the class
    notes = {li.select_one("a.resource-link")["href"]: li.select_one(note)
             for li in page.select("article li") if li.select_one("a.resource-link")}
    assert "Working, checked 20 Nov 2026" in notes["https://working.example.org/"].get_text()
    moved = notes["https://old.example.org/talk"]
    assert moved.select_one("a")["href"] == "https://new.example.org/talk"
    assert notes["https://unchecked.example.org/"] is None  # unchecked: the line claims nothing
    health = health_page(site)
    rows = health_rows(health)
    assert rows["https://working.example.org/"][1:] == ["docs", "Contact", "Working", "20 Nov 2026"]
    assert rows["https://old.example.org/talk"][3].startswith("Moved")
    assert rows["https://unchecked.example.org/"][3:] == ["Not yet checked", ""]
    # A broken resource: "archived copy" on its line and on the Resource health page.
    gone = "https://gone.example.org/paper"
    assert notes[gone].select_one("a.resource-archive")["href"] == COPY
    assert rows[gone][3] == "Broken: archived copy of Sample broken"
    assert health.select_one(f'article td a[href="{COPY}"]')["data-linkcheck"] == "skip"
    # Every resource line: a small "report a problem" link to a pre-filled GitHub issue.
    for li in page.select("article li"):
        resource = li.select_one("a.resource-link")
        if not resource:
            continue
        report = li.select_one(".resource-health--report a")
        query = parse_qs(urlsplit(report["href"]).query)
        assert report["href"].startswith(
            "https://github.com/trainingnns/getting-started-with-neural-networks/issues/new?")
        assert resource["href"] in query["body"][0] and "Contact" in query["body"][0]
        assert "/contact/" in query["body"][0]
    report_title = parse_qs(urlsplit(notes[gone].find_next("a", class_="resource-report")
                                     ["href"]).query)["title"][0]
    assert "Sample broken" in report_title
    # Plain links only: nothing from the archive or GitHub loads before a click.
    contact_html = (site / "contact" / "index.html").read_text("utf-8")
    assert not scan_html(contact_html, "contact/index.html")
    assert "web.archive.org" not in contact_html.replace(f'href="{COPY}"', "")


def test_health_page_lists_every_typed_resource(site_pages):
    listed = set(health_rows(site_pages.soup("resource-health/index.html")))
    on_pages = set()
    for page in site_pages.index_pages():
        on_pages.update(a["href"] for a in page.soup.select("article a.resource-link"))
    assert on_pages and on_pages <= listed


def test_the_health_table_says_what_its_count_counts():
    markdown = "# P\n\n- [@docs@A](https://a.example/): x\n- [@docs@A](https://a.example/): y\n"
    resources = resource_health.resources_in_markdown(markdown, "p.md")
    unchecked = resource_health.health_table(resources, None).splitlines()[0]
    assert unchecked == ("No link-check report yet, so none of the 2 resource links (a resource "
                         "linked from two pages counts twice) has been checked.")
    report = {"generated_at": "2026-11-20T05:00:00Z",
              "results": [result("https://a.example/", "ok")]}
    checked = resource_health.health_table(resources, report).splitlines()[0]
    assert checked.startswith("Latest link check: 20 Nov 2026. 2 resource links (")
    assert checked.endswith(": 2 working.")
