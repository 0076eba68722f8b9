"""The built site loads nothing from another origin: no CDN scripts, styles, fonts or images."""

from __future__ import annotations

from urllib.parse import urlsplit

from site_checks import is_foreign, scan_css, scan_html, scan_js, scan_site


def test_scanner_catches_a_cdn_script():
    found = scan_html('<html><script src="https://cdn.example/x.js"></script></html>', "a.html")
    assert [str(f) for f in found] == ["a.html: <script src> loads https://cdn.example/x.js"]


def test_scanner_catches_a_css_import_of_web_fonts():
    css = "@import url(https://fonts.googleapis.com/css?family=Roboto);\nbody{color:red}"
    found = scan_css(css, "x.css")
    assert [f.url for f in found] == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert found[0].what == "CSS @import"


def test_scanner_catches_loads_inside_html():
    html = (
        '<link rel="stylesheet" href="//cdn.example/a.css">'
        '<link rel="preload" href="https://cdn.example/f.woff2" as="font">'
        '<img src="x.png" srcset="x.png 1x, https://img.example/y.png 2x">'
        "<style>@font-face{src:url('https://fonts.gstatic.com/r.woff2')}</style>"
        '<div style="background:url(https://img.example/bg.png)"></div>'
        '<iframe src="https://www.youtube.com/embed/x"></iframe>'
        '<script type="module">import("https://esm.example/m.js")</script>'
        '<svg><use href="#local"/><image href="https://img.example/z.png"/></svg>'
    )
    urls = {f.url for f in scan_html(html, "p.html")}
    assert urls == {
        "//cdn.example/a.css",
        "https://cdn.example/f.woff2",
        "https://img.example/y.png",
        "https://fonts.gstatic.com/r.woff2",
        "https://img.example/bg.png",
        "https://www.youtube.com/embed/x",
        "https://esm.example/m.js",
        "https://img.example/z.png",
    }


def test_scanner_catches_js_imports():
    js = 'import a from "https://esm.example/a.js";import"https://esm.example/b.js";'
    assert [f.url for f in scan_js(js, "b.js")] == [
        "https://esm.example/a.js",
        "https://esm.example/b.js",
    ]


def test_scanner_allows_plain_links_and_own_files():
    html = (
        '<a href="https://pytorch.org">PyTorch</a><link rel="canonical" href="https://x.org/">'
        '<script src="assets/bundle.js"></script><img src="/images/a.svg">'
        '<link rel="stylesheet" href="http://127.0.0.1:8000/assets/a.css">'
    )
    assert scan_html(html, "ok.html", own_origin="http://127.0.0.1:8000/") == []


def test_is_foreign_compares_scheme_and_host():
    assert is_foreign("https://127.0.0.1:8000/a.js", "http://127.0.0.1:8000/")
    assert not is_foreign("data:image/svg+xml,<svg/>")
    assert not is_foreign("#fragment")


def test_built_site_loads_nothing_from_another_origin(built_site, site_url):
    own = f"{urlsplit(site_url).scheme}://{urlsplit(site_url).netloc}/"
    found = scan_site(built_site, own_origin=own)
    assert not found, "the site loads resources from other origins:\n  " + "\n  ".join(
        str(f) for f in found
    )
