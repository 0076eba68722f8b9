"""One build of the site per test run, shared by every pytest-xdist worker.

The site is built with its server's URL as site_url (instant navigation needs it), so the
server must outlive every worker: under xdist the controller serves an empty folder and tells
the workers its URL through an environment variable set before they start. The first worker
that needs the site builds it while holding a file lock; the others wait on the lock and read
the build's status. Without xdist, tests/conftest.py serves and builds in-process.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path

from support import ROOT, run_mkdocs_build

from scripts.build.local_site import serve

ENV = "GSNN_SHARED_SITE"  # "<base url> <site folder>", set by the xdist controller
STATUS = "build-status.txt"  # next to the site folder: "ok", or "failed" and MkDocs' output


def is_xdist_controller(config) -> bool:
    """True in the process that hands tests to xdist workers (not in a worker, not without -n)."""
    workers = getattr(config.option, "numprocesses", None)
    return bool(workers) and not os.environ.get("PYTEST_XDIST_WORKER")


class SharedServer:
    """The controller's server over a folder that the first worker to need it builds into."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="gsnn-site-"))
        site_dir = self.folder / "site"
        site_dir.mkdir()
        self.stack = ExitStack()
        base_url = self.stack.enter_context(serve(site_dir))
        os.environ[ENV] = f"{base_url} {site_dir}"

    def stop(self) -> None:
        self.stack.close()
        os.environ.pop(ENV, None)
        shutil.rmtree(self.folder, ignore_errors=True)


def shared_server() -> tuple[str, Path] | None:
    """(base URL, site folder) when this worker's controller serves the site, else None."""
    value = os.environ.get(ENV)
    if not value:
        return None
    base_url, folder = value.split(" ", 1)
    return base_url, Path(folder)


def build_once(base_url: str, site_dir: Path) -> str:
    """Build the shared site unless another worker has: "ok", or "failed" and why."""
    status = site_dir.parent / STATUS
    with open(site_dir.parent / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not status.exists():
            result = run_mkdocs_build(ROOT, site_dir, site_url=base_url)
            ok = result.returncode == 0
            status.write_text("ok" if ok else f"failed\n{result.stderr[-4000:]}", "utf-8")
        return status.read_text(encoding="utf-8")
