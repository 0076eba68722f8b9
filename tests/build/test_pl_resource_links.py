"""The archived-copy and report-a-problem links of a resource line (scripts/build)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from site_checks import scan_html

from scripts.build import resource_links

REPO = "https://github.com/trainingnns/getting-started-with-neural-networks"
COPY = "https://web.archive.org/web/20210301000000/https://gone.example/a?x=1&y=2"


def result(verdict, **extra):
    return {"url": "https://gone.example/a?x=1&y=2", "result": verdict, "archive_url": COPY,
            "review": verdict == "moved", **extra}


def test_archive_link_for_broken_and_reviewed_moves_only():
    link = BeautifulSoup(resource_links.archive_link_html(result("broken"), "Old guide"), "lxml").a
    assert link["href"] == COPY and link.get_text() == "archived copy of Old guide"
    assert link.select_one(".visually-hidden").get_text() == " of Old guide"
    assert link["data-linkcheck"] == "skip" and "noreferrer" in link["rel"]
    assert resource_links.archive_link_html(result("moved"))
    for verdict in ("ok", "unverifiable", "flaky"):
        assert resource_links.archive_link_html(result(verdict)) == ""
    assert resource_links.archive_link_html(result("broken", archive_url=None)) == ""
    assert resource_links.archive_link_html(result("broken", archive_url="javascript:x")) == ""
    assert resource_links.archive_link_html(None) == ""


def test_archive_link_in_a_table_cell_has_no_pipe():
    cell = resource_links.archive_link_markdown(result("broken", archive_url=COPY + "|z"))
    assert "|" not in cell and "&#124;z" in cell
    assert resource_links.archive_link_markdown(result("ok")) == ""


def test_report_problem_url_names_page_resource_and_url():
    url = resource_links.report_problem_url(
        REPO + "/", "5 Python", "https://guide.example/python/", "Deep & wide: a book",
        "https://book.example/?a=1&b=2#ch1")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO + "/issues/new"
    query = parse_qs(parts.query)
    assert set(query) == {"title", "body"}
    assert query["title"] == ["Problem with a resource: Deep & wide: a book"]
    body = query["body"][0]
    for text in ("5 Python", "https://guide.example/python/", "Deep & wide: a book",
                 "https://book.example/?a=1&b=2#ch1"):
        assert text in body


def test_report_problem_title_stays_short():
    url = resource_links.report_problem_url(REPO, "P", "https://g.example/", "x" * 500,
                                            "https://r.example/")
    title = parse_qs(urlsplit(url).query)["title"][0]
    assert len(title) < 160 and title.endswith("…")


def test_report_problem_html_is_a_plain_small_link():
    markup = resource_links.report_problem_html(REPO, "5 Python", "https://g.example/python/",
                                                "PyTorch", "https://pytorch.org/")
    soup = BeautifulSoup(markup, "lxml")
    span, link = soup.select_one("span.resource-health--report"), soup.a
    assert span is not None and link.get_text() == "report a problem: PyTorch"
    assert link["href"].startswith(REPO + "/issues/new?title=")
    assert link["data-linkcheck"] == "skip"
    assert set(link.attrs) == {"class", "href", "rel", "data-linkcheck"}  # no target, no ping
    assert resource_links.report_problem_html("", "P", "u", "t", "r") == ""


def test_nothing_is_loaded_from_the_archive_or_github_until_clicked():
    markup = (resource_links.archive_link_html(result("broken"), "Old guide")
              + resource_links.report_problem_html(REPO, "P", "https://g.example/", "T", COPY))
    assert scan_html(f"<html><body>{markup}</body></html>", "page.html") == []
    assert "<link" not in markup and "<img" not in markup and "<iframe" not in markup
