"""One parsed tree per page (scripts/build/document.py): serializing is stable across a re-parse."""

from __future__ import annotations

from scripts.build import document


def test_a_serialized_tree_reads_the_same_once_re_parsed():
    """Notebook pages are served from their cached serialization on a rebuild and from the tree
    on a cold build: both must give the same bytes, even after a step removed the first element
    and left its whitespace tail at the front."""
    root = document.parse("<script>x()</script>\n\n  <!-- note -->\n<p>text</p>")
    root.remove(root[0])  # what notebook_page.transform does to mkdocs-jupyter's scripts
    once = document.serialize(root)
    assert once == "<!-- note -->\n<p>text</p>"
    assert document.serialize(document.parse(once)) == once


def test_text_before_the_first_element_is_kept_when_it_is_not_blank():
    root = document.parse("Lead &amp; text <p>x</p>")
    assert document.serialize(root) == "Lead &amp; text <p>x</p>"
