"""Home page in real Chromium: clean console, a working learning map, working suggested paths."""

from __future__ import annotations

import pytest
from br_helpers import mark_document, same_document, section_slugs, wait_for_page

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
    assert sorted(found) == sorted(section_slugs()), "the map must show all ten sections"


@pytest.mark.sweep  # make test clicks the first step of each path (below)
def test_every_map_node_navigates_to_its_section(page, site_url):
    page.goto(site_url)
    for slug in section_slugs():
        page.locator(f'{MAP_NODES}[data-section="{slug}"]').click()
        wait_for_page(page, f"{site_url}{slug}/")
        page.go_back()
        page.locator(MAP_NODES).first.wait_for()


def test_instant_navigation_to_home_keeps_the_map(page, site_url):
    # Material's link rewriting used to throw on the map's SVG links (see assets/main.html).
    page.goto(f"{site_url}python/")
    mark_document(page)
    page.locator(f'.md-sidebar--primary a.md-nav__link[href="{site_url}"]').first.click()
    wait_for_page(page, site_url)
    page.locator(MAP_NODES).first.wait_for()
    assert same_document(page), "expected instant navigation to the home page"
    page.locator(f'{MAP_NODES}[data-section="python"]').click()
    wait_for_page(page, f"{site_url}python/")


def test_suggested_paths_work(page, site_url, context):
    page.goto(site_url)
    paths = page.evaluate(PATH_LINKS_JS)
    assert paths, "the home page has no 'Suggested paths' section (h2#suggested-paths)"
    assert 2 <= len(paths) <= 3, f"expected 2-3 paths: {[p['title'] for p in paths]}"
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
        relative = first.removeprefix(site_url)
        # Material makes links absolute once it starts; accept either form.
        page.locator(
            f'article.md-content__inner ol a:is([href="{first}"], [href="{relative}"])'
        ).first.click()
        wait_for_page(page, first)
