"""Typed resource links render with an icon and a label; an unknown type fails the build."""


import markdown
from bs4 import BeautifulSoup

from scripts.build import typed_links
from scripts.build.markup.generator import icon_svg


def test_find_unknown_types_reports_line_and_name():
    markdown = "# T\n\n- [@video@Fine](https://a.example)\n- [@podcast@Nope](https://b.example)\n"
    assert typed_links.find_unknown_types(markdown) == [typed_links.UnknownType(4, "podcast")]


def test_find_unknown_types_skips_code_blocks():
    markdown = "```md\n[@podcast@Shown as code](https://a.example)\n```\n"
    assert typed_links.find_unknown_types(markdown) == []


def test_render_typed_links_adds_icon_and_accessible_label():
    html = markdown.markdown("[@book@Deep *Learning*](https://a.example)",
                             extensions=["scripts.build.markup.typed_links"])
    soup = BeautifulSoup(html, "lxml")
    link = soup.a
    assert link["href"] == "https://a.example"
    assert link["data-resource-type"] == "book"
    assert link.select_one(".resource-link__icon")["aria-hidden"] == "true"
    assert link.select_one(".resource-link__icon svg") is not None
    assert link.get_text() == "Book: Deep Learning"
    assert link.em.get_text() == "Learning", "the title keeps its inline Markdown"
    assert "resource-link" in link["class"]


def test_an_unknown_type_fails_with_its_line():
    text = "# T\n\n- [@video@Fine](https://a.example)\n- [@podcast@Nope](https://b.example)\n"
    try:
        markdown.markdown(text, extensions=["scripts.build.markup.typed_links"])
    except ValueError as error:
        assert ":4: unknown resource type '@podcast@'" in str(error)
    else:
        raise AssertionError("an unknown resource type was accepted")


def test_every_type_has_an_icon_file():
    for label, icon in typed_links.RESOURCE_TYPES.values():
        assert icon_svg(icon).startswith("<svg"), label


def test_built_pages_have_no_raw_typed_link_text(site_pages):
    for path, page in site_pages.items():
        assert "@video@" not in page.text and "@docs@" not in page.text, path


def test_built_site_renders_typed_links(site_pages):
    soup = site_pages.soup("math-background/index.html")
    links = soup.select("a.resource-link")
    assert links, "no typed resource links rendered on the math page"
    assert all(link["data-resource-type"] in typed_links.RESOURCE_TYPES for link in links)
