"""Gradient descent on a loss surface: each step goes downhill, across the contour lines."""

from __future__ import annotations

import numpy as np

from scripts.figures.common import MPL, matplotlib_svg, pyplot


def loss(w1, w2):
    return 0.5 * (w1**2 + 5 * w2**2)


def descent(start, rate, steps):
    path = [np.array(start, dtype=float)]
    for _ in range(steps):
        w1, w2 = path[-1]
        gradient = np.array([w1, 5 * w2])
        path.append(path[-1] - rate * gradient)
    return np.array(path)


def draw() -> str:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    w1, w2 = np.meshgrid(np.linspace(-4.2, 4.2, 48), np.linspace(-2.1, 2.1, 32))
    levels = [0.25, 1, 2.25, 4, 6.25, 9]
    ax.contour(w1, w2, loss(w1, w2), levels=levels, colors=MPL["grid"], linewidths=1.2)
    path = descent((-3.8, 1.6), rate=0.3, steps=12)
    ax.plot(path[:, 0], path[:, 1], color=MPL["c1"], linewidth=1.8, marker="o", markersize=4)
    for a, b in zip(path[:3], path[1:4], strict=True):
        ax.annotate(
            "", xy=b, xytext=a, arrowprops={"arrowstyle": "->", "color": MPL["c1"], "lw": 1.8}
        )
    ax.plot([0], [0], marker="*", markersize=14, color=MPL["c2"], linestyle="none")
    ax.annotate("start", path[0], xytext=(8, 4), textcoords="offset points")
    ax.annotate("minimum of the loss", (0, 0), xytext=(10, -16), textcoords="offset points")
    ax.text(1.6, 1.75, "contour lines: equal loss", color=MPL["muted"], fontsize=12)
    ax.set_xlabel("weight $w_1$")
    ax.set_ylabel("weight $w_2$")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_aspect("equal")
    fig.tight_layout()
    return matplotlib_svg(fig)
