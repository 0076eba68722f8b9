"""`make notebooks` and `make notebooks-full`: run notebooks in full mode, store their outputs.

Each notebook runs in place with its default parameters on a fresh python3 kernel. Outputs are
normalised (execution counts from 1, no timing metadata). metadata.guide records the run:
`sources_sha256` (which code made the outputs), `environment` (Python and package versions; the
lint checks every printed version against it) and `run` (mode "full", date, seconds, and whether
the versions were Colab's, with the differences). A run that writes to stderr, or a kernel that
would read stand-in data, is refused: nothing is stored.

"package" notebooks (data inside a package) always run. "download" notebooks (03-05, 10) download
their data, so only `--full` runs them; without it, a download notebook keeps the outputs of a
full run of its current code and is cleared otherwise. A package notebook whose outputs did not
change is left untouched, so a rerun commits only what changed. `--full` also records every run
under "full_runs" in reports/notebook-runs.json and exits 1 if any notebook failed.

    python -m scripts.notebooks.execute_notebooks [--full] [--timeout=SECONDS_PER_CELL]
        [NAME.ipynb ...]
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from scripts.notebooks.colab_constraints import (
    differences_from_colab,
    distribution,
    notebook_imports,
)
from scripts.notebooks.notebook_meta import RUNS_REPORT, sources_sha256

ROOT = Path(__file__).resolve().parents[2]
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
    env = {**KERNEL_ENV, **os.environ}  # the caller's settings win
    with tempfile.TemporaryDirectory(prefix="nbexec-") as workdir:
        client = NotebookClient(
            notebook, timeout=timeout, kernel_name="python3", record_timing=False,
            resources={"metadata": {"path": workdir}},
        )  # fmt: skip
        client.execute(env=env)


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
    """Join neighbouring stdout (or stderr) chunks: how a print is split varies from run to run.

    Returns new outputs where chunks were joined; the outputs given are left as they are."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and output.output_type == previous.output_type == "stream"
            and output.name == previous.name
        ):
            merged[-1] = nbformat.from_dict({**previous, "text": previous.text + output.text})
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


def outputs_of(notebook) -> list:
    return [c.get("outputs", []) for c in notebook.cells if c.cell_type == "code"]


def has_current_full_run(notebook) -> bool:
    guide = notebook.metadata.get("guide", {})
    return (
        guide.get("run", {}).get("mode") == "full"
        and guide.get("sources_sha256") == sources_sha256(notebook)
        and any(outputs_of(notebook))
    )


def run_record(notebook, seconds: float) -> dict:
    env = environment(notebook)
    differences = differences_from_colab(env["python"], env["packages"])
    return {
        "mode": "full",
        "executed_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "seconds": round(seconds, 1),
        "colab_versions": not differences,
        "differences_from_colab": differences,
    }


def clear(path: Path, notebook) -> str:
    guide = notebook.metadata.setdefault("guide", {})
    clear_outputs(notebook)
    for key in ("sources_sha256", "environment", "run"):
        guide.pop(key, None)
    nbformat.write(notebook, path)
    return "cleared (download notebook; `make notebooks-full` runs it with its data)"


def refresh(path: Path, full: bool = False, timeout: int = 1200) -> tuple[str, dict | None]:
    """Run one notebook and store it; return what happened and the run's record (if it ran)."""
    stored = nbformat.read(path, as_version=4)
    download = stored.metadata.get("guide", {}).get("data") != "package"
    if download and not full:
        if has_current_full_run(stored):
            return "kept (outputs of a full run of this code)", None
        return clear(path, stored), None
    notebook = nbformat.read(path, as_version=4)
    guide = notebook.metadata.setdefault("guide", {})
    clear_outputs(notebook)
    started = time.monotonic()
    execute(notebook, timeout)
    normalise(notebook)
    if stderr := stderr_cells(notebook):
        raise RefusedOutputs(f"{path.name}: code cells {stderr} wrote to stderr; nothing stored")
    guide["sources_sha256"] = sources_sha256(notebook)
    guide["environment"] = environment(notebook)
    record = run_record(notebook, time.monotonic() - started)
    unchanged = (
        not download
        and "run" in stored.metadata.get("guide", {})
        and outputs_of(notebook) == outputs_of(stored)
        and {k: stored.metadata.get("guide", {}).get(k) for k in ("sources_sha256", "environment")}
        == {k: guide[k] for k in ("sources_sha256", "environment")}
    )
    if unchanged:
        return f"ran in {record['seconds']:.0f} s; outputs unchanged, file kept", record
    guide["run"] = record
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return f"executed in {record['seconds']:.0f} s", record


def record_full_runs(runs: dict, report_path: Path = ROOT / RUNS_REPORT) -> None:
    """Add this run's records under "full_runs"; the test-mode records stay as they are."""
    report = {"notebooks": {}}
    if report_path.is_file():
        report = json.loads(report_path.read_text(encoding="utf-8"))
    report["full_runs"] = dict(sorted({**report.get("full_runs", {}), **runs}.items()))
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    full = "--full" in argv
    timeouts = [int(a.split("=", 1)[1]) for a in argv if a.startswith("--timeout=")]
    names = [a for a in argv if not a.startswith("--")]
    paths = [NOTEBOOKS / name for name in names] or sorted(NOTEBOOKS.glob("*.ipynb"))
    runs, failed = {}, []
    for path in paths:
        try:
            message, record = refresh(path, full, *timeouts[-1:])
        except Exception as error:  # one failure must not stop the other notebooks
            message, record = f"FAILED: {type(error).__name__}: {error}", None
            failed.append(path.name)
            runs[path.name] = {"mode": "full", "passed": False, "error": message[:500]}
        if record is not None:
            notebook = nbformat.read(path, as_version=4)
            runs[path.name] = {
                **record, **notebook.metadata.get("guide", {}).get("environment", {}),
                "sources_sha256": sources_sha256(notebook), "passed": True,
            }  # fmt: skip
        print(f"{path.name}: {message}", flush=True)
    if full:
        record_full_runs(runs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
