"""Fixtures of the learner browser tests: a recording page per test on the suite's Chromium."""

from __future__ import annotations

import pytest
from learner_browser import recording_page
from reported_build import build_with_reports


@pytest.fixture
def learner(browser):
    yield from recording_page(browser)


@pytest.fixture(scope="session")
def reported_build(tmp_path_factory, built_site):
    """(site folder, (fresh, stale, missing) notebook stems) of a copy built with both reports.

    After the suite's own build (built_site), whose caches the copy takes.
    """
    return build_with_reports(tmp_path_factory.mktemp("reported"))
