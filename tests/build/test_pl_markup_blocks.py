"""The one code-block model (scripts/build/markup/blocks.py): Markdown in, prose or code out."""

from scripts.build.markup import blocks


def code_lines(markdown: str) -> list[int]:
    """The 1-based numbers of the lines the model calls fenced code."""
    return [line.number for line in blocks.classify(markdown.splitlines()) if line.in_code]


def test_a_fence_and_its_lines_are_code_and_prose_resumes_after_it():
    markdown = "prose\n```python\nx = 1\n```\nmore prose"
    assert code_lines(markdown) == [2, 3, 4]
    assert list(blocks.prose_lines(markdown)) == [(1, "prose"), (5, "more prose")]


def test_a_shorter_fence_inside_a_longer_one_stays_code():
    markdown = "````markdown\n```python\nx = 1\n```\n````\nafter"
    assert code_lines(markdown) == [1, 2, 3, 4, 5]
    assert list(blocks.prose_lines(markdown)) == [(6, "after")]


def test_tildes_do_not_close_backticks_nor_backticks_tildes():
    assert code_lines("```\n~~~\nstill code\n```\nprose") == [1, 2, 3, 4]
    assert code_lines("~~~\n```\nstill code\n~~~\nprose") == [1, 2, 3, 4]


def test_a_closing_fence_with_an_info_string_does_not_close():
    markdown = "```\ncode\n```python\nstill code\n```\nprose"
    assert code_lines(markdown) == [1, 2, 3, 4, 5]


def test_only_the_same_marker_closes_as_superfences_renders_it():
    assert code_lines("````\ncode\n```\nstill\n`````\nstill\n````\nprose") == [1, 2, 3, 4, 5, 6, 7]


def test_the_model_agrees_with_superfences_on_what_is_code():
    """Render each case with the extension the site uses; text the model calls prose is a <p>."""
    import markdown

    cases = ["````\ncode\n```\nstill\n`````\nstill\n````\n\nPROSE",
             "```\n~~~\nstill\n```\n\nPROSE", "```\ncode\n```python\nstill\n```\n\nPROSE",
             "~~~~\n~~~\n~~~~\n\nPROSE"]
    for case in cases:
        html = markdown.markdown(case, extensions=["pymdownx.superfences"])
        prose = [text for _, text in blocks.prose_lines(case) if text.strip()]
        assert prose == ["PROSE"], case
        assert "<p>PROSE</p>" in html, (case, html)


def test_an_unclosed_fence_runs_to_the_end():
    assert code_lines("prose\n```\ncode\n\nmore code") == [2, 3, 4, 5]


def test_indented_fences_inside_tabs_and_admonitions_are_code():
    markdown = ('=== "Linux"\n\n    ```bash\n    ls\n    ```\n\n!!! note\n'
                "        ~~~\n        ```\n        ~~~\n    text")
    assert code_lines(markdown) == [3, 4, 5, 8, 9, 10]


def test_backticks_in_a_backtick_info_string_make_no_fence():
    assert blocks.opening_marker("``` a`b") is None
    assert blocks.opening_marker("~~~ a`b") == "~~~"
    assert blocks.opening_marker("`` not a fence") is None
    assert code_lines("``` a`b\nprose") == []


def test_numbers_count_from_the_first_line_given():
    assert list(blocks.prose_lines("a\n```\nb\n```\nc", first_line=10)) == [(10, "a"), (14, "c")]


def test_code_mask_matches_classify():
    lines = ["a", "~~~", "b", "~~~", "c"]
    assert blocks.code_mask(lines) == [False, True, True, True, False]
