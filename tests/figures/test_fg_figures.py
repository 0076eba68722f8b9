"""The guide's figures: drawn by scripts/figures/*.py, committed as SVG, used with real alt text.

- A committed figure is stale when its script (or the shared common.py) changed after it was
  drawn: the SVG stores the SHA-256 of both, as the notebooks store theirs.
- Redrawing gives the same bytes, so the committed file is exactly what the script makes.
- Each figure is at most 30 KB, loads nothing from another origin, and follows dark mode.
- Every figure image on every page has alt text that states its point, and every section page
  has at least one figure.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.build.markup import blocks
from scripts.figures import build
from scripts.figures.common import PALETTE, theme

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FIGURES = DOCS / "images" / "figures"
SECTION_PAGES = (
    "math-background.md",
    "neural-network-basics.md",
    "command-line.md",
    "hardware-and-os.md",
    "python.md",
    "deep-learning-frameworks.md",
    "training-neural-nets.md",
    "research-experiments.md",
    "data-analysis.md",
    "online-courses.md",
)
SVG_NS = "http://www.w3.org/2000/svg"
# The only URLs an SVG may contain: XML namespace names, which are never fetched.
NAMESPACES = {SVG_NS, "http://www.w3.org/1999/xlink", "http://www.w3.org/XML/1998/namespace"}
IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*images/figures/[^)\s]*)\)(?P<attrs>\{[^}]*\})?"
)
HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"[^\"]*images/figures/[^>]*>")
MIN_ALT_WORDS = 6
MAX_ALT_CHARS = 250  # as for notebook plots (scripts/build/notebook_page.py ALT_LIMIT)

NAMES = sorted(build.scripts())
SVGS = sorted(FIGURES.glob("*.svg"))


def figure_images(markdown: str):
    """(line, alt, src, attrs) for every figure image of a page, outside fenced code."""
    for number, line in blocks.prose_lines(markdown):
        for match in IMAGE.finditer(line):
            yield number, match["alt"], match["src"], match["attrs"] or ""
        if HTML_IMAGE.search(line):
            yield number, None, "raw <img>", ""


def alt_problem(alt: str | None, src: str) -> str | None:
    """Why this alt text does not state the figure's point, or None when it does."""
    if alt is None:
        return "write figures as ![alt](images/figures/NAME.svg), not raw <img>"
    text = " ".join(alt.split())
    stem = Path(src).stem
    if not text:
        return "empty alt text"
    if re.fullmatch(r"(?i)(figure|fig\.?|image|diagram|chart|plot|graph)\s*\d*[.:]?", text):
        return f"alt text {text!r} names the kind of picture, not its point"
    if text.lower().replace(" ", "-") in {stem, f"{stem}.svg"} or text in {stem, Path(src).name}:
        return f"alt text {text!r} is the file name"
    if len(text) > MAX_ALT_CHARS:
        return f"alt text is {len(text)} characters; keep it under {MAX_ALT_CHARS}, the point only"
    if len(text.split()) < MIN_ALT_WORDS:
        return f"alt text {text!r} is under {MIN_ALT_WORDS} words; say what the figure shows"
    return None


def page_images():
    for page in sorted(DOCS.glob("*.md")):
        for number, alt, src, attrs in figure_images(page.read_text(encoding="utf-8")):
            yield page, number, alt, src, attrs


# --- the checker itself -------------------------------------------------------------------


def test_alt_checker_rejects_placeholders_and_accepts_a_stated_point():
    src = "images/figures/learning-rates.svg"
    assert alt_problem("", src) == "empty alt text"
    assert "kind of picture" in alt_problem("Figure 1", src)
    assert "kind of picture" in alt_problem("diagram", src)
    assert "file name" in alt_problem("learning-rates", src)
    assert "file name" in alt_problem("learning rates", src)
    assert "under" in alt_problem("Learning rate plot", src)
    assert alt_problem(None, "raw <img>")
    assert "characters" in alt_problem("word " * 60, src)
    assert alt_problem("A learning rate that is too large makes the loss grow", src) is None


def test_page_scanner_finds_images_and_skips_code():
    markdown = "\n".join(
        [
            "![Point one two three four five](images/figures/a.svg){ width=1 }",
            "```",
            "![](images/figures/b.svg)",
            "```",
            '<img src="images/figures/c.svg">',
        ]
    )
    found = list(figure_images(markdown))
    assert [(n, alt, src) for n, alt, src, _ in found] == [
        (1, "Point one two three four five", "images/figures/a.svg"),
        (5, None, "raw <img>"),
    ]


def test_a_changed_script_makes_its_figure_stale(tmp_path, monkeypatch):
    script = tmp_path / "demo.py"
    script.write_text("def draw():\n    return '<svg xmlns=\"http://www.w3.org/2000/svg\"/>'\n")
    svg = tmp_path / "demo.svg"
    svg.write_text(build.render("demo", script), encoding="utf-8")
    assert build.stored_sha256(svg) == build.sources_sha256(script)
    script.write_text(script.read_text() + "# an edit\n")
    assert build.stored_sha256(svg) != build.sources_sha256(script)


# --- the committed figures ----------------------------------------------------------------


def test_every_script_has_a_figure_and_every_figure_a_script():
    assert len(NAMES) >= 10
    assert sorted(p.stem for p in SVGS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_figure_is_not_stale(name):
    stored = build.stored_sha256(FIGURES / f"{name}.svg")
    assert stored == build.sources_sha256(build.scripts()[name]), (
        f"docs/images/figures/{name}.svg is older than scripts/figures/ "
        f"{build.scripts()[name].name} or common.py: run `make figures` and commit the SVG"
    )


@pytest.mark.parametrize("name", NAMES)
def test_redrawing_gives_the_committed_bytes(name):
    committed = (FIGURES / f"{name}.svg").read_text(encoding="utf-8")
    assert build.render(name, build.scripts()[name]) == committed, (
        f"{name}.svg differs from what its script draws now: run `make figures`"
    )


@pytest.mark.parametrize("svg", SVGS, ids=[p.name for p in SVGS])
def test_figure_is_small_self_contained_and_themed(svg):
    data = svg.read_bytes()
    assert len(data) <= build.MAX_BYTES, f"{svg.name}: {len(data)} bytes, over 30 KB"
    text = data.decode("utf-8")
    root = ET.fromstring(text)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("viewBox") and root.get("width") and root.get("height")
    urls = set(re.findall(r"(?:https?:)?//[^\s\"'<>)]+", text)) - NAMESPACES
    assert not urls, f"{svg.name} refers to other origins: {sorted(urls)}"
    assert "@import" not in text and "@font-face" not in text
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute.endswith("href"):
                assert value.startswith("#"), f"{svg.name}: {attribute}={value!r} is not local"
    # Dark mode: the palette's variables, swapped by the media query that follows the page.
    assert "@media (prefers-color-scheme:dark)" in text
    body = re.sub(r"<style\b.*?</style>", "", text, flags=re.S)
    color = r"(?:fill|stroke|stop-color|color)\s*[:=]\s*\"?\s*(#[0-9a-fA-F]{3,8}|black|white)"
    fixed = re.findall(color, body)
    assert not fixed, (
        f"{svg.name}: fixed colours {sorted(set(fixed))} ignore dark mode; use the palette "
        "(figures.common.MPL for matplotlib, the CSS classes for diagrams)"
    )


def test_theme_strips_what_would_leave_the_page():
    raw = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Created with matplotlib '
        '(https://matplotlib.org/) -->\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns="http://www.w3.org/2000/svg"><text style="font-family: \'DejaVu Sans\'; '
        f'fill: {PALETTE["c1"][0]}">a</text><use xlink:href="#m1"/></svg>'
    )
    out = theme(raw, "0" * 64)
    assert "DOCTYPE" not in out and "matplotlib.org" not in out and "xlink" not in out
    assert "fill: var(--c1)" in out and "DejaVu" not in out
    assert build.SHA_TAG.search(out).group(1) == "0" * 64


# --- the pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", SECTION_PAGES)
def test_each_section_page_has_a_figure(page):
    images = list(figure_images((DOCS / page).read_text(encoding="utf-8")))
    assert images, f"docs/{page} has no figure from docs/images/figures/"


def test_every_figure_image_has_alt_text_that_states_its_point():
    images = list(page_images())
    assert len(images) >= 10
    problems = [
        f"{page.relative_to(ROOT)}:{number}: {problem}"
        for page, number, alt, src, _ in images
        if (problem := alt_problem(alt, src))
    ]
    assert not problems, "\n".join(problems)


def test_figure_images_exist_and_state_their_size():
    """width/height match the SVG, so the page does not jump when the image arrives."""
    problems = []
    used = set()
    for page, number, _alt, src, attrs in page_images():
        target = (page.parent / src).resolve()
        where = f"{page.relative_to(ROOT)}:{number}"
        if not target.is_file():
            problems.append(f"{where}: {src} does not exist")
            continue
        used.add(target.name)
        root = ET.fromstring(target.read_text(encoding="utf-8"))
        size = {k: re.search(rf'{k}="?(\d+)', attrs) for k in ("width", "height")}
        stated = {k: m.group(1) if m else None for k, m in size.items()}
        # matplotlib sizes its SVGs in pt; 1 pt = 4/3 px.
        intrinsic = {
            k: round(float(v.removesuffix("pt")) * (4 / 3 if v.endswith("pt") else 1))
            for k, v in ((k, root.get(k, "").removesuffix("px")) for k in stated)
        }
        ratio_ok = (
            stated["width"]
            and stated["height"]
            and abs(
                int(stated["width"]) / int(stated["height"])
                - float(intrinsic["width"]) / float(intrinsic["height"])
            )
            < 0.02
        )
        if not ratio_ok:
            problems.append(
                f'{where}: add {{ width="{intrinsic["width"]}" height="{intrinsic["height"]}" }} '
                f"after the image (the SVG's own size)"
            )
    unused = sorted({p.name for p in SVGS} - used)
    assert not unused, f"figures no page uses: {unused}"
    assert not problems, "\n".join(problems)


def figure_text(name: str) -> str:
    """The words a reader sees in a committed figure (its <text> elements)."""
    root = ET.fromstring((FIGURES / f"{name}.svg").read_text(encoding="utf-8"))
    return " ".join("".join(e.itertext()) for e in root.iter(f"{{{SVG_NS}}}text"))


def test_figures_carry_no_misleading_claims():
    # issue 21: a rate is only good for a named loss; a CPU core is not one multiplication at a
    # time; the split figure is reused where scaling is not the topic.
    rates = figure_text("learning-rates")
    assert "L(w) = w²" in rates and "depends on the loss" in rates
    hardware = figure_text("cpu-vs-gpu")
    assert "memory" in hardware and "multiply-adds" in hardware and "Not to scale" in hardware
    assert not re.search(r"\b\d+ steps?\b", hardware), "a step count hides vector units"
    split = figure_text("data-split")
    assert "training" in split and not re.search("[μσ]", split)
