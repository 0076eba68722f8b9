"""Notebook 09 (breast-cancer table): honest metrics, a cost-based threshold, the test set once."""

import ast
import re

import nbformat
import pytest
from nbharness import assert_every_solution_ran, notebook_path, run_notebook

NAME = "09-imbalanced-tabular.ipynb"
PARAMS = {"EPOCHS": 20, "N_FOLDS": 3, "SEED": 0}
pytestmark = [pytest.mark.notebook, pytest.mark.slow]
TEST_NAMES = {"x_test", "y_test"}


def run_kwargs(tmp_path):
    """Test-mode settings; `make bench-notebooks` times the notebook with these too."""
    return {"parameters": PARAMS, "timeout": 120}


# The best threshold for three costs of a miss, per model: a dearer miss must never raise it.
# Then one small network fit with a spy on forward(): training steps in train mode with
# gradients, predictions in eval mode without.
PROBE = """
threshold_by_cost = {
    name: [best_threshold(y_train, p, cost) for cost in (1, MISSED_COST, 50)]
    for name, p in oof.items()
}
_modes, _real_forward = [], nn.Sequential.forward


def _spy(self, inputs):
    _modes.append([self.training, torch.is_grad_enabled(), len(inputs)])
    return _real_forward(self, inputs)


nn.Sequential.forward = _spy
network_fit_predict(pos_weight=1)(x_train[:100], y_train[:100], x_train[100:150])
nn.Sequential.forward = _real_forward
forward_modes = _modes
mean_probability = {name: float(p.mean()) for name, p in {**oof, **weighted_oof}.items()}
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    names = [
        "split_shares", "majority_accuracy", "majority_recall", "cv_scores", "weighted_scores",
        "chosen_thresholds", "chosen_model", "chosen_threshold", "test_scores", "test_cost",
        "threshold_by_cost", "forward_modes", "mean_probability", "BATCH_SIZE",
    ]  # fmt: skip
    settings = run_kwargs(tmp_path_factory.mktemp("nb09"))
    return run_notebook(NAME, collect=names, extra=[PROBE], **settings)


def test_split_keeps_the_malignant_share(run):
    shares = run.values["split_shares"]
    assert 0.36 < shares["all"] < 0.39  # 212 of 569
    assert abs(shares["train"] - shares["all"]) < 0.01
    assert abs(shares["test"] - shares["all"]) < 0.01


def test_always_benign_has_the_benign_share_as_accuracy_and_finds_nothing(run):
    assert run.values["majority_accuracy"] == pytest.approx(1 - run.values["split_shares"]["train"])
    assert run.values["majority_recall"] == 0


def test_cross_validation_scores_every_fold_of_every_model(run):
    scores = run.values["cv_scores"]
    assert set(scores) == {"logistic", "boosted trees", "network"}
    for model, metrics in scores.items():
        assert set(metrics) == {
            "accuracy", "precision", "recall", "F1", "ROC AUC", "avg precision",
        }, model  # fmt: skip
        assert all(len(v) == PARAMS["N_FOLDS"] for v in metrics.values()), model


def test_every_model_beats_the_majority_by_far(run):
    for model, metrics in run.values["cv_scores"].items():
        mean = {name: sum(v) / len(v) for name, v in metrics.items()}
        assert mean["accuracy"] > run.values["majority_accuracy"] + 0.25, model
        assert mean["recall"] > 0.85 and mean["F1"] > 0.85, model
        assert mean["ROC AUC"] > 0.95, model


def test_a_dearer_miss_never_raises_the_threshold(run):
    for model, (cheap, stated, dear) in run.values["threshold_by_cost"].items():
        assert dear <= stated <= cheap, model
    assert all(t <= 0.5 for t in run.values["chosen_thresholds"].values())


def test_the_chosen_model_has_the_lowest_cost_threshold(run):
    chosen = run.values["chosen_model"]
    assert run.values["chosen_threshold"] == run.values["chosen_thresholds"][chosen]


def test_class_weights_raise_the_probability_of_malignant(run):
    mean = run.values["mean_probability"]
    assert mean["logistic, weighted"] > mean["logistic"]
    assert mean["network, weighted"] > mean["network"]


def test_the_final_test_scores_the_chosen_model_once(run):
    scores = run.values["test_scores"]
    assert scores["recall"] > 0.85 and scores["ROC AUC"] > 0.95
    assert run.values["test_cost"] >= 0


def test_network_trains_in_train_mode_and_predicts_in_eval_mode(run):
    modes = run.values["forward_modes"]
    steps, predictions = modes[:-1], modes[-1]
    assert steps and all(m[:2] == [True, True] and m[2] <= run.values["BATCH_SIZE"] for m in steps)
    assert predictions == [False, False, 50]


def code_cells_using(names: set[str]) -> list[int]:
    notebook = nbformat.read(notebook_path(NAME), 4)
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    return [
        number for number, cell in enumerate(cells, start=1)
        if names & {n.id for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Name)}
    ]  # fmt: skip


def test_the_test_set_is_made_once_and_read_once_at_the_end():
    notebook = nbformat.read(notebook_path(NAME), 4)
    n_code = sum(c.cell_type == "code" for c in notebook.cells)
    used = code_cells_using(TEST_NAMES)
    assert len(used) == 2 and used[1] == n_code, f"code cells using the test set: {used}"
    solutions = "\n".join(c.source for c in notebook.cells if "<summary>Solution" in c.source)
    assert not re.search(r"\b[xy]_test\b", solutions), "an exercise solution uses the test set"


def test_prose_quotes_no_measured_numbers():
    # Numbers a rerun changes are printed by code; the text names only fixed settings.
    allowed = {"0.5", "0.01", "0.99"}
    notebook = nbformat.read(notebook_path(NAME), 4)
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        prose = re.sub(r"```.*?```|`[^`]*`", "", cell.source, flags=re.S)
        found = set(re.findall(r"\d+\.\d+|\d+(?:\.\d+)?\s?%", prose)) - allowed
        assert not found, f"{cell.id}: numbers typed into the text: {sorted(found)}"


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)
