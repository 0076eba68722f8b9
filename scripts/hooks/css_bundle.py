"""MkDocs hook: serve our stylesheets as one file, so a page waits for one request, not five.

It runs after the other hooks have added their stylesheets (on_config) and written them
(on_post_build), then concatenates them in their listed order into stylesheets/site.css.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

BUNDLE = "stylesheets/site.css"
_state: dict[str, list[str]] = {"parts": []}


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
        raise PluginError(
            f"css_bundle: extra_css lists {', '.join(missing)}, but the build wrote no such "
            "file. Add it under assets/ or remove it from extra_css in mkdocs.yml."
        )
    return "\n".join(
        f"/* --- {part} --- */\n" + (site_dir / part).read_text(encoding="utf-8") for part in parts
    )


@event_priority(-100)
def on_config(config):
    parts, other = split_stylesheets(list(config.extra_css))
    _state["parts"] = parts
    config.extra_css = [*other, BUNDLE] if parts else other
    return config


@event_priority(-100)
def on_post_build(config):
    site_dir = Path(config.site_dir)
    if _state["parts"]:
        (site_dir / BUNDLE).write_text(bundle(site_dir, _state["parts"]), encoding="utf-8")
