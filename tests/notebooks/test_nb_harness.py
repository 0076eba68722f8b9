"""The harness itself: values come back as plain JSON, failures name the cell and the error."""

import nbformat
import pytest
from nbharness import MARKER, NotebookFailed, collected_values, run_notebook

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def write_notebook(path, *sources, parameters="N = 1"):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cells = [nbformat.v4.new_code_cell(parameters)]
    cells[0].metadata["tags"] = ["parameters"]
    cells += [nbformat.v4.new_code_cell(source) for source in sources]
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"
    notebook.cells = cells
    nbformat.write(notebook, path)
    return path


def test_collected_values_are_plain_json(tmp_path):
    path = write_notebook(
        tmp_path / "ok.ipynb",
        "import numpy as np\nimport os\narray = np.arange(N) * 0.5\nscalar = np.float32(2.5)",
        "nested = {'a': (1, np.int64(2))}\nhome = os.environ['EXTRA']",
    )
    run = run_notebook(
        path, parameters={"N": 3}, env={"EXTRA": "yes"}, record=False, timeout=60,
        collect=["array", "scalar", "nested", "home"],
    )  # fmt: skip
    assert run.values == {
        "array": [0.0, 0.5, 1.0],
        "scalar": 2.5,
        "nested": {"a": [1, 2]},
        "home": "yes",
    }
    assert run.seconds > 0 and run.notebook.cells[-1].outputs


def test_collected_values_survive_a_print_split_into_chunks():
    """A loaded kernel may flush one print in pieces; the values are read from the joined text."""
    text = MARKER + '{"accuracy": 0.9}\n'
    pieces = [text[: len(MARKER) + 5], text[len(MARKER) + 5 : -1], "\n"]
    cell = nbformat.v4.new_code_cell("print(values)", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text=piece) for piece in pieces])
    notebook = nbformat.v4.new_notebook(cells=[cell])
    assert collected_values(notebook) == {"accuracy": 0.9}
    assert [output.text for output in cell.outputs] == pieces, "the notebook is left as it was"


def test_a_failing_cell_is_named_with_its_error(tmp_path):
    path = write_notebook(tmp_path / "boom.ipynb", "x = 1", "y = x / 0")
    with pytest.raises(NotebookFailed) as failure:
        run_notebook(path, record=False, timeout=60)
    message = str(failure.value)
    assert "boom.ipynb" in message and "'cell-2'" in message and "starts 'y = x / 0'" in message
    assert "ZeroDivisionError" in message


def test_the_notebook_cannot_reach_the_network(tmp_path):
    code = "import urllib.request\nurllib.request.urlopen('http://example.org', timeout=5)"
    path = write_notebook(tmp_path / "net.ipynb", code)
    with pytest.raises(NotebookFailed, match="URLError|ConnectionRefused|ProxyError|refused"):
        run_notebook(path, record=False, timeout=60)


def test_a_run_over_budget_is_stopped(tmp_path):
    path = write_notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(120)")
    with pytest.raises(NotebookFailed, match="budget of 15 s"):
        run_notebook(path, record=False, timeout=100, budget=15)
