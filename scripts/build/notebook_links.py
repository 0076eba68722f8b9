"""Where a notebook lives on GitHub and Colab, from ONE setting: repo_url + extra.default_branch.

Not a hook itself: mkdocs_hooks.notebook_content renders the button bar with it, and the lint
tests check every notebook's Colab URL with the same functions.
"""

from __future__ import annotations

import html
from urllib.parse import urlparse

NOTEBOOK_FOLDER = "notebooks"
COLAB = "https://colab.research.google.com/github"


class RepositorySettingError(ValueError):
    """mkdocs.yml lacks repo_url or extra.default_branch, or edit_uri names another branch."""


def repository(config) -> tuple[str, str]:
    """(https://github.com/owner/name, branch) from mkdocs.yml; fail with what to add."""
    repo_url = (config.get("repo_url") or "").rstrip("/")
    branch = (config.get("extra") or {}).get("default_branch")
    parsed = urlparse(repo_url)
    if parsed.netloc != "github.com" or len(parsed.path.strip("/").split("/")) != 2:
        raise RepositorySettingError(
            f"mkdocs.yml: repo_url {repo_url!r} must be https://github.com/OWNER/NAME; "
            "the notebook buttons are built from it"
        )
    if not branch:
        raise RepositorySettingError(
            "mkdocs.yml: add `extra: {default_branch: main}` (the branch the notebook buttons use)"
        )
    edit_uri = config.get("edit_uri") or ""
    if edit_uri and not edit_uri.startswith(f"edit/{branch}/"):
        raise RepositorySettingError(
            f"mkdocs.yml: edit_uri {edit_uri!r} names another branch than "
            f"extra.default_branch {branch!r}; make them agree"
        )
    return repo_url, branch


def repo_path(name: str) -> str:
    return f"{NOTEBOOK_FOLDER}/{name}"


def colab_url(repo_url: str, branch: str, name: str) -> str:
    owner_and_name = urlparse(repo_url).path.strip("/")
    return f"{COLAB}/{owner_and_name}/blob/{branch}/{repo_path(name)}"


def source_url(repo_url: str, branch: str, name: str) -> str:
    return f"{repo_url}/blob/{branch}/{repo_path(name)}"


def edit_url(repo_url: str, branch: str, name: str) -> str:
    return f"{repo_url}/edit/{branch}/{repo_path(name)}"


def download_href(name: str) -> str:
    """The page is notebooks/NN-slug/; its .ipynb copy sits next to that folder."""
    return f"../{name}"


def buttons_html(repo_url: str, branch: str, name: str) -> str:
    links = [
        ("colab", colab_url(repo_url, branch, name), "Open in Colab", ""),
        ("download", download_href(name), "Download .ipynb", f' download="{html.escape(name)}"'),
        ("source", source_url(repo_url, branch, name), "View source on GitHub", ""),
    ]
    anchors = "".join(
        f'<a class="md-button notebook-button notebook-button--{kind}" '
        f'href="{html.escape(href)}"{extra}>{label}</a>'
        for kind, href, label, extra in links
    )
    return f'<div class="notebook-buttons" role="group" aria-label="This notebook">{anchors}</div>'
