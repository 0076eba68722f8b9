"""Notebook-test fixtures: a module's notebook run, and a failed assertion marks that run failed.

A test module defines NAME, COLLECT and run_kwargs(tmp_path) (the benchmark reads the same
settings); the fixtures below run its notebook once. A module may define its own `run` instead."""

from __future__ import annotations

import nbharness
import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call"):
        for name in nbharness.runs_started_by(item.path.name):
            nbharness.update_runs_report(name, passed=False)
    return report


@pytest.fixture(scope="module")
def settings(request, tmp_path_factory):
    """The module's test-mode settings (parameters, env, timeout) with a fresh temp folder."""
    module = request.module
    return module.run_kwargs(tmp_path_factory.mktemp(f"nb{module.NAME[:2]}"))


@pytest.fixture(scope="module")
def env(settings):
    return settings["env"]


@pytest.fixture(scope="module")
def run(request, settings):
    return nbharness.run_notebook(request.module.NAME, collect=request.module.COLLECT, **settings)
