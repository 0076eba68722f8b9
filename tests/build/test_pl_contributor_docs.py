"""Contributor docs a newcomer reads: a short CONTRIBUTING.md that links one page per task."""

from __future__ import annotations

import re

from support import ROOT

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
TASK_PAGES = ROOT / "contributing"
MAX_BYTES = 12 * 1024  # set-up, the commands, the tiers and where to go; the rest is linked
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# Paths a contributor doc names in backticks: they must exist, or the doc has gone stale.
NAMED_PATH = re.compile(r"`((?:scripts|tests|assets|docs|notebooks|requirements|tools)/[\w./-]+)`")


CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def prose_links(text: str) -> list[str]:
    """Link targets outside code: a link inside an example is the example's, not ours."""
    return LINK.findall(CODE.sub("", text))


def exists(path: str) -> bool:
    """A path, or a page key such as notebooks/01-first-neural-network (the file's stem)."""
    target = ROOT / path.rstrip("/")
    return target.exists() or any(target.parent.glob(target.name + ".*"))


def contributor_docs() -> list:
    return [CONTRIBUTING, *sorted(TASK_PAGES.glob("*.md"))]


def test_contributing_stays_short():
    size = len(CONTRIBUTING.read_bytes())
    assert size <= MAX_BYTES, f"CONTRIBUTING.md is {size} bytes: move detail to contributing/"


def test_every_task_page_is_linked_and_every_link_resolves():
    linked = {(CONTRIBUTING.parent / target).resolve()
              for target in prose_links(CONTRIBUTING.read_text(encoding="utf-8"))
              if not target.startswith("http")}
    pages = {page.resolve() for page in TASK_PAGES.glob("*.md")}
    assert pages, "no task pages in contributing/"
    assert pages <= linked, f"not linked from CONTRIBUTING.md: {sorted(pages - linked)}"
    for doc in contributor_docs():
        for target in prose_links(doc.read_text(encoding="utf-8")):
            if not target.startswith(("http", "mailto:")):
                assert (doc.parent / target).exists(), f"{doc.name}: dead link to {target}"


def test_paths_named_in_contributor_docs_exist():
    missing = []
    for doc in contributor_docs():
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for path in NAMED_PATH.findall(line):
                # A placeholder (NAME, NN-slug, <name>) names a pattern, not a file.
                if re.search(r"[A-Z]{2,}|<|\*|NN-", path):
                    continue
                if not exists(path):
                    missing.append(f"{doc.relative_to(ROOT)}:{number}: {path}")
    assert not missing, "stale paths in contributor docs:\n" + "\n".join(missing)
