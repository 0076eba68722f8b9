"""Serve our stylesheets as one file, so a page waits for one request, not five.

The pipeline splits extra_css last in on_config (after every stylesheet is listed) and writes
the bundle last in on_post_build (after every stylesheet is written), in their listed order.
"""

from __future__ import annotations

from pathlib import Path

BUNDLE = "stylesheets/site.css"


def is_local(path: str) -> bool:
    return "://" not in path and not path.startswith("//")


def split_stylesheets(extra_css: list[str]) -> tuple[list[str], list[str]]:
    """Return (local parts to bundle, entries to keep as they are)."""
    local = [str(entry) for entry in extra_css if is_local(str(entry))]
    other = [entry for entry in extra_css if not is_local(str(entry))]
    return local, other


def bundle(site_dir: Path, parts: list[str]) -> str:
    missing = [part for part in parts if not (site_dir / part).is_file()]
    if missing:
        raise ValueError(
            f"css_bundle: extra_css lists {', '.join(missing)}, but the build wrote no such "
            "file. Add it under assets/ or remove it from extra_css in mkdocs.yml."
        )
    return "\n".join(
        f"/* --- {part} --- */\n" + (site_dir / part).read_text(encoding="utf-8") for part in parts
    )

