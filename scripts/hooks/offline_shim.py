"""MkDocs hook: make the offline copy (OFFLINE=true) use a local copy of the iframe-worker shim.

Material's offline plugin loads the shim that lets search run from file:// from unpkg.com; the
offline copy must make no external request, so this swaps in assets/javascripts/vendor/.
"""

from __future__ import annotations

LOCAL_SHIM = "javascripts/vendor/iframe-worker-shim.js"


def local_polyfills(polyfills: list[str]) -> list[str]:
    """Replace any remote iframe-worker script with the vendored one."""
    kept = [url for url in polyfills if "iframe-worker" not in str(url)]
    return [*kept, LOCAL_SHIM] if len(kept) != len(polyfills) else kept


def offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_config(config):
    # Hooks run after the plugins they follow, so the offline plugin has added its shim by now.
    if offline_enabled(config):
        config.extra["polyfills"] = local_polyfills(config.extra.get("polyfills", []))
    return config
