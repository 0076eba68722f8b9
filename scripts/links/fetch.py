"""One HTTP request with limits (per host, total, deadline, body cap), and its retries."""

from __future__ import annotations

import asyncio
import ssl
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from . import rules
from .config import Config

# getaddrinfo's "name not found" codes; EAI_AGAIN ("temporary failure") stays retryable.
DNS_GONE = ("Name or service not known", "nodename nor servname", "No address associated")


# The running link's deadline (an asyncio.timeout), paused while the link queues.
LINK_DEADLINE: ContextVar[asyncio.Timeout | None] = ContextVar("LINK_DEADLINE", default=None)


def pause_deadline() -> float | None:
    """Stop the link's clock while it queues for a host slot; returns the time it had left."""
    deadline = LINK_DEADLINE.get()
    if deadline is None or deadline.when() is None:
        return None
    left = deadline.when() - asyncio.get_running_loop().time()
    deadline.reschedule(None)
    return left


def resume_deadline(left: float | None) -> None:
    deadline = LINK_DEADLINE.get()
    if deadline is not None and left is not None:
        deadline.reschedule(asyncio.get_running_loop().time() + max(left, 0.0))


@dataclass
class Reply:
    """What one request gave: a response (status, headers, a capped body) or an error."""

    url: str
    status: int | None = None
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    body: bytes | None = None
    truncated: bool = False
    error: str | None = None
    permanent_error: bool = False

    @property
    def is_html(self) -> bool:
        return "html" in self.headers.get("content-type", "").lower()


class Limiter:
    """At most `per_host` requests per host and `total` overall; optional gap per host."""

    def __init__(self, config: Config):
        self.total = asyncio.Semaphore(config.concurrency)
        self.default = config.per_host
        self.hosts: dict[str, tuple[asyncio.Semaphore, float]] = {}  # netloc: (slots, gap)
        self.last: dict[str, float] = {}
        self.polite = [r for r in config.rules if r.kind == "polite"]

    def _policy(self, netloc: str) -> tuple[int, float]:
        for rule in rules.rules_for(self.polite, netloc):
            return rule.options.get("per_host", 1), float(rule.options.get("min_interval", 0))
        return self.default, 0.0

    def host(self, netloc: str) -> tuple[asyncio.Semaphore, float]:
        """The host's slots and gap, its rules matched once (fnmatch per request adds up)."""
        if netloc not in self.hosts:
            limit, gap = self._policy(netloc)
            self.hosts[netloc] = asyncio.Semaphore(limit), gap
        return self.hosts[netloc]

    async def wait_turn(self, netloc: str, gap: float) -> None:
        """Politeness: start a request `gap` seconds after the host's last start or answer."""
        if gap:
            delay = self.last.get(netloc, 0.0) + gap - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        self.last[netloc] = time.monotonic()

    def done(self, netloc: str) -> None:
        # Counting the gap from the answer, not only from our start, keeps it a gap for the
        # server too: a start delayed on its way (a slow connect) cannot shorten it.
        self.last[netloc] = time.monotonic()


class Fetcher:
    def __init__(self, client: httpx.AsyncClient, config: Config):
        self.client = client
        self.config = config
        self.limiter = Limiter(config)

    async def once(self, url: str, body_limit: int, html_only: bool = True) -> Reply:
        """GET `url` (streamed), reading at most `body_limit` bytes of an HTML body."""
        netloc = urlsplit(url).netloc
        host_sem, gap = self.limiter.host(netloc)
        left = pause_deadline()  # queueing behind other links must not eat this one's time
        async with host_sem, self.limiter.total:
            await self.limiter.wait_turn(netloc, gap)
            resume_deadline(left)
            try:
                async with asyncio.timeout(self.config.attempt_deadline):
                    return await self._get(url, body_limit, html_only)
            except TimeoutError:
                return Reply(url, error=f"no full answer within {self.config.attempt_deadline:g} s")
            except httpx.TimeoutException:
                return Reply(url, error="timed out")
            except httpx.ConnectError as error:
                return connect_failure(url, error)
            except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError) as error:
                if "location header" in str(error).lower():  # httpx parses Location itself
                    return Reply(url, error=f"redirect to an invalid URL: {error}",
                                 permanent_error=True)
                return Reply(url, error=f"connection reset ({type(error).__name__})")
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                return Reply(url, error=f"{type(error).__name__}: {error}", permanent_error=True)
            finally:
                if gap:
                    self.limiter.done(netloc)

    async def _get(self, url: str, body_limit: int, html_only: bool) -> Reply:
        request = self.client.build_request("GET", url)
        response = await self.client.send(request, stream=True)
        try:
            reply = Reply(url, response.status_code, response.headers)
            if body_limit and (reply.is_html or not html_only) and 200 <= reply.status < 300:
                reply.body, reply.truncated = await read_capped(response, body_limit)
            return reply
        finally:
            await response.aclose()

    async def with_retries(self, url: str, body_limit: int, html_only: bool = True) -> Reply:
        """Retry 5xx, resets and timeouts with backoff; wait out a 429's Retry-After."""
        reply = Reply(url)
        for attempt in range(self.config.retries + 1):
            reply = await self.once(url, body_limit, html_only)
            wait = self.retry_wait(reply, attempt)
            if wait is None or attempt == self.config.retries:
                return reply
            await asyncio.sleep(wait)
        return reply

    def retry_wait(self, reply: Reply, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None when the reply is final."""
        backoff = self.config.backoff * 2**attempt
        if reply.error:
            return None if reply.permanent_error else backoff
        if reply.status == 429:
            asked = rules.retry_after_seconds(reply.headers.get("retry-after"))
            if asked is not None and asked > self.config.retry_after_cap:
                return None
            return backoff if asked is None else asked
        return backoff if reply.status >= 500 else None


async def read_capped(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """At most `limit` bytes of the body; True when more was left unread."""
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


def error_chain(error: BaseException) -> list[BaseException]:
    """The error and its causes (httpx wraps the OS error two levels down)."""
    chain = []
    while error is not None and len(chain) < 10:
        chain.append(error)
        error = error.__cause__ or error.__context__
    return chain


def connect_failure(url: str, error: httpx.ConnectError) -> Reply:
    """DNS 'no such name' and 'connection refused' are final; other connect errors retry."""
    chain = error_chain(error)
    text = " | ".join(str(e) for e in chain)
    if any(marker in text for marker in DNS_GONE):
        return Reply(url, error=f"DNS failure: {error}", permanent_error=True)
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in chain):
        return Reply(url, error=f"TLS certificate rejected: {error}", permanent_error=True)
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return Reply(url, error="connection refused", permanent_error=True)
    return Reply(url, error=f"connection failed: {text}")
