"""Check many URLs concurrently with one shared HTTP client."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import httpx

from . import cache as result_cache
from .config import Config
from .engine import Checker, Result


def make_client(config: Config) -> httpx.AsyncClient:
    timeout = httpx.Timeout(config.read_timeout, connect=config.connect_timeout)
    limits = httpx.Limits(max_connections=config.concurrency,
                          max_keepalive_connections=config.concurrency)
    # trust_env=False: no proxy or netrc from the environment changes what a URL answers.
    headers = {"User-Agent": config.user_agent, "Accept-Language": "en"}
    return httpx.AsyncClient(headers=headers, timeout=timeout,
                             limits=limits, follow_redirects=False, trust_env=False)


async def check_urls(links: dict[str, list[str]], config: Config,
                     cached: dict[str, Result] | None = None) -> list[Result]:
    """One Result per URL, in the order of `links`; `cached` results are reused as they are."""
    cached = cached or {}
    async with make_client(config) as client:
        checker = Checker(client, config)

        async def one(url: str) -> Result:
            result = cached.get(url) or await checker.check(url)
            result.pages = links[url]
            return result

        return list(await asyncio.gather(*(one(url) for url in links)))


def run_checks(links: dict[str, list[str]], config: Config, cache_file: Path | None = None,
               max_age_hours: float = 24.0) -> list[Result]:
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
