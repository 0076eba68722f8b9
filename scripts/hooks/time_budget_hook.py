"""Temporary thin hook: time budgets of sections and paths (scripts/pipeline/time_budget.py)."""

import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # temporary until mkdocs_hooks.py  # noqa: E401, E702, I001, E501

import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from mkdocs.exceptions import PluginError  # noqa: E402
from pipeline import time_budget as tb  # noqa: E402

SECTION_TITLE = re.compile(r"^\d{1,2}\s")  # "5 Python", not "2021 links"
_notebooks: dict[str, int] = {}
_sections: dict[str, list[tb.Resource]] = {}


def body_first_line(source: str, markdown: str) -> int:
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1


def on_config(config):
    _notebooks.clear()
    for path in sorted((Path(config.config_file_path).parent / "notebooks").glob("*.ipynb")):
        minutes = tb.notebook_minutes(json.loads(path.read_text(encoding="utf-8")))
        if minutes is not None:
            _notebooks[path.name] = minutes


def on_nav(nav, config, files):
    _sections.clear()
    errors = []
    for page in nav.pages:
        if page.file.src_uri.endswith(".md") and SECTION_TITLE.match(str(page.title or "")):
            resources, problems = tb.parse_resources(page.file.content_string, _notebooks)
            errors += [p.format(f"docs/{page.file.src_uri}") for p in problems]
            _sections[page.file.src_uri] = resources
    if errors:
        raise PluginError("\n".join(errors))
    return nav


def on_page_markdown(markdown, page, **kwargs):
    src = page.file.src_uri
    if src in _sections:
        if tb.MARKER not in markdown:
            raise PluginError(f"docs/{src}: add the line {tb.MARKER} under the one-line promise; "
                              "the build writes the section's time there.")
        first = body_first_line(page.file.content_string, markdown)
        resources, _ = tb.parse_resources(markdown, _notebooks, first)
        markdown = tb.with_notebook_durations(markdown, resources, first)
        return markdown.replace(tb.MARKER, tb.section_sentence(resources))
    if page.is_homepage and tb.MARKER in markdown:
        lines = markdown.splitlines()
        first = body_first_line(page.file.content_string, markdown)
        for index, urls in tb.path_links(markdown):
            minutes, unknown = tb.path_minutes(urls, _sections, _notebooks)
            if unknown or not urls:
                raise PluginError(f"docs/{src}:{index + first}: this path links "
                                  f"{', '.join(unknown) or 'nothing'}, which has no time budget; "
                                  "link section pages and notebooks only.")
            lines[index] = tb.path_sentence(minutes)
        return "\n".join(lines) + "\n"
    return markdown
