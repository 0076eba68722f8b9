"""The offline copy (`make offline`) works from file://: pages, search, progress, no network."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from support import ROOT

from scripts.build import make_offline
from scripts.build import offline as offline_copy

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def offline_index(tmp_path_factory, built_site) -> Path:
    """`make offline`'s script run once into a temporary folder; the unzipped index.html.

    After the suite's own build (built_site), so that mkdocs-jupyter's cache is complete.
    """
    work = tmp_path_factory.mktemp("offline")
    zip_path = work / "getting-started-offline.zip"
    make_offline.main(["--project", str(ROOT), "--site-dir", str(work / "site"),
                       "--zip", str(zip_path)])
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / make_offline.FOLDER_IN_ZIP / "index.html"


def test_remote_shim_is_replaced_by_the_vendored_copy():
    remote = ["https://unpkg.com/iframe-worker/shim"]
    assert offline_copy.local_polyfills(remote) == [offline_copy.LOCAL_SHIM]
    assert offline_copy.local_polyfills(["other.js"]) == ["other.js"]
    assert (ROOT / "assets" / offline_copy.LOCAL_SHIM).is_file()


def test_offline_copy_turns_instant_navigation_off():
    features = ["navigation.instant", "navigation.instant.progress", "search.suggest"]
    assert offline_copy.without_instant(features) == ["search.suggest"]


@pytest.mark.parametrize(
    ("href", "expected"),
    [("python/", "python.html"), ("../python/#setup", "../python.html#setup"),
     ("./", "./index.html"), ("../", "../index.html"), ("python.html", "python.html"),
     ("https://a.example/x/", "https://a.example/x/"), ("#top", "#top")],
)
def test_folder_links_become_html_files(href, expected):
    assert offline_copy.file_href(href) == expected


def test_zip_holds_one_folder_with_the_site(tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    count = make_offline.zip_site(site, tmp_path / "copy.zip")
    names = zipfile.ZipFile(tmp_path / "copy.zip").namelist()
    assert count == 2
    assert sorted(names) == [f"{make_offline.FOLDER_IN_ZIP}/index.html",
                             f"{make_offline.FOLDER_IN_ZIP}/search/search_index.js"]


@pytest.mark.sweep  # a second build, of the offline variant
def test_offline_copy_searches_from_file_urls(offline_index, learner):
    page = learner.page
    root = offline_index.parent.as_uri() + "/"
    page.goto(offline_index.as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("gradient")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=20000)
    assert results.count() > 0
    assert "matching document" in page.locator(".md-search-result__meta").inner_text()
    assert learner.foreign_requests(root) == [], "the offline copy reached outside file://"


@pytest.mark.sweep  # a second build, of the offline variant
def test_offline_copy_uses_plain_links_and_tracks_progress(offline_index, learner):
    page = learner.page
    root = offline_index.parent.as_uri() + "/"
    page.goto(offline_index.as_uri())
    page.evaluate("window.__sameDocument = true")
    page.locator('nav.md-nav--primary a[href$="python.html"]').first.click()
    page.wait_for_url(f"{root}python.html")
    # Instant navigation is off in the offline copy: this was a full page load.
    assert page.evaluate("window.__sameDocument === undefined")
    page.locator("article button[data-progress-toggle]").click()
    page.goto(offline_index.as_uri())
    node = page.locator('#learning-map a[data-section="python"]')
    assert node.get_attribute("aria-label").endswith(", done")
    assert node.get_attribute("href") == "python.html"
    assert learner.foreign_requests(root) == []
