"""The Facts page's Probe column: what each probe reads and, from the last `make facts-check`
report (reports/facts-check.json), its result. A result counts only for the probe as it is now:
a report written before a probe's expected value or source changed shows nothing, and with no
report at all the column shows the probe alone, never "checked".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scripts.build.reports import load_report
from scripts.build.text import table_cell

if TYPE_CHECKING:
    from scripts.build.facts import Fact

CHECK_REPORT = Path("reports/facts-check.json")  # written by `make facts-check`
RESULT_WORDS = {"ok": "source still says this", "drift": "source now says",
                "unverifiable": "source could not be read", "error": "source answer unreadable"}


def load_check_report(root: Path) -> dict | None:
    """The last `make facts-check` report ({"checked": ..., "facts": {id: result}}), if any."""
    return load_report(root / CHECK_REPORT, "facts", dict,
                       "Run `make facts-check` to rewrite it")


def last_result(fact: Fact, report: dict | None) -> str:
    """The report's result for this fact's probe as it is now; '' when there is none (never a
    result of an older probe that expected something else or read another source)."""
    result = (report or {}).get("facts", {}).get(fact.id)
    if (not isinstance(result, dict) or fact.probe is None
            or result.get("expected") != fact.probe.expect
            or result.get("source") != fact.probe.location()
            or result.get("status") not in RESULT_WORDS):
        return ""
    words = RESULT_WORDS[result["status"]]
    if result["status"] == "drift":
        words += f" {result.get('live') or '(pattern not found)'}"
    when = str(report.get("checked", ""))[:10]
    return f"{words} (checked {when})" if when else words


def probe_cell(fact: Fact, report: dict | None = None) -> str:
    if fact.probe is None and fact.derived:
        return "not needed: computed from this repository at every build"
    if fact.probe is None:
        return table_cell(f"none: {fact.probe_reason}" if fact.probe_reason else "none")
    text = f"{fact.probe.describe()}; expects {fact.probe.expect}"
    result = last_result(fact, report)
    return table_cell(f"{text}. Last result: {result}" if result else text)


