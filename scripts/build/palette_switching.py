"""Material's "no transitions during a palette switch" rule stops slowing page loads.

Material's palette CSS turns transitions off with `[data-md-color-switching] *`, and its
bundle sets and clears that attribute on <body> at every page load, even when the colours do
not change. A selector that matches every element makes the browser restyle the whole page
each time: two full style recalculations, ~100 ms of blocking time on a throttled phone.
This step renames the attribute in the built palette CSS; `assets/main.html` sets the renamed
one only when a reader really switches the palette, so the rule still does its job then.
"""

from __future__ import annotations

from pathlib import Path

from scripts.build.adapter.material import PALETTE_CSS, SWITCHING_ATTRIBUTE

MATERIAL_ATTRIBUTE = f"[{SWITCHING_ATTRIBUTE}]"
OUR_ATTRIBUTE = "[data-palette-switching]"


def retarget_switching_rule(css: str) -> str:
    """The palette CSS with Material's switching attribute replaced by ours."""
    if MATERIAL_ATTRIBUTE in css:
        return css.replace(MATERIAL_ATTRIBUTE, OUR_ATTRIBUTE)
    # `mkdocs serve --dirty` keeps the file this hook already rewrote.
    if OUR_ATTRIBUTE in css:
        return css
    raise ValueError(f"no {MATERIAL_ATTRIBUTE} selector found")


def palette_stylesheets(site_dir: Path) -> list[Path]:
    return sorted(site_dir.glob(PALETTE_CSS))


class PaletteError(ValueError):
    """Material changed its palette stylesheet; the message says what to update."""


def retarget_palette(site_dir: Path, palette_configured: bool = True) -> None:
    """Rewrite the built palette CSS so the rule keys to our attribute (when there is a palette)."""
    if not palette_configured:
        return
    sheets = palette_stylesheets(site_dir)
    if not sheets:
        raise PaletteError(
            f"palette_switching: theme.palette is set but the build wrote no {PALETTE_CSS}. "
            "Did Material rename its palette stylesheet? Update PALETTE_CSS in "
            "scripts/build/adapter/material.py."
        )
    for sheet in sheets:
        try:
            sheet.write_text(retarget_switching_rule(sheet.read_text("utf-8")), "utf-8")
        except ValueError as error:
            raise PaletteError(
                f"palette_switching: {sheet}: {error}. Material changed how it pauses "
                "transitions during a palette switch; check its palette CSS and bundle, then "
                "update or remove scripts/build/palette_switching.py and the palette script "
                "in assets/main.html."
            ) from error
