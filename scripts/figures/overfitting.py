"""Overfitting, as a sketch: training loss keeps falling while validation loss turns back up."""

from __future__ import annotations

import numpy as np

from scripts.figures.common import MPL, matplotlib_svg, pyplot


def draw() -> str:
    plt = pyplot()
    epochs = np.linspace(0, 60, 121)
    train = 0.85 * np.exp(-epochs / 11) + 0.04
    validation = 0.8 * np.exp(-epochs / 9) + 0.16 + 0.00012 * np.clip(epochs - 14, 0, None) ** 2
    best = epochs[np.argmin(validation)]
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.axvspan(best, 60, color=MPL["fill2"], linewidth=0)
    ax.plot(epochs, train, color=MPL["c1"], linewidth=2.2)
    ax.plot(epochs, validation, color=MPL["c2"], linewidth=2.2, linestyle="--")
    ax.axvline(best, color=MPL["muted"], linewidth=1.2, linestyle=":")
    ax.text(58, train[-1] + 0.03, "training loss", ha="right", color=MPL["c1"])
    ax.text(58, validation[-1] + 0.03, "validation loss", ha="right", color=MPL["c2"])
    ax.text(best + 1.5, 0.78, "best epoch:\nstop here", va="top")
    ax.text((best + 60) / 2 + 6, 0.55, "overfitting:\nthe gap grows", ha="center")
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 0.9)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("epochs of training →")
    ax.set_ylabel("loss")
    fig.tight_layout()
    return matplotlib_svg(fig)
