"""Shared look of the guide's figures: one palette for light and dark mode, and SVG helpers.

Every figure is an SVG file shown with <img>. Its colours are CSS variables set in an embedded
<style>; `@media (prefers-color-scheme: dark)` swaps them. Browsers give an SVG image the colour
scheme of the element that embeds it, and Material's palette toggle sets `color-scheme`, so the
figure follows the toggle, not only the system setting. The background stays transparent.
"""

from __future__ import annotations

import html
import re

# name: (light, dark). Light values have at least 3:1 contrast on white, dark ones on
# Material's slate background (#1e2129).
PALETTE: dict[str, tuple[str, str]] = {
    "fg": ("#1f2328", "#e6edf3"),  # text and main lines
    "muted": ("#57606a", "#a3adb8"),  # secondary text, axes
    "grid": ("#d0d7de", "#3d444d"),  # grid lines, box borders
    "c1": ("#1a5fd0", "#79b0ff"),  # blue: the main series
    "c2": ("#bc4c00", "#ffa657"),  # orange: the second series
    "c3": ("#1a7f37", "#56d364"),  # green: "good"
    "c4": ("#cf222e", "#ff7b72"),  # red: "bad"
    "fill1": ("#e7effc", "#1d3352"),  # blue tint for boxes
    "fill2": ("#fdeee3", "#4a2c16"),  # orange tint
    "fill3": ("#e6f4ea", "#17381f"),  # green tint
    "panel": ("#f3f4f6", "#2b303a"),  # neutral box
}
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace'

# Colours matplotlib is given (the light values); theme() turns them into the variables.
MPL = {name: light for name, (light, _dark) in PALETTE.items()}

CLASSES = """
:root{font-family:FONT} text{fill:var(--fg);font-family:FONT}
.mono{font-family:MONO}
.muted{fill:var(--muted)}
.b{font-weight:600}
.c1{fill:var(--c1)} .c2{fill:var(--c2)} .c3{fill:var(--c3)} .c4{fill:var(--c4)}
.box{fill:var(--panel);stroke:var(--grid);stroke-width:1.5}
.box1{fill:var(--fill1);stroke:var(--c1);stroke-width:1.5}
.box2{fill:var(--fill2);stroke:var(--c2);stroke-width:1.5}
.box3{fill:var(--fill3);stroke:var(--c3);stroke-width:1.5}
.line{stroke:var(--fg);stroke-width:1.6;fill:none}
.line-muted{stroke:var(--muted);stroke-width:1.4;fill:none}
.line1{stroke:var(--c1);stroke-width:2;fill:none}
.line2{stroke:var(--c2);stroke-width:2;fill:none}
.line3{stroke:var(--c3);stroke-width:2;fill:none}
.dash{stroke-dasharray:6 4}
.head{fill:var(--fg)} .head1{fill:var(--c1)} .head2{fill:var(--c2)} .head3{fill:var(--c3)}
.dot1{fill:var(--c1)} .dot2{fill:var(--c2)}
""".replace("FONT", FONT).replace("MONO", MONO)


def style_block() -> str:
    light = ";".join(f"--{name}:{light}" for name, (light, _) in PALETTE.items())
    dark = ";".join(f"--{name}:{dark}" for name, (_, dark) in PALETTE.items())
    css = f":root{{{light}}}@media (prefers-color-scheme:dark){{:root{{{dark}}}}}" + " ".join(
        line.strip() for line in CLASSES.strip().splitlines()
    )
    return f"<style>{css}</style>"


SHA_TAG = re.compile(r'<metadata id="figure-source">sources-sha256:([0-9a-f]{64})</metadata>')


def theme(svg: str, sources_sha256: str) -> str:
    """Add the palette, the class rules and the source hash to a finished SVG document."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = re.sub(r' xmlns:xlink="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    # matplotlib names its fonts; use the reader's system font instead of DejaVu.
    svg = re.sub(r"font-family: [^;\"]*", "font-family: inherit", svg)
    for name, light in MPL.items():
        svg = re.sub(re.escape(light), f"var(--{name})", svg, flags=re.I)
    head = f'{style_block()}<metadata id="figure-source">sources-sha256:{sources_sha256}</metadata>'
    svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + head, svg, count=1)
    return svg.strip() + "\n"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


class Diagram:
    """A small SVG writer for hand-laid-out diagrams; coordinates are in px of the viewBox."""

    def __init__(self, width: int, height: int, title: str):
        self.width, self.height, self.title = width, height, title
        self.parts: list[str] = []

    def rect(self, x, y, w, h, cls="box", rx=6):
        self.parts.append(
            f'<rect class="{cls}" x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}"/>'
        )

    def circle(self, x, y, r, cls="box"):
        self.parts.append(f'<circle class="{cls}" cx="{x}" cy="{y}" r="{r}"/>')

    def text(self, x, y, s, cls="", size=14, anchor="middle"):
        klass = f' class="{cls}"' if cls else ""
        self.parts.append(
            f'<text{klass} x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}">'
            f"{esc(s)}</text>"
        )

    def rich(self, x, y, runs, size=14, anchor="middle"):
        """One line of text in several styles: runs of (text, class)."""
        spans = "".join(
            f'<tspan class="{cls}">{esc(s)}</tspan>' if cls else esc(s) for s, cls in runs
        )
        self.parts.append(
            f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}">{spans}</text>'
        )

    def line(self, x1, y1, x2, y2, cls="line", arrow=None):
        marker = f' marker-end="url(#{arrow})"' if arrow else ""
        self.parts.append(f'<path class="{cls}" d="M{x1} {y1}L{x2} {y2}"{marker}/>')

    def path(self, d, cls="line", arrow=None):
        marker = f' marker-end="url(#{arrow})"' if arrow else ""
        self.parts.append(f'<path class="{cls}" d="{d}"{marker}/>')

    def render(self) -> str:
        markers = "".join(
            f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path class="{cls}" '
            f'd="M0 0L10 5L0 10z"/></marker>'
            for name, cls in (("a", "head"), ("a1", "head1"), ("a2", "head2"), ("a3", "head3"))
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
            f'height="{self.height}" viewBox="0 0 {self.width} {self.height}">'
            f"<title>{esc(self.title)}</title><defs>{markers}</defs>"
            + "".join(self.parts)
            + "</svg>"
        )


def matplotlib_svg(fig) -> str:
    """Save a matplotlib figure as SVG text, the same bytes on every run."""
    import io

    buffer = io.StringIO()
    fig.savefig(
        buffer,
        format="svg",
        transparent=True,
        metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
    )
    return buffer.getvalue()


def pyplot():
    """matplotlib.pyplot with the fixed SVG settings and the palette's light colours."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcdefaults()
    plt.rcParams.update(
        {
            "svg.hashsalt": "getting-started-figures",
            "svg.fonttype": "none",
            "svg.id": "figure",
            "font.size": 13,
            "text.color": MPL["fg"],
            "axes.labelcolor": MPL["fg"],
            "axes.edgecolor": MPL["muted"],
            "axes.titlesize": 13,
            "xtick.color": MPL["muted"],
            "ytick.color": MPL["muted"],
            "xtick.labelcolor": MPL["fg"],
            "ytick.labelcolor": MPL["fg"],
            "axes.spines.top": False,
            "axes.spines.right": False,
            "legend.frameon": False,
            "path.simplify": True,
        }
    )
    return plt
