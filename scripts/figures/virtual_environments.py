"""What a virtual environment isolates: each project has its own packages and versions."""

from __future__ import annotations

from scripts.figures.common import Diagram


def project(d: Diagram, x, name, packages, cls):
    d.rect(x, 40, 250, 170, "box", rx=8)
    d.text(x + 14, 64, f"{name}/", "b", size=14, anchor="start")
    d.text(x + 14, 86, "train.py, data/ …", "muted", size=12, anchor="start")
    d.rect(x + 14, 98, 222, 98, cls, rx=6)
    d.text(x + 26, 118, ".venv/", "mono b", size=13, anchor="start")
    for i, package in enumerate(packages):
        d.text(x + 26, 140 + i * 18, package, "mono", size=13, anchor="start")


def draw() -> str:
    d = Diagram(640, 300, "Two projects, each with its own virtual environment")
    d.text(320, 24, "One computer, two projects", "b", size=15)
    project(d, 40, "project-a", ("python 3.12", "torch 2.x", "numpy 2.x"), "box1")
    project(d, 350, "project-b", ("python 3.11", "tensorflow", "numpy 1.x"), "box2")
    d.text(320, 130, "≠", size=30)
    d.rect(140, 230, 360, 40, "box", rx=8)
    d.text(320, 255, "System Python: left alone", size=14)
    d.text(
        320,
        292,
        "Installing into one .venv never changes the other, or the system.",
        "muted",
        size=12,
    )
    return d.render()
