"""MkDocs hook: resolve `colab:NAME.ipynb` links in pages (pipeline.colab_links)."""

# temporary until mkdocs_hooks.py
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from mkdocs.exceptions import PluginError  # noqa: E402
from notebook_links import NOTEBOOK_FOLDER, colab_url, repository  # noqa: E402
from pipeline.colab_links import ColabLinkError, resolve_colab_links  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    if "colab:" not in markdown:
        return markdown
    repo_url, branch = repository(config)
    prefix = f"{NOTEBOOK_FOLDER}/"
    notebooks = [
        f.src_uri.removeprefix(prefix)
        for f in files
        if f.src_uri.startswith(prefix) and f.src_uri.endswith(".ipynb")
    ]
    try:
        return resolve_colab_links(
            markdown,
            f"docs/{page.file.src_uri}",
            notebooks,
            lambda name: colab_url(repo_url, branch, name),
        )
    except ColabLinkError as error:
        raise PluginError(str(error)) from error
