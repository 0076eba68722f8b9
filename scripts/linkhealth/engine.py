"""Classify one URL: follow redirects and meta refreshes, apply host rules, check fragments."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

import httpx

from . import rules
from .config import Config, Rule
from .fetch import LINK_DEADLINE, Fetcher, Reply

HEAD_BYTES = 65_536  # enough to find a <meta http-equiv=refresh> in the page head


@dataclass
class Result:
    url: str
    result: str
    status: int | None = None
    final_url: str | None = None
    reason: str = ""
    suggestion: str | None = None
    pages: list[str] = field(default_factory=list)
    checked_at: str = ""
    headers: httpx.Headers | None = field(default=None, repr=False)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def from_reply(url: str, reply: Reply, what: str = "") -> Result:
    """Result for a final reply that is not a success."""
    if reply.error:
        kind = "broken" if reply.permanent_error else "flaky"
        return Result(url, kind, reason=f"{what}{reply.error}", final_url=reply.url)
    status = reply.status
    if status in (404, 410):
        return Result(url, "broken", status, reply.url, f"{what}HTTP {status}",
                      headers=reply.headers)
    if status == 429 or status >= 500:
        return Result(url, "flaky", status, reply.url, f"{what}HTTP {status} after retries",
                      headers=reply.headers)
    return Result(url, "broken", status, reply.url, f"{what}HTTP {status}", headers=reply.headers)


class Checker:
    def __init__(self, client: httpx.AsyncClient, config: Config):
        self.config = config
        self.fetcher = Fetcher(client, config)

    async def check(self, url: str) -> Result:
        """Check one URL within the per-link deadline; host rules adjust the outcome."""
        matched = rules.rules_for(self.config.rules, urlsplit(url).netloc)
        try:
            async with asyncio.timeout(self.config.link_deadline) as deadline:
                LINK_DEADLINE.set(deadline)
                result = await self._dispatch(url, matched)
        except TimeoutError:
            result = Result(url, "flaky", reason=f"gave up after {self.config.link_deadline:g} s")
        result = apply_post_rules(result, matched)
        result.checked_at = now_iso()
        return result

    async def _dispatch(self, url: str, matched: list[Rule]) -> Result:
        rule = rules.check_rule(matched)
        colab = bool(rule and rule.kind == "colab-github")
        own = rules.own_repo_path(url, self.config.own_repo_url, colab)
        if own is not None:
            return self.check_own_repo(url, own)
        if rule and rule.kind == "colab-github" and rules.colab_github_parts(url):
            return await self.check_colab(url, rule)
        if rule and rule.kind == "youtube-oembed" and rules.is_youtube_video(url):
            return await self.check_oembed(url, rule)
        if rule and rule.kind == "stackexchange-api" and rules.stackexchange_question(url):
            return await self.check_stackexchange(url, rule)
        return await self.follow(url)

    def check_own_repo(self, url: str, path: str) -> Result:
        """Our own GitHub/Colab links: the file must exist in this checkout."""
        local = Path(self.config.own_repo_root) / path
        if local.exists():
            return Result(url, "ok", reason=f"own repository: {path or '.'} exists locally")
        return Result(url, "broken", reason=f"own repository: {path} is not in the checkout")

    async def follow(self, url: str) -> Result:
        """Follow redirects and meta refreshes by hand so moves, loops and soft 404s show."""
        base, fragment = urldefrag(url)
        netloc = urlsplit(url).netloc
        check_fragment = bool(fragment) and not rules.fragment_skipped(
            self.config.skip_fragments, netloc, fragment)
        body_limit = self.config.max_body_bytes if check_fragment else HEAD_BYTES
        seen, current, permanent, hops = [base], base, False, 0
        while True:
            reply = await self.fetcher.with_retries(current, body_limit)
            target, moved_for_good = self.next_hop(reply)
            if target is None:
                break
            hops += 1
            permanent = permanent or moved_for_good
            if seen.count(target) >= 2:  # one revisit is allowed: cookie-setting bounces
                return Result(url, "broken", reply.status, target, "redirect loop")
            if hops > self.config.max_redirects:
                return Result(url, "broken", reply.status, target, "too many redirects")
            seen.append(target)
            current = target
        result = self.classify(url, reply, hops, permanent, fragment if check_fragment else "")
        return keep_fragment(result, fragment)

    @staticmethod
    def next_hop(reply: Reply) -> tuple[str | None, bool]:
        if reply.error or reply.status is None:
            return None, False
        if reply.status in rules.REDIRECTS and reply.headers.get("location"):
            target = urldefrag(urljoin(reply.url, reply.headers["location"]))[0]
            return target, reply.status in rules.PERMANENT
        if reply.body is not None:
            refresh = rules.scan_html(reply.body, reply.url).refresh
            if refresh and urldefrag(refresh)[0] != reply.url:
                return urldefrag(refresh)[0], True
        return None, False

    def classify(self, url: str, reply: Reply, hops: int, permanent: bool, fragment: str):
        via = "redirect chain ends in " if hops else ""
        if reply.error or not 200 <= reply.status < 300:
            return from_reply(url, reply, via)
        final = reply.url
        soft = rules.soft_404_reason(urldefrag(url)[0], reply.url) if hops else None
        if soft:
            return Result(url, "broken", reply.status, final, soft)
        if fragment:
            missing = self.fragment_problem(reply, fragment)
            if missing:
                return Result(url, missing[0], reply.status, final, missing[1])
        if permanent:
            return Result(url, "moved", reply.status, final, "moved permanently", suggestion=final)
        reason = "ok after a temporary redirect" if hops else "ok"
        return Result(url, "ok", reply.status, final, reason)

    def fragment_problem(self, reply: Reply, fragment: str) -> tuple[str, str] | None:
        if reply.body is None:
            return None  # not HTML: nothing to look up
        scan = rules.scan_html(reply.body, reply.url)
        if rules.fragment_found(scan, fragment, self.config.fragment_id_prefixes):
            return None
        if reply.truncated:
            cap = self.config.max_body_bytes
            return "unverifiable", f"#{fragment} not in the first {cap} bytes (body cap)"
        return "broken", f"no element with id or name #{fragment}"

    async def check_colab(self, url: str, rule: Rule) -> Result:
        """Colab always answers 200; ask whether the GitHub file behind it exists."""
        owner, repo, branch, path = rules.colab_github_parts(url)
        raw = f"{rule.options['github_raw'].rstrip('/')}/{owner}/{repo}/{branch}/{path}"
        reply = await self.fetcher.with_retries(raw, 0)
        if reply.status == 200:
            return Result(url, "ok", 200, url, f"notebook exists on GitHub ({rule.name})")
        return from_reply(url, reply, "GitHub file behind Colab link: ")

    async def check_oembed(self, url: str, rule: Rule) -> Result:
        """A removed video still answers 200 on its page; oEmbed answers 404 for it."""
        query = f"?url={quote(url, safe='')}&format=json"
        reply = await self.fetcher.with_retries(rule.options["endpoint"] + query, 0)
        if reply.status == 200:
            return Result(url, "ok", 200, url, f"oEmbed knows the video ({rule.name})")
        if reply.status in (401, 403):
            return Result(url, "unverifiable", reply.status, url,
                          "oEmbed refused: video private or embedding disabled")
        if reply.status in (400, 404):
            return Result(url, "broken", reply.status, url, "oEmbed: video or playlist not found")
        return from_reply(url, reply, "oEmbed: ")

    async def check_stackexchange(self, url: str, rule: Rule) -> Result:
        """Stack Exchange pages sit behind Cloudflare; its API answers scripts."""
        site, question = rules.stackexchange_question(url)
        api = f"{rule.options['api'].rstrip('/')}/2.3/questions/{question}?site={site}"
        reply = await self.fetcher.with_retries(api, self.config.max_body_bytes, html_only=False)
        if reply.status != 200:
            return from_reply(url, reply, "Stack Exchange API: ")
        items = json.loads(reply.body or b"{}").get("items", [])
        if items:
            return Result(url, "ok", 200, url, f"question {question} exists ({rule.name})")
        return Result(url, "broken", 200, url, f"Stack Exchange API: no question {question}")


def keep_fragment(result: Result, fragment: str) -> Result:
    """The final URL and the suggestion keep the link's #fragment (skipped ones too)."""
    if fragment:
        if result.final_url and "#" not in result.final_url:
            result.final_url += f"#{fragment}"
        if result.suggestion and "#" not in result.suggestion:
            result.suggestion += f"#{fragment}"
    return result


def apply_post_rules(result: Result, matched: list[Rule]) -> Result:
    """Bot walls and Cloudflare challenges become unverifiable; 404s get a known successor."""
    if result.result in ("ok", "moved"):
        return result
    for rule in matched:
        walled = result.status in rule.options.get("statuses", [403, 429, 999])
        challenged = result.status in (403, 503) and rules.is_cloudflare(result.headers or {})
        if rule.kind == "bot-wall" and walled:
            result.result, result.reason = "unverifiable", f"bot wall ({rule.name}): {rule.reason}"
        elif rule.kind == "cloudflare" and challenged:
            result.result, result.reason = "unverifiable", f"Cloudflare challenge: {rule.reason}"
        elif rule.kind == "suggest-on-404" and result.status in (404, 410):
            result.suggestion = rules.suggestion_from_template(rule.options["suggest"], result.url)
    return result
