"""Archive fallback: a Wayback Machine copy for broken links and moves to review.

The fake availability API on the local fault server answers like the real one: the snapshot
closest to `timestamp`, or the latest without one. The link's first-added date comes from the
git history of a throwaway repository.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
from datetime import date

import pytest
from lc_server import key
from support import free_port

from scripts.links import archive, history
from scripts.links.cli import main


def wayback(stamp: str, url: str) -> str:
    return f"https://web.archive.org/web/{stamp}/{url}"


def commit(repo, message: str, day: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
           "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


@pytest.fixture
def git_project(project):
    """The tmp project as a git repository; a page links `url` from 2021-03-04 on."""
    if subprocess.run(["git", "--version"], capture_output=True).returncode:
        pytest.skip("needs git")
    subprocess.run(["git", "init", "-q", str(project)], check=True)

    def add_link(url: str, day: str = "2021-03-04") -> None:
        commit(project, "page", "2020-01-01", {"docs/other.md": "# Other\n"})
        commit(project, "link", day, {"docs/page.md": f"# Page\n\n- [@docs@Gone]({url}): x\n"})

    return add_link


def queries_for(plain, url: str) -> list[dict]:
    return [q for q in plain.state.archive_queries if q["url"] == url]


def test_broken_link_gets_the_snapshot_before_it_was_added(check, plain, git_project):
    url = plain.url(f"/status/404/{key()}")
    plain.state.snapshots[url] = ["20190101000000", "20210301000000", "20210310000000"]
    git_project(url)
    entry = check(url)[url]
    assert entry["result"] == "broken"
    assert entry["archive_url"] == wayback("20210301000000", url)
    assert queries_for(plain, url) == [{"url": url, "timestamp": "20210304"}]


def test_only_later_snapshots_means_the_latest_one(check, plain, git_project):
    url = plain.url(f"/status/410/{key()}")
    plain.state.snapshots[url] = ["20210305000000", "20240101000000"]
    git_project(url)
    entry = check(url)[url]
    assert entry["archive_url"] == wayback("20240101000000", url)
    assert queries_for(plain, url) == [{"url": url, "timestamp": "20210304"}, {"url": url}]


def test_without_history_the_latest_snapshot_is_taken(check, plain):
    url = plain.url(f"/status/404/{key()}")
    plain.state.snapshots[url] = ["20190101000000", "20230101000000"]
    entry = check(url)[url]
    assert entry["archive_url"] == wayback("20230101000000", url)
    assert queries_for(plain, url) == [{"url": url}]


def test_archive_not_found_leaves_no_copy(check, plain):
    url = plain.url(f"/status/404/{key()}")
    entry = check(url)[url]
    assert entry["result"] == "broken" and entry["archive_url"] is None
    assert len(queries_for(plain, url)) == 1


def test_fragment_and_moves_to_review_get_a_copy_others_do_not(check, plain):
    name = key()
    gone = plain.url(f"/status/404/{name}")
    review = plain.url(f"/redirect/301/old-name-{name}?to=/target")
    plain_move = plain.url(f"/redirect/301/tensors-{name}?to=/tensor-{name}")
    fine, temporary = plain.url(f"/fine/{name}"), plain.url(f"/redirect/302/x-{name}?to=/y")
    for url in (gone, review, plain_move, fine, temporary):
        plain.state.snapshots[url] = ["20200101000000"]
    report = check(gone + "#section", gone, review, plain_move, fine, temporary)
    assert report[gone + "#section"]["archive_url"] == wayback("20200101000000", gone) + "#section"
    assert report[gone]["archive_url"] == wayback("20200101000000", gone)
    assert report[review]["archive_url"] == wayback("20200101000000", review)
    assert len(queries_for(plain, gone)) == 1  # one lookup per page, whatever the fragments
    for url in (plain_move, fine, temporary):
        assert report[url]["archive_url"] is None and not queries_for(plain, url)


def run_report(project, *urls, extra=()):
    """The CLI on a one-page site linking `urls`: (exit code, JSON report, Markdown report)."""
    site, out, markdown = project / "site", project / "r.json", project / "r.md"
    site.mkdir(exist_ok=True)
    links = "".join(f'<a href="{html.escape(url)}">x</a>\n' for url in urls)
    (site / "index.html").write_text(f"<html><body>{links}</body></html>")
    code = main(["--site", str(site), "--config", str(project / "linkcheck.toml"),
                 "--json", str(out), "--markdown", str(markdown), *extra])
    return code, json.loads(out.read_text()), markdown.read_text()


def set_config(project, old: str, new: str) -> None:
    config = project / "linkcheck.toml"
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new))


def test_archive_down_completes_with_a_warning(project, plain, capsys):
    set_config(project, "/wayback/available", "/wayback-down/available")
    urls = [plain.url(f"/status/404/{key()}") for _ in range(6)]
    code, data, markdown = run_report(project, *urls, plain.url("/fine/x"))
    assert code == 1  # the broken links fail the run; the archive being down does not stop it
    assert [r["result"] for r in data["results"]].count("broken") == 6
    assert all(r["archive_url"] is None for r in data["results"])
    assert len(data["warnings"]) == 1 and "archive lookup failed" in data["warnings"][0]
    assert "HTTP 503" in data["warnings"][0]
    assert "### Warnings" in markdown and "archive lookup failed" in markdown
    assert "warning: archive lookup failed" in capsys.readouterr().err
    # The first lookup (1 try + 2 retries) shows the archive is down; no other link asks.
    assert plain.state.hits["/wayback-down/available"] == 3


def test_archive_unreachable_completes_with_a_warning(project, plain):
    set_config(project, f'archive_endpoint = "{plain.base}',
               f'archive_endpoint = "http://127.0.0.1:{free_port()}')
    url = plain.url(f"/status/404/{key()}")
    code, data, _ = run_report(project, url, extra=("--fail-on", "none"))
    assert code == 0 and data["results"][0]["result"] == "broken"
    assert "connection refused" in data["warnings"][0]


def test_archive_false_turns_the_lookup_off(project, plain):
    set_config(project, "archive_endpoint =", "archive = false\narchive_endpoint =")
    url = plain.url(f"/status/404/{key()}")
    plain.state.snapshots[url] = ["20200101000000"]
    _, data, _ = run_report(project, url)
    assert data["results"][0]["archive_url"] is None and not queries_for(plain, url)
    assert "warnings" not in data


def test_markdown_report_shows_review_and_archived_copy(project, plain):
    review = plain.url(f"/redirect/301/old-name-{key()}?to=/target")
    plain.state.snapshots[review] = ["20200101000000"]
    _, data, markdown = run_report(project, review)
    assert data["results"][0]["review"] is True
    row = next(line for line in markdown.splitlines() if review in line)
    assert row.startswith("| moved (review) |") and "shares no word" in row
    assert wayback("20200101000000", review) in row
    assert "marked **review**" in markdown


@pytest.mark.parametrize("value", ['"yes"', "1"])
def test_archive_setting_must_be_a_boolean(project, value, capsys):
    set_config(project, "archive_endpoint =", f"archive = {value}\narchive_endpoint =")
    code = main(["--site", str(project), "--config", str(project / "linkcheck.toml")])
    assert code == 2 and "`archive` must be a bool" in capsys.readouterr().err


def test_archive_endpoint_must_be_a_url(project, capsys):
    set_config(project, 'archive_endpoint = "http://', 'archive_endpoint = "ftp://')
    code = main(["--site", str(project), "--config", str(project / "linkcheck.toml")])
    error = capsys.readouterr().err
    assert code == 2 and "linkcheck.toml:" in error and "`archive_endpoint` must be" in error


def test_default_endpoint_is_the_wayback_availability_api(tmp_path):
    from scripts.links.config import load_config

    config = tmp_path / "c.toml"
    config.write_text("per_host = 2\n")
    loaded = load_config(config)
    assert loaded.archive is True
    assert loaded.archive_endpoint == "https://archive.org/wayback/available"


def test_parse_answer_and_query_url():
    answer = {"url": "a.example/x", "archived_snapshots": {"closest": {
        "status": "200", "available": True, "timestamp": "20200101000000",
        "url": "http://web.archive.org/web/20200101000000/https://a.example/x"}}}
    assert archive.parse_answer(answer) == archive.Snapshot(
        "https://web.archive.org/web/20200101000000/https://a.example/x", "20200101000000")
    assert archive.parse_answer({"url": "a", "archived_snapshots": {}}) is None
    gone = {"archived_snapshots": {"closest": {**answer["archived_snapshots"]["closest"],
                                               "status": "404"}}}
    assert archive.parse_answer(gone) is None
    with pytest.raises(archive.ArchiveDown):
        archive.parse_answer(["not", "an", "object"])
    assert archive.query_url("https://archive.org/wayback/available", "https://a.example/?q=1&r",
                             date(2021, 3, 4)) == (
        "https://archive.org/wayback/available?url=https%3A%2F%2Fa.example%2F%3Fq%3D1%26r"
        "&timestamp=20210304")


def test_first_added_reads_the_history_of_the_pages(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    commit(repo, "one", "2020-05-06", {"docs/a.md": "[x](https://a.example/page-two)\n"})
    commit(repo, "two", "2021-07-08", {"docs/b.md": "[y](https://a.example/page)\n"})
    commit(repo, "three", "2022-01-01", {"docs/c.md": "<https://a.example/page/>\n",
                                         "notebooks/n.ipynb": '"see https://n.example/x"'})
    commit(repo, "four", "2023-01-01", {"README.md": "https://r.example/\n"})
    found = history.first_added(repo, ["https://a.example/page", "https://a.example/page-two",
                                       "https://n.example/x", "https://r.example/",
                                       "https://never.example/"])
    assert found == {"https://a.example/page": date(2021, 7, 8),
                     "https://a.example/page-two": date(2020, 5, 6),
                     "https://n.example/x": date(2022, 1, 1)}
    assert history.first_added(tmp_path / "not-a-repo", ["https://a.example/page"]) == {}


def test_first_added_ignores_the_edge_of_a_shallow_clone(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    commit(repo, "old", "2019-01-01", {"docs/a.md": "https://a.example/old\n"})
    commit(repo, "new", "2024-01-01", {"docs/b.md": "https://a.example/new\n"})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
                   check=True, capture_output=True)
    assert history.first_added(clone, ["https://a.example/old", "https://a.example/new"]) == {}
