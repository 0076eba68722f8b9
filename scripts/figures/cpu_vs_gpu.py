"""Why a GPU trains faster: more multiply-adds per second, and a wider path to its memory.

A CPU core is not one multiplication at a time: its vector units do a short row of them per
instruction. The GPU's edge is many more such lanes and the memory bandwidth to keep them fed,
which pays off on large matrix products and not on small ones. Drawn to show the idea, not to scale.
"""

from __future__ import annotations

from scripts.figures.common import Diagram

CPU_CORES = 4
CPU_LANES = 8  # one core's vector unit: a short row of multiply-adds per instruction
GPU_ROWS, GPU_COLS = 6, 22
LANE = 9  # one small square = one multiply-add lane


def cpu(d: Diagram) -> None:
    d.text(20, 24, "CPU: a few strong cores", "b", size=15, anchor="start")
    d.rect(20, 36, 270, 128, "box1", rx=8)
    for core in range(CPU_CORES):
        y = 46 + core * 29
        d.rect(30, y, 250, 23, "box", rx=4)
        d.text(38, y + 16, f"core {core + 1}", "muted", size=12, anchor="start")
        for lane in range(CPU_LANES):
            d.rect(120 + lane * (LANE + 9), y + 7, LANE, LANE, "box1", rx=2)
    d.text(155, 180, "each core: a short row of multiply-adds", size=12)
    d.rect(148, 188, 14, 26, "box")  # a narrow path to memory
    d.rect(20, 214, 270, 26, "box", rx=6)
    d.text(155, 232, "RAM: a narrower path", size=12)


def gpu(d: Diagram) -> None:
    d.text(340, 24, "GPU: thousands of simple lanes", "b", size=15, anchor="start")
    d.rect(340, 36, 280, 128, "box2", rx=8)
    for row in range(GPU_ROWS):
        for col in range(GPU_COLS):
            d.rect(350 + col * 12, 46 + row * 19, LANE, LANE, "box2", rx=2)
    d.text(480, 180, "all lanes on one big matrix product", size=12)
    d.rect(420, 188, 120, 26, "box")  # a wide path to memory
    d.rect(340, 214, 280, 26, "box", rx=6)
    d.text(480, 232, "GPU memory: a much wider path", size=12)


def draw() -> str:
    d = Diagram(640, 320, "Why a GPU trains large models faster than a CPU")
    cpu(d)
    gpu(d)
    d.text(320, 266, "Speed = multiply-adds per second, and memory fast enough to feed them.",
           size=13)
    d.text(320, 286, "Large matrix products keep a GPU busy; a small model leaves it idle.",
           "muted", size=12)
    d.text(320, 306, "Each square is one multiply-add lane. Not to scale.", "muted", size=12)
    return d.render()
