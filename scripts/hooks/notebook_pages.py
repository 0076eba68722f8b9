"""MkDocs hook: make mkdocs-jupyter's notebook pages light, same-origin and accessible.

- Moves the ~590 KB of CSS inlined into every notebook page into one pruned, shared stylesheet
  (stylesheets/notebooks.css, a few KB), linked from every page so that it also applies after
  Material's instant navigation, which does not load a new page's <head>.
- Drops nbconvert's scripts (MathJax/mermaid loaders from cdnjs, clipboard helper); the helper
  ships once as javascripts/notebooks.js instead.
- Writes output images as files next to the page, with width/height and real alt text taken from
  the cell's `metadata.alt` or else from the Markdown cell before it.
- Adds the Colab / download / source buttons and points "edit this page" at notebooks/NN.ipynb.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import mkdocs_jupyter
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from notebook_css import prune
from notebook_links import RepositorySettingError, buttons_html, edit_url, repository

STYLESHEET = "stylesheets/notebooks.css"
SCRIPT = "javascripts/notebooks.js"
OVERRIDES = Path(__file__).with_name("notebook_overrides.css")
JUPYTER_ASSETS = Path(mkdocs_jupyter.__file__).parent / "templates" / "mkdocs_html" / "assets"
CLIPBOARD_JS = JUPYTER_ASSETS / "clipboard.umd.js"
DATA_URI = re.compile(r"^data:image/(png|jpeg|gif);base64,(.*)$", re.S)
NO_ALT = "No description has been provided"
ALT_LIMIT = 250
_state: dict = {"css": [], "classes": set()}


def is_notebook_page(page) -> bool:
    return page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".ipynb")


def pull_styles_and_scripts(soup) -> list[str]:
    """Remove every <style>, <script> and <link> from the content; return the CSS texts."""
    css = []
    for tag in soup.find_all(["style", "script", "link"]):
        text = tag.string or ""
        # mkdocs-jupyter also emits the Python repr of a CSS list in a <style>; it is not CSS.
        if tag.name == "style" and not text.strip().startswith("["):
            css.append(text)
        tag.decompose()
    return css


def markdown_to_text(source: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", source)  # links and images -> their text
    text = re.sub(r"[`*_#>]", "", text)
    return " ".join(text.split())


def shortened(text: str, limit: int = ALT_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = cut.rfind(". ")
    return cut[: sentence_end + 1] if sentence_end > 40 else cut.rsplit(" ", 1)[0] + "…"


def alt_texts(notebook: dict) -> list[str]:
    """One alt text per code cell: its metadata.alt, else the Markdown cell before it."""
    alts, previous_markdown = [], ""
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "markdown":
            previous_markdown = markdown_to_text(source)
        elif cell.get("cell_type") == "code":
            alts.append(cell.get("metadata", {}).get("alt") or shortened(previous_markdown))
    return alts


def png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return None


def move_images_out(soup) -> dict[str, bytes]:
    """Replace data-URI images with files named by content hash (cacheable)."""
    files = {}
    for img in soup.find_all("img", src=DATA_URI):
        kind, payload = DATA_URI.match(img["src"]).groups()
        data = base64.b64decode(payload)
        name = f"figure-{hashlib.sha256(data).hexdigest()[:12]}.{kind}"
        files[name] = data
        img["src"] = name
        img["loading"] = "lazy"
        if size := png_size(data):
            img["width"], img["height"] = str(size[0]), str(size[1])
    return files


def apply_alt_texts(soup, alts: list[str]) -> None:
    # nbconvert's lab template nests a jp-CodeCell div inside each cell's own one.
    cells = [c for c in soup.select("div.jp-CodeCell") if not c.find_parent(class_="jp-CodeCell")]
    for cell, alt in zip(cells, alts, strict=False):
        for img in cell.find_all("img"):
            if not img.get("alt") or NO_ALT in img["alt"]:
                img["alt"] = alt
    # A cell with no usable text before it must still not say "no description".
    for img in soup.find_all("img"):
        if NO_ALT in img.get("alt", ""):
            img["alt"] = "Output figure of the code cell above"


def insert_buttons(soup, buttons: str) -> None:
    bar = BeautifulSoup(buttons, "html.parser")
    heading = soup.find("h1")
    if heading is not None:
        heading.insert_after(bar)
    else:
        soup.insert(0, bar)


def transform(content: str, notebook: dict, buttons: str):
    """Return (html, css blocks, image files, classes used) for one notebook page."""
    soup = BeautifulSoup(content, "html.parser")
    css = pull_styles_and_scripts(soup)
    images = move_images_out(soup)
    apply_alt_texts(soup, alt_texts(notebook))
    insert_buttons(soup, buttons)
    classes = {name for tag in soup.find_all(class_=True) for name in tag["class"]}
    return str(soup), css, images, classes


def on_config(config):
    try:
        repository(config)
    except RepositorySettingError as error:
        raise PluginError(str(error)) from error
    # Linked from every page: instant navigation keeps the first page's <head>.
    config.extra_css.append(STYLESHEET)
    config.extra_javascript.append(SCRIPT)
    return config


def on_pre_build(config):
    _state["css"], _state["classes"] = [], set()


def on_page_content(html, page, config, files):
    if not is_notebook_page(page):
        return html
    repo_url, branch = repository(config)
    name = Path(page.file.src_uri).name
    notebook = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
    html, css, images, classes = transform(html, notebook, buttons_html(repo_url, branch, name))
    page_dir = Path(config.site_dir) / page.url
    page_dir.mkdir(parents=True, exist_ok=True)
    for file_name, data in images.items():
        (page_dir / file_name).write_bytes(data)
    _state["css"] += [block for block in css if block not in _state["css"]]
    _state["classes"] |= classes
    page.edit_url = edit_url(repo_url, branch, name)
    return html


def on_post_build(config):
    site = Path(config.site_dir)
    stylesheet = prune(_state["css"], _state["classes"]) + "\n" + OVERRIDES.read_text("utf-8")
    (site / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
    (site / STYLESHEET).write_text(stylesheet, encoding="utf-8")
    (site / SCRIPT).parent.mkdir(parents=True, exist_ok=True)
    (site / SCRIPT).write_text(CLIPBOARD_JS.read_text("utf-8") + COPY_NOTICE_JS, encoding="utf-8")


# The "Copied!" notice next to each code cell's copy button (from mkdocs-jupyter's template).
COPY_NOTICE_JS = """
document.addEventListener("clipboard-copy", function (event) {
  const notice = event.target.querySelector(".notice");
  if (!notice) return;
  notice.hidden = false;
  setTimeout(function () { notice.hidden = true; }, 1000);
});
"""
