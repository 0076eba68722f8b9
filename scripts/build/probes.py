"""Probes: a fact's machine-readable source, read again to see whether the fact still holds.

A probe in docs/facts.yml names one source and the value it expects there:

    probe:
      kind: pypi                # pypi | github-file | endoflife | page
      package: torch
      field: version            # pypi: version, released, requires_python, wheel_tags
      expect: "2.15.0"
      means: A new PyTorch release can raise the macOS that MPS needs; read its notes.

``run_probes`` fetches every source and returns one ``Result`` per fact:

- ``ok``: the source still says what the probe expects;
- ``drift``: it says something else (or no longer says it at all): a person checks the fact;
- ``unverifiable``: the source could not be read (404, refused, timed out): never a drift;
- ``error``: the source answered with something the probe cannot read (not JSON, no such
  field); the message names the fact.

Self-contained (standard library only), so the weekly workflow and the build share it. ``bases``
maps URL prefixes to others: tests point https://pypi.org and friends at 127.0.0.1.
"""

from __future__ import annotations

import html
import http.client
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

PYPI = "https://pypi.org/pypi"
GITHUB_RAW = "https://raw.githubusercontent.com"
ENDOFLIFE = "https://endoflife.date/api/v1/products"
PYPI_FIELDS = ("version", "released", "requires_python", "wheel_tags")
# Keys each kind needs, and the ones it may add; every probe needs expect and means.
KIND_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pypi": (("package", "field"), ("version", "pattern")),
    "github-file": (("repo", "path", "pattern"), ("ref",)),
    "endoflife": (("product", "release", "field"), ("pattern",)),
    "page": (("url", "pattern"), ()),
}
COMMON = ("kind", "expect", "means")
HOW_TO = (" Fix the probe as the comment at the top of docs/facts.yml describes, or write "
          "'probe: none' and a probe_reason.")
REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
TAG = re.compile(r"<(script|style)\b.*?</\1>|</?(\w*)[^>]*>", re.DOTALL | re.IGNORECASE)
# Tags inside a sentence vanish without a space ("<b>macOS</b>," reads "macOS,").
INLINE = {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "small", "span", "strong", "sub",
          "sup", "u"}
TIMEOUT_S = 20
USER_AGENT = "getting-started-nn-facts-check (+https://github.com/)"


class ProbeError(ValueError):
    """A probe definition that cannot run; the message names facts.yml:line and what to do."""


class ResponseError(ValueError):
    """A source answered, but not in the shape the probe reads."""


class Unreachable(Exception):
    """The source could not be read at all (HTTP error, refused, timed out)."""


@dataclass(frozen=True)
class Probe:
    kind: str
    expect: str
    means: str
    package: str = ""
    version: str = ""  # pypi: one release instead of the latest
    field: str = ""
    repo: str = ""
    path: str = ""
    ref: str = "HEAD"
    product: str = ""
    release: str = ""
    url: str = ""
    pattern: str = ""

    def location(self) -> str:
        """The URL this probe reads (before any test rewrites it)."""
        if self.kind == "pypi":
            release = f"/{self.version}" if self.version else ""
            return f"{PYPI}/{self.package}{release}/json"
        if self.kind == "github-file":
            return f"{GITHUB_RAW}/{self.repo}/{self.ref}/{self.path}"
        if self.kind == "endoflife":
            return f"{ENDOFLIFE}/{self.product}/releases/{self.release}"
        return self.url

    def describe(self) -> str:
        """One line for people: what is read where."""
        if self.kind == "pypi":
            which = f"release {self.version}" if self.version else "latest release"
            return f"PyPI: {self.package}, {which}, {self.field.replace('_', '-')}"
        if self.kind == "github-file":
            return f"GitHub: {self.repo}/{self.path} at {self.ref}"
        if self.kind == "endoflife":
            return f"endoflife.date: {self.product} {self.release}, {self.field}"
        return f"page text: {self.url}"


@dataclass(frozen=True)
class Result:
    fact: str
    status: str  # ok | drift | unverifiable | error
    expected: str
    live: str | None
    source: str
    message: str = ""

    def as_dict(self) -> dict:
        return {"status": self.status, "expected": self.expected, "live": self.live,
                "source": self.source, "message": self.message}


# --- Definitions -------------------------------------------------------------------------------


def parse_probe(raw, where: str, fact_id: str) -> Probe:
    """A probe from its YAML mapping; every problem at once, naming `where` (file:line)."""
    head = f"{where}: fact {fact_id!r}: probe"
    if not isinstance(raw, dict):
        raise ProbeError(f"{head} must be a mapping (kind, expect, means, ...) or 'none' with a "
                         "probe_reason.")
    kind = raw.get("kind")
    if kind not in KIND_KEYS:
        raise ProbeError(f"{head}: kind must be one of {', '.join(KIND_KEYS)}; got {kind!r}.")
    required, optional = KIND_KEYS[kind]
    problems = []
    missing = [key for key in COMMON + required if raw.get(key) in (None, "")]
    if missing:
        problems.append(f"{head} ({kind}) needs {', '.join(missing)}.")
    unknown = sorted(set(raw) - set(COMMON + required + optional))
    if unknown:
        problems.append(f"{head} ({kind}): unknown key(s) {', '.join(unknown)}; allowed: "
                        f"{', '.join(COMMON + required + optional)}.")
    values = {key: str(value).strip() for key, value in raw.items()}
    problems += _kind_problems(kind, values, head)
    if problems:
        raise ProbeError("\n".join(problems) + HOW_TO)
    return Probe(**values)


def _kind_problems(kind: str, values: dict[str, str], head: str) -> list[str]:
    problems = []
    if kind == "pypi" and values.get("field") not in PYPI_FIELDS:
        problems.append(f"{head}: field must be one of {', '.join(PYPI_FIELDS)}.")
    if kind == "github-file" and not REPO.match(values.get("repo", "")):
        problems.append(f"{head}: repo must be owner/name, got {values.get('repo')!r}.")
    if kind == "page" and not values.get("url", "").startswith(("https://", "http://")):
        problems.append(f"{head}: url must start with https://.")
    if values.get("pattern"):
        try:
            re.compile(values["pattern"])
        except re.error as error:
            problems.append(f"{head}: pattern is not a valid regular expression ({error}).")
    return problems


# --- Reading sources ---------------------------------------------------------------------------


def rewrite(url: str, bases: Mapping[str, str]) -> str:
    """`url` with its longest matching prefix in `bases` replaced (tests serve on 127.0.0.1)."""
    for prefix in sorted(bases, key=len, reverse=True):
        if url.startswith(prefix):
            return bases[prefix] + url[len(prefix):]
    return url


def fetch(url: str, timeout: float = TIMEOUT_S) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        raise Unreachable(f"HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:  # refused, DNS, timeout
        reason = getattr(error, "reason", error)
        raise Unreachable(f"could not connect ({reason})") from None
    except http.client.HTTPException as error:  # the answer broke off half-way
        raise Unreachable(f"the answer broke off ({type(error).__name__})") from None


def page_text(markup: str) -> str:
    """A page's visible text on one line: tags dropped, entities decoded, white space collapsed."""
    def space(match: re.Match[str]) -> str:
        return "" if (match.group(2) or "").lower() in INLINE else " "

    return " ".join(html.unescape(TAG.sub(space, markup)).split())


def _json(text: str, what: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ResponseError(f"{what} is not JSON ({error.msg} at line {error.lineno}).") from None


def pypi_value(text: str, probe: Probe) -> str:
    data = _json(text, f"PyPI's answer for {probe.package}")
    try:
        info, files = data["info"], data["urls"]
        if probe.field == "version":
            return str(info["version"])
        if probe.field == "requires_python":
            return str(info["requires_python"] or "")
        if probe.field == "released":
            return min(str(f["upload_time_iso_8601"]) for f in files)[:10]
        wheels = [f["filename"] for f in files if f["filename"].endswith(".whl")]
        return " ".join(sorted({name[:-4].split("-")[-1] for name in wheels}))
    except (KeyError, TypeError, ValueError) as error:
        raise ResponseError(f"PyPI's answer for {probe.package} has no usable "
                            f"{probe.field} ({type(error).__name__}: {error}).") from None


def endoflife_value(text: str, probe: Probe) -> str:
    data = _json(text, f"endoflife.date's answer for {probe.product} {probe.release}")
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, dict) or probe.field not in result:
        raise ResponseError(f"endoflife.date's answer for {probe.product} {probe.release} has no "
                            f"result.{probe.field}.")
    value = result[probe.field]
    return str(value).lower() if isinstance(value, bool) else str(value)


def live_value(text: str, probe: Probe) -> str | None:
    """What the source says now; None when the pattern no longer matches."""
    if probe.kind == "pypi":
        text = pypi_value(text, probe)
    elif probe.kind == "endoflife":
        text = endoflife_value(text, probe)
    elif probe.kind == "page":
        text = page_text(text)
    if not probe.pattern:
        return text
    match = re.search(probe.pattern, text, re.MULTILINE)
    if match is None:
        return None
    groups = [g for g in match.groups() if g is not None]
    return " ".join(", ".join(groups).split()) if groups else " ".join(match.group(0).split())


def same(live: str, expected: str) -> bool:
    """Values compare ignoring case and runs of white space."""
    return " ".join(live.split()).casefold() == " ".join(expected.split()).casefold()


def check(fact_id: str, probe: Probe, bases: Mapping[str, str] | None = None,
          reader: Callable[[str], str] = fetch) -> Result:
    source = probe.location()
    try:
        live = live_value(reader(rewrite(source, bases or {})), probe)
    except Unreachable as error:
        return Result(fact_id, "unverifiable", probe.expect, None, source,
                      f"{error}; the fact is neither confirmed nor contradicted.")
    except ResponseError as error:
        return Result(fact_id, "error", probe.expect, None, source,
                      f"fact {fact_id!r}: {error} Check the probe in docs/facts.yml.")
    if live is None:
        return Result(fact_id, "drift", probe.expect, None, source,
                      "the source no longer matches the probe's pattern. " + probe.means)
    if same(live, probe.expect):
        return Result(fact_id, "ok", probe.expect, live, source)
    return Result(fact_id, "drift", probe.expect, live, source, probe.means)


def run_probes(probes: Mapping[str, Probe], bases: Mapping[str, str] | None = None,
               reader: Callable[[str], str] = fetch, workers: int = 8) -> list[Result]:
    """Every probe, a few at a time (the sources are independent servers); sorted by fact."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = pool.map(lambda item: check(item[0], item[1], bases, reader),
                           sorted(probes.items()))
        return list(results)
