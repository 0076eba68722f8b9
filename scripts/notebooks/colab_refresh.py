"""Copy Colab's current package list and OS info into requirements/colab/ (`make colab-refresh`).

    python -m scripts.notebooks.colab_refresh [--check] [--base PREFIX=URL ...]

Reads the head of googlecolab/backend-info (its commit, pip-freeze.txt and os-info.txt), checks
that the files still name Python and the packages the guide states, and rewrites
requirements/colab/ (SOURCE.txt records the commit). The derived facts (colab-python,
colab-torch, ...) follow at the next build; the changed ones are printed. --check writes nothing
and exits 1 when Colab changed. Exit code 2: the repository could not be read or its files no
longer have the lines we read (nothing is written then).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from scripts.build.facts import COLAB, COLAB_REPO, FactError, colab_facts
from scripts.build.probes import GITHUB_RAW, Unreachable, fetch, rewrite

ROOT = Path(__file__).resolve().parents[2]
GITHUB_API = "https://api.github.com"
BRANCH = "main"
FILES = ("pip-freeze.txt", "os-info.txt")


class RefreshError(Exception):
    """Colab's lists could not be read or used; nothing was written."""


def head_commit(bases: dict[str, str]) -> tuple[str, str]:
    """(sha, "YYYY-MM-DD HH:MM:SS +0000") of backend-info's newest commit."""
    url = f"{GITHUB_API}/repos/{COLAB_REPO}/commits/{BRANCH}"
    try:
        data = json.loads(fetch(rewrite(url, bases)))
        sha, when = data["sha"], data["commit"]["committer"]["date"]  # 2026-08-19T19:33:29Z
    except Unreachable as error:
        raise RefreshError(f"{url}: {error}") from None
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise RefreshError(f"{url}: no commit sha and date in the answer ({error!r}).") from None
    return sha, when.replace("T", " ").replace("Z", " +0000")


def source_text(sha: str, when: str) -> str:
    return ("Colab runtime package lists, from the public repository googlecolab/backend-info "
            f"at commit {sha} {when}\n")


def download(sha: str, bases: dict[str, str]) -> dict[str, str]:
    files = {}
    for name in FILES:
        url = f"{GITHUB_RAW}/{COLAB_REPO}/{sha}/{name}"
        try:
            files[name] = fetch(rewrite(url, bases))
        except Unreachable as error:
            raise RefreshError(f"{url}: {error}") from None
    return files


def derived_values(folder_files: dict[str, str]) -> dict[str, str]:
    """The derived Colab facts these files give (FactError when a line we read is gone)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / COLAB
        folder.mkdir(parents=True)
        for name, text in folder_files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return {fact_id: fact.value for fact_id, fact in colab_facts(Path(tmp)).items()}


def current_files(root: Path) -> dict[str, str]:
    return {name: (root / COLAB / name).read_text(encoding="utf-8")
            for name in (*FILES, "SOURCE.txt")}


def refresh(root: Path, bases: dict[str, str], write: bool) -> list[str]:
    """The changed derived facts ("colab-torch: 2.11.0 -> 2.12.0"); writes the files if asked."""
    sha, when = head_commit(bases)
    new = download(sha, bases) | {"SOURCE.txt": source_text(sha, when)}
    try:
        after = derived_values(new)
    except FactError as error:
        raise RefreshError(f"backend-info at {sha[:12]}: {error} Nothing was written.") from None
    before = derived_values(current_files(root))
    changes = [f"{fact_id}: {before.get(fact_id)} -> {value}"
               for fact_id, value in sorted(after.items()) if before.get(fact_id) != value]
    if write and new != current_files(root):
        for name, text in new.items():
            (root / COLAB / name).write_text(text, encoding="utf-8")
    return changes


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on a change")
    parser.add_argument("--base", action="append", default=[], metavar="PREFIX=URL",
                        help="read URLs starting with PREFIX from URL instead (tests)")
    args = parser.parse_args(argv)
    bases = dict(pair.split("=", 1) for pair in args.base)
    try:
        changes = refresh(root, bases, write=not args.check)
    except RefreshError as error:
        print(f"colab_refresh.py: {error}", file=sys.stderr)
        return 2
    for change in changes:
        print(change)
    if not changes:
        print("Colab's Python, PyTorch, Keras, TensorFlow and NumPy are unchanged.")
    elif not args.check:
        print(f"Rewrote {COLAB}/: rebuild the site, run `make test-colab`, commit.")
    return 1 if args.check and changes else 0


if __name__ == "__main__":
    sys.exit(main())
