"""`mkdocs serve` as an author uses it: an edited notebook shows up without a restart."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from support import free_port

from scripts.build.local_site import mkdocs_serve

pytestmark = pytest.mark.sweep  # a server, a full build and a rebuild: about 15 s


def test_an_edited_notebook_is_rebuilt_and_served(project_copy: Path):
    notebook = project_copy / "notebooks" / "01-first-neural-network.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    with mkdocs_serve(project_copy, "--dev-addr", f"127.0.0.1:{free_port()}") as log:
        base = log.wait_for(r"Serving on (http://\S+)", 180).group(1)  # the watcher runs
        data["cells"][1]["source"] = ["A sentence an author just added.\n"]
        notebook.write_text(json.dumps(data), encoding="utf-8")
        log.wait_for("Documentation built in", 90)  # one notebook converted again: seconds
        page = urllib.request.urlopen(f"{base}notebooks/01-first-neural-network/").read()
    assert b"A sentence an author just added." in page
    assert b"jp-OutputArea" in page, "the page shows its search view, not its cells"
