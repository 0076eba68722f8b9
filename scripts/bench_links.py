"""Benchmark: our checker vs plain LinkChecker on 150 URLs over 40 slow local hosts.

Every host (127.0.0.1 … 127.0.0.40, one server each) answers after 300 ms. Both tools get the
same page of 150 links; the wall time of each and their ratio are printed (and --json writes
them). Target: ours at most 0.5 × LinkChecker's time (median of the runs), every URL ok.
Run: .venv/bin/python scripts/bench_links.py
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import io
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_record import record

ROOT = Path(__file__).resolve().parents[1]
HOSTS, URLS, DELAY = 40, 150, 0.3
TARGET_RATIO = 0.5  # ours / plain LinkChecker


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


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return time.perf_counter() - started, done


def run_ours(site: Path, report: Path) -> tuple[float, int]:
    seconds, done = timed([sys.executable, str(ROOT / "scripts" / "check_links.py"),
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tool (median wins)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    hosts = slow_hosts()
    ours, plain = [], []
    with tempfile.TemporaryDirectory(prefix="bench-links-") as temp:
        Path(temp).chmod(0o755)
        site = Path(temp) / "site"
        write_site(site, hosts)
        for _ in range(args.repeat):  # alternate, so machine load hits both alike
            ours.append(run_ours(site, Path(temp) / "report.json"))
            plain.append(run_linkchecker(site))
    figures = {"urls": URLS, "hosts": HOSTS, "delay_s": DELAY,
               "check_links_s": [round(t, 2) for t, _ in ours],
               "linkchecker_s": [round(t, 2) for t, _ in plain],
               "check_links_ok": min(ok for _, ok in ours),
               "linkchecker_ok": min(ok for _, ok in plain)}
    best_ours = statistics.median(t for t, _ in ours)
    best_plain = statistics.median(t for t, _ in plain)
    ratio = best_ours / best_plain
    figures["ratio"] = round(ratio, 3)
    print(f"{URLS} URLs on {HOSTS} hosts, each answering after {DELAY * 1000:.0f} ms "
          f"({args.repeat} runs each, median first)")
    print(f"  scripts/check_links.py : {best_ours:6.2f} s  {figures['check_links_s']} "
          f"({figures['check_links_ok']} ok)")
    print(f"  plain linkchecker      : {best_plain:6.2f} s  {figures['linkchecker_s']} "
          f"({figures['linkchecker_ok']} ok)")
    print(f"  ratio                  : {ratio:6.2f}  (target: at most {TARGET_RATIO})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    record("links", {**figures, "budget_ratio": TARGET_RATIO})
    passed = ratio <= TARGET_RATIO and figures["check_links_ok"] == URLS
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
