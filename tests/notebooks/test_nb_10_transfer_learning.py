"""Notebook 10: transfer learning on a folder of images, run on stand-in files.

Test mode: MobileNetV3Small on 32-pixel images, with a stand-in flower_photos.tgz and stand-in
"ImageNet" weights (random, with batch-norm statistics measured on stand-in flowers) where Keras
looks for them. The real archive, the real weights and the full run need the network."""

import re

import nbformat
import numpy as np
import pytest
from nbharness import assert_every_solution_ran, notebook_path, run_notebook
from nblint import check_no_standin_outputs
from standin_checks import assert_guarded_offline_run, assert_loss_finite_and_down, cell_text
from standins import FLOWER_CLASSES, MOBILENET_WEIGHTS, prepare_env
from support import ROOT

from scripts.build.facts import load_registry

NAME = "10-transfer-learning.ipynb"
# One batch per epoch, and a larger head learning rate, so that the head's two updates lower its
# loss clearly (stage 2 keeps the default, checked below).
PARAMS = {
    "IMAGE_SIZE": 32, "BATCH_SIZE": 32, "HEAD_EPOCHS": 3, "FINE_TUNE_EPOCHS": 1,
    "HEAD_LEARNING_RATE": 1e-2, "SEED": 0,
}  # fmt: skip
pytestmark = [pytest.mark.notebook, pytest.mark.slow]
PER_CLASS = 10  # standins.write_flower_photos
COLLECT = ["DEVICE", "class_names", "class_counts", "labels", "split", "batch_images",
           "batch_labels", "head_trainable", "fine_tune_trainable", "unfrozen_layers",
           "head_history", "fine_history", "scratch_history", "fine_tune_learning_rate",
           "test_accuracy", "scratch_test_accuracy", "same_in_eval_mode",
           "changes_in_training_mode", "same_predictions", "new_probabilities", "bad_input"]
# Probes, run in the kernel after the notebook: stage 2's learning rate, and what the loader says
# about bad folders and files.
BAD_INPUT_PROBE = r'''
import tempfile as _tempfile

fine_tune_learning_rate = float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))


def _message(call):
    try:
        call()
    except (OSError, ValueError) as error:
        return f"{type(error).__name__}: {error}"
    return "no error"


_bad = Path(_tempfile.mkdtemp())
(_bad / "only_class").mkdir()
(_bad / "__MACOSX" / "only_class").mkdir(parents=True)
(_bad / "only_class" / "broken.jpg").write_bytes(b"this is not a picture")
bad_input = {"missing": _message(lambda: find_images(_bad / "nowhere")),
             "one_class": _message(lambda: find_images(_bad)),
             "broken_file": _message(lambda: load_image(_bad / "only_class" / "broken.jpg"))}
(_bad / "empty_class").mkdir()
bad_input["empty_class"] = _message(lambda: find_images(_bad))
'''


def run_kwargs(tmp_path):
    """Test-mode settings and stand-in data; `make bench-notebooks` times the notebook
    with these too."""
    return {"parameters": PARAMS, "timeout": 120, "env": prepare_env(NAME, tmp_path)}


@pytest.fixture(scope="module")
def run(settings):
    return run_notebook(NAME, collect=COLLECT, extra=[BAD_INPUT_PROBE], **settings)


def test_the_archive_unpacked_into_one_class_per_folder(run, env):
    assert run.values["class_names"] == FLOWER_CLASSES  # LICENSE.txt is not a class
    assert run.values["class_counts"] == [PER_CLASS] * len(FLOWER_CLASSES)
    printed = cell_text(run.notebook, "count-images")
    assert f"{PER_CLASS * len(FLOWER_CLASSES)} images in {len(FLOWER_CLASSES)} classes" in printed
    printed = cell_text(run.notebook, "download-data")
    assert "reading images from the folder flower_photos" in printed
    # keras.applications found the stand-in weights in its cache and checked them by hash
    assert_guarded_offline_run(env, accepted={MOBILENET_WEIGHTS.name})


def test_the_split_is_stratified_and_disjoint(run):
    split, labels = run.values["split"], np.array(run.values["labels"])
    parts = [set(split[name]) for name in ("train", "validation", "test")]
    assert sum(len(p) for p in parts) == len(set.union(*parts)) == len(labels)
    for name, fraction in (("test", 0.15), ("validation", 0.15)):
        per_class = np.bincount(labels[split[name]], minlength=len(FLOWER_CLASSES))
        assert list(per_class) == [round(PER_CLASS * fraction)] * len(FLOWER_CLASSES), name


def test_a_batch_is_cropped_resized_and_labeled(run):
    images = np.array(run.values["batch_images"])
    size = PARAMS["IMAGE_SIZE"]
    batch = min(PARAMS["BATCH_SIZE"], len(run.values["split"]["train"]))
    assert images.shape == (batch, size, size, 3)
    assert images.min() >= 0 and images.max() <= 255 and images.max() > 1  # 0-255, not 0-1
    assert set(run.values["batch_labels"]) <= set(range(len(FLOWER_CLASSES)))


def test_stage_one_trains_only_the_head(run):
    features = 576  # MobileNetV3Small's pooled output
    assert run.values["head_trainable"] == features * len(FLOWER_CLASSES) + len(FLOWER_CLASSES)


def test_stage_two_unfreezes_the_last_block_without_batch_norm(run):
    layers = run.values["unfrozen_layers"]
    assert layers and run.values["fine_tune_trainable"] > run.values["head_trainable"]
    assert all(re.match(r"(expanded_conv_10_|conv_1$)", name) for name in layers), layers
    assert not any(name.endswith("_bn") for name in layers), layers
    assert "expanded_conv_10_expand" in layers and "conv_1" in layers


def test_stage_two_uses_the_lower_learning_rate(run):
    assert run.values["fine_tune_learning_rate"] == pytest.approx(1e-4)  # the notebook's default


def test_every_stage_trains_for_its_epochs_and_the_head_learns(run):
    head, fine = run.values["head_history"], run.values["fine_history"]
    assert_loss_finite_and_down(head["loss"], PARAMS["HEAD_EPOCHS"])
    assert_loss_finite_and_down(head["val_loss"], PARAMS["HEAD_EPOCHS"])
    assert len(fine["loss"]) == len(fine["val_loss"]) == PARAMS["FINE_TUNE_EPOCHS"]
    scratch = run.values["scratch_history"]
    total = PARAMS["HEAD_EPOCHS"] + PARAMS["FINE_TUNE_EPOCHS"]
    assert len(scratch["loss"]) == len(scratch["val_accuracy"]) == total
    assert all(np.isfinite(scratch["loss"])), scratch["loss"]


def test_both_models_are_scored_on_the_test_set(run):
    for name in ("test_accuracy", "scratch_test_accuracy"):
        assert 0.0 <= run.values[name] <= 1.0
    printed = cell_text(run.notebook, "test-once")
    assert "gain from pretraining" in printed and "percentage points" in printed


def test_evaluation_mode_is_repeatable_and_training_mode_is_random(run):
    assert run.values["same_in_eval_mode"] is True
    assert run.values["changes_in_training_mode"] is True


def test_saved_weights_load_back_and_classify_one_new_image(run):
    assert run.values["same_predictions"] is True
    probabilities = np.array(run.values["new_probabilities"])
    assert probabilities.shape == (len(FLOWER_CLASSES),)
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-4)
    assert "1. " in cell_text(run.notebook, "predict-one")


def test_bad_folders_and_files_get_errors_that_say_what_to_do(run):
    bad = run.values["bad_input"]
    assert bad["missing"].startswith("FileNotFoundError") and "set DATA_DIR" in bad["missing"]
    # __MACOSX is skipped, so only one class folder counts
    assert "has 1 class folder(s); make at least 2" in bad["one_class"]
    assert "empty_class holds no image files" in bad["empty_class"]
    assert "broken.jpg: not a readable image" in bad["broken_file"]
    assert "delete or replace it" in bad["broken_file"]


def test_device_is_cuda_then_mps_then_cpu(run):
    import torch

    cuda, mps = torch.cuda.is_available(), torch.backends.mps.is_available()
    assert run.values["DEVICE"] == ("cuda" if cuda else "mps" if mps else "cpu")


def test_outputs_on_standin_data_are_marked_and_the_lint_rejects_them(run):
    assert check_no_standin_outputs(run.notebook)


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)


# --- without a kernel: the download URL is the one the reader sees, checks and the registry has ---


def downloaded_url() -> str:
    notebook = nbformat.read(notebook_path(NAME), as_version=4)
    cell = next(c for c in notebook.cells if c.get("id") == "download-data")
    return re.search(r'^DATA_URL = "([^"]+)"', cell.source, re.M).group(1)


def test_the_link_checker_sees_the_url_the_notebook_downloads():
    """The site's link check reads links in Markdown, not strings in code: link the URL too."""
    notebook = nbformat.read(notebook_path(NAME), as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert f"]({downloaded_url()})" in markdown


def test_the_fact_registry_records_the_data_set_and_its_url():
    fact = load_registry(ROOT)["flower-photos"]
    assert downloaded_url() in fact.says
    assert fact.checked is not None and fact.checked.isoformat() == "2026-12-07"


def test_the_metadata_says_a_gpu_is_recommended():
    notebook = nbformat.read(notebook_path(NAME), as_version=4)
    assert notebook.metadata.guide.gpu_recommended is True
    assert notebook.metadata.guide.data == "download"
