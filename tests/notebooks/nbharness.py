"""Run a notebook with papermill and small parameters, read variables back, record the run.

    run = run_notebook("01-first-neural-network.ipynb", parameters={"EPOCHS": 2},
                       collect=["losses"], timeout=120)
    run.values["losses"]

The notebook runs as a temp copy, in a temp working directory, on a real ipykernel of the
venv that runs pytest, with network access pointed at a dead proxy so it stays offline.

The copy also runs the worked solution of every "Try it yourself" exercise (the ```python block
in each exercise's "Solution" details), after the values are collected; `run.solutions` lists
the exercises whose solution ran. A run whose kernel read stand-in data (its env names the
stand-in hashes) comes back marked, notebook and every output, so that the lint rejects those
outputs if anyone stores them.
"""

from __future__ import annotations

import fcntl
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import nbformat
from kernel_guard import ENV_HASHES, accepted_hashes
from support import ROOT

from scripts.notebooks.execute_notebooks import merged_streams
from scripts.notebooks.notebook_meta import RUNS_REPORT, sources_sha256

NOTEBOOKS = ROOT / "notebooks"
MARKER = "__NBHARNESS_VALUES__"
# Set on a notebook, and on each of its outputs, that a kernel made from stand-in data.
STANDIN_MARK = "nbharness_standin_data"
SOLUTION_TAG = "exercise-solution"
EXERCISE_HEADING = re.compile(r"^###\s+(.+)$", re.M)
SOLUTION_BLOCK = re.compile(
    r"<summary>\s*Solution\s*</summary>(.*?)</details>", re.S | re.I
)
PYTHON_FENCE = re.compile(r"```python\n(.*?)\n```", re.S)
# A closed local port: any HTTP(S) download in a notebook fails at once instead of reaching out.
OFFLINE_ENV = {
    key: "http://127.0.0.1:9" for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")
}
# One torch thread: stored outputs repeat exactly, and runs don't fight over the 2 CI cores.
BASE_ENV = {
    **OFFLINE_ENV,
    "OMP_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
    "PYTHONWARNINGS": "ignore",
    "TQDM_DISABLE": "1",
}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Which notebooks each test file ran, so a failed assertion can mark the recorded run as failed.
_STARTED: dict[str, set[str]] = {}

# Appended to the temp copy only: prints the requested globals as JSON after a marker.
COLLECT_CELL = """
import json as _nbh_json

def _nbh_plain(value):
    if isinstance(value, dict):
        return {str(k): _nbh_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nbh_plain(v) for v in value]
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if isinstance(getattr(value, "history", None), dict):  # keras History
        return _nbh_plain(value.history)
    if hasattr(value, "detach"):  # torch tensor
        return _nbh_plain(value.detach().cpu().tolist())
    if hasattr(value, "tolist"):  # numpy array or scalar
        return _nbh_plain(value.tolist())
    return repr(value)

print(MARKER + _nbh_json.dumps({n: _nbh_plain(globals()[n]) for n in NAMES}))
"""


class NotebookFailed(AssertionError):
    """The notebook raised, timed out or could not start; the message says where and why."""


@dataclass
class NotebookRun:
    name: str
    values: dict = field(default_factory=dict)
    seconds: float = 0.0
    notebook: nbformat.NotebookNode | None = None
    solutions: list[str] = field(default_factory=list)


def exercise_solutions(notebook) -> list[tuple[str, str]]:
    """(exercise title, solution code) for every exercise whose Solution block holds Python."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        text = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        heading = EXERCISE_HEADING.search(text)
        for block in SOLUTION_BLOCK.findall(text):
            code = "\n\n".join(PYTHON_FENCE.findall(block))
            if code.strip():
                found.append((heading.group(1).strip() if heading else "exercise", code))
    return found


def mark_standin_outputs(notebook, files: list[str]) -> None:
    """Mark a notebook run on stand-in data, and each of its outputs, for the lint to reject."""
    notebook.metadata[STANDIN_MARK] = {"files": sorted(files)}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.setdefault("metadata", {})[STANDIN_MARK] = True


def notebook_path(name: str | Path) -> Path:
    """A file name in notebooks/, or a path to any notebook (the harness's own tests use that)."""
    path = Path(name) if Path(name).is_absolute() else NOTEBOOKS / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist; pass a file name from notebooks/")
    return path


def prepared_copy(source: Path, collect: list[str], workdir: Path, extra=()) -> Path:
    """Write the notebook plus extra cells, a value-collecting cell and the exercise solutions
    into workdir."""
    notebook = nbformat.read(source, as_version=4)
    notebook.cells += [nbformat.v4.new_code_cell(code) for code in extra]
    if collect:
        code = COLLECT_CELL.replace("MARKER", repr(MARKER)).replace("NAMES", repr(list(collect)))
        notebook.cells.append(nbformat.v4.new_code_cell(code))
    for title, code in exercise_solutions(notebook):
        cell = nbformat.v4.new_code_cell(code)
        cell.metadata["tags"] = [SOLUTION_TAG]
        cell.metadata["exercise"] = title
        notebook.cells.append(cell)
    copy = workdir / f"input-{source.name}"
    nbformat.write(notebook, copy)
    return copy


def papermill_command(source, output, parameters, workdir, timeout) -> list[str]:
    return [
        sys.executable, "-m", "papermill", str(source), str(output),
        "-y", json.dumps(parameters or {}),
        "-k", "python3", "--cwd", str(workdir),
        "--execution-timeout", str(timeout), "--start-timeout", "120",
        "--no-progress-bar", "--no-log-output",
    ]  # fmt: skip


def run_process(command: list[str], env: dict, budget: float) -> subprocess.CompletedProcess:
    """Run papermill in its own process group, so a blown budget also kills the kernel."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=budget)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return subprocess.CompletedProcess(command, -9, stdout, stderr + "\n[budget exceeded]")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def first_error(notebook: nbformat.NotebookNode) -> str | None:
    """Describe the first cell that raised: its position, first line, error and traceback."""
    own_cells = [
        c for c in notebook.cells if "injected-parameters" not in c.metadata.get("tags", [])
    ]
    for number, cell in enumerate(own_cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
                return (
                    f"cell {number} (id {cell.get('id')!r}, starts {first_line!r}) raised "
                    f"{output.get('ename')}: {output.get('evalue')}\n{trace[-3000:]}"
                )
    return None


def failure_message(name, result, output: Path, budget) -> str:
    detail = None
    if output.is_file():
        detail = first_error(nbformat.read(output, as_version=4))
    if detail is None and "[budget exceeded]" in result.stderr:
        detail = f"the whole run took longer than its budget of {budget:.0f} s"
    if detail is None:
        stderr = ANSI.sub("", result.stderr)[-3000:]
        detail = f"papermill exited with {result.returncode}:\n{stderr}"
    return f"notebook {name} failed: {detail}"


def collected_values(notebook: nbformat.NotebookNode) -> dict:
    # Chunks joined first: where the kernel splits printed text depends on timing.
    for cell in reversed(notebook.cells):
        for output in merged_streams(cell.get("outputs", [])):
            text = output.get("text", "")
            if output.get("output_type") == "stream" and MARKER in text:
                return json.loads(text.split(MARKER, 1)[1])
    return {}


def solutions_run(notebook) -> list[str]:
    """Titles of the exercise solutions that executed without an error."""
    return [
        cell.metadata.get("exercise", "")
        for cell in notebook.cells
        if SOLUTION_TAG in cell.metadata.get("tags", [])
        and cell.get("execution_count") is not None
        and not any(o.get("output_type") == "error" for o in cell.get("outputs", []))
    ]


def package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def run_record(source: Path, seconds: float, passed: bool, mode: str = "test") -> dict:
    notebook = json.loads(source.read_text(encoding="utf-8"))
    guide = notebook.get("metadata", {}).get("guide", {})
    return {
        "executed_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "python": platform.python_version(),
        "torch": package_version("torch"),
        "keras": package_version("keras"),
        "numpy": package_version("numpy"),
        "seconds": round(seconds, 1),
        "mode": mode,
        "gpu_recommended": bool(guide.get("gpu_recommended", False)),
        "sources_sha256": sources_sha256(notebook),
        "passed": passed,
    }


def update_runs_report(name: str, record: dict | None = None, **changes) -> None:
    """Store a notebook's record, or change fields of it, in reports/notebook-runs.json."""
    report_path = ROOT / RUNS_REPORT  # the site's Verified badges
    report_path.parent.mkdir(parents=True, exist_ok=True)
    # xdist workers record runs side by side: read, change and write under one lock.
    with open(report_path.with_name(report_path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        report = {"notebooks": {}}
        if report_path.is_file():
            report = json.loads(report_path.read_text(encoding="utf-8"))
        entry = record if record is not None else report["notebooks"].get(name)
        if entry is None:
            return
        report["notebooks"][name] = {**entry, **changes}
        report["notebooks"] = dict(sorted(report["notebooks"].items()))
        report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def runs_started_by(test_file: str) -> set[str]:
    return _STARTED.get(test_file, set())


def note_started(name: str) -> None:
    current = os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[0]
    if current:
        _STARTED.setdefault(Path(current).name, set()).add(name)


def run_notebook(
    name: str | Path,
    parameters: dict | None = None,
    env: dict | None = None,
    collect: list[str] | tuple[str, ...] = (),
    timeout: int = 300,
    budget: float | None = None,
    record: bool = True,
    extra: list[str] | tuple[str, ...] = (),
) -> NotebookRun:
    """Execute notebooks/<name> with papermill; raise NotebookFailed naming the failing cell.

    timeout is per cell; budget (default 3 x timeout) caps the whole run, kernel start included.
    extra: code cells run after the notebook, before the values are collected (probes).
    Every exercise's worked solution runs too, after the values are collected.
    """
    source = notebook_path(name)
    name = source.name
    note_started(name)
    budget = budget or 3 * timeout
    with tempfile.TemporaryDirectory(prefix="nbrun-") as tmp:
        workdir = Path(tmp)
        copy = prepared_copy(source, list(collect), workdir, extra)
        output = workdir / f"output-{source.name}"
        command = papermill_command(copy, output, parameters, workdir, timeout)
        full_env = {**os.environ, **BASE_ENV, **(env or {})}
        started = time.monotonic()
        result = run_process(command, full_env, budget)
        seconds = time.monotonic() - started
        if result.returncode != 0:
            if record:
                update_runs_report(name, run_record(source, seconds, passed=False))
            raise NotebookFailed(failure_message(name, result, output, budget))
        executed = nbformat.read(output, as_version=4)
        if full_env.get(ENV_HASHES):  # present only when the kernel read stand-in data
            mark_standin_outputs(executed, [Path(p).name for p in accepted_hashes(full_env)])
            nbformat.write(executed, output)
    values = collected_values(executed)
    missing = [n for n in collect if n not in values]
    if missing:
        raise NotebookFailed(f"notebook {name} ran but did not report {missing}")
    if record:
        update_runs_report(name, run_record(source, seconds, passed=True))
    return NotebookRun(
        name=name, values=values, seconds=seconds, notebook=executed,
        solutions=solutions_run(executed),
    )  # fmt: skip


def solution_output(run: NotebookRun, number: int) -> str:
    """What the worked solution of exercise `number` printed in the run (its stdout, joined)."""
    cells = [c for c in run.notebook.cells if SOLUTION_TAG in c.metadata.get("tags", [])]
    cell = next(
        c for c in cells if c.metadata.get("exercise", "").startswith(f"Exercise {number}:")
    )
    return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")


def assert_every_solution_ran(run: NotebookRun) -> None:
    """The notebook has 3-5 exercises with code solutions, and every one of them ran."""
    expected = [title for title, _ in exercise_solutions(nbformat.read(notebook_path(run.name), 4))]
    assert 3 <= len(expected) <= 5, f"{run.name}: expected 3 to 5 exercise solutions: {expected}"
    assert run.solutions == expected, f"{run.name}: solutions that ran: {run.solutions}"
