"""`make notebooks`: re-execute the "package" notebooks in full mode and store their outputs.

Each notebook runs in place with its default parameters on a fresh python3 kernel. Outputs are
normalised (execution counts from 1, no timing metadata) and metadata.guide.sources_sha256
records which code produced them. "download" notebooks are cleared instead.

    python scripts/execute_notebooks.py [NAME.ipynb ...]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from notebook_meta import sources_sha256

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def clear_outputs(notebook) -> None:
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    for key in ("papermill", "widgets"):
        notebook.metadata.pop(key, None)


def execute(notebook, timeout: int = 1200) -> None:
    with tempfile.TemporaryDirectory(prefix="nbexec-") as workdir:
        client = NotebookClient(
            notebook, timeout=timeout, kernel_name="python3", record_timing=False,
            resources={"metadata": {"path": workdir}},
        )  # fmt: skip
        client.execute()


def merged_streams(outputs: list) -> list:
    """Join neighbouring stdout (or stderr) chunks: how a print is split varies from run to run."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and output.output_type == previous.output_type == "stream"
            and output.name == previous.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def is_blank_display(output) -> bool:
    """An empty display (rich's capture in Keras's summary leaves one): nothing to show."""
    if output.output_type != "display_data":
        return False
    texts = [re.sub(r"<[^>]*>", "", str(value)) for value in output.get("data", {}).values()]
    return all(not text.strip() for text in texts)


def normalise(notebook) -> None:
    """Drop run-specific noise so re-running unchanged code gives a small diff."""
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type == "code":
            cell.outputs = merged_streams([o for o in cell.outputs if not is_blank_display(o)])


def refresh(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    guide = notebook.metadata.setdefault("guide", {})
    clear_outputs(notebook)
    if guide.get("data") != "package":
        guide.pop("sources_sha256", None)
        nbformat.write(notebook, path)
        return "cleared (download notebook)"
    started = time.monotonic()
    execute(notebook)
    normalise(notebook)
    guide["sources_sha256"] = sources_sha256(notebook)
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return f"executed in {time.monotonic() - started:.0f} s"


def main(names: list[str]) -> int:
    paths = [NOTEBOOKS / name for name in names] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        print(f"{path.name}: {refresh(path)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
