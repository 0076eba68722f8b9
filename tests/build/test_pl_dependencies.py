"""`make serve` installs only the "docs" group: it must bring every module the build imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from support import ROOT

# The build: the hooks module, its steps and the notebook metadata they read.
BUILD_FILES = [*sorted((ROOT / "scripts" / "build").glob("*.py")),
               ROOT / "scripts" / "notebooks" / "notebook_meta.py"]
LOCAL = {"scripts"}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def requirement_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def installed_closure(names: set[str]) -> set[str]:
    """The named distributions and everything they require (markers for extras skipped)."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            requirements = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed: its environment marker excluded it here
        seen.add(name)
        for requirement in requirements:
            if "extra ==" not in requirement:
                todo.append(requirement_name(requirement))
    return seen


def test_the_docs_group_brings_every_module_the_build_imports():
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    docs = {requirement_name(r) for r in groups["dependency-groups"]["docs"]}
    provided = installed_closure(docs)
    distributions = metadata.packages_distributions()
    missing = []
    for path in BUILD_FILES:
        for module in sorted(imported_modules(path) - LOCAL - set(sys.stdlib_module_names)):
            names = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
            if not names & provided:
                missing.append(f"{path.relative_to(ROOT)} imports {module} ({sorted(names)})")
    assert not missing, "add these to the docs group in pyproject.toml:\n" + "\n".join(missing)
