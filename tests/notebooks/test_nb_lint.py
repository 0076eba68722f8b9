"""Every notebook follows the contract; each lint rule also catches a broken notebook."""

import copy
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
import yaml
from nblint import RULES, SITE, is_placeholder, source
from pipeline.notebook_links import colab_url
from support import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
GOOD = ROOT / "notebooks" / "01-first-neural-network.ipynb"
SITE_LINK = re.compile(re.escape(SITE) + r"([^)\s#]*)")


def load(path: Path):
    notebook = nbformat.read(path, as_version=4)
    if is_placeholder(notebook):
        pytest.skip(f"{path.name} is still the placeholder; its author's branch replaces it")
    return notebook


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_passes_rule(path, rule):
    problems = rule(load(path))
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_to_the_guide_point_at_real_pages(path):
    notebook = load(path)
    for cell in notebook.cells:
        for slug in SITE_LINK.findall(source(cell)):
            slug = slug.strip("/")
            page = ROOT / "docs" / f"{slug or 'index'}.md"
            notebook_page = ROOT / f"{slug}.ipynb"
            assert page.is_file() or notebook_page.is_file(), (
                f"{path.name} links to missing {slug!r}"
            )


def test_colab_urls_point_at_each_notebook_on_the_default_branch():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    repo_url, branch = config["repo_url"].rstrip("/"), config["extra"]["default_branch"]
    owner_repo = urlparse(repo_url).path.strip("/")
    for path in NOTEBOOKS:
        url = colab_url(repo_url, branch, path.name)
        expected = f"/github/{owner_repo}/blob/{branch}/{path.relative_to(ROOT).as_posix()}"
        assert urlparse(url).netloc == "colab.research.google.com"
        assert urlparse(url).path == expected


def test_ruff_passes_over_the_notebooks():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "notebooks"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- each rule against a deliberately broken copy of a good notebook ---


def broken(change):
    notebook = copy.deepcopy(nbformat.read(GOOD, as_version=4))
    change(notebook)
    return notebook


def cell_with_tag(notebook, tag):
    return next(c for c in notebook.cells if tag in c.metadata.get("tags", []))


def set_source(cell, text):
    cell.source = text


BREAKAGES = {
    "invalid cell type": (lambda nb: nb.cells[1].update(cell_type="poem"), "nbformat-valid"),
    "kernel": (lambda nb: nb.metadata.kernelspec.update(name="ir"), "kernelspec"),
    "no guide metadata": (lambda nb: nb.metadata.pop("guide"), "gpu_recommended"),
    "widgets": (lambda nb: nb.metadata.update(widgets={}), "widgets"),
    "cell without id": (lambda nb: nb.cells[1].pop("id"), "ids"),
    "two titles": (lambda nb: set_source(nb.cells[1], "# Another title"), "one H1"),
    "H1 in a later cell": (lambda nb: set_source(nb.cells[7], "# Part 1\n\nText."), "one H1"),
    "TeX math": (lambda nb: set_source(nb.cells[9], "The loss is $L = (y - t)^2$."), "TeX"),
    "no time": (lambda nb: set_source(nb.cells[0], "# Title\n\nHello."), "how long"),
    "no summary": (lambda nb: set_source(nb.cells[-2], "## Recap"), "Summary"),
    "relative prerequisites": (
        lambda nb: set_source(nb.cells[2], "## Prerequisites\n\n- [Python](../python.md)"),
        "absolute",
    ),
    "import outside setup": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "import os\nSEED = 0"),
        "imports outside",
    ),
    "two setup cells": (
        lambda nb: cell_with_tag(nb, "parameters").metadata.update(tags=["setup"]),
        "tagged 'setup'",
    ),
    "lower-case parameter": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 0\nepochs = 3"),
        "UPPER_CASE",
    ),
    "computed parameter": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = len('ab')"),
        "literal",
    ),
    "no seed": (lambda nb: set_source(cell_with_tag(nb, "parameters"), "EPOCHS = 3"), "SEED"),
    "too many epochs": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 0\nEPOCHS = 5000"),
        "EPOCHS",
    ),
    "long cell": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 0\n" + "X = 1\n" * 30),
        "lines of code",
    ),
    "code without explanation": (
        lambda nb: nb.cells.insert(5, nbformat.v4.new_code_cell("print(1)")),
        "explain each code cell",
    ),
    "keras before backend": (
        lambda nb: set_source(
            cell_with_tag(nb, "setup"),
            'import os\n\nimport keras\n\nos.environ.setdefault("KERAS_BACKEND", "torch")',
        ),
        "before import keras",
    ),
    "code changed after run": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 1"),
        "make notebooks",
    ),
    "outputs in a download notebook": (
        lambda nb: nb.metadata.guide.update(data="download"),
        "without outputs",
    ),
    "pip cell not first": (
        lambda nb: nb.cells.insert(-2, nbformat.v4.new_code_cell("%pip install -q optuna")),
        "%pip install cell must be the first",
    ),
}


def test_the_good_notebook_passes_every_rule():
    notebook = nbformat.read(GOOD, as_version=4)
    assert [p for rule in RULES for p in rule(notebook)] == []


@pytest.mark.parametrize("name", BREAKAGES)
def test_each_rule_catches_a_broken_notebook(name):
    change, expected = BREAKAGES[name]
    notebook = broken(change)
    problems = [p for rule in RULES for p in rule(notebook)]
    assert any(expected in p for p in problems), f"{name}: {problems}"


def test_a_shell_comment_in_a_fenced_block_is_not_a_title():
    def add_fence(nb):
        set_source(nb.cells[1], nb.cells[1].source + "\n\n```bash\n# install\npip list\n```")

    assert [p for rule in RULES for p in rule(broken(add_fence))] == []
