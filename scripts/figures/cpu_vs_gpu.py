"""The same 32 multiplications on a CPU (a few cores, one after another) and a GPU (all at once)."""

from __future__ import annotations

from figures.common import Diagram

JOBS = 32
S = 20  # one small square = one multiplication


def draw() -> str:
    d = Diagram(640, 270, "A CPU and a GPU doing the same 32 multiplications")
    d.text(20, 24, "CPU: 4 fast cores take turns", "b", size=15, anchor="start")
    for core in range(4):
        y = 40 + core * (S + 6)
        d.text(20, y + 15, f"core {core + 1}", "muted", size=12, anchor="start")
        for step in range(JOBS // 4):
            d.rect(70 + step * (S + 4), y, S, S, "box1", rx=3)
    d.line(70, 152, 70 + 8 * (S + 4) - 4, 152, "line", arrow="a")
    d.text(70, 172, "time: 8 steps", "b", size=13, anchor="start")

    d.text(360, 24, "GPU: many simple cores at once", "b", size=15, anchor="start")
    for index in range(JOBS):
        row, col = divmod(index, 8)
        d.rect(360 + col * (S + 4), 40 + row * (S + 6), S, S, "box2", rx=3)
    d.line(360, 152, 360 + S, 152, "line", arrow="a")
    d.text(360, 172, "time: 1 step", "b", size=13, anchor="start")

    d.text(
        320, 214, "Training is mostly matrix products: many independent multiplications.", size=13
    )
    d.text(
        320,
        234,
        "Real chips: a CPU has a few to a few dozen cores, a GPU thousands.",
        "muted",
        size=12,
    )
    d.text(320, 254, "Each square is one multiplication.", "muted", size=12)
    return d.render()
