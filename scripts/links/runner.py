"""Check many URLs concurrently with one shared HTTP client."""

from __future__ import annotations

import asyncio
import importlib.util
import ssl
import sys
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import httpcore
import httpx

from . import archive, rules
from . import cache as result_cache
from .config import Config
from .engine import Checker, Result
from .netio import AsyncioBackend


@dataclass
class CheckRun:
    results: list[Result]
    warnings: list[str] = field(default_factory=list)


class HostPools(httpx.AsyncBaseTransport):
    """One small connection pool per host (scheme, host, port), all sharing one TLS context.

    httpcore scans its whole pool on every request and every response close, so a single pool
    of `concurrency` connections to many hosts costs more CPU than the checks themselves. Our
    Limiter already caps requests per host and in total; each pool just keeps its connections.
    """

    def __init__(self, config: Config):
        self.tls: ssl.SSLContext | None = None  # made on the first https URL (loading CAs)
        self.limits = httpx.Limits(max_connections=config.concurrency,
                                   max_keepalive_connections=max(config.per_host, 1))
        self.pools: dict[tuple, httpx.AsyncHTTPTransport] = {}

    def pool(self, url: httpx.URL) -> httpx.AsyncHTTPTransport:
        key = (url.scheme, url.host, url.port)
        if key not in self.pools:
            if url.scheme == "https" and self.tls is None:
                self.tls = httpx.create_ssl_context(trust_env=False)
            # A plain-http pool never uses TLS; it gets a bare context instead of the CA store.
            tls = self.tls if url.scheme == "https" else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            self.pools[key] = asyncio_transport(tls, self.limits)
        return self.pools[key]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.pool(request.url).handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self.pools.values():
            await pool.aclose()


def asyncio_transport(tls: ssl.SSLContext, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    """httpx's transport, its connection pool built as httpx builds it but on asyncio streams."""
    transport = httpx.AsyncHTTPTransport(verify=tls, limits=limits, trust_env=False)
    if not isinstance(getattr(transport, "_pool", None), httpcore.AsyncConnectionPool):
        raise RuntimeError(f"httpx {httpx.__version__} keeps its connection pool elsewhere: update "
                           "asyncio_transport in scripts/links/runner.py (or pin httpx 0.28)")
    transport._pool = httpcore.AsyncConnectionPool(  # httpx 0.28 has no network_backend option
        ssl_context=tls, max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry, network_backend=AsyncioBackend())
    return transport


def mark_sniffio_absent() -> None:
    """httpcore tries `import sniffio` (optional) for every lock it makes; when the package is
    not installed, each try searches sys.path again, a good share of the checker's CPU time.
    A None entry in sys.modules makes the import fail at once, with the same outcome."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None


def make_client(config: Config) -> httpx.AsyncClient:
    mark_sniffio_absent()
    timeout = httpx.Timeout(config.read_timeout, connect=config.connect_timeout)
    # trust_env=False: no proxy or netrc from the environment changes what a URL answers.
    headers = {"User-Agent": config.user_agent, "Accept-Language": "en"}
    return httpx.AsyncClient(headers=headers, timeout=timeout, transport=HostPools(config),
                             follow_redirects=False, trust_env=False)


def by_page(urls) -> dict[str, list[str]]:
    """URLs grouped by what is requested: the URL without its #fragment."""
    groups: dict[str, list[str]] = {}
    for url in urls:
        groups.setdefault(urldefrag(url)[0], []).append(url)
    return groups


def mark_same_landing(results: list[Result]) -> None:
    """Three or more different deep links on one host redirected to one URL: soft 404s."""
    redirected: dict[str, str] = {}
    for result in results:
        if result.result in ("ok", "moved") and result.final_url:
            base, final = urldefrag(result.url)[0], urldefrag(result.final_url)[0]
            if final != base:
                redirected[base] = final
    crowded = rules.same_landing(redirected)
    for result in results:
        base = urldefrag(result.url)[0]
        final = redirected.get(base)
        if final in crowded and base in crowded[final]:
            host = urlsplit(base).netloc
            result.result, result.suggestion, result.review = "broken", None, False
            result.reason = (f"soft 404: {len(crowded[final])} different links on {host} "
                             f"all redirect to {final}")


async def check_urls(links: dict[str, list[str]], config: Config,
                     cached: dict[str, Result] | None = None) -> CheckRun:
    """One Result per URL, in the order of `links`; `cached` results are reused as they are.

    One request (chain) per page: URLs that differ only in their #fragment share it.
    """
    cached = cached or {}
    async with make_client(config) as client:
        checker = Checker(client, config)
        groups = by_page(url for url in links if url not in cached)
        checked = await asyncio.gather(*(checker.check_group(urls) for urls in groups.values()))
        fresh = {result.url: result for group in checked for result in group}
        results = []
        for url, pages in links.items():
            result = cached.get(url) or fresh[url]
            result.pages = pages
            results.append(result)
        mark_same_landing(results)
        warnings = []
        if config.archive:
            warnings = await archive.add_archive_urls(results, checker.fetcher, config)
    return CheckRun(results, warnings)


def run_checks(links: dict[str, list[str]], config: Config, cache_file: Path | None = None,
               max_age_hours: float = 24.0) -> CheckRun:
    """Apply the exclude list and the cache, then check the rest."""
    links = {u: p for u, p in links.items() if not any(x.search(u) for x in config.exclude)}
    cached: dict[str, Result] = {}
    if cache_file:
        entries = result_cache.load_cache(cache_file)
        age = timedelta(hours=max_age_hours)
        for url, pages in links.items():
            hit = result_cache.reuse(entries, url, pages, age)
            if hit:
                cached[url] = hit
    return asyncio.run(check_urls(links, config, cached))
