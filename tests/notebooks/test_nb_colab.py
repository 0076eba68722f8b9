"""Every notebook runs on Colab's preinstalled packages, or installs the rest in its first cell."""

import json
import re

import pytest
from support import ROOT

from scripts.notebooks.colab_constraints import (
    COLAB_FREEZE,
    colab_python,
    constraints,
    differences_from_colab,
    distribution,
    normalise,
    notebook_imports,
    pinned_version,
    read_pins,
)
from scripts.notebooks.notebook_meta import code_sources

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
COLAB = read_pins(COLAB_FREEZE)
PIP_LINE = re.compile(r"^%pip install\s+(.*)$")


def cells(notebook: dict) -> list[str]:
    return code_sources(notebook)


def pip_installs(notebook: dict) -> dict[str, str]:
    """Requirements named in the notebook's first code cell's %pip lines: name -> full spec."""
    code = cells(notebook)
    specs = {}
    for line in (code[0] if code else "").splitlines():
        if match := PIP_LINE.match(line.strip()):
            for spec in match.group(1).split():
                if not spec.startswith("-"):
                    specs[normalise(re.split(r"[<>=!~\[@ ]", spec)[0])] = spec
    return specs


def missing_on_colab(notebook: dict) -> list[str]:
    installed = pip_installs(notebook)
    dists = {distribution(module) for module in notebook_imports(notebook)}
    return sorted(d for d in dists if d not in COLAB and d not in installed)


def needless_pins(notebook: dict) -> list[str]:
    """%pip specs that pin a package Colab already has (it must keep Colab's version)."""
    return [spec for name, spec in pip_installs(notebook).items() if name in COLAB and spec != name]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_imports_are_on_colab_or_installed_first(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert not missing_on_colab(notebook), (
        f"{path.name} imports {missing_on_colab(notebook)}, which Colab lacks: "
        "add `%pip install -q NAME` as the first code cell"
    )
    assert not needless_pins(notebook), f"{path.name}: do not pin Colab's packages"


def notebook_with(*sources):
    return {"cells": [{"cell_type": "code", "source": s} for s in sources]}


def test_a_package_colab_lacks_must_be_installed_first():
    assert missing_on_colab(notebook_with("import optuna\nimport numpy as np")) == ["optuna"]
    assert missing_on_colab(notebook_with("%pip install -q optuna", "import optuna")) == []


def test_import_names_map_to_distributions():
    modules = notebook_imports(
        notebook_with("from sklearn import datasets\nimport skimage.io\nimport os")
    )
    assert {distribution(m) for m in modules} == {"scikit-learn", "scikit-image"}


def test_pins_on_colab_packages_are_refused():
    assert needless_pins(notebook_with("%pip install -q numpy==1.26 optuna")) == ["numpy==1.26"]


def test_constraints_take_colab_versions_but_keep_local_torch():
    colab = {"numpy": "2.1.3", "torch": "@ https://example/torch.whl", "keras": "3.13.2"}
    local = {"numpy": "2.4.6", "torch": "2.13.0", "pytest": "9.2.0", "optuna": "5.0.0"}
    lines, notes = constraints(colab, local, {"numpy", "torch", "optuna"})
    assert lines == ["numpy==2.1.3", "optuna==5.0.0", "pytest==9.2.0", "torch==2.13.0"]
    assert any("optuna" in note for note in notes) and any("torch" in note for note in notes)


def test_constraints_fall_back_where_no_wheel_exists():
    lines, notes = constraints(
        {"numpy": "2.1.3"}, {"numpy": "2.4.6"}, {"numpy"}, lambda n, v: False
    )
    assert lines == ["numpy==2.4.6"] and "no wheel" in notes[0]


def test_the_committed_colab_list_is_colabs():
    assert COLAB["keras"] == "3.13.2" and COLAB["numpy"] == "2.1.3"
    assert "optuna" not in COLAB


TORCH_URL = "@ https://download.pytorch.org/whl/cpu/torch-2.11.0%2Bcpu-cp313-cp313-manylinux_2_28_x86_64.whl"


def test_colabs_python_and_torch_come_from_its_torch_wheel():
    assert colab_python({"torch": TORCH_URL, "numpy": "2.1.3"}) == "3.13"
    assert pinned_version(TORCH_URL) == "2.11.0" and pinned_version("2.1.3") == "2.1.3"
    assert colab_python(COLAB) is not None


def test_a_run_knows_where_it_differs_from_colab():
    colab = {"torch": TORCH_URL, "numpy": "2.1.3", "keras": "3.13.2"}
    same = {"torch": "2.11.0+cpu", "numpy": "2.1.3", "keras": "3.13.2", "optuna": "5.0.0"}
    assert differences_from_colab("3.13.9", same, colab) == []
    assert differences_from_colab("3.11.7", {**same, "numpy": "2.4.6"}, colab) == [
        "python 3.11.7 (Colab: 3.13)", "numpy 2.4.6 (Colab: 2.1.3)"
    ]


def test_on_colabs_python_torch_follows_colab_too():
    colab = {"torch": TORCH_URL, "numpy": "2.1.3"}
    lines, notes = constraints(colab, {"torch": "2.13.0"}, {"torch", "numpy"}, python="3.13")
    assert lines == ["numpy==2.1.3", "torch==2.11.0"] and "CPU wheel index" in notes[0]
