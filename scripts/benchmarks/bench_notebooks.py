"""Time every notebook's test-mode run, with exactly the settings its test module uses.

    make bench-notebooks    (puts tests/ and tests/notebooks/ on PYTHONPATH)

Each tests/notebooks/test_nb_NN_*.py module names its notebook (NAME) and builds its run
settings, stand-in data included, with run_kwargs(tmp_path).
Budget: all notebooks under 5 minutes on the 2-core CI machine.
Exit status 1 when a notebook fails or the total is over budget. The figures go to
reports/benchmarks.json under "notebooks".
"""

from __future__ import annotations

import importlib
import sys
import tempfile
from pathlib import Path

from scripts.benchmarks.bench_record import record

ROOT = Path(__file__).resolve().parents[2]
TEST_DIR = ROOT / "tests" / "notebooks"
BUDGET_SECONDS = 300


def test_modules() -> list:
    modules = [importlib.import_module(p.stem) for p in sorted(TEST_DIR.glob("test_nb_[0-9]*.py"))]
    return [m for m in modules if hasattr(m, "NAME")]


def run_settings(module, tmp: Path) -> dict:
    """The module's own run settings, stand-in data included: exactly what its test runs."""
    if not hasattr(module, "run_kwargs"):
        raise SystemExit(f"{module.__file__}: defines NAME but no run_kwargs(tmp_path); add it "
                         "(see contributing/add-a-notebook.md)")
    return module.run_kwargs(tmp)


def time_one(module) -> tuple[str, float | None, str]:
    from nbharness import run_notebook

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        try:
            run = run_notebook(module.NAME, record=False, **run_settings(module, Path(tmp)))
        except AssertionError as error:
            return module.NAME, None, str(error).splitlines()[0]
    return module.NAME, run.seconds, "ok"


def main() -> int:
    try:
        import nbharness  # noqa: F401 - lives in tests/notebooks
    except ImportError:
        print("bench_notebooks: run it as `make bench-notebooks`", file=sys.stderr)
        return 2
    rows = [time_one(module) for module in test_modules()]
    total = sum(seconds or 0 for _, seconds, _ in rows)
    print(f"{'notebook':40} {'seconds':>8}  result")
    for name, seconds, result in rows:
        shown = f"{seconds:8.1f}" if seconds is not None else f"{'-':>8}"
        print(f"{name:40} {shown}  {result}")
    print(f"{'total':40} {total:8.1f}  budget {BUDGET_SECONDS} s")
    failed = any(seconds is None for _, seconds, _ in rows)
    record("notebooks", {"test_mode_seconds": {name: seconds for name, seconds, _ in rows},
                         "total_seconds": round(total, 1), "budget_seconds": BUDGET_SECONDS})
    return 1 if failed or total > BUDGET_SECONDS else 0


if __name__ == "__main__":
    sys.exit(main())
