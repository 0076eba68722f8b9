"""The pipeline's wiring: each MkDocs event turns a step's bad-input error into a build error,
and the guide's Markdown extensions, as mkdocs.yml lists them, name the file and line.

Called directly, without a build: tests/build/test_pl_build.py keeps the two real failing builds
(MkDocs' own link and anchor validation), which no function call can stand in for.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from support import ROOT, apply_step, copy_project, render_as_mkdocs

from scripts.build import keyboard, mkdocs_hooks, resource_health
from scripts.build.markup import project


def markdown_page(src_uri: str, source: str, title: str | None = None):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, content_string=source),
                           is_homepage=src_uri == "index.md", title=title)


def run_markdown(src_uri: str, source: str) -> str:
    return mkdocs_hooks.on_page_markdown(source, page=markdown_page(src_uri, source),
                                         config=None, files=None)


def config_for(root: Path) -> ConfigLike:
    """The little of MkDocs' config the hooks read after on_config, for the project at `root`."""
    return ConfigLike({"config_file_path": str(root / "mkdocs.yml"),
                       "site_dir": str(root / "site"), "use_directory_urls": True,
                       mkdocs_hooks.COLLECTED: mkdocs_hooks.Collected()})


@pytest.fixture(scope="module")
def render_page():
    return render_as_mkdocs


def test_notebooks_join_the_files_before_mkdocs_jupyter_looks():
    # Without this priority the build silently ships raw .ipynb files.
    assert mkdocs_hooks.on_files.mkdocs_priority == 100


def test_unknown_resource_type_fails_naming_file_and_line(render_page):
    source = "# Contact\n\n- [@video@Fine](https://a.example)\n- [@podcast@Show](https://b.example)\n"
    with pytest.raises(ValueError, match=r"docs/contact\.md:4: unknown resource type '@podcast@'"):
        render_page("contact.md", source)


def test_broken_front_matter_fails_naming_file_and_line():
    source = "---\ndescription: Reach us: anytime\n---\n# Contact\n"
    with pytest.raises(PluginError, match=r"contact\.md:2: front matter is not valid YAML"):
        run_markdown("contact.md", source)


def test_a_good_page_passes_unchanged():
    source = "# Contact\n\n- [@docs@Docs](https://d.example/): fine.\n"
    assert run_markdown("contact.md", source) == source


def page_lines(name: str) -> list[str]:
    return (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines()


def test_unknown_fact_fails_naming_file_and_line(render_page):
    lines = page_lines("contact.md")  # it has front matter: lines count from the file's top
    lines.insert(10, "Planted: [[fact:no-such-fact]].")
    with pytest.raises(ValueError, match=r"docs/contact\.md:11: unknown fact 'no-such-fact'"):
        render_page("contact.md", "\n".join(lines) + "\n")


def test_malformed_quiz_fails_naming_file_and_line(render_page):
    lines = page_lines("python.md")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("!!! quiz "))
    lines[number] = lines[number].replace("- [x]", "- [ ]")
    with pytest.raises(ValueError, match=rf"docs/python\.md:{number}: mark exactly one option"):
        render_page("python.md", "\n".join(lines) + "\n")


def test_a_resource_without_duration_fails_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    lines = page_lines("python.md")
    number = next(i for i, line in enumerate(lines, 1) if "](https://docs.astral.sh/uv/)" in line)
    lines[number - 1] = lines[number - 1].replace(" About 15 minutes.", "")
    (project / "docs" / "python.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PluginError, match=rf"docs/python\.md:{number}: resource 'uv' has no dur"):
        mkdocs_hooks.on_nav(None, config=config_for(project), files=None)  # before any page


def test_the_real_pages_pass_the_markdown_steps(render_page):
    for name in ("python.md", "contact.md", "hardware-and-os.md"):
        source = (ROOT / "docs" / name).read_text(encoding="utf-8")
        out = render_page(name, run_markdown(name, source))
        assert "[[fact:" not in out and "!!! quiz" not in out and "@docs@" not in out
        assert 'class="quiz"' in out or name == "contact.md"
        # Section pages get their time from the page-bodies extension; contact is no section.
        assert ('class="time-budget"' in out) == (name != "contact.md"), name


def test_malformed_notebook_fails_naming_file_and_line(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    good = json.loads((ROOT / "notebooks" / "01-first-neural-network.ipynb").read_text("utf-8"))
    lines = json.dumps(good, indent=1).splitlines()
    lines[5] += ","  # a stray comma: invalid JSON on line 6
    (notebooks / "02-broken.ipynb").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(PluginError, match=r"notebooks/02-broken\.ipynb:6:.*not valid JSON"):
        mkdocs_hooks.on_files(Files([]), config=config_for(tmp_path))


def test_a_repeated_glossary_term_fails_the_configuration(tmp_path):
    terms = tmp_path / "docs" / "glossary-terms.md"
    terms.parent.mkdir()
    terms.write_text("*[Epoch]: One pass.\n*[EPOCH]: Again.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("repo_url: https://github.com/owner/guide\n"
                                         "extra: {default_branch: main}\n", encoding="utf-8")
    config = {"config_file_path": str(tmp_path / "mkdocs.yml")}
    with pytest.raises(PluginError, match="glossary-terms.md:2: 'EPOCH' is already defined"):
        mkdocs_hooks.on_config(ConfigLike(config))


class ConfigLike(dict):
    """The little of MkDocs' config that on_config reads before it fails."""

    def __getattr__(self, name):
        return self[name]


def test_markdown_pages_pass_through_lxml_as_they_always_have():
    """Markdown pages' steps are extensions (test_pl_page_markup.py); the hooks serialize them."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri="python.md"))
    config = ConfigLike({"plugins": {}})
    assert mkdocs_hooks.on_page_content("<p>a<br/>b &para;</p>", page=page, config=config,
                                        files=None) == "<p>a<br>b \u00b6</p>"


def test_the_hooks_module_is_the_only_one_registered():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = [line.strip()[2:] for line in text.split("\nhooks:\n")[1].split("\n\n")[0].splitlines()
             if line.strip().startswith("- ")]
    assert hooks == ["scripts/build/mkdocs_hooks.py"]
    assert Path(ROOT / hooks[0]).is_file()


def test_tab_strips_join_the_tab_order():
    html = ('<div class="tabbed-set"><div class="tabbed-labels"><label>Linux</label>'
            '<label>Windows</label></div></div>')
    assert '<div class="tabbed-labels" tabindex="0">' in apply_step(keyboard.focusable_tab_strips,
                                                                   html)


def test_a_lone_diagram_gets_a_focusable_scroll_box_and_other_images_do_not():
    figure = '<img alt="A diagram" src="../images/figures/loss.svg" width="640">'
    html = (f"<p>{figure}</p><p>Text {figure} inline.</p>"
            '<p><img alt="A photo" src="../images/photo.png"></p>')
    out = apply_step(keyboard.scrollable_figures, html)
    assert out.count('class="figure-scroll" tabindex="0"') == 1
    assert out.startswith('<p class="figure-scroll" tabindex="0"><img alt="A diagram"')
    assert '<p>Text <img' in out and '<p><img alt="A photo"' in out


def test_without_a_link_report_every_resource_is_not_yet_checked(tmp_path):
    # A project without reports/link-check.json (a fresh clone) still builds its health page.
    mkdocs_hooks.on_pre_build(config=config_for(tmp_path))
    assert project.health_index(tmp_path.resolve()) == {}
    (tmp_path / "docs").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "python.md").write_text(
        "- [@docs@A](https://a.example/): about A.\n- [@video@B](https://b.example/): B.\n",
        encoding="utf-8")
    health_source = (ROOT / "docs" / resource_health.HEALTH_PAGE).read_text(encoding="utf-8")
    html = markdown.markdown(health_source, extensions=["scripts.build.markup.page_bodies",
                                                        "tables"],
                             extension_configs={"scripts.build.markup.page_bodies": {
                                 "root": tmp_path}})
    rows = [row for row in html.split("<tr>")
            if "https://a.example/" in row or "https://b.example/" in row]
    assert len(rows) == 2 and all("Not yet checked" in row for row in rows), rows


ONE_PIXEL_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
                 "hgGAWjR9awAAAABJRU5ErkJggg==")
NOTEBOOK_HTML = f"""
<style>.jp-Cell {{ margin: 0 }}</style>
<div class="jp-Notebook">
<div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedMarkdown">
<h1 id="Tiny">Tiny<a class="anchor-link" href="#Tiny">¶</a></h1><p>A plot.</p></div></div>
<div class="jp-Cell jp-CodeCell"><div class="highlight-ipynb"><pre>plot()</pre></div>
<div class="jp-OutputArea"><img src="data:image/png;base64,{ONE_PIXEL_PNG}"></div></div>
</div>
"""


def tiny_notebook(path: Path, alt: str) -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Tiny\n", "A plot."]},
             {"cell_type": "code", "metadata": {"alt": alt}, "source": ["plot()"],
              "execution_count": 1, "outputs": []}]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")


def notebook_page_run(root: Path) -> tuple[str, mkdocs_hooks.Collected]:
    """One build's notebook step on the tiny notebook: its HTML and what the build collected."""
    (root / "mkdocs.yml").write_text("repo_url: https://github.com/owner/guide\n"
                                     "extra: {default_branch: main}\n", encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "glossary-terms.md").write_text("", encoding="utf-8")
    config = config_for(root)
    page = SimpleNamespace(file=SimpleNamespace(
        src_uri="notebooks/01-tiny.ipynb", abs_src_path=str(root / "notebooks/01-tiny.ipynb"),
        abs_dest_path=str(root / "site/notebooks/01-tiny/index.html")))
    html = mkdocs_hooks.notebook_content(NOTEBOOK_HTML, page, config)  # finished HTML
    return html, mkdocs_hooks.collected(config)


def test_a_notebook_page_comes_out_of_the_cache_as_it_was_made(tmp_path):
    tiny_notebook(tmp_path / "notebooks/01-tiny.ipynb", alt="A flat line.")
    made, first = notebook_page_run(tmp_path)
    assert len(list((tmp_path / mkdocs_hooks.CACHE_DIR).glob("notebook-01-tiny-*.json"))) == 1
    shutil.rmtree(tmp_path / "site")
    cached, second = notebook_page_run(tmp_path)
    assert cached == made and 'alt="A flat line."' in cached and "<style>" not in cached
    assert list((tmp_path / "site/notebooks/01-tiny").glob("figure-*.png")), "image not written"
    for collected in ("notebook_css", "notebook_classes", "search_views"):
        assert getattr(second, collected) == getattr(first, collected), collected
    assert second.search_views["notebooks/01-tiny.ipynb"].startswith('<h1 id="Tiny">Tiny</h1>')


def test_an_edited_notebook_is_made_again_not_read_from_the_cache(tmp_path):
    tiny_notebook(tmp_path / "notebooks/01-tiny.ipynb", alt="A flat line.")
    notebook_page_run(tmp_path)
    tiny_notebook(tmp_path / "notebooks/01-tiny.ipynb", alt="A rising line.")
    html, _ = notebook_page_run(tmp_path)
    assert 'alt="A rising line."' in html
    assert len(list((tmp_path / mkdocs_hooks.CACHE_DIR).glob("notebook-01-tiny-*.json"))) == 1


def test_compiled_templates_are_reused_by_the_next_build(tmp_path, monkeypatch):
    templates, config = {"main.html": "Hello {{ name }}"}, config_for(tmp_path)
    first = mkdocs_hooks.on_env(jinja2.Environment(loader=jinja2.DictLoader(templates)),
                                config=config, files=None)
    assert first.get_template("main.html").render(name="reader") == "Hello reader"
    second = mkdocs_hooks.on_env(jinja2.Environment(loader=jinja2.DictLoader(templates)),
                                 config=config, files=None)
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert second.get_template("main.html").render(name="again") == "Hello again"


def test_a_time_sensitive_claim_fails_the_build_naming_file_and_line(tmp_path):
    """The claims scan is a build check, not only a test: `make serve` stops on it too."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "docs" / "claims-allowed.yml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "docs" / "x.md").write_text("# X\n\nInstall PyTorch 2.15, the latest.\n",
                                           encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/x\.md:3: .*'PyTorch 2\.15' typed into prose"):
        mkdocs_hooks.on_pre_build(config=config_for(tmp_path))
