"""The parts of an experiment log: what to record for each run, to repeat and compare it."""

from __future__ import annotations

from scripts.figures.common import Diagram

ROWS = (
    ("Code", "git commit 3f2a9c1, no uncommitted changes", "box1"),
    ("Settings", "lr 0.001 · batch 64 · epochs 30 · model small-cnn", "box1"),
    ("Seed", "3   (one of 5 seeds: 1 2 3 4 5)", "box1"),
    ("Data", "split file train/val/test, data version", "box1"),
    ("Environment", "Python, PyTorch and CUDA versions, GPU model", "box1"),
    ("Results", "loss curves, val accuracy, time taken", "box2"),
    ("Files", "best checkpoint, full log", "box2"),
)


def draw() -> str:
    height = 70 + len(ROWS) * 34 + 40
    d = Diagram(640, height, "The parts of an experiment log")
    d.rect(10, 14, 620, height - 60, "box", rx=10)
    d.text(28, 42, "Run  small-cnn-lr0.001-seed3", "mono b", size=14, anchor="start")
    for i, (label, value, cls) in enumerate(ROWS):
        y = 60 + i * 34
        d.rect(28, y, 130, 26, cls, rx=5)
        d.text(93, y + 18, label, "b", size=13)
        d.text(172, y + 18, value, "mono", size=12, anchor="start")
    y = 60 + len(ROWS) * 34
    d.rect(28, height - 36, 14, 14, "box1", rx=3)
    d.text(48, height - 24, "recorded before the run: to repeat it", size=12, anchor="start")
    d.rect(340, height - 36, 14, 14, "box2", rx=3)
    d.text(360, height - 24, "recorded during and after: to compare runs", size=12, anchor="start")
    return d.render()
