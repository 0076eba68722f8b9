"""The parts of one command line: prompt, program, argument, option."""

from __future__ import annotations

from scripts.figures.common import Diagram

PARTS = (
    # text, x start, width, class, label, label line 2
    ("you@laptop:~/mnist$", 24, 186, "muted", "prompt: the shell", "waits for you"),
    ("python", 218, 62, "c1 b", "program", "to run"),
    ("train.py", 288, 80, "c2 b", "argument:", "the file it runs"),
    ("--epochs 5", 376, 100, "c3 b", "option:", "changes a setting"),
)
CHAR = 9.6  # width of one character of the 16 px monospace font, near enough


def draw() -> str:
    d = Diagram(640, 236, "The parts of a command")
    d.rect(10, 20, 620, 64, "box", rx=8)
    d.text(24, 44, "Terminal", "muted", size=12, anchor="start")
    x = 24
    for index, (text, _start, _width, cls, label, line2) in enumerate(PARTS):
        drop = 44 if index % 2 else 0  # alternate two label rows so neighbors don't collide
        width = len(text) * CHAR
        d.text(x, 70, text, f"mono {cls}", size=16, anchor="start")
        mid = x + width / 2
        d.path(f"M{x} 92 L{x} 98 L{x + width} 98 L{x + width} 92", "line-muted")
        d.line(mid, 98, mid, 120 + drop, "line-muted")
        d.text(mid, 138 + drop, label, "b" if cls != "muted" else "", size=13)
        d.text(mid, 156 + drop, line2, "muted", size=12)
        x += width + CHAR
    d.text(520, 70, "⏎ Enter runs it", "muted", size=12, anchor="start")
    d.text(320, 228, "Words are separated by spaces; options usually start with - or --.", size=13)
    return d.render()
