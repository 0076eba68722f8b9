"""The home page's learning map: one keyboard-reachable link per section, and a text alternative."""

from __future__ import annotations

import pytest
from sitedata import SECTION_SLUGS


@pytest.fixture(scope="module")
def learning_map(site_pages):
    soup = site_pages.soup("index.html")
    wrapper = soup.select_one("div.learning-map#learning-map")
    assert wrapper is not None, "home page has no <div class='learning-map' id='learning-map'>"
    return wrapper


def test_map_has_one_link_per_section_in_order(learning_map):
    links = learning_map.select("svg a")
    assert [a.get("data-section") for a in links] == SECTION_SLUGS


def test_every_map_link_resolves_to_a_built_page(learning_map, built_site):
    for link in learning_map.select("svg a"):
        href = link.get("href", "")
        assert not href.startswith(("http:", "https:", "/")), f"map link {href} is not relative"
        target = built_site / href / "index.html"
        assert target.is_file(), f"map node {link['data-section']} links {href}, which is not built"
        assert href.rstrip("/") == link["data-section"]


def test_map_has_a_text_alternative(learning_map):
    svg = learning_map.select_one("svg")
    assert svg.get("role") != "img", "role=img would hide the map's links from screen readers"
    label_ids = svg.get("aria-labelledby", "").split()
    assert label_ids, "the map's svg has no aria-labelledby"
    for label_id in label_ids:
        label = learning_map.find(id=label_id)
        assert label is not None and label.get_text(strip=True), f"empty or missing #{label_id}"
    items = learning_map.select(".learning-map__text ol > li")
    assert len(items) == len(SECTION_SLUGS), "the text version must list all ten sections"
    for link in learning_map.select("svg a"):
        assert link.get("aria-label") or link.get_text(strip=True), link


def test_map_uses_no_script_and_no_raster(learning_map):
    assert learning_map.find("script") is None
    assert learning_map.find("image") is None and learning_map.find("img") is None
    assert learning_map.find("foreignobject") is None
