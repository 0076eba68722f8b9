"""The "Verified" badge tells a test-mode run from a full run on Colab's versions."""

from __future__ import annotations

from scripts.build import verified_badge

RECORD = {
    "executed_at": "2026-11-25T17:57:43Z", "python": "3.11.7", "torch": "2.13.0+cpu",
    "keras": "3.13.2", "seconds": 12.3, "mode": "test", "sources_sha256": "abc", "passed": True,
}
GUIDE = {
    "sources_sha256": "abc",
    "environment": {"python": "3.13.9", "packages": {"torch": "2.11.0+cpu", "keras": "3.13.2"}},
    "run": {"mode": "full", "executed_at": "2026-12-07T04:30:00Z", "seconds": 301.4,
            "colab_versions": True, "differences_from_colab": []},
}


def test_a_test_mode_run_says_so():
    badge = verified_badge.badge_html(verified_badge.judge(RECORD, "abc"), False)
    assert "Verified in test mode" in badge and "small settings" in badge


def test_a_full_run_on_colabs_versions_says_so():
    text = verified_badge.full_run_text(GUIDE, "abc")
    assert "a full run on Colab's versions" in text
    assert "Python 3.13.9, PyTorch 2.11.0+cpu, Keras 3.13.2" in text and "07 December 2026" in text


def test_a_full_run_on_other_versions_says_which_differ():
    differences = ["python 3.11.7 (Colab: 3.13)", "torch 2.13.0+cpu (Colab: 2.11.0)"]
    run = {**GUIDE["run"], "colab_versions": False, "differences_from_colab": differences}
    text = verified_badge.full_run_text({**GUIDE, "run": run}, "abc")
    assert "not on Colab's versions" in text and "; ".join(differences) in text


def test_no_full_run_or_a_stale_one_adds_nothing():
    assert verified_badge.full_run_text({}, "abc") == ""
    assert verified_badge.full_run_text(GUIDE, "changed-code") == ""
