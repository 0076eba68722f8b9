"""Notebook 05: Jena temperature forecast, persistence baseline vs LSTM, on a stand-in zip that
keras.utils.get_file finds in its cache."""

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbharness import assert_every_solution_ran, notebook_path
from nblint import MACHINE_PATH, check_no_standin_outputs
from standin_checks import assert_guarded_offline_run, assert_loss_finite_and_down, cell_text
from standins import JENA_CSV_NAME, JENA_GAP_HOURS, JENA_GAP_START, JENA_ZIP, jena_rows, prepare_env

NAME = "05-weather-forecasting.ipynb"
PARAMS = {
    "WINDOW_HOURS": 24, "HORIZON_HOURS": 6, "STRIDE_HOURS": 2, "LSTM_UNITS": 8, "EPOCHS": 3,
    "BATCH_SIZE": 32, "SEED": 0,
}  # fmt: skip
pytestmark = [pytest.mark.notebook, pytest.mark.slow]
COLLECT = ["zip_path", "values", "y_train", "y_test", "baseline_val_mae", "baseline_test_mae"]
COLLECT += ["history", "lstm_test_mae", "FEATURES", "forecast_hours"]
DAYS = 40  # the stand-in's length (standins.write_jena)
HOURS = DAYS * 24


def run_kwargs(tmp_path):
    """Test-mode settings and stand-in data; `make bench-notebooks` times the notebook
    with these too."""
    return {"parameters": PARAMS, "timeout": 120, "env": prepare_env(NAME, tmp_path)}


def split_sizes(hours: int) -> tuple[int, int]:
    return int(0.7 * hours), int(0.15 * hours)


def window_count(hours: int) -> int:
    span = PARAMS["WINDOW_HOURS"] + PARAMS["HORIZON_HOURS"]
    return (hours - span) // PARAMS["STRIDE_HOURS"] + 1


def test_get_file_found_the_standin_zip_in_its_cache(run, env):
    assert Path(run.values["zip_path"]) == Path(env["KERAS_HOME"]) / JENA_ZIP
    printed = cell_text(run.notebook, "load-data")
    assert f"read {JENA_CSV_NAME} from {JENA_ZIP.name} in the Keras download folder" in printed
    assert not MACHINE_PATH.search(printed), "a full run would store this machine's path"
    assert f"{jena_rows(DAYS):,} rows, 15 columns" in printed
    assert_guarded_offline_run(env)


def test_gaps_and_repeats_in_the_record_are_found_and_filled(run):
    printed = cell_text(run.notebook, "hourly")
    assert "(1 repeated timestamps dropped)" in printed
    assert f"{JENA_GAP_HOURS} missing hours" in printed
    assert f"longest gap: {JENA_GAP_HOURS} hours in a row" in printed
    first = np.datetime64("2009-01-01T00:00") + np.timedelta64(JENA_GAP_START + 1, "h")
    assert f"the first missing hour is {str(first).replace('T', ' ')}:00" in printed
    assert f"-> {HOURS:,} hourly rows after filling the gaps" in printed


def test_hourly_rows_are_cleaned(run):
    values = np.array(run.values["values"])
    assert values.shape == (HOURS, len(run.values["FEATURES"]))
    wind = run.values["FEATURES"].index("wv (m/s)")
    assert values[:, wind].min() >= 0  # the stand-in has -9999 readings, like the real file


def test_windows_have_the_right_shape(run):
    n_train, n_val = split_sizes(HOURS)
    n_test = HOURS - n_train - n_val
    printed = cell_text(run.notebook, "windows")
    shape = (window_count(n_train), PARAMS["WINDOW_HOURS"], len(run.values["FEATURES"]))
    assert f"x_train {shape}" in printed
    assert len(run.values["y_train"]) == window_count(n_train)
    assert len(run.values["y_test"]) == window_count(n_test)
    assert "windows and targets line up" in cell_text(run.notebook, "check-windows")


def test_baseline_matches_an_independent_computation(run):
    values = np.array(run.values["values"])
    n_train, n_val = split_sizes(HOURS)
    temperature = values[n_train + n_val :, run.values["FEATURES"].index("T (degC)")]
    last = np.arange(window_count(len(temperature))) * PARAMS["STRIDE_HOURS"]
    last += PARAMS["WINDOW_HOURS"] - 1
    expected = np.mean(np.abs(temperature[last + PARAMS["HORIZON_HOURS"]] - temperature[last]))
    assert run.values["baseline_test_mae"] == pytest.approx(expected, rel=1e-3)
    assert run.values["baseline_val_mae"] > 0


def test_lstm_loss_is_finite_and_goes_down(run):
    assert_loss_finite_and_down(run.values["history"]["loss"], PARAMS["EPOCHS"], early_stop=True)
    assert math.isfinite(run.values["lstm_test_mae"])


def test_forecasts_are_plotted_at_the_hour_of_their_target(run):
    hours = run.values["forecast_hours"]
    first = PARAMS["WINDOW_HOURS"] + PARAMS["HORIZON_HOURS"] - 1
    assert hours[:3] == [first, first + PARAMS["STRIDE_HOURS"], first + 2 * PARAMS["STRIDE_HOURS"]]


def test_outputs_on_standin_data_are_marked_and_the_lint_rejects_them(run):
    assert check_no_standin_outputs(run.notebook)


def test_every_exercise_solution_runs(run):
    assert_every_solution_ran(run)


def test_the_text_speaks_to_readers_not_to_the_notebooks_developers():
    text = "\n".join(c.source for c in nbformat.read(notebook_path(NAME), 4).cells)
    assert "without access to the real file" not in text and "the tests run" not in text
