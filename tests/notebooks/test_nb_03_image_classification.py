"""Notebook 03: a small CNN on Fashion-MNIST, run on stand-in IDX files by the real loader."""

import numpy as np
import pytest
from nbharness import assert_every_solution_ran
from nblint import check_no_standin_outputs
from standin_checks import assert_guarded_offline_run, assert_loss_finite_and_down, cell_text
from standins import prepare_env

NAME = "03-image-classification.ipynb"
PARAMS = {"EPOCHS": 2, "N_TRAIN": 512, "BATCH_SIZE": 64, "SEED": 0}  # fmt: skip
pytestmark = [pytest.mark.notebook, pytest.mark.slow]
COLLECT = ["DEVICE", "train_counts", "y_train", "y_test", "history", "test_accuracy"]
COLLECT += ["y_pred", "cm", "per_class_accuracy", "wrong", "same_predictions", "new_probabilities"]
N_TRAIN_FILE, N_TEST_FILE = 600, 200  # the stand-in's sizes (standins.write_fashion_mnist)


def run_kwargs(tmp_path):
    """Test-mode settings and stand-in data; `make bench-notebooks` times the notebook
    with these too."""
    return {"parameters": PARAMS, "timeout": 120, "env": prepare_env(NAME, tmp_path)}



def test_the_real_loader_read_the_standin_files(run, env):
    assert sum(run.values["train_counts"]) == N_TRAIN_FILE
    assert len(run.values["y_test"]) == N_TEST_FILE
    printed = cell_text(run.notebook, "load-data")
    assert f"training images: ({N_TRAIN_FILE}, 28, 28) uint8" in printed
    assert f"test images:     ({N_TEST_FILE}, 28, 28)" in printed
    assert_guarded_offline_run(env)


def test_network_input_is_the_scaled_subset(run):
    assert len(run.values["y_train"]) == PARAMS["N_TRAIN"]
    printed = cell_text(run.notebook, "prepare-inputs")
    assert f"network input: ({PARAMS['N_TRAIN']}, 28, 28, 1) from 0.0 to 1.0" in printed


def test_loss_is_finite_and_goes_down(run):
    history = run.values["history"]
    assert_loss_finite_and_down(history["loss"], PARAMS["EPOCHS"])
    assert len(history["val_loss"]) == PARAMS["EPOCHS"]


def test_confusion_matrix_counts_every_test_image_once(run):
    cm = np.array(run.values["cm"])
    y_test, y_pred = np.array(run.values["y_test"]), np.array(run.values["y_pred"])
    assert cm.shape == (10, 10)
    assert cm.sum() == len(y_test) == N_TEST_FILE
    assert list(cm.sum(axis=1)) == list(np.bincount(y_test, minlength=10))
    assert list(cm.sum(axis=0)) == list(np.bincount(y_pred, minlength=10))
    assert np.trace(cm) / cm.sum() == pytest.approx(run.values["test_accuracy"], abs=1e-6)
    assert len(run.values["wrong"]) == cm.sum() - np.trace(cm)


def test_the_cnn_learns_the_standin_classes(run):
    assert run.values["test_accuracy"] >= 0.5  # chance is 0.1


def test_device_is_cuda_then_mps_then_cpu(run):
    import torch  # here, not at the top: importing torch costs every test run seconds

    cuda, mps = torch.cuda.is_available(), torch.backends.mps.is_available()
    assert run.values["DEVICE"] == ("cuda" if cuda else "mps" if mps else "cpu")


def test_a_saved_model_loads_back_and_classifies_one_new_image(run):
    assert run.values["same_predictions"] is True
    probabilities = np.array(run.values["new_probabilities"])
    assert probabilities.shape == (10,)
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-4)
    printed = cell_text(run.notebook, "predict-one")
    assert "1. " in printed and "3. " in printed


def test_outputs_on_standin_data_are_marked_and_the_lint_rejects_them(run):
    assert check_no_standin_outputs(run.notebook)


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)
