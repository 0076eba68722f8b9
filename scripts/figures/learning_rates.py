"""Gradient descent on L(w) = w² with a learning rate that is too small, about right, too large."""

from __future__ import annotations

import numpy as np

from scripts.figures.common import MPL, matplotlib_svg, pyplot

CASES = (
    ("Too small: η = 0.02", 0.02, 8, "crawls, still far away"),
    ("About right here: η = 0.3", 0.3, 8, "reaches the minimum fast"),
    ("Too large: η = 1.05", 1.05, 5, "overshoots, and grows"),
)
START = 2.0


def draw() -> str:
    plt = pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(6.6, 3.0), sharey=True)
    grid = np.linspace(-3.4, 3.4, 69)
    for ax, (title, rate, steps, verdict) in zip(axes, CASES, strict=True):
        w = [START]
        for _ in range(steps):
            w.append(w[-1] - rate * 2 * w[-1])
        w = np.array(w)
        ax.plot(grid, grid**2, color=MPL["muted"], linewidth=1.2)
        ax.plot(w, w**2, color=MPL["c1"], linewidth=1.4, marker="o", markersize=4)
        ax.plot(w[:1], w[:1] ** 2, marker="o", markersize=7, color=MPL["c2"], linestyle="none")
        ax.set_title(title, fontsize=12)
        ax.text(0, -1.9, verdict, ha="center", fontsize=12)
        ax.set_xlim(-3.5, 3.5)
        ax.set_ylim(-2.6, 11.8)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("weight w")
    axes[0].text(START, START**2 + 0.7, "start", ha="center", fontsize=12)
    axes[0].set_ylabel("loss L(w) = w²")
    # The good rate belongs to this loss: on L = w² any η above 1 diverges; other losses differ.
    fig.suptitle("Loss L(w) = w²: which rate is right depends on the loss and the model",
                 fontsize=12)
    fig.tight_layout()
    return matplotlib_svg(fig)
