"""Notebook 01 (NumPy from scratch) runs, its gradients check out, it learns the circles."""

import math

import pytest
from nbharness import run_notebook
from params import TEST_PARAMS

NAME = "01-first-neural-network.ipynb"
pytestmark = [pytest.mark.notebook, pytest.mark.slow]


@pytest.fixture(scope="module")
def run():
    return run_notebook(
        NAME, collect=["train_losses", "test_losses", "test_accuracy", "grad_rel_error"],
        **TEST_PARAMS[NAME],
    )  # fmt: skip


def test_backprop_matches_numerical_gradient(run):
    assert run.values["grad_rel_error"] < 1e-6


def test_loss_is_finite_and_goes_down(run):
    losses = run.values["train_losses"]
    assert len(losses) == TEST_PARAMS[NAME]["parameters"]["EPOCHS"]
    assert all(math.isfinite(value) for value in losses)
    assert losses[-1] < 0.5 * losses[0]


def test_reaches_a_real_accuracy_bar_on_the_circles(run):
    assert run.values["test_accuracy"] >= 0.9
