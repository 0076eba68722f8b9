"""The install path stays right: each claim that was found wrong on 2026-12-07 (issue 21).

The pages are read with their fact markers resolved, so a TOML block is checked as the reader
sees it, and the registry's values are compared with one another where they must agree.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from support import ROOT

from scripts.build.facts import all_facts, resolve_markers

FENCED = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```",
                    re.MULTILINE | re.DOTALL)
# First NumPy release with wheels for each Python (pip's binary-only resolution, 2026-12-07).
FIRST_NUMPY_WITH_WHEELS = {(3, 12): (1, 26, 0), (3, 13): (2, 1, 0), (3, 14): (2, 3, 2)}


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return {fact_id: fact.value for fact_id, fact in all_facts(ROOT).items()}


def page(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def resolved(name: str, facts: dict[str, str]) -> str:
    """The page with its facts filled in by the build's own step (an unknown id names its line)."""
    return resolve_markers(page(name), all_facts(ROOT), f"docs/{name}")[0]


def code_blocks(text: str, lang: str) -> list[str]:
    """Bodies of the fenced blocks in `lang`, with their indentation (tabs, lists) removed."""
    blocks = []
    for match in FENCED.finditer(text):
        if match["lang"] == lang:
            indent = len(match["indent"])
            blocks.append("\n".join(line[indent:] for line in match["body"].splitlines()))
    return blocks


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def all_pages() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md"))


# --- uv: explicit PyTorch indexes, a virtual environment before uv pip ------------------------

def test_every_pytorch_index_in_pyproject_is_explicit_and_pinned_by_platform(facts):
    blocks = [tomllib.loads(block) for block in code_blocks(resolved("python.md", facts), "toml")]
    assert len(blocks) >= 3, "the Linux CPU, Windows CUDA and older-GPU setups each need a block"
    for config in blocks:
        indexes = {index["name"]: index for index in config["tool"]["uv"]["index"]}
        assert all(index.get("explicit") is True for index in indexes.values()), indexes
        sources = config["tool"]["uv"]["sources"]
        assert set(sources) == {"torch", "torchvision"}
        for entries in sources.values():
            for entry in entries:
                assert entry["index"] in indexes and "sys_platform" in entry["marker"], entry


def test_no_page_adds_a_non_explicit_index_with_uv_add():
    # `uv add --index name=URL` makes an index that numpy and friends may also come from.
    assert not re.search(r"uv add[^\n`]*--index", all_pages())


def test_uv_pip_install_comes_after_creating_a_virtual_environment(facts):
    shell = [block for block in code_blocks(resolved("python.md", facts), "bash")
             if "uv pip install" in block]
    assert shell, "python.md shows uv pip install with --torch-backend"
    for block in shell:
        assert "uv venv" in block.split("uv pip install")[0], block


# --- NVIDIA: real CUDA operation, compute capability, driver ----------------------------------

def test_nvidia_checks_run_a_cuda_operation_and_read_the_compute_capability():
    python = page("python.md")
    real_op = "torch.ones(1, device='cuda') + 1"
    assert python.count(real_op) >= 3  # Linux, Windows and older-GPU commands
    assert python.count("nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv") >= 2
    assert "no kernel image is available for execution on the device" in python
    assert "### Older NVIDIA GPUs" in python
    # The skip test of the hardware page must not rest on is_available(), which old cards pass.
    skip = page("hardware-and-os.md").split("## Do you need this section?")[1].split("##")[0]
    assert 'torch.ones(1, device="cuda") + 1' in skip and "torch.cuda.is_available()" not in skip


def test_a_recent_driver_is_not_called_enough(facts):
    text = all_pages()
    assert "only need a recent NVIDIA driver" not in text
    assert "you only need a recent NVIDIA driver" not in text
    hardware = page("hardware-and-os.md")
    for fact_id in ("cuda13-driver", "cuda13-min-arch", "cuda12-legacy-torch",
                    "cuda12-legacy-index"):
        assert f"[[fact:{fact_id}]]" in hardware, fact_id
    assert float(facts["cuda13-min-arch"]) > 7.0  # Volta (V100) is below the line


def test_older_gpu_path_pins_a_release_that_still_has_a_cuda_12_build(facts):
    assert facts["cuda12-legacy-index"].startswith("cu12")
    assert version(facts["cuda12-legacy-torch"]) < version(facts["pytorch-latest"])
    pins = facts["torch-214-pins"]
    assert f'"torch=={facts["cuda12-legacy-torch"]}.*"' in pins, pins
    older = page("python.md").split("### Older NVIDIA GPUs")[1]
    assert "[[fact:cuda12-legacy-index]]" in older and "uv add [[fact:torch-214-pins]]" in older


def test_default_cuda_index_matches_the_pypi_cuda_version(facts):
    # cu132 <-> "CUDA 13.2": the Windows index and the PyPI build target the same CUDA.
    digits = facts["pypi-torch-cuda"].removeprefix("CUDA ").replace(".", "")
    assert facts["torch-cuda-index"] == f"cu{digits}"


# --- macOS: the MPS minimum depends on the PyTorch version -----------------------------------

def test_mps_minimum_is_stated_with_its_pytorch_version():
    for name in ("hardware-and-os.md", "python.md"):
        for line in page(name).split("\n\n"):
            if "[[fact:mps-macos-min]]" in line:
                assert "[[fact:pytorch-latest]]" in line, f"{name}: {line[:120]}"


def test_each_macos_gets_its_own_instruction():
    mac_tab = page("python.md").split('=== "Mac, Apple silicon"')[1].split("###")[0]
    for bullet in ("**[[fact:mps-macos-min]]:**", "**[[fact:torch-macos-wheel-min]]:**",
                   "**Older:**"):
        assert bullet in mac_tab, bullet
    assert "uv add [[fact:torch-214-pins]]" in mac_tab
    assert '"torch==[[fact:macos13-torch]].*"' in mac_tab


def test_macos_versions_in_the_registry_agree(facts):
    latest, mac14, mac13 = (version(facts[i]) for i in
                            ("pytorch-latest", "mps-macos14-torch", "macos13-torch"))
    assert mac13 < mac14 < latest
    min_major = int(re.search(r"macOS (\d+)", facts["mps-macos-min"])[1])
    wheel_major = int(re.search(r"macOS (\d+)", facts["torch-macos-wheel-min"])[1])
    assert wheel_major < min_major, "the page explains installs that cannot use MPS"
    assert facts["mps-macos-newer-docs"] == f"macOS {min_major}"


def test_facts_about_the_latest_pytorch_point_at_the_same_release():
    registry = all_facts(ROOT)
    latest = registry["pytorch-latest"].value
    assert f"/torch/{latest}." in registry["mps-macos-min"].source
    assert f"/docs/{latest}/" in registry["mps-macos-newer-docs"].source
    assert f"/torch/{latest}." in registry["torch-macos-wheel-min"].source
    assert f"torch {latest}." in registry["pypi-torch-cuda"].says


# --- Other corrections ------------------------------------------------------------------------

def test_pinned_numpy_has_wheels_for_the_python_the_page_installs(facts):
    python = version(facts["colab-python"])
    assert python in FIRST_NUMPY_WITH_WHEELS, (
        f"Colab moved to Python {facts['colab-python']}: add NumPy's first release with wheels "
        "for it to FIRST_NUMPY_WITH_WHEELS (pip install --dry-run --only-binary=:all: "
        f"--python-version {facts['colab-python']})")
    pins = re.findall(r"numpy==(\d+\.\d+\.\d+)", page("python.md"))
    assert pins
    for pin in pins:
        assert version(pin) >= FIRST_NUMPY_WITH_WHEELS[python], pin


def test_rocm_linux_only_is_about_pytorchs_index_and_amd_windows_wheels_are_named():
    hardware = " ".join(page("hardware-and-os.md").split())
    assert "ROCm ([[fact:rocm-linux-only]])" not in hardware
    assert "PyTorch's own index has ROCm builds [[fact:rocm-linux-only]]" in hardware
    assert "[[fact:rocm-windows-amd]]" in hardware


def test_neptune_is_described_as_shut_down_with_primary_sources():
    registry = all_facts(ROOT)
    research = page("research-experiments.md")
    assert "check that its service still runs" not in research
    assert "[[fact:neptune-shutdown]]" in research
    assert registry["neptune-openai"].source.startswith("https://openai.com/")
    assert registry["neptune-shutdown"].source.startswith("https://docs.neptune.ai/")
    assert not re.search(r"@\w+@[^]]*\]\(https?://(www\.)?neptune\.ai", all_pages())


def test_cuda_hand_install_is_blamed_on_tensorflow_not_pytorch():
    hardware = page("hardware-and-os.md")
    assert not re.search(r"cuDNN by hand before `pip install torch`", hardware)
    assert "cuDNN by hand before `pip install tensorflow`" in hardware


def test_kaggle_quota_is_not_called_published():
    hardware = page("hardware-and-os.md")
    assert "Kaggle publishes its quota" not in hardware
    assert "floats from week to week" in hardware


def test_stale_registry_sources_are_replaced():
    registry = all_facts(ROOT)
    assert "CUDA 12.8, as of PyTorch 2.9.1" not in registry["pypi-torch-wheels"].says
    assert "tensorflow/issues/76042" not in registry["tfhub-text-keras3"].source
    assert registry["tf-metal-status"].source.startswith("https://pypi.org/project/tensorflow-metal")
    assert "clarus.news" not in Path(ROOT / "docs" / "facts.yml").read_text(encoding="utf-8")
