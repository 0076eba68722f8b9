"""Fixtures of the learner browser tests: a recording page per test on the suite's Chromium."""

from __future__ import annotations

import pytest
from learner_browser import recording_page


@pytest.fixture
def learner(browser):
    yield from recording_page(browser)
