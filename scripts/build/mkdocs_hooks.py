"""The site's build pipeline: every step MkDocs runs for us, in the order it runs them.

This is the one hooks module mkdocs.yml registers. Each MkDocs event below calls small pure
functions from the scripts.build package in a visible order; read top to bottom, this file is the
architecture. Page content is parsed once (document.py; a notebook page from its
cached light form), edited as a tree by the CONTENT steps, and serialized once. Steps never
re-read each other's HTML with regular expressions: typed_links marks resource links with one
class, later steps select by it.

Errors from the steps are ValueErrors whose message names the file (and line) and what to do;
`fail` turns them into MkDocs build errors.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

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
    facts,
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
    resource_health,
    resource_links,
    verified_badge,
)
from scripts.build.markup import project
from scripts.notebooks.notebook_meta import RUNS_REPORT, cached_notebook

CACHE_DIR = Path(".cache/pipeline")  # relative to the project root


# With a venv shared by several checkouts, a bare `mkdocs` imports `scripts` from whichever
# one `pip install -e .` ran in last: never build one checkout with another's steps.
_HERE, _PACKAGE = Path(__file__).resolve().parents[1], Path(scripts.__file__).resolve().parent
if _HERE != _PACKAGE:
    raise PluginError(f"{__file__} imports the scripts package of another checkout, "
                      f"{_PACKAGE.parent}: run `make install-docs` here, or `python -m mkdocs` "
                      f"from {_HERE.parent}")


@dataclass
class Build:
    """What one build collects across pages; reset before every build (and serve rebuild)."""

    root: Path = Path(".")
    repo_url: str = ""
    branch: str = ""
    offline: bool = False
    stylesheets: list[str] = field(default_factory=list)  # bundled into css_bundle.BUNDLE
    facts: dict = field(default_factory=dict)  # fact id -> Fact, registry and derived
    terms: list = field(default_factory=list)
    notebook_minutes: dict[str, int] = field(default_factory=dict)  # file name -> minutes
    health_index: dict = field(default_factory=dict)
    notebook_runs: dict = field(default_factory=dict)
    notebook_css: list[str] = field(default_factory=list)
    notebook_classes: set[str] = field(default_factory=set)
    resource_totals: dict[str, int] = field(default_factory=dict)  # page slug -> count
    search_views: dict[str, str] = field(default_factory=dict)  # notebook src -> search HTML
    shown_content: dict[str, str] = field(default_factory=dict)  # while search reads the view


build = Build()


@contextmanager
def fail(where: str = ""):
    """Turn a step's ValueError into a build error that names the file and what to do."""
    try:
        yield
    except ValueError as error:
        raise PluginError(f"{where}{error}") from error


# --- Configuration ------------------------------------------------------------------------


def on_config(config):
    global build
    build = Build(root=Path(config.config_file_path).parent)
    with fail():
        build.repo_url, build.branch = notebook_links.repository(config)
        build.terms = project.glossary_terms(build.root.resolve())  # fail early on a bad line
        build.facts = project.project_facts(build.root.resolve())
    build.notebook_minutes = facts.notebook_minutes(build.facts)
    # Linked from every page: instant navigation keeps the first page's <head>.
    config.extra_css.extend([notebook_page.STYLESHEET, notebook_page.OVERRIDES])
    config.extra_javascript.append(notebook_page.SCRIPT)
    build.offline = offline.offline_enabled(config)
    if build.offline:
        offline.offline_config(config)
    # Last: every stylesheet is listed by now, so they can all become one request.
    build.stylesheets, other = css_bundle.split_stylesheets(list(config.extra_css))
    config.extra_css = [*other, css_bundle.BUNDLE] if build.stylesheets else other
    return config


@event_priority(100)  # before mkdocs-jupyter's on_files, or notebooks ship as raw .ipynb
def on_files(files, config):
    for source in notebook_files.notebook_sources(build.root):
        src_uri = f"{notebook_files.NOTEBOOK_FOLDER}/{source.name}"
        if problem := notebook_files.notebook_problem(source, src_uri):
            raise PluginError(problem)
        files.append(File(src_uri, src_dir=str(build.root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def on_pre_build(config):
    with fail():
        # No time-sensitive claim outside the fact registry (docs/claims-allowed.yml excuses).
        claims.check_project(build.root)
        report = project.link_report(build.root.resolve())
        build.health_index = resource_health.results_by_url(report)
        build.notebook_runs = verified_badge.load_runs(build.root / RUNS_REPORT)


def on_nav(nav, config, files):
    # Every section's resources are timed before any page is rendered: paths add them up.
    with fail():  # fail before any page renders; the page-bodies extension reuses the result
        project.section_resources(build.root.resolve())
    return nav


# --- Markdown: checks and times, then generated page bodies --------------------------------
# The guide's own syntax (typed links, facts, quizzes, colab: links) is not here: it is a set of
# Python-Markdown extensions (pipeline/markup/, listed in mkdocs.yml) that any generator runs.


def on_page_markdown(markdown, page, config, files):
    src, source = page.file.src_uri, page.file.content_string
    if problem := front_matter.front_matter_error(src, source):
        raise PluginError(problem)
    return markdown


# --- HTML content: one tree per page, these steps in this order ----------------------------


def on_page_content(html, page, config, files):
    src = page.file.src_uri
    if notebook_page.is_notebook_page(src):
        root = notebook_content(html, page)
    else:
        root = document.parse(html)
    resource_health.annotate_resources(root, build.health_index, report_problem_link(page))
    build.resource_totals[progress.page_slug(page.url)] = progress.add_resource_checkboxes(root)
    if progress.is_trackable(src, page.title):
        progress.add_mark_done(root)
    if page.is_homepage:
        progress.insert_panel(root)
    glossary.focusable_abbreviations(root)
    keyboard.focusable_tab_strips(root)
    keyboard.scrollable_figures(root)
    if build.offline:
        offline.file_links(root)
    return document.serialize(root)


def report_problem_link(page):
    """HTML for a resource line's "report a problem" link: a pre-filled GitHub issue."""
    title, url = page.title or "", page.canonical_url or page.url

    def link(resource_url: str, resource_title: str) -> str:
        return resource_links.report_problem_html(build.repo_url, title, url, resource_title,
                                                  resource_url)
    return link


def notebook_content(html: str, page):
    """Notebook pages: lighter HTML, buttons and verified note, images as files, glossary.

    The result is kept on disk by a hash of everything it comes from, so a rebuild after a
    Markdown edit reuses it instead of redoing the notebook work.
    """
    name, source = Path(page.file.src_uri).name, Path(page.file.abs_src_path)
    notebook = cached_notebook(source)
    header = (notebook_links.buttons_html(build.repo_url, build.branch, name)
              + verified_badge.notebook_badge(name, notebook, build.notebook_runs))
    key = disk_cache.content_key(html, source.read_bytes(), header, repr(build.terms))
    cache_name = f"notebook-{source.stem}"
    if cached := disk_cache.read_json(build.root / CACHE_DIR, cache_name, key):
        found, light_html = notebook_page.from_cache(cached)
    else:
        root = document.parse(html)
        found = notebook_page.transform(root, notebook, header)
        glossary.wrap_terms(root, build.terms)  # Markdown pages get terms from the abbr extension
        light_html = document.serialize(root)
        disk_cache.write_json(build.root / CACHE_DIR, cache_name, key,
                              notebook_page.to_cache(found, light_html))
    root = document.parse(light_html)  # parsed from the cached form either way: same output
    page_dir = Path(page.file.abs_dest_path).parent  # not page.url: a file in offline builds
    page_dir.mkdir(parents=True, exist_ok=True)
    for file_name, data in found.images.items():
        (page_dir / file_name).write_bytes(data)
    build.notebook_css += [block for block in found.css if block not in build.notebook_css]
    build.notebook_classes |= found.classes
    build.search_views[page.file.src_uri] = found.search_html
    page.edit_url = notebook_links.edit_url(build.repo_url, build.branch, name)
    return root


# --- Templates ---------------------------------------------------------------------------


def on_env(env, config, files):
    # Compiled templates kept on disk (Jinja checks each one's source): ~0.2 s off every build.
    folder = build.root / CACHE_DIR / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


# --- Context: Material's search plugin (priority 0) indexes page.content in this event ----------


@event_priority(50)
def _before_search(context, page, config, nav):
    source = page.file.abs_src_path
    if source and source.endswith(".ipynb") and not page.meta.get("description"):
        description = page_descriptions.notebook_description(cached_notebook(Path(source)))
        if description:
            page.meta["description"] = description
    # A notebook page is indexed from its search view: headings, text and code once each.
    if page.file.src_uri in build.search_views:
        build.shown_content[page.file.src_uri] = page.content
        page.content = build.search_views[page.file.src_uri]
    return context


@event_priority(-50)
def _after_search(context, page, config, nav):
    if page.file.src_uri in build.shown_content:  # the page itself shows every cell
        page.content = build.shown_content.pop(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


# --- Whole pages and files ------------------------------------------------------------------


def on_post_page(output, page, config):
    # Every page's content is rendered before the first on_post_page: the totals are complete.
    if page.is_homepage:
        output = progress.add_map_totals(output, build.resource_totals)
    return defer_scripts.defer_external_scripts(output)


def on_post_template(output_content, template_name, config):
    # Static templates include 404.html (a full page) and sitemap.xml (no scripts, untouched).
    if template_name.endswith(".html"):
        return defer_scripts.defer_external_scripts(output_content)
    return output_content


def on_post_build(config):
    site = Path(config.site_dir)
    notebook_files.copy_downloads(build.root, site)
    css = notebook_css.cached_prune(build.notebook_css, build.notebook_classes,
                                    build.root / CACHE_DIR)
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
