"""One build of a project copy with both reports the site reads: link health and notebook runs.

The resource-health and the verified-badge tests read this same build, so it runs once.
"""

from __future__ import annotations

import json
from pathlib import Path

from support import copy_project, run_mkdocs_build

from scripts.build import resource_health
from scripts.notebooks.notebook_meta import RUNS_REPORT, read_notebook, sources_sha256

CHECKED = "2026-11-20T06:00:00Z"
COPY = "https://web.archive.org/web/20210301000000/https://gone.example/"
RECORD = {
    "executed_at": "2026-11-25T17:57:43Z", "python": "3.11.7", "torch": "2.13.0+cpu",
    "keras": "3.15.1", "numpy": "2.4.6", "seconds": 12.34, "mode": "test",
    "gpu_recommended": False, "sources_sha256": "abc", "passed": True,
}
SAMPLE_LINES = (
    "\n\n## Sample resources\n\n"
    "- [@docs@Sample working](https://working.example.org/): a line of our own.\n"
    "- [@video@Sample moved](https://old.example.org/talk): another line.\n"
    "- [@tool@Sample unchecked](https://unchecked.example.org/): not in the report.\n"
    "- [@paper@Sample broken](https://gone.example.org/paper): archived.\n"
)


def result(url, verdict, **extra):
    return {"url": url, "result": verdict, "status": 200, "final_url": None, "reason": "",
            "suggestion": None, "pages": ["/python/"], "checked_at": CHECKED, **extra}


def add_sample_lines(project: Path) -> None:
    contact = project / "docs" / "contact.md"
    contact.write_text(contact.read_text("utf-8") + SAMPLE_LINES, encoding="utf-8")


def write_link_report(project: Path) -> None:
    write_json(project / resource_health.REPORT, {"generated_at": CHECKED, "tool": "test",
                                                  "results": [
        result("https://working.example.org/", "ok"),
        result("https://old.example.org/talk", "moved", final_url="https://new.example.org/talk"),
        result("https://gone.example.org/paper", "broken", archive_url=COPY),
    ]})


def write_runs_report(project: Path) -> tuple[str, str, str]:
    """Records for the first two notebooks: one fresh, one stale; (fresh, stale, missing) stems."""
    fresh, stale, missing = sorted((project / "notebooks").glob("*.ipynb"))[:3]
    write_json(project / RUNS_REPORT, {"notebooks": {
        fresh.name: {**RECORD, "sources_sha256": sources_sha256(read_notebook(fresh))},
        stale.name: {**RECORD, "sources_sha256": "not-the-current-code"},
    }})
    return fresh.stem, stale.stem, missing.stem


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def build_with_reports(folder: Path) -> tuple[Path, tuple[str, str, str]]:
    """The copy's site folder, and the notebooks whose runs are fresh, stale and missing."""
    project = copy_project(folder / "project")
    add_sample_lines(project)
    write_link_report(project)
    notebooks = write_runs_report(project)
    built = run_mkdocs_build(project, folder / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    return folder / "site", notebooks
