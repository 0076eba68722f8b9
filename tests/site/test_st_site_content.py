"""Pages are our own words, keep every seed resource, and follow the section-page structure."""

from __future__ import annotations

import re

import pytest
from site_checks import copied_runs, text_of_file, word_runs, words_of
from sitedata import SECTION_SLUGS, SEED_GUIDE, accepted_urls, audit_rows
from support import ROOT

SEED_TEXT = SEED_GUIDE.read_text(encoding="utf-8")
SEED_RUNS = word_runs(words_of(SEED_TEXT))
OUR_FILES = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_detector_catches_a_copied_sentence():
    # A seed sentence, re-cased and re-punctuated, inside text of our own.
    planted = (
        "Our intro. You should know what a NEURAL network is -- before training neural "
        "networks, you should know what a neural network is! More of our words."
    )
    runs = copied_runs(planted, SEED_RUNS)
    assert "neural networks you should know what a neural network is" in runs


def test_detector_ignores_urls_and_titles_of_works():
    # The seed's link text and URL may appear; only our own prose is compared.
    ok = (
        "- [@paper@Linear Algebra Review and Reference by Zico Kolter (updated by Chuong Do)]"
        "(http://cs229.stanford.edu/section/cs229-linalg.pdf): compact notes."
    )
    assert copied_runs(ok, SEED_RUNS) == []


def test_detector_accepts_our_own_wording():
    ours = "A neural network is a long chain of simple calculations that training adjusts."
    assert copied_runs(ours, SEED_RUNS) == []


@pytest.mark.parametrize("path", OUR_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_shares_no_ten_word_run_with_the_seed(path):
    runs = copied_runs(text_of_file(path), SEED_RUNS)
    assert not runs, (
        f"{path.relative_to(ROOT)} repeats {len(runs)} run(s) of 10+ words from the 2021 guide; "
        "rewrite them in our own words:\n  " + "\n  ".join(runs[:10])
    )


def audit_sections() -> list[str]:
    return sorted({row["section"] for row in audit_rows()})


@pytest.mark.parametrize("section", audit_sections())
def test_every_seed_resource_or_its_successor_is_linked(section, site_hrefs):
    missing = [
        row["url"]
        for row in audit_rows()
        if row["section"] == section and not any(u in site_hrefs for u in accepted_urls(row))
    ]
    assert not missing, (
        f"section '{section}': no href to these seed URLs or their successors "
        "(see seed/resources-audit.tsv):\n  " + "\n  ".join(missing)
    )


def section_blocks(soup, heading_text: str):
    """The elements after the h2 whose text starts with heading_text, up to the next h2."""
    heading = next(
        (h for h in soup.select("article h2") if h.get_text(strip=True).startswith(heading_text)),
        None,
    )
    if heading is None:
        return None
    blocks = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        blocks.append(sibling)
    return blocks


@pytest.mark.parametrize("slug", SECTION_SLUGS)
def test_section_page_has_the_standard_structure(slug, site_pages):
    soup = site_pages.section(slug).soup
    for heading in ("Do you need this section?", "The idea", "Resources"):
        assert section_blocks(soup, heading) is not None, f"/{slug}/ lacks a '{heading}' heading"
    questions = section_blocks(soup, "Check yourself")
    assert questions is not None, f"/{slug}/ lacks a 'Check yourself' heading"
    details = [b for b in questions if b.name == "details"]
    quizzes = [b for b in questions if "quiz" in (b.get("class") or [])]
    count = len(details) + len(quizzes)
    assert 3 <= count <= 5, f"/{slug}/ has {count} check-yourself questions, not 3-5"
    for block in quizzes:  # scripts/build/quiz.py; tests/learner/test_ln_quiz_*.py test the rest
        assert block.legend and block.legend.get_text(strip=True), f"/{slug}/: quiz question text"
        assert block.select("details.quiz__answers li"), f"/{slug}/: quiz without answers"
    for block in details:
        assert block.summary and block.summary.get_text(strip=True), f"/{slug}/: question text"
        assert block.get_text(strip=True) != block.summary.get_text(strip=True), (
            f"/{slug}/: the question '{block.summary.get_text(strip=True)}' has no answer"
        )
    next_blocks = section_blocks(soup, "Next")
    assert next_blocks, f"/{slug}/ lacks a 'Next' pointer"
    assert any(b.find("a", href=True) for b in next_blocks), f"/{slug}/: 'Next' links nowhere"


@pytest.mark.parametrize("slug", SECTION_SLUGS)
def test_no_link_text_says_here(slug, site_pages):
    soup = site_pages.section(slug).soup
    bad = [
        a["href"]
        for a in soup.select("article a[href]")
        if a.get_text(strip=True).lower() in {"here", "click here", "this", "link"}
    ]
    assert not bad, f"/{slug}/ has links whose text does not say where they go: {bad}"


def test_not_found_page_offers_home_sections_and_search(site_pages):
    soup = site_pages.soup("404.html")
    article = soup.select_one("article")
    assert "not found" in article.h1.get_text().lower()
    hrefs = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in article.select("a[href]")]
    for slug in SECTION_SLUGS:
        assert slug in hrefs, f"404 page does not link /{slug}/"
    assert "search" in article.get_text().lower()
    assert soup.select_one("form.md-search__form") is not None, "404 page lost the search box"


RESOURCE_LINE = re.compile(r"^\s*- \[@\w+@[^\]]*\]\([^)]*\):?\s*(?P<line>.*)$")


@pytest.mark.parametrize("path", sorted((ROOT / "docs").glob("*.md")), ids=lambda p: p.name)
def test_each_resource_has_one_line_of_at_most_25_words(path):
    problems = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = RESOURCE_LINE.match(text)
        if match and not 1 <= len(match.group("line").split()) <= 25:
            problems.append(f"{path.name}:{number}: {len(match.group('line').split())} words")
    assert not problems, "resource lines need 1-25 words of our own:\n  " + "\n  ".join(problems)


def replaced_addresses() -> set[str]:
    """Every address the history page lists as replaced, without its #fragment."""
    history = (ROOT / "docs" / "2021-links.md").read_text(encoding="utf-8")
    return {url.split("#")[0] for url in re.findall(r"\]\((https?://[^)\s]+)\)", history)}


def test_the_history_page_lists_what_it_replaced():
    assert "https://colab.research.google.com/github/tensorflow/docs/blob/master/site/en/" \
           "tutorials/keras/classification.ipynb" in replaced_addresses()


@pytest.mark.parametrize("path", [p for p in sorted((ROOT / "docs").glob("*.md"))
                                  if p.name != "2021-links.md"],  # it lists them, on purpose
                         ids=lambda p: p.name)
def test_no_page_recommends_what_the_history_page_lists_as_replaced(path):
    replaced = replaced_addresses()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for url in re.findall(r"\[@\w+@[^\]]*\]\((https?://[^)\s]+)\)", line):
            assert url.split("#")[0] not in replaced, (
                f"docs/{path.name}:{number}: {url} is listed as replaced on 2021-links.md; "
                "link what replaced it instead.")
