"""Time budgets: durations on resource lines and notebooks, section and path totals."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from support import ROOT

from scripts.build import time_budget as tb
from scripts.notebooks.notebook_meta import colab_minutes

NOTEBOOKS = {"03-image-classification.ipynb": 30, "06-training-tricks.ipynb": 40}

PAGE = """\
# 7 Training

<!-- time-budget -->

### Start here

- [@notebook@Lab](notebooks/06-training-tricks.ipynb): plots of optimizers on a small dataset.
- [@article@Ruder](https://ruder.io/x): a survey of optimizers. About 1 hour.

### Go deeper

- [@video@Batch norm](https://youtu.be/x): Andrew Ng explains it. About 10 minutes.
- [@book@D2L](https://d2l.ai/): a textbook chapter. About 2 hours 30 minutes.

```markdown
- [@video@Inside a code block](https://example.org): no duration needed here.
```
"""


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("a chapter. About 20 minutes.", 20),
        ("About 1 hour.", 60),
        ("two parts. About 3 hours.", 180),
        ("About 1 hour 30 minutes.", 90),
        ("About 2 hours 5 minutes.  ", 125),
        ("About twenty minutes.", None),
        ("About 20 min.", None),
        ("About 1.5 hours.", None),
        ("About 20 minutes", None),
        ("About 20 minutes. Then more.", None),
        ("Takes about 20 minutes.", None),
    ],
)
def test_parse_duration_accepts_only_the_three_plain_forms(text, minutes):
    assert tb.parse_duration(text) == minutes


def test_parse_resources_reads_durations_groups_and_notebook_metadata():
    resources, errors = tb.parse_resources(PAGE, NOTEBOOKS)
    assert errors == []
    assert [(r.line, r.minutes, r.group) for r in resources] == [
        (7, 40, "Start here"), (8, 60, "Start here"), (12, 10, "Go deeper"), (13, 150, "Go deeper"),
    ]
    assert resources[0].notebook == "06-training-tricks.ipynb"
    assert [r.minutes for r in tb.core(resources)] == [40, 60]


def test_a_resource_without_a_duration_fails_with_its_line():
    text = PAGE.replace(" About 10 minutes.", " Ten minutes.")
    _, errors = tb.parse_resources(text, NOTEBOOKS, first_line=5)
    assert len(errors) == 1
    assert errors[0].line == 16
    message = errors[0].format("docs/x.md")
    assert message.startswith("docs/x.md:16: resource 'Batch norm' has no duration.")
    assert "About 20 minutes." in message


def test_a_zero_duration_is_an_error():
    _, errors = tb.parse_resources("- [@docs@X](https://x.org): y. About 0 minutes.\n", {})
    assert "zero duration" in errors[0].message


def test_a_notebook_time_is_never_typed_twice():
    typed = PAGE.replace("on a small dataset.", "on a small dataset. About 40 minutes.")
    loose = PAGE.replace("on a small dataset.", "on a small dataset, about an hour.")
    for text in (typed, loose):
        _, errors = tb.parse_resources(text, NOTEBOOKS)
        assert [e.line for e in errors] == [7]
        assert "comes from its metadata" in errors[0].message


def test_a_notebook_without_metadata_time_is_an_error():
    _, errors = tb.parse_resources(PAGE, {})
    assert "metadata.guide.colab_minutes" in errors[0].message


def test_notebook_minutes_come_from_metadata():
    assert colab_minutes({"metadata": {"guide": {"colab_minutes": 35}}}) == 35
    for bad in ({}, {"metadata": {"guide": {"colab_minutes": "35"}}},
                {"metadata": {"guide": {"colab_minutes": True}}},
                {"metadata": {"guide": {"colab_minutes": 0}}}):
        assert colab_minutes(bad) is None


def test_notebook_lines_get_the_metadata_time_added():
    resources, _ = tb.parse_resources(PAGE, NOTEBOOKS, first_line=3)
    out = tb.with_notebook_durations(PAGE, resources, first_line=3)
    assert "on a small dataset. About 40 minutes.\n" in out
    assert out.count("About 40 minutes.") == 1


def test_totals_count_each_resource_once():
    resources, _ = tb.parse_resources(PAGE + PAGE.split("```")[0], NOTEBOOKS)
    assert tb.total_minutes(resources) == 40 + 60 + 10 + 150


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(3, "about 5 minutes"), (22, "about 20 minutes"), (50, "about 1 hour"),
     (100, "about 1.5 hours"), (170, "about 3 hours"), (245, "about 4 hours"),
     (2400, "about 40 hours")],
)
def test_rounded_hours(minutes, text):
    assert tb.rounded_hours(minutes) == text


@pytest.mark.parametrize(
    ("hours", "text"),
    [(40, "over 6\u20138 weeks"), (3, "in a week"), (6, "over 1\u20132 weeks"),
     (15, "over about 3 weeks")],
)
def test_weeks_range_at_five_to_seven_hours_a_week(hours, text):
    assert tb.weeks_range(hours * 60) == text


def test_section_sentence_names_start_here_and_everything():
    resources, _ = tb.parse_resources(PAGE, NOTEBOOKS)
    text = BeautifulSoup(tb.section_sentence(resources), "lxml").get_text()
    assert text.startswith('Time: about 1.5 hours for "Start here"; about 4 hours for everything')
    only_core = [r for r in resources if r.group == "Start here"]
    assert "for the resources and notebooks on this page" in tb.section_sentence(only_core)


HOME = """\
### New to programming

<!-- time-budget -->

1. [Training](training.md): the ideas.
2. [Lab](notebooks/06-training-tricks.ipynb) and [images](notebooks/03-image-classification.ipynb).

### Next path

<!-- time-budget -->

1. [Unknown](contact.md#form).
"""


def path_links(markdown: str) -> list[tuple[int, list[str]]]:
    """For each time-budget marker, the targets the path counts (optional links left out).

    The build sums a path from tb.path_blocks; only these tests need the bare targets.
    """
    return [(index, [link.url for link in links if not link.optional])
            for index, links in tb.path_blocks(markdown)]


def test_path_links_stop_at_the_next_heading():
    assert path_links(HOME) == [
        (2, ["training.md", "notebooks/06-training-tricks.ipynb",
             "notebooks/03-image-classification.ipynb"]),
        (9, ["contact.md#form"]),
    ]


def test_path_minutes_use_start_here_and_count_a_notebook_once():
    resources, _ = tb.parse_resources(PAGE, NOTEBOOKS)
    sections = {"training.md": resources}
    (_, urls), (_, other) = path_links(HOME)
    # Training's "Start here" (lab 40 + Ruder 60) and the image notebook (30); the lab once.
    assert tb.path_minutes(urls, sections, NOTEBOOKS) == (130, [])
    assert tb.path_minutes(other, sections, NOTEBOOKS) == (0, ["contact.md#form"])
    sentence = tb.path_sentence(2400)
    assert "about 40 hours over 6\u20138 weeks" in sentence


# --- the real pages ---------------------------------------------------------------------------

SECTION_FILES = sorted(
    p for p in (ROOT / "docs").glob("*.md")
    if re.search(r"^# \d{1,2} ", p.read_text(encoding="utf-8"), re.MULTILINE)
)
REAL_NOTEBOOKS = {
    p.name: colab_minutes(json.loads(p.read_text(encoding="utf-8")))
    for p in (ROOT / "notebooks").glob("*.ipynb")
}


@pytest.mark.parametrize("path", SECTION_FILES, ids=lambda p: p.name)
def test_every_section_resource_has_a_duration_and_at_most_15_are_listed(path):
    text = path.read_text(encoding="utf-8")
    resources, errors = tb.parse_resources(text, REAL_NOTEBOOKS)
    assert [e.format(path.name) for e in errors] == []
    assert 1 <= len(resources) <= 15, f"{path.name} lists {len(resources)} resources"
    assert text.count(tb.MARKER) == 1, f"{path.name}: add one line {tb.MARKER}"


def test_home_page_paths_each_have_a_budget():
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    found = path_links(text)
    assert len(found) == 3
    assert all(urls for _, urls in found)


OPTIONAL_HOME = """\
### You know Python

<!-- time-budget -->

1. [Lab](notebooks/06-training-tricks.ipynb), with [Training](training.md){ .optional } if stuck.
2. [images](notebooks/03-image-classification.ipynb).
"""


def test_an_optional_link_is_stated_apart_not_added_to_the_total():
    resources, _ = tb.parse_resources(PAGE, NOTEBOOKS)
    sections = {"training.md": resources}
    assert path_links(OPTIONAL_HOME) == [
        (2, ["notebooks/06-training-tricks.ipynb", "notebooks/03-image-classification.ipynb"])]
    out = tb.home_page(OPTIONAL_HOME, "index.md", sections, NOTEBOOKS, 1)
    # Lab 40 + images 30 = 70 minutes; Training's "Start here" adds only Ruder (60), the lab once.
    sentence = out.splitlines()[2]
    assert "<strong>Time:</strong> about 1 hour in a week" in sentence
    assert "plus about 1 hour for Training if you need it." in sentence


def test_the_python_path_total_leaves_out_the_optional_math_background():
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    blocks = dict(tb.path_blocks(text))
    python_path = next(links for links in blocks.values()
                       if any(link.url == "math-background.md" for link in links)
                       and any(link.optional for link in links))
    optional = [link.url for link in python_path if link.optional]
    assert optional == ["math-background.md"]
    counted = [link.url for link in python_path if not link.optional]
    assert "math-background.md" not in counted and "neural-network-basics.md" in counted
