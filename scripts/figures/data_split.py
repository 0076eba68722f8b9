"""A train/validation/test split, and what each part is for."""

from __future__ import annotations

from scripts.figures.common import Diagram

PARTS = (
    # share of the bar, name, use, class
    (0.60, "training 60 %", ("the model learns", "its weights here"), "box1"),
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
        # The part that trains is named in the main color: the eye starts there.
        d.text(x + width / 2 - 2, 67, name, "b head1" if cls == "box1" else "b", size=13)
        d.text(x + width / 2 - 2, 108, use1, size=12)
        d.text(x + width / 2 - 2, 126, use2, "muted", size=12)
        x += width
    d.text(320, 190, "Validation guides your choices; the test set decides nothing.", size=13)
    d.text(
        320,
        210,
        "A test set used to choose settings stops measuring how the model does on new data.",
        "muted",
        size=12,
    )
    return d.render()
