"""Glossary: one source file, each term once, tooltips on every page, a generated Glossary page."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest
from support import ROOT, apply_step

from scripts.build import glossary

TERMS = glossary.parse_glossary((ROOT / glossary.GLOSSARY_FILE).read_text(encoding="utf-8"))


def test_glossary_has_at_least_40_terms_each_defined_once():
    names = [t.term.casefold() for t in TERMS]
    assert len(names) >= 40
    assert len(names) == len(set(names))


def test_definitions_are_one_or_two_sentences():
    for term in TERMS:
        sentences = re.findall(r"[.!?](?:\s|$)", term.definition)
        assert 1 <= len(sentences) <= 2, f"{term.term}: {term.definition}"


def test_repeated_term_is_an_error_naming_both_lines():
    text = "*[Epoch]: One pass.\n\n*[epoch]: Another pass.\n"
    message = r"glossary-terms.md:3: 'epoch' is already defined on line 1"
    with pytest.raises(ValueError, match=message):
        glossary.parse_glossary(text, "docs/glossary-terms.md")


def test_malformed_line_is_an_error_naming_the_line():
    with pytest.raises(ValueError, match=r"terms.md:2: not a glossary line"):
        glossary.parse_glossary("*[loss]: A number.\nloss - a number\n", "terms.md")


def test_wrap_terms_skips_code_links_headings_and_math():
    terms = [glossary.Term("loss", "How wrong.", 1), glossary.Term("loss function", "Formula.", 2)]
    html = ('<h2>loss</h2><p>The loss function and the loss. <code>loss</code> '
            '<a href="x">loss</a> $loss$</p><script>var loss = 1;</script>')
    wrapped = apply_step(glossary.wrap_terms, html, terms)
    assert '<abbr title="Formula.">loss function</abbr> and the' in wrapped
    assert 'the <abbr title="How wrong.">loss</abbr>.' in wrapped
    assert "<h2>loss</h2>" in wrapped
    assert "<code>loss</code>" in wrapped and '<a href="x">loss</a>' in wrapped
    assert "$loss$" in wrapped and "var loss = 1;" in wrapped


def test_focusable_abbreviations_only_outside_links():
    html = '<p><abbr title="a">GPU</abbr> <a href="#"><abbr title="b">CPU</abbr></a></p>'
    result = apply_step(glossary.focusable_abbreviations, html)
    assert '<abbr tabindex="0" title="a">GPU</abbr>' in result
    assert '<a href="#"><abbr title="b">CPU</abbr></a>' in result


def test_every_term_has_a_tooltip_on_some_page_other_than_the_glossary(site_pages):
    found: set[str] = set()
    for path, page in site_pages.items():
        if PurePosixPath(path).parent.name == "glossary":
            continue
        found.update(abbr.get_text() for abbr in page.soup.select("article abbr[title]"))
    missing = [t.term for t in TERMS if t.term not in found]
    assert not missing, f"glossary terms used on no page: {missing}"


def test_tooltips_are_keyboard_focusable_outside_links(site_pages):
    # Inside a link, button or <summary> a focusable <abbr> would nest interactive elements.
    outside = [abbr for page in site_pages.values()
               for abbr in page.soup.select("article abbr[title]")
               if not abbr.find_parent(["a", "button", "summary", "label"])]
    assert outside
    assert all(a.get("tabindex") == "0" for a in outside)


def test_notebook_pages_get_glossary_tooltips(site_pages):
    pages = site_pages.under("notebooks")
    assert pages
    with_terms = [p for p in pages if p.soup.select("article abbr[title][tabindex='0']")]
    assert with_terms, "no notebook page has a glossary tooltip"


def test_glossary_page_lists_every_term_with_an_anchor(site_pages):
    soup = site_pages.soup("glossary/index.html")
    listed = {dt["id"]: dt.get_text() for dt in soup.select("dl.glossary-list dt[id]")}
    assert sorted(listed.values()) == sorted(t.term for t in TERMS)
    assert all(listed[t.anchor] == t.term for t in TERMS)


def test_glossary_source_is_not_published_as_a_page(built_site):
    assert not (built_site / "glossary-terms" / "index.html").exists()


def test_glossary_comes_after_notebooks_and_before_contact(site_pages):
    nav = site_pages.soup("index.html").select_one("nav.md-nav--primary")
    hrefs = [a.get("href", "") for a in nav.select("a.md-nav__link[href]")]
    last_notebook = max(i for i, href in enumerate(hrefs) if "notebooks/" in href)
    glossary_at = next(i for i, href in enumerate(hrefs) if href.rstrip("/").endswith("glossary"))
    contact_at = next(i for i, href in enumerate(hrefs) if href.rstrip("/").endswith("contact"))
    assert last_notebook < glossary_at < contact_at
