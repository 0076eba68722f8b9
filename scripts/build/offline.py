"""Adjust the offline copy (OFFLINE=true) so it works fully from file://.

- Material's offline plugin loads the iframe-worker shim (search from file://) from unpkg.com;
  the offline copy must make no external request, so a vendored copy is used instead.
- Under file:// Material skips instant navigation, but with the feature on its document$
  stream then completes without ever emitting, and scripts that wait for it (progress.js)
  never run. The offline copy therefore turns the instant-navigation features off.
- Links written as raw HTML (the learning map's `href="python/"`) are not rewritten by MkDocs;
  from file:// a folder link opens a directory listing, so they become `python.html`.
"""

from __future__ import annotations

import re

from scripts.build.adapter import material
from scripts.build.adapter.material import offline_enabled as offline_enabled  # for the hooks

LOCAL_SHIM = "javascripts/vendor/iframe-worker-shim.js"


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|/)", re.IGNORECASE)


def file_href(href: str) -> str:
    """'python/' -> 'python.html', '../' -> '../index.html'; other links stay as they are."""
    path, hash_mark, fragment = href.partition("#")
    if EXTERNAL.match(href) or not path.endswith("/"):
        return href
    stem = path.rstrip("/")
    if stem in ("", ".", "..") or stem.endswith("/.."):
        target = f"{stem or '.'}/index.html"
    else:
        target = f"{stem}.html"
    return target + hash_mark + fragment


def file_links(root) -> None:
    for linked in root.xpath("descendant::*[@href]"):
        linked.set("href", file_href(linked.get("href")))


def local_polyfills(polyfills: list[str]) -> list[str]:
    """Replace any remote iframe-worker script with the vendored one."""
    kept = [url for url in polyfills if material.IFRAME_WORKER not in str(url)]
    return [*kept, LOCAL_SHIM] if len(kept) != len(polyfills) else kept


def without_instant(features: list[str]) -> list[str]:
    return [feature for feature in features if feature not in material.INSTANT_FEATURES]


def offline_config(config) -> None:
    """Vendored search shim and no instant navigation, for a copy opened from file://."""
    material.set_polyfills(config, local_polyfills(material.polyfills(config)))
    config.theme["features"] = without_instant(config.theme["features"])
