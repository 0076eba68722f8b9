"""Notebook 01 (NumPy from scratch) runs, its gradients check out, it learns the circles."""

import math
import re

import nbformat
import pytest
from nbharness import assert_every_solution_ran, notebook_path, run_notebook, solution_output

NAME = "01-first-neural-network.ipynb"
EPOCHS = 100
pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def run_kwargs(tmp_path):
    """Test-mode settings; `make bench-notebooks` times the notebook with these too."""
    return {"parameters": {"EPOCHS": EPOCHS, "SEED": 0}, "timeout": 120}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    collect = ["train_losses", "val_losses", "val_accuracy", "test_accuracy", "grad_rel_error"]
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


def percentages(text: str) -> list[float]:
    return [float(value) / 100 for value in re.findall(r"(\d+\.\d)%", text)]


def test_validation_is_watched_every_epoch_and_learns_too(run):
    assert len(run.values["val_losses"]) == EPOCHS
    assert run.values["val_losses"][-1] < 0.5 * run.values["val_losses"][0]
    assert run.values["val_accuracy"] >= 0.9


def test_exercise_1_two_hidden_units_score_clearly_lower(run):
    small, full = percentages(solution_output(run, 1))
    assert small < full - 0.05


def test_exercise_2_the_check_catches_the_bug_yet_the_network_still_learns(run):
    printed = solution_output(run, 2)
    assert float(re.search(r"with the bug: (\S+)", printed).group(1)) > 1e-3
    broken, true = percentages(printed)
    assert broken >= 0.85 and broken >= true - 0.1, printed


def test_exercise_3_a_big_learning_rate_stops_short_of_the_small_one(run):
    printed = solution_output(run, 3)
    quarter, full, small_rate = percentages(printed)
    losses = [float(v) for v in re.findall(r"training loss (\d+\.\d+)", printed)]
    assert quarter == pytest.approx(full, abs=0.02) and full < small_rate, printed
    assert min(losses[:2]) > losses[2], printed


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)


def test_the_intro_does_not_assume_the_reader_used_the_playground():
    """The home page sends readers here first: the Playground is offered, not presupposed."""
    intro = nbformat.read(notebook_path(NAME), 4).cells[0].source
    assert "you trained" not in intro.lower()
    assert "You don't need to have used it" in intro


def test_the_text_no_longer_says_the_broken_gradient_trains_badly():
    text = "\n".join(c.source for c in nbformat.read(notebook_path(NAME), 4).cells)
    assert "just badly" not in text and "learn badly" not in text
    assert "a wrong gradient can still train" in text
