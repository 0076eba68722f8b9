"""The site's build pipeline: every step MkDocs runs for us, in the order it runs them.

This is the one hooks module mkdocs.yml registers. Each MkDocs event below calls small pure
functions from the scripts.build package in a visible order; read top to bottom, this file is the
architecture. Markdown pages get the guide's syntax and markup from Python-Markdown extensions
(scripts/build/markup/, listed in mkdocs.yml); notebook pages, which mkdocs-jupyter renders,
get theirs here. Page content is parsed once (document.py; a notebook page from its cached light
form), edited as a tree by the CONTENT steps, and serialized once.

Per-build inputs come from cached loaders (markup/project.py); what one build collects across
pages is a Collected object that on_config puts on the config: no module-global state.

Errors from the steps are ValueErrors whose message names the file (and line) and what to do;
`fail` turns them into MkDocs build errors.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

# MkDocs puts only this file's folder on sys.path while it loads it: the package comes from
# the editable install (`make install-docs`) or from the root (`python -m mkdocs`).
try:
    import scripts
except ModuleNotFoundError as missing:
    raise PluginError(f"{__file__}: the scripts package is not importable: run "
                      "`make install-docs`, or `python -m mkdocs` from the project "
                      "root") from missing
from scripts.build import (
    claims,
    css_bundle,
    defer_scripts,
    disk_cache,
    document,
    front_matter,
    glossary,
    keyboard,
    notebook_css,
    notebook_files,
    notebook_links,
    notebook_page,
    offline,
    page_descriptions,
    palette_switching,
    progress,
    verified_badge,
)
from scripts.build.adapter import events, material
from scripts.build.markup import project
from scripts.notebooks.notebook_meta import cached_notebook

CACHE_DIR = Path(".cache/pipeline")  # relative to the project root


# With a venv shared by several checkouts, a bare `mkdocs` imports `scripts` from whichever
# one `pip install -e .` ran in last: never build one checkout with another's steps.
_HERE, _PACKAGE = Path(__file__).resolve().parents[1], Path(scripts.__file__).resolve().parent
if _HERE != _PACKAGE:
    raise PluginError(f"{__file__} imports the scripts package of another checkout, "
                      f"{_PACKAGE.parent}: run `make install-docs` here, or `python -m mkdocs` "
                      f"from {_HERE.parent}")


@dataclass
class Collected:
    """What one build gathers across pages and hands to on_post_build; made by on_config."""

    stylesheets: list[str] = field(default_factory=list)  # bundled into css_bundle.BUNDLE
    notebook_css: list[str] = field(default_factory=list)
    notebook_classes: set[str] = field(default_factory=set)
    search_views: dict[str, str] = field(default_factory=dict)  # notebook src -> search HTML
    shown_content: dict[str, str] = field(default_factory=dict)  # while search reads the view


# On the config, not in a module global: every build and serve rebuild gets a fresh config.
COLLECTED = "guide_collected"


def collected(config: MkDocsConfig) -> Collected:
    return config[COLLECTED]


def root_of(config: MkDocsConfig) -> Path:
    """The project root (where mkdocs.yml is); loaders take it resolved, as their cache key."""
    return Path(config.config_file_path).parent.resolve()


@contextmanager
def fail(where: str = ""):
    """Turn a step's ValueError into a build error that names the file and what to do."""
    try:
        yield
    except ValueError as error:
        raise PluginError(f"{where}{error}") from error


# --- Configuration ------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = root_of(config)
    with fail():  # fail early on a bad setting, glossary line or fact
        project.repository(root)  # the reading every later step uses
        project.glossary_terms(root)
        project.project_facts(root)
    # Linked from every page: instant navigation keeps the first page's <head>.
    config.extra_css.extend([notebook_page.STYLESHEET, notebook_page.OVERRIDES])
    config.extra_javascript.append(notebook_page.SCRIPT)
    if offline.offline_enabled(config):
        offline.offline_config(config)
    # Last: every stylesheet is listed by now, so they can all become one request.
    stylesheets, other = css_bundle.split_stylesheets(list(config.extra_css))
    config.extra_css = [*other, css_bundle.BUNDLE] if stylesheets else other
    config[COLLECTED] = Collected(stylesheets=stylesheets)
    return config


@event_priority(events.NOTEBOOK_FILES_PRIORITY)  # before mkdocs-jupyter's: else raw .ipynb ship
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = root_of(config)
    for source in notebook_files.notebook_sources(root):
        src_uri = f"{notebook_files.NOTEBOOK_FOLDER}/{source.name}"
        if problem := notebook_files.notebook_problem(source, src_uri):
            raise PluginError(problem)
        files.append(File(src_uri, src_dir=str(root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def on_pre_build(*, config: MkDocsConfig) -> None:
    root = root_of(config)
    with fail():
        # No time-sensitive claim outside the fact registry (docs/claims-allowed.yml excuses).
        claims.check_project(root)
        project.health_index(root)  # a broken report fails here, before any page renders
        project.notebook_runs(root)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # Every section's resources are timed before any page is rendered: paths add them up.
    with fail():  # fail before any page renders; the page-bodies extension reuses the result
        project.section_resources(root_of(config))
    return nav


# --- Markdown: checks and times, then generated page bodies --------------------------------
# The guide's own syntax (typed links, facts, quizzes, colab: links), and the markup on its
# pages (progress, resource health, keyboard access) are not here: they are Python-Markdown
# extensions (scripts/build/markup/, listed in mkdocs.yml) that any generator runs.


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    src, source = page.file.src_uri, page.file.content_string
    if problem := front_matter.front_matter_error(src, source):
        raise PluginError(problem)
    return markdown


# --- HTML content: one tree per page, these steps in this order ----------------------------


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if notebook_page.is_notebook_page(page.file.src_uri):
        html = notebook_content(html, page, config)  # finished HTML, kept in the disk cache
        if not offline.offline_enabled(config):
            return html
    # Markdown pages through lxml all the same: its serialization is the one the site has had.
    root = document.parse(html)
    if offline.offline_enabled(config):
        offline.file_links(root)
    return document.serialize(root)


def notebook_content(html: str, page: Page, config: MkDocsConfig) -> str:
    """Notebook pages: lighter HTML, buttons and verified note, images as files, glossary terms
    and keyboard access.

    The result is kept on disk by a hash of everything it comes from, so a rebuild after a
    Markdown edit reuses it instead of redoing the notebook work.
    """
    root_dir, build = root_of(config), collected(config)
    repo_url, branch = project.repository(root_dir)
    terms = project.glossary_terms(root_dir)
    name, source = Path(page.file.src_uri).name, Path(page.file.abs_src_path)
    notebook = cached_notebook(source)
    header = (notebook_links.buttons_html(repo_url, branch, name)
              + verified_badge.notebook_badge(name, notebook, project.notebook_runs(root_dir)))
    key = disk_cache.content_key(html, source.read_bytes(), header, repr(terms))
    cache_name = f"notebook-{source.stem}"
    if cached := disk_cache.read_json(root_dir / CACHE_DIR, cache_name, key):
        found, light_html = notebook_page.from_cache(cached)
    else:
        root = document.parse(html)
        found = notebook_page.transform(root, notebook, header)
        glossary.wrap_terms(root, terms)  # Markdown pages get terms from the abbr extension
        keyboard.make_reachable(root)  # mkdocs-jupyter renders these, not our extensions
        progress.add_mark_done(root)
        light_html = document.serialize(root)
        disk_cache.write_json(root_dir / CACHE_DIR, cache_name, key,
                              notebook_page.to_cache(found, light_html))
    page_dir = Path(page.file.abs_dest_path).parent  # not page.url: a file in offline builds
    page_dir.mkdir(parents=True, exist_ok=True)
    for file_name, data in found.images.items():
        (page_dir / file_name).write_bytes(data)
    build.notebook_css += [block for block in found.css if block not in build.notebook_css]
    build.notebook_classes |= found.classes
    build.search_views[page.file.src_uri] = found.search_html
    page.edit_url = notebook_links.edit_url(repo_url, branch, name)
    return light_html


# --- Templates ---------------------------------------------------------------------------


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # Compiled templates kept on disk (Jinja checks each one's source): ~0.2 s off every build.
    folder = root_of(config) / CACHE_DIR / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


# --- Context: Material's search plugin indexes page.content in this event, between these two --


@event_priority(material.SEARCH_PLUGIN_PRIORITY + 50)
def _before_search(context: TemplateContext, *, page: Page, config: MkDocsConfig,
                   nav: Navigation) -> TemplateContext:
    source = page.file.abs_src_path
    if source and source.endswith(".ipynb") and not page.meta.get("description"):
        description = page_descriptions.notebook_description(cached_notebook(Path(source)))
        if description:
            page.meta["description"] = description
    # A notebook page is indexed from its search view: headings, text and code once each.
    build = collected(config)
    if page.file.src_uri in build.search_views:
        build.shown_content[page.file.src_uri] = page.content
        page.content = build.search_views[page.file.src_uri]
    return context


@event_priority(material.SEARCH_PLUGIN_PRIORITY - 50)
def _after_search(context: TemplateContext, *, page: Page, config: MkDocsConfig,
                  nav: Navigation) -> TemplateContext:
    shown = collected(config).shown_content
    if page.file.src_uri in shown:  # the page itself shows every cell
        page.content = shown.pop(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


# --- Whole pages and files ------------------------------------------------------------------


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return defer_scripts.defer_external_scripts(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # Static templates include 404.html (a full page) and sitemap.xml (no scripts, untouched).
    if template_name.endswith(".html"):
        return defer_scripts.defer_external_scripts(output_content)
    return output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    site, root, build = Path(config.site_dir), root_of(config), collected(config)
    notebook_files.copy_downloads(root, site)
    css = notebook_css.cached_prune(build.notebook_css, build.notebook_classes,
                                    root / CACHE_DIR)
    write(site / notebook_page.STYLESHEET, css)
    write(site / notebook_page.SCRIPT, notebook_page.notebook_script())
    with fail():
        palette_switching.retarget_palette(site, bool(config.theme.get("palette")))
        # Last: every stylesheet is written by now.
        if build.stylesheets:
            write(site / css_bundle.BUNDLE, css_bundle.bundle(site, build.stylesheets))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
