"""Figures in real Chromium: drawn on every section page, in the light and the dark palette.

A figure is an <img> of an SVG whose colors switch with `prefers-color-scheme`; Chromium gives
an SVG image the color scheme of the element that shows it, and Material's slate palette sets
`color-scheme: dark`. So the figure must follow the header toggle, not only the system setting.
The check reads pixels: the palette's blue (--c1, in every figure) and main ink (--fg) must show
in the variant that belongs to the page's scheme, and hardly at all in the other one.
"""

from __future__ import annotations

import io

import pytest
from br_helpers import color_scheme, section_slugs, switch_to_dark
from PIL import Image
from support import sample_then_sweep

from scripts.figures.common import PALETTE

pytestmark = pytest.mark.browser

FIGURE = 'article.md-content__inner img[src*="images/figures/"]'
NEAR = 40  # max. Euclidean RGB distance that counts as "this color"
MIN_PIXELS = 10  # the smallest figure shows 34 px of blue at 1280 px wide


def rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))


def count_near(image: Image.Image, hex_color: str) -> int:
    target = rgb(hex_color)
    return sum(
        count
        for count, pixel in image.getcolors(maxcolors=1 << 20)
        if sum((a - b) ** 2 for a, b in zip(pixel, target, strict=True)) <= NEAR**2
    )


def figure_shots(page) -> list[tuple[str, Image.Image]]:
    shots = []
    images = page.locator(FIGURE)
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        assert image.evaluate("img => img.naturalWidth") > 0, "the figure did not load"
        png = image.screenshot()
        shots.append((image.get_attribute("src"), Image.open(io.BytesIO(png)).convert("RGB")))
    return shots


def check_palette(shots, scheme: str) -> list[str]:
    """Problems with figures that do not use the palette of `scheme` ("light" or "dark")."""
    own, other = (0, 1) if scheme == "light" else (1, 0)
    problems = []
    for src, image in shots:
        blue_own = count_near(image, PALETTE["c1"][own])
        blue_other = count_near(image, PALETTE["c1"][other])
        # Anti-aliased edges blend toward the other variant; the own one must still dominate.
        if blue_own < MIN_PIXELS or 2 * blue_other > blue_own:
            problems.append(f"{src}: {blue_own} px of {scheme} blue, {blue_other} of the other")
        if scheme == "dark" and count_near(image, PALETTE["fg"][1]) < MIN_PIXELS:
            problems.append(f"{src}: no light ink on the dark page (text drawn dark on dark?)")
    return problems


@pytest.mark.parametrize("slug", sample_then_sweep(section_slugs()))
def test_figures_follow_the_light_and_the_dark_palette(page, site_url, slug):
    page.goto(f"{site_url}{slug}/")
    assert color_scheme(page) == "default"
    light = figure_shots(page)
    assert light, f"{slug}: no figure on the page"
    problems = check_palette(light, "light")
    switch_to_dark(page)  # the header toggle, while the system stays light
    problems += check_palette(figure_shots(page), "dark")
    assert not problems, "\n".join(problems)


def test_figures_follow_a_dark_system_preference(dark_page, site_url):
    dark_page.goto(f"{site_url}training-neural-nets/")
    assert color_scheme(dark_page) == "slate"
    shots = figure_shots(dark_page)
    assert len(shots) >= 2
    assert not check_palette(shots, "dark")


@pytest.mark.sweep  # guards the checker itself; CI runs it (make test-sweep)
def test_the_check_catches_a_figure_left_in_light_colors(page, site_url):
    """The light rendering, judged as if it were on the dark page, must fail the check."""
    page.goto(f"{site_url}neural-network-basics/")
    shots = figure_shots(page)
    assert check_palette(shots, "dark")
