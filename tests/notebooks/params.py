"""Test-mode parameters for every notebook: the tests and scripts/bench_notebooks.py both read them.

Each entry: papermill parameters (small), extra kernel env, and the per-cell timeout in seconds.
"""

TEST_PARAMS = {
    "01-first-neural-network.ipynb": {"parameters": {"EPOCHS": 100, "SEED": 0}, "timeout": 120},
    "02-pytorch-and-keras.ipynb": {
        "parameters": {"EPOCHS": 40, "N_SAMPLES": 500, "SEED": 0},
        "timeout": 240,
    },
    # 03-05 read stand-in data: standins.prepare_env(name, tmpdir) gives their env.
    "03-image-classification.ipynb": {
        "parameters": {"EPOCHS": 2, "N_TRAIN": 512, "BATCH_SIZE": 64, "SEED": 0},
        "timeout": 120,
    },
    "04-text-classification.ipynb": {
        "parameters": {"NUM_WORDS": 200, "MAX_LEN": 80, "EMBED_DIM": 16, "EPOCHS": 6,
                       "BATCH_SIZE": 16, "N_TRAIN": 300, "SEED": 0},
        "timeout": 120,
    },
    "05-weather-forecasting.ipynb": {
        "parameters": {"WINDOW_HOURS": 24, "HORIZON_HOURS": 6, "STRIDE_HOURS": 2,
                       "LSTM_UNITS": 8, "EPOCHS": 3, "BATCH_SIZE": 32, "SEED": 0},
        "timeout": 120,
    },
}
