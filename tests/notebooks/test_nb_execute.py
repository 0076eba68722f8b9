"""`make notebooks`: stored outputs come from one clean run, with the sources hash recorded."""

import json

import nbformat
import pytest

from scripts.notebooks.execute_notebooks import (
    RefusedOutputs,
    is_blank_display,
    merged_streams,
    record_full_runs,
    refresh,
)
from scripts.notebooks.notebook_meta import sources_sha256


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
    assert [o.text for o in chunks] == ["a", "\n", "w"], "the outputs given are left as they are"


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


@pytest.mark.notebook
def test_a_full_run_stores_a_download_notebook_which_make_notebooks_then_keeps(tmp_path):
    path = small_notebook(tmp_path / "d.ipynb", "download")
    message, record = refresh(path, full=True)
    notebook = nbformat.read(path, as_version=4)
    assert notebook.cells[0].outputs[0].text == "a\nb\n"
    run = notebook.metadata.guide.run
    assert run.mode == "full" and run.executed_at == record["executed_at"]
    assert run.colab_versions == (run.differences_from_colab == [])
    assert notebook.metadata.guide.environment.python
    assert "kept" in refresh(path)[0]  # `make notebooks` keeps outputs of the current code
    notebook.cells[1].source = "2 + 2"
    nbformat.write(notebook, path)
    refresh(path)  # code changed: the stored outputs no longer fit, so they go
    assert not any(c.outputs for c in nbformat.read(path, as_version=4).cells)


@pytest.mark.notebook
def test_unchanged_outputs_leave_the_file_alone(tmp_path):
    path = small_notebook(tmp_path / "p.ipynb", "package")
    refresh(path)
    before = path.read_bytes()
    message, _ = refresh(path)
    assert "unchanged" in message and path.read_bytes() == before


@pytest.mark.notebook
def test_a_run_that_writes_to_stderr_is_refused(tmp_path):
    path = small_notebook(tmp_path / "p.ipynb", "package")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source = "import sys\nprint('careful', file=sys.stderr)"
    nbformat.write(notebook, path)
    with pytest.raises(RefusedOutputs, match="stderr"):
        refresh(path)
    assert nbformat.read(path, as_version=4).cells[1].outputs[0].data["text/plain"] == "old"


def test_a_kernel_with_standin_data_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("NB_STANDIN_HASHES", str(tmp_path / "hashes.json"))
    with pytest.raises(RefusedOutputs, match="stand-in"):
        refresh(small_notebook(tmp_path / "p.ipynb", "package"))


def test_full_runs_are_recorded_next_to_the_test_records(tmp_path):
    report = tmp_path / "notebook-runs.json"
    report.write_text('{"notebooks": {"a.ipynb": {"mode": "test"}}}', encoding="utf-8")
    record_full_runs({"a.ipynb": {"mode": "full", "seconds": 3.0}}, report)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["notebooks"] == {"a.ipynb": {"mode": "test"}}
    assert data["full_runs"] == {"a.ipynb": {"mode": "full", "seconds": 3.0}}
