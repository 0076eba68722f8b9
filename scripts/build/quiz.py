"""Check-yourself questions written in Markdown, turned into quiz markup at build time.

A question is an admonition-like block. The first line holds the question; each option is a
task-list line, ``[x]`` for the right one, followed by its explanation, indented under the
option's text (at least 6 spaces):

    !!! quiz "Your loss prints `nan` after a few steps. What do you try first?"
        - [x] Lower the learning rate ten times.
          Too large a step overshoots, the weights grow and the numbers overflow.
        - [ ] Train for more epochs.
          More steps of the same size make the overflow come sooner.

``!!! quiz predict "..."`` marks a question that asks the reader to predict an outcome before
checking it; its text must say so ("Predict first: ..."). Rendered, each question is a fieldset
with a legend and radio inputs, a "Check" button and a live region for the feedback
(assets/javascripts/progress.js), and a ``<details>`` block with every option's explanation,
so it still works without JavaScript.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import markdown as python_markdown

from scripts.build.markup import blocks
from scripts.build.problems import LineProblem, raise_all

HEADER_START = re.compile(r"^!!!\s+quiz\b")
HEADER = re.compile(r'^!!! quiz(?P<kind>(?: [a-z-]+)*) "(?P<prompt>.*)"\s*$')
KINDS = {"predict"}
OPTION = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<text>\S.*)$")
PAGE_LINK = re.compile(r"\]\((?!https?://|#)[^)]*\)")
BODY_INDENT = 4
EXPLANATION_INDENT = 2
MIN_OPTIONS = 2
MAX_OPTIONS = 6
SYNTAX_HINT = (
    'Write: !!! quiz "Question?" then, indented 4 spaces, option lines "- [ ] ..." '
    '(one "- [x] ..." for the right answer), each followed by its explanation indented 6 spaces.'
)


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    explanation: str
    line: int


@dataclass(frozen=True)
class Question:
    prompt: str
    options: tuple[Option, ...]
    predict: bool
    line: int  # 1-based line of the "!!! quiz" header
    end: int  # 1-based line of the block's last non-blank line

    @property
    def id(self) -> str:
        """A stable key for stored answers: it changes only when the question's text changes."""
        return "q-" + hashlib.sha1(self.prompt.encode("utf-8")).hexdigest()[:8]


class _Malformed(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.error = LineProblem(line, message)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int) -> int:
    """Index after the last line of the block whose header is lines[start] (0-based)."""
    end = start + 1
    last = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and _indent(line) < BODY_INDENT and not line.startswith((" ", "\t")):
            break
        end += 1
        if line.strip():
            last = end
    return last


def _parse_block(lines: list[str], start: int, stop: int) -> Question:
    number = start + 1
    header = HEADER.match(lines[start].rstrip())
    if not header:
        raise _Malformed(number, f"a quiz question needs its text in double quotes. {SYNTAX_HINT}")
    prompt = header["prompt"].strip()
    if not prompt:
        raise _Malformed(number, "the quiz question is empty: write it between the quotes.")
    kinds = header["kind"].split()
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise _Malformed(
            number, f"unknown quiz kind '{unknown[0]}'. Use '!!! quiz' or '!!! quiz predict'."
        )
    if "predict" in kinds and "predict" not in prompt.lower():
        raise _Malformed(number, "a '!!! quiz predict' question must ask the reader to predict: "
                         "say 'Predict first: ...' in the question.")
    if "\t" in "".join(lines[start + 1:stop]):
        raise _Malformed(number, "the quiz block contains a tab: indent with spaces.")

    options: list[dict] = []
    for index in range(start + 1, stop):
        raw = lines[index]
        if not raw.strip():
            continue
        if _indent(raw) < BODY_INDENT and not raw.startswith("\t"):
            raise _Malformed(index + 1, f"indent every line of a quiz by {BODY_INDENT} spaces, "
                             "or end the quiz with an unindented line.")
        body = raw[BODY_INDENT:]
        option = OPTION.match(body.rstrip())
        if option:
            options.append({"text": option["text"].strip(), "correct": option["mark"] != " ",
                            "explanation": [], "line": index + 1})
        elif _indent(body) >= EXPLANATION_INDENT and options:
            options[-1]["explanation"].append(body.strip())
        elif body.lstrip().startswith("- ["):
            raise _Malformed(index + 1, "an option starts with '- [ ] ' or '- [x] ' and its text.")
        else:
            raise _Malformed(
                index + 1,
                "expected an option line '- [ ] ...' or its explanation indented 6 spaces. "
                + SYNTAX_HINT,
            )
    if len(options) < MIN_OPTIONS:
        raise _Malformed(number, f"a quiz question needs at least {MIN_OPTIONS} options. "
                         + SYNTAX_HINT)
    if len(options) > MAX_OPTIONS:
        raise _Malformed(number, f"a quiz question has at most {MAX_OPTIONS} options.")
    for option in options:
        if not option["explanation"]:
            raise _Malformed(option["line"], "this option has no explanation: on the next line, "
                             "indented 6 spaces, say why it is right or wrong.")
    right = [o for o in options if o["correct"]]
    if len(right) != 1:
        raise _Malformed(number, f"mark exactly one option right with '- [x]' "
                         f"(found {len(right)}).")
    texts = [o["text"] for o in options]
    for option in options:
        if texts.count(option["text"]) > 1:
            raise _Malformed(option["line"], "two options have the same text.")
        for part in (option["text"], *option["explanation"]):
            if PAGE_LINK.search(part):
                raise _Malformed(option["line"], "quiz text may only link to https:// pages; "
                                 "link other pages of the guide from the page's own text.")
    if PAGE_LINK.search(prompt):
        raise _Malformed(number, "quiz text may only link to https:// pages; "
                         "link other pages of the guide from the page's own text.")
    return Question(
        prompt=prompt,
        options=tuple(Option(o["text"], o["correct"], " ".join(o["explanation"]), o["line"])
                      for o in options),
        predict="predict" in kinds,
        line=number,
        end=stop,
    )


def parse_quizzes(markdown: str, first_line: int = 1) -> tuple[list[Question], list[LineProblem]]:
    """Every quiz block of a page and every problem, with lines counted from first_line.

    Blocks inside fenced code are skipped, so the syntax can be shown in a code example.
    """
    lines = markdown.splitlines()
    questions: list[Question] = []
    errors: list[LineProblem] = []
    offset = first_line - 1
    code = blocks.code_mask(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        if not code[index] and HEADER_START.match(line):
            stop = _block_end(lines, index)
            try:
                questions.append(_parse_block(lines, index, stop))
            except _Malformed as problem:
                errors.append(problem.error)
            index = stop
            continue
        index += 1
    seen: dict[str, int] = {}
    for question in questions:
        if question.id in seen:
            errors.append(LineProblem(question.line, f"the same question is asked on line "
                                    f"{seen[question.id] + offset}; reword one of them."))
        seen.setdefault(question.id, question.line)
    shifted = [
        Question(q.prompt, tuple(Option(o.text, o.correct, o.explanation, o.line + offset)
                                 for o in q.options), q.predict, q.line + offset, q.end + offset)
        for q in questions
    ]
    return shifted, [e.shifted(offset) for e in errors]


# After a page's last question: progress.js writes "Your score: 2 of 3 right" here.
SCORE = ('<p class="progress-ui quiz-score" data-quiz-score>Answer the questions above to see '
         'your score.</p>')

_MARKDOWN = python_markdown.Markdown()


@functools.lru_cache(maxsize=4096)  # a serve rebuild renders the same ~300 texts again
def inline_markdown(text: str) -> str:
    """Markdown of one paragraph (code spans, emphasis, links) as HTML without the <p>."""
    _MARKDOWN.reset()
    rendered = _MARKDOWN.convert(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return rendered


def render_question(question: Question, inline: Callable[[str], str] = inline_markdown) -> str:
    """The quiz markup of one question, as one raw-HTML block without blank lines."""
    qid = question.id
    kind = "predict" if question.predict else "choice"
    check = "Check my prediction" if question.predict else "Check answer"
    options = "\n".join(
        f'<div class="quiz__option"><input type="radio" name="{qid}" id="{qid}-{n}" '
        f'value="{n}"><label for="{qid}-{n}">{inline(o.text)}</label></div>'
        for n, o in enumerate(question.options, start=1)
    )
    answers = "\n".join(
        f'<li data-quiz-option="{n}"{" data-quiz-correct" if o.correct else ""}>'
        f'<span class="quiz__verdict">{"Right" if o.correct else "Wrong"}:</span> '
        f'<span class="quiz__answer-text">{inline(o.text)}</span> '
        f'<span class="quiz__explanation">{inline(o.explanation)}</span></li>'
        for n, o in enumerate(question.options, start=1)
    )
    return (
        f'<div class="quiz" id="{qid}" data-quiz="{qid}" data-quiz-kind="{kind}">\n'
        f'<fieldset class="quiz__question">\n'
        f'<legend class="quiz__legend">{inline(question.prompt)}</legend>\n'
        f'<div class="quiz__options">\n{options}\n</div>\n'
        f'<div class="progress-ui quiz__actions"><button type="button" class="md-button '
        f'quiz__check" data-quiz-check>{html.escape(check)}</button></div>\n'
        f'<p class="progress-ui quiz__feedback" role="status" aria-live="polite" '
        f'data-quiz-feedback></p>\n'
        f'</fieldset>\n'
        f'<details class="quiz__answers">\n<summary>All answers explained</summary>\n'
        f'<ul>\n{answers}\n</ul>\n</details>\n'
        f'</div>'
    )


def replace_quizzes(markdown: str, questions: list[Question], first_line: int = 1,
                    render: Callable[[Question], str] = render_question) -> str:
    """The page's Markdown with each quiz block (as parsed with first_line) replaced by HTML."""
    lines = markdown.splitlines()
    offset = first_line - 1
    last = max((q.line for q in questions), default=None)
    for question in sorted(questions, key=lambda q: q.line, reverse=True):
        start, stop = question.line - offset - 1, question.end - offset
        after = [SCORE, ""] if question.line == last else []
        lines[start:stop] = ["", render(question), "", *after]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


class QuizSyntaxError(ValueError):
    """Malformed quiz blocks; the message names every file:line and what to write instead."""


def render_quizzes(markdown: str, where: str, first_line: int) -> str:
    """The Markdown with every quiz block turned into quiz markup; `where` names the file."""
    questions, errors = parse_quizzes(markdown, first_line)
    raise_all(errors, where, QuizSyntaxError)
    return replace_quizzes(markdown, questions, first_line) if questions else markdown
