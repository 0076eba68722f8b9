"""Build speed as ratios against Material alone building the same Markdown pages, side by side.

    python -m scripts.benchmarks.bench_build [--runs 3]

Measures, alternating the two configurations so machine load hits both alike:
- cold: a fresh `mkdocs build --strict` process into an empty folder (wall clock), with and
  without the content-hash caches in .cache/ (mkdocs-jupyter's and the pipeline's);
- rebuild: `mkdocs serve` rebuilding after one Markdown page changed (MkDocs' own
  "Documentation built in" figure).
The baseline is mkdocs.yml without our hooks, mkdocs-jupyter and the notebook pages: what
Material alone does with the same Markdown. Budgets: cold <= 2.5x, rebuild <= 1.5x.
The medians go to reports/benchmarks.json under "build".
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.benchmarks.bench_record import record
from scripts.build.local_site import mkdocs_serve, project_env

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
BUILT_IN = re.compile(r"Documentation built in ([\d.]+) seconds")
EDITED_PAGE = "docs/contact.md"
OURS = ("mkdocs_hooks", "scripts.build.markup", "mkdocs-jupyter", "Notebooks:")
ENV = project_env(ROOT)


def material_only_config(target: Path) -> Path:
    """mkdocs.yml without our pipeline, mkdocs-jupyter and the notebook pages; strict off."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nhooks:\n(?:\s+#.*\n)*(?:  - .*\n)+", "\n", text)
    text = re.sub(r"  - mkdocs-jupyter:\n(?:      .*\n)+", "", text)
    text = re.sub(r"  - scripts\.build\.markup\.\w+\n", "", text)  # our syntax: ours too
    text = re.sub(r"  - Notebooks:\n(?:      - .*\n)+", "", text)
    text = text.replace("strict: true", "strict: false")  # its nav misses the notebooks
    # A baseline that kept any of ours would compare us with ourselves: fail, don't measure.
    if left := [part for part in OURS if part in text]:
        raise SystemExit(f"bench_build.py: the Material-only config still has {left}: update "
                         "material_only_config's patterns to match mkdocs.yml")
    target.write_text(text, encoding="utf-8")
    return target


def cold_build(config: Path, site: Path, keep_cache: bool) -> float:
    if not keep_cache:
        shutil.rmtree(CACHE, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                    "-d", str(site)], cwd=ROOT, env=ENV, check=True)
    return time.perf_counter() - start


def serve_rebuild(config: Path, port: int) -> float:
    """Seconds MkDocs reports for the rebuild after EDITED_PAGE changes under `mkdocs serve`."""
    page = ROOT / EDITED_PAGE
    original = page.read_text(encoding="utf-8")
    try:
        with mkdocs_serve(ROOT, "-f", str(config), "--dev-addr", f"127.0.0.1:{port}") as log:
            log.wait_for(BUILT_IN)  # the first, full build
            log.wait_for("Watching paths")  # an edit before the watcher starts goes unseen
            for attempt in range(3):  # the watcher has missed an edit once in dozens of runs
                time.sleep(1)
                page.write_text(original + f"\n<!-- bench edit {attempt} -->\n", "utf-8")
                try:
                    return float(log.wait_for(BUILT_IN, timeout=60).group(1))
                except TimeoutError:
                    continue
        raise RuntimeError(f"mkdocs serve rebuilt nothing after three edits of {EDITED_PAGE}")
    finally:
        page.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        full, baseline = ROOT / "mkdocs.yml", material_only_config(ROOT / ".bench-material.yml")
        try:
            times: dict[str, list[float]] = {k: [] for k in (
                "material_cold_s", "full_cold_no_cache_s", "full_cold_cached_s",
                "material_rebuild_s", "full_rebuild_s")}
            for _ in range(runs):
                times["material_cold_s"].append(cold_build(baseline, tmp_path / "m", True))
                times["full_cold_no_cache_s"].append(cold_build(full, tmp_path / "f", False))
                times["full_cold_cached_s"].append(cold_build(full, tmp_path / "f", True))
                times["material_rebuild_s"].append(serve_rebuild(baseline, 8765))
                times["full_rebuild_s"].append(serve_rebuild(full, 8766))
        finally:
            baseline.unlink()
    medians = {name: round(statistics.median(values), 2) for name, values in times.items()}
    cold = medians["material_cold_s"]
    ratios = {
        "cold_ratio_no_cache": round(medians["full_cold_no_cache_s"] / cold, 2),
        "cold_ratio_cached": round(medians["full_cold_cached_s"] / cold, 2),
        "rebuild_ratio": round(medians["full_rebuild_s"] / medians["material_rebuild_s"], 2),
    }
    entry = record("build", {"runs": runs, **medians, **ratios,
                             "budgets": {"cold_ratio": 2.5, "rebuild_ratio": 1.5}})
    for name, value in entry.items():
        print(f"{name:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
