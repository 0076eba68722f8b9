"""A build parses each input once: every notebook's JSON (notebook_meta.cached_notebook) and
mkdocs.yml (sections.read_config), each by its one cached loader, and no step changes them."""

from __future__ import annotations

import json
import os
import sys

import pytest
from support import ROOT

from scripts.build import claims, sections
from scripts.build.markup import project
from scripts.notebooks import notebook_meta

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture
def notebook_parses(monkeypatch):
    """Every json.loads of a notebook's text by our own code: (calling module, notebook name)."""
    texts = {path.read_text(encoding="utf-8"): path.name for path in NOTEBOOKS}
    parses: list[tuple[str, str]] = []
    loads = json.loads

    def counting_loads(text, *args, **kwargs):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("scripts") and isinstance(text, str) and text in texts:
            parses.append((caller, texts[text]))  # mkdocs-jupyter's own read is not ours
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)
    # Cold caches, so that every reader reads again (as in a fresh `mkdocs build`).
    for cache in (notebook_meta._parse_notebook, claims._cached_claims, sections._parse_config,
                  *(f for f in vars(project).values() if hasattr(f, "cache_clear"))):
        cache.cache_clear()
    return parses


def test_a_full_build_parses_each_notebook_once_through_the_cached_loader(
        built_site, notebook_parses, tmp_path, monkeypatch):
    """(After the shared build: two builds writing the same .cache at once would race.)"""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(ROOT)  # the extensions and snippets read the project at "."
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))

    assert NOTEBOOKS and (tmp_path / "site" / "notebooks").is_dir()
    assert sorted(name for _, name in notebook_parses) == [p.name for p in NOTEBOOKS]
    assert {caller for caller, _ in notebook_parses} == {notebook_meta.__name__}
    # Several steps read each notebook (file check, claims, facts, page, description): all
    # but the first got the parse already made.
    assert notebook_meta._parse_notebook.cache_info().hits >= 3 * len(NOTEBOOKS)
    for path in NOTEBOOKS:  # nothing in the build changed the shared dict
        assert notebook_meta.cached_notebook(path) == json.loads(path.read_text("utf-8"))
    # Our code read mkdocs.yml once, though the nav, repository and page list all come from it.
    config_reads = sections._parse_config.cache_info()
    assert (config_reads.misses, config_reads.hits >= 3) == (1, True)
    assert sections.read_config(ROOT / "mkdocs.yml") == sections.LenientLoader(
        (ROOT / "mkdocs.yml").read_text("utf-8")).get_single_data()


def test_the_loader_parses_again_only_when_the_file_changes(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {"v": 1}}), encoding="utf-8")
    first = notebook_meta.cached_notebook(path)
    assert notebook_meta.cached_notebook(path) is first
    path.write_text(json.dumps({"cells": [], "metadata": {"v": 22}}), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a new stamp even on a file system with coarse times
    assert notebook_meta.cached_notebook(path)["metadata"] == {"v": 22}


def test_mkdocs_yml_is_read_again_only_when_it_changes(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text("nav: []\n", encoding="utf-8")
    first = sections.read_config(path)
    assert sections.read_config(path) is first
    path.write_text("nav: [a.md]\nrepo_url: !ENV REPO\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    repo_url = sections.EnvSetting(("REPO",))  # !ENV kept, read when asked
    assert sections.read_config(path) == {"nav": ["a.md"], "repo_url": repo_url}


def test_a_bad_notebook_still_names_its_line(tmp_path):
    from scripts.build import notebook_files

    path = tmp_path / "bad.ipynb"
    path.write_text('{\n  "cells": [,]\n}\n', encoding="utf-8")
    problem = notebook_files.notebook_problem(path, "notebooks/bad.ipynb")
    assert problem.startswith("notebooks/bad.ipynb:2:")
    assert "not valid JSON" in problem
