"""A real move or a soft 404? Only evidence makes a redirect broken; and every page is read once.

Each case redirects to a live page on the local fault server; the JSON report is checked.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from lc_server import key


def to(path: str) -> str:
    """A `?to=` value: the target path, quoted so it survives inside a query."""
    return quote(path, safe="/")


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_to_an_unrelated_live_page_is_moved_for_review(check, plain, status):
    url = plain.url(f"/redirect/{status}/old-name?to=/target")
    entry = check(url)[url]
    assert (entry["result"], entry["suggestion"], entry["review"]) == (
        "moved", plain.url("/target"), True)
    # Sites rename paths all the time: a path sharing no word is no evidence of a soft 404.
    assert "review" in entry["reason"] and "/target" in entry["reason"]
    assert "shares no word" in entry["reason"]


def test_chain_of_permanent_redirects_ending_on_a_live_page_is_moved(check, plain):
    url = plain.url("/redirect/301/old-name?to=" + to("/redirect/301?to=/target"))
    entry = check(url)[url]
    assert (entry["result"], entry["final_url"], entry["suggestion"]) == (
        "moved", plain.url("/target"), plain.url("/target"))
    assert entry["review"] is True


def test_temporary_redirect_to_an_unrelated_live_page_is_ok(check, plain):
    url = plain.url("/redirect/302/old-name?to=/target")
    entry = check(url)[url]
    assert (entry["result"], entry["final_url"], entry["review"]) == (
        "ok", plain.url("/target"), False)


def test_meta_refresh_to_an_unrelated_live_page_is_moved(check, plain):
    url = plain.url("/meta/old-name?to=/target")
    entry = check(url)[url]
    assert (entry["result"], entry["suggestion"], entry["review"]) == (
        "moved", plain.url("/target"), True)


def test_rename_with_a_plural_is_moved_without_review(check, plain):
    url = plain.url("/redirect/301/introduction-to-tensors?to=/tensor-basics")
    entry = check(url)[url]
    assert (entry["result"], entry["suggestion"], entry["review"]) == (
        "moved", plain.url("/tensor-basics"), False)


def test_permanent_then_temporary_suggests_the_permanent_address(check, plain):
    url = plain.url("/redirect/301/guide?to=" + to("/redirect/302/guide-v2?to=/login"))
    entry = check(url)[url]
    assert entry["result"] == "moved"
    assert entry["suggestion"] == plain.url("/redirect/302/guide-v2?to=/login")
    assert entry["final_url"] == plain.url("/login")


def test_temporary_then_permanent_is_ok(check, plain):
    url = plain.url("/redirect/302/latest?to=" + to("/redirect/301/v2?to=/v2/index"))
    assert check(url)[url]["result"] == "ok"


@pytest.mark.parametrize("root", ["/", "/en/", "/de-de/", "/de/", "/en-us/", "/pt_BR"])
@pytest.mark.parametrize("status", [301, 302])
def test_redirect_to_the_home_page_or_a_language_root_is_a_soft_404(check, plain, root, status):
    url = plain.url(f"/redirect/{status}/docs/old-guide?to={root}")
    entry = check(url)[url]
    assert entry["result"] == "broken" and entry["reason"].startswith("soft 404")
    where = "home page" if root == "/" else f"language root ({root})"
    assert where in entry["reason"]


@pytest.mark.parametrize("target", ["/ok", "/ai", "/go", "/io"])
def test_redirect_to_a_two_letter_page_that_is_no_language_is_a_move(check, plain, target):
    # Issue 20: a 301 from /moved to /ok, a live page, was reported as a soft 404.
    url = plain.url(f"/redirect/301/moved?to={target}")
    entry = check(url)[url]
    assert (entry["result"], entry["final_url"], entry["suggestion"]) == (
        "moved", plain.url(target), plain.url(target))
    assert "soft 404" not in entry["reason"]


def test_meta_refresh_to_the_home_page_is_a_soft_404(check, plain):
    url = plain.url("/meta/docs/old-guide?to=/")
    entry = check(url)[url]
    assert entry["result"] == "broken" and "home page" in entry["reason"]


@pytest.mark.parametrize(("title", "heading"), [
    ("Page Not Found", "Sorry"),
    ("Example site", "404"),
    ("Page missing", "Oops"),
    ("Seite nicht gefunden", "Hoppla"),
    ("Beispiel", "Die Seite existiert nicht"),
])
@pytest.mark.parametrize("how", ["redirect/301", "redirect/302", "meta"])
def test_redirect_to_a_page_titled_not_found_is_a_soft_404(check, plain, title, heading, how):
    target = f"/titled/{key()}?" + "&".join(
        f"{name}={quote(value)}" for name, value in (("title", title), ("h1", heading)))
    url = plain.url(f"/{how}/old-article?to={quote(target, safe='/')}")
    entry = check(url)[url]
    assert entry["result"] == "broken" and entry["reason"].startswith("soft 404"), entry


def test_a_live_page_that_is_titled_normally_is_not_a_soft_404(check, plain):
    target = f"/titled/{key()}?title={quote('Lost and found')}&h1=Welcome"
    url = plain.url(f"/redirect/301/old-article?to={quote(target, safe='/')}")
    assert check(url)[url]["result"] == "moved"


def test_three_deep_links_landing_on_one_url_are_soft_404s(check, servers):
    host = servers["walled"]  # any server; its rule only touches 403s
    landing = f"/landing/{key()}"
    urls = [host.url(f"/redirect/301/{name}?to={landing}") for name in ("a", "b", "c")]
    report = check(*urls, urls[0] + "#intro")
    for url in [*urls, urls[0] + "#intro"]:
        assert report[url]["result"] == "broken", report[url]
        assert "3 different links" in report[url]["reason"]


def test_two_deep_links_landing_on_one_url_are_moves(check, servers):
    host = servers["walled"]
    landing = f"/landing/{key()}"
    urls = [host.url(f"/redirect/301/{name}?to={landing}") for name in ("a", "b")]
    report = check(*urls)
    assert [report[u]["result"] for u in urls] == ["moved", "moved"]


def test_three_fragments_of_one_page_make_one_request(check, plain):
    path = f"/anchors/{key()}"
    urls = [plain.url(f"{path}#{fragment}") for fragment in ("intro", "legacy", "nowhere")]
    report = check(*urls, plain.url(path), plain.url(f"{path}#scrollTo=x"))
    assert plain.state.hits[path] == 1
    assert [report[u]["result"] for u in urls] == ["ok", "ok", "broken"]
    assert report[plain.url(path)]["result"] == "ok"
    assert report[plain.url(f"{path}#scrollTo=x")]["result"] == "ok"


def test_fragments_of_a_moved_page_share_one_request_chain(check, plain):
    name = key()
    urls = [plain.url(f"/redirect/301/{name}?to=/anchors/{name}#{f}") for f in ("intro", "x")]
    report = check(*urls)
    assert plain.state.hits[f"/redirect/301/{name}"] == 1
    assert plain.state.hits[f"/anchors/{name}"] == 1
    assert [report[u]["result"] for u in urls] == ["moved", "broken"]
    assert report[urls[0]]["suggestion"] == plain.url(f"/anchors/{name}#intro")


@pytest.mark.parametrize("fragment", ["", "#page=3"])
def test_no_body_of_a_non_html_response_is_read(check, plain, monkeypatch, fragment):
    from scripts.links import fetch

    read = []
    real = fetch.read_capped

    async def spy(response, limit):
        read.append(str(response.url))
        return await real(response, limit)

    monkeypatch.setattr(fetch, "read_capped", spy)
    binary, page = plain.url(f"/huge/{key()}/bin"), plain.url(f"/anchors/{key()}")
    report = check(binary + fragment, page + "#intro")
    assert report[binary + fragment]["result"] == "ok"
    assert read == [page]  # the HTML page, read for its fragment; never the binary
