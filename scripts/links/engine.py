"""Classify URLs: follow redirects and meta refreshes, apply host rules, check fragments."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

import httpx

from . import rules
from .config import Config, Rule
from .fetch import LINK_DEADLINE, Fetcher, Reply

HEAD_BYTES = 65_536  # enough for the page head: a meta refresh, the title, the first heading


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
    review: bool = False  # a move a person should look at: old and new paths share no word
    archive_url: str | None = None  # a Wayback Machine copy (broken, or moved with review)
    headers: httpx.Headers | None = field(default=None, repr=False)


@dataclass
class Chain:
    """Where following one URL's redirects and meta refreshes ended."""

    reply: Reply | None = None
    hops: int = 0
    moved_to: str | None = None  # the end of the leading permanent hops: the new address
    scan: rules.PageScan | None = None  # the final HTML page, read once for every fragment
    failure: Result | None = None  # a loop or too many redirects


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


def for_url(result: Result, url: str) -> Result:
    """A copy of one URL's result for another URL that differs only in its #fragment."""
    if url == result.url:
        return result
    final = url if result.final_url == result.url else result.final_url
    return replace(result, url=url, final_url=final, pages=[])


class Checker:
    def __init__(self, client: httpx.AsyncClient, config: Config):
        self.config = config
        self.fetcher = Fetcher(client, config)
        self.host_rules: dict[str, list[Rule]] = {}  # netloc: its rules, matched once

    def rules_for(self, netloc: str) -> list[Rule]:
        if netloc not in self.host_rules:
            self.host_rules[netloc] = rules.rules_for(self.config.rules, netloc)
        return self.host_rules[netloc]

    async def check(self, url: str) -> Result:
        return (await self.check_group([url]))[0]

    async def check_group(self, urls: list[str]) -> list[Result]:
        """Check URLs that differ only in their #fragment with one request (chain).

        Every fragment is looked up in the one body; host rules adjust each outcome. The
        per-link deadline covers the whole group.
        """
        matched = self.rules_for(urlsplit(urls[0]).netloc)
        try:
            async with asyncio.timeout(self.config.link_deadline) as deadline:
                LINK_DEADLINE.set(deadline)
                results = await self._dispatch(urls, matched)
        except TimeoutError:
            reason = f"gave up after {self.config.link_deadline:g} s"
            results = [Result(url, "flaky", reason=reason) for url in urls]
        checked = now_iso()
        for result in results:
            apply_post_rules(result, matched)
            result.checked_at = checked
        return results

    async def _dispatch(self, urls: list[str], matched: list[Rule]) -> list[Result]:
        url = urls[0]
        rule = rules.check_rule(matched)
        colab = bool(rule and rule.kind == "colab-github")
        own = rules.own_repo_path(url, self.config.own_repo_url, colab)
        if own is not None:
            result = self.check_own_repo(url, own)
        elif rule and rule.kind == "colab-github" and rules.colab_github_parts(url):
            result = await self.check_colab(url, rule)
        elif rule and rule.kind == "youtube-oembed" and rules.is_youtube_video(url):
            result = await self.check_oembed(url, rule)
        elif rule and rule.kind == "stackexchange-api" and rules.stackexchange_question(url):
            result = await self.check_stackexchange(url, rule)
        else:
            return await self.follow(urls)
        return [for_url(result, other) for other in urls]

    def check_own_repo(self, url: str, path: str) -> Result:
        """Our own GitHub/Colab links: the file must exist in this checkout."""
        local = Path(self.config.own_repo_root) / path
        if local.exists():
            return Result(url, "ok", reason=f"own repository: {path or '.'} exists locally")
        return Result(url, "broken", reason=f"own repository: {path} is not in the checkout")

    def fragment_to_check(self, url: str) -> str:
        """The #fragment to look up, or '' (none, or a client-side one that is skipped)."""
        fragment = urldefrag(url)[1]
        if fragment and not rules.fragment_skipped(
                self.config.skip_fragments, urlsplit(url).netloc, fragment):
            return fragment
        return ""

    async def follow(self, urls: list[str]) -> list[Result]:
        """One request chain for a URL and all its #fragments, then a result for each."""
        base = urldefrag(urls[0])[0]
        fragments = {url: self.fragment_to_check(url) for url in urls}
        # An HTML body is read only as far as needed: its head (a meta refresh, the title and
        # the first heading), or up to the body cap when some fragment has to be looked up.
        body_limit = self.config.max_body_bytes if any(fragments.values()) else HEAD_BYTES
        chain = await self.walk(base, body_limit)
        return [keep_fragment(self.classify(url, base, chain, fragments[url]),
                              urldefrag(url)[1]) for url in urls]

    async def walk(self, base: str, body_limit: int) -> Chain:
        """Follow redirects and meta refreshes by hand so moves, loops and soft 404s show."""
        seen, current, chain, leading = [base], base, Chain(), True
        while True:
            reply = await self.fetcher.with_retries(current, body_limit)
            scan = rules.scan_html(reply.body, reply.url) if reply.body is not None else None
            target, permanent = self.next_hop(reply, scan)
            if target is None:
                chain.reply, chain.scan = reply, scan
                return chain
            chain.hops += 1
            leading = leading and permanent
            if leading:
                chain.moved_to = target
            if seen.count(target) >= 2:  # one revisit is allowed: cookie-setting bounces
                chain.failure = Result(base, "broken", reply.status, target, "redirect loop")
                return chain
            if chain.hops > self.config.max_redirects:
                chain.failure = Result(base, "broken", reply.status, target, "too many redirects")
                return chain
            seen.append(target)
            current = target

    @staticmethod
    def next_hop(reply: Reply, scan: rules.PageScan | None) -> tuple[str | None, bool]:
        """The next URL and whether the hop is permanent (301, 308, meta refresh)."""
        if reply.error or reply.status is None:
            return None, False
        if reply.status in rules.REDIRECTS and reply.headers.get("location"):
            target = urldefrag(urljoin(reply.url, reply.headers["location"]))[0]
            return target, reply.status in rules.PERMANENT
        if scan is not None and scan.refresh and urldefrag(scan.refresh)[0] != reply.url:
            return urldefrag(scan.refresh)[0], True
        return None, False

    def classify(self, url: str, base: str, chain: Chain, fragment: str) -> Result:
        if chain.failure:
            return replace(chain.failure, url=url)
        reply, scan = chain.reply, chain.scan
        via = "redirect chain ends in " if chain.hops else ""
        if reply.error or not 200 <= reply.status < 300:
            return from_reply(url, reply, via)
        final = reply.url
        if chain.hops:
            title, heading = (scan.title, scan.heading) if scan else (None, None)
            soft = rules.soft_404_reason(base, final, title, heading)
            if soft:
                return Result(url, "broken", reply.status, final, soft)
        if fragment:
            missing = self.fragment_problem(reply, scan, fragment)
            if missing:
                return Result(url, missing[0], reply.status, final, missing[1])
        if chain.moved_to:
            review = rules.review_reason(base, chain.moved_to)
            reason = "moved permanently" + (f"; {review}" if review else "")
            return Result(url, "moved", reply.status, final, reason,
                          suggestion=chain.moved_to, review=bool(review))
        reason = "ok after a temporary redirect" if chain.hops else "ok"
        return Result(url, "ok", reply.status, final, reason)

    def fragment_problem(self, reply: Reply, scan: rules.PageScan | None,
                         fragment: str) -> tuple[str, str] | None:
        if scan is None:
            return None  # not HTML: nothing to look up
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
