"""Our stylesheets reach the browser as one file, in the order mkdocs.yml lists them."""


import pytest

from scripts.build import css_bundle


def test_split_keeps_other_origin_entries_out_of_the_bundle():
    local, other = css_bundle.split_stylesheets(
        ["stylesheets/a.css", "https://cdn.example/x.css", "stylesheets/b.css"]
    )
    assert local == ["stylesheets/a.css", "stylesheets/b.css"]
    assert other == ["https://cdn.example/x.css"]


def test_bundle_concatenates_in_order(tmp_path):
    (tmp_path / "a.css").write_text("a{color:red}")
    (tmp_path / "b.css").write_text("b{color:blue}")
    text = css_bundle.bundle(tmp_path, ["a.css", "b.css"])
    assert text.index("a{color:red}") < text.index("b{color:blue}")


def test_missing_part_names_the_file_and_the_fix(tmp_path):
    with pytest.raises(ValueError, match="lost.css.*remove it from extra_css"):
        css_bundle.bundle(tmp_path, ["lost.css"])


def test_built_pages_link_one_stylesheet_of_ours(built_site, site_pages):
    soup = site_pages.soup("python/index.html")
    ours = [
        link["href"]
        for link in soup.find_all("link", rel="stylesheet")
        if "/assets/stylesheets/" not in link["href"]
    ]
    assert ours == ["../stylesheets/site.css"]
    bundle = (built_site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    for part in ("extra.css", "learning-map.css", "a11y.css", "notebooks.css"):
        assert f"/* --- stylesheets/{part} --- */" in bundle
