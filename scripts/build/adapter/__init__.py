"""Every place the build leans on another package's internals, named once.

No public setting of MkDocs, Material for MkDocs or mkdocs-jupyter does what these do; each
name, path or small function here is something that package may change without notice.

- material.py: Material's theme and plugins (palette switching, instant navigation, start-up
  classes, the offline plugin, the search plugin's event, copied partials, internal classes that
  our JavaScript and CSS select).
- jupyter.py: mkdocs-jupyter's assets and quirks, and the classes of nbconvert's HTML.
- scripts/build/markup/generator.py: what the Markdown extensions need (MkDocs' `relpath`
  treeprocessor, the theme's icons). It stays beside the extensions, which Zensical runs too.

The rest of the code imports these names instead of spelling them. Contract tests
(tests/build/test_pl_adapter.py, tests/build/test_pl_markup.py) pin the versions below and check
that each internal is still where the adapter expects it, naming what to re-check when not.
"""

from __future__ import annotations

# The installed versions every internal here was checked against.
WRITTEN_AGAINST = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.2",
    "mkdocs-jupyter": "0.26.3",
    "nbconvert": "7.17.2",
}
