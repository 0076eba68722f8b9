"""The build benchmark's baseline is Material alone: none of our pipeline may stay in it."""

from __future__ import annotations

import pytest
import yaml

from scripts.benchmarks import bench_build
from scripts.build import sections


def test_the_material_only_config_keeps_nothing_of_ours(tmp_path):
    baseline = bench_build.material_only_config(tmp_path / "mkdocs.yml")
    text = baseline.read_text(encoding="utf-8")
    assert "hooks:" not in text
    assert not [part for part in bench_build.OURS if part in text]
    config = yaml.load(text, Loader=sections.LenientLoader)  # as data: the tags stay unrun
    assert "hooks" not in config
    assert not [p for p in config["plugins"] if "mkdocs-jupyter" in (p if isinstance(p, str)
                                                                     else list(p))]
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert extensions and not [name for name in extensions if name.startswith("scripts.")]


def test_a_config_it_cannot_strip_stops_the_benchmark(tmp_path, monkeypatch):
    original = (bench_build.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    renamed = original.replace("hooks:\n", "hooks:  # moved\n", 1)  # a shape the patterns miss
    fake_root = tmp_path / "project"
    fake_root.mkdir()
    (fake_root / "mkdocs.yml").write_text(renamed, encoding="utf-8")
    monkeypatch.setattr(bench_build, "ROOT", fake_root)
    with pytest.raises(SystemExit, match="still has"):
        bench_build.material_only_config(tmp_path / "baseline.yml")
