"""A neuron (weighted sum, bias, activation) and a layer of neurons reading the same inputs."""

from __future__ import annotations

from scripts.figures.common import Diagram


def draw() -> str:
    d = Diagram(640, 270, "A neuron and a layer of neurons")
    d.text(150, 22, "One neuron", "b", size=15)
    ys = (70, 130, 190)
    for i, y in enumerate(ys, 1):
        d.circle(40, y, 18, "box")
        d.rich(40, y + 5, [("x", ""), (str(i), "")], size=14)
        d.line(58, y, 142, 130 + (y - 130) * 0.25, "line-muted", arrow="a")
        d.text(96, (y + 130 + (y - 130) * 0.25) / 2 - 6, f"w{i}", "c1 b", size=13)
    d.circle(170, 130, 26, "box1")
    d.text(170, 127, "Σ + b", size=14)
    d.text(170, 143, "sum", "muted", size=11)
    d.line(196, 130, 226, 130, "line", arrow="a")
    d.rect(230, 112, 56, 36, "box2")
    d.text(258, 135, "ReLU", size=14)
    d.line(286, 130, 306, 130, "line", arrow="a")
    d.text(316, 135, "y", "b", anchor="start")
    d.text(160, 240, "y = ReLU(w1·x1 + w2·x2 + w3·x3 + b)", size=13)

    d.path("M350 30 L350 250", "line-muted dash")
    d.text(500, 22, "A layer: 4 neurons, same inputs", "b", size=15)
    ins = (80, 130, 180)
    outs = (55, 105, 155, 205)
    for y in ins:
        for o in outs:
            d.line(412, y, 538, o, "line-muted")
    for i, y in enumerate(ins, 1):
        d.circle(400, y, 14, "box")
        d.text(400, y + 5, f"x{i}", size=12)
    for o in outs:
        d.circle(552, o, 14, "box1")
    d.text(500, 240, "z = ReLU(Wx + b),  W is 4 × 3", size=13)
    d.text(610, 135, "4", "muted", size=13)
    d.text(610, 151, "outputs", "muted", size=11)
    return d.render()
