"""Notebook 01 (NumPy from scratch) runs, its gradients check out, it learns the circles."""

import math

import pytest
from nbharness import assert_every_solution_ran, run_notebook

NAME = "01-first-neural-network.ipynb"
EPOCHS = 100
pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def run_kwargs(tmp_path):
    """Test-mode settings; scripts/bench_notebooks.py times the notebook with these too."""
    return {"parameters": {"EPOCHS": EPOCHS, "SEED": 0}, "timeout": 120}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    collect = ["train_losses", "test_losses", "test_accuracy", "grad_rel_error"]
    return run_notebook(NAME, collect=collect, **run_kwargs(tmp_path_factory.mktemp("nb01")))


def test_backprop_matches_numerical_gradient(run):
    assert run.values["grad_rel_error"] < 1e-6


def test_loss_is_finite_and_goes_down(run):
    losses = run.values["train_losses"]
    assert len(losses) == EPOCHS
    assert all(math.isfinite(value) for value in losses)
    assert losses[-1] < 0.5 * losses[0]


def test_reaches_a_real_accuracy_bar_on_the_circles(run):
    assert run.values["test_accuracy"] >= 0.9


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)
