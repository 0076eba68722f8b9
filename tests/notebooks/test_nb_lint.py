"""Every notebook follows the contract; each lint rule also catches a broken notebook."""

import copy
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from kernel_guard import kernel_env
from nbharness import mark_standin_outputs, run_notebook
from nblint import (
    MACHINE_PATH,
    RULES,
    SITE,
    check_no_standin_outputs,
    check_versions,
    source,
)
from support import ROOT

from scripts.build.notebook_links import colab_url
from scripts.build.sections import read_config

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
GOOD = ROOT / "notebooks" / "01-first-neural-network.ipynb"
SITE_LINK = re.compile(re.escape(SITE) + r"([^)\s#]*)")


def load(path: Path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_passes_rule(path, rule):
    problems = rule(load(path))
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_to_the_guide_point_at_real_pages(path):
    notebook = load(path)
    for cell in notebook.cells:
        for slug in SITE_LINK.findall(source(cell)):
            slug = slug.strip("/")
            page = ROOT / "docs" / f"{slug or 'index'}.md"
            notebook_page = ROOT / f"{slug}.ipynb"
            assert page.is_file() or notebook_page.is_file(), (
                f"{path.name} links to missing {slug!r}"
            )


def test_colab_urls_point_at_each_notebook_on_the_default_branch():
    config = read_config(ROOT / "mkdocs.yml")
    repo_url, branch = config["repo_url"].rstrip("/"), config["extra"]["default_branch"]
    owner_repo = urlparse(repo_url).path.strip("/")
    for path in NOTEBOOKS:
        url = colab_url(repo_url, branch, path.name)
        expected = f"/github/{owner_repo}/blob/{branch}/{path.relative_to(ROOT).as_posix()}"
        assert urlparse(url).netloc == "colab.research.google.com"
        assert urlparse(url).path == expected


def test_ruff_passes_over_the_notebooks():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "notebooks"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- each rule against a deliberately broken copy of a good notebook ---


def broken(change):
    notebook = copy.deepcopy(nbformat.read(GOOD, as_version=4))
    change(notebook)
    return notebook


def cell_with_tag(notebook, tag):
    return next(c for c in notebook.cells if tag in c.metadata.get("tags", []))


def set_source(cell, text):
    cell.source = text


def add_output(notebook, output):
    next(c for c in notebook.cells if c.cell_type == "code").outputs.append(output)


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def heading_cell(notebook, heading):
    return next(c for c in notebook.cells if source(c).startswith(heading))


def exercise_cells(notebook):
    return [c for c in notebook.cells if source(c).startswith("### Exercise")]


def add_cells(notebook, *cells):
    notebook.cells[-4:-4] = list(cells)


def add_code(notebook, code):
    add_cells(notebook, nbformat.v4.new_markdown_cell("Trains."), nbformat.v4.new_code_cell(code))


FIT = "model.fit(x_fit, y_fit, validation_data=(x_val, y_val), callbacks=[stop_early])\n"
FIT_STOP = "m.fit(x_fit, y_fit, validation_data=(x_val, y_val), callbacks=[stop])\n"
FIT_TWICE = "stop_early = keras.callbacks.EarlyStopping()\n" + FIT + FIT.replace("model", "other")
TEST_IN_LOOP = """
for epoch in range(EPOCHS):
    params = sgd_step(params, backward(params, forward(params, X_train), y_train), 0.1)
    test_losses.append(mse_loss(forward(params, X_test)[-1], y_test))
"""


BREAKAGES = {
    "invalid cell type": (lambda nb: nb.cells[1].update(cell_type="poem"), "nbformat-valid"),
    "kernel": (lambda nb: nb.metadata.kernelspec.update(name="ir"), "kernelspec"),
    "no guide metadata": (lambda nb: nb.metadata.pop("guide"), "gpu_recommended"),
    "widgets": (lambda nb: nb.metadata.update(widgets={}), "widgets"),
    "cell without id": (lambda nb: nb.cells[1].pop("id"), "ids"),
    "two titles": (lambda nb: set_source(nb.cells[1], "# Another title"), "one H1"),
    "H1 in a later cell": (lambda nb: set_source(nb.cells[7], "# Part 1\n\nText."), "one H1"),
    "TeX math": (lambda nb: set_source(nb.cells[9], "The loss is $L = (y - t)^2$."), "TeX"),
    "no time": (lambda nb: set_source(nb.cells[0], "# Title\n\nHello."), "how long"),
    "no summary": (lambda nb: set_source(heading_cell(nb, "## Summary"), "## Recap"), "Summary"),
    "relative prerequisites": (
        lambda nb: set_source(nb.cells[2], "## Prerequisites\n\n- [Python](../python.md)"),
        "absolute",
    ),
    "import outside setup": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "import os\nSEED = 0"),
        "imports outside",
    ),
    "two setup cells": (
        lambda nb: cell_with_tag(nb, "parameters").metadata.update(tags=["setup"]),
        "tagged 'setup'",
    ),
    "lower-case parameter": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 0\nepochs = 3"),
        "UPPER_CASE",
    ),
    "computed parameter": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = len('ab')"),
        "literal",
    ),
    "no seed": (lambda nb: set_source(cell_with_tag(nb, "parameters"), "EPOCHS = 3"), "SEED"),
    "too many epochs": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 0\nEPOCHS = 5000"),
        "EPOCHS",
    ),
    "long cell": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 0\n" + "X = 1\n" * 30),
        "lines of code",
    ),
    "code without explanation": (
        lambda nb: nb.cells.insert(5, nbformat.v4.new_code_cell("print(1)")),
        "explain each code cell",
    ),
    "keras before backend": (
        lambda nb: set_source(
            cell_with_tag(nb, "setup"),
            'import os\n\nimport keras\n\nos.environ.setdefault("KERAS_BACKEND", "torch")',
        ),
        "before import keras",
    ),
    "code changed after run": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 1"),
        "make notebooks",
    ),
    "outputs in a download notebook": (
        lambda nb: [nb.metadata.guide.update(data="download"), nb.metadata.guide.pop("run", None)],
        "without outputs",
    ),
    "full-run outputs of older code in a download notebook": (
        lambda nb: [
            nb.metadata.guide.update(data="download", run={"mode": "full"}),
            set_source(cell_with_tag(nb, "parameters"), "SEED = 1  # seed"),
        ],
        "make notebooks",
    ),
    "stderr output": (lambda nb: add_output(nb, stream("careful\n", "stderr")), "stderr"),
    "machine path in an output": (
        lambda nb: add_output(nb, stream("/home/ana/.venv/lib/python3.11/site-packages/x.py:3\n")),
        "absolute path",
    ),
    "Windows path in a result": (
        lambda nb: add_output(nb, nbformat.v4.new_output(
            "execute_result", {"text/plain": "'C:\\\\Users\\\\ana\\\\data.csv'"}, execution_count=1
        )),
        "absolute path",
    ),
    "version that differs from the recorded one": (
        lambda nb: add_output(nb, stream("torch 9.9.9 on cpu\n")), "prints torch 9.9.9"
    ),
    "outputs without a recorded environment": (
        lambda nb: nb.metadata.guide.pop("environment"), "metadata.guide.environment"
    ),
    "outputs made on stand-in data": (
        lambda nb: mark_standin_outputs(nb, ["imdb.npz"]), "stand-in data"
    ),
    "parameter without a comment": (
        lambda nb: set_source(cell_with_tag(nb, "parameters"), "SEED = 0  # seed\nEPOCHS = 3"),
        "parameters line 2: add a comment",
    ),
    "default bound at definition": (
        lambda nb: add_cells(
            nb, nbformat.v4.new_markdown_cell("Trains."),
            nbformat.v4.new_code_cell("def train(model, epochs=EPOCHS):\n    return epochs"),
        ),
        "reads ['EPOCHS'] when it is defined",
    ),
    "too few exercises": (
        lambda nb: [nb.cells.remove(c) for c in exercise_cells(nb)[1:]], "3 to 5 exercises"
    ),
    "exercise without a hint": (
        lambda nb: set_source(
            exercise_cells(nb)[0], source(exercise_cells(nb)[0]).replace("Hint", "Note")
        ),
        "<summary>Hint</summary>",
    ),
    "solution without code": (
        lambda nb: set_source(
            exercise_cells(nb)[0], source(exercise_cells(nb)[0]).replace("```python", "```text")
        ),
        "```python block",
    ),
    "no exercise asks for a prediction": (
        lambda nb: [
            set_source(c, re.sub("(?i)predict", "guess", source(c))) for c in exercise_cells(nb)
        ],
        "predict the outcome",
    ),
    "exercises not last": (
        lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("## Appendix")),
        "must be the last section",
    ),
    "one callback passed to two fits": (
        lambda nb: add_code(nb, FIT_TWICE),
        "fit reuses the callback 'stop_early'",
    ),
    "a solution reuses the notebook's callback": (
        lambda nb: [
            add_code(nb, "stop_early = keras.callbacks.EarlyStopping()\n" + FIT),
            set_source(
                exercise_cells(nb)[0],
                source(exercise_cells(nb)[0]).replace("```python\n", "```python\n" + FIT, 1),
            ),
        ],
        "the solution of 'Exercise 1: two hidden units': fit reuses the callback",
    ),
    "one callback for every fit in a loop": (
        lambda nb: add_code(
            nb, "stop = keras.callbacks.EarlyStopping()\nfor m in models:\n    " + FIT_STOP
        ),
        "fit inside a loop reuses the callback 'stop'",
    ),
    "test loss computed in the training loop": (
        lambda nb: add_code(nb, TEST_IN_LOOP),
        "reads ['X_test', 'test_losses', 'y_test']",
    ),
    "GPU steps without gpu_recommended": (
        lambda nb: set_source(nb.cells[3], "## Setup\n\nChoose **Runtime → Change runtime type**."),
        "gpu_recommended is not true",
    ),
    "a GPU model named": (
        lambda nb: set_source(nb.cells[3], "## Setup\n\nChoose **T4 GPU** in Colab."),
        "names the GPU model 'T4'",
    ),
    "a stored number typed into the text": (
        lambda nb: [
            add_output(nb, stream("test accuracy 0.953\n")),
            set_source(nb.cells[3], "## Setup\n\nThe network reaches 0.953."),
        ],
        "repeats numbers from the stored outputs: ['0.953']",
    ),
    "a Keras layer name in a PyTorch notebook": (
        lambda nb: set_source(nb.cells[3], "## Setup\n\nA `Conv2D` with `in_channels=1`."),
        "names Keras layers ['Conv2D']",
    ),
    "pip cell not first": (
        lambda nb: nb.cells.insert(-2, nbformat.v4.new_code_cell("%pip install -q optuna")),
        "%pip install cell must be the first",
    ),
}


def test_the_good_notebook_passes_every_rule():
    notebook = nbformat.read(GOOD, as_version=4)
    assert [p for rule in RULES for p in rule(notebook)] == []


@pytest.mark.parametrize("name", BREAKAGES)
def test_each_rule_catches_a_broken_notebook(name):
    change, expected = BREAKAGES[name]
    notebook = broken(change)
    problems = [p for rule in RULES for p in rule(notebook)]
    assert any(expected in p for p in problems), f"{name}: {problems}"


@pytest.mark.parametrize(
    "code",
    [
        "stop = keras.callbacks.EarlyStopping()\n"
        + FIT_STOP.replace("m.", "a.")
        + "stop = keras.callbacks.EarlyStopping()\n"
        + FIT_STOP.replace("m.", "b."),
        "for m in models:\n    stop = keras.callbacks.EarlyStopping()\n    " + FIT_STOP,
        TEST_IN_LOOP.replace("X_test", "X_val").replace("y_test", "y_val").replace("test_", "val_"),
        TEST_IN_LOOP.split("    test_losses")[0]
        + "test_accuracy = accuracy(params, X_test, y_test)",
    ],
    ids=[
        "a fresh callback per fit",
        "a fresh callback per pass",
        "validation in the loop",
        "the test set once, after the loop",
    ],
)
def test_honest_training_code_passes_the_lesson_rules(code):
    from nblint_lessons import RULES as LESSON_RULES

    notebook = broken(lambda nb: add_code(nb, code))
    assert [p for rule in LESSON_RULES for p in rule(notebook)] == []


def test_a_shell_comment_in_a_fenced_block_is_not_a_title():
    def add_fence(nb):
        set_source(nb.cells[1], nb.cells[1].source + "\n\n```bash\n# install\npip list\n```")

    assert [p for rule in RULES for p in rule(broken(add_fence))] == []


@pytest.mark.parametrize(
    "text",
    [
        "see https://storage.googleapis.com/tmp/data.zip",
        "runs/width48/seed0",
        "read jena.csv from ~/.keras/datasets/jena.zip",
        "ratio 3/4 and 10/home",
    ],
)
def test_urls_and_relative_paths_are_not_machine_paths(text):
    assert not MACHINE_PATH.search(text)


def test_versions_match_when_the_recorded_environment_has_them():
    notebook = broken(lambda nb: add_output(nb, stream("PyTorch 2.13.0 and numpy==2.4\n")))
    notebook.metadata.guide.environment = {
        "python": "3.13.1", "packages": {"torch": "2.13.0+cpu", "numpy": "2.4.6"}
    }
    assert check_versions(notebook) == []


def test_every_exercise_solution_is_python_that_parses():
    from nbharness import exercise_solutions

    for path in NOTEBOOKS:
        solutions = exercise_solutions(load(path))
        assert len(solutions) >= 3, path.name
        for title, code in solutions:
            compile(code, f"{path.name}: {title}", "exec")
            long = [line for line in code.splitlines() if len(line) > 100]
            assert not long, f"{path.name}: {title}: lines over 100 characters: {long}"


@pytest.mark.notebook
@pytest.mark.slow
def test_outputs_made_on_standin_data_are_marked_and_rejected(tmp_path):
    """A run that reads stand-ins comes back marked, and the mark survives saving the notebook,
    so storing its outputs in notebooks/ fails the lint; a run on real data is not marked."""
    path = tmp_path / "tiny.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("print('accuracy 0.93')")]
    notebook.cells[0].id = "only"
    nbformat.write(notebook, path)
    standin = tmp_path / "imdb.npz"
    standin.write_bytes(b"stand-in")
    env = kernel_env(tmp_path / "guard", {str(standin): "0" * 64})

    marked = run_notebook(path, env=env, record=False, timeout=60).notebook
    stored = tmp_path / "stored.ipynb"
    nbformat.write(marked, stored)
    problems = check_no_standin_outputs(nbformat.read(stored, as_version=4))
    assert problems and "stand-in data" in problems[0]
    assert all("nbharness_standin_data" in o.metadata for o in marked.cells[0].outputs)

    real = run_notebook(path, record=False, timeout=60).notebook
    assert check_no_standin_outputs(real) == []
