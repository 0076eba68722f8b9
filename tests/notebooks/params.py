"""Test-mode parameters for every notebook: the tests and scripts/bench_notebooks.py both read them.

Each entry: papermill parameters (small), extra kernel env, and the per-cell timeout in seconds.
"""

TEST_PARAMS = {
    "01-first-neural-network.ipynb": {"parameters": {"EPOCHS": 100, "SEED": 0}, "timeout": 120},
    "02-pytorch-and-keras.ipynb": {
        "parameters": {"EPOCHS": 40, "N_SAMPLES": 500, "SEED": 0},
        "timeout": 240,
    },
    "06-training-tricks.ipynb": {
        "parameters": {
            "EPOCHS": 6, "OVERFIT_EPOCHS": 12, "PATIENCE": 2, "DEEP_LAYERS": 4, "SEED": 0,
        },
        "timeout": 120,
    },
    "07-research-experiments.ipynb": {
        "parameters": {"N_SEEDS": 3, "EPOCHS": 6, "N_TRIALS": 4, "TRIAL_EPOCHS": 3, "SEED": 0},
        "timeout": 120,
    },
    "08-data-analysis.ipynb": {
        "parameters": {"EPOCHS": 10, "IMAGE_SIZE": 32, "N_AUGMENT": 2, "SEED": 0},
        "timeout": 120,
    },
}
