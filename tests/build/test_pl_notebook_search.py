"""What site search indexes for a notebook page: headings, text and code once, not the page.

The unit tests build the search view from a small page in nbconvert's markup; the site tests
read the built search index and page, for every notebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchPlugin
from support import ROOT, sample_then_sweep

from scripts.build import document, mkdocs_hooks
from scripts.build.notebook_search import search_view
from scripts.notebooks.notebook_meta import cell_source

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Two cells as nbconvert's lab template writes them (nested cell divs, prompt, copy button
# with its hidden copy of the source, cell tag, an output).
CELLS = """
<div class="jp-Notebook">
<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"><div class="jp-Cell-inputWrapper">
<div class="jp-InputPrompt jp-InputArea-prompt"></div>
<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">
<h2 id="Fit-a-line">Fit a line<a class="anchor-link" href="#Fit-a-line">¶</a></h2>
<p>We fit <code>y = a x + b</code> &amp; plot it.</p>
</div></div></div>
<div class="jp-Cell jp-CodeCell jp-Notebook-cell celltag_setup">
<div class="jp-Cell jp-CodeCell jp-Notebook-cell celltag_setup">
<div class="jp-InputPrompt jp-InputArea-prompt">In&nbsp;[1]:</div>
<div class="celltoolbar">setup</div>
<clipboard-copy for="cell-1"><span class="notice" hidden>Copied!</span></clipboard-copy>
<div class="clipboard-copy-txt" id="cell-1">a = fit(x, y)  # a &lt; 1</div>
<div class="highlight-ipynb hl-python"><pre><span></span><span class="n">a</span> \
<span class="o">=</span> <span class="n">fit</span><span class="p">(</span>x, y\
<span class="p">)</span>  <span class="c1"># a &lt; 1</span>
</pre></div>
<div class="jp-OutputArea"><div class="jp-OutputPrompt">Out[1]:</div>
<div class="jp-RenderedText"><pre>epoch 1 loss 0.25</pre></div></div>
</div></div>
</div>
"""


def test_the_search_view_holds_headings_text_and_code_once_in_page_order():
    view = search_view(document.parse(CELLS))
    assert view == (
        '<h2 id="Fit-a-line">Fit a line</h2>\n'
        "<p>We fit <code>y = a x + b</code> &amp; plot it.</p>\n"
        "<pre>a = fit(x, y)  # a &lt; 1\n</pre>"
    )


def test_the_search_view_leaves_the_page_as_it_was():
    root = document.parse(CELLS)
    search_view(root)
    assert document.serialize(root) == document.serialize(document.parse(CELLS))


def test_search_reads_the_view_only_while_materials_search_plugin_indexes_the_page():
    before, after = mkdocs_hooks.on_page_context.methods
    material = getattr(SearchPlugin.on_page_context, "mkdocs_priority", 0)
    assert before.mkdocs_priority > material > after.mkdocs_priority


def test_the_page_gets_its_own_content_back_after_indexing():
    collected = mkdocs_hooks.Collected(search_views={"notebooks/a.ipynb": "<h1 id='a'>A</h1>"})
    config = {mkdocs_hooks.COLLECTED: collected}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/a.ipynb", abs_src_path=None),
                           meta={"description": "A page."}, content="<div>every cell</div>")
    before, after = mkdocs_hooks.on_page_context.methods
    before({}, page=page, config=config, nav=None)
    assert page.content == "<h1 id='a'>A</h1>"
    after({}, page=page, config=config, nav=None)
    assert page.content == "<div>every cell</div>" and not collected.shown_content


def search_entries(site: Path, notebook: Path) -> list[dict]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefix = f"notebooks/{notebook.stem}/"
    return [entry for entry in index["docs"] if entry["location"].startswith(prefix)]


def first_code_line(notebook: Path) -> str:
    """A line of the notebook's first code cell long enough to be found only where it is."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = next(cell_source(c) for c in cells if c["cell_type"] == "code" and cell_source(c))
    return max(code.splitlines(), key=len)


@pytest.mark.parametrize("notebook", sample_then_sweep(NOTEBOOKS), ids=lambda p: p.stem)
def test_search_finds_each_section_of_a_notebook_without_page_chrome(built_site, site_pages,
                                                                      notebook):
    entries = search_entries(built_site, notebook)
    page = site_pages[f"notebooks/{notebook.stem}/index.html"].html
    heading_ids = re.findall(r'<h[1-6] id="([^"]+)"', page.split('class="jp-Notebook"')[1])
    located = {entry["location"].partition("#")[2] for entry in entries}
    # The title's section is the page's own entry; every later heading has one of its own.
    assert "" in located and set(heading_ids[1:]) <= located, "a heading with no search entry"
    for entry in entries:
        assert "¶" not in entry["title"], entry["title"]
        for chrome in ("Copied!", "In\xa0[", "Open in Colab", "celltag"):
            assert chrome not in entry["text"], (chrome, entry["location"])


@pytest.mark.parametrize("notebook", sample_then_sweep(NOTEBOOKS), ids=lambda p: p.stem)
def test_code_is_indexed_once_under_its_own_section(built_site, notebook):
    line = json.dumps(first_code_line(notebook))[1:-1]  # as it appears in the JSON text
    holders = [entry for entry in search_entries(built_site, notebook)
               if line in json.dumps(entry["text"])]
    assert len(holders) == 1, [entry["location"] for entry in holders]
    assert "#" in holders[0]["location"], "code filed under the page, not its section"
    assert json.dumps(holders[0]["text"]).count(line) == 1


def test_the_notebook_page_still_shows_every_cell_with_its_outputs(site_pages):
    page = site_pages[f"notebooks/{NOTEBOOKS[0].stem}/index.html"].html
    for part in ('class="jp-Notebook"', "jp-InputPrompt", "jp-OutputArea", "notebook-buttons",
                 'class="anchor-link"'):
        assert part in page, part
