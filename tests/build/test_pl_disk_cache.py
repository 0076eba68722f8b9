"""The build's disk cache: keys cover inputs and code, one entry per name, no stale reads."""

from __future__ import annotations

from scripts.build import disk_cache


def test_the_key_changes_with_any_part_and_parts_cannot_run_together():
    key = disk_cache.content_key("ab", b"c")
    assert key == disk_cache.content_key("ab", b"c")
    assert key != disk_cache.content_key("ab", b"d")
    assert key != disk_cache.content_key("a", b"bc")


def test_the_key_changes_with_the_pipelines_code(monkeypatch, tmp_path):
    key = disk_cache.content_key("page")
    step = tmp_path / "step.py"
    step.write_text("STEP = 1\n", encoding="utf-8")
    monkeypatch.setattr(disk_cache, "CODE", [*disk_cache.CODE, step])
    changed = disk_cache.content_key("page")
    step.write_text("STEP = 2\n", encoding="utf-8")
    assert len({key, changed, disk_cache.content_key("page")}) == 3


def test_the_code_covers_every_module_of_the_build_package_and_its_subpackages():
    """A notebook page's cached HTML depends on adapter/ and markup/ too, not only the top level."""
    package = disk_cache.BUILD
    modules = {path for path in package.rglob("*.py") if "__pycache__" not in path.parts}
    assert modules <= set(disk_cache.CODE)
    assert {package / "adapter" / "jupyter.py", package / "markup" / "project.py"} <= modules


def test_the_key_changes_with_the_libraries_that_write_the_entries(monkeypatch):
    key = disk_cache.content_key("page")
    real = disk_cache.metadata.version
    monkeypatch.setattr(disk_cache.metadata, "version",
                        lambda name: "0.0" if name == "lxml" else real(name))
    disk_cache.library_versions.cache_clear()
    try:
        assert disk_cache.content_key("page") != key
    finally:
        disk_cache.library_versions.cache_clear()


def test_a_new_entry_replaces_the_old_one_of_its_name_only(tmp_path):
    old, new = disk_cache.content_key("v1"), disk_cache.content_key("v2")
    disk_cache.write_json(tmp_path, "notebook-01", old, {"v": 1})
    disk_cache.write_json(tmp_path, "notebook-01-extra", old, {"v": "other"})
    disk_cache.write_json(tmp_path, "notebook-01", new, {"v": 2})
    assert disk_cache.read_json(tmp_path, "notebook-01", old) is None
    assert disk_cache.read_json(tmp_path, "notebook-01", new) == {"v": 2}
    assert disk_cache.read_json(tmp_path, "notebook-01-extra", old) == {"v": "other"}
    assert not list(tmp_path.glob("*.part")), "a partial file was left behind"


def test_a_missing_entry_or_folder_reads_as_none(tmp_path):
    assert disk_cache.read_text(tmp_path / "absent", "notebook-css", "0" * 24, ".css") is None
