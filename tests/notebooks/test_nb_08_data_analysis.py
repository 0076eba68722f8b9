"""Notebook 08 (pandas + scikit-image): gaps filled, a real accuracy bar, a CNN-ready batch."""

import json
import re
from pathlib import Path

import pytest
import skimage.data
from nbharness import NOTEBOOKS, assert_every_solution_ran, run_notebook

from scripts.notebooks.notebook_meta import code_sources

NAME = "08-data-analysis.ipynb"
PARAMS = {"EPOCHS": 10, "IMAGE_SIZE": 32, "N_AUGMENT": 2, "SEED": 0}
pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def run_kwargs(tmp_path):
    """Test-mode settings; `make bench-notebooks` times the notebook with these too."""
    # One BLAS thread: these models are tiny, and two threads on shared cores double the time.
    return {"parameters": PARAMS, "timeout": 120}


# Records, for every forward pass train_tabular makes, the model's mode, whether autograd was on
# and the batch size, so the test can tell training steps from measurements.
MODE_PROBE = """
_forward_modes, _real_forward = [], nn.Sequential.forward


def _spy(self, inputs):
    _forward_modes.append([self.training, torch.is_grad_enabled(), len(inputs)])
    return _real_forward(self, inputs)


nn.Sequential.forward = _spy
train_tabular(train_scaled, y_train, test_scaled, y_test)
nn.Sequential.forward = _real_forward
forward_modes, n_train_rows, n_test_rows = _forward_modes, len(train_scaled), len(test_scaled)
"""


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    names = [
        "missing_counts", "n_missing_after", "baseline_accuracy", "tabular_accuracy",
        "unscaled_accuracy", "augmented_shapes", "batch_shape", "batch_min", "batch_max",
        "conv_output_shape", "forward_modes", "n_train_rows", "n_test_rows",
    ]  # fmt: skip
    settings = run_kwargs(tmp_path_factory.mktemp("nb08"))
    return run_notebook(NAME, collect=names, extra=[MODE_PROBE], **settings)


@pytest.fixture(scope="module")
def run(full_run):
    return full_run.values


def test_measurements_run_in_eval_mode_without_gradients(run):
    modes = run["forward_modes"]
    measured = [m for m in modes if m[2] in (run["n_train_rows"], run["n_test_rows"])]
    steps = [m for m in modes if m not in measured]
    assert len(measured) == PARAMS["EPOCHS"] + 1  # the training loss per epoch, then the test
    assert all(m[:2] == [False, False] for m in measured), measured
    assert steps and all(m[:2] == [True, True] for m in steps)


def test_every_exercise_solution_runs(full_run):
    assert_every_solution_ran(full_run)


def skimage_samples_used() -> set[str]:
    notebook = json.loads((NOTEBOOKS / NAME).read_text(encoding="utf-8"))
    code = "\n".join(code_sources(notebook))
    return set(re.findall(r"\bdata\.(\w+)\(\)", code))


def test_every_sample_image_ships_inside_scikit_image():
    # Samples missing from the wheel are fetched with pooch on first use: that needs the network.
    bundled = Path(skimage.data.__file__).parent
    used = skimage_samples_used()
    assert used, "the notebook loads no skimage.data sample"
    not_bundled = sorted(n for n in used if not list(bundled.glob(f"{n}.*")))
    assert not not_bundled, f"{NAME} loads {not_bundled}, which scikit-image downloads"


def test_deliberate_gaps_are_made_and_all_filled(run):
    # A pandas Series comes back as its list of values: one count per column.
    made = [n for n in run["missing_counts"] if n]
    assert len(made) == 2
    assert all(5 <= n <= 35 for n in made), made  # about 10% of 178 rows each
    assert run["n_missing_after"] == 0


def test_tabular_network_beats_the_majority_baseline(run):
    assert 0.3 < run["baseline_accuracy"] < 0.5
    assert run["tabular_accuracy"] >= 0.85
    assert run["tabular_accuracy"] > run["baseline_accuracy"] + 0.3


def test_standardising_helps(run):
    assert run["tabular_accuracy"] > run["unscaled_accuracy"]


def test_augmentation_keeps_the_image_shape(run):
    assert run["augmented_shapes"] == [[300, 451, 3]] * PARAMS["N_AUGMENT"]


def test_image_batch_is_cnn_ready(run):
    size = PARAMS["IMAGE_SIZE"]
    n_images = len(skimage_samples_used())
    assert run["batch_shape"] == [n_images, 3, size, size]
    assert 0.0 <= run["batch_min"] < run["batch_max"] <= 1.0
    assert run["conv_output_shape"] == [n_images, 8, size, size]


def test_the_text_tells_pandas_std_from_standard_scaler():
    notebook = json.loads((NOTEBOOKS / NAME).read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in notebook["cells"])
    assert "ddof=1" in text and "ddof=0" in text and "does the same" not in text
