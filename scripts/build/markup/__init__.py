"""The guide's own Markdown syntax as Python-Markdown extensions, for any generator.

MkDocs (through `markdown_extensions:` in mkdocs.yml) and Zensical both load these by module
name; neither needs our hooks for them. Each extension works on Markdown's own lines or tree:

- `scripts.build.markup.page_bodies`: time budgets at `<!-- time-budget -->`, the Glossary's
  terms and the Resource health table at their markers.
- `scripts.build.markup.fact_markers`: `[[fact:id]]` becomes the registry's value; each page ends
  with the date of its oldest fact; `<!-- facts-table -->` becomes the Facts page's table.
- `scripts.build.markup.quizzes`: `!!! quiz "..."` blocks become quiz markup that reveals nothing
  before the reader answers.
- `scripts.build.markup.colab_links`: `](colab:NAME.ipynb)` becomes the notebook's Colab URL.
- `scripts.build.markup.typed_links`: `[@video@Title](url)` is checked (a known type) and rendered
  with an icon and a label read aloud.
- `scripts.build.markup.progress_markup`: each resource line's "done" checkbox, link-check note
  and "report a problem" link; "Mark as done" on section pages; the home page's progress panel
  and learning-map totals.
- `scripts.build.markup.keyboard_access`: glossary terms, tab strips and lone diagrams join the
  tab order.

Data comes from cached loaders (`project.py`); where a page is in its file, for error
messages, from the one adapter that knows each generator (`generator.py`, with the theme's icons);
which lines are fenced code, from the one code-block model (`blocks.py`).
"""
