"""`make notebooks`: re-execute the "package" notebooks in full mode and store their outputs.

Each notebook runs in place with its default parameters on a fresh python3 kernel. Outputs are
normalised (execution counts from 1, no timing metadata) and metadata.guide.sources_sha256
records which code produced them, metadata.guide.environment the Python and package versions
that ran it (the lint checks every printed version against it). A run that writes to stderr is
refused: nothing is stored. "download" notebooks are cleared instead.

    python scripts/execute_notebooks.py [NAME.ipynb ...]
"""

from __future__ import annotations

import os
import platform
import re
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import nbformat
from colab_constraints import distribution, notebook_imports
from nbclient import NotebookClient
from notebook_meta import sources_sha256

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
# Always recorded: they decide the numbers even where a notebook does not import them directly.
CORE_PACKAGES = ("torch", "numpy")
# tqdm (imported by Optuna) warns on stderr when ipywidgets is missing; Colab has ipywidgets.
KERNEL_ENV = {"OMP_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore:IProgress not found"}
STANDIN_ENV = "NB_STANDIN_HASHES"  # set by the test harness when a kernel reads stand-in data


class RefusedOutputs(RuntimeError):
    """The run produced outputs that must not be stored; the message says which and why."""


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
    if os.environ.get(STANDIN_ENV):
        raise RefusedOutputs(f"{STANDIN_ENV} is set: this kernel would read stand-in data")
    os.environ.update({k: v for k, v in KERNEL_ENV.items() if k not in os.environ})
    with tempfile.TemporaryDirectory(prefix="nbexec-") as workdir:
        client = NotebookClient(
            notebook, timeout=timeout, kernel_name="python3", record_timing=False,
            resources={"metadata": {"path": workdir}},
        )  # fmt: skip
        client.execute()


def environment(notebook) -> dict:
    """Python and the versions of the packages the notebook imports, as this run had them."""
    names = {distribution(m) for m in notebook_imports(notebook)} | set(CORE_PACKAGES)
    packages = {}
    for name in sorted(names):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {"python": platform.python_version(), "packages": packages}


def stderr_cells(notebook) -> list[int]:
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    return [
        number for number, cell in enumerate(cells, start=1)
        if any(o.output_type == "stream" and o.name == "stderr" for o in cell.outputs)
    ]  # fmt: skip


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
        guide.pop("environment", None)
        nbformat.write(notebook, path)
        return "cleared (download notebook)"
    started = time.monotonic()
    execute(notebook)
    normalise(notebook)
    if stderr := stderr_cells(notebook):
        raise RefusedOutputs(f"{path.name}: code cells {stderr} wrote to stderr; nothing stored")
    guide["sources_sha256"] = sources_sha256(notebook)
    guide["environment"] = environment(notebook)
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
