"""Notebook 07 (seeds, TensorBoard, Optuna): repeated runs, real event files, a real search."""

import math
import statistics

import nbformat
import pytest
from nbharness import assert_every_solution_ran, notebook_path, run_notebook

NAME = "07-research-experiments.ipynb"
PARAMS = {"N_SEEDS": 3, "EPOCHS": 6, "N_TRIALS": 4, "TRIAL_EPOCHS": 3, "SEED": 0}
pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def run_kwargs(tmp_path):
    """Test-mode settings; `make bench-notebooks` times the notebook with these too."""
    # One BLAS thread: these models are tiny, and two threads on shared cores double the time.
    return {"parameters": PARAMS, "timeout": 120}


# A reader edits EPOCHS and reruns a later cell: train_run must use the new value.
EDITED_PARAMETERS_PROBE = """
_saved_epochs, EPOCHS = EPOCHS, 2
edited_epochs = len(train_run(SEED)[1])
EPOCHS = _saved_epochs
"""


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    names = [
        "seed_results", "summary", "curves", "event_files", "logged", "logged_tags",
        "n_trials_done", "best_params", "best_value", "SEARCH_SPACE",
        "final_test_accs", "final_mean", "final_std", "edited_epochs",
    ]  # fmt: skip
    settings = run_kwargs(tmp_path_factory.mktemp("nb07"))
    return run_notebook(NAME, collect=names, extra=[EDITED_PARAMETERS_PROBE], **settings)


@pytest.fixture(scope="module")
def run(full_run):
    return full_run.values


def test_train_run_reads_an_edited_epochs_when_called(run):
    assert run["edited_epochs"] == 2


def test_nothing_is_written_to_stderr(full_run):
    streams = [o for c in full_run.notebook.cells for o in c.get("outputs", [])
               if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not streams, streams


def test_every_exercise_solution_runs(full_run):
    assert_every_solution_ran(full_run)


def test_each_configuration_ran_once_per_seed_with_real_spread(run):
    for name, accuracies in run["seed_results"].items():
        assert len(accuracies) == PARAMS["N_SEEDS"], name
        assert all(0.5 < a <= 1.0 for a in accuracies), name
        stats = run["summary"][name]
        assert stats["mean"] == pytest.approx(statistics.mean(accuracies))
        assert stats["std"] == pytest.approx(statistics.stdev(accuracies))
        assert stats["std"] > 0, f"{name}: different seeds gave identical runs"


def test_tensorboard_event_files_hold_the_logged_scalars(run):
    n_runs = len(run["seed_results"]) * PARAMS["N_SEEDS"]
    assert len(run["event_files"]) == n_runs
    assert run["logged_tags"] == ["accuracy/validation", "loss/train", "loss/validation"]
    for name, curves in run["curves"].items():
        for seed_index, curve in enumerate(curves):
            run_key = f"{name.replace(' ', '')}/seed{PARAMS['SEED'] + seed_index}"
            read_back = run["logged"][run_key]
            assert read_back["accuracy/validation"] == pytest.approx(curve, abs=1e-6)
            assert len(read_back["loss/train"]) == PARAMS["EPOCHS"]
            assert all(math.isfinite(v) for v in read_back["loss/train"])


def test_optuna_ran_every_trial_and_its_best_lies_in_the_search_space(run):
    assert run["n_trials_done"] == PARAMS["N_TRIALS"]
    space, best = run["SEARCH_SPACE"], run["best_params"]
    assert space["lr"][0] <= best["lr"] <= space["lr"][1]
    assert space["weight_decay"][0] <= best["weight_decay"] <= space["weight_decay"][1]
    assert best["width"] in space["width"]
    assert 0.5 < run["best_value"] <= 1.0


def test_the_winner_reaches_a_real_test_accuracy_over_seeds(run):
    accuracies = run["final_test_accs"]
    assert len(accuracies) == PARAMS["N_SEEDS"]
    assert run["final_mean"] == pytest.approx(statistics.mean(accuracies))
    assert run["final_mean"] > 0.85
    assert run["final_std"] > 0


def test_the_text_says_tpe_starts_with_random_trials():
    text = "\n".join(c.source for c in nbformat.read(notebook_path(NAME), 4).cells)
    assert "first 10 trials" in text and "n_startup_trials" in text
