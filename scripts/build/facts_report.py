"""List the facts of docs/facts.yml past their review-by date (`make facts`).

    python -m scripts.build.facts_report [--today YYYY-MM-DD] [--markdown FILE]

Exit code 0 whatever the facts' age (a date passing never breaks anything); 2 when the registry
itself is invalid. The weekly link workflow posts the Markdown report as one GitHub issue.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from scripts.build.facts import REGISTRY, Fact, FactError, load_registry, stale_facts
from scripts.build.reports import write_report

ROOT = Path(__file__).resolve().parents[2]


def to_markdown(stale: list[Fact], today: date) -> str:
    if not stale:
        return f"No fact in `{REGISTRY}` is past its review-by date ({today.isoformat()}).\n"
    lines = [
        f"{len(stale)} fact(s) in `{REGISTRY}` are past their review-by date "
        f"({today.isoformat()}). Check each source again, then update `value`, `says` and "
        "`checked` (and `review_by` if you set it).",
        "",
        "| Fact | Value | Source | Checked | Review by |",
        "|---|---|---|---|---|",
    ]
    for fact in stale:
        lines.append(f"| `{fact.id}` ({REGISTRY}:{fact.line}) | {fact.value} | {fact.source} | "
                     f"{fact.checked.isoformat()} | {fact.review_by.isoformat()} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    try:
        facts = load_registry(root)
    except FactError as error:
        print(f"facts_report.py: {error}", file=sys.stderr)
        return 2
    report = to_markdown(stale_facts(facts, args.today), args.today)
    print(report, end="")
    write_report(args.markdown, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
