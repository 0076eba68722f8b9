"""The command line end to end: a small built site, exit codes, reports, cache, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from lc_server import key
from support import ROOT

from scripts.links.cli import main


def make_site(root, plain, flaky_path="/fine/flaky-free"):
    """Three pages holding links in href, src and srcset, plus links that must be skipped."""
    site = root / "site"
    for page in ("", "python/", "notebooks/01-first/"):
        (site / page).mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(
        f'<a href="{plain.url("/fine/a")}">a</a>\n<img src="{plain.url("/fine/img.png")}">\n'
        f'<img srcset="{plain.url("/fine/s1.png")} 1x, {plain.url("/fine/s2.png")} 2x">\n'
        '<a href="python/">internal</a><a href="mailto:x@example.org">m</a>'
        '<a href="javascript:void(0)">j</a>'
        '<a href="https://our-site.example.org/python/">our own origin</a>')
    (site / "python" / "index.html").write_text(
        f'<p>\n<a href="{plain.url("/fine/a")}">again</a>\n<a href="{plain.url(flaky_path)}">f</a>')
    (site / "notebooks" / "01-first" / "index.html").write_text(
        f'<source srcset="{plain.url("/fine/nb.webp")}"><a href="../../python/">up</a>')
    return site


def run_cli(project, site, *extra):
    out = project / f"report-{key()}.json"
    code = main(["--site", str(site), "--config", str(project / "linkcheck.toml"),
                 "--site-url", "https://our-site.example.org/", "--json", str(out), *extra])
    data = json.loads(out.read_text()) if out.exists() else None
    return code, data


def test_collects_every_page_and_attribute(project, plain):
    code, data = run_cli(project, make_site(project, plain))
    urls = {r["url"]: r for r in data["results"]}
    assert code == 0
    assert set(urls) == {plain.url(p) for p in
                         ("/fine/a", "/fine/img.png", "/fine/s1.png", "/fine/s2.png",
                          "/fine/nb.webp", "/fine/flaky-free")}
    assert urls[plain.url("/fine/a")]["pages"] == ["/", "/python/"]
    assert urls[plain.url("/fine/nb.webp")]["pages"] == ["/notebooks/01-first/"]
    assert data["generated_at"].endswith("Z") and "httpx" in data["tool"]
    assert all(r["result"] == "ok" for r in data["results"])


def test_broken_link_exits_1_and_markdown_lists_it(project, plain):
    site = make_site(project, plain, flaky_path="/status/404")
    markdown = project / "summary.md"
    code, data = run_cli(project, site, "--markdown", str(markdown))
    broken = [r for r in data["results"] if r["result"] == "broken"]
    assert code == 1 and [r["url"] for r in broken] == [plain.url("/status/404")]
    assert plain.url("/status/404") in markdown.read_text()
    assert "| broken (fails) | 1 |" in markdown.read_text()


def test_the_script_as_a_process_prints_writes_and_exits_like_main(project, plain):
    # check_links.py ends with os._exit (no interpreter teardown): output must still arrive.
    site = make_site(project, plain, flaky_path="/status/404")
    out = project / "process-report.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "links" / "check_links.py"), "--site", str(site),
         "--config", str(project / "linkcheck.toml"), "--json", str(out),
         "--site-url", "https://our-site.example.org/"],
        capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"})  # a pipe buffers
    assert done.returncode == 1, done.stderr
    assert "broken" in done.stdout and "FAILED: 1 link(s) are broken" in done.stderr
    results = {r["url"]: r["result"] for r in json.loads(out.read_text())["results"]}
    assert results[plain.url("/status/404")] == "broken"


def test_flaky_fails_only_when_asked(project, plain):
    site = make_site(project, plain, flaky_path=f"/status/503/{key()}")
    default_code, data = run_cli(project, site)
    strict_code, _ = run_cli(project, site, "--fail-on", "broken,flaky")
    assert "flaky" in {r["result"] for r in data["results"]}
    assert (default_code, strict_code) == (0, 1)


def test_pr_mode_fails_only_on_new_breakage(project, plain):
    site = make_site(project, plain, flaky_path="/status/404")
    _, baseline = run_cli(project, site)
    (project / "baseline.json").write_text(json.dumps(baseline))
    pr_mode = ("--mode", "pr", "--baseline", str(project / "baseline.json"))
    known_code, _ = run_cli(project, site, *pr_mode)
    site = make_site(project, plain, flaky_path="/status/410")
    new_code, _ = run_cli(project, site, *pr_mode)
    assert (known_code, new_code) == (0, 1)


def test_cache_skips_recent_ok_but_rechecks_failures(project, plain):
    gone = f"/status/404/{key()}"
    site = make_site(project, plain, flaky_path=gone)
    _, first = run_cli(project, site)
    cache = project / "cache.json"
    cache.write_text(json.dumps(first))
    hits_ok, hits_gone = plain.state.hits["/fine/a"], plain.state.hits[gone]
    _, second = run_cli(project, site, "--cache", str(cache), "--max-age", "1")
    assert plain.state.hits["/fine/a"] == hits_ok  # reused
    assert plain.state.hits[gone] == hits_gone + 1  # failures are always re-checked
    assert {r["url"]: r["result"] for r in second["results"]}[plain.url(gone)] == "broken"
    run_cli(project, site, "--cache", str(cache), "--max-age", "0")
    assert plain.state.hits["/fine/a"] == hits_ok + 1  # too old: checked again


def test_internal_links_are_crawled_by_linkchecker(project, plain):
    site = make_site(project, plain)
    (site / "python" / "index.html").write_text(
        '<h1 id="top">P</h1><a href="../#nowhere">bad anchor</a><a href="../gone/">gone</a>')
    code, data = run_cli(project, site, "--internal")
    found = {(i["url"], i["page"]) for i in data["internal"]}
    assert code == 1 and "LinkChecker" in data["tool"]
    assert found == {("/#nowhere", "/python/"), ("/gone/", "/python/")}


def test_build_option_runs_a_strict_mkdocs_build(project, plain):
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text(f"# Hi\n\n[a]({plain.url('/fine/built')})\n")
    (project / "mkdocs.yml").write_text("site_name: T\nsite_url: https://t.example.org/\n"
                                        "theme: mkdocs\nstrict: true\n")
    config = project / "linkcheck.toml"  # the built-in theme's CDN links: never the internet
    config.write_text('exclude = ["^https://(cdnjs[.]|www[.]mkdocs)"]\n' + config.read_text())
    out = project / "built.json"
    code = main(["--build", "--config", str(config), "--json", str(out)])
    urls = [r["url"] for r in json.loads(out.read_text())["results"]]
    assert code == 0 and urls == [plain.url("/fine/built")]


def test_malformed_url_is_exit_2_naming_page_and_line(project, capsys):
    site = project / "site" / "python"
    site.mkdir(parents=True)
    (site / "index.html").write_text('<p>\n\n<a href="https://exa mple.org/x">bad</a>')
    code = main(["--site", str(project / "site"), "--config", str(project / "linkcheck.toml")])
    error = capsys.readouterr().err
    assert code == 2 and "python/index.html:3" in error and "malformed URL" in error


def test_unknown_config_key_is_exit_2_naming_file_and_line(project, capsys):
    config = project / "linkcheck.toml"
    config.write_text(config.read_text().replace("retries = 2", "retries = 2\nretrys = 3"))
    code = main(["--site", str(project), "--config", str(config)])
    error = capsys.readouterr().err
    line = config.read_text().splitlines().index("retrys = 3") + 1
    assert code == 2 and f"{config}:{line}: unknown config key `retrys`" in error


def test_rule_without_reason_is_exit_2(project, capsys):
    config = project / "linkcheck.toml"
    config.write_text(config.read_text().replace('reason = "stands in for medium.com', 'x = "'))
    code = main(["--site", str(project), "--config", str(config)])
    assert code == 2 and "unknown key `x`" in capsys.readouterr().err


def test_missing_site_dir_is_exit_2(project, capsys):
    code = main(["--site", str(project / "nope"), "--config", str(project / "linkcheck.toml")])
    assert code == 2 and "site directory not found" in capsys.readouterr().err


def test_unknown_fail_on_level_is_exit_2(project, capsys):
    code = main(["--site", str(project), "--fail-on", "broken,dead"])
    assert code == 2 and "unknown result dead" in capsys.readouterr().err
