"""Precision and recall read off a confusion matrix, and stratified k-fold cross-validation."""

from __future__ import annotations

from scripts.figures.common import Diagram

# (row, column): short name, what it means, class; row 0 = truly malignant, column 0 = flagged.
CELLS = {
    (0, 0): ("TP", "found", "box3"),
    (0, 1): ("FN", "missed", "box2"),
    (1, 0): ("FP", "false alarm", "box2"),
    (1, 1): ("TN", "rightly clear", "box3"),
}
FOLDS = 5


def confusion_matrix(d: Diagram) -> None:
    d.text(20, 24, "Confusion matrix", "b", size=14, anchor="start")
    d.text(20, 42, "malignant is the positive class", "muted", size=12, anchor="start")
    for column, label in enumerate(("flagged", "not flagged")):
        d.text(152 + 100 * column, 56, label, size=12)
    for row, label in enumerate(("malignant", "benign")):
        d.text(96, 102 + 60 * row, label, size=12, anchor="end")
    for (row, column), (name, meaning, cls) in CELLS.items():
        x, y = 104 + 100 * column, 68 + 60 * row
        d.rect(x, y, 96, 56, cls)
        d.text(x + 48, y + 24, name, "b", size=14)
        d.text(x + 48, y + 43, meaning, size=12)
    formulas = (
        ("precision = TP / (TP + FP)", "of the flagged tumors, the share malignant"),
        ("recall = TP / (TP + FN)", "of the malignant tumors, the share flagged"),
    )
    for number, (formula, meaning) in enumerate(formulas):
        d.text(20, 218 + 42 * number, formula, "b mono", size=13, anchor="start")
        d.text(20, 236 + 42 * number, meaning, "muted", size=12, anchor="start")


def cross_validation(d: Diagram) -> None:
    d.text(350, 24, f"Stratified {FOLDS}-fold cross-validation", "b", size=14, anchor="start")
    for run in range(FOLDS):
        y = 40 + 30 * run
        for fold in range(FOLDS):
            held_out = fold == run
            x = 340 + 46 * fold
            d.rect(x, y, 42, 24, "box2" if held_out else "box1", rx=4)
            d.text(x + 21, y + 17, "score" if held_out else "fit", "b" if held_out else "", size=11)
        d.text(580, y + 17, f"F1 no. {run + 1}", size=12, anchor="start")
    d.text(340, 218, "Every fold is scored once by a model", size=13, anchor="start")
    d.text(340, 236, "that did not learn from it.", size=13, anchor="start")
    d.text(340, 260, "Report the mean ± std of the five scores;", size=13, anchor="start")
    d.text(340, 278, "the test set stays out of all five.", "muted", size=12, anchor="start")


def draw() -> str:
    d = Diagram(660, 296, "Precision and recall from a confusion matrix; k-fold cross-validation")
    confusion_matrix(d)
    cross_validation(d)
    return d.render()
