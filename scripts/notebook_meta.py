"""Facts about a notebook that the tests record and the build reads.

The sources hash covers code cells only: editing prose does not make stored outputs stale,
editing code does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

RUNS_REPORT = Path("reports/notebook-runs.json")  # relative to the project root


def code_sources(notebook: dict) -> list[str]:
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
    ]


def sources_sha256(notebook: dict) -> str:
    payload = json.dumps(code_sources(notebook), ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
