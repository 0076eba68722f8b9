"""Pure decision helpers: host rules, Colab and repo paths, soft 404s, moves, fragments, headers."""

from __future__ import annotations

import fnmatch
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from .config import Rule, SkipFragment
from .languages import is_language_root

PERMANENT = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}
CHECK_KINDS = {"colab-github", "youtube-oembed", "stackexchange-api"}


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


# Generic path words that say nothing about what a page is; file extensions likewise.
STOPWORDS = {"the", "and", "for", "with", "www", "com", "org", "net", "index", "default",
             "html", "htm", "php", "asp", "aspx", "jsp", "pdf", "ipynb", "blog", "post", "posts",
             "doc", "docs", "wiki", "page", "pages", "article", "articles", "news", "view"}
# What a "page not found" says in its <title> or first heading (English and German, at least).
NOT_FOUND = re.compile(
    r"(?<![\w.])404(?![\w.])"
    r"|\bnot\s+found\b|\bpage\s+(?:is\s+)?missing\b|\bmissing\s+page\b"
    r"|\bpage\s+(?:does\s+not|doesn[\u2019']?t|no\s+longer)\s+exists?\b"
    r"|\bnicht\s+gefunden\b|\bseite\s+fehlt\b|\bfehlende\s+seite\b"
    r"|\bseite\s+(?:existiert\s+nicht|(?:ist\s+)?nicht\s+(?:vorhanden|verf\u00fcgbar))\b"
    r"|\bpage\s+introuvable\b|\bp\u00e1gina\s+no\s+encontrada\b",
    re.IGNORECASE,
)
SAME_LANDING = 3  # this many different deep links on one host landing on one URL: a soft 404


def stem(word: str) -> str:
    """A light English stemmer, so that 'tensors' and 'tensor' count as one word."""
    if word.endswith("ss"):
        return word
    for suffix, replacement in (("sses", "ss"), ("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def tokens(text: str) -> set[str]:
    """The words of a path (and query): letters of 3+ characters, or long numbers (ids)."""
    words = re.split(r"[^a-z0-9]+", unquote(text).lower())
    kept = set()
    for word in words:
        if word.isdigit():
            if len(word) >= 5:  # ids such as arXiv's 04026; years and page numbers say little
                kept.add(word)
        elif len(word) >= 3 and word not in STOPWORDS:
            kept.add(stem(word))
    return kept


def path_words(url: str) -> set[str]:
    return tokens(urlsplit(url).path)


HOME_FILES = ("", "index.html", "index.htm", "index.php")

def is_home(path: str) -> bool:
    """'/', '/index.html' or a bare language root like '/en/' or '/de-de/'."""
    return path.strip("/").lower() in HOME_FILES or is_language_root(path, HOME_FILES)


TRACKING = {"ref", "from", "source", "src", "lang", "hl", "locale"}  # and utm_*


def page_query(query: str) -> bool:
    """Does a query pick a page (?p=12, ?tfhub-redirect=true), beyond tracking and language?"""
    keys = [pair.split("=", 1)[0].lower() for pair in query.split("&") if pair]
    return any(not key.startswith("utm_") and key not in TRACKING for key in keys)


def says_not_found(text: str | None) -> bool:
    """Does a title or heading say the page is not there ("404", "Seite nicht gefunden")?"""
    return bool(text) and NOT_FOUND.search(" ".join(text.split())) is not None


def soft_404_reason(original: str, final: str, title: str | None = None,
                    heading: str | None = None) -> str | None:
    """Why a redirect from `original` to the live page `final` means the page is gone, or None.

    Only on evidence: the redirect ends on the site's home page or a bare language root, or the
    final page's title or first heading says it is not found. Landing on an unrelated-looking
    page is not evidence (sites rename paths all the time); see `review_reason`.
    """
    before, after = urlsplit(original), urlsplit(final)
    if not is_home(before.path) and is_home(after.path) and not page_query(after.query):
        where = "home page" if after.path.strip("/").lower() in HOME_FILES else "language root"
        return f"soft 404: a deep link redirects to the site's {where} ({after.path or '/'})"
    for what, text in (("title", title), ("first heading", heading)):
        if says_not_found(text):
            shown = " ".join(text.split())[:80]
            return f"soft 404: the page it redirects to has the {what} \"{shown}\""
    return None


def review_reason(original: str, moved_to: str) -> str | None:
    """A reason to look at a permanent move by hand: the two paths share no word."""
    old, new = path_words(original), path_words(moved_to)
    if not old or old & new:
        return None
    old_path = urlsplit(original).path or "/"
    new_path = urlsplit(moved_to).path or "/"
    return (f"review: the new path {new_path} shares no word with the old {old_path}; "
            "check it is the same resource")


def same_landing(redirected: dict[str, str], minimum: int = SAME_LANDING) -> dict[str, set[str]]:
    """{final URL: original URLs} where `minimum`+ different deep links on one host land.

    `redirected` maps each original URL (no fragment) that was redirected to where it ended.
    """
    groups: dict[tuple[str, str], set[str]] = {}
    for original, final in redirected.items():
        parts = urlsplit(original)
        if is_home(parts.path) or original == final:
            continue
        groups.setdefault((parts.netloc.lower(), final), set()).add(original)
    crowded: dict[str, set[str]] = {}
    for (_, final), originals in groups.items():
        if len(originals) >= minimum:
            crowded.setdefault(final, set()).update(originals)
    return crowded


class PageScan(HTMLParser):
    """Ids and names, the meta-refresh target, the <title> and the first heading of a page."""

    HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refresh: str | None = None
        self.title: str | None = None
        self.heading: str | None = None
        self._capture: str | None = None  # "title" or a heading tag while inside one
        self._text: list[str] = []
        self._svg = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag in ("a", "map", "iframe", "form")):
                self.ids.add(values[key])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.refresh = refresh_target(values.get("content") or "")
        elif tag == "svg":
            self._svg += 1
        elif self._capture is None and not self._svg and (
                (tag == "title" and self.title is None)
                or (tag in self.HEADINGS and self.heading is None)):
            self._capture, self._text = tag, []

    def handle_endtag(self, tag):
        if tag == "svg" and self._svg:
            self._svg -= 1
        elif tag == self._capture:
            text = " ".join("".join(self._text).split())
            if tag == "title":
                self.title = text
            else:
                self.heading = text
            self._capture = None

    def handle_data(self, data):
        if self._capture is not None:
            self._text.append(data)


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
