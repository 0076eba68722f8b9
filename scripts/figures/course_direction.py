"""Top-down and bottom-up courses reach the same place from opposite ends."""

from __future__ import annotations

from scripts.figures.common import Diagram


def column(d: Diagram, x, title, example, steps, cls, arrow_cls, arrow):
    d.text(x + 120, 26, title, "b", size=15)
    d.text(x + 120, 46, example, "muted", size=12)
    for i, step in enumerate(steps):
        y = 62 + i * 62
        d.rect(x, y, 240, 40, cls if i == 0 else "box", rx=8)
        d.text(x + 120, y + 25, step, size=13)
    d.line(x + 260, 70, x + 260, 230, arrow_cls, arrow=arrow) if arrow == "a1" else None
    d.line(x + 260, 230, x + 260, 70, arrow_cls, arrow=arrow) if arrow == "a2" else None


def draw() -> str:
    d = Diagram(640, 280, "Top-down and bottom-up courses")
    column(
        d,
        20,
        "Top-down",
        "fast.ai",
        (
            "1  Train a working model",
            "2  Change it, see what breaks",
            "3  Learn the theory behind it",
        ),
        "box1",
        "line1",
        "a1",
    )
    column(
        d,
        340,
        "Bottom-up",
        "Deep Learning Specialization, d2l.ai",
        ("3  Build and train models", "2  Learn how networks compute", "1  Start from the math"),
        "box2",
        "line2",
        "a2",
    )
    d.text(320, 268, "Both end with you able to build a model and explain why it works.", size=13)
    return d.render()
