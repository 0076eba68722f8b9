"""`make notebooks`: stored outputs come from one clean run, with the sources hash recorded."""


import nbformat
import pytest
from execute_notebooks import is_blank_display, merged_streams, refresh  # noqa: E402
from notebook_meta import sources_sha256


def small_notebook(path, data):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["guide"] = {"gpu_recommended": False, "colab_minutes": 5, "data": data}
    notebook.cells = [
        nbformat.v4.new_code_cell("print('a')\nprint('b')"),
        nbformat.v4.new_code_cell("1 + 1"),
    ]
    notebook.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "old"})]
    notebook.cells[1].execution_count = 7
    nbformat.write(notebook, path)
    return path


def test_neighbouring_stream_chunks_are_joined():
    chunks = [
        nbformat.v4.new_output("stream", name="stdout", text="a"),
        nbformat.v4.new_output("stream", name="stdout", text="\n"),
        nbformat.v4.new_output("stream", name="stderr", text="w"),
    ]
    assert [(o.name, o.text) for o in merged_streams(chunks)] == [
        ("stdout", "a\n"),
        ("stderr", "w"),
    ]


def test_download_notebooks_are_cleared(tmp_path):
    path = small_notebook(tmp_path / "d.ipynb", "download")
    refresh(path)
    notebook = nbformat.read(path, as_version=4)
    assert all(not c.outputs and c.execution_count is None for c in notebook.cells)


@pytest.mark.notebook
def test_package_notebooks_run_clean_and_record_the_hash(tmp_path):
    path = small_notebook(tmp_path / "p.ipynb", "package")
    refresh(path)
    notebook = nbformat.read(path, as_version=4)
    assert [c.execution_count for c in notebook.cells] == [1, 2]
    assert notebook.cells[0].outputs[0].text == "a\nb\n"
    assert notebook.cells[1].outputs[0].data["text/plain"] == "2"
    assert notebook.metadata.guide.sources_sha256 == sources_sha256(notebook)
    assert "execution" not in notebook.cells[0].metadata


def test_empty_displays_are_dropped_but_real_ones_kept():
    empty = nbformat.v4.new_output("display_data", {"text/html": "<pre></pre>\n", "text/plain": ""})
    real = nbformat.v4.new_output("display_data", {"text/plain": "<Figure>", "image/png": "iVBO"})
    assert is_blank_display(empty) and not is_blank_display(real)
