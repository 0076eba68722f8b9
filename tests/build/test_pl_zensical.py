"""The guide builds the same on Zensical, Material for MkDocs' successor, which runs
Python-Markdown extensions but no MkDocs hooks: our syntax must come out rendered there too.

Notebook pages are a known gap under Zensical (it ignores mkdocs-jupyter): see
contributing/design.md, "After Material for MkDocs". The MkDocs build is the one we deploy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_pages import Page, SitePages
from support import ROOT, copy_project

from scripts.build import glossary, resource_health, sections, typed_links
from scripts.build.markup import project

RAW_TYPED_LINK = re.compile("@(?:" + "|".join(typed_links.RESOURCE_TYPES) + ")@")
RAW_QUIZ_MARK = re.compile(r"\[[ xX]\] ")
CHECKED = "https://docs.astral.sh/uv/"  # a resource of docs/python.md
LINK_REPORT = {"generated_at": "2026-11-20T10:00:00Z", "results": [
    {"url": CHECKED, "result": "ok", "checked_at": "2026-11-20T10:00:00Z"}]}


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """`zensical build` of a copy of the project (mkdocs.yml as it is), its site folder."""
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    (project / resource_health.REPORT).parent.mkdir(exist_ok=True)
    (project / resource_health.REPORT).write_text(json.dumps(LINK_REPORT), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project)}
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout[-3000:] + done.stderr[-3000:]
    assert done.returncode == 0, f"zensical build failed:\n{output}"
    return project / "site"


def markdown_pages(site: Path) -> set[str]:
    """Every page made from docs/*.md: its folder below the site root ("" for home)."""
    return {page.parent.relative_to(site).as_posix().replace(".", "")
            for page in site.rglob("index.html")
            if not page.relative_to(site).as_posix().startswith(("notebooks/", "assets/"))}


@pytest.fixture(scope="module")
def zensical_pages(zensical_site) -> SitePages:
    """The Zensical site's pages, each parsed once for this module (tests/site_pages.py)."""
    return SitePages(zensical_site)


def article(page: Page) -> BeautifulSoup:
    return page.soup.select_one("article") or page.soup.body


def test_the_same_markdown_pages_as_the_mkdocs_build(zensical_site, built_site):
    assert markdown_pages(zensical_site) == markdown_pages(built_site)


def test_no_raw_syntax_of_ours_on_any_page(zensical_pages):
    problems = []
    for page in zensical_pages.index_pages():
        content = article(page)
        text = content.get_text(" ")
        where = page.path
        if RAW_TYPED_LINK.search(text):
            problems.append(f"{where}: raw typed link {RAW_TYPED_LINK.search(text)[0]}")
        if "[[fact:" in text:
            problems.append(f"{where}: unresolved fact marker")
        if RAW_QUIZ_MARK.search(text):
            problems.append(f"{where}: a quiz shows its [x]/[ ] marks")
        if any(a.get("href", "").startswith("colab:") for a in content.select("a")):
            problems.append(f"{where}: colab: link left as written")
    assert not problems, "\n".join(problems)


def test_quizzes_reveal_nothing_before_an_answer(zensical_pages):
    pages = [page for page in zensical_pages.index_pages() if 'class="quiz"' in page.html]
    assert len(pages) >= 10, "every section page has quizzes"
    for page in pages:
        for quiz in article(page).select(".quiz"):
            answers = quiz.select_one("details.quiz__answers")
            assert answers is not None and not answers.has_attr("open"), page.path
            shown = quiz.select_one("fieldset").get_text(" ")
            assert "Right:" not in shown and "Wrong:" not in shown, page.path


def test_facts_resolve_and_typed_links_render(zensical_pages):
    python = article(zensical_pages.section("python"))
    assert "Facts on this page checked on" in python.get_text(" ")
    links = python.select("a.resource-link")
    assert links and all(link.select_one(".resource-link__type") for link in links)
    assert all(link["data-resource-type"] in typed_links.RESOURCE_TYPES for link in links)


def test_time_budgets_and_generated_pages_render(zensical_pages):
    """The marker-driven page bodies are extensions too, so Zensical writes them."""
    for slug in ("python", "math-background"):
        assert article(zensical_pages.section(slug)).select_one("p.time-budget"), slug
    home = article(zensical_pages.section("")).get_text(" ")
    assert "weeks at" in home, "the suggested paths lost their totals"
    glossary = article(zensical_pages.section("glossary"))
    assert len(glossary.select("dl.glossary-list dt")) >= 20
    health = article(zensical_pages.section("resource-health"))
    assert len(health.select("table tr")) >= 50


def test_progress_and_health_markup_render(zensical_pages):
    """Resource lines, "Mark as done", the panel and map totals are extensions too."""
    totals = project.map_totals(ROOT)
    for section in sections.sections(sections.read_nav(ROOT / "mkdocs.yml")):
        page = article(zensical_pages.section(section.slug))
        items = page.select("li.progress-resource-item")
        assert len(items) == totals[section.slug], section.slug
        assert all(item.select_one("label > input[type=checkbox][data-progress-resource]")
                   and item.select_one(".resource-health--report a.resource-report")
                   for item in items), section.slug
        assert page.select_one("[data-progress-toggle]"), f"{section.slug}: no Mark as done"
    python = article(zensical_pages.section("python"))
    checked = python.select_one(f'a.resource-link[href="{CHECKED}"]').find_parent("li")
    assert "(Working, checked 20 Nov 2026)" in checked.select_one(".resource-health").get_text()
    report = checked.select_one("a.resource-report")["href"]
    assert "5%20Python" in report, "the report link names the page's nav title"
    home = article(zensical_pages.section(""))
    assert home.select_one("#learning-map + #progress-panel"), "the panel follows the map"
    assert {a["data-section"]: int(a["data-resource-total"])
            for a in home.select("a[data-section]")} == totals


def test_glossary_terms_are_focusable(zensical_pages):
    terms = article(zensical_pages.section("python")).select("abbr[title]")
    interactive = sorted(glossary.INTERACTIVE)  # a focusable term there would nest controls
    outside = [abbr for abbr in terms if not abbr.find_parent(interactive)]
    inside = [abbr for abbr in terms if abbr.find_parent(interactive)]
    assert outside and all(abbr.get("tabindex") == "0" for abbr in outside)
    assert inside and not any(abbr.has_attr("tabindex") for abbr in inside)
