"""Script files load with `defer`, so none holds up the first paint; inline scripts stay."""



from scripts.build import defer_scripts


def test_external_classic_scripts_get_defer():
    html = '<script src="a.js"></script><script src="b.js" id="x"></script>'
    assert defer_scripts.defer_external_scripts(html) == (
        '<script defer src="a.js"></script><script defer src="b.js" id="x"></script>'
    )


def test_inline_json_async_and_module_scripts_are_left_alone():
    html = (
        "<script>var a = 1;</script>"
        '<script id="__config" type="application/json">{}</script>'
        '<script async src="a.js"></script>'
        '<script src="b.js" defer></script>'
        '<script type="module" src="c.js"></script>'
        '<script src="d.js" DEFER></script>'
    )
    assert defer_scripts.defer_external_scripts(html) == html


def test_a_src_in_the_script_text_does_not_count():
    html = '<script>document.write(\' src="x" \')</script>'
    assert defer_scripts.defer_external_scripts(html) == html


def test_404_and_pages_defer_every_script_file_in_order(site_pages):
    for page in ("index.html", "python/index.html", "notebooks/01-first-neural-network/index.html",
                 "404.html"):
        soup = site_pages.soup(page)
        files = soup.find_all("script", src=True)
        assert files, page
        assert all(script.has_attr("defer") for script in files), page
        names = [script["src"].rsplit("/", 1)[-1] for script in files]
        assert names[0].startswith("bundle."), f"{page}: Material's bundle must run first"
        assert names.index("progress.js") < names.index("tooltips.js"), page
