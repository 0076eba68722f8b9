"""make colab-refresh: backend-info's lists, served on 127.0.0.1, rewrite requirements/colab/."""

from __future__ import annotations

import shutil

import pytest
from probe_server import bases, closed_port_url, probe_server
from support import ROOT

from scripts.build import facts as F
from scripts.notebooks.colab_refresh import main as refresh_main

SHA = "a72407924822ea377410b69f0a290150bcb5c9c2"  # the commit requirements/colab/ copies
NEW_SHA = "0123456789abcdef0123456789abcdef01234567"
COMMIT = "/api.github/repos/googlecolab/backend-info/commits/main"
COLAB = ROOT / "requirements" / "colab"


@pytest.fixture
def project(tmp_path):
    shutil.copytree(COLAB, tmp_path / "requirements" / "colab")
    return tmp_path


def serve(server, sha: str, freeze: str | None = None, os_info: str | None = None):
    """backend-info at `sha`: the commit API's answer and its two files (ours unless given)."""
    server.json(COMMIT, {"sha": sha, "commit": {"committer": {"date": "2026-11-30T18:04:05Z"}}})
    files = {"pip-freeze.txt": freeze, "os-info.txt": os_info}
    for name, text in files.items():
        body = text if text is not None else (COLAB / name).read_text(encoding="utf-8")
        server.text(f"/raw/googlecolab/backend-info/{sha}/{name}", body)


def refresh(project, server, *args: str, routes=None) -> int:
    argv = list(args)
    for prefix, url in (routes or bases(server)).items():
        argv += ["--base", f"{prefix}={url}"]
    return refresh_main(argv, project)


def test_an_unchanged_colab_changes_no_derived_fact(project, capsys):
    with probe_server() as server:
        serve(server, SHA)
        assert refresh(project, server, "--check") == 0
        assert refresh(project, server) == 0
    assert "unchanged" in capsys.readouterr().out
    source = (project / "requirements/colab/SOURCE.txt").read_text(encoding="utf-8")
    assert f"at commit {SHA} 2026-11-30 18:04:05 +0000" in source
    for name in ("pip-freeze.txt", "os-info.txt"):
        assert (project / "requirements/colab" / name).read_bytes() == (COLAB / name).read_bytes()


def test_a_new_colab_is_reported_then_written_with_its_derived_facts(project, capsys):
    freeze = (COLAB / "pip-freeze.txt").read_text(encoding="utf-8")
    freeze = freeze.replace("torch-2.11.0%2Bcpu-cp313", "torch-2.12.0%2Bcpu-cp313")
    os_info = (COLAB / "os-info.txt").read_text(encoding="utf-8").replace("3.13.15", "3.14.2")
    with probe_server() as server:
        serve(server, NEW_SHA, freeze, os_info)
        assert refresh(project, server, "--check") == 1
        out = capsys.readouterr().out
        assert "colab-python: 3.13 -> 3.14" in out and "colab-torch: 2.11.0 -> 2.12.0" in out
        assert F.colab_facts(project)["colab-torch"].value == "2.11.0"  # --check wrote nothing
        assert refresh(project, server) == 0
    facts = F.colab_facts(project)
    assert (facts["colab-torch"].value, facts["colab-python"].value) == ("2.12.0", "3.14")
    assert facts["colab-torch"].checked.isoformat() == "2026-11-30"
    assert NEW_SHA in (project / "requirements/colab/SOURCE.txt").read_text(encoding="utf-8")


def test_lists_without_the_lines_we_read_write_nothing(project, capsys):
    freeze = "\n".join(line for line in (COLAB / "pip-freeze.txt").read_text("utf-8").splitlines()
                       if not line.startswith("torch "))
    with probe_server() as server:
        serve(server, NEW_SHA, freeze)
        assert refresh(project, server) == 2
    assert "no torch line" in capsys.readouterr().err
    assert (project / "requirements/colab/pip-freeze.txt").read_bytes() == (
        COLAB / "pip-freeze.txt").read_bytes()


def test_an_unreachable_repository_writes_nothing(project, capsys):
    with probe_server() as server:
        serve(server, NEW_SHA)
        del server.answers[f"/raw/googlecolab/backend-info/{NEW_SHA}/os-info.txt"]
        assert refresh(project, server) == 2
        assert "HTTP 404" in capsys.readouterr().err
        routes = bases(server) | {"https://api.github.com": closed_port_url()}
        assert refresh(project, server, routes=routes) == 2
    assert "could not connect" in capsys.readouterr().err
    assert (project / "requirements/colab/SOURCE.txt").read_bytes() == (
        COLAB / "SOURCE.txt").read_bytes()
