"""Contract tests of scripts/build/adapter/: every internal of MkDocs, Material for MkDocs and
mkdocs-jupyter/nbconvert that the build relies on is still where the adapter expects it.

A failure here means an upgrade changed an internal: the message says what to re-check."""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import re
from types import SimpleNamespace

import mkdocs_jupyter.plugin
import nbformat
import pytest
from lxml import html as lxml_html
from material.plugins.offline.plugin import OfflinePlugin
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.config import load_config
from mkdocs_jupyter import convert
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from support import ROOT

from scripts.build import mkdocs_hooks, notebook_page, offline
from scripts.build.adapter import WRITTEN_AGAINST, events, jupyter, material
from scripts.build.document import outermost_with_class

# What to re-check by hand when a package's version changes, before listing the new version.
RECHECK = {
    "mkdocs": "adapter/events.py and markup/generator.py (the `relpath` treeprocessor)",
    "mkdocs-material": "adapter/material.py: palette switching, instant navigation's href "
                       "self-assignment, start-up classes, offline plugin polyfills, search "
                       "plugin event, copied partials, internal classes",
    "mkdocs-jupyter": "adapter/jupyter.py: clipboard.umd.js, the <style> list quirk, renamed "
                      "classes",
    "nbconvert": "adapter/jupyter.py: the lab template's classes and nesting",
}
MAIN_HTML = (ROOT / "assets" / "main.html").read_text(encoding="utf-8")


def material_file(pattern: str) -> str:
    (path,) = material.TEMPLATES.glob(pattern)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("package", sorted(WRITTEN_AGAINST))
def test_each_package_is_the_version_the_adapter_was_written_against(package):
    installed, expected = importlib.metadata.version(package), WRITTEN_AGAINST[package]
    assert installed == expected, (
        f"{package} {installed} is installed; scripts/build/adapter/ was written against "
        f"{expected}. Re-check {RECHECK[package]}, then update WRITTEN_AGAINST "
        "(scripts/build/adapter/__init__.py).")


# --- Material ------------------------------------------------------------------------------


def test_palette_css_pauses_transitions_under_the_attribute_the_bundle_toggles():
    css = material_file(material.PALETTE_CSS)
    assert f"[{material.SWITCHING_ATTRIBUTE}] *" in css, "palette_switching.py: nothing to rename"
    bundle = material_file(material.BUNDLE)
    assert f'setAttribute("{material.SWITCHING_ATTRIBUTE}"' in bundle
    assert f'removeAttribute("{material.SWITCHING_ATTRIBUTE}")' in bundle


def test_palette_inputs_have_the_name_main_html_listens_for():
    assert f'name="{material.PALETTE_INPUT}"' in material_file("partials/palette.html")
    assert f'event.target.name !== "{material.PALETTE_INPUT}"' in MAIN_HTML


def test_instant_navigation_still_self_assigns_href_as_main_html_expects():
    assert material.HREF_SELF_ASSIGN.search(material_file(material.BUNDLE)), (
        "Material's instant navigation no longer runs `el[key] = el[key]` on [href] elements: "
        "check whether the SVGAElement href setter in assets/main.html is still needed")
    assert "SVGAElement.prototype" in MAIN_HTML


def test_the_start_up_classes_main_html_presets_are_materials():
    assert f'class="{material.NO_JS_CLASS}"' in material_file("base.html")
    bundle = material_file(material.BUNDLE)
    assert f'classList.remove("{material.NO_JS_CLASS}")' in bundle
    assert f'classList.add("{material.JS_CLASS}"' in bundle
    assert f'classList.add("{material.FOCUS_VISIBLE_CLASS}")' in bundle
    assert f'"{material.FOCUS_VISIBLE_ATTRIBUTE}"' in bundle
    assert (f'classList.remove("{material.NO_JS_CLASS}")' in MAIN_HTML
            and f'add("{material.JS_CLASS}", "{material.FOCUS_VISIBLE_CLASS}")' in MAIN_HTML
            and f'setAttribute("{material.FOCUS_VISIBLE_ATTRIBUTE}"' in MAIN_HTML)


def test_the_offline_plugin_adds_its_shim_to_the_polyfills_unless_one_is_listed():
    def offline_config(polyfills):
        plugin = OfflinePlugin()
        plugin.load_config({"enabled": True})
        config = SimpleNamespace(extra={} if polyfills is None else {"polyfills": polyfills},
                                 use_directory_urls=True)
        plugin.on_config(config)
        return config

    config = offline_config(None)
    (remote,) = material.polyfills(config)
    assert material.IFRAME_WORKER in remote and remote.startswith("https://")
    assert offline.local_polyfills([remote]) == [offline.LOCAL_SHIM]
    kept = offline_config([offline.LOCAL_SHIM])
    assert material.polyfills(kept) == [offline.LOCAL_SHIM]
    assert "config.extra.polyfills" in material_file("base.html")


def test_the_offline_plugin_is_registered_under_the_adapters_name():
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert material.OFFLINE_PLUGIN in config.plugins
    assert material.offline_enabled(config) is False  # OFFLINE=true is for `make offline` only


def test_the_instant_features_the_offline_copy_drops_are_materials():
    templates = material_file("base.html") + material_file(material.BUNDLE)
    for feature in material.INSTANT_FEATURES:
        assert f'"{feature}"' in templates, feature


def test_the_search_plugin_indexes_page_content_in_on_page_context_at_priority_0():
    event = getattr(SearchPlugin, material.SEARCH_PLUGIN_EVENT)
    assert getattr(event, "mkdocs_priority", 0) == material.SEARCH_PLUGIN_PRIORITY
    assert "add_entry_from_context(page)" in inspect.getsource(event)
    assert "page.content" in inspect.getsource(SearchIndex.add_entry_from_context)
    before, after = mkdocs_hooks.on_page_context.methods
    assert before.mkdocs_priority > material.SEARCH_PLUGIN_PRIORITY > after.mkdocs_priority


@pytest.mark.parametrize("name", sorted(material.COPIED_PARTIALS))
def test_copied_partials_were_copied_from_the_installed_upstream_file(name):
    upstream = (material.TEMPLATES / "partials" / name).read_bytes()
    assert hashlib.sha256(upstream).hexdigest() == material.COPIED_PARTIALS[name], (
        f"Material's partials/{name} changed: copy it to assets/partials/{name} again, re-apply "
        "our change (its first comment says which), then update COPIED_PARTIALS")
    ours = (ROOT / "assets" / "partials" / name).read_text(encoding="utf-8")
    first_comment = ours.split("-#}", 1)[0]
    version = WRITTEN_AGAINST["mkdocs-material"]
    assert f"Material {version} partials/{name}" in first_comment


def test_every_partial_that_overrides_materials_is_a_recorded_copy():
    ours = {path.name for path in (ROOT / "assets" / "partials").glob("*.html")}
    upstream = {path.name for path in (material.TEMPLATES / "partials").glob("*.html")}
    assert ours & upstream == set(material.COPIED_PARTIALS)


def material_sources() -> str:
    texts = [path.read_text(encoding="utf-8") for path in material.TEMPLATES.rglob("*.html")]
    return "\n".join([*texts, material_file(material.BUNDLE)])


@pytest.mark.parametrize("name", sorted(material.INTERNAL_CLASSES))
def test_internal_classes_we_select_are_still_in_materials_templates_or_bundle(name):
    assert re.search(rf"\b{re.escape(name)}\b(?!-)", material_sources()), (
        f"Material no longer writes .{name}: fix the rules in "
        f"{', '.join(material.INTERNAL_CLASSES[name])}, then update INTERNAL_CLASSES")


OUR_ASSETS = [*sorted((ROOT / "assets" / "stylesheets").glob("*.css")),
              *sorted((ROOT / "assets" / "javascripts").glob("*.js"))]
MATERIAL_CLASS = re.compile(r"\.(md-[\w-]+)")  # a selector; custom properties are --md-*


def test_every_material_class_our_assets_select_is_public_or_listed_with_its_file():
    found = {(match.group(1), str(path.relative_to(ROOT)))
             for path in OUR_ASSETS
             for match in MATERIAL_CLASS.finditer(path.read_text(encoding="utf-8"))}
    listed = {(name, file) for name, files in material.INTERNAL_CLASSES.items() for file in files}
    internal = {pair for pair in found if pair[0] not in material.PUBLIC_CLASSES}
    assert internal == listed, "list in adapter/material.py INTERNAL_CLASSES"


# --- mkdocs-jupyter and nbconvert ------------------------------------------------------------


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> str:
    """A small notebook as the installed mkdocs-jupyter renders it: every kind of output."""
    ansi = "".join(f"\x1b[{code}mx" for code in range(31, 37)) + "\x1b[0m\n"
    outputs = [
        new_output("stream", name="stdout", text="1\n"),
        new_output("stream", name="stderr", text=ansi),
        new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
        new_output("execute_result", execution_count=1,
                   data={"text/html": "<table><tr><th></th><td>1</td></tr></table>"}),
    ]
    notebook = new_notebook(cells=[
        new_markdown_cell("# Title\n\nSome text."),
        new_code_cell("print(1)", metadata={"tags": ["parameters"]}, outputs=outputs),
        new_code_cell("x = 2"),
    ])
    path = tmp_path_factory.mktemp("notebook") / "small.ipynb"
    nbformat.write(notebook, path)
    return convert.nb2html(str(path))


def test_the_clipboard_helper_is_where_the_build_reads_it():
    assert jupyter.CLIPBOARD_JS.is_file(), (
        "mkdocs-jupyter moved clipboard.umd.js: update CLIPBOARD_JS in adapter/jupyter.py")
    assert "clipboard-copy" in jupyter.clipboard_script()  # the event our "Copied!" notice hears
    assert f'querySelector(".{jupyter.COPY_NOTICE}")' in notebook_page.COPY_NOTICE_JS


def test_mkdocs_jupyter_still_writes_a_css_list_repr_in_a_style(converted):
    styles = [style.text_content() for style in lxml_html.fromstring(converted).iter("style")]
    assert any(jupyter.is_css_list_repr(text) for text in styles), (
        "mkdocs-jupyter no longer writes the repr of its CSS list into a <style>: remove "
        "jupyter.is_css_list_repr and its use in notebook_page.pull_styles_and_scripts")
    assert any(not jupyter.is_css_list_repr(text) and ".jp-Cell" in text for text in styles)


def test_the_classes_the_build_and_stylesheets_read_are_in_nbconverts_html(converted):
    classes = {name for value in re.findall(r'class="([^"]*)"', converted)
               for name in value.split()}
    named = {jupyter.CELL, jupyter.CODE_CELL, jupyter.MARKDOWN_CELL, jupyter.RENDERED_MARKDOWN,
             jupyter.ANCHOR_LINK, jupyter.OUTPUT, jupyter.CODE_BOX, jupyter.WRAPPER,
             jupyter.COPY_NOTICE}
    assert named | jupyter.STYLESHEET_CLASSES <= classes, sorted(
        (named | jupyter.STYLESHEET_CLASSES) - classes)


def test_the_lab_template_nests_each_cell_in_a_cell_of_its_class(converted):
    root = lxml_html.fromstring(converted)
    code_cells = [cell for cell in root.iter("div")
                  if jupyter.CODE_CELL in (cell.get("class") or "").split()]
    assert len(outermost_with_class(root, jupyter.CODE_CELL, "div")) == 2
    assert len(code_cells) > 2, "nbconvert stopped nesting: outermost_with_class is not needed"


NBCONVERT_CLASS = re.compile(
    r"\.(jp-[\w-]+|jupyter-wrapper|highlight-ipynb|celltoolbar|tag-container|cell-tag|ansi-[\w-]+)")


def test_every_nbconvert_class_our_stylesheets_select_is_listed():
    found = {match.group(1) for path in (ROOT / "assets" / "stylesheets").glob("*.css")
             for match in NBCONVERT_CLASS.finditer(path.read_text(encoding="utf-8"))}
    assert found == jupyter.STYLESHEET_CLASSES, "list in adapter/jupyter.py STYLESHEET_CLASSES"


# --- MkDocs' event order -------------------------------------------------------------------


def test_notebooks_join_the_files_before_mkdocs_jupyter_reads_them():
    jupyter_priority = getattr(mkdocs_jupyter.plugin.Plugin.on_files, "mkdocs_priority", 0)
    assert jupyter_priority == events.JUPYTER_FILES_PRIORITY
    assert mkdocs_hooks.on_files.mkdocs_priority == events.NOTEBOOK_FILES_PRIORITY
    assert events.NOTEBOOK_FILES_PRIORITY > events.JUPYTER_FILES_PRIORITY


def test_hooks_run_after_the_plugins_at_equal_priority():
    plugins = list(load_config(str(ROOT / "mkdocs.yml")).plugins)
    assert plugins[-1] == "scripts/build/mkdocs_hooks.py"
    assert plugins.index(material.OFFLINE_PLUGIN) < plugins.index(plugins[-1])
