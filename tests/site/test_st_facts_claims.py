"""No time-sensitive claim is typed into a page, and the corrected claims stay corrected.

The scan looks at docs/*.md outside fact markers, code blocks, inline code, link titles and
link targets. It flags version-like numbers (2.16, 12.3), product-and-version pairs (macOS 14,
PyTorch 2), years, and "as of" / "since <year>" phrases. A flagged claim belongs in
docs/facts.yml; stable history goes in ALLOWED below, with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pipeline.facts import MARKER
from support import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))

VERSION = re.compile(r"(?<![\w.])v?\d+\.(?:\d+|x)(?:\.\d+)*(?![\w.]*\d)")
PRODUCT = re.compile(
    r"\b(?:Python|PyTorch|TensorFlow|TF|Keras|macOS|Windows|Ubuntu|CUDA|cuDNN|NumPy|JAX|"
    r"Notebook|JupyterLab|Colab)\s+\d+(?:\.\d+)*\b")
YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
AS_OF = re.compile(r"\bas of\b|\bsince\s+(?:\w+\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
PATTERNS = (VERSION, PRODUCT, YEAR, AS_OF)

# (file, regex matched against the line): stable history, names and numbers that do not age.
ALLOWED: list[tuple[str, str, str]] = [
    ("*", r"Keras [23]\b", "product names: Keras 3 is the name of the current API"),
    ("*", r"TensorFlow 1\b", "product name of the TF1 era, as history"),
    ("*", r"Windows 1[01]\b", "product names; the end of support is a fact"),
    ("*", r"\b2021 (guide|version|Colab|tutorial|link|blog|'TensorFlow)", "the seed guide's year"),
    ("*", r"\bin 2021\b|written in 2021|date from 2021|from 2021", "the seed guide's year"),
    ("*", r"Octoverse 202[45]", "report names"),
    ("*", r"data from 2017|data end in 2017|2017 post|2017;", "the Stack Overflow study's date"),
    ("*", r"\(2014\)|\(2012\)|\(2015\)|\(2018\)|\(2020\)|\(2022\)|\(2005\)",
     "publication years of papers, books and posts"),
    ("research-experiments.md", r"9[01]\.\d|0\.\d", "example accuracies and spreads"),
    ("research-experiments.md", r"Bergstra and Bengio \(2012\)", "paper year"),
    ("math-background.md", r"Cambridge University Press, 2022", "publication year"),
    ("online-courses.md", r"recorded in 2020", "a hypothetical course in a question"),
    ("contact.md", r"updated it for 2026", "when the rewrite happened"),
    ("python.md", r"Octoverse 2025 report", "report name"),
    ("python.md", r"team's 2024 announcement", "date of a past announcement"),
    ("hardware-and-os.md", r"2021 TensorFlow tutorial tells you to install CUDA 11",
     "a question about an old tutorial"),
    ("neural-network-basics.md", r"learning rate 0\.\d+|0\.\d+", "a Playground learning rate"),
    ("training-neural-nets.md", r"learning rate 0\.01|0\.01|1\.0", "a learning rate and a loss"),
    ("python.md", r"NumPy 2\.4|2\.4", "a made-up version in a question about environments"),
]

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
URL = re.compile(r"https?://\S+")


def prose_lines(text: str):
    """(line number, prose) outside code blocks, with markers, code and links removed."""
    in_fence = False
    front = text.startswith("---\n")
    for number, line in enumerate(text.splitlines(), start=1):
        if front:
            if number > 1 and line.strip() == "---":
                front = False
            if not line.startswith("description:"):
                continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = MARKER.sub(" ", line)
        line = INLINE_CODE.sub(" ", line)
        line = LINK.sub(" ", line)
        yield number, URL.sub(" ", line)


def allows(entry: tuple[str, str, str], name: str, line: str, claim: str) -> bool:
    file, pattern, _reason = entry
    return file in ("*", name) and any(
        claim in match.group(0) or match.group(0) in claim for match in re.finditer(pattern, line))


def allowed(name: str, line: str, claim: str) -> bool:
    return any(allows(entry, name, line, claim) for entry in ALLOWED)


def every_claim(name: str, text: str) -> list[tuple[int, str, str]]:
    """(line number, line, claim) for every match, allowed or not."""
    return [(number, line, match.group(0)) for number, line in prose_lines(text)
            for pattern in PATTERNS for match in pattern.finditer(line)]


def find_claims(name: str, text: str) -> list[str]:
    return [f"{name}:{number}: {claim!r} in: {line.strip()[:90]}"
            for number, line, claim in every_claim(name, text) if not allowed(name, line, claim)]


def test_scan_flags_typed_versions_and_dates_but_not_markers_code_or_links():
    text = ("---\ndescription: PyTorch as of 2026\n---\nNeeds macOS 12.3 or later.\n"
            "Since 2023 it works. Use [[fact:mps-macos-min]] and `torch==2.5`.\n"
            "[Installing TensorFlow 2.10 (2021)](https://x.org/v2.3/): a link title.\n"
            "```bash\npip install torch==2.5.1\n```\nAdam (2014) is history.\n")
    claims = find_claims("x.md", text)
    assert any("'as of'" in c and c.startswith("x.md:2:") for c in claims)
    assert any("'12.3'" in c for c in claims) and any("'macOS 12.3'" in c for c in claims)
    assert any("'Since 2023'" in c for c in claims)
    assert not any("2.5" in c or "2.10" in c or "v2.3" in c or "2014" in c for c in claims)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_no_typed_version_or_date_claims_outside_the_fact_registry(path: Path):
    claims = find_claims(path.name, path.read_text(encoding="utf-8"))
    assert not claims, (
        "time-sensitive claims typed into the page; move them to docs/facts.yml and use "
        "[[fact:id]], or add stable history to ALLOWED in this test:\n  " + "\n  ".join(claims))


@pytest.mark.parametrize("entry", ALLOWED, ids=lambda entry: f"{entry[0]}:{entry[1][:30]}")
def test_every_allowance_still_excuses_a_claim(entry):
    # A stale allowance would quietly excuse the next claim that happens to match it.
    used = [(path.name, claim) for path in DOCS
            for _, line, claim in every_claim(path.name, path.read_text(encoding="utf-8"))
            if allows(entry, path.name, line, claim)]
    assert used, f"ALLOWED entry {entry} matches no claim in docs/; remove it"


# --- Each corrected claim stays corrected ------------------------------------------------------

def page(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def all_pages() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in DOCS)


def registry() -> str:
    return (ROOT / "docs" / "facts.yml").read_text(encoding="utf-8")


def test_mps_minimum_is_not_12_3_and_is_tied_to_the_pytorch_version():
    text = all_pages()
    assert not re.search(r"(MPS|mps|macOS)[^\n]{0,80}12\.3|12\.3[^\n]{0,80}(MPS|mps|macOS)", text)
    assert "[[fact:mps-macos-min]]" in page("hardware-and-os.md")
    assert "Current PyTorch needs [[fact:mps-macos-min]]" not in text
    assert re.search(r"value: macOS 15 or newer", registry())


def test_pypi_wheels_are_cpu_only_on_windows_and_macos():
    text = all_pages()
    assert not re.search(r"Linux and Windows ship with the\s+CUDA runtime", text)
    assert not re.search(r"pip wheels bundle the CUDA runtime", text)
    assert "pip install numpy matplotlib torch" not in text
    assert re.search(r"value: CPU-only on Windows and macOS, with CUDA on Linux", registry())
    python = page("python.md")
    windows_tab = python.split('=== "Windows, NVIDIA"')[1].split("===")[0]
    cuda_index = 'url = "https://download.pytorch.org/whl/[[fact:torch-cuda-index]]"'
    assert cuda_index in windows_tab and "explicit = true" in windows_tab
    linux_cpu_tab = python.split('=== "Linux, no GPU"')[1].split("===")[0]
    assert "https://download.pytorch.org/whl/cpu" in linux_cpu_tab


def test_every_install_tab_ends_with_the_two_gpu_checks_and_what_to_do_on_false():
    python = page("python.md")
    tabs = re.split(r'^=== "', python.split("### Older NVIDIA GPUs")[0], flags=re.MULTILINE)[1:]
    names = [t.split('"', 1)[0] for t in tabs]
    assert names == ["Linux, NVIDIA", "Linux, no GPU", "Windows, NVIDIA",
                     "Windows, no GPU", "Mac, Apple silicon"]
    for name, tab in zip(names, tabs, strict=True):
        assert "torch.cuda.is_available()" in tab, name
        # An NVIDIA tab runs a real CUDA operation: is_available() is True on cards it can't use.
        second_check = ("torch.ones(1, device='cuda') + 1" if "NVIDIA" in name
                        else "torch.backends.mps.is_available()")
        assert second_check in tab, name
        assert "`False`" in tab, f"tab {name} does not say what False means"
    assert '??? note "If your lab uses conda"' in python
    assert "[[fact:colab-python]]" in python and "py -m venv" in registry()
    assert "[[fact:windows-py-launcher]]" in python


def test_tensorflow_metal_no_longer_fills_the_gap():
    text = all_pages()
    assert "fills that gap" not in text
    assert "[[fact:tf-metal-status]]" in page("hardware-and-os.md")


def test_tf_hub_text_colab_is_history_only():
    line = next(x for x in page("2021-links.md").splitlines()
                if "tf2_text_classification" in x)
    assert "history only" in line and "[[fact:tfhub-text-keras3]]" in line
    assert "the old link no longer loads" not in line


def test_octoverse_2025_replaces_2024_as_current():
    python = page("python.md")
    assert "most used language on GitHub in 2024" not in python
    assert "[[fact:octoverse-2025]]" in python


def test_tabular_data_names_the_strong_baselines():
    training = page("training-neural-nets.md")
    assert "Fully connected layers suit tables of features;" not in training
    assert "[[fact:tabular-baseline]]" in training and "linear model" in training


def test_time_estimates_come_from_notebook_metadata_or_are_dropped():
    assert "About an hour." not in page("index.md").split("## Try it before you read")[1]
    assert "runs unchanged in about ten minutes" not in page("training-neural-nets.md")


def test_smaller_corrections_stay():
    text = all_pages()
    assert "does thousands of them in parallel" not in text
    assert "multiply-adds" in page("hardware-and-os.md")
    assert "Frameworks use them by default" not in text
    assert "[[fact:nn-linear-init]]" in page("training-neural-nets.md")
    assert "[[fact:keras3-backends]]" in page("deep-learning-frameworks.md")
    assert "OpenVINO" in registry()
    assert "[[fact:kaggle-gpu-quota]]" in page("hardware-and-os.md")
    assert "closed its service on 5 March 2026" not in text
