"""Wall-clock time of the test tiers, run through their own Make targets: `make bench-tests`.

    python -m scripts.benchmarks.bench_tests [--tiers quick sweep notebooks]

Runs `make test` (quick), `make test-sweep` or `make test-colab` (notebooks) exactly as a
contributor does, so the selections live only in the Makefile, and records the seconds, the
number of tests passed and the budget in reports/benchmarks.json under "tests". The quick
tier's budget is 4 minutes on an idle 2-core machine; close other work first.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from scripts.benchmarks.bench_record import record

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"quick": "test", "sweep": "test-sweep", "notebooks": "test-colab"}
BUDGET_S = {"quick": 240}
PASSED = re.compile(r"(\d+) passed")


def run_tier(target: str) -> tuple[float, int]:
    """Seconds and passed tests of one `make` target; exits with its output's end if it fails."""
    start = time.perf_counter()
    result = subprocess.run(["make", "-s", target], cwd=ROOT, env=os.environ,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"make {target} failed; its output ends:\n{result.stdout[-3000:]}")
    found = PASSED.findall(result.stdout)
    return seconds, int(found[-1]) if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiers", nargs="+", choices=list(TARGETS), default=["quick"])
    tiers = parser.parse_args().tiers
    figures = {}
    for tier in tiers:
        seconds, passed = run_tier(TARGETS[tier])
        figures[tier] = {"seconds": round(seconds, 1), "passed": passed,
                         "budget_s": BUDGET_S.get(tier)}
        print(f"{tier:10} {seconds:7.1f} s  {passed} passed  budget {BUDGET_S.get(tier)}")
    record("tests", {"workers": "auto (pytest-xdist)", **figures})
    return 0


if __name__ == "__main__":
    sys.exit(main())
