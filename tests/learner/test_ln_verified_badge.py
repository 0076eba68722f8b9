"""Verified badges: a notebook counts as verified only with a fresh, passing run record."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from reported_build import RECORD
from support import ROOT, apply_step

from scripts.build import notebook_page, verified_badge


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


def reported_page(site, slug) -> BeautifulSoup:
    """A notebook page of the build with reports (not the suite's shared build)."""
    return BeautifulSoup((site / "notebooks" / slug / "index.html").read_text("utf-8"), "lxml")


def badge_text(soup, slug):
    badges = soup.select("article .verified-badge")
    assert len(badges) == 1, f"{slug}: expected one badge, found {len(badges)}"
    return badges[0].get_text(" ", strip=True)


@pytest.mark.sweep  # a second build, with reports (learner/reported_build.py)
def test_build_shows_verified_stale_and_missing(reported_build):
    site, (fresh, stale, missing) = reported_build
    assert "\u2713 Verified" in badge_text(reported_page(site, fresh), fresh)
    assert "Python 3.11.7" in badge_text(reported_page(site, fresh), fresh)
    assert "code changed after the last recorded run" in badge_text(reported_page(site, stale),
                                                                     stale)
    assert "no record of running" in badge_text(reported_page(site, missing), missing)


def test_every_notebook_page_has_a_badge(site_pages):
    notebooks = sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))
    pages = {page.path.split("/")[1]: page for page in site_pages.under("notebooks")}
    assert notebooks and sorted(pages) == notebooks
    for slug, page in pages.items():
        assert badge_text(page.soup, slug)
