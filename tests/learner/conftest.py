"""Fixtures of the learner browser tests: one Chromium per module, a recording page per test."""

from __future__ import annotations

import pytest
from learner_browser import launch_chromium, recording_page


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


@pytest.fixture
def learner(chromium):
    yield from recording_page(chromium)
