"""A layer as a matrix product with its shapes: W (4 × 3) times x (3) plus b (4) gives z (4)."""

from __future__ import annotations

from scripts.figures.common import Diagram

CELL = 26


def matrix(d: Diagram, x, y, rows, cols, label, highlight_row=None, highlight_col=False):
    for r in range(rows):
        for c in range(cols):
            on = (highlight_row == r) or (highlight_col and cols == 1)
            d.rect(x + c * CELL, y + r * CELL, CELL - 3, CELL - 3, "box1" if on else "box", rx=3)
    d.text(x + cols * CELL / 2 - 1.5, y + rows * CELL + 20, label, "b")


def draw() -> str:
    d = Diagram(640, 250, "A dense layer computes z = Wx + b; the shapes must fit")
    top = 40
    matrix(d, 40, top, 4, 3, "W: 4 × 3", highlight_row=1)
    d.text(140, top + 58, "·", size=28)
    matrix(d, 160, top + 13, 3, 1, "x: 3", highlight_col=True)
    d.text(212, top + 58, "+", size=24)
    matrix(d, 232, top, 4, 1, "b: 4")
    d.text(284, top + 58, "=", size=24)
    for r in range(4):
        d.rect(304, top + r * CELL, CELL - 3, CELL - 3, "box2" if r == 1 else "box", rx=3)
    d.text(304 + CELL / 2 - 1.5, top + 4 * CELL + 20, "z: 4", "b")
    d.text(20, 22, "weights", "muted", size=13, anchor="start")
    d.text(148, 22, "input", "muted", size=13, anchor="start")
    d.text(232, 22, "bias", "muted", size=13, anchor="start")
    d.text(300, 22, "output", "muted", size=13, anchor="start")
    d.path("M330 79 C 380 79, 380 79, 392 79", "line2", arrow="a2")
    d.text(400, 70, "One output = one row of W", anchor="start")
    d.text(400, 90, "times x, plus its bias.", anchor="start")
    d.text(400, 130, "Inner sizes must match:", anchor="start")
    d.rich(
        400,
        152,
        [("(4 × ", ""), ("3", "c1 b"), (") · (", ""), ("3", "c1 b"), (") → 4", "")],
        anchor="start",
    )
    d.text(400, 192, "4 outputs from 3 inputs:", anchor="start")
    d.text(400, 212, "4 × 3 = 12 weights + 4 biases", anchor="start")
    return d.render()
