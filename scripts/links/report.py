"""JSON, Markdown and console reports over a list of results."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from . import RESULTS
from .engine import Result, now_iso

FIELDS = ("url", "result", "status", "final_url", "reason", "suggestion", "pages", "checked_at",
          "review", "archive_url")


def as_dict(result: Result) -> dict:
    return {name: getattr(result, name) for name in FIELDS}


def to_json(results: list[Result], tool: str, internal=None, warnings=()) -> dict:
    data = {"generated_at": now_iso(), "tool": tool, "results": [as_dict(r) for r in results]}
    if internal is not None:
        data["internal"] = [vars(issue) for issue in internal]
    if warnings:
        data["warnings"] = list(warnings)
    return data


def write_json(path: Path, results: list[Result], tool: str, internal=None, warnings=()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_json(results, tool, internal, warnings), indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def counts(results: list[Result]) -> dict[str, int]:
    tally = Counter(r.result for r in results)
    return {name: tally.get(name, 0) for name in RESULTS}


def cell(text) -> str:
    """Markdown table cell: no pipes or newlines."""
    return "" if text is None else str(text).replace("|", "\\|").replace("\n", " ")


def internal_markdown(internal) -> list[str]:
    if internal is None:
        return []
    lines = ["", f"### Internal links (LinkChecker): {len(internal)} broken"]
    if internal:
        lines += ["", "| Link | Page | Line | Reason |", "|---|---|---|---|"]
        lines += [f"| {cell(i.url)} | {cell(i.page)} | {cell(i.line)} | {cell(i.reason)} |"
                  for i in internal]
    return lines


def result_label(result: Result) -> str:
    return f"{result.result} (review)" if result.review else result.result


def to_markdown(results: list[Result], failing: set[str], internal=None, warnings=()) -> str:
    """Summary counts plus a table of every result that is not ok."""
    tally = counts(results)
    lines = ["## Link check", "", f"{len(results)} external URLs checked.", ""]
    lines += ["| Result | Count |", "|---|---|"]
    for name, n in tally.items():
        lines.append(f"| {name}{' (fails)' if name in failing else ''} | {n} |")
    reviews = sum(r.review for r in results)
    if reviews:
        lines += ["", f"{reviews} moved URL(s) marked **review**: the new address shares no word "
                      "with the old one, so a person should check it is the same resource."]
    problems = [r for r in results if r.result != "ok"]
    if problems:
        header = "| Result | URL | Status | Reason | Suggestion | Archived copy | Pages |"
        lines += ["", header, "|---" * 7 + "|"]
        for r in sorted(problems, key=lambda r: (RESULTS.index(r.result), not r.review, r.url)):
            pages = ", ".join(r.pages)
            archived = f"<{r.archive_url}>" if r.archive_url else None
            row = [result_label(r), f"<{r.url}>", r.status, r.reason, r.suggestion, archived,
                   pages]
            lines.append("| " + " | ".join(cell(x) for x in row) + " |")
    else:
        lines += ["", "Every URL is ok."]
    if warnings:
        lines += ["", "### Warnings", ""] + [f"- {cell(w)}" for w in warnings]
    return "\n".join(lines + internal_markdown(internal)) + "\n"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Left-aligned text columns, the last one unpadded."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [f"{str(c):<{w}}" for c, w in zip(row, widths, strict=False)]
        lines.append("  ".join(cells + [str(row[-1])]))
    return lines


def to_console(results: list[Result], internal=None, warnings=()) -> str:
    """Readable tables for the terminal: every URL that is not ok, then the counts."""
    rows = [[result_label(r), r.status or "-", r.url,
             r.reason + (f" -> {r.suggestion}" if r.suggestion else "")
             + (f" (archived copy: {r.archive_url})" if r.archive_url else "")]
            for r in sorted(results, key=lambda r: (RESULTS.index(r.result), r.url))
            if r.result != "ok"]
    lines = table(["RESULT", "STATUS", "URL", "REASON"], rows) + [""] if rows else []
    if internal:
        lines += table(["INTERNAL", "PAGE", "REASON"],
                       [[i.url, i.page, i.reason] for i in internal]) + [""]
    lines += table(["RESULT", "URLS"], [[name, n] for name, n in counts(results).items()])
    if internal is not None:
        lines.append(f"internal links broken: {len(internal)}")
    lines += [f"warning: {w}" for w in warnings]
    return "\n".join(lines)
