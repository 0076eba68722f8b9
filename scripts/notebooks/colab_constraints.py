"""Pin the packages our notebooks import to the versions Colab has, for `make test-colab`.

    python -m scripts.notebooks.colab_constraints [--probe] > build/colab-constraints.txt

Reads Colab's `pip freeze` (requirements/colab/pip-freeze.txt) and our own constraints. For
every distribution the notebooks import, it writes Colab's version; everything else (test tools,
and torch, which stays the local CPU build) keeps our pin. With --probe, pip checks that a
wheel exists for this Python and falls back to our pin where none does.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from scripts.notebooks.notebook_meta import code_sources

ROOT = Path(__file__).resolve().parents[2]
COLAB_FREEZE = ROOT / "requirements" / "colab" / "pip-freeze.txt"
LOCAL_CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
NOTEBOOKS = ROOT / "notebooks"
# Import names that differ from the distribution's name on PyPI.
IMPORT_TO_DIST = {
    "sklearn": "scikit-learn", "skimage": "scikit-image", "PIL": "pillow", "cv2": "opencv-python",
    "yaml": "pyyaml", "bs4": "beautifulsoup4", "tensorboard": "tensorboard",
    "torchvision": "torchvision", "mpl_toolkits": "matplotlib",
}  # fmt: skip
# Kernel and test tooling in the "notebooks" group: not what a notebook runs on, keep ours.
TOOLING = {"ipykernel", "nbformat", "nbclient", "papermill"}
# Not imported directly, but they compute what scikit-learn, scikit-image and matplotlib return.
RUNTIME_DEPENDENCIES = {"scipy", "pillow"}
# Colab's torch is a URL build for Colab's Python; on another Python we keep the local CPU build.
KEEP_LOCAL = {"torch"}
LINE = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(?:==\s*([^\s;]+)|@\s*(\S+))")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    """name -> version (or '@ url') from a pip freeze / constraints file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LINE.match(line.strip())
        if match:
            name, version, url = match.groups()
            pins[normalise(name)] = version if version else f"@ {url}"
    return pins


def cell_imports(code: str) -> set[str]:
    lines = ["pass" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()]
    modules = set()
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names)


def notebook_imports(notebook: dict) -> set[str]:
    modules = set()
    for source in code_sources(notebook):
        modules |= cell_imports(source)
    return modules


def distribution(module: str) -> str:
    return normalise(IMPORT_TO_DIST.get(module, module))


def used_distributions(notebook_dir: Path = NOTEBOOKS) -> set[str]:
    dists = set()
    for path in sorted(notebook_dir.glob("*.ipynb")):
        dists |= {distribution(m) for m in notebook_imports(json.loads(path.read_text("utf-8")))}
    return dists


def notebook_group() -> set[str]:
    """The runtime packages of pyproject's "notebooks" group (what the notebooks may import)."""
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["dependency-groups"]
    names = {normalise(re.split(r"[<>=!~\[; ]", entry)[0]) for entry in groups["notebooks"]}
    return names - TOOLING


def has_wheel(name: str, version: str) -> bool:
    """Ask pip (dry run, no install) whether a wheel of name==version fits this Python."""
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-deps"]
    command += ["--ignore-installed", "--only-binary=:all:", f"{name}=={version}"]
    return subprocess.run(command, capture_output=True, timeout=300).returncode == 0


def constraints(
    colab: dict, local: dict, used: set[str], probe=None, python: str | None = None
) -> tuple[list[str], list[str]]:
    """(constraint lines, notes): Colab's pins for used packages, our pins for the rest.
    python: "3.13"-style version the venv runs (default: this interpreter's)."""
    merged, notes = dict(local), []
    python = python or f"{sys.version_info.major}.{sys.version_info.minor}"
    on_colab_python = colab_python(colab) == python
    for name in sorted(used):
        version = colab.get(name)
        if on_colab_python and name in KEEP_LOCAL and pinned_version(version):
            # Same Python as Colab: take Colab's torch too, from PyTorch's CPU wheel index.
            merged[name] = pinned_version(version)
            notes.append(f"{name}: Colab's {merged[name]}, from the CPU wheel index")
        elif name in KEEP_LOCAL or version is None or version.startswith("@"):
            notes.append(f"{name}: kept local {local.get(name, 'unpinned')} (Colab: {version})")
        elif probe is not None and not probe(name, version):
            notes.append(f"{name}: no wheel of {version} for this Python; kept {local.get(name)}")
        else:
            merged[name] = version
    lines = [f"{name}=={version}" for name, version in sorted(merged.items())]
    return lines, notes


CPYTHON_TAG = re.compile(r"-cp(\d)(\d+)-")
WHEEL_VERSION = re.compile(r"/[A-Za-z0-9_.]+-(\d[^-/%]*)(?:%2B|\+|-)")


def colab_python(colab: dict) -> str | None:
    """Colab's Python as "3.13", read from the cpXYZ tag of a wheel URL in its freeze."""
    for pin in colab.values():
        if pin.startswith("@") and (match := CPYTHON_TAG.search(pin)):
            return f"{match.group(1)}.{match.group(2)}"
    return None


def pinned_version(pin: str | None) -> str | None:
    """The version of a pin: "2.1.3" as is; "@ https://.../torch-2.11.0%2Bcpu-cp313-..." gives
    "2.11.0"."""
    if not pin or not pin.startswith("@"):
        return pin
    match = WHEEL_VERSION.search(pin)
    return match.group(1) if match else None


def differences_from_colab(python: str, packages: dict, colab: dict | None = None) -> list[str]:
    """Where a run's Python and package versions differ from Colab's; empty when they match."""
    colab = read_pins(COLAB_FREEZE) if colab is None else colab
    wanted = colab_python(colab)
    found = [] if wanted is None or python.startswith(wanted + ".") or python == wanted else [
        f"python {python} (Colab: {wanted})"
    ]
    for name, version in sorted(packages.items()):
        colab_version = pinned_version(colab.get(normalise(name)))
        if colab_version is None:
            continue  # not on Colab: the notebook installs it in its first cell
        if version.split("+")[0] != colab_version.split("+")[0]:
            found.append(f"{name} {version} (Colab: {colab_version})")
    return found


def main(argv: list[str]) -> int:
    used = used_distributions() | notebook_group() | RUNTIME_DEPENDENCIES
    probe = has_wheel if "--probe" in argv else None
    lines, notes = constraints(read_pins(COLAB_FREEZE), read_pins(LOCAL_CONSTRAINTS), used, probe)
    print("# Generated by scripts/notebooks/colab_constraints.py from "
          "requirements/colab/pip-freeze.txt")
    print("\n".join(lines))
    for note in notes:
        print(f"colab_constraints: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
