"""The site's build steps as pure functions; scripts/mkdocs_hooks.py runs them in order."""
