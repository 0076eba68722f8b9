"""Unit tests for the notebook hooks' pure functions, and the build error for a broken notebook."""

import json

import pytest
from bs4 import BeautifulSoup
from support import ROOT

from scripts.build import document
from scripts.build.notebook_css import prune
from scripts.build.notebook_files import notebook_problem
from scripts.build.notebook_links import (
    RepositorySettingError,
    buttons_html,
    colab_url,
    repository,
)
from scripts.build.notebook_page import alt_texts, move_images_out, pull_styles_and_scripts

REPO = "https://github.com/owner/guide"
ONE_PIXEL_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)  # fmt: skip


def test_prune_keeps_used_rules_and_the_variables_they_read():
    css = (
        ":root{--a: red;--b: var(--a);--unused: blue}"
        ".jp-Used{color:var(--b)}.jp-Unused{color:green}"
        "@media print{.jp-Unused{display:none}.jp-Used{display:block}}"
        "@font-face{font-family:x;src:url(https://cdn.example/x.woff)}"
    )
    pruned = prune([css], {"jp-Used"})
    assert ".jupyter-wrapper .jp-Used{color:var(--b)}" in pruned
    assert "jp-Unused" not in pruned and "font-face" not in pruned
    assert "--a:red" in pruned.replace(" ", "") and "--b:" in pruned
    assert "--unused" not in pruned
    assert "@media print{.jupyter-wrapper .jp-Used{display:block}}" in pruned


def test_prune_scopes_global_selectors_to_the_notebook_wrapper():
    pruned = prune(["pre{line-height:125%}body{margin:0}"], set())
    assert ".jupyter-wrapper pre{line-height:125%}" in pruned
    assert ".jupyter-wrapper{margin:0}" in pruned


def test_styles_and_scripts_leave_the_content():
    root = document.parse(
        "<style>.a{}</style><style>['repr of a list']</style>"
        '<script src="https://cdnjs.example/m.js"></script><p>text</p>'
    )
    assert pull_styles_and_scripts(root) == [".a{}"]
    assert document.serialize(root) == "<p>text</p>"


def test_data_uri_images_become_files_with_their_size():
    root = document.parse(f'<img src="data:image/png;base64,{ONE_PIXEL_PNG}">')
    files = move_images_out(root)
    (name,) = files
    img = root.find("img")
    assert img.get("src") == name and name.startswith("figure-") and name.endswith(".png")
    assert (img.get("width"), img.get("height")) == ("1", "1")


def test_alt_text_comes_from_metadata_or_the_markdown_before():
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["The plot shows [the loss](x.md) per `epoch`."]},
            {"cell_type": "code", "source": "plot()", "metadata": {}},
            {"cell_type": "code", "source": "plot()", "metadata": {"alt": "A scatter plot."}},
        ]
    }
    assert alt_texts(notebook) == ["The plot shows the loss per epoch.", "A scatter plot."]


def test_buttons_have_the_contract_classes_and_a_download_attribute():
    soup = BeautifulSoup(buttons_html(REPO, "main", "01-a.ipynb"), "html.parser")
    assert soup.select_one("div.notebook-buttons")
    assert soup.select_one("a.notebook-button--colab")["href"] == (
        "https://colab.research.google.com/github/owner/guide/blob/main/notebooks/01-a.ipynb"
    )
    download = soup.select_one("a.notebook-button--download")
    assert download["href"] == "../01-a.ipynb" and download["download"] == "01-a.ipynb"
    assert soup.select_one("a.notebook-button--source")["href"] == (
        f"{REPO}/blob/main/notebooks/01-a.ipynb"
    )


def test_colab_url_follows_the_branch_setting():
    assert "/blob/dev/notebooks/x.ipynb" in colab_url(REPO, "dev", "x.ipynb")


@pytest.mark.parametrize(
    "config, message",
    [
        ({"repo_url": REPO, "extra": {}}, "default_branch"),
        ({"repo_url": "https://gitlab.com/a/b", "extra": {"default_branch": "main"}}, "repo_url"),
        (
            {"repo_url": REPO, "extra": {"default_branch": "main"}, "edit_uri": "edit/dev/docs/"},
            "edit_uri",
        ),
    ],
)
def test_repository_settings_are_checked(config, message):
    with pytest.raises(RepositorySettingError, match=message):
        repository(config)


def test_invalid_json_names_file_and_line(tmp_path):
    path = tmp_path / "bad.ipynb"
    path.write_text('{\n "cells": [\n  {"cell_type": "code",,}\n ]\n}\n')
    problem = notebook_problem(path, "notebooks/bad.ipynb")
    assert problem.startswith("notebooks/bad.ipynb:3:")
    assert "not valid JSON" in problem and "git checkout" in problem


def test_schema_errors_name_file_and_place(tmp_path):
    path = tmp_path / "bad.ipynb"
    notebook = json.loads((ROOT / "notebooks" / "01-first-neural-network.ipynb").read_text())
    notebook["cells"][0]["cell_type"] = "poem"
    path.write_text(json.dumps(notebook))
    problem = notebook_problem(path, "notebooks/bad.ipynb")
    assert problem.startswith("notebooks/bad.ipynb: not a valid nbformat 4 notebook")
    assert "cells/0" in problem


def test_a_valid_notebook_has_no_problem():
    path = ROOT / "notebooks" / "01-first-neural-network.ipynb"
    assert notebook_problem(path, "x") is None
