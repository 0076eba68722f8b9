"""Home page in real Chromium: clean console, a working learning map, working suggested paths."""

from __future__ import annotations

import pytest
from br_helpers import mark_document, same_document, section_slugs

pytestmark = pytest.mark.browser

MAP_NODES = "#learning-map svg a[data-section]"
# Links inside the ordered lists between the "Suggested paths" heading and the next h2.
PATH_LINKS_JS = """() => {
  const heading = document.querySelector('h2#suggested-paths');
  if (!heading) return null;
  const paths = [];
  for (let el = heading.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
    if (el.tagName === 'H3') paths.push({title: el.textContent.replace('¶', '').trim(), links: []});
    if (el.tagName === 'OL' && paths.length)
      paths.at(-1).links.push(...[...el.querySelectorAll('a')].map(a => a.href));
  }
  return paths;
}"""


def test_home_loads_without_console_errors(page, site_url, recorder):
    response = page.goto(site_url)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    assert recorder.console_errors == []
    assert recorder.requests, "the request recorder saw nothing: it is not wired to the context"


def test_map_has_a_node_per_section(page, site_url):
    page.goto(site_url)
    nodes = page.locator(MAP_NODES)
    found = [nodes.nth(i).get_attribute("data-section") for i in range(nodes.count())]
    assert sorted(found) == sorted(section_slugs()), "the map must show every one of the ten sections"


def test_every_map_node_navigates_to_its_section(page, site_url):
    for slug in section_slugs():
        page.goto(site_url)
        mark_document(page)
        page.locator(f'{MAP_NODES}[data-section="{slug}"]').click()
        page.wait_for_url(f"{site_url}{slug}/")
        page.locator("article.md-content__inner h1").wait_for()
        assert same_document(page), f"map node {slug} did a full reload, not instant navigation"


def test_suggested_paths_work(page, site_url, context):
    page.goto(site_url)
    paths = page.evaluate(PATH_LINKS_JS)
    assert paths, "the home page has no 'Suggested paths' section (h2#suggested-paths)"
    assert 2 <= len(paths) <= 3, f"expected 2-3 suggested paths, found {[p['title'] for p in paths]}"
    for path in paths:
        assert len(path["links"]) >= 3, f"path {path['title']!r} has fewer than 3 steps"
        for link in path["links"]:
            assert link.startswith(site_url), f"path {path['title']!r} leaves the site: {link}"
            status = context.request.get(link).status
            assert status == 200, f"path {path['title']!r}: {link} answers {status}"


def test_first_step_of_each_path_opens_by_click(page, site_url):
    page.goto(site_url)
    paths = page.evaluate(PATH_LINKS_JS)
    assert paths, "the home page has no 'Suggested paths' section (h2#suggested-paths)"
    for path in paths:
        page.goto(site_url)
        first = path["links"][0]
        page.locator(f'article.md-content__inner ol a[href="{first.removeprefix(site_url)}"]').first.click()
        page.wait_for_url(first)
        assert page.locator("article.md-content__inner h1").count() == 1
