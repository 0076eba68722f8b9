"""What scripts/build/mkdocs_hooks.py assumes about the order of MkDocs (1.6.1) events.

MkDocs documents the events, not these orders; tests/build/test_pl_adapter.py checks each one.
"""

from __future__ import annotations

# mkdocs-jupyter turns .ipynb files into pages in its on_files, at the default priority; the
# hooks add the notebooks before it looks (a higher priority), or the build ships raw .ipynb.
JUPYTER_FILES_PRIORITY = 0
NOTEBOOK_FILES_PRIORITY = 100

# An order with no name to hold, checked by the tests: hooks join config.plugins after the
# plugins, so at equal priority the hooks' on_config runs after the offline plugin's:
# offline.offline_config then sees the polyfill it added. (No hook reads what other pages
# gathered before the build ends: map totals come from the Markdown, not from rendering.)
