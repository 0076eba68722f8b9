"""Notebook 04: IMDB reviews, bag of words vs embeddings, run on a stand-in imdb.npz and word
index read by the real Keras loaders (their hash check passes through kernel_guard)."""

import ast

import nbformat
import numpy as np
import pytest
from nbharness import assert_every_solution_ran, exercise_solutions, notebook_path, run_notebook
from nblint import check_no_standin_outputs
from standin_checks import assert_guarded_offline_run, assert_loss_finite_and_down, cell_text
from standins import NEGATIVE, POSITIVE, VOCABULARY, prepare_env

NAME = "04-text-classification.ipynb"
PARAMS = {
    "NUM_WORDS": 200, "MAX_LEN": 80, "EMBED_DIM": 16, "EPOCHS": 6, "BATCH_SIZE": 16,
    "N_TRAIN": 300, "SEED": 0,
}  # fmt: skip
pytestmark = [pytest.mark.notebook, pytest.mark.slow]
COLLECT = ["lengths", "y_train", "y_test", "first_review", "x_fit_padded", "history"]
COLLECT += ["baseline_accuracy", "embedding_accuracy", "most_positive_words"]
COLLECT += ["most_negative_words", "my_baseline_scores", "my_model_scores", "split_sizes"]
N_TRAIN_FILE, N_TEST_FILE = 400, 200  # the stand-in's sizes (standins.write_imdb)
N_FIT = PARAMS["N_TRAIN"] - PARAMS["N_TRAIN"] // 5  # the rest is held back for validation
# How many reviews each model actually trained on: the baseline's rows, the network's inputs.
SPLIT_PROBE = """
split_sizes = {"baseline": int(bow_fit.shape[0]), "embedding": len(x_fit_padded),
               "validation": len(x_val_padded)}
"""


def run_kwargs(tmp_path):
    """Test-mode settings and stand-in data; `make bench-notebooks` times the notebook
    with these too."""
    return {"parameters": PARAMS, "timeout": 120, "env": prepare_env(NAME, tmp_path)}


@pytest.fixture(scope="module")
def run(settings):
    return run_notebook(NAME, collect=COLLECT, extra=[SPLIT_PROBE], **settings)


def test_the_real_loaders_read_the_standins_through_their_hash_check(run, env):
    assert len(run.values["lengths"]) == N_TRAIN_FILE
    assert len(run.values["y_test"]) == N_TEST_FILE
    assert f"training reviews: ({N_TRAIN_FILE},)  test reviews: ({N_TEST_FILE},)" in cell_text(
        run.notebook, "load-data"
    )
    assert_guarded_offline_run(env, accepted={"imdb.npz", "imdb_word_index.json"})


def test_a_review_decodes_into_words_of_the_standin_index(run):
    words = run.values["first_review"].split()
    assert words[0] == "<start>"
    assert len(words) == run.values["lengths"][0]
    assert set(words[1:]) <= set(VOCABULARY) | {"<unknown>"}
    assert sum(word in VOCABULARY for word in words) >= 10


def test_inputs_have_the_right_shape(run):
    assert len(run.values["y_train"]) == PARAMS["N_TRAIN"]
    padded = np.array(run.values["x_fit_padded"])
    assert padded.shape == (N_FIT, PARAMS["MAX_LEN"])
    assert padded.max() < PARAMS["NUM_WORDS"]
    printed = cell_text(run.notebook, "bag-of-words")
    assert f"bag-of-words matrix: ({N_FIT}, {PARAMS['NUM_WORDS']})" in printed


def test_the_baseline_learns_the_sentiment_words(run):
    assert run.values["baseline_accuracy"] >= 0.9  # chance is 0.5
    assert len(set(run.values["most_positive_words"]) & set(POSITIVE)) >= 8
    assert len(set(run.values["most_negative_words"]) & set(NEGATIVE)) >= 8


def test_embedding_model_loss_is_finite_and_goes_down(run):
    assert_loss_finite_and_down(run.values["history"]["loss"], PARAMS["EPOCHS"], early_stop=True)
    assert run.values["embedding_accuracy"] > 0.6


def test_own_reviews_are_scored_in_the_right_order(run):
    positive, negative = run.values["my_baseline_scores"]
    assert positive > 0.5 > negative
    positive, negative = run.values["my_model_scores"]
    assert positive > negative


def test_both_models_train_on_the_same_reviews(run):
    sizes = run.values["split_sizes"]
    assert sizes["baseline"] == sizes["embedding"] == N_FIT
    assert sizes["validation"] == PARAMS["N_TRAIN"] - N_FIT
    assert f"both models train on {N_FIT} reviews" in cell_text(run.notebook, "split")
    code = [c.source for c in nbformat.read(notebook_path(NAME), 4).cells if c.cell_type == "code"]
    assert not [c for c in code if "validation_split" in c], "Keras would hold back other reviews"


def test_outputs_on_standin_data_are_marked_and_the_lint_rejects_them(run):
    assert check_no_standin_outputs(run.notebook)


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)


def test_the_text_says_which_numbers_are_reserved():
    text = "\n".join(c.source for c in nbformat.read(notebook_path(NAME), 4).cells)
    assert "The numbers 0 to 3 never stand for a word" in text and "3 is not used" in text


def layer_calls(code: str) -> list[str]:
    """The `layers.X(...)` calls in code, in the order they appear."""
    calls = [
        node for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and getattr(node.func.value, "id", "") == "layers"
    ]  # fmt: skip
    return [c.func.attr for c in sorted(calls, key=lambda c: (c.lineno, c.col_offset))]


def test_exercise_1_changes_only_the_pooling_step():
    """The text says each exercise changes one thing: the phrase model is the embedding model
    with GlobalAveragePooling1D swapped for Conv1D + GlobalMaxPooling1D, nothing else."""
    notebook = nbformat.read(notebook_path(NAME), 4)
    build = next(c.source for c in notebook.cells if "def build_embedding_model" in c.source)
    phrase = next(code for title, code in exercise_solutions(notebook) if "phrases" in title)
    swapped = " ".join(layer_calls(phrase)).replace(
        "Conv1D GlobalMaxPooling1D", "GlobalAveragePooling1D"
    )
    assert swapped == " ".join(layer_calls(build))
