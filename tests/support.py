"""Helpers shared by every test module: paths and a strict MkDocs build."""

from __future__ import annotations

import functools
import shutil
import socket
from pathlib import Path

import pytest

from scripts.build.local_site import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
# A committed copy of the 2021 seed, so the content tests run on any clone.
SEED = ROOT / "tests" / "data" / "seed"


# The build's inputs, and mkdocs-jupyter's and the pipeline's caches (complete once the suite's
# own build is done): a copy converts no notebook again, and no two builds write one cache file.
PROJECT_INPUTS = ("mkdocs.yml", "docs", "notebooks", "assets", "scripts", "requirements",
                  ".cache/mkdocs-jupyter", ".cache/pipeline")


def copy_project(copy: Path) -> Path:
    """A throwaway copy of the project's build inputs at `copy`."""
    copy.mkdir(parents=True)
    for name in PROJECT_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, copy / name)
    return copy


def run_mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None):
    """Run a strict `mkdocs build` of `project` and return the finished process."""
    return mkdocs_build(project, site_dir, {"SITE_URL": site_url} if site_url else None)


def apply_step(step, html: str, *args) -> str:
    """Run one pipeline content step on an HTML fragment and return the fragment's HTML."""
    from scripts.build import document

    root = document.parse(html)
    step(root, *args)
    return document.serialize(root)


def sample_then_sweep(values: list, quick: int = 1) -> list:
    """Parameters for a check repeated over every page, section or notebook: the first `quick`
    run in `make test`, the rest are marked `sweep` and run in `make test-sweep` (and CI).
    A tuple is one value per argument name, as pytest.mark.parametrize reads it."""
    def swept(value):
        values = value if isinstance(value, tuple) else (value,)
        return pytest.param(*values, marks=pytest.mark.sweep)

    return [*values[:quick], *(swept(value) for value in values[quick:])]


@functools.cache
def _mkdocs_config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


def render_as_mkdocs(src_uri: str, source: str) -> str:
    """A page's Markdown rendered as MkDocs' Page.render does: mkdocs.yml's extensions, plus the
    relpath treeprocessor through which our extensions learn which file they convert."""
    import markdown
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import _RelativePathTreeprocessor
    from mkdocs.utils.meta import get_data

    config = _mkdocs_config()
    md = markdown.Markdown(extensions=config.markdown_extensions,
                           extension_configs=config.mdx_configs)
    file = File(src_uri, src_dir=str(ROOT / "docs"), dest_dir="site", use_directory_urls=True)
    file.content_string = source
    _RelativePathTreeprocessor(file, Files([file]), config)._register(md)
    return md.convert(get_data(source)[0])


def free_port() -> int:
    """A 127.0.0.1 port that nothing listens on (bound, then closed): connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
