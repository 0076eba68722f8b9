"""Material's no-transitions rule for palette switches is keyed to our attribute, not its own."""


import pytest

from scripts.build import palette_switching

MATERIAL_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def test_every_selector_of_the_rule_is_renamed():
    css = palette_switching.retarget_switching_rule("a{color:red}" + MATERIAL_RULE)
    assert "data-md-color-switching" not in css
    assert css.count("[data-palette-switching]") == 3
    assert css.startswith("a{color:red}")


def test_a_stylesheet_already_rewritten_is_kept_as_it_is():
    once = palette_switching.retarget_switching_rule(MATERIAL_RULE)
    assert palette_switching.retarget_switching_rule(once) == once


def test_a_stylesheet_without_the_rule_is_an_error():
    with pytest.raises(ValueError, match=r"no \[data-md-color-switching\]"):
        palette_switching.retarget_switching_rule("a{color:red}")


def post_build(site_dir, palette=True):
    palette_switching.retarget_palette(site_dir, palette)


def test_build_fails_naming_the_file_when_material_drops_the_rule(tmp_path):
    sheet = tmp_path / "assets" / "stylesheets" / "palette.123.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("a{color:red}")
    message = r"palette\.123\.min\.css: no .*palette_switching\.py"
    with pytest.raises(palette_switching.PaletteError, match=message):
        post_build(tmp_path)


def test_build_fails_when_the_palette_stylesheet_is_missing(tmp_path):
    with pytest.raises(palette_switching.PaletteError, match="wrote no assets/stylesheets/palette"):
        post_build(tmp_path)


def test_without_a_palette_the_stylesheet_is_left_alone(tmp_path):
    sheet = tmp_path / "assets" / "stylesheets" / "palette.123.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(MATERIAL_RULE)
    post_build(tmp_path, palette=False)
    assert sheet.read_text() == MATERIAL_RULE
    post_build(tmp_path, palette=True)
    assert sheet.read_text() != MATERIAL_RULE


def test_built_palette_css_pauses_transitions_only_under_our_attribute(built_site):
    (sheet,) = palette_switching.palette_stylesheets(built_site)
    css = sheet.read_text(encoding="utf-8")
    assert "data-md-color-switching" not in css
    assert "[data-palette-switching] *" in css
