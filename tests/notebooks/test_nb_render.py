"""Every notebook is a light, same-origin page of the built site, with buttons and real alt text."""

import gzip
import json
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from support import ROOT

from scripts.benchmarks import audit_pages
from scripts.build.notebook_links import colab_url, edit_url, source_url
from scripts.build.sections import read_config

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STYLESHEET_BUDGET_GZIP = 20_000
SITE = "https://example.org/site/"  # stand-in origin for resolving relative URLs
RESOURCE_ATTRS = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
    "audio": "src", "embed": "src", "object": "data",
}  # fmt: skip


def repo_settings():
    config = read_config(ROOT / "mkdocs.yml")
    return config["repo_url"].rstrip("/"), config["extra"]["default_branch"]


def page_of(site: Path, notebook: Path) -> Path:
    return site / "notebooks" / notebook.stem / "index.html"


def notebook_title(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"]).splitlines()[0]
    return first.removeprefix("# ").strip()


def soup_of(site_pages, notebook: Path) -> BeautifulSoup:
    """The notebook's page, parsed once for the session (tests/site_pages.py); never change it."""
    return site_pages.soup(f"notebooks/{notebook.stem}/index.html")


def loaded_urls(soup: BeautifulSoup) -> list[str]:
    """URLs the browser fetches by itself while loading the page (not links the reader clicks)."""
    urls = [
        tag[attr]
        for name, attr in RESOURCE_ATTRS.items()
        for tag in soup.find_all(name)
        if tag.get(attr)
    ]
    for link in soup.find_all("link", href=True):
        if {"stylesheet", "preload", "modulepreload", "icon", "manifest"} & set(
            link.get("rel", [])
        ):
            urls.append(link["href"])
    return urls


def test_there_are_ten_notebooks():
    assert len(NOTEBOOKS) == 10


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_is_an_html_page_with_its_title(built_site, site_pages, notebook):
    page = page_of(built_site, notebook)
    assert page.is_file(), f"{notebook.name} has no page at {page.relative_to(built_site)}"
    soup = soup_of(site_pages, notebook)
    assert soup.find("h1").get_text(strip=True).rstrip("¶") == notebook_title(notebook)
    assert notebook_title(notebook) in soup.title.get_text()


def test_raw_ipynb_files_are_only_download_copies_next_to_pages(built_site):
    for copy in built_site.rglob("*.ipynb"):
        assert copy.parent == built_site / "notebooks", f"stray notebook file {copy}"
        assert (copy.parent / copy.stem / "index.html").is_file(), f"{copy.name} has no page"
        assert copy.read_bytes() == (ROOT / "notebooks" / copy.name).read_bytes()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_pages_load_nothing_from_other_origins(site_pages, notebook):
    soup = soup_of(site_pages, notebook)
    page_url = urljoin(SITE, f"notebooks/{notebook.stem}/")
    foreign = [
        u for u in loaded_urls(soup) if urlparse(urljoin(page_url, u)).netloc != "example.org"
    ]
    assert not foreign, f"{notebook.name} page loads {foreign}"
    assert not soup.select("article style"), "inline <style> left in the notebook content"
    assert not soup.select("article script"), "nbconvert <script> left in the notebook content"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_page_fits_the_size_budget(built_site, notebook):
    # The budget and the measure of make audit (scripts/benchmarks/audit_pages.py): one of each.
    page = page_of(built_site, notebook).relative_to(built_site).parent
    size = audit_pages.html_gzip_bytes(built_site, str(page))
    assert size < audit_pages.HTML_BUDGET_KB["notebook"] * 1000, f"{notebook.name}: {size} B"


def test_one_small_shared_stylesheet_is_linked_from_every_page(built_site, site_pages):
    stylesheet = built_site / "stylesheets" / "notebooks.css"
    css = stylesheet.read_text(encoding="utf-8")
    assert len(gzip.compress(css.encode())) < STYLESHEET_BUDGET_GZIP
    assert ".jp-InputPrompt" in css and ".highlight-ipynb" in css
    # css_bundle.py serves it inside stylesheets/site.css, with the site's other rules and
    # assets/stylesheets/notebook-overrides.css right after it.
    bundle = (built_site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert css in bundle
    overrides = bundle.index("notebook-overrides.css")
    assert bundle.index(css) < overrides
    plots_on_white = '[data-md-color-scheme="slate"] .jupyter-wrapper .jp-RenderedImage img'
    assert plots_on_white in bundle[overrides:]
    for page in site_pages.index_pages():
        hrefs = [link.get("href", "") for link in page.soup.find_all("link")]
        assert any(href.endswith("stylesheets/site.css") for href in hrefs), page.path


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_buttons_point_at_this_notebook(built_site, site_pages, notebook):
    repo_url, branch = repo_settings()
    bar = soup_of(site_pages, notebook).select_one("div.notebook-buttons")
    assert bar is not None, f"{notebook.name} page has no button bar"
    colab = bar.select_one("a.notebook-button--colab")
    download = bar.select_one("a.notebook-button--download")
    source = bar.select_one("a.notebook-button--source")
    assert colab["href"] == colab_url(repo_url, branch, notebook.name)
    assert source["href"] == source_url(repo_url, branch, notebook.name)
    assert download.has_attr("download")
    target = (page_of(built_site, notebook).parent / download["href"]).resolve()
    assert target == (built_site / "notebooks" / notebook.name).resolve() and target.is_file()
    for link in (colab, download, source):
        assert link.get_text(strip=True), "every button needs an accessible name"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_edit_link_points_at_the_notebook_file(site_pages, notebook):
    repo_url, branch = repo_settings()
    edit = soup_of(site_pages, notebook).select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None and edit["href"] == edit_url(repo_url, branch, notebook.name)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_output_images_are_files_with_meaningful_alt_text(built_site, site_pages, notebook):
    page = page_of(built_site, notebook)
    for img in soup_of(site_pages, notebook).select("article img"):
        assert not img["src"].startswith("data:"), "image left inline as a data URI"
        assert (page.parent / img["src"]).is_file()
        assert len(img.get("alt", "")) > 15 and "No description" not in img["alt"]
