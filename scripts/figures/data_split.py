"""A train/validation/test split, and where each part is used (scaling fitted on training only)."""

from __future__ import annotations

from figures.common import Diagram

PARTS = (
    # share of the bar, name, use, class
    (0.60, "training 60 %", ("the model learns its weights;", "compute μ and σ here only"), "box1"),
    (0.20, "validation 20 %", ("compare models,", "pick settings"), "box2"),
    (0.20, "test 20 %", ("use once,", "at the very end"), "box3"),
)


def draw() -> str:
    d = Diagram(640, 236, "A train, validation and test split")
    d.text(20, 26, "All labeled examples, shuffled once, then split", "b", size=14, anchor="start")
    x, total = 20, 600
    for share, name, (use1, use2), cls in PARTS:
        width = share * total
        d.rect(x, 40, width - 4, 44, cls, rx=6)
        d.text(x + width / 2 - 2, 67, name, "b", size=13)
        d.text(x + width / 2 - 2, 108, use1, size=12)
        d.text(x + width / 2 - 2, 126, use2, "muted" if cls != "box1" else "", size=12)
        x += width
    d.path("M200 140 C 200 178, 440 178, 438 146", "line1 dash", arrow="a1")
    d.path("M200 140 C 200 192, 560 192, 558 146", "line1 dash", arrow="a1")
    d.text(320, 208, "Scale validation and test with the training μ and σ: (x − μ) / σ.", size=13)
    d.text(
        320,
        226,
        "Computing them on all the data leaks the test set into training.",
        "muted",
        size=12,
    )
    return d.render()
