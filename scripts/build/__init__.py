"""The site's build: scripts/build/mkdocs_hooks.py runs the steps in this package in order."""
