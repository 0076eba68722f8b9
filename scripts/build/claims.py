"""Time-sensitive claims typed into prose: each must use a fact or carry a stated allowance.

A claim that can age (a version, a year, "latest", "currently", "now", a quota, a price, an OS
release, a GPU model) belongs in docs/facts.yml and reaches the page as ``[[fact:id]]``. This
scan reads the prose of docs/*.md and of every notebook's Markdown cells, with fact markers,
code (fenced and inline), links (their titles name works) and URLs masked out, and finds what is
left. Two ways out:

- a name or word that dates a sentence ("Windows 11", "T4", "latest", "currently", "is now",
  "free tier") is fine when its sentence uses a fact: the fact carries the date. A typed value
  (a version number, a year, a price, a quota) is never excused that way: the value itself ages;
- anything else needs an entry in docs/claims-allowed.yml: the file ("*" for every page), a
  snippet of the line that contains the claim, and the reason it does not age.

An allowance that no longer excuses any claim is reported too, by the tests (not the build:
tests/site/test_st_facts_claims.py), so it cannot quietly excuse the next claim that matches it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.build import yaml_loader
from scripts.build.facts import MARKER
from scripts.build.markup import blocks
from scripts.notebooks.notebook_meta import cached_notebook, cell_source

ALLOWANCES = Path("docs/claims-allowed.yml")  # relative to the project root
ALLOWANCE_KEYS = ("file", "snippet", "reason")

PRODUCTS = (r"Python|PyTorch|TensorFlow|TF|Keras|macOS|Windows|Ubuntu|CUDA|cuDNN|NumPy|JAX|"
            r"Notebook|JupyterLab|Jupyter|Colab|ROCm|Debian|Android|iOS|pandas|scikit-learn|"
            r"Matplotlib|pip|uv|conda|Node|Chrome|Chromium|Material|MkDocs")
# Typed values: a fact in the same sentence does not excuse them, the value itself ages.
VALUE_CLAIMS = {
    "version": re.compile(
        rf"\b(?:{PRODUCTS})\s+v?\d+\.\d+(?:\.\d+)*\b|\b(?:version|release|v)\s*\d+(?:\.\d+)+\b"
        r"|\b\d+\.\d+(?:\.\d+)*\+?\s+or\s+(?:newer|later|above|higher)\b"
        r"|(?<![\w.])\d+\.\d+\.\d+(?![\w.]*\d)", re.I),
    "year": re.compile(r"\b(?:19[5-9]\d|20\d\d)\b"),
    "date phrase": re.compile(r"\bas of\b|\bsince\s+(?:\w+\s+)?(?:19|20)\d\d\b", re.I),
    "price": re.compile(r"[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:USD|EUR|dollars|euros)\b"),
    "quota": re.compile(r"\b\d+(?:\.\d+)?\s?(?:GB|GiB|TB|hours?|h)\s*(?:a|per|/)\s*"
                        r"(?:day|week|month)\b", re.I),
}
# Names and words that date a sentence: fine when the sentence uses a fact, which is dated.
WORD_CLAIMS = {
    "product and major version": re.compile(rf"\b(?:{PRODUCTS})\s+\d+\b(?!\.\d)"),
    "OS release": re.compile(r"\b(?:Catalina|Big Sur|Monterey|Ventura|Sonoma|Sequoia|Tahoe|"
                             r"Jammy|Noble|Bookworm|Trixie)\b"),
    "GPU model": re.compile(r"\b(?:[KPTVAHLB]\d{1,3}[GX]?|MI\d{3}X?|(?:RTX|GTX) ?\d{3,4}\w*|"
                            r"M[1-9](?: Pro| Max| Ultra)?)\b(?!\.\w)"),
    "time word": re.compile(r"\b(?:latest|currently|newest|nowadays|these days)\b|"
                            r"\b(?:is|are|has|have) now\b(?![.,;:!?])|"
                            r"\bnow (?:part|supports?|ships?|lives?|requires?|defaults?)\b", re.I),
    "plan": re.compile(r"\b(?:free tier|paid plan|pricing|per month|a month)\b", re.I),
}
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)(?:\{[^}\n]*\})?")
URL = re.compile(r"https?://\S+")
HTML_COMMENT = re.compile(r"<!--.*?-->")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


class ClaimsError(ValueError):
    """A malformed allowance file; the message names the file and line."""


@dataclass(frozen=True)
class Claim:
    where: str  # "docs/python.md:22" or "notebooks/03-x.ipynb, cell nb03-04, line 2"
    file: str  # the page or notebook file name, for allowances
    line: str  # the original line, for allowance snippets
    text: str  # what was matched
    kind: str
    sentence_uses_fact: bool


@dataclass(frozen=True)
class Allowance:
    file: str
    snippet: str
    reason: str
    line: int  # in docs/claims-allowed.yml

    def excuses(self, claim: Claim) -> bool:
        return (self.file in ("*", claim.file) and self.snippet in claim.line
                and (claim.text in self.snippet or self.snippet in claim.text))


def masked(line: str) -> str:
    """The line with what is not our prose blanked out, so offsets stay those of the line."""
    for pattern in (MARKER, HTML_COMMENT, INLINE_CODE, LINK, URL):
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


def prose_blocks(lines: list[str]) -> Iterator[list[tuple[int, str]]]:
    """Runs of (index, line) of prose, outside fenced code and front matter, split at blanks."""
    block: list[tuple[int, str]] = []
    front = bool(lines) and lines[0].strip() == "---"
    code = blocks.code_mask(lines)  # YAML front matter holds no fence line
    for index, line in enumerate(lines):
        if front:
            front = index == 0 or line.strip() != "---"
            if line.startswith("description:"):
                yield [(index, line)]
            continue
        if code[index] or not line.strip():
            if block:
                yield block
            block = []
            continue
        block.append((index, line))
    if block:
        yield block


def sentence_at(text: str, offset: int) -> str:
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text) if m.end() <= offset]
    end = SENTENCE_END.search(text, offset)
    return text[starts[-1]:end.end() if end else len(text)]


def block_claims(block: list[tuple[int, str]]) -> Iterator[tuple[int, str, str, bool]]:
    """(index, matched text, kind, sentence uses a fact) for each claim of a paragraph."""
    raw = " ".join(line for _, line in block)
    text = " ".join(masked(line) for _, line in block)
    starts = []
    position = 0
    for _, line in block:
        starts.append(position)
        position += len(line) + 1
    for kind, pattern in {**VALUE_CLAIMS, **WORD_CLAIMS}.items():
        for match in pattern.finditer(text):
            index = block[bisect.bisect_right(starts, match.start()) - 1][0]
            uses_fact = kind in WORD_CLAIMS and "[[fact:" in sentence_at(raw, match.start())
            yield index, match.group(0), kind, uses_fact


def text_claims(text: str, file: str, where) -> list[Claim]:
    """Every claim of a Markdown text; `where(index)` names the place of line `index`."""
    lines = text.splitlines()
    return [Claim(where(index), file, lines[index], found, kind, uses_fact)
            for block in prose_blocks(lines)
            for index, found, kind, uses_fact in block_claims(block)]


def page_claims(path: Path) -> list[Claim]:
    return text_claims(path.read_text(encoding="utf-8"), path.name,
                       lambda index: f"docs/{path.name}:{index + 1}")


def notebook_claims(path: Path) -> list[Claim]:
    claims = []
    cells = cached_notebook(path).get("cells", [])
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "markdown":
            continue
        label = cell.get("id") or f"#{number}"
        claims += text_claims(cell_source(cell), path.name, lambda index, label=label:
                              f"notebooks/{path.name}, cell {label}, line {index + 1}")
    return claims


def project_claims(root: Path) -> list[Claim]:
    pages = sorted((root / "docs").glob("*.md"))
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    return ([c for p in pages for c in _cached_claims(p, p.stat().st_mtime_ns)]
            + [c for p in notebooks for c in _cached_claims(p, p.stat().st_mtime_ns)])


@functools.lru_cache(maxsize=512)  # a serve rebuild scans again only the files that changed
def _cached_claims(path: Path, mtime_ns: int) -> tuple[Claim, ...]:
    return tuple(notebook_claims(path) if path.suffix == ".ipynb" else page_claims(path))


def check_project(root: Path) -> None:
    """The build check: fail, naming file and line, on a claim with no fact and no allowance."""
    listed = root / ALLOWANCES  # no file: nothing is excused
    allowances = parse_allowances(listed.read_text(encoding="utf-8")) if listed.exists() else []
    if problems := unexcused(project_claims(root), allowances):
        raise ClaimsError("time-sensitive claims typed into prose:\n" + "\n".join(problems))


def parse_allowances(text: str, filename: str = str(ALLOWANCES)) -> list[Allowance]:
    """The allowance list; every malformed entry is reported at once, with its line."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml_loader.SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ClaimsError(f"{filename}:{mark.line + 1 if mark else 1}: not valid YAML.") from None
    if root is None:
        return []
    data = yaml_loader.load(text)
    if not isinstance(data, list):
        raise ClaimsError(f"{filename}:1: write a YAML list of entries (- file: ...).")
    allowances, problems = [], []
    for node, entry in zip(root.value, data, strict=True):
        line = node.start_mark.line + 1
        missing = ([k for k in ALLOWANCE_KEYS if not str(entry.get(k) or "").strip()]
                   if isinstance(entry, dict) else list(ALLOWANCE_KEYS))
        unknown = sorted(set(entry) - set(ALLOWANCE_KEYS)) if isinstance(entry, dict) else []
        if missing or unknown:
            problems.append(f"{filename}:{line}: each entry needs file, snippet and reason "
                            f"(missing: {', '.join(missing) or 'none'}; unknown: "
                            f"{', '.join(unknown) or 'none'}).")
            continue
        allowances.append(Allowance(str(entry["file"]), str(entry["snippet"]),
                                    str(entry["reason"]), line))
    if problems:
        raise ClaimsError("\n".join(problems))
    return allowances


def unexcused(claims: list[Claim], allowances: list[Allowance]) -> list[str]:
    """One message per claim that neither uses a fact nor has an allowance."""
    return [f"{c.where}: {c.kind} {c.text!r} typed into prose, in: {c.line.strip()[:90]}\n"
            f"    Put the value in docs/facts.yml and write [[fact:id]], reword it so it "
            f"cannot age, or add file, snippet and reason to {ALLOWANCES}."
            for c in claims
            if not c.sentence_uses_fact and not any(a.excuses(c) for a in allowances)]
