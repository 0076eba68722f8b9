"""Render every figure of the guide to docs/images/figures/NAME.svg.

Each scripts/figures/NAME.py (other than this file and common.py) defines `draw() -> str`, the
figure's SVG. The written file carries the SHA-256 of the script and of common.py, so a test can
tell when a committed figure is older than its code. Run `make figures`, or from the project root:

    python -m scripts.figures.build            # all figures
    python -m scripts.figures.build NAME ...   # some
    python -m scripts.figures.build --check    # exit 1 if a committed figure is stale
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from scripts.figures.common import SHA_TAG, theme

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUTPUT = ROOT / "docs" / "images" / "figures"
SHARED = HERE / "common.py"
NOT_FIGURES = {"build", "common", "__init__"}
MAX_BYTES = 30_000


def scripts() -> dict[str, Path]:
    """Figure name (file name with - for _) -> its script."""
    return {
        path.stem.replace("_", "-"): path
        for path in sorted(HERE.glob("*.py"))
        if path.stem not in NOT_FIGURES
    }


def sources_sha256(script: Path) -> str:
    digest = hashlib.sha256()
    for path in (SHARED, script):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_sha256(svg_path: Path) -> str | None:
    if not svg_path.is_file():
        return None
    match = SHA_TAG.search(svg_path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def render(name: str, script: Path) -> str:
    spec = importlib.util.spec_from_file_location(f"scripts.figures.{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "draw", None)):
        raise ValueError(f"{script}: define draw() -> str, returning the figure's SVG")
    return theme(module.draw(), sources_sha256(script))


def stale() -> list[str]:
    return [
        name
        for name, script in scripts().items()
        if stored_sha256(OUTPUT / f"{name}.svg") != sources_sha256(script)
    ]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        names = stale()
        for name in names:
            print(f"stale: docs/images/figures/{name}.svg; run `make figures`")
        return 1 if names else 0
    available = scripts()
    unknown = [name for name in argv if name not in available]
    if unknown:
        print(f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(available)}")
        return 2
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name in argv or available:
        svg = render(name, available[name])
        size = len(svg.encode("utf-8"))
        if size > MAX_BYTES:
            print(f"{name}.svg is {size} bytes, over the {MAX_BYTES} limit; simplify the figure")
            return 1
        (OUTPUT / f"{name}.svg").write_text(svg, encoding="utf-8")
        print(f"{name}.svg  {size / 1000:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
