"""Assertions shared by the tests of the download notebooks (03-05), which run on stand-ins."""

from __future__ import annotations

import math
from pathlib import Path

from kernel_guard import accepted_hashes, read_log
from standins import sha256_of


def cell_text(notebook, cell_id: str) -> str:
    """Everything a cell printed (stream outputs and plain-text results), joined."""
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def assert_loss_finite_and_down(losses: list[float], epochs: int, early_stop: bool = False):
    """One finite loss per epoch (fewer allowed with early stopping, but at least 2), and the
    last one lower than the first."""
    if early_stop:
        assert 2 <= len(losses) <= epochs, f"expected 2 to {epochs} epochs of loss: {losses}"
    else:
        assert len(losses) == epochs, f"expected {epochs} epochs of loss, got {losses}"
    assert all(math.isfinite(value) for value in losses), losses
    assert losses[-1] < losses[0], f"the loss did not go down: {losses}"


def assert_guarded_offline_run(env: dict[str, str], accepted: set[str] = frozenset()) -> None:
    """The guard ran in the kernel, nothing tried the network, and every stand-in is still
    there, unchanged (a rejected hash would have made Keras delete and re-download it)."""
    events = read_log(env)
    kinds = [event["event"] for event in events]
    assert kinds.count("installed") == 1, f"the kernel guard did not run once: {events}"
    blocked = [event for event in events if event["event"] == "network-blocked"]
    assert not blocked, f"the notebook tried to reach the network: {blocked}"
    assert "hash-rejected" not in kinds, events
    got = {Path(e["path"]).name for e in events if e["event"] == "hash-accepted"}
    assert got == set(accepted), f"stand-ins accepted by hash: {got}, expected {accepted}"
    for path, digest in accepted_hashes(env).items():
        assert Path(path).is_file(), f"{path} disappeared during the run"
        assert sha256_of(Path(path)) == digest, f"{path} changed during the run"
