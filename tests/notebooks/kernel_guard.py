"""Guards installed inside a notebook test kernel through an IPython startup file.

`kernel_env()` (harness side) writes a temp IPYTHONDIR whose profile_default/startup file
imports this module and calls `install_from_env()` in the kernel, before any notebook cell:

1. No network. Any HTTP(S) connection, and resolving or connecting to any non-loopback
   host, raises `NetworkBlocked` at once, naming the host, so a missing stand-in fails loudly
   instead of hanging on DNS (the harness's dead proxy alone would fail quietly, unlogged).
2. Stand-in hashes. `keras.utils.get_file` checks cached files against a fixed hash
   (imdb.npz, imdb_word_index.json) and re-downloads a mismatch. Right after Keras imports
   `keras.src.utils.file_utils`, we wrap its `validate_file` so that it also accepts a file
   whose sha256 equals the one recorded when the stand-in was written. Keras' loaders and
   the notebooks stay unchanged; any other file is still checked against its real hash.

Every action is appended as a JSON line to the log named by NB_GUARD_LOG, so tests can assert
that the guard ran, which stand-ins were accepted and that nothing tried the network.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import importlib.abc
import json
import os
import socket
import sys
from pathlib import Path

ENV_HASHES = "NB_STANDIN_HASHES"  # JSON file: {absolute path: sha256}
ENV_LOG = "NB_GUARD_LOG"  # JSON-lines file the guard appends to
PATCHED_MODULE = "keras.src.utils.file_utils"
LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "", None}

STARTUP_SOURCE = """\
def _install_nb_guard():
    import sys
    sys.path.insert(0, {folder!r})
    try:
        import kernel_guard
    finally:
        sys.path.remove({folder!r})
    kernel_guard.install_from_env()


_install_nb_guard()
del _install_nb_guard
"""


class NetworkBlocked(OSError):
    """Raised instead of any real network access from a notebook test kernel."""


# --- harness side --------------------------------------------------------------------------


def kernel_env(workdir: Path, accepted_hashes: dict[str, str]) -> dict[str, str]:
    """Write the startup file and hash list under workdir; return the kernel's extra env."""
    startup = workdir / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    source = STARTUP_SOURCE.format(folder=str(Path(__file__).resolve().parent))
    (startup / "00-notebook-test-guard.py").write_text(source)
    hashes = workdir / "standin-hashes.json"
    hashes.write_text(json.dumps(accepted_hashes, indent=1))
    log = workdir / "guard-log.jsonl"
    log.write_text("")
    return {"IPYTHONDIR": str(workdir / "ipython"), ENV_HASHES: str(hashes), ENV_LOG: str(log)}


def accepted_hashes(env: dict[str, str]) -> dict[str, str]:
    return json.loads(Path(env[ENV_HASHES]).read_text())


def read_log(env: dict[str, str]) -> list[dict]:
    lines = Path(env[ENV_LOG]).read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --- kernel side ---------------------------------------------------------------------------


def _log(event: str, **details) -> None:
    with open(os.environ[ENV_LOG], "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"event": event, **details}) + "\n")


def _is_loopback(host) -> bool:
    host = host.decode() if isinstance(host, bytes) else host
    return host in LOOPBACK or str(host).startswith("127.")


def _refuse(host, port) -> None:
    _log("network-blocked", host=str(host), port=str(port))
    raise NetworkBlocked(errno.ENETUNREACH,
                         f"network access is blocked in notebook tests (tried {host}:{port}); "
                         "write a stand-in file where the loader looks instead")


def block_network() -> None:
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host, port, *args, **kwargs):
        if not _is_loopback(host):
            _refuse(host, port)
        return real_getaddrinfo(host, port, *args, **kwargs)

    def checked(real):
        def connect(self, address):
            if isinstance(address, tuple) and not _is_loopback(address[0]):
                _refuse(address[0], address[1])
            return real(self, address)
        return connect

    def http_connect(self):  # also catches downloads sent through a (local) proxy
        if getattr(self, "_tunnel_host", None):
            _refuse(self._tunnel_host, self._tunnel_port)
        _refuse(self.host, self.port)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = checked(real_connect)
    socket.socket.connect_ex = checked(real_connect_ex)
    http.client.HTTPConnection.connect = http_connect


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def accept_standins(file_utils, accepted: dict[str, str]) -> None:
    """Wrap file_utils.validate_file: a recorded stand-in with unchanged content passes."""
    real_validate = file_utils.validate_file

    def validate_file(fpath, file_hash, algorithm="auto", chunk_size=65535):
        if real_validate(fpath, file_hash, algorithm, chunk_size):
            return True
        recorded = accepted.get(os.path.realpath(fpath))
        if recorded is not None and _sha256(fpath) == recorded:
            _log("hash-accepted", path=os.path.realpath(fpath), expected=file_hash)
            return True
        _log("hash-rejected", path=os.path.realpath(fpath), expected=file_hash)
        return False

    file_utils.validate_file = validate_file


class _PatchAfterExec(importlib.abc.Loader):
    def __init__(self, inner, callback):
        self.inner, self.callback = inner, callback

    def __getattr__(self, name):  # get_source, get_filename, ... stay the real loader's
        return getattr(self.inner, name)

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        self.callback(module)


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs callback(module) right after `name` is first imported; the import is unchanged."""

    def __init__(self, name, callback):
        self.name, self.callback = name, callback

    def find_spec(self, fullname, path, target=None):
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # one-shot, and keeps the search below from finding us
        for finder in sys.meta_path:
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchAfterExec(spec.loader, self.callback)
                return spec
        return None


def install_from_env() -> None:
    block_network()
    accepted = json.loads(Path(os.environ[ENV_HASHES]).read_text())
    if PATCHED_MODULE in sys.modules:
        accept_standins(sys.modules[PATCHED_MODULE], accepted)
    else:
        sys.meta_path.insert(0, _AfterImport(PATCHED_MODULE,
                                             lambda module: accept_standins(module, accepted)))
    _log("installed", pid=os.getpid(), standins=sorted(accepted))
