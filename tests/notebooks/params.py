"""Test-mode parameters for every notebook: the tests and scripts/bench_notebooks.py both read them.

Each entry: papermill parameters (small), extra kernel env, and the per-cell timeout in seconds.
"""

TEST_PARAMS = {
    "01-first-neural-network.ipynb": {"parameters": {"EPOCHS": 100, "SEED": 0}, "timeout": 120},
    "02-pytorch-and-keras.ipynb": {
        "parameters": {"EPOCHS": 40, "N_SAMPLES": 500, "SEED": 0},
        "timeout": 240,
    },
}
