"""Page-speed audit: serve the built site with gzip, run Lighthouse, check the budgets.

    python -m scripts.benchmarks.audit_pages [--site DIR | --build] [--pages home,section,notebook]
                                  [--form-factors mobile,desktop] [--weights-only] [--json FILE]

Prints the four Lighthouse category scores and the page weights (gzipped HTML, total transfer)
for each page and form factor, then every budget it breaks. Exit codes: 0 within budget,
1 a budget is broken, 2 a usage or set-up error (no Lighthouse, no Chromium, a failed build).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.benchmarks.bench_record import record
from scripts.build.local_site import mkdocs_build, serve

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE_DIR = ROOT / "tools" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-background-networking --disable-dev-shm-usage"
PAGES = {
    "home": "",
    "section": "neural-network-basics/",
    "notebook": "notebooks/01-first-neural-network/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HTML_BUDGET_KB = {"home": 15, "section": 15, "notebook": 40}
MOBILE_BUDGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


class UsageError(Exception):
    """Bad arguments or a missing tool; exit code 2."""


def build_site(site_dir: Path, site_url: str) -> None:
    result = mkdocs_build(ROOT, site_dir, {"SITE_URL": site_url})
    if result.returncode != 0:
        raise UsageError(f"mkdocs build failed:\n{result.stderr[-3000:]}")


def html_gzip_bytes(site_dir: Path, path: str) -> int:
    page = site_dir / path / "index.html"
    if not page.is_file():
        raise UsageError(f"{page} does not exist; build the site first (or pass --build)")
    return len(gzip.compress(page.read_bytes(), compresslevel=6))


def lighthouse(url: str, form_factor: str) -> dict:
    """Run the pinned Lighthouse CLI on `url`; return {category: score 0-100, 'transfer': bytes}."""
    if not LIGHTHOUSE_CLI.is_file():
        raise UsageError(f"Lighthouse is not installed: run `npm ci --prefix {LIGHTHOUSE_DIR}`")
    command = ["node", str(LIGHTHOUSE_CLI), url, "--output=json", "--output-path=stdout",
               "--quiet", f"--chrome-flags={CHROME_FLAGS}",
               f"--only-categories={','.join(CATEGORIES)}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise UsageError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["transfer"] = int(report["audits"]["total-byte-weight"]["numericValue"])
    scores["failed_audits"] = failed_audits(report)
    return scores


def failed_audits(report: dict) -> list[str]:
    """Ids of scored audits below 1 outside performance: what to fix when a 100 slips."""
    failed = []
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed.append(f"{name}:{ref['id']}")
    return failed


def budget_breaches(rows: list[dict]) -> list[str]:
    breaches = []
    for row in rows:
        limit = HTML_BUDGET_KB[row["page"]] * 1000
        if row["html_gzip"] >= limit:
            breaches.append(f"{row['page']}: HTML {row['html_gzip']} B gzipped >= {limit} B")
        if row.get("form_factor") == "mobile":
            for name, minimum in MOBILE_BUDGET.items():
                if row[name] < minimum:
                    breaches.append(f"{row['page']} mobile: {name} {row[name]} < {minimum}")
    return breaches


def audit(site_dir: Path, base_url: str, pages: list[str], form_factors: list[str],
          weights_only: bool) -> list[dict]:
    rows = []
    for page in pages:
        weight = {"page": page, "html_gzip": html_gzip_bytes(site_dir, PAGES[page])}
        if weights_only:
            rows.append(weight)
            continue
        for form_factor in form_factors:
            scores = lighthouse(base_url + PAGES[page], form_factor)
            rows.append({**weight, "form_factor": form_factor, **scores})
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| Page | Form factor | Perf | A11y | Best pr. | SEO | HTML gzip | Transfer |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        scores = [str(row.get(name, "-")) for name in CATEGORIES]
        transfer = f"{row['transfer'] / 1000:.1f} KB" if "transfer" in row else "-"
        lines.append(f"| {row['page']} | {row.get('form_factor', '-')} | {' | '.join(scores)} "
                     f"| {row['html_gzip'] / 1000:.1f} KB | {transfer} |")
    return "\n".join(lines)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--site", type=Path, default=ROOT / "site", help="built site (./site)")
    source.add_argument("--build", action="store_true", help="build the site first")
    parser.add_argument("--pages", default=",".join(PAGES), help="home,section,notebook")
    parser.add_argument("--form-factors", default="mobile,desktop", help="mobile,desktop")
    parser.add_argument("--weights-only", action="store_true", help="skip Lighthouse")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args(argv)
    args.pages = args.pages.split(",")
    args.form_factors = args.form_factors.split(",")
    unknown = set(args.pages) - set(PAGES) | set(args.form_factors) - {"mobile", "desktop"}
    if unknown:
        parser.error(f"unknown page or form factor: {sorted(unknown)}")
    return args


def run(args) -> tuple[list[dict], list[str]]:
    with tempfile.TemporaryDirectory() as temp:
        site_dir = Path(temp) / "site" if args.build else args.site
        site_dir.mkdir(parents=True, exist_ok=True)
        if not (args.build or (site_dir / "index.html").is_file()):
            raise UsageError(f"{site_dir} holds no built site; run `make build` or pass --build")
        with serve(site_dir) as base_url:
            if args.build:
                build_site(site_dir, base_url)
            rows = audit(site_dir, base_url, args.pages, args.form_factors, args.weights_only)
    return rows, budget_breaches(rows)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        rows, breaches = run(args)
    except (UsageError, subprocess.TimeoutExpired) as error:
        print(f"audit_pages: {error}", file=sys.stderr)
        return 2
    print(table(rows))
    for row in rows:
        if row.get("failed_audits"):
            print(f"{row['page']} {row['form_factor']} failing audits: {row['failed_audits']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    record("pages", {"rows": rows, "over_budget": breaches})
    for breach in breaches:
        print(f"OVER BUDGET: {breach}")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
