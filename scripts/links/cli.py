"""Command line: collect, check, report; exit 0 (pass), 1 (something fails), 2 (usage error)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from . import RESULTS, report
from .collect import CollectError, links_to_check
from .config import ConfigError, load_config, site_url_from_mkdocs
from .runner import run_checks

ROOT = Path(__file__).resolve().parents[2]


def linkchecker_version() -> str:
    """Looked up only with --internal: scanning the installed packages takes a while."""
    import importlib.metadata

    return importlib.metadata.version("LinkChecker")


class UsageError(Exception):
    pass


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="check_links.py", description=__doc__)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--site", type=Path, help="built site folder (default: site/)")
    source.add_argument("--build", action="store_true", help="run a strict mkdocs build first")
    parser.add_argument("--config", type=Path, default=ROOT / "linkcheck.toml")
    parser.add_argument("--json", type=Path, help="write the JSON report here")
    parser.add_argument("--markdown", type=Path, help="write the Markdown report here")
    parser.add_argument("--fail-on", default="broken",
                        help="comma-separated results that fail the run (default: broken)")
    parser.add_argument("--mode", choices=("full", "pr"), default="full",
                        help="pr: only broken URLs not already broken in --baseline fail")
    parser.add_argument("--baseline", type=Path, help="earlier JSON report (for --mode pr)")
    parser.add_argument("--cache", type=Path,
                        help="earlier JSON report whose recent ok results are reused")
    parser.add_argument("--max-age", type=float, default=24.0, help="cache age limit in hours")
    parser.add_argument("--internal", action="store_true",
                        help="also crawl the site's own links and anchors with LinkChecker")
    parser.add_argument("--site-url", help="our own site URL; links under it are not external")
    return parser.parse_args(argv)


def fail_levels(text: str) -> set[str]:
    levels = {part.strip() for part in text.split(",") if part.strip()}
    unknown = levels - set(RESULTS) - {"none"}
    if unknown:
        raise UsageError(f"--fail-on: unknown result {', '.join(sorted(unknown))}; "
                         f"use a comma-separated list of {', '.join(RESULTS)} (or none)")
    return levels - {"none"}


def build_site(project: Path, out: Path) -> Path:
    from scripts.build.local_site import project_env  # only --build needs it: keep start-up light

    env = project_env(project)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if done.returncode:
        raise UsageError(f"mkdocs build --strict failed:\n{done.stderr[-3000:]}")
    return out


def failing_urls(results, levels: set[str], mode: str, baseline: Path | None) -> list:
    failing = [r for r in results if r.result in levels]
    if mode == "pr" and baseline:
        from .cache import load_cache  # the baseline has the cache's file format

        known = load_cache(baseline)
        failing = [r for r in failing if known.get(r.url, {}).get("result") != r.result]
    return failing


def run(args) -> int:
    levels = fail_levels(args.fail_on)
    config = load_config(args.config)
    project = Path(config.own_repo_root)
    own = [args.site_url or os.environ.get("SITE_URL")
           or site_url_from_mkdocs(project / "mkdocs.yml")]
    with tempfile.TemporaryDirectory(prefix="linkcheck-site-") as temp:
        site = args.site or ROOT / "site"
        if args.build:
            site = build_site(project, Path(temp) / "site")
        links = links_to_check(site, own, project)
        internal = None
        if args.internal:
            from .internal import check_internal  # LinkChecker's part, only when asked

            internal = check_internal(site)
    checked = run_checks(links, config, args.cache, args.max_age)
    results = checked.results
    failing = failing_urls(results, levels, args.mode, args.baseline)
    failing += internal if internal and "broken" in levels else []
    write_reports(args, results, internal, levels, checked.warnings)
    print(report.to_console(results, internal, checked.warnings))
    for warning in checked.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if failing:
        print(f"FAILED: {len(failing)} link(s) are {'/'.join(sorted(levels))}", file=sys.stderr)
    return 1 if failing else 0


def write_reports(args, results, internal, levels, warnings=()) -> None:
    tool = f"scripts.links.check_links (httpx {httpx.__version__})"
    if internal is not None:
        tool += f" + LinkChecker {linkchecker_version()} (internal links)"
    if args.json:
        report.write_json(args.json, results, tool, internal, warnings)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        text = report.to_markdown(results, levels, internal, warnings)
        args.markdown.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    try:
        return run(parse_args(argv))
    except (UsageError, ConfigError, CollectError) as error:
        print(f"check_links.py: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - any crash is exit 2, never a false pass or fail
        print(f"check_links.py: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
