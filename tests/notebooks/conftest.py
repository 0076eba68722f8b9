"""Notebook-test fixtures: mark a notebook's recorded run as failed when its assertions fail."""

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
