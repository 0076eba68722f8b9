"""Load and validate `linkcheck.toml`; every mistake names the file and line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(Exception):
    """A usage error in the config file (the CLI turns it into exit code 2)."""


SETTINGS = {
    "user_agent": str,
    "concurrency": int,
    "per_host": int,
    "connect_timeout": float,
    "read_timeout": float,
    "attempt_deadline": float,
    "link_deadline": float,
    "retries": int,
    "backoff": float,
    "retry_after_cap": float,
    "max_body_bytes": int,
    "max_redirects": int,
    "exclude": list,
    "fragment_id_prefixes": list,
    "own_repo_url": str,
    "own_repo_root": str,
    "archive": bool,
    "archive_endpoint": str,
}
TABLES = {"skip_fragment", "rule"}
ARCHIVE_ENDPOINT = "https://archive.org/wayback/available"
SKIP_KEYS = {"pattern", "hosts", "reason"}
COMMON_RULE_KEYS = {"name", "kind", "hosts", "reason"}
# Each rule kind and the extra keys it accepts (values: required?).
RULE_KINDS: dict[str, dict[str, bool]] = {
    "bot-wall": {"statuses": False},
    "cloudflare": {},
    "colab-github": {"github_raw": True},
    "youtube-oembed": {"endpoint": True},
    "suggest-on-404": {"suggest": True},
    "stackexchange-api": {"api": True},
    "polite": {"min_interval": False, "per_host": False},
}


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    hosts: tuple[str, ...]
    reason: str
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SkipFragment:
    pattern: re.Pattern
    hosts: tuple[str, ...]
    reason: str


@dataclass
class Config:
    user_agent: str = "getting-started-with-neural-networks link checker"
    concurrency: int = 32
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    attempt_deadline: float = 30.0
    link_deadline: float = 120.0
    retries: int = 2
    backoff: float = 1.0
    retry_after_cap: float = 30.0
    max_body_bytes: int = 5_000_000
    max_redirects: int = 10
    exclude: list = field(default_factory=list)
    fragment_id_prefixes: list = field(default_factory=list)
    own_repo_url: str = ""
    own_repo_root: str = "."
    archive: bool = True  # ask the Wayback Machine for a copy of broken and doubtful links
    archive_endpoint: str = ARCHIVE_ENDPOINT
    skip_fragments: list[SkipFragment] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    path: Path | None = None


def line_of(text: str, key: str, start: int = 0) -> int:
    """1-based line of the first `key = ...` (or `[[key]]`) at or after line `start`."""
    pattern = re.compile(rf"^\s*(\[\[\s*{re.escape(key)}\s*\]\]|\"?{re.escape(key)}\"?\s*=)")
    lines = text.splitlines()
    for number in range(start, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
    return start + 1 if start else 1


def table_line(text: str, table: str, index: int) -> int:
    """Line of the `index`-th `[[table]]` header (0-based index)."""
    line = 0
    for _ in range(index + 1):
        line = line_of(text, table, line)
    return line


def fail(path: Path, line: int, message: str) -> ConfigError:
    return ConfigError(f"{path}:{line}: {message}")


def check_type(path, text, key, value, expected, start=0):
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or isinstance(value, bool) and expected is not bool:
        raise fail(path, line_of(text, key, start), f"`{key}` must be a {expected.__name__}")
    return value


def parse_rule(path: Path, text: str, raw: dict, index: int) -> Rule:
    start = table_line(text, "rule", index) - 1
    kind = raw.get("kind")
    if kind not in RULE_KINDS:
        known = ", ".join(RULE_KINDS)
        message = f"rule kind {kind!r} unknown; use one of {known}"
        raise fail(path, line_of(text, "kind", start), message)
    extra = RULE_KINDS[kind]
    for key in raw:
        if key not in COMMON_RULE_KEYS and key not in extra:
            allowed = ", ".join(sorted(COMMON_RULE_KEYS | set(extra)))
            message = f"unknown key `{key}` in a {kind} rule; allowed: {allowed}"
            raise fail(path, line_of(text, key, start), message)
    for key in ["name", "hosts", "reason"] + [k for k, required in extra.items() if required]:
        if not raw.get(key):
            raise fail(path, start + 1, f"rule #{index + 1} ({kind}) needs a non-empty `{key}`")
    hosts = raw["hosts"]
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        raise fail(path, line_of(text, "hosts", start), "`hosts` must be a list of host patterns")
    options = {k: v for k, v in raw.items() if k in extra}
    return Rule(raw["name"], kind, tuple(h.lower() for h in hosts), raw["reason"], options)


def parse_skip(path: Path, text: str, raw: dict, index: int) -> SkipFragment:
    start = table_line(text, "skip_fragment", index) - 1
    for key in raw:
        if key not in SKIP_KEYS:
            raise fail(path, line_of(text, key, start), f"unknown key `{key}` in [[skip_fragment]]")
    if not raw.get("pattern") or not raw.get("reason"):
        raise fail(path, start + 1, "[[skip_fragment]] needs `pattern` and `reason`")
    try:
        pattern = re.compile(raw["pattern"])
    except re.error as error:
        raise fail(path, line_of(text, "pattern", start), f"bad regex: {error}") from None
    return SkipFragment(pattern, tuple(h.lower() for h in raw.get("hosts", ["*"])), raw["reason"])


def load_config(path: Path) -> Config:
    """Read `path`; raise ConfigError naming the file and line for anything unknown or wrong."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found; pass --config FILE")
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    config = Config(path=path)
    for key, value in data.items():
        if key in TABLES:
            continue
        if key not in SETTINGS:
            allowed = ", ".join(sorted(SETTINGS) + sorted(TABLES))
            raise fail(path, line_of(text, key), f"unknown config key `{key}`; allowed: {allowed}")
        setattr(config, key, check_type(path, text, key, value, SETTINGS[key]))
    config.rules = [parse_rule(path, text, r, i) for i, r in enumerate(data.get("rule", []))]
    config.skip_fragments = [
        parse_skip(path, text, s, i) for i, s in enumerate(data.get("skip_fragment", []))
    ]
    if not re.match(r"https?://[^/\s]+", config.archive_endpoint):
        line = line_of(text, "archive_endpoint")
        raise fail(path, line, "`archive_endpoint` must be an http(s) URL")
    config.exclude = [re.compile(p) for p in config.exclude]
    root = Path(config.own_repo_root)
    config.own_repo_root = str(root if root.is_absolute() else (path.parent / root).resolve())
    if not config.own_repo_url:
        config.own_repo_url = repo_url_from_mkdocs(Path(config.own_repo_root) / "mkdocs.yml")
    return config


def mkdocs_settings(mkdocs_yml: Path) -> dict:
    """mkdocs.yml through the project's one reader (imported here: only runs that need it pay)."""
    if not mkdocs_yml.is_file():
        return {}
    from scripts.build.sections import read_config

    return read_config(mkdocs_yml)


def repo_url_from_mkdocs(mkdocs_yml: Path) -> str:
    return str(mkdocs_settings(mkdocs_yml).get("repo_url") or "").rstrip("/")


def site_url_from_mkdocs(mkdocs_yml: Path) -> str:
    """The published site_url: the default of `!ENV [SITE_URL, "..."]`, not this run's value."""
    from scripts.build.sections import EnvSetting

    site_url = mkdocs_settings(mkdocs_yml).get("site_url")
    if isinstance(site_url, EnvSetting):
        site_url = site_url.names[-1] if len(site_url.names) > 1 else None
    return str(site_url or "")
