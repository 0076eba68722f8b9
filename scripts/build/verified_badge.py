"""A "Verified" note on each notebook page, from the test suite's run records.

The notebook tests write reports/notebook-runs.json. A record counts only if it passed and its
sources_sha256 still matches the notebook's code; otherwise the page says "Not yet verified".
The badge says "in test mode" (small settings); when the stored outputs come from a full run of
the current code (metadata.guide.run, written by `make notebooks`), it adds whether that run used
Colab's versions.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scripts.build.reports import load_report
from scripts.notebooks.notebook_meta import sources_sha256


@dataclass(frozen=True)
class Verdict:
    verified: bool
    reason: str  # why it is not verified; empty when verified
    record: dict


def load_runs(path: Path) -> dict:
    """The run records by notebook file name; an absent report means no records."""
    report = load_report(path, "notebooks", dict, "Rerun the notebook tests to rewrite it")
    return report["notebooks"] if report else {}


def judge(record: dict | None, current_sha: str) -> Verdict:
    """Fresh and passed -> verified; missing, failed or stale -> not verified, with the reason."""
    if not record:
        return Verdict(False, "the test suite has no record of running this notebook", {})
    if record.get("sources_sha256") != current_sha:
        return Verdict(False, "its code changed after the last recorded run", record)
    if record.get("passed") is not True:
        return Verdict(False, "its last recorded run failed", record)
    if not record.get("executed_at"):
        return Verdict(False, "its run record has no date", record)
    return Verdict(True, "", record)


def when(iso: str) -> str:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return f'<time datetime="{html.escape(iso)}">{moment:%d %B %Y, %H:%M} UTC</time>'


def gpu_text(gpu_recommended: bool | None) -> str:
    if gpu_recommended is None:
        return ""
    if gpu_recommended:
        return " A GPU is recommended: in Colab, choose a GPU runtime."
    return " No GPU needed: it runs on an ordinary laptop."


def badge_html(verdict: Verdict, gpu_recommended: bool | None) -> str:
    gpu = gpu_text(gpu_recommended)
    if not verdict.verified:
        return (
            '<div class="verified-badge verified-badge--unverified">'
            f"<strong>Not yet verified</strong>: {html.escape(verdict.reason)}.{gpu}</div>"
        )
    r = verdict.record
    return (
        '<div class="verified-badge verified-badge--verified">'
        f"<strong>\u2713 Verified in test mode</strong>: run by the test suite, with small "
        f"settings, on {when(r['executed_at'])} "
        f"with Python {html.escape(str(r.get('python')))}, "
        f"PyTorch {html.escape(str(r.get('torch')))} and Keras {html.escape(str(r.get('keras')))}. "
        f"Test-mode run time: {float(r.get('seconds', 0)):.1f} seconds.{gpu}</div>"
    )


def full_run_text(guide: dict, current_sha: str) -> str:
    """A sentence on the full run that made the stored outputs; empty without a current one."""
    run, env = guide.get("run") or {}, guide.get("environment") or {}
    if run.get("mode") != "full" or guide.get("sources_sha256") != current_sha:
        return ""
    packages = env.get("packages", {})
    versions = ", ".join(
        f"{label} {html.escape(str(packages[name]))}"
        for label, name in (("PyTorch", "torch"), ("Keras", "keras")) if name in packages
    )
    facts = f"Python {html.escape(str(env.get('python')))}" + (f", {versions}" if versions else "")
    if run.get("colab_versions"):
        how = f"a full run on Colab's versions ({facts})"
    else:
        differences = "; ".join(html.escape(str(d)) for d in run.get("differences_from_colab", []))
        how = f"a full run, not on Colab's versions ({facts}; differences: {differences})"
    return (
        f" <strong>Outputs on this page</strong>: {how} on {when(run['executed_at'])}, "
        f"{float(run.get('seconds', 0)):.0f} seconds."
    )


def notebook_badge(name: str, notebook: dict, runs: dict) -> str:
    guide = notebook.get("metadata", {}).get("guide", {})
    verdict = judge(runs.get(name), sources_sha256(notebook))
    badge = badge_html(verdict, guide.get("gpu_recommended"))
    full = full_run_text(guide, sources_sha256(notebook))
    return badge[: -len("</div>")] + full + "</div>" if full else badge

