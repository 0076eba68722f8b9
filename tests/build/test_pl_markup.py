"""The guide's syntax as Python-Markdown extensions (scripts/build/markup/): Markdown in,
HTML out, with no MkDocs; and contract tests of the one adapter to the generator and theme."""

from __future__ import annotations

import importlib.metadata

import markdown
import mkdocs.structure.pages
import pytest
from bs4 import BeautifulSoup
from support import ROOT

from scripts.build import notebook_files
from scripts.build.adapter import WRITTEN_AGAINST
from scripts.build.markup import generator

EXTENSIONS = ["scripts.build.markup.typed_links", "scripts.build.markup.fact_markers",
              "scripts.build.markup.quizzes", "scripts.build.markup.colab_links"]
# The versions the adapter was written against (scripts/build/adapter/__init__.py): a new one
# must be checked by hand, then listed there.
MKDOCS_VERSIONS = {WRITTEN_AGAINST["mkdocs"]}
ICON_THEME_VERSIONS = {"mkdocs-material": {WRITTEN_AGAINST["mkdocs-material"]}}


def render(text: str) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, "tables"],
                             extension_configs={"scripts.build.markup.fact_markers": {"root": ROOT},
                                                "scripts.build.markup.colab_links": {"root": ROOT}})


def test_fact_markers_become_values_and_the_page_gets_its_date():
    html = render("Colab runs Python [[fact:colab-python]].\n")
    assert "[[fact:" not in html
    assert "Facts on this page checked on" in html
    assert 'href="facts.md"' in html


def test_an_unknown_fact_fails_naming_its_line():
    with pytest.raises(ValueError, match=r":3: unknown fact 'no-such-fact'"):
        render("a\n\nb [[fact:no-such-fact]]\n")


def test_the_facts_page_marker_becomes_the_table_without_a_footer():
    html = render("# Facts\n\n<!-- facts-table -->\n")
    assert "<table>" in html and "colab-python" in html
    assert "Facts on this page checked on" not in html


QUIZ = '''!!! quiz "Why a nonlinear activation?"
    - [ ] Gradients vanish without it.
          They do not; linear layers have gradients.
    - [x] Stacked layers collapse into one linear map.
          A chain of linear maps is one linear map.
'''


def test_a_quiz_reveals_nothing_before_an_answer():
    soup = BeautifulSoup(render(QUIZ), "lxml")
    quiz = soup.select_one(".quiz")
    assert quiz is not None and "[x]" not in soup.get_text() and "[ ]" not in soup.get_text()
    # The right answer is marked only inside the collapsed "All answers explained" block.
    assert not quiz.select_one(".quiz__options").find(string=lambda s: "Right" in s)
    assert quiz.select_one("details.quiz__answers") is not None


def test_a_malformed_quiz_fails_naming_its_line():
    broken = QUIZ.replace("- [x]", "- [ ]")
    with pytest.raises(ValueError, match=r":1: "):
        render(broken)


def test_colab_links_become_colab_urls():
    name = notebook_files.notebook_names(ROOT)[0]
    html = render(f"[Open it in Colab](colab:{name})\n")
    assert "colab.research.google.com/github/" in html and name in html
    assert "colab:" not in html


def test_a_colab_link_to_no_notebook_fails_naming_its_line():
    with pytest.raises(ValueError, match=r":2: colab:nope.ipynb names no notebook"):
        render("x\n[Open](colab:nope.ipynb)\n")


# --- Contract tests: the adapter's assumptions about MkDocs and the theme -------------------


def test_mkdocs_is_a_version_the_page_adapter_was_checked_against():
    version = importlib.metadata.version("mkdocs")
    assert version in MKDOCS_VERSIONS, (
        f"MkDocs {version}: check that pages still register `relpath` with a `.file` "
        "(scripts/build/markup/generator.py page_location), then update WRITTEN_AGAINST")


def test_mkdocs_relpath_treeprocessor_holds_the_page_file():
    """page_location reads the File from MkDocs' `relpath` treeprocessor: it must be there."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    file = type("File", (), {"src_uri": "python.md",
                             "content_string": "---\ndescription: x\n---\n\n# Title\n"})()
    mkdocs.structure.pages._RelativePathTreeprocessor(file, None, None)._register(md)
    location = generator.page_location(md)
    assert location == generator.Location("docs/python.md", 5)


def test_errors_name_the_file_and_the_file_line_under_mkdocs():
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "scripts.build.markup.fact_markers": {"root": ROOT}})
    source = "---\ndescription: x\n---\n\n# Title\n\nb [[fact:no-such-fact]]\n"
    file = type("File", (), {"src_uri": "python.md", "content_string": source})()
    mkdocs.structure.pages._RelativePathTreeprocessor(file, None, None)._register(md)
    with pytest.raises(ValueError, match=r"docs/python.md:7: unknown fact"):
        md.convert(source.split("---\n\n", 1)[1])


def test_the_icon_theme_is_a_version_the_adapter_was_checked_against():
    for package, versions in ICON_THEME_VERSIONS.items():
        version = importlib.metadata.version(package)
        assert version in versions, (
            f"{package} {version}: check templates/.icons/material/ still holds the icons of "
            "scripts/build/typed_links.RESOURCE_TYPES (generator.icon_dir), then update "
            "WRITTEN_AGAINST")
    assert generator.icon_dir().name == "material"


@pytest.mark.parametrize("source, first", [
    ("# T\n", 1), ("---\na: 1\n---\n# T\n", 4), ("---\na: 1\n---\n\n\n# T\n", 6),
    ("---\nnot closed\n# T\n", 1),
    ("---\na: 1\n...\n\n# T\n", 5), ("--- \na: 1\n---  \n# T\n", 4)])  # as MkDocs reads them
def test_body_start_counts_front_matter_and_the_blank_lines_after_it(source, first):
    assert generator.body_start(source) == first
