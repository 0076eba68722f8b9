"""Facts about a notebook that the tests record and the build reads.

The sources hash covers code cells only: editing prose does not make stored outputs stale,
editing code does.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

RUNS_REPORT = Path("reports/notebook-runs.json")  # relative to the project root


def cell_source(cell: dict) -> str:
    """A cell's source as one string: nbformat allows a string or a list of lines."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def sources_of(notebook: dict, cell_type: str) -> list[str]:
    return [cell_source(c) for c in notebook.get("cells", []) if c.get("cell_type") == cell_type]


def code_sources(notebook: dict) -> list[str]:
    return sources_of(notebook, "code")


def markdown_text(notebook: dict) -> str:
    """All Markdown cells of a notebook, joined by blank lines."""
    return "\n\n".join(sources_of(notebook, "markdown"))


def colab_minutes(notebook: dict) -> int | None:
    """The notebook's duration on Colab (metadata.guide.colab_minutes): a positive whole number."""
    value = notebook.get("metadata", {}).get("guide", {}).get("colab_minutes")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def sources_sha256(notebook: dict) -> str:
    payload = json.dumps(code_sources(notebook), ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def read_notebook(path: Path) -> dict:
    """A fresh parse of the notebook: for tools that change it (the build uses cached_notebook)."""
    return json.loads(path.read_text(encoding="utf-8"))


def cached_notebook(path: Path) -> dict:
    """The parsed notebook at `path`, parsed once until the file changes (mtime, size).

    Every build step reads notebooks through this, so a build parses each one once. The dict
    is shared: read it, never change it (copy.deepcopy first); tests/build/test_pl_parsed_once.py
    checks that a whole build leaves it as parsed. Bad JSON or UTF-8 raises as json.loads does.
    """
    stat = path.stat()
    return _parse_notebook(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)  # more than the guide's notebooks: a serve rebuild keeps them all
def _parse_notebook(path: str, mtime_ns: int, size: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
