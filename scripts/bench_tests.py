"""Wall-clock time of the test tiers, as the Makefile runs them: `make bench-tests`.

    python scripts/bench_tests.py [--tiers quick sweep notebooks]

Runs each tier's pytest selection on every core (pytest-xdist, as `make test` does) and records
the seconds, the number of tests and the budget in reports/benchmarks.json under "tests".
The quick tier's budget is 4 minutes on an idle 2-core machine; close other work first.
The notebook tier runs in .venv-colab, as `make test-colab` does.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench_record import record

ROOT = Path(__file__).resolve().parents[1]
TIERS = {  # name: (python, marker expression), as in the Makefile
    "quick": (ROOT / ".venv" / "bin" / "python", "not sweep and not notebook"),
    "sweep": (ROOT / ".venv" / "bin" / "python", "sweep"),
    "notebooks": (ROOT / ".venv-colab" / "bin" / "python", "notebook"),
}
BUDGET_S = {"quick": 240}
PASSED = re.compile(r"(\d+) passed")


def run_tier(python: Path, marker: str) -> tuple[float, int]:
    """Seconds and passed tests of one tier; exits naming the tier's output when it fails."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([str(python), "-m", "pytest", "-n", "auto", "-q", "-p",
                             "no:cacheprovider", "-m", marker], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"pytest -m {marker!r} failed; its output ends:\n{result.stdout[-3000:]}")
    found = PASSED.search(result.stdout.splitlines()[-1] if result.stdout else "")
    return seconds, int(found.group(1)) if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiers", nargs="+", choices=list(TIERS), default=["quick"])
    tiers = parser.parse_args().tiers
    figures = {}
    for tier in tiers:
        python, marker = TIERS[tier]
        if not python.is_file():
            sys.exit(f"{python} is missing: run `make test` (or `make test-colab`) once first")
        seconds, passed = run_tier(python, marker)
        figures[tier] = {"seconds": round(seconds, 1), "passed": passed,
                         "budget_s": BUDGET_S.get(tier)}
        print(f"{tier:10} {seconds:7.1f} s  {passed} passed  budget {BUDGET_S.get(tier)}")
    record("tests", {"workers": "auto (pytest-xdist)", **figures})
    return 0


if __name__ == "__main__":
    sys.exit(main())
