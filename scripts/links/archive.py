"""Wayback Machine fallback: an archived copy for every broken link and every move to review.

The availability API (`archive_endpoint`, https://archive.org/wayback/available by default)
answers `{"archived_snapshots": {"closest": {"url", "timestamp", "status", "available"}}}` for
`?url=U&timestamp=YYYYMMDD`, or the latest snapshot without a timestamp. We take the closest
snapshot from before the day the link was first added to this repository, else the latest one.
When the archive cannot be reached, the check still completes, with a warning.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag, urlencode

from . import history
from .config import Config
from .engine import Result
from .fetch import LINK_DEADLINE, Fetcher

ANSWER_BYTES = 1_000_000  # an availability answer is a few hundred bytes


class ArchiveDown(Exception):
    """The archive gave no usable answer (unreachable, an error status, not JSON)."""


@dataclass(frozen=True)
class Snapshot:
    url: str
    timestamp: str  # YYYYMMDDhhmmss


def wants_copy(result: Result) -> bool:
    return result.result == "broken" or (result.result == "moved" and result.review)


def query_url(endpoint: str, url: str, day: date | None = None) -> str:
    params = {"url": url}
    if day:
        params["timestamp"] = f"{day:%Y%m%d}"
    return endpoint + ("&" if "?" in endpoint else "?") + urlencode(params)


def parse_answer(data) -> Snapshot | None:
    """The closest usable snapshot in an availability answer, or None (nothing archived)."""
    if not isinstance(data, dict):
        raise ArchiveDown("answer is not a JSON object")
    snapshots = data.get("archived_snapshots") or {}
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or not closest.get("url"):
        return None
    status = str(closest.get("status") or "200")
    if closest.get("available") is False or status[:1] not in ("2", "3"):
        return None
    url = str(closest["url"])
    if url.startswith("http://web.archive.org/"):  # the API answers http:// links
        url = "https://" + url.removeprefix("http://")
    return Snapshot(url, str(closest.get("timestamp") or ""))


async def ask(fetcher: Fetcher, endpoint: str, url: str, day: date | None) -> Snapshot | None:
    reply = await fetcher.with_retries(query_url(endpoint, url, day), ANSWER_BYTES,
                                       html_only=False)
    if reply.error:
        raise ArchiveDown(reply.error)
    if reply.status != 200:
        raise ArchiveDown(f"HTTP {reply.status}")
    try:
        return parse_answer(json.loads(reply.body or b""))
    except ValueError:
        raise ArchiveDown("answer is not JSON") from None


async def snapshot_for(fetcher: Fetcher, endpoint: str, url: str,
                       added: date | None) -> Snapshot | None:
    """The closest snapshot before the day `url` was added here, else the latest one."""
    if added:
        found = await ask(fetcher, endpoint, url, added)
        if found is None or found.timestamp[:8] <= f"{added:%Y%m%d}":
            return found  # None: nothing archived at all, so there is no latest either
    return await ask(fetcher, endpoint, url, None)


async def add_archive_urls(results: list[Result], fetcher: Fetcher, config: Config) -> list[str]:
    """Set `archive_url` on every result that wants a copy; return warnings (archive down)."""
    targets = [r for r in results if wants_copy(r)]
    bases = sorted({urldefrag(r.url)[0] for r in targets})
    if not bases:
        return []
    added = history.first_added(config.own_repo_root, bases)
    found: dict[str, Snapshot | None] = {}
    down: list[str] = []
    turns = asyncio.Semaphore(config.per_host)

    async def one(base: str) -> None:
        async with turns:
            if down:  # stop asking once the archive has failed
                return
            try:
                async with asyncio.timeout(config.link_deadline) as deadline:
                    LINK_DEADLINE.set(deadline)
                    found[base] = await snapshot_for(fetcher, config.archive_endpoint, base,
                                                     added.get(base))
            except ArchiveDown as error:
                down.append(str(error))
            except TimeoutError:
                down.append(f"no answer within {config.link_deadline:g} s")

    await one(bases[0])  # a first lookup on its own: an archive that is down costs one link
    await asyncio.gather(*(one(base) for base in bases[1:]))
    for result in targets:
        base, fragment = urldefrag(result.url)
        snapshot = found.get(base)
        if snapshot:
            result.archive_url = snapshot.url + (f"#{fragment}" if fragment else "")
    if not down:
        return []
    missed = len(bases) - len(found)
    return [f"archive lookup failed ({config.archive_endpoint}: {down[0]}); "
            f"{missed} of {len(bases)} link(s) were not looked up, so they have no archived copy"]
