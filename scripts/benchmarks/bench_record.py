"""One file for every measured figure: reports/benchmarks.json, written by the bench scripts.

Each script replaces its own entry, with the date and the machine it ran on, so the README and
CONTRIBUTING.md point at this file instead of copying numbers by hand.
"""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / "reports" / "benchmarks.json"


def record(name: str, figures: dict, path: Path = RESULTS) -> dict:
    """Store `figures` under `name` with when and where they were measured; return the entry."""
    results = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    entry = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        **figures,
    }
    results[name] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return entry
