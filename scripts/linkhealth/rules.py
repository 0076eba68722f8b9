"""Pure decision helpers: host rules, Colab and repo paths, soft 404s, fragments, headers."""

from __future__ import annotations

import fnmatch
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from .config import Rule, SkipFragment

PERMANENT = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}
CHECK_KINDS = {"colab-github", "youtube-oembed", "stackexchange-api"}
STOPWORDS = {"the", "and", "for", "with", "www", "html", "htm", "php", "index", "com", "org"}


def host_matches(pattern: str, netloc: str) -> bool:
    """Match `host` patterns; a pattern with a port (127.0.0.1:8123) matches host:port."""
    netloc = netloc.lower()
    host = netloc.rsplit(":", 1)[0] if not netloc.endswith("]") else netloc
    target = netloc if ":" in pattern else host
    return fnmatch.fnmatchcase(target, pattern)


def rules_for(rules: list[Rule], netloc: str) -> list[Rule]:
    return [rule for rule in rules if any(host_matches(p, netloc) for p in rule.hosts)]


def check_rule(rules: list[Rule]) -> Rule | None:
    """The first rule that replaces the plain HTTP check (Colab, YouTube, Stack Exchange)."""
    return next((rule for rule in rules if rule.kind in CHECK_KINDS), None)


def fragment_skipped(skips: list[SkipFragment], netloc: str, fragment: str) -> bool:
    """Client-side fragments (Colab #scrollTo=, app state) are never element ids."""
    return any(
        skip.pattern.search(fragment) and any(host_matches(h, netloc) for h in skip.hosts)
        for skip in skips
    )


def colab_github_parts(url: str) -> tuple[str, str, str, str] | None:
    """(owner, repo, branch, path) of a Colab /github/OWNER/REPO/blob/BRANCH/PATH link."""
    match = re.match(r"^/github/([^/]+)/([^/]+)/blob/([^/]+)/(.+)$", urlsplit(url).path)
    return match.groups() if match else None


def own_repo_path(url: str, repo_url: str, colab: bool = False) -> str | None:
    """Path inside our own repository that a GitHub (or, if `colab`, Colab) link points at."""
    if not repo_url:
        return None
    repo = urlsplit(repo_url)
    owner_repo = repo.path.strip("/")
    parts = urlsplit(url)
    colab_parts = colab_github_parts(url) if colab else None
    if colab_parts:
        owner, name, _branch, path = colab_parts
        return unquote(path) if f"{owner}/{name}" == owner_repo else None
    if parts.netloc.lower() != repo.netloc.lower():
        return None
    path = parts.path.strip("/")
    if path == owner_repo:
        return ""
    match = re.match(rf"^{re.escape(owner_repo)}/(?:blob|edit|tree|raw)/[^/]+/?(.*)$", path)
    return unquote(match.group(1)) if match else None


def is_youtube_video(url: str) -> bool:
    """Videos and playlists (oEmbed knows them); channel pages are checked plainly."""
    parts = urlsplit(url)
    path = parts.path
    if (parts.hostname or "").endswith("youtu.be"):
        return len(path.strip("/")) > 0
    return path in ("/watch", "/playlist") or path.startswith(("/shorts/", "/embed/", "/live/"))


def stackexchange_question(url: str) -> tuple[str, str] | None:
    """(site, question id) for askubuntu.com/questions/123/... and friends."""
    parts = urlsplit(url)
    match = re.match(r"^/(?:questions|q)/(\d+)", parts.path)
    if not match:
        return None
    host = parts.hostname or ""
    host = host.removeprefix("www.")
    site = host.split(".")[0] if host.endswith(".stackexchange.com") else host.rsplit(".", 1)[0]
    return site, match.group(1)


def suggestion_from_template(template: str, url: str) -> str:
    """Fill `{path}` (with query) of `url` into a rule's suggestion template."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return template.replace("{path}", path)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def is_cloudflare(headers) -> bool:
    return "cf-ray" in headers or "cloudflare" in headers.get("server", "").lower()


def tokens(text: str) -> set[str]:
    words = re.split(r"[^a-z]+", unquote(text).lower())
    return {w for w in words if len(w) >= 3 and w not in STOPWORDS}


def is_home(path: str) -> bool:
    """'/', '/index.html' or a bare language root like '/en/' or '/de-de/'."""
    clean = path.strip("/")
    return clean in ("", "index.html") or bool(re.fullmatch(r"[a-z]{2}(-[a-z]{2})?", clean))


def soft_404_reason(original: str, final: str) -> str | None:
    """Why a redirect from a deep link to `final` means the page is gone, or None."""
    before, after = urlsplit(original), urlsplit(final)
    if is_home(before.path):
        return None
    if is_home(after.path) and not after.query:
        return "soft 404: a deep link redirects to the site's home page"
    slug = PurePosixPath(before.path.rstrip("/")).name
    if tokens(slug) and not tokens(slug) & tokens(after.path + " " + after.query):
        return f"soft 404: redirects to an unrelated page ({after.path or '/'})"
    return None


class PageScan(HTMLParser):
    """Collects element ids/names and the meta-refresh target of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refresh: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag in ("a", "map", "iframe", "form")):
                self.ids.add(values[key])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.refresh = refresh_target(values.get("content") or "")


def refresh_target(content: str) -> str | None:
    """URL of `<meta http-equiv=refresh content="0; url=...">`, or None."""
    match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", content, re.IGNORECASE)
    return match.group(1).strip() if match else None


def scan_html(body: bytes, base_url: str) -> PageScan:
    scan = PageScan()
    scan.feed(body.decode("utf-8", errors="replace"))
    scan.close()
    if scan.refresh:
        scan.refresh = urljoin(base_url, scan.refresh)
    return scan


def fragment_found(scan: PageScan, fragment: str, prefixes: list[str]) -> bool:
    wanted = unquote(fragment)
    return any(prefix + wanted in scan.ids for prefix in ["", *prefixes])
