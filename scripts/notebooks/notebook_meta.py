"""Facts about a notebook that the tests record and the build reads.

The sources hash covers code cells only: editing prose does not make stored outputs stale,
editing code does.
"""

from __future__ import annotations

import hashlib
import json
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
    return json.loads(path.read_text(encoding="utf-8"))
