"""The quiz syntax: parsing, every malformed-input error (with its line), rendering, the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import ROOT

from scripts.build.quiz import (
    SCORE,
    Question,
    inline_markdown,
    parse_quizzes,
    render_question,
    replace_quizzes,
)

GOOD = """\
# Page

Some text.

!!! quiz "What does `|` do in `ls | grep x`?"
    - [ ] It runs both commands one after the other.
          That is `;`.
    - [x] It sends the output of `ls` to `grep`.
          A pipe: the first command's output
          is the second one's input.

!!! quiz predict "Predict first: what happens to the loss?"
    - [x] It grows.
          Right, it overshoots.
    - [ ] It falls.
          No.

After the quiz.
"""


def parse_ok(text: str, first_line: int = 1):
    questions, errors = parse_quizzes(text, first_line)
    assert errors == []
    return questions


def only_error(text: str, first_line: int = 1):
    questions, errors = parse_quizzes(text, first_line)
    assert len(errors) == 1, errors
    return errors[0]


def quiz(*body: str, header: str = '!!! quiz "Question?"') -> str:
    return "Intro\n\n" + header + "\n" + "\n".join(body) + "\n\nAfter.\n"


OPTIONS = ("    - [x] Yes.", "          Because.", "    - [ ] No.", "          Because not.")


def test_parses_questions_options_and_explanations():
    first, second = parse_ok(GOOD)
    assert first.prompt == "What does `|` do in `ls | grep x`?"
    assert not first.predict and second.predict
    assert [o.correct for o in first.options] == [False, True]
    assert first.options[1].explanation == (
        "A pipe: the first command's output is the second one's input."
    )
    assert (first.line, first.end) == (5, 10)
    assert [o.line for o in first.options] == [6, 8]
    assert re.fullmatch(r"q-[0-9a-f]{8}", first.id) and first.id != second.id


def test_line_numbers_count_from_first_line():
    (question,) = parse_ok(quiz(*OPTIONS), first_line=4)
    assert question.line == 6
    error = only_error(quiz("    - [x] Yes.", "    - [ ] No.", "          Why."), first_line=4)
    assert error.line == 7
    assert error.format("docs/x.md").startswith("docs/x.md:7: ")


def test_a_block_ends_at_the_first_unindented_line():
    text = quiz(*OPTIONS) + "    indented code after a paragraph\n"
    (question,) = parse_ok(text)
    assert len(question.options) == 2


def test_quiz_syntax_inside_a_code_fence_is_left_alone():
    text = "```markdown\n" + quiz("    nonsense") + "```\n"
    assert parse_quizzes(text) == ([], [])


def test_a_question_id_is_stable_and_follows_the_text():
    one = parse_ok(quiz(*OPTIONS))[0]
    again = parse_ok("Other text\n\n" + quiz(*OPTIONS))[0]
    other = parse_ok(quiz(*OPTIONS, header='!!! quiz "Another?"'))[0]
    assert one.id == again.id != other.id


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (quiz(*OPTIONS, header="!!! quiz Question?"), 3, "double quotes"),
        (quiz(*OPTIONS, header='!!! quiz "  "'), 3, "empty"),
        (quiz(*OPTIONS, header='!!! quiz guess "Q?"'), 3, "unknown quiz kind 'guess'"),
        (quiz(*OPTIONS, header='!!! quiz predict "What is it?"'), 3,
         "must ask the reader to predict"),
        (quiz("    - [x] Only one.", "          Why."), 3, "at least 2 options"),
        (quiz(*[f"    - [{'x' if n == 0 else ' '}] O{n}.\n          E." for n in range(7)]), 3,
         "at most 6"),
        (quiz("    - [x] Yes.", "    - [ ] No.", "          Why."), 4, "no explanation"),
        (quiz("    - [ ] Yes.", "          A.", "    - [ ] No.", "          B."), 3,
         "exactly one option right with '- [x]' (found 0)"),
        (quiz("    - [x] Yes.", "          A.", "    - [x] No.", "          B."), 3, "(found 2)"),
        (quiz("    - [x] Same.", "          A.", "    - [ ] Same.", "          B."), 4,
         "same text"),
        (quiz("    Some loose text.", *OPTIONS), 4, "expected an option line"),
        (quiz("    - [y] Yes.", *OPTIONS), 4, "an option starts with"),
        (quiz("    -[x] Yes.", *OPTIONS), 4, "expected an option line"),
        (quiz("    - [x] Yes.", "\t      Why.", "    - [ ] No.", "          Why not."), 3, "tab"),
        (quiz("    - [x] See [5 Python](python.md).", "          A.", "    - [ ] No.",
              "          B."), 4, "only link to https://"),
        (quiz(*OPTIONS, header='!!! quiz "Read [this](python.md)?"'), 3, "only link to https://"),
        (quiz(*OPTIONS, header='!!!   quiz "Q?"'), 3, "double quotes"),
        (quiz("  - [x] Yes.", *OPTIONS), 4, "indent every line of a quiz by 4 spaces"),
    ],
    ids=[
        "unquoted-question", "empty-question", "unknown-kind", "predict-without-predict",
        "one-option", "seven-options", "missing-explanation", "no-right-option",
        "two-right-options", "duplicate-option", "loose-text", "bad-checkbox", "no-space",
        "tab", "page-link-in-option", "page-link-in-question", "extra-spaces", "under-indented",
    ],
)
def test_malformed_question_reports_file_line_and_what_to_do(text, line, needle):
    error = only_error(text)
    assert error.line == line
    assert needle in error.message


def test_a_repeated_question_is_reported_at_its_second_place():
    text = quiz(*OPTIONS) + "\n" + quiz(*OPTIONS)
    questions, errors = parse_quizzes(text)
    assert len(questions) == 2
    assert [(e.line, "same question is asked on line 3" in e.message) for e in errors] == [
        (questions[1].line, True)
    ]


def test_every_error_of_a_page_is_reported_not_only_the_first():
    missing = quiz("    - [x] Yes.", "    - [ ] No.", "          Why.")
    text = missing + quiz(*OPTIONS, header="!!! quiz Q")
    _, errors = parse_quizzes(text)
    assert len(errors) == 2


def page_problems(questions: list[Question]) -> list[str]:
    """What a section page's "Check yourself" lacks: 3+ questions, 2+ choices, 1 prediction.

    A rule for our own pages that only this file checks (the build does not), so it lives here.
    """
    problems = []
    if len(questions) < 3:
        problems.append(f"has {len(questions)} quiz questions; write at least 3")
    if not any(q.predict for q in questions):
        problems.append("has no '!!! quiz predict' question that asks the reader to predict")
    if sum(not q.predict for q in questions) < 2:
        problems.append("needs at least 2 plain multiple-choice questions ('!!! quiz')")
    return problems


def test_page_problems_ask_for_three_questions_two_choices_and_one_prediction():
    choice, predict = parse_ok(GOOD)
    assert page_problems([choice, choice, predict]) == []
    assert any("at least 3" in p for p in page_problems([choice, predict]))
    assert any("predict" in p for p in page_problems([choice, choice, choice]))
    assert any("2 plain" in p for p in page_problems([choice, predict, predict]))


def test_inline_markdown_renders_code_and_emphasis_without_a_paragraph():
    assert inline_markdown("Use `mps` on *Apple* chips") == (
        "Use <code>mps</code> on <em>Apple</em> chips"
    )


def test_rendered_question_is_an_accessible_fieldset_with_answers_in_details():
    question = parse_ok(GOOD)[0]
    soup = BeautifulSoup(render_question(question), "lxml")
    box = soup.select_one("div.quiz")
    assert box["id"] == box["data-quiz"] == question.id
    assert box["data-quiz-kind"] == "choice"
    fieldset = box.find("fieldset")
    assert fieldset.legend.get_text() == "What does | do in ls | grep x?"
    radios = fieldset.select("input[type=radio]")
    assert [r["value"] for r in radios] == ["1", "2"]
    assert {r["name"] for r in radios} == {question.id}
    for radio in radios:
        assert fieldset.select_one(f'label[for="{radio["id"]}"]').get_text(strip=True)
    live = fieldset.select_one("[data-quiz-feedback]")
    assert live["role"] == "status" and live["aria-live"] == "polite"
    assert live.get_text() == ""
    assert fieldset.select_one("button[type=button][data-quiz-check]").get_text() == "Check answer"
    # JavaScript-only parts are hidden without it, the answers are not.
    assert "progress-ui" in live["class"]
    details = box.select_one("details.quiz__answers")
    assert "progress-ui" not in details.get("class", [])
    items = details.select("li[data-quiz-option]")
    assert [i.has_attr("data-quiz-correct") for i in items] == [False, True]
    assert items[1].select_one(".quiz__verdict").get_text() == "Right:"
    assert items[0].select_one(".quiz__verdict").get_text() == "Wrong:"
    assert "That is ;." in items[0].get_text()
    # One raw-HTML block for Python-Markdown: no blank line inside.
    assert "\n\n" not in render_question(question)


def test_predict_question_says_so_on_its_button():
    question = parse_ok(GOOD)[1]
    soup = BeautifulSoup(render_question(question), "lxml")
    assert soup.select_one("div.quiz")["data-quiz-kind"] == "predict"
    assert soup.select_one("[data-quiz-check]").get_text() == "Check my prediction"


def test_replace_quizzes_swaps_each_block_and_adds_the_score_once():
    questions = parse_ok(GOOD, first_line=3)
    out = replace_quizzes(GOOD, questions, first_line=3, render=lambda q: f"<QUIZ {q.id}>")
    assert "!!! quiz" not in out and "- [x]" not in out
    assert out.count("<QUIZ ") == 2
    assert out.count(SCORE) == 1
    assert out.index(SCORE) > out.index(f"<QUIZ {questions[1].id}>")
    assert out.startswith("# Page\n\nSome text.\n") and out.endswith("After the quiz.\n")


SECTION_PAGES = sorted(
    path for path in (ROOT / "docs").glob("*.md")
    if re.search(r"^# \d{1,2} ", path.read_text(encoding="utf-8"), re.MULTILINE)
)


def test_there_are_ten_section_pages():
    assert len(SECTION_PAGES) == 10


@pytest.mark.parametrize("path", SECTION_PAGES, ids=lambda p: p.name)
def test_each_section_checks_itself_with_quizzes(path: Path):
    questions, errors = parse_quizzes(path.read_text(encoding="utf-8"))
    assert errors == []
    assert page_problems(questions) == [], f"{path.name}: " + "; ".join(page_problems(questions))
    for question in questions:
        for option in question.options:
            words = len(option.explanation.split())
            assert 3 <= words <= 45, f"{path.name}:{option.line}: explanation of {words} words"
