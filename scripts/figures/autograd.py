"""Automatic differentiation on the page's example: values flow forward, gradients flow back."""

from __future__ import annotations

from scripts.figures.common import Diagram

BOXES = ("w = 3", "× x  (x = 2)", "− y  (y = 5)", "square")
VALUES = ("3", "6", "1", "1")  # what leaves each box
GRADIENTS = ("4", "2", "2", "1")  # ∂L/∂(that value)
X0, WIDTH, GAP = 14, 100, 46


def draw() -> str:
    d = Diagram(640, 250, "Forward pass computes the loss; backward pass computes the gradients")
    d.text(14, 24, "Forward: the values you compute (solid)", "b c1", size=14, anchor="start")
    for i, label in enumerate(BOXES):
        x = X0 + i * (WIDTH + GAP)
        d.rect(x, 70, WIDTH, 60, "box1" if i == 0 else "box", rx=8)
        d.text(x + WIDTH / 2, 105, label, size=14)
        start, end = x + WIDTH, x + WIDTH + GAP
        d.line(start + 2, 88, end - 4, 88, "line1", arrow="a1")
        d.text((start + end) / 2, 80, VALUES[i], "c1 b", size=14)
        d.line(end - 2, 114, start + 6, 114, "line2 dash", arrow="a2")
        d.text((start + end) / 2, 134, GRADIENTS[i], "c2 b", size=14)
    d.text(X0 + 4 * (WIDTH + GAP) - 4, 105, "L", "b", size=16, anchor="start")
    d.text(
        14,
        170,
        "Backward: loss.backward() fills in each ∂L/∂(value) (dashed)",
        "b c2",
        size=14,
        anchor="start",
    )
    d.text(
        14,
        196,
        "Each step multiplies by its local derivative (the chain rule):",
        size=13,
        anchor="start",
    )
    d.text(
        14,
        216,
        "square: 2·1 = 2,  − y: 1 · 2 = 2,  × x: 2 · 2 = 4.",
        "mono",
        size=13,
        anchor="start",
    )
    d.text(
        14, 240, "So w.grad = 4, the value of 2x(wx − y) from calculus.", size=13, anchor="start"
    )
    return d.render()
