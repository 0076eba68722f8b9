"""Publish the top-level notebooks/ folder as pages of the site.

mkdocs-jupyter only converts files that are already in the build, so the notebooks must be
added before the plugin's own on_files runs (mkdocs_hooks.on_files has event priority 100);
otherwise they ship as raw .ipynb.
It also refuses malformed notebooks with a clear error, and ships a copy of each .ipynb next
to its page folder (site/notebooks/NN-slug.ipynb) for the "Download .ipynb" button.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat

from scripts.notebooks.notebook_meta import cached_notebook

NOTEBOOK_FOLDER = "notebooks"
FIX_HINT = "Fix the file (or restore it with `git checkout -- {path}`) and build again."


def notebook_sources(project_root: Path) -> list[Path]:
    return sorted((project_root / NOTEBOOK_FOLDER).glob("*.ipynb"))


def notebook_names(project_root: Path) -> list[str]:
    return [path.name for path in notebook_sources(project_root)]


def notebook_problem(path: Path, shown_as: str) -> str | None:
    """Why the notebook at `path` cannot be rendered, or None when it is fine."""
    try:
        data = cached_notebook(path)  # the parse every later step reuses
    except json.JSONDecodeError as error:
        return (
            f"{shown_as}:{error.lineno}:{error.colno}: the notebook is not valid JSON "
            f"({error.msg}). {FIX_HINT.format(path=shown_as)}"
        )
    except UnicodeDecodeError as error:
        hint = FIX_HINT.format(path=shown_as)
        return f"{shown_as}: the notebook is not UTF-8 ({error.reason}). {hint}"
    try:
        nbformat.validate(nbformat.from_dict(data))
    except (nbformat.ValidationError, AttributeError, TypeError, KeyError) as error:
        where = "/".join(str(p) for p in getattr(error, "absolute_path", [])) or "top level"
        message = getattr(error, "message", None) or str(error)
        return (
            f"{shown_as}: not a valid nbformat 4 notebook at {where}: {message}. "
            f"{FIX_HINT.format(path=shown_as)}"
        )
    return None


def copy_downloads(project_root: Path, site_dir: Path) -> None:
    """The download copy: site/notebooks/NN-slug.ipynb, next to the page's folder."""
    target = site_dir / NOTEBOOK_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for source in notebook_sources(project_root):
        shutil.copyfile(source, target / source.name)
