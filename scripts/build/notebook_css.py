"""Prune the CSS that nbconvert inlines into notebook pages down to what the pages use.

mkdocs-jupyter ships all of JupyterLab's CSS
(~575 KB); our pages use a few dozen classes, so rules for other classes go, then every custom
property that no remaining rule reads. Every selector is scoped to `.jupyter-wrapper`, so the
stylesheet can load on every page without touching the rest of the site.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import tinycss2

from scripts.build import disk_cache
from scripts.build.adapter import jupyter

SCOPE = f".{jupyter.WRAPPER}"
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
GLOBAL_SELECTOR = re.compile(r"^(:root|html|body)\b")
# At-rules whose blocks hold rules we can filter; others (@font-face, @import, @charset) go.
NESTED_AT_RULES = {"media", "supports"}


def split_selectors(prelude) -> list[str]:
    """Split a rule's prelude at top-level commas (commas inside :is() stay)."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token)
    parts.append(tinycss2.serialize(current).strip())
    return [part for part in parts if part]


def scoped(selector: str) -> str:
    if SCOPE in selector:
        return selector
    if GLOBAL_SELECTOR.match(selector):
        return GLOBAL_SELECTOR.sub(SCOPE, selector, count=1)
    return f"{SCOPE} {selector}"


def selector_is_used(selector: str, used_classes: set[str]) -> bool:
    return all(name in used_classes for name in CLASS.findall(selector))


def pruned_rules(rules, used_classes: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            used = [s for s in split_selectors(rule.prelude) if selector_is_used(s, used_classes)]
            selectors = [scoped(s) for s in used]
            body = tinycss2.serialize(rule.content).strip()
            if selectors and body and "url(http" not in body:
                kept.append(f"{','.join(selectors)}{{{body}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED_AT_RULES and rule.content:
            inner = pruned_rules(tinycss2.parse_rule_list(rule.content, True, True), used_classes)
            if inner:
                prelude = tinycss2.serialize(rule.prelude).strip()
                kept.append(f"@{rule.at_keyword} {prelude}{{{''.join(inner)}}}")
    return kept


def declarations(body: str) -> list[tuple[str, str]]:
    parsed = tinycss2.parse_blocks_contents(body, skip_comments=True, skip_whitespace=True)
    return [
        (d.name, tinycss2.serialize(d.value).strip() + (" !important" if d.important else ""))
        for d in parsed
        if d.type == "declaration"
    ]


def used_custom_properties(css: str) -> set[str]:
    """Custom properties read by ordinary declarations, followed through var() chains."""
    definitions: dict[str, set[str]] = {}
    needed: set[str] = set()
    for body in re.findall(r"\{([^{}]*)\}", css):
        for name, value in declarations(body):
            refs = set(VAR_USE.findall(value))
            if name.startswith("--"):
                definitions.setdefault(name, set()).update(refs)
            else:
                needed |= refs
    frontier = set(needed)
    while frontier:
        frontier = set().union(*(definitions.get(n, set()) for n in frontier)) - needed
        needed |= frontier
    return needed


def without_unused_properties(css: str, needed: set[str]) -> str:
    def rewrite(match: re.Match) -> str:
        pairs = declarations(match.group(1))
        kept = [f"{n}:{v}" for n, v in pairs if not n.startswith("--") or n in needed]
        return "{" + ";".join(kept) + "}"

    css = re.sub(r"\{([^{}]*)\}", rewrite, css)
    return re.sub(r"[^{}]+\{\}", "", css)  # rules left empty


def prune(css_blocks: list[str], used_classes: set[str]) -> str:
    rules = []
    for css in css_blocks:
        rules += pruned_rules(tinycss2.parse_stylesheet(css, True, True), used_classes)
    css = "\n".join(dict.fromkeys(rules))  # identical rules from several blocks once
    return without_unused_properties(css, used_custom_properties(css))


def cached_prune(css_blocks: list[str], used_classes: set[str], cache_dir: Path) -> str:
    """`prune`, kept on disk by a hash of its inputs and of the pipeline (~2 s saved per build)."""
    key = disk_cache.content_key(json.dumps([css_blocks, sorted(used_classes)]))
    if (css := disk_cache.read_text(cache_dir, "notebook-css", key, ".css")) is not None:
        return css
    css = prune(css_blocks, used_classes)
    disk_cache.write_text(cache_dir, "notebook-css", key, ".css", css)
    return css
