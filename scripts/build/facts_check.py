"""Run every probe of docs/facts.yml and print the facts whose source changed (`make facts-check`).

    python -m scripts.build.facts_check [--json FILE] [--markdown FILE] [--base PREFIX=URL ...]

Needs internet. Exit code 0 when every source still says what its probe expects (or could not be
read: "unverifiable" is reported, never counted as a change), 1 on drift or on an answer a probe
cannot read, 2 when the registry itself is invalid, 3 when no source at all could be read (a
network outage must not close the weekly issue). The weekly workflow (.github/workflows/
facts.yml) posts the Markdown report as the one "Facts that changed" issue; the build shows each
probe's last result on the Facts page from the JSON report (reports/facts-check.json).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from scripts.build.facts import REGISTRY, Fact, FactError, all_facts
from scripts.build.probes import Result, run_probes
from scripts.build.reports import write_report
from scripts.build.text import table_cell

ROOT = Path(__file__).resolve().parents[2]
NO_CHANGE = "No fact changed"  # the workflow closes the issue when the report starts so
FAILING = ("drift", "error")




def summary(results: list[Result]) -> dict[str, int]:
    counts = {"ok": 0, "drift": 0, "unverifiable": 0, "error": 0}
    for result in results:
        counts[result.status] += 1
    return counts


def to_markdown(results: list[Result], facts: dict[str, Fact], checked: str) -> str:
    counts = summary(results)
    failing = [r for r in results if r.status in FAILING]
    if failing:
        head = f"{len(failing)} fact(s) in `{REGISTRY}` changed at their source ({checked}): "
    elif counts["ok"]:
        head = f"{NO_CHANGE} ({checked}): "
    else:
        head = f"No source could be read, so nothing was checked ({checked}): "
    lines = [head + ", ".join(f"{n} {status}" for status, n in counts.items()) + ".", ""]
    if failing:
        lines += ["Check each source, then update the fact's `value`, `says`, `checked` and its "
                  "probe's `expect` (derived Colab facts: `make colab-refresh`).", "",
                  "| Fact | Stored value | Probe expects | Live value | Source | What it means |",
                  "|---|---|---|---|---|---|"]
        for r in failing:
            where = f" ({REGISTRY}:{facts[r.fact].line})" if facts[r.fact].line else ""
            live = r.live if r.live is not None else f"*{r.status}*"
            lines.append(f"| `{r.fact}`{where} | {table_cell(facts[r.fact].value)} | "
                         f"{table_cell(r.expected)} | {table_cell(live)} | {r.source} | "
                         f"{table_cell(r.message)} |")
    unread = [r for r in results if r.status == "unverifiable"]
    if unread:
        lines += ["", "Sources that could not be read this time (neither confirmed nor "
                  "contradicted):", ""]
        lines += [f"- `{r.fact}`: {r.source} ({table_cell(r.message)})" for r in unread]
    unexplained = sorted(f.id for f in facts.values()
                         if f.probe is None and not f.probe_reason and not f.derived)
    if unexplained:
        lines += ["", "Facts with neither a probe nor a `probe_reason`: "
                  + ", ".join(f"`{i}`" for i in unexplained)]
    return "\n".join(lines) + "\n"


def to_json(results: list[Result], checked: str) -> str:
    report = {"checked": checked, "summary": summary(results),
              "facts": {r.fact: r.as_dict() for r in results}}
    return json.dumps(report, indent=1, sort_keys=True) + "\n"


def parse_bases(pairs: list[str]) -> dict[str, str]:
    bases = {}
    for pair in pairs:
        prefix, sep, url = pair.partition("=")
        if not sep:
            raise SystemExit(f"facts_check.py: --base needs PREFIX=URL, got {pair!r}")
        bases[prefix] = url
    return bases


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the results here (the build reads it)")
    parser.add_argument("--markdown", type=Path, help="write the report here (the weekly issue)")
    parser.add_argument("--base", action="append", default=[], metavar="PREFIX=URL",
                        help="read URLs starting with PREFIX from URL instead (tests, mirrors)")
    args = parser.parse_args(argv)
    try:
        facts = all_facts(root)
    except FactError as error:
        print(f"facts_check.py: {error}", file=sys.stderr)
        return 2
    probes = {fact.id: fact.probe for fact in facts.values() if fact.probe is not None}
    results = run_probes(probes, parse_bases(args.base))
    checked = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    report = to_markdown(results, facts, checked)
    print(report, end="")
    write_report(args.markdown, report)
    write_report(args.json, to_json(results, checked))
    if any(r.status in FAILING for r in results):
        return 1
    return 3 if results and not summary(results)["ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
