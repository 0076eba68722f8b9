"""When was a link first added to this repository? Read from the git history of the pages."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime
from pathlib import Path

HISTORY_PATHS = ("docs", "notebooks")  # where links are written (Markdown pages, notebooks)
# Characters that would continue a URL: a match followed by one of them is a longer URL.
CONTINUES = r"(?![\w\-~%/?=&+]|\.\w)"


def url_pattern(url: str) -> re.Pattern:
    """`url` as written in a page, with or without a trailing slash, and not a longer URL."""
    return re.compile(re.escape(url.rstrip("/")) + "/?" + CONTINUES)


def git(root: Path, *args: str, timeout: float = 60) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def shallow_boundary(root: Path) -> set[str]:
    """Commits at the edge of a shallow clone: their diffs show every line as added."""
    path = git(root, "rev-parse", "--git-path", "shallow")
    if not path:
        return set()
    shallow = Path(path.strip())
    shallow = shallow if shallow.is_absolute() else root / shallow
    try:
        return set(shallow.read_text().split())
    except OSError:
        return set()


def first_added(root: Path | str, urls: list[str],
                paths: tuple[str, ...] = HISTORY_PATHS) -> dict[str, date]:
    """{url: the author date of the oldest commit that added a line holding it}.

    One `git log -p` over the pages' history, oldest first. URLs never found, a folder that is
    not a git checkout, and links first seen at the edge of a shallow clone (whose real date
    is unknown) are left out.
    """
    root = Path(root)
    wanted = {url: url_pattern(url) for url in dict.fromkeys(urls)}
    if not wanted:
        return {}
    log = git(root, "log", "--reverse", "--no-color", "--no-ext-diff", "--no-textconv",
              "--unified=0", "--format=%x00%H %aI", "-p", "--", *paths)
    if not log:
        return {}
    boundary = shallow_boundary(root)
    found: dict[str, date] = {}
    for record in log.split("\x00")[1:]:
        header, _, patch = record.partition("\n")
        commit, _, when = header.partition(" ")
        added = "\n".join(line for line in patch.splitlines()
                          if line.startswith("+") and not line.startswith("+++"))
        for url, pattern in list(wanted.items()):
            if url.rstrip("/") in added and pattern.search(added):
                del wanted[url]
                if commit not in boundary:
                    found[url] = datetime.fromisoformat(when.strip()).date()
        if not wanted:
            break
    return found
