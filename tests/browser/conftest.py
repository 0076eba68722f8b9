"""Browser fixtures: a fresh context per test on the suite's Chromium, every request recorded.

Every context fails its test when a request leaves the local test servers (the privacy check) or
when the page logs a console error, unless the test says which errors it expects.
"""

from __future__ import annotations

import pytest
from br_helpers import Recorder, check_recorder, open_context, origin_of

MOBILE = {"width": 360, "height": 740}


@pytest.fixture
def recorder(site_url) -> Recorder:
    return Recorder({origin_of(site_url)})


@pytest.fixture
def make_context(browser, recorder):
    """Factory for extra contexts (dark scheme, phone...); all are checked like `context`."""
    contexts = []

    def make(**options):
        contexts.append(open_context(browser, recorder, **options))
        return contexts[-1]

    yield make
    for ctx in contexts:
        ctx.close()
    check_recorder(recorder)


@pytest.fixture
def context(make_context):
    """A desktop (1280x900, light) context; the test fails on foreign requests or console errors."""
    return make_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def dark_page(make_context):
    """A desktop page whose system preference is dark."""
    return make_context(color_scheme="dark").new_page()


@pytest.fixture
def mobile_page(make_context):
    """A 360x740 touch phone page."""
    phone = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True}
    return make_context(viewport=MOBILE, **phone).new_page()


# ---- The built site's pages -------------------------------------------------------------------


@pytest.fixture(scope="session")
def all_paths(site_pages) -> list[str]:
    """URL paths of every built page ("" for home), 404.html excluded."""
    return [page.url_path for page in site_pages.index_pages()
            if not page.path.startswith(("assets", "search"))]
