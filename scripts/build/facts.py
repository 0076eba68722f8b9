"""The fact registry: every time-sensitive claim, with its source and the date it was checked.

docs/facts.yml holds the typed facts (versions, OS minimums, quotas, licence terms, "moved to"
statements). Facts that can be derived are computed here and never typed: Colab's package
versions from requirements/colab/, each notebook's duration and GPU need from its metadata, and
the counts of sections, notebooks and resources.

Pages use a fact with the marker ``[[fact:some-id]]``; the build replaces it with the value.
An unknown id fails the build with the page file and line. A fact's age never fails anything:
``stale_facts`` lists the ones past their review-by date for ``make facts`` and the weekly issue.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from scripts.build import probes, typed_links, yaml_loader
from scripts.build.probe_report import probe_cell
from scripts.build.sections import section_slugs
from scripts.build.text import table_cell
from scripts.notebooks.notebook_meta import cached_notebook, colab_minutes

REGISTRY = Path("docs/facts.yml")  # relative to the project root
FACTS_PAGE = "facts.md"
FACTS_TABLE_MARKER = "<!-- facts-table -->"
MARKER = re.compile(r"\[\[fact:([^\]\n]*)\]\]")
FACT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REQUIRED = ("id", "value", "source", "says", "checked")
OPTIONAL = ("review_by", "probe", "probe_reason")
NO_PROBE = "none"  # probe: none, with a probe_reason saying why the source cannot be probed
REVIEW_MONTHS = 12
NOTEBOOK_MINUTES = re.compile(r"^notebook-\d+-minutes$")


class FactError(ValueError):
    """A registry or page problem; the message names file:line and says what to do."""


@dataclass(frozen=True)
class Fact:
    id: str
    value: str
    source: str  # a URL for typed facts; a repository path for derived ones
    says: str
    checked: date | None  # None: derived at build time, so always current
    review_by: date | None
    line: int = 0  # line in docs/facts.yml; 0 for derived facts
    derived: bool = False
    probe: probes.Probe | None = None
    probe_reason: str = ""  # why a fact has no probe


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _as_date(value, where: str, key: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FactError(f"{where}: '{key}' must be a date written YYYY-MM-DD, got {value!r}.")


def parse_registry(text: str, filename: str = str(REGISTRY)) -> dict[str, Fact]:
    """Validate the registry and return its facts by id; every problem is reported at once."""
    try:
        root = yaml.compose(text, Loader=yaml_loader.SAFE_LOADER)  # nodes: each fact's line
        data = yaml_loader.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        raise FactError(f"{filename}:{line}: not valid YAML ({problem}).") from None
    if root is None:
        return {}
    if not isinstance(data, list):
        raise FactError(f"{filename}:1: the registry must be a YAML list of facts (- id: ...).")
    problems: list[str] = []
    facts: dict[str, Fact] = {}
    for node, entry in zip(root.value, data, strict=True):
        line = node.start_mark.line + 1
        where = f"{filename}:{line}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: each fact must be a mapping with {', '.join(REQUIRED)}.")
            continue
        unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)}; "
                            f"allowed: {', '.join(REQUIRED + OPTIONAL)}.")
        missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
        if missing:
            problems.append(f"{where}: fact {entry.get('id', '?')!r} has no "
                            f"{', '.join(missing)}; every fact needs a source and a checked date.")
            continue
        fact_id = str(entry["id"])
        if not FACT_ID.match(fact_id):
            problems.append(f"{where}: id {fact_id!r} must be lower-case letters, digits and "
                            "hyphens.")
            continue
        source = str(entry["source"]).strip()
        if not source.startswith(("https://", "http://")):
            problems.append(f"{where}: fact {fact_id!r}: source must be a URL, got {source!r}.")
            continue
        try:
            checked = _as_date(entry["checked"], where, "checked")
            review_by = (_as_date(entry["review_by"], where, "review_by")
                         if entry.get("review_by") else add_months(checked, REVIEW_MONTHS))
        except FactError as error:
            problems.append(str(error))
            continue
        if fact_id in facts:
            problems.append(f"{where}: duplicate fact id {fact_id!r} (first defined at "
                            f"{filename}:{facts[fact_id].line}); rename one.")
            continue
        try:
            probe, reason = _probe(entry, fact_id, f"{filename}:{_key_line(node, 'probe', line)}")
        except probes.ProbeError as error:
            problems.append(str(error))
            continue
        facts[fact_id] = Fact(fact_id, str(entry["value"]), source, str(entry["says"]).strip(),
                              checked, review_by, line, probe=probe, probe_reason=reason)
    if problems:
        raise FactError("\n".join(problems))
    return facts


def _key_line(node, key: str, default: int) -> int:
    """The line of `key` inside a fact's mapping node (the fact's own line if absent)."""
    for key_node, _ in getattr(node, "value", []):
        if getattr(key_node, "value", None) == key:
            return key_node.start_mark.line + 1
    return default


def _probe(entry: dict, fact_id: str, where: str) -> tuple[probes.Probe | None, str]:
    """(probe, reason): a probe mapping, or 'none' with a probe_reason; absent gives (None, '')."""
    raw, reason = entry.get("probe"), str(entry.get("probe_reason") or "").strip()
    if raw is None:
        return None, reason
    if raw == NO_PROBE:
        if not reason:
            raise probes.ProbeError(f"{where}: fact {fact_id!r} has 'probe: none' but no "
                                    "probe_reason; say why its source cannot be probed.")
        return None, reason
    if reason:
        raise probes.ProbeError(f"{where}: fact {fact_id!r} has a probe and a probe_reason; "
                                "keep probe_reason only with 'probe: none'.")
    return probes.parse_probe(raw, where, fact_id), ""


def load_registry(root: Path) -> dict[str, Fact]:
    path = root / REGISTRY
    if not path.is_file():
        raise FactError(f"{REGISTRY}: the fact registry is missing.")
    return parse_registry(path.read_text(encoding="utf-8"), str(REGISTRY))


# --- Derived facts -------------------------------------------------------------------------------

COLAB = Path("requirements/colab")
FREEZE_PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^\s;]+)", re.MULTILINE)
FREEZE_URL = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+) @ \S*/(?P=name)-(?P<version>[0-9][^-/]*?)"
                        r"(?:%2B[^-/]*)?-", re.MULTILINE)
OS_PYTHON = re.compile(r"^Python (\d+)\.(\d+)\.\d+", re.MULTILINE)
SNAPSHOT_DATE = re.compile(r"(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}")
COLAB_PACKAGES = {"torch": "PyTorch", "keras": "Keras", "tensorflow": "TensorFlow",
                  "numpy": "NumPy"}
COLAB_REPO = "googlecolab/backend-info"  # the public lists requirements/colab/ copies
COLAB_CHANGED = "Colab's runtime changed: run `make colab-refresh` and commit requirements/colab/."


def colab_probe(file: str, pattern: str, expect: str) -> probes.Probe:
    """A derived Colab fact's probe: the same line in backend-info's file at its head."""
    return probes.Probe("github-file", expect, COLAB_CHANGED, repo=COLAB_REPO, path=file,
                        pattern=pattern)


def freeze_pattern(package: str) -> str:
    """A package's version in a pip freeze line, pinned (==) or a wheel URL (@ .../name-1.2.3)."""
    name = re.escape(package)
    return rf"^{name}(?:==| @ \S*/{name}-)([0-9][^%+\s;-]*)"


def freeze_versions(freeze: str) -> dict[str, str]:
    """Package versions of a pip freeze, pinned (==) or direct URL (name @ .../name-1.2.3...)."""
    versions = {m["name"].lower(): m["version"] for m in FREEZE_PIN.finditer(freeze)}
    for match in FREEZE_URL.finditer(freeze):
        versions.setdefault(match["name"].lower(), match["version"])
    return versions


def colab_facts(root: Path) -> dict[str, Fact]:
    folder = root / COLAB
    source_txt = (folder / "SOURCE.txt").read_text(encoding="utf-8")
    stamp = SNAPSHOT_DATE.search(source_txt)
    snapshot = date.fromisoformat(stamp.group(1)) if stamp else None
    facts: dict[str, Fact] = {}
    os_info = (folder / "os-info.txt").read_text(encoding="utf-8")
    python = OS_PYTHON.search(os_info)
    if not python:
        raise FactError(f"{COLAB}/os-info.txt: no 'Python X.Y.Z' line; refresh the Colab lists.")
    facts["colab-python"] = Fact(
        "colab-python", f"{python[1]}.{python[2]}", f"{COLAB}/os-info.txt",
        "Python version of the Colab runtime (major.minor)", snapshot, None, derived=True,
        probe=colab_probe("os-info.txt", r"^Python (\d+\.\d+)\.", f"{python[1]}.{python[2]}"))
    versions = freeze_versions((folder / "pip-freeze.txt").read_text(encoding="utf-8"))
    for package, label in COLAB_PACKAGES.items():
        if package not in versions:
            raise FactError(f"{COLAB}/pip-freeze.txt: no {package} line; refresh the Colab lists.")
        facts[f"colab-{package}"] = Fact(
            f"colab-{package}", versions[package], f"{COLAB}/pip-freeze.txt",
            f"{label} version installed on Colab", snapshot, None, derived=True,
            probe=colab_probe("pip-freeze.txt", freeze_pattern(package), versions[package]))
    return facts


def notebook_facts(root: Path) -> dict[str, Fact]:
    """notebook-NN-minutes and notebook-NN-gpu from each notebook's metadata.guide."""
    facts: dict[str, Fact] = {}
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        number = path.name.split("-", 1)[0]
        notebook = cached_notebook(path)
        guide, minutes = notebook.get("metadata", {}).get("guide", {}), colab_minutes(notebook)
        where = f"notebooks/{path.name}"
        if minutes is None or not isinstance(guide.get("gpu_recommended"), bool):
            raise FactError(f"{where}: metadata.guide needs colab_minutes (a positive whole "
                            "number of minutes) and gpu_recommended (true or false).")
        facts[f"notebook-{number}-minutes"] = Fact(
            f"notebook-{number}-minutes", str(minutes), where,
            "minutes the notebook takes in Colab (metadata.guide.colab_minutes)", None, None,
            derived=True)
        facts[f"notebook-{number}-gpu"] = Fact(
            f"notebook-{number}-gpu",
            "a GPU helps" if guide["gpu_recommended"] else "no GPU needed", where,
            "metadata.guide.gpu_recommended", None, None, derived=True)
    return facts


def notebook_minutes(facts: dict[str, Fact]) -> dict[str, int]:
    """Minutes per notebook file name, read from the derived notebook-NN-minutes facts."""
    return {Path(fact.source).name: int(fact.value) for fact in facts.values()
            if fact.derived and NOTEBOOK_MINUTES.match(fact.id)}


HISTORY_PAGE = "2021-links.md"  # links kept for history, each replaced by a current pick
EXTERNAL = re.compile(r"^https?://[^#]+")  # an outside address, without its #fragment


def external_picks(markdown: str) -> set[str]:
    """The outside addresses a page's typed links point to (our own notebooks are not picks).

    The links are those the Resource health table lists (typed_links.find_typed_links)."""
    return {match[0].rstrip("/") for link in typed_links.find_typed_links(markdown)
            if (match := EXTERNAL.match(link.url))}


def count_resources(root: Path) -> int:
    """Distinct outside resources the guide recommends: each address once, history page left out."""
    picks: set[str] = set()
    for path in sorted((root / "docs").glob("*.md")):
        if path.name != HISTORY_PAGE:
            picks |= external_picks(path.read_text(encoding="utf-8"))
    return len(picks)


def count_facts(root: Path) -> dict[str, Fact]:
    sections = len(section_slugs(root / "mkdocs.yml"))
    notebooks = len(list((root / "notebooks").glob("*.ipynb")))
    resources = count_resources(root)
    return {
        "count-sections": Fact("count-sections", str(sections), "mkdocs.yml",
                               "numbered sections in the nav", None, None, derived=True),
        "count-notebooks": Fact("count-notebooks", str(notebooks), "notebooks/",
                                "notebooks in notebooks/", None, None, derived=True),
        "count-resources": Fact("count-resources", str(resources), "docs/*.md",
                                "distinct outside resources the pages recommend (each address "
                                "once; not our notebooks, not the 2021 history page)", None,
                                None, derived=True),
    }


def derived_facts(root: Path) -> dict[str, Fact]:
    return {**colab_facts(root), **notebook_facts(root), **count_facts(root)}


def all_facts(root: Path) -> dict[str, Fact]:
    """Registry plus derived facts; an id in both is an error (derived facts are never typed)."""
    typed, derived = load_registry(root), derived_facts(root)
    clash = sorted(set(typed) & set(derived))
    if clash:
        lines = [f"{REGISTRY}:{typed[i].line}: fact {i!r} is derived from "
                 f"{derived[i].source}; delete it from the registry." for i in clash]
        raise FactError("\n".join(lines))
    return {**typed, **derived}


# --- Pages ---------------------------------------------------------------------------------------


def find_markers(markdown: str) -> list[tuple[int, str]]:
    """(line, id) of every fact marker, code blocks included (commands use facts too)."""
    return [(number, match.group(1))
            for number, line in enumerate(markdown.splitlines(), start=1)
            for match in MARKER.finditer(line)]


def resolve_markers(markdown: str, facts: dict[str, Fact], src_path: str,
                    line_offset: int = 0) -> tuple[str, list[str]]:
    """Replace every marker with its value; unknown ids raise FactError naming file:line."""
    problems = [f"{src_path}:{line + line_offset}: unknown fact '{fact_id}'. Add it to "
                f"{REGISTRY} or fix the id in [[fact:...]]."
                for line, fact_id in find_markers(markdown) if fact_id not in facts]
    if problems:
        raise FactError("\n".join(problems))
    used: list[str] = []

    def value(match: re.Match[str]) -> str:
        used.append(match.group(1))
        return facts[match.group(1)].value

    return MARKER.sub(value, markdown), used


def format_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def oldest_checked(fact_ids: list[str], facts: dict[str, Fact]) -> date | None:
    dates = [facts[i].checked for i in fact_ids if facts[i].checked is not None]
    return min(dates) if dates else None


def page_footer(fact_ids: list[str], facts: dict[str, Fact], facts_link: str = FACTS_PAGE) -> str:
    """The closing line of a page that uses dated facts; empty when it uses none."""
    oldest = oldest_checked(fact_ids, facts)
    if oldest is None:
        return ""
    return (f"\n\n---\n\nFacts on this page checked on {format_date(oldest)}. "
            f"[Every fact, its source and its date]({facts_link}).\n"
            "{ .facts-checked }\n")




def source_cell(fact: Fact) -> str:
    if fact.derived:
        return f"derived from `{fact.source}`"
    label = re.sub(r"^https?://(www\.)?", "", fact.source).rstrip("/")
    return f"[{table_cell(label)}]({fact.source})"


def facts_table(facts: dict[str, Fact], report: dict | None = None) -> str:
    """The Facts page's table: every fact with its value, source, what it says, dates and
    probe (with the last `make facts-check` result where the report has one)."""
    rows = ["| Fact | Value | Source | What the source says | Checked | Review by | Probe |",
            "|---|---|---|---|---|---|---|"]
    for fact in sorted(facts.values(), key=lambda f: (f.derived, f.id)):
        checked = fact.checked.isoformat() if fact.checked else "every build"
        review = fact.review_by.isoformat() if fact.review_by else "n/a"
        rows.append(f"| `{fact.id}` | {table_cell(fact.value)} | {source_cell(fact)} | "
                    f"{table_cell(fact.says)} | {checked} | {review} | "
                    f"{probe_cell(fact, report)} |")
    return "\n".join(rows)


def stale_facts(facts: dict[str, Fact], today: date) -> list[Fact]:
    """Typed facts whose review-by date has passed (derived facts never go stale)."""
    return sorted((f for f in facts.values() if f.review_by and f.review_by < today),
                  key=lambda f: (f.review_by, f.id))


def source_urls(root: Path) -> Iterator[str]:
    """Every source URL of the registry, once each, for the link check."""
    path = root / REGISTRY
    if not path.is_file():
        return
    seen: set[str] = set()
    for fact in parse_registry(path.read_text(encoding="utf-8"), str(REGISTRY)).values():
        if fact.source not in seen:
            seen.add(fact.source)
            yield fact.source
