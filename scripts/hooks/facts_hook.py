"""MkDocs hook (temporary, until scripts/mkdocs_hooks.py): fact markers, page footers, Facts page.

All logic lives in scripts/pipeline/facts.py; this file only dispatches MkDocs events to it.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # temporary until mkdocs_hooks.py  # noqa: E501

from mkdocs.exceptions import PluginError  # noqa: E402
from pipeline import facts as facts_module  # noqa: E402

_FACTS: dict = {}


def on_config(config, **kwargs):
    root = pathlib.Path(config["config_file_path"]).resolve().parent
    try:
        _FACTS.clear()
        _FACTS.update(facts_module.all_facts(root))
    except facts_module.FactError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, **kwargs):
    src = page.file.src_uri
    # Line numbers in errors count the front matter, as in the source file.
    offset = page.file.content_string.count("\n") - markdown.count("\n")
    try:
        text, used = facts_module.resolve_markers(markdown, _FACTS, f"docs/{src}", max(offset, 0))
    except facts_module.FactError as error:
        raise PluginError(str(error)) from None
    if src == facts_module.FACTS_PAGE:
        return text.replace(facts_module.FACTS_TABLE_MARKER, facts_module.facts_table(_FACTS))
    return text + facts_module.page_footer(used, _FACTS)
