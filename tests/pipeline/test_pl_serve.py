"""`mkdocs serve` as an author uses it: an edited notebook shows up without a restart."""

from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.sweep  # a server, a full build and a rebuild: about 20 s

BUILT = re.compile(r"Documentation built in")
SERVING = re.compile(r"Serving on (http://\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def next_line(log: queue.Queue, pattern: re.Pattern, timeout: float = 180) -> re.Match:
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = log.get(timeout=left)
        except queue.Empty:
            break
        if match := pattern.search(line):
            return match
    pytest.fail(f"mkdocs serve printed no {pattern.pattern!r} within {timeout} s")


def test_an_edited_notebook_is_rebuilt_and_served(project_copy: Path):
    notebook = project_copy / "notebooks" / "01-first-neural-network.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project_copy, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [log.put(line) for line in server.stderr],
                              daemon=True)
    reader.start()
    try:
        base = next_line(log, SERVING).group(1)  # printed once the watcher is running
        data["cells"][1]["source"] = ["A sentence an author just added.\n"]
        notebook.write_text(json.dumps(data), encoding="utf-8")
        next_line(log, BUILT, timeout=90)  # one notebook converted again: a few seconds
        page = urllib.request.urlopen(f"{base}notebooks/01-first-neural-network/").read()
        assert b"A sentence an author just added." in page
        assert b"jp-OutputArea" in page, "the page shows its search view, not its cells"
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=30)  # the log ends with the process; then its pipe can close
        server.stderr.close()
