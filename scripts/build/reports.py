"""The reports: reading the JSON that tests and the link checker write for the build to show,
and writing a report where a command is told to."""

from __future__ import annotations

import json
from pathlib import Path


class ReportError(ValueError):
    """A report exists but cannot be used; the message names the file and what to do."""


def load_report(path: Path, key: str, expected: type, regenerate: str) -> dict | None:
    """The report at `path` (None when absent); its `key` must hold an `expected` value."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReportError(
            f"{path}:{error.lineno}: not valid JSON ({error.msg}). {regenerate}, or delete it."
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get(key), expected):
        shape = "[...]" if expected is list else "{...}"
        raise ReportError(f'{path}: expected {{"{key}": {shape}}}. {regenerate}.')
    return data


def write_report(path: Path | None, text: str) -> None:
    """Write `text` to `path`, making its folder; nothing when no path was asked for."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
