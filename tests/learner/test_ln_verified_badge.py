"""Verified badges: a notebook counts as verified only with a fresh, passing run record."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from notebook_meta import RUNS_REPORT, read_notebook, sources_sha256
from pipeline import notebook_page, verified_badge
from support import ROOT, apply_step, run_mkdocs_build

RECORD = {
    "executed_at": "2026-11-25T17:57:43Z", "python": "3.11.7", "torch": "2.13.0+cpu",
    "keras": "3.15.1", "numpy": "2.4.6", "seconds": 12.34, "mode": "test",
    "gpu_recommended": False, "sources_sha256": "abc", "passed": True,
}


def test_fresh_passing_record_is_verified():
    verdict = verified_badge.judge(RECORD, "abc")
    assert verdict.verified
    badge = verified_badge.badge_html(verdict, True)
    for fact in ("Verified", "25 November 2026, 17:57 UTC", "Python 3.11.7", "PyTorch 2.13.0+cpu",
                 "Keras 3.15.1", "12.3 seconds", "A GPU is recommended"):
        assert fact in badge


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (None, "no record"),
        ({**RECORD, "sources_sha256": "old"}, "code changed"),
        ({**RECORD, "passed": False}, "failed"),
        ({**RECORD, "executed_at": ""}, "no date"),
    ],
    ids=["missing", "stale", "failed", "undated"],
)
def test_missing_stale_or_failed_record_is_not_verified(record, reason):
    verdict = verified_badge.judge(record, "abc")
    assert not verdict.verified
    badge = verified_badge.badge_html(verdict, False)
    assert "Not yet verified" in badge and reason in badge
    assert "\u2713 Verified" not in badge and "No GPU needed" in badge


def test_badge_goes_after_the_button_bar_under_the_title():
    bar = '<div class="notebook-buttons" role="group" aria-label="This notebook"><a>Colab</a></div>'
    page = "<p>Intro</p><h1>T</h1><p>Body</p>"
    result = apply_step(notebook_page.insert_header, page, f"{bar}<div>BADGE</div>")
    assert result == f"<p>Intro</p><h1>T</h1>{bar}<div>BADGE</div><p>Body</p>"


def test_invalid_report_names_the_file(tmp_path):
    report = tmp_path / "notebook-runs.json"
    report.write_text('{"notebooks": ', encoding="utf-8")
    with pytest.raises(ValueError, match=r"notebook-runs.json:1: not valid JSON"):
        verified_badge.load_runs(report)


def badge_text(site, slug):
    soup = BeautifulSoup((site / "notebooks" / slug / "index.html").read_text("utf-8"), "lxml")
    badges = soup.select("article .verified-badge")
    assert len(badges) == 1, f"{slug}: expected one badge, found {len(badges)}"
    return badges[0].get_text(" ", strip=True)


def test_build_shows_verified_stale_and_missing(project_copy, tmp_path):
    notebooks = sorted((project_copy / "notebooks").glob("*.ipynb"))
    fresh, stale = notebooks[0], notebooks[1]
    report = project_copy / RUNS_REPORT
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps({"notebooks": {
        fresh.name: {**RECORD, "sources_sha256": sources_sha256(read_notebook(fresh))},
        stale.name: {**RECORD, "sources_sha256": "not-the-current-code"},
    }}), encoding="utf-8")
    result = run_mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    assert "\u2713 Verified" in badge_text(site, fresh.stem)
    assert "Python 3.11.7" in badge_text(site, fresh.stem)
    assert "code changed after the last recorded run" in badge_text(site, stale.stem)
    assert "no record of running" in badge_text(site, notebooks[2].stem)


def test_every_notebook_page_has_a_badge(built_site):
    notebooks = sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))
    pages = sorted(page.parent.name for page in (built_site / "notebooks").glob("*/index.html"))
    assert notebooks and pages == notebooks
    for slug in pages:
        assert badge_text(built_site, slug)
