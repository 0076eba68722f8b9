"""Notebook 02: the same network learns in PyTorch and in Keras 3; autograd matches the hand."""

import math
import re

import nbformat
import pytest
from nbharness import assert_every_solution_ran, notebook_path, run_notebook, solution_output

NAME = "02-pytorch-and-keras.ipynb"
EPOCHS = 40
pytestmark = [pytest.mark.notebook, pytest.mark.slow]
COLLECT = ["autograd_grad", "hand_grad", "torch_losses", "keras_history", "device"]
COLLECT += ["torch_accuracy", "keras_accuracy"]


def run_kwargs(tmp_path):
    """Test-mode settings; `make bench-notebooks` times the notebook with these too."""
    return {"parameters": {"EPOCHS": EPOCHS, "N_SAMPLES": 500, "SEED": 0}, "timeout": 240}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return run_notebook(NAME, collect=COLLECT, **run_kwargs(tmp_path_factory.mktemp("nb02")))


def test_autograd_matches_the_derivative_by_hand(run):
    assert run.values["autograd_grad"] == pytest.approx(run.values["hand_grad"], rel=1e-5)


def test_device_is_cuda_then_mps_then_cpu(run):
    import torch  # here, not at the top: importing torch costs every test run seconds

    cuda, mps = torch.cuda.is_available(), torch.backends.mps.is_available()
    assert run.values["device"] == ("cuda" if cuda else "mps" if mps else "cpu")


@pytest.mark.parametrize("losses_key", ["torch_losses", "keras_history"])
def test_both_losses_are_finite_and_go_down(run, losses_key):
    losses = run.values[losses_key]
    losses = losses["loss"] if isinstance(losses, dict) else losses
    assert len(losses) == EPOCHS
    assert all(math.isfinite(value) for value in losses)
    assert losses[-1] < 0.5 * losses[0]


@pytest.mark.parametrize("key", ["torch_accuracy", "keras_accuracy"])
def test_both_frameworks_reach_a_real_accuracy_bar(run, key):
    assert run.values[key] >= 0.9


def test_keras_fit_never_sees_the_test_set(run):
    # The test points served as validation_data once; keras_history would then hold val_loss.
    assert "val_loss" not in run.values["keras_history"]
    code = [c.source for c in nbformat.read(notebook_path(NAME), 4).cells if c.cell_type == "code"]
    assert not [c for c in code if "validation_data" in c and "X_test" in c]


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)


def test_exercise_1_eight_units_reach_a_lower_training_loss(run):
    wide, narrow = (float(v) for v in re.findall(r"(\d\.\d{4})", solution_output(run, 1)))
    assert wide < narrow


def test_exercise_2_a_huge_learning_rate_gets_stuck(run):
    printed = solution_output(run, 2)
    first, last = (float(v) for v in re.search(r"loss (\S+) -> (\S+),", printed).groups())
    accuracy = float(re.search(r"test accuracy (\d+\.\d)%", printed).group(1)) / 100
    assert last > 0.5 * first and accuracy < 0.7, printed


def test_the_text_says_how_kerass_epoch_loss_differs_from_the_loop():
    text = "\n".join(c.source for c in nbformat.read(notebook_path(NAME), 4).cells)
    assert "comparable with Keras" not in text
    assert "mean of the batch losses" in text
