"""Typed resource links render with an icon and a label; an unknown type fails the build."""

import sys

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


EDGE_CASES = """# Sample

- [@video@First](https://one.example/): with [@book@Second](https://two.example/) on its line.
- Read [@paper@Third](https://three.example/#part) mid-sentence. About 5 minutes.

Inline code shows the syntax: `[@video@Not a link](https://inline.example/)`, and a title may
hold code: [@docs@The `nan` guide](https://four.example/).

````markdown
```
[@tool@In a fence](https://fence.example/)
```
~~~
[@tool@Still in the fence](https://fence2.example/)
````
"""


def test_the_resource_count_and_the_health_page_count_the_same_links(tmp_path, monkeypatch):
    from scripts.build import facts, resource_health
    from scripts.build.markup import project

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "sample.md").write_text(EDGE_CASES, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("nav: []\n", encoding="utf-8")
    callers = []
    find = typed_links.find_typed_links

    def spy(markdown, *args):
        callers.append(sys._getframe(1).f_globals["__name__"])
        return find(markdown, *args)

    monkeypatch.setattr(typed_links, "find_typed_links", spy)
    count = facts.count_resources(tmp_path)
    inventory = project.resource_inventory(tmp_path)
    table = resource_health.health_table(inventory, None)

    wanted = ["https://one.example/", "https://two.example/", "https://three.example/#part",
              "https://four.example/"]
    assert [r.url for r in inventory] == wanted
    assert [r.title for r in inventory] == ["First", "Second", "Third", "The `nan` guide"]
    assert count == len(inventory) == 4
    assert "none of the 4 resource links" in table
    assert set(callers) == {facts.__name__, resource_health.__name__}  # one definition, shared
    assert typed_links.find_unknown_types(EDGE_CASES) == []


def test_typed_links_in_inline_code_and_fences_are_not_links():
    found = list(typed_links.find_typed_links(EDGE_CASES))
    assert [(link.line, link.type) for link in found] == [
        (3, "video"), (3, "book"), (4, "paper"), (7, "docs")]
    assert typed_links.find_unknown_types("`[@podcast@shown](https://a.example)`") == []


def test_time_budgets_read_the_same_links_on_resource_lines():
    from scripts.build import time_budget

    # A resource line starts with its link: line 3 does (and lacks its time), line 4 does not.
    resources, errors = time_budget.parse_resources(EDGE_CASES, {})
    assert resources == []
    assert [e.line for e in errors] == [3]
    assert "resource 'First' has no duration" in errors[0].message
    timed, _ = time_budget.parse_resources(EDGE_CASES.replace("its line.", "About 2 hours."), {})
    assert [(r.line, r.url, r.minutes) for r in timed] == [(3, "https://one.example/", 120)]
