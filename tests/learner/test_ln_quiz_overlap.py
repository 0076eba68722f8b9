"""No quiz repeats another: the guide's questions, across all pages, each test a different idea."""

from __future__ import annotations

from quiz_overlap import Placed, overlap, repeated_questions
from support import ROOT

from scripts.build.quiz import parse_quizzes

# The pair the guide once had: the same learning-rate prediction on two pages (issue 21).
BASICS = '''\
!!! quiz predict "The Playground learns well at learning rate 0.03. Predict first: what if it is 3?"
    - [x] The loss jumps around or grows, and the decision boundary flickers.
          Each update overshoots.
    - [ ] Nothing visible changes.
          The learning rate scales every update.
'''
TRAINING = '''\

!!! quiz predict "Gradient descent works at learning rate 0.01. Predict first: and at 1.0?"
    - [ ] The loss falls about 100 times faster.
          A longer step overshoots.
    - [x] The loss jumps around or grows, and may end as `nan`.
          Each step overshoots and lands higher.
'''
OTHER = '''\
!!! quiz "Which half of an SSH key pair do you copy to a server?"
    - [x] The public key.
          The server checks it against your private key.
    - [ ] The private key.
          It never leaves your computer.
'''


def placed(src: str, markdown: str) -> list[Placed]:
    questions, errors = parse_quizzes(markdown)
    assert errors == []
    return [Placed(src, question) for question in questions]


def test_the_same_question_reworded_on_another_page_is_reported_at_both_places():
    problems = repeated_questions(placed("docs/basics.md", BASICS)
                                  + placed("docs/training.md", TRAINING))
    assert len(problems) == 1
    assert problems[0].startswith("docs/training.md:2: this question overlaps docs/basics.md:1")
    assert "Ask about a different idea" in problems[0]


def test_questions_about_different_ideas_do_not_overlap():
    basics, other = placed("a.md", BASICS)[0].question, placed("b.md", OTHER)[0].question
    assert overlap(basics, other) < 0.1
    assert repeated_questions(placed("a.md", BASICS) + placed("b.md", OTHER)) == []


def test_no_two_questions_of_the_guide_overlap():
    questions = [q for path in sorted((ROOT / "docs").glob("*.md"))
                 for q in placed(f"docs/{path.name}", path.read_text(encoding="utf-8"))]
    assert len(questions) >= 30
    assert repeated_questions(questions) == []
