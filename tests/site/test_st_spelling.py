"""The site is written in American English: a word list of British spellings must not appear.

Checked: the prose of every docs/*.md page, glossary-terms.md included (its entries are the
tooltips). Skipped: fenced code, inline code, link targets and bare URLs, HTML tags, and the
exact phrases in PROPER_NAMES (titles and names that are spelled the British way on purpose).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.build.markup import blocks

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

# -ise/-isation stems: each takes every ending in ISE_ENDINGS (optimise ... optimisers).
ISE_STEMS = (
    "apolog",
    "author",
    "capital",
    "categor",
    "central",
    "character",
    "critic",
    "custom",
    "digit",
    "emphas",
    "final",
    "formal",
    "general",
    "global",
    "ideal",
    "initial",
    "item",
    "legal",
    "local",
    "maxim",
    "memor",
    "minim",
    "modern",
    "normal",
    "optim",
    "organ",
    "parallel",
    "penal",
    "personal",
    "polar",
    "popular",
    "priorit",
    "random",
    "rational",
    "real",
    "recogn",
    "regular",
    "serial",
    "special",
    "stabil",
    "standard",
    "summar",
    "synchron",
    "token",
    "util",
    "vector",
    "visual",
)
ISE_ENDINGS = ("ise", "ised", "ises", "ising", "isation", "isations", "iser", "isers")

# Substrings that only occur in British words (colourful, behavioural, neighbourhood ...).
BRITISH_SUBSTRINGS = {
    "colour": "color",
    "behaviour": "behavior",
    "favour": "favor",
    "flavour": "flavor",
    "honour": "honor",
    "labour": "labor",
    "neighbour": "neighbor",
    "humour": "humor",
    "rumour": "rumor",
    "vapour": "vapor",
    "harbour": "harbor",
    "endeavour": "endeavor",
    "odour": "odor",
    "rigour": "rigor",
    "vigour": "vigor",
}

# Whole words (lower case) and their American form.
BRITISH_WORDS = {
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "analyser": "analyzer",
    "paralyse": "paralyze",
    "centre": "center",
    "centres": "centers",
    "centred": "centered",
    "metre": "meter",
    "metres": "meters",
    "litre": "liter",
    "fibre": "fiber",
    "theatre": "theater",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "analogue": "analog",
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "offence": "offense",
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "labelled": "labeled",
    "labelling": "labeling",
    "modelled": "modeled",
    "modelling": "modeling",
    "modeller": "modeler",
    "travelled": "traveled",
    "travelling": "traveling",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "signalled": "signaled",
    "signalling": "signaling",
    "channelled": "channeled",
    "levelled": "leveled",
    "fuelled": "fueled",
    "totalled": "totaled",
    "tunnelling": "tunneling",
    "focussed": "focused",
    "benefitted": "benefited",
    "maths": "math",
    "grey": "gray",
    "greyscale": "grayscale",
    "whilst": "while",
    "amongst": "among",
    "learnt": "learned",
    "spelt": "spelled",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "ageing": "aging",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "sceptical": "skeptical",
    "programme": "program",
    "programmes": "programs",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "towards": "toward",
    "afterwards": "afterward",
}
for _stem in ISE_STEMS:
    for _ending in ISE_ENDINGS:
        BRITISH_WORDS[_stem + _ending] = _stem + _ending.replace("is", "iz", 1)

# Exact phrases kept as they are: proper names and titles spelled the British way.
# Add one here, with the reason, rather than rewording a title.
PROPER_NAMES: tuple[str, ...] = ()

SKIPPED = [
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<[^>]+>"),  # HTML tags and their attributes
    re.compile(r"https?://\S+"),  # bare URLs
]
WORD = re.compile(r"[A-Za-z]+")


def american(word: str) -> str | None:
    """The American form of a British spelling, keeping its case; None if it is not British."""
    lower = word.lower()
    fix = BRITISH_WORDS.get(lower)
    if fix is None:
        for british, us in BRITISH_SUBSTRINGS.items():
            if british in lower:
                fix = lower.replace(british, us)
                break
    if fix is None:
        return None
    if word.isupper():
        return fix.upper()
    if word[0].isupper():
        return fix[0].upper() + fix[1:]
    return fix


def prose_lines(text: str):
    """(line number, text) for each line outside fenced code, with code, URLs and tags blanked."""
    for number, line in blocks.prose_lines(text):
        for pattern in SKIPPED:
            line = pattern.sub(" ", line)
        for name in PROPER_NAMES:
            line = line.replace(name, " ")
        yield number, line


def british_spellings(text: str, where: str = "<text>") -> list[str]:
    """'file:line: word -> american' for every British spelling in the prose of a page."""
    found = []
    for number, line in prose_lines(text):
        for match in WORD.finditer(line):
            fix = american(match.group())
            if fix:
                found.append(f"{where}:{number}: {match.group()!r} -> {fix!r}")
    return found


def american_text(text: str) -> str:
    """The text with every British spelling in its prose replaced (code, URLs, tags kept)."""
    out = []
    for entry in blocks.classify(text.split("\n")):
        line = entry.text
        if entry.in_code:
            out.append(line)
            continue
        kept = [m.span() for pattern in SKIPPED for m in pattern.finditer(line)]
        kept += [m.span() for name in PROPER_NAMES for m in re.finditer(re.escape(name), line)]

        def replace(match: re.Match[str], kept=kept) -> str:
            if any(start <= match.start() < end for start, end in kept):
                return match.group()
            return american(match.group()) or match.group()

        out.append(WORD.sub(replace, line))
    return "\n".join(out)


def test_the_fixer_rewrites_prose_only():
    text = (
        "The Optimiser's colour.\n`optimiser = 1` and [maths](https://x.org/maths)\n```\ngrey\n```"
    )
    assert american_text(text) == (
        "The Optimizer's color.\n`optimiser = 1` and [math](https://x.org/maths)\n```\ngrey\n```"
    )
    assert british_spellings(american_text(text)) == []


def test_the_checker_flags_british_prose_and_skips_code_and_urls():
    text = "\n".join(
        [
            "The Optimiser picks a colourful learning rate; we analysed it.",
            "Plain optimism and exercise are fine, and so is the analyses plural.",
            "`regularisation` in code, [a link](https://example.org/normalisation/), "
            "and https://example.org/behaviour stay.",
            "```python",
            "initialise = True",
            "```",
            "Standardise the maths.",
        ]
    )
    assert british_spellings(text, "page.md") == [
        "page.md:1: 'Optimiser' -> 'Optimizer'",
        "page.md:1: 'colourful' -> 'colorful'",
        "page.md:1: 'analysed' -> 'analyzed'",
        "page.md:7: 'Standardise' -> 'Standardize'",
        "page.md:7: 'maths' -> 'math'",
    ]


PAGES = sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_pages_use_american_spelling(page):
    found = british_spellings(page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix())
    assert not found, "British spellings (the site uses American English):\n" + "\n".join(found)


GLOSSARY_ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+)$")


def glossary_entries() -> list[tuple[str, str]]:
    text = (DOCS / "glossary-terms.md").read_text(encoding="utf-8")
    return [(m["term"], m["definition"]) for m in map(GLOSSARY_ENTRY.match, text.splitlines()) if m]


def test_glossary_tooltips_use_the_american_forms():
    entries = glossary_entries()
    assert len(entries) > 30, "glossary-terms.md: expected its *[term]: definition lines"
    wrong = [
        f"*[{term}]: {word!r} -> {american(word)!r}"
        for term, definition in entries
        for word in WORD.findall(f"{term} {definition}")
        if american(word)
    ]
    assert not wrong, "glossary-terms.md uses British forms:\n" + "\n".join(wrong)
    terms = {term for term, _ in entries}
    # The tooltips attach to these exact words, so the pages must spell them the same way.
    assert {"optimizer", "regularization"} <= terms


def test_tooltip_terms_match_the_spelling_of_the_pages():
    """A tooltip term spelled like the pages: no page uses a British form of any glossary term."""
    british_of = {
        british: us
        for british, us in BRITISH_WORDS.items()
        if any(us == term.lower() or us in term.lower().split() for term, _ in glossary_entries())
    }
    assert "regularisation" in british_of and "optimiser" in british_of
    hits = [
        f"{page.name}:{number}: {word}"
        for page in PAGES
        for number, line in prose_lines(page.read_text(encoding="utf-8"))
        for word in WORD.findall(line)
        if word.lower() in british_of
    ]
    assert not hits, "British forms of glossary terms (tooltips won't attach):\n" + "\n".join(hits)


if __name__ == "__main__":
    # Convert pages in place, e.g. after a merge: python tests/site/test_st_spelling.py docs/*.md
    import sys

    for name in sys.argv[1:]:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        if (after := american_text(before)) != before:
            path.write_text(after, encoding="utf-8")
            print(f"{name}: converted to American spelling; review with git diff")


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_text_uses_american_spelling(notebook):
    """The Markdown cells are pages of the site too (code comments are code, not checked)."""
    import json

    from scripts.notebooks.notebook_meta import cell_source

    found = []
    for index, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "markdown":
            found += british_spellings(cell_source(cell), f"{notebook.name} cell {index}")
    assert not found, "British spellings (the site uses American English):\n" + "\n".join(found)
