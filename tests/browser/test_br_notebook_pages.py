"""Notebook pages: the three buttons, a real .ipynb download, styles after instant navigation."""

from __future__ import annotations

import json

import nbformat
import pytest
from br_helpers import (
    REPO_URL,
    default_branch,
    mark_document,
    notebook_names,
    same_document,
    settle,
    wait_for_page,
)
from support import ROOT, sample_then_sweep

pytestmark = pytest.mark.browser

BAR = "article.md-content__inner div.notebook-buttons"
# Computed styles that only the notebook stylesheet gives these elements.
STYLE_PROBE_JS = """() => {
  const pick = (selector, props) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const style = getComputedStyle(el);
    return Object.fromEntries(props.map(p => [p, style.getPropertyValue(p)]));
  };
  return {
    cell: pick('.jupyter-wrapper .jp-Cell', ['display', 'padding-top', 'margin-top']),
    inputArea: pick('.jupyter-wrapper .jp-InputArea', ['display', 'flex-direction']),
    prompt: pick('.jupyter-wrapper .jp-InputPrompt', ['color', 'text-align', 'font-family']),
    editor: pick('.jupyter-wrapper .jp-InputArea-editor',
                 ['background-color', 'border-top-width', 'border-top-style']),
  };
}"""


def expected_links(name: str) -> dict[str, str]:
    owner_repo = REPO_URL.removeprefix("https://github.com/").strip("/")
    path = f"blob/{default_branch()}/notebooks/{name}.ipynb"
    return {
        "colab": f"https://colab.research.google.com/github/{owner_repo}/{path}",
        "source": f"{REPO_URL.rstrip('/')}/{path}",
    }


@pytest.mark.parametrize("name", sample_then_sweep(notebook_names()))
def test_buttons_point_at_the_right_files(page, site_url, name):
    page.goto(f"{site_url}notebooks/{name}/")
    bar = page.locator(BAR)
    assert bar.count() == 1, f"notebooks/{name}/ has no div.notebook-buttons bar"
    links = {
        kind: bar.locator(f"a.notebook-button--{kind}") for kind in ("colab", "download", "source")
    }
    for kind, link in links.items():
        assert link.count() == 1, f"notebooks/{name}/: missing a.notebook-button--{kind}"
        assert link.is_visible()
    for kind, url in expected_links(name).items():
        assert links[kind].get_attribute("href") == url
    download = links["download"]
    assert download.get_attribute("download") is not None, "the download link needs `download`"
    target = download.evaluate("a => a.href")
    assert target == f"{site_url}notebooks/{name}.ipynb"


def test_download_returns_the_valid_notebook(page, site_url, tmp_path):
    name = notebook_names()[0]
    page.goto(f"{site_url}notebooks/{name}/")
    with page.expect_download() as info:
        page.locator(f"{BAR} a.notebook-button--download").click()
    download = info.value
    assert download.suggested_filename == f"{name}.ipynb"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    notebook = nbformat.read(saved, as_version=4)
    nbformat.validate(notebook)
    source = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert [cell["source"] for cell in json.loads(saved.read_text())["cells"]] == [
        cell["source"] for cell in source["cells"]
    ], "the download is not the repository's notebook"


def test_notebook_styles_survive_instant_navigation(page, site_url):
    name = notebook_names()[0]
    page.goto(f"{site_url}notebooks/{name}/")
    direct = page.evaluate(STYLE_PROBE_JS)
    assert all(direct.values()), f"notebook page lacks cell elements: {direct}"
    assert direct["inputArea"]["display"] == "flex", "the notebook stylesheet is not applied"
    # The page before the first notebook in the nav; its footer "Next" link leads there.
    page.goto(f"{site_url}online-courses/")
    mark_document(page)
    page.locator(f'a.md-footer__link--next[href$="/notebooks/{name}/"]').click()
    wait_for_page(page, f"{site_url}notebooks/{name}/")
    assert same_document(page), "expected instant navigation, got a full page load"
    assert page.evaluate(STYLE_PROBE_JS) == direct, "styles differ after instant navigation"


CONTRAST_JS = """
(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => v / 255).map((v) =>
      v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const fg = lum(getComputedStyle(el).color);
  const bg = lum(getComputedStyle(document.querySelector(".md-main")).backgroundColor
              .includes("rgba(0, 0, 0, 0)") ? getComputedStyle(document.body).backgroundColor
              : getComputedStyle(document.querySelector(".md-main")).backgroundColor);
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}
"""


@pytest.mark.parametrize("dark", sample_then_sweep([False, True]))
def test_prompts_have_enough_contrast(page, dark_page, site_url, dark):
    shown = dark_page if dark else page
    shown.goto(f"{site_url}notebooks/{notebook_names()[0]}/")
    settle(shown)
    for selector in (".jp-InputPrompt", ".jp-OutputPrompt"):
        element = shown.locator(selector).first
        assert element.evaluate(CONTRAST_JS) >= 4.5, f"{selector}, dark={dark}"
        assert element.evaluate("el => getComputedStyle(el).opacity") == "1"
