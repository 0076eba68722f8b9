"""Pure functions of the link checker: host rules, soft 404s, headers, parsing, config lines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import ROOT

from scripts.links import cache, collect, internal, languages, rules
from scripts.links.cli import UsageError, fail_levels
from scripts.links.config import (
    ConfigError,
    load_config,
    repo_url_from_mkdocs,
    site_url_from_mkdocs,
)

REPO = "https://github.com/trainingnns/getting-started-with-neural-networks"


@pytest.mark.parametrize(("pattern", "netloc", "expected"), [
    ("medium.com", "medium.com", True),
    ("*.medium.com", "towardsdatascience.medium.com", True),
    ("medium.com", "notmedium.com", False),
    ("127.0.0.1:8123", "127.0.0.1:8123", True),
    ("127.0.0.1:8123", "127.0.0.1:9999", False),
    ("youtube.com", "YouTube.com:443", True),
])
def test_host_patterns(pattern, netloc, expected):
    assert rules.host_matches(pattern, netloc) is expected


@pytest.mark.parametrize(("original", "final", "soft"), [
    # Unrelated-looking paths are not evidence: that is a move to review, not a soft 404.
    ("https://neptune.ai/blog/hyperparameter-tuning-in-python-a-complete-guide-2020",
     "https://neptune.ai/press/openai-to-acquire-the-company", False),
    ("https://example.org/docs/old-guide-to-lstm", "https://example.org/", True),
    ("https://example.org/docs/old-guide-to-lstm", "https://example.org/index.html", True),
    ("https://example.org/docs/old-guide-to-lstm", "https://example.org/en/", True),
    ("https://example.org/docs/old-guide-to-lstm", "https://example.org/de-de/", True),
    ("https://example.org/docs/old-guide-to-lstm", "https://example.org/pt_BR", True),
    ("https://example.org/moved", "https://example.org/ok", False),
    ("https://example.org/moved", "https://example.org/io", False),
    ("https://example.org/docs/old-guide-to-lstm", "https://other.example/", True),
    ("https://example.org/docs/old-guide-to-lstm", "https://example.org/?utm_source=old", True),
    ("https://example.org/docs/old-guide-to-lstm", "https://example.org/?p=123", False),
    ("https://example.org/en/", "https://example.org/", False),  # not a deep link
    ("https://example.org/old-name", "https://example.org/target", False),
    ("https://arxiv.org/pdf/2105.04026.pdf", "https://arxiv.org/pdf/2105.04026", False),
    ("http://cs229.stanford.edu/section/cs229-linalg.pdf",
     "https://cs229.stanford.edu/section/cs229-linalg.pdf", False),
    ("https://tfhub.dev", "https://www.kaggle.com/models?tfhub-redirect=true", False),
    ("https://www.python-course.eu/python3_course.php", "https://python-course.eu/python-tutorial/",
     False),
    ("https://pytorch.org/tutorials", "https://pytorch.org/tutorials/", False),
])
def test_soft_404_by_where_a_redirect_ends(original, final, soft):
    assert (rules.soft_404_reason(original, final) is not None) is soft


@pytest.mark.parametrize(("path", "root"), [
    ("/de/", True), ("/en-us/", True), ("/pt_BR", True), ("/it", True), ("/EN/", True),
    ("/zh-Hans/", True), ("/es-419/", True), ("/de/index.html", True),
    ("/ml-in/", True),  # a path word with a region is a locale
    ("/ok", False), ("/ai", False), ("/go", False),  # not ISO 639-1 codes
    ("/io", False), ("/ml/", False), ("/nn", False),  # ISO 639-1, but bare they are path words
    ("/de/docs", False), ("/de/docs/", False), ("/eng/", False), ("/en-/", False),
    ("/en-usa/", False), ("/", False), ("", False),
])
def test_language_root_is_a_language_tag_and_nothing_after(path, root):
    assert languages.is_language_root(path, rules.HOME_FILES) is root


def test_language_codes_are_iso_639_1():
    assert len(languages.ISO_639_1) == 183
    assert {"de", "en", "pt", "it", "io"} <= languages.ISO_639_1
    assert not {"ok", "ai", "go", "bh", "sh"} & languages.ISO_639_1
    assert languages.PATH_WORD_CODES <= languages.ISO_639_1  # a typo would silently do nothing


@pytest.mark.parametrize(("title", "heading", "soft"), [
    ("Page Not Found | Example", "Welcome", True),
    ("Example", "404", True),
    ("Error 404 - Example", None, True),
    ("Page missing", None, True),
    ("This page doesn't exist", None, True),
    ("Seite nicht gefunden – Beispiel", None, True),
    ("Beispiel", "Fehler 404: Die Seite existiert nicht", True),
    ("Diese Seite fehlt", None, True),
    ("Lost and found: an essay", "Found footage", False),
    ("Tensor basics", "Tensor basics", False),
    ("Release 4.0.4 notes", "v2.404.1", False),
    (None, None, False),
])
def test_soft_404_by_title_or_first_heading(title, heading, soft):
    reason = rules.soft_404_reason("https://a.example/old/page", "https://a.example/new/page",
                                   title, heading)
    assert (reason is not None) is soft


@pytest.mark.parametrize(("old", "new", "review"), [
    ("https://a.example/old-name", "https://a.example/target", True),
    ("https://a.example/introduction-to-tensors", "https://a.example/tensor-basics", False),
    ("https://a.example/blog/2019/attention-explained", "https://a.example/blog/2019/press", True),
    ("https://a.example/classes.html", "https://a.example/docs/class/", False),
    ("https://a.example/learning-rates", "https://a.example/learn/rate", False),
    ("https://arxiv.org/abs/2105.04026", "https://arxiv.org/abs/2105.04026v2", False),
    ("https://a.example/?p=123", "https://a.example/2019/05/my-post/", False),  # no words
    ("http://a.example/x", "https://a.example/x", False),
])
def test_review_when_old_and_new_paths_share_no_word(old, new, review):
    assert (rules.review_reason(old, new) is not None) is review


def test_stem_and_tokens():
    assert rules.stem("tensors") == rules.stem("tensor") == "tensor"
    assert rules.stem("classes") == "class" and rules.stem("class") == "class"
    assert rules.tokens("/blog/2019/introduction-to-tensors.html") == {"introduction", "tensor"}
    assert rules.tokens("/abs/2105.04026") == {"abs", "04026"}


def test_same_landing_needs_three_different_deep_links_on_one_host():
    gone = "https://a.example/gone"
    redirected = {
        "https://a.example/one": gone, "https://a.example/two": gone,
        "https://a.example/three": gone,
        "https://b.example/one": "https://b.example/all", "https://b.example/two":
            "https://b.example/all",
        "https://c.example/": "https://c.example/all", "https://c.example/en/":
            "https://c.example/all", "https://c.example/x": "https://c.example/all",
    }
    assert rules.same_landing(redirected) == {gone: {
        "https://a.example/one", "https://a.example/two", "https://a.example/three"}}


def test_page_scan_reads_title_and_first_heading():
    page = (b"<html><head><title> Seite \n nicht gefunden </title></head><body>"
            b"<svg><title>menu icon</title></svg><h2>Fehler <b>404</b></h2><h1>Later</h1>")
    scan = rules.scan_html(page, "https://a.example/")
    assert (scan.title, scan.heading) == ("Seite nicht gefunden", "Fehler 404")
    no_title = rules.scan_html(b"<svg><title>icon</title></svg><p>x</p>", "https://a.example/")
    assert (no_title.title, no_title.heading) == (None, None)


def test_retry_after_seconds_and_http_date():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert rules.retry_after_seconds("7") == 7.0
    assert rules.retry_after_seconds("Thu, 01 Jan 2026 00:00:30 GMT", now) == 30.0
    assert rules.retry_after_seconds("soon") is None and rules.retry_after_seconds(None) is None


def test_colab_and_own_repository_paths():
    colab = "https://colab.research.google.com/github/tensorflow/docs/blob/master/site/en/a.ipynb"
    assert rules.colab_github_parts(colab) == ("tensorflow", "docs", "master", "site/en/a.ipynb")
    assert rules.colab_github_parts(colab.replace("github/tensorflow", "x")) is None
    ours = colab.replace("tensorflow/docs", "trainingnns/getting-started-with-neural-networks")
    assert rules.own_repo_path(ours, REPO, colab=True) == "site/en/a.ipynb"
    assert rules.own_repo_path(colab, REPO, colab=True) is None
    assert rules.own_repo_path(f"{REPO}/blob/main/notebooks/01.ipynb", REPO) == "notebooks/01.ipynb"
    assert rules.own_repo_path(REPO, REPO) == ""
    assert rules.own_repo_path("https://github.com/other/repo", REPO) is None


def test_stack_exchange_and_suggestions():
    url = "https://askubuntu.com/questions/1288672/how-do-you-install-cuda"
    assert rules.stackexchange_question(url) == ("askubuntu", "1288672")
    assert rules.stackexchange_question("https://math.stackexchange.com/q/42") == ("math", "42")
    assert rules.stackexchange_question("https://askubuntu.com/users/1") is None
    tds = "https://towardsdatascience.com/introduction-to-resnets-c0a830a288a4"
    template = "https://medium.com/towards-data-science{path}"
    assert rules.suggestion_from_template(template, tds) == (
        "https://medium.com/towards-data-science/introduction-to-resnets-c0a830a288a4")


def test_html_scan_finds_ids_names_and_refresh():
    page = (b'<meta http-equiv="Refresh" content="0; URL=\'/posts/x/\'">'
            b'<h2 id="a">A</h2><a name="b"></a><div name="c"></div>')
    scan = rules.scan_html(page, "https://lilianweng.github.io/lil-log/old.html")
    assert scan.refresh == "https://lilianweng.github.io/posts/x/"
    assert rules.fragment_found(scan, "a", []) and rules.fragment_found(scan, "b", [])
    assert not rules.fragment_found(scan, "c", [])  # name only counts on <a> and friends


def test_srcset_page_paths_and_external():
    assert collect.srcset_urls("a.png 1x, https://x.org/b.png 2x") == ["a.png", "https://x.org/b.png"]
    site = Path("/site")
    assert collect.page_path(site, site / "index.html") == "/"
    assert collect.page_path(site, site / "python" / "index.html") == "/python/"
    assert collect.page_path(site, site / "404.html") == "/404.html"
    own = ["https://trainingnns.github.io/getting-started-with-neural-networks/"]
    assert collect.is_external("https://example.org/", own)
    assert not collect.is_external(own[0] + "python/", own)
    assert not collect.is_external("../python/", own)
    assert not collect.is_external("mailto:someone@example.org", own)


def test_links_marked_skip_are_not_collected(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="https://a.example/">resource</a>'
        '<a href="https://web.archive.org/web/2020/https://a.example/" data-linkcheck="skip">c</a>'
        '<a href="https://github.com/o/r/issues/new?title=x" data-linkcheck="skip">report</a>')
    assert collect.collect(tmp_path, []) == {"https://a.example/": ["/"]}


@pytest.mark.parametrize("bad", ["https://exa mple.org/", "https:///nohost", "http://x.org:99999/"])
def test_malformed_urls_are_rejected(bad):
    with pytest.raises(collect.CollectError, match="malformed URL"):
        collect.validate(bad, "python/index.html:3")


def test_fail_levels():
    assert fail_levels("broken,flaky") == {"broken", "flaky"}
    assert fail_levels("none") == set()
    with pytest.raises(UsageError):
        fail_levels("broken,dead")


def test_cache_reuses_only_recent_ok():
    now = datetime(2026, 1, 2, tzinfo=UTC)
    fresh = {"url": "u", "result": "ok", "checked_at": "2026-01-01T12:00:00Z"}
    assert cache.reuse({"u": fresh}, "u", ["/"], timedelta(days=1), now).result == "ok"
    assert cache.reuse({"u": fresh}, "u", ["/"], timedelta(hours=1), now) is None
    broken = {**fresh, "result": "broken"}
    assert cache.reuse({"u": broken}, "u", ["/"], timedelta(days=9), now) is None


def test_linkchecker_csv_parsing():
    base = "http://127.0.0.1:5000/"
    text = (
        "# created by LinkChecker\n"
        "urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name\n"
        f"../gone/;{base}python/;;404 File not found;;;False;{base}gone/;12;3;x\n"
        f"../#top;{base}python/;;200 OK;Anchor `top' not found. Available anchors: `a';;True;"
        f"{base}#top;14;1;y\n"
        f"ok/;{base};;200 OK;;;True;{base}ok/;1;1;z\n"
    )
    issues = internal.parse_csv(text, base)
    assert [(i.url, i.page, i.line) for i in issues] == [
        ("/gone/", "/python/", 12), ("/#top", "/python/", 14)]
    assert issues[1].reason == "Anchor `top' not found"


def test_project_config_loads_and_every_rule_has_a_reason():
    config = load_config(ROOT / "linkcheck.toml")
    assert config.rules and all(rule.reason for rule in config.rules)
    assert config.own_repo_url == REPO
    assert site_url_from_mkdocs(ROOT / "mkdocs.yml").startswith("https://")


def test_mkdocs_settings_come_from_the_projects_one_reader(tmp_path, monkeypatch):
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text('site_url: !ENV [SITE_URL, "https://a.example/guide/"]\n'
                          "repo_url: https://github.com/owner/name/\n", encoding="utf-8")
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")  # a test build's: not published
    assert site_url_from_mkdocs(mkdocs_yml) == "https://a.example/guide/"
    assert repo_url_from_mkdocs(mkdocs_yml) == "https://github.com/owner/name"
    assert site_url_from_mkdocs(tmp_path / "missing.yml") == ""


def test_unknown_rule_kind_names_the_line(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('per_host = 2\n\n[[rule]]\nname = "x"\nkind = "magic"\nhosts = ["a"]\n')
    with pytest.raises(ConfigError, match=r"c\.toml:5: rule kind 'magic' unknown"):
        load_config(config)
