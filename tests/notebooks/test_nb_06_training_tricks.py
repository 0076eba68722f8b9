"""Notebook 06 (training tricks on sklearn's digits): each trick shows the effect it describes."""

import math

import pytest
from nbharness import run_notebook

NAME = "06-training-tricks.ipynb"
PARAMS = {"EPOCHS": 6, "OVERFIT_EPOCHS": 12, "PATIENCE": 2, "DEEP_LAYERS": 4, "SEED": 0}
pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def run_kwargs(tmp_path):
    """Test-mode settings; scripts/bench_notebooks.py times the notebook with these too."""
    # One BLAS thread: these models are tiny, and two threads on shared cores double the time.
    return {"parameters": PARAMS, "timeout": 120}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    names = [
        "optimizer_histories", "adam_val_accuracy", "lr_histories", "init_histories",
        "distinct_units", "bn_histories", "regularised", "test_accuracy", "HIDDEN",
    ]  # fmt: skip
    return run_notebook(NAME, collect=names, **run_kwargs(tmp_path_factory.mktemp("nb06")))


def test_every_optimizer_loss_is_finite_and_goes_down(run):
    for name, history in run.values["optimizer_histories"].items():
        losses = history["train_loss"]
        assert len(losses) == PARAMS["EPOCHS"], name
        assert all(math.isfinite(v) for v in losses), name
        assert losses[-1] < 0.8 * losses[0], name


def test_adam_reaches_a_real_accuracy_bar_on_digits(run):
    assert run.values["adam_val_accuracy"] > 0.85
    assert run.values["test_accuracy"] > 0.85


def test_a_good_learning_rate_beats_a_tiny_one(run):
    small, good, _ = (h["train_loss"][-1] for h in run.values["lr_histories"].values())
    assert good < 0.5 * small


def test_symmetric_starts_keep_hidden_units_identical(run):
    distinct, histories = run.values["distinct_units"], run.values["init_histories"]
    assert distinct["zeros"] == distinct["constant 0.05"] == 1
    assert distinct["Kaiming (He)"] == run.values["HIDDEN"]
    assert histories["zeros"]["final_val_acc"] < 0.25
    assert histories["Kaiming (He)"]["final_val_acc"] > 0.85


def test_batch_norm_helps_the_deep_network(run):
    with_bn = run.values["bn_histories"]["with batch norm"]["final_val_acc"]
    without = run.values["bn_histories"]["without batch norm"]["final_val_acc"]
    assert with_bn > without + 0.2


def test_small_training_set_overfits(run):
    plain = run.values["regularised"]["no regularisation"]
    assert plain["train_loss"][-1] < 0.5 * plain["val_loss"][-1]


def test_early_stopping_stops_patience_epochs_after_its_best(run):
    stopped = run.values["regularised"]["early stopping"]
    ran = len(stopped["val_loss"])
    assert ran <= PARAMS["OVERFIT_EPOCHS"]
    assert ran == PARAMS["OVERFIT_EPOCHS"] or ran == stopped["best_epoch"] + PARAMS["PATIENCE"]
    assert min(stopped["val_loss"]) == stopped["val_loss"][stopped["best_epoch"] - 1]
