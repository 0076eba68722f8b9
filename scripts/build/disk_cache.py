"""Build results kept on disk (.cache/pipeline/), named by a hash of everything that makes them.

A key covers the inputs and the pipeline's own code, so an edit to either makes a new entry and
a stale one is never read. Each kind of entry keeps one file per name: writing a new one removes
the old. Files are written aside and renamed, so a build running alongside never reads half.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

BUILD = Path(__file__).parent
# Every module of the build package, subpackages too (adapter/ names the classes notebook steps
# select), and the notebook reader it uses.
CODE = [*sorted(BUILD.rglob("*.py")), BUILD.parent / "notebooks" / "notebook_meta.py"]


LIBRARIES = ("lxml", "tinycss2")  # they parse and write what the entries hold


@functools.cache  # a process never sees a library change under it (~1.5 ms a lookup)
def library_versions() -> bytes:
    return " ".join(f"{name}=={metadata.version(name)}" for name in LIBRARIES).encode()


def code_fingerprint() -> bytes:
    """The pipeline's source and libraries: a changed step must not reuse the old one's results."""
    digest = hashlib.sha256(library_versions())
    for path in CODE:
        digest.update(path.read_bytes())
    return digest.digest()


def content_key(*parts: str | bytes) -> str:
    """A short hash of the parts (each length-prefixed, so parts cannot run together)."""
    digest = hashlib.sha256(code_fingerprint())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:24]


def entry_path(cache_dir: Path, name: str, key: str, suffix: str) -> Path:
    return cache_dir / f"{name}-{key}{suffix}"


def read_text(cache_dir: Path, name: str, key: str, suffix: str) -> str | None:
    path = entry_path(cache_dir, name, key, suffix)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def write_text(cache_dir: Path, name: str, key: str, suffix: str, text: str) -> None:
    """Store `text` as the one entry for `name`, replacing entries with other keys."""
    path = entry_path(cache_dir, name, key, suffix)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob(f"{name}-*{suffix}"):
        # Same length: a longer name that starts with this one is another entry.
        if stale != path and len(stale.name) == len(path.name):
            stale.unlink(missing_ok=True)  # another build may have removed it already
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def read_json(cache_dir: Path, name: str, key: str) -> dict | None:
    text = read_text(cache_dir, name, key, ".json")
    return json.loads(text) if text is not None else None


def write_json(cache_dir: Path, name: str, key: str, value: dict) -> None:
    write_text(cache_dir, name, key, ".json", json.dumps(value))
