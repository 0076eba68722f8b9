"""Benchmark figures go to one file, each entry dated, without losing the others."""

import json

from scripts.benchmarks.bench_record import record


def test_each_script_replaces_only_its_own_dated_entry(tmp_path):
    results = tmp_path / "reports" / "benchmarks.json"
    record("build", {"cold_ratio_cached": 2.1}, results)
    record("links", {"seconds": 4.8}, results)
    record("build", {"cold_ratio_cached": 1.9}, results)
    data = json.loads(results.read_text(encoding="utf-8"))
    assert set(data) == {"build", "links"}
    assert data["build"]["cold_ratio_cached"] == 1.9 and data["links"]["seconds"] == 4.8
    assert data["build"]["measured_at"].endswith("Z") and "cores" in data["build"]["machine"]
