"""No time-sensitive claim is typed into prose, and the corrected claims stay corrected.

The scan (scripts/build/claims.py) reads docs/*.md and every notebook's Markdown cells outside
fact markers, code, links and URLs. It flags versions, years, "as of" phrases, prices, quotas, OS
releases, GPU models, product-and-major-version names and words such as "latest", "currently" or
"is now". A name or word passes when its sentence uses a fact; anything else needs an entry with
a reason in docs/claims-allowed.yml, and an entry that excuses nothing fails too.
"""

from __future__ import annotations

import json
import re

import pytest
from support import ROOT

from scripts.build import claims as C

DOCS = sorted((ROOT / "docs").glob("*.md"))
ALLOWANCES = C.parse_allowances((ROOT / C.ALLOWANCES).read_text(encoding="utf-8"))
PROJECT_CLAIMS = C.project_claims(ROOT)


def stale_allowances(claims: list[C.Claim], allowances: list[C.Allowance]) -> list[str]:
    """One message per allowance that excuses none of `claims` (only this test checks that)."""
    return [f"{C.ALLOWANCES}:{a.line}: the allowance for {a.snippet!r} in {a.file} excuses no "
            "claim any more; delete it."
            for a in allowances if not any(a.excuses(c) for c in claims)]


def found(text: str, name: str = "x.md") -> list[tuple[str, str, bool]]:
    return [(c.kind, c.text, c.sentence_uses_fact)
            for c in C.text_claims(text, name, lambda index: f"{name}:{index + 1}")]


def test_scan_flags_typed_versions_and_dates_but_not_markers_code_or_links():
    text = ("---\ndescription: PyTorch as of 2026\n---\nNeeds macOS 12.3 or later.\n"
            "Since 2023 it works. Use [[fact:mps-macos-min]] and `torch==2.5`.\n"
            "[Installing TensorFlow 2.10 (2021)](https://x.org/v2.3/): a link title.\n"
            "```bash\npip install torch==2.5.1\n```\nAdam (2014) is history.\n"
            "The learning rate 0.03 and 91.0 % accuracy are not versions.\n")
    claims = C.text_claims(text, "x.md", lambda index: f"x.md:{index + 1}")
    where = {(c.where, c.text) for c in claims}
    assert ("x.md:2", "as of") in where and ("x.md:2", "2026") in where
    assert ("x.md:4", "macOS 12.3") in where
    assert ("x.md:5", "Since 2023") in where
    texts = " ".join(c.text for c in claims)
    assert "2.5" not in texts and "2.10" not in texts and "v2.3" not in texts
    assert "0.03" not in texts and "91.0" not in texts
    assert ("x.md:10", "2014") in where  # a paper year needs an allowance with its reason
    assert ("v", "12.3 or later") in {("v", c.text) for c in C.text_claims(
        "Needs 12.3 or later.", "x.md", str)}


@pytest.mark.parametrize(("sentence", "kind", "claim"), [
    ("Use the latest release.", "time word", "latest"),
    ("It currently runs on Linux.", "time word", "currently"),
    ("pip is now the official route.", "time word", "is now"),
    ("The free tier allows one project.", "plan", "free tier"),
    ("It costs $9 for a month of use.", "price", "$9"),
    ("You get 30 hours a week of GPU time.", "quota", "30 hours a week"),
    ("Update to macOS Sequoia first.", "OS release", "Sequoia"),
    ("Choose the T4 GPU in the menu.", "GPU model", "T4"),
    ("An RTX 4090 has more memory.", "GPU model", "RTX 4090"),
    ("Windows 11 opens PowerShell.", "product and major version", "Windows 11"),
])
def test_scan_flags_each_kind_of_claim(sentence, kind, claim):
    assert (kind, claim, False) in found(sentence)


@pytest.mark.parametrize("sentence", [
    "Now run the cell and look at the loss.",
    "It will be as warm as it is now.",
    "Set the learning rate to 0.3 and the dropout to 0.5.",
    "The file is about 1.6 MB.",
    "Train for 10 epochs on 60,000 images.",
])
def test_scan_leaves_ordinary_prose_alone(sentence):
    assert found(sentence) == []


def test_a_fact_in_the_sentence_excuses_a_name_or_word_but_never_a_typed_value():
    text = ("Windows 10 ended on [[fact:windows10-end]], so use Windows 11. It is currently\n"
            "the default. PyTorch 2.15 needs [[fact:mps-macos-min]].\n")
    assert sorted(found(text)) == [("product and major version", "Windows 10", True),
                                   ("product and major version", "Windows 11", True),
                                   ("time word", "currently", False),
                                   ("version", "PyTorch 2.15", False)]


def test_notebooks_are_scanned_in_their_markdown_cells_only(tmp_path):
    notebook = {"cells": [
        {"cell_type": "markdown", "id": "nb-01", "source": ["# Title\n", "Choose **T4 GPU**.\n"]},
        {"cell_type": "code", "id": "nb-02", "source": "print('latest 2.1.0 on T4')"},
        {"cell_type": "markdown", "source": "Currently fine."},
    ]}
    path = tmp_path / "09-demo.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    claims = C.notebook_claims(path)
    assert [(c.where, c.text) for c in claims] == [
        ("notebooks/09-demo.ipynb, cell nb-01, line 2", "T4"),
        ("notebooks/09-demo.ipynb, cell #3, line 1", "Currently")]


def test_an_unexcused_claim_names_the_place_and_says_what_to_do():
    claims = C.text_claims("Use the latest PyTorch.\n", "x.md", lambda i: f"docs/x.md:{i + 1}")
    [message] = C.unexcused(claims, [])
    assert message.startswith("docs/x.md:1: time word 'latest' typed into prose")
    assert "docs/facts.yml" in message and "[[fact:id]]" in message
    assert "docs/claims-allowed.yml" in message
    allowance = C.Allowance("x.md", "latest PyTorch", "a test", 3)
    assert C.unexcused(claims, [allowance]) == []
    assert C.unexcused(claims, [C.Allowance("y.md", "latest PyTorch", "a test", 3)])


def test_a_stale_allowance_is_reported_with_its_line():
    claims = C.text_claims("Use the latest PyTorch.\n", "x.md", lambda i: f"x.md:{i + 1}")
    stale = C.Allowance("x.md", "Octoverse 2025 report", "gone", 7)
    assert stale_allowances(claims, [stale]) == [
        "docs/claims-allowed.yml:7: the allowance for 'Octoverse 2025 report' in x.md excuses "
        "no claim any more; delete it."]


@pytest.mark.parametrize(("text", "line", "needle"), [
    ("- file: x.md\n  snippet: latest\n", 1, "missing: reason"),
    ("- file: x.md\n  snippet: latest\n  reason: ok\n- file: y.md\n  snipet: a\n  reason: b\n",
     4, "unknown: snipet"),
    ("file: x.md\n", 1, "YAML list"),
    ("- file: [x\n", 2, "not valid YAML"),
])
def test_a_malformed_allowance_file_names_the_line(text, line, needle):
    with pytest.raises(C.ClaimsError, match=rf"claims-allowed\.yml:{line}: .*{needle}"):
        C.parse_allowances(text)


def test_no_time_sensitive_claim_outside_the_fact_registry():
    problems = C.unexcused(PROJECT_CLAIMS, ALLOWANCES)
    assert not problems, "time-sensitive claims typed into prose:\n" + "\n".join(problems)


def test_every_allowance_still_excuses_a_claim_and_gives_a_reason():
    # A stale allowance would quietly excuse the next claim that happens to match it.
    assert stale_allowances(PROJECT_CLAIMS, ALLOWANCES) == []
    assert all(len(a.reason.split()) >= 3 for a in ALLOWANCES)


def test_the_claims_issue_21_listed_use_facts_or_timeless_wording():
    python, courses = page("python.md"), page("online-courses.md")
    assert "Octoverse 2025 report" not in python and "traffic data from 2017" not in python
    assert "no official GPU build for macOS" not in page("hardware-and-os.md")
    assert "[[fact:tf-macos-gpu]]" in page("hardware-and-os.md")
    assert "free tier" not in page("research-experiments.md")
    assert page("research-experiments.md").count("[[fact:wandb-academic-free]]") == 2
    assert "nine lessons" not in courses and "[[fact:fastai-course-format]]" in courses
    assert "refreshed yearly" not in courses
    assert "[[fact:windows11-terminal-default]]" in page("command-line.md")
    # "choose T4 GPU" became "choose a GPU" (issue 22): no notebook names a GPU model.
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert "T4 GPU" not in notebook.read_text(encoding="utf-8"), notebook.name


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
