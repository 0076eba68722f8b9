"""The kernel guard: downloads fail at once and loudly; only recorded stand-ins pass a hash."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from kernel_guard import read_log
from standins import prepare_env

pytestmark = pytest.mark.notebook
HERE = Path(__file__).resolve().parent


def run_guarded(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run code in a fresh Python with the guard installed, as the startup file does."""
    prelude = f"import sys; sys.path.insert(0, {str(HERE)!r}); import kernel_guard\n"
    prelude += "kernel_guard.install_from_env()\n"
    full_env = {**os.environ, "KERAS_BACKEND": "torch", **env}
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)],
                          env=full_env, capture_output=True, text=True, timeout=120)


def test_network_access_fails_at_once_and_is_logged(tmp_path):
    env = prepare_env("05-weather-forecasting.ipynb", tmp_path)
    result = run_guarded("""
        import socket, time, urllib.request
        started = time.monotonic()
        for attempt in (lambda: urllib.request.urlopen("https://example.org/", timeout=30),
                        lambda: socket.create_connection(("192.0.2.1", 80), timeout=30)):
            try:
                attempt()
            except OSError as error:
                print("refused:", error)
        print("seconds", time.monotonic() - started)
        """, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("network access is blocked in notebook tests") == 2
    # Refused at once: a DNS wait or a connect attempt would take a 30 s timeout (or more).
    assert float(result.stdout.split("seconds")[1]) < 25
    blocked = [e["host"] for e in read_log(env) if e["event"] == "network-blocked"]
    assert blocked == ["example.org", "192.0.2.1"]


def test_only_an_unchanged_recorded_standin_passes_the_imdb_hash_check(tmp_path):
    env = prepare_env("04-text-classification.ipynb", tmp_path)
    word_index = Path(env["KERAS_HOME"]) / "datasets" / "imdb_word_index.json"
    result = run_guarded(f"""
        import keras
        (x_train, _), _ = keras.datasets.imdb.load_data(num_words=100)
        print("loaded", len(x_train))
        with open({str(word_index)!r}, "a") as handle:
            handle.write(" ")  # now it is neither the real file nor the recorded stand-in
        keras.datasets.imdb.get_word_index()
        """, env)
    assert "loaded 400" in result.stdout, result.stderr
    assert result.returncode != 0
    assert "network access is blocked in notebook tests" in result.stderr
    events = [(e["event"], Path(e.get("path", "")).name) for e in read_log(env)]
    assert ("hash-accepted", "imdb.npz") in events
    assert ("hash-rejected", "imdb_word_index.json") in events
    assert ("network-blocked", "") in events
