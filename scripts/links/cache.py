"""Result cache: a previous JSON report; recent ok results are reused, failures re-checked."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .engine import Result
from .report import FIELDS


def load_cache(path: Path) -> dict[str, dict]:
    """{url: entry} from a report file; an absent or unreadable file is an empty cache."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {entry["url"]: entry for entry in data.get("results", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None


def fresh_ok(entry: dict, max_age: timedelta, now: datetime) -> bool:
    """Only an `ok` younger than `max_age` is reused."""
    checked = parse_time(entry.get("checked_at", ""))
    return entry.get("result") == "ok" and checked is not None and now - checked <= max_age


def reuse(cache: dict[str, dict], url: str, pages: list[str], max_age: timedelta,
          now: datetime | None = None) -> Result | None:
    entry = cache.get(url)
    if entry is None or not fresh_ok(entry, max_age, now or datetime.now(UTC)):
        return None
    values = {name: entry.get(name) for name in FIELDS}
    values.update(pages=pages, reason=(entry.get("reason") or "ok") + " (cached)",
                  review=bool(entry.get("review")))
    return Result(**values)
