"""Questions that test the same thing twice, across pages: a reader should never meet a repeat.

A check that only tests/learner/test_ln_quiz_overlap.py runs (the build does not), so it lives here.

Two questions overlap when their prompts, or their keyed answers, share most of their content
words (Jaccard similarity of the word sets, short and question-frame words left out). A repeat
reworded a little still shares the words that carry its point ("learning rate", "jumps around").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from scripts.build.quiz import Question

# 0.4: the learning-rate question once asked twice scored 0.57; distinct questions stay below 0.25.
THRESHOLD = 0.4
WORD = re.compile(r"[a-z]{4,}")
FRAME_WORDS = frozenset({
    "what", "happens", "predict", "first", "your", "with", "that", "this", "from", "when",
    "which", "does", "there", "their", "then", "than", "have", "into", "they", "them", "more",
    "most", "about", "after", "before", "because", "while", "will", "would", "should",
})


@dataclass(frozen=True)
class Placed:
    src: str  # page file, e.g. docs/math-background.md
    question: Question


def content_words(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text.lower())) - FRAME_WORDS


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def keyed_answer(question: Question) -> str:
    return " ".join(option.text for option in question.options if option.correct)


def overlap(first: Question, second: Question) -> float:
    """The larger of the prompts' and the keyed answers' word overlap, 0 to 1."""
    prompts = jaccard(content_words(first.prompt), content_words(second.prompt))
    answers = jaccard(content_words(keyed_answer(first)), content_words(keyed_answer(second)))
    return max(prompts, answers)


def repeated_questions(placed: list[Placed], threshold: float = THRESHOLD) -> list[str]:
    """One message per overlapping pair, naming both places and what to do."""
    return [
        f"{b.src}:{b.question.line}: this question overlaps {a.src}:{a.question.line} "
        f"({overlap(a.question, b.question):.2f} of their words are shared; limit {threshold}). "
        "Ask about a different idea, so that the reader is not tested on the same thing twice."
        for a, b in itertools.combinations(placed, 2)
        if overlap(a.question, b.question) >= threshold
    ]
