"""Quizzes in Chromium: keyboard only, feedback in a live region, progress stored and exported."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from learner_browser import layout_shift
from support import sample_then_sweep

pytestmark = pytest.mark.browser

KEY = "gsnn-progress-v1"
SECTION = "python"
QUIZ = "article .quiz[data-quiz]"
def stored(page):
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName, type: e.type || "", value: e.value || "",
                quiz: e.closest('.quiz')?.dataset.quiz || "",
                check: e.hasAttribute('data-quiz-check'), checked: !!e.checked}; }"""
    )


def right_and_wrong(quiz) -> tuple[str, str]:
    """The value of the right option and of one wrong option, read from the answers block."""
    right = quiz.locator("li[data-quiz-correct]").get_attribute("data-quiz-option")
    wrong = quiz.locator("li[data-quiz-option]:not([data-quiz-correct])").first
    return right, wrong.get_attribute("data-quiz-option")


def test_quiz_by_keyboard_only_wrong_then_right_announced_and_stored(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    quiz = page.locator(QUIZ).first
    qid = quiz.get_attribute("data-quiz")
    right, wrong = right_and_wrong(quiz)
    feedback = quiz.locator("[data-quiz-feedback]")
    assert feedback.get_attribute("role") == "status"
    assert feedback.get_attribute("aria-live") == "polite"
    assert quiz.locator("fieldset > legend").inner_text().strip()

    # From the heading's permalink, Tab enters the question's radio group.
    page.locator("#check-yourself a.headerlink").focus()
    page.keyboard.press("Tab")
    assert focused(page)["quiz"] == qid and focused(page)["type"] == "radio"
    # Arrow keys move through the options and choose one; pick a wrong one.
    for _ in range(8):
        if focused(page)["value"] == wrong:
            break
        page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == wrong and focused(page)["checked"]
    page.keyboard.press("Tab")
    assert focused(page)["check"], "Tab after the options should reach the Check button"
    page.keyboard.press("Enter")
    feedback.filter(has_text="Not quite.").wait_for()
    explanation = quiz.locator(f'li[data-quiz-option="{wrong}"] .quiz__explanation').inner_text()
    assert explanation.strip() in feedback.inner_text()
    assert quiz.get_attribute("data-quiz-state") == "wrong"
    entry = stored(page)["pages"][SECTION]["quiz"][qid]
    assert entry == {"answer": wrong, "correct": False}

    # Back to the options, choose the right one, check with the space bar.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["value"] == wrong
    for _ in range(8):
        if focused(page)["value"] == right:
            break
        page.keyboard.press("ArrowUp")
    assert focused(page)["value"] == right
    assert feedback.inner_text() == "", "a new choice clears the old feedback"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    feedback.filter(has_text="Right.").wait_for()
    assert quiz.get_attribute("data-quiz-state") == "right"
    assert stored(page)["pages"][SECTION]["quiz"][qid] == {"answer": right, "correct": True}

    total = page.locator(QUIZ).count()
    score = page.locator("article [data-quiz-score]")
    assert score.inner_text() == f"Your score: 1 of {total} right ({total - 1} not answered yet)."

    # The answer survives a reload without shifting the layout.
    page.reload()
    assert layout_shift(page) == 0
    quiz = page.locator(QUIZ).first
    assert quiz.locator(f'input[value="{right}"]').is_checked()
    assert quiz.get_attribute("data-quiz-state") == "right"
    assert learner.foreign_requests(site_url) == []


def test_check_without_a_choice_asks_for_one(learner, site_url):
    page = learner.page
    page.goto(f"{site_url}{SECTION}/")
    quiz = page.locator(QUIZ).nth(1)
    quiz.locator("[data-quiz-check]").click()
    quiz.locator("[data-quiz-feedback]").filter(has_text="Choose an answer first.").wait_for()
    assert stored(page) is None


def answer_all(page, url: str, wrong_on: int = 0) -> int:
    """Answer every question of a page by mouse, wrong on the question numbered wrong_on."""
    page.goto(url)
    quizzes = page.locator(QUIZ)
    for index in range(quizzes.count()):
        quiz = quizzes.nth(index)
        right, wrong = right_and_wrong(quiz)
        value = wrong if index == wrong_on else right
        quiz.locator(f'input[value="{value}"]').check()
        quiz.locator("[data-quiz-check]").click()
        quiz.locator("[data-quiz-feedback]").filter(has_text=".").wait_for()
    return quizzes.count()


def test_answers_count_on_the_home_page_and_travel_with_export(learner, site_url, tmp_path):
    page = learner.page
    total = answer_all(page, f"{site_url}{SECTION}/", wrong_on=0)
    page.goto(site_url)
    summary = page.locator("[data-progress-summary]")
    assert summary.inner_text() == f"You got {total - 1} of {total} answered questions right."

    with page.expect_download() as download:
        page.locator("[data-progress-export]").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["version"] == 1
    answers = data["pages"][SECTION]["quiz"]
    assert len(answers) == total
    assert sum(a["correct"] for a in answers.values()) == total - 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-progress-reset]").click()
    assert stored(page) is None
    page.locator("[data-progress-file]").set_input_files(exported)
    page.wait_for_function(f"localStorage.getItem('{KEY}') !== null")
    assert stored(page)["pages"][SECTION]["quiz"] == answers
    assert summary.inner_text() == f"You got {total - 1} of {total} answered questions right."
    page.goto(f"{site_url}{SECTION}/")
    assert page.locator("article [data-quiz-score]").inner_text() == (
        f"Your score: {total - 1} of {total} right."
    )


def test_an_export_made_before_quizzes_still_imports(learner, site_url, tmp_path):
    page = learner.page
    page.goto(site_url)
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"version": 1, "exported_at": "2026-01-01T00:00:00Z",
                               "pages": {SECTION: {"done": True, "resources": []}}}),
                   encoding="utf-8")
    page.locator("[data-progress-file]").set_input_files(old)
    page.wait_for_function(f"localStorage.getItem('{KEY}') !== null")
    assert stored(page)["pages"][SECTION]["done"] is True
    assert "Imported" in page.locator("[data-progress-message]").inner_text()
    assert "1 page as done" in page.locator("[data-progress-summary]").inner_text()


@pytest.mark.parametrize(
    "quiz",
    sample_then_sweep([
        [], {"q-1": "right"}, {"q-1": {"answer": 1, "correct": True}},
        {"q 1": {"answer": "1", "correct": True}}, {"q-1": {"answer": "1", "correct": "yes"}}]),
    ids=["list", "not-object", "answer-not-string", "bad-id", "correct-not-boolean"],
)
def test_a_bad_quiz_entry_is_refused_on_import(learner, site_url, tmp_path, quiz):
    page = learner.page
    page.goto(site_url)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "pages": {SECTION: {"done": True, "quiz": quiz}}}),
                   encoding="utf-8")
    page.locator("[data-progress-file]").set_input_files(bad)
    message = page.locator("[data-progress-message]")
    message.filter(has_text="Could not import").wait_for()
    assert "quiz" in message.inner_text() or "question" in message.inner_text()
    assert stored(page) is None


def test_without_javascript_every_question_shows_with_its_answers(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{SECTION}/")
    quizzes = page.locator(QUIZ)
    assert quizzes.count() >= 3
    for index in range(quizzes.count()):
        quiz = quizzes.nth(index)
        assert quiz.locator("legend").is_visible()
        assert quiz.locator("label").first.is_visible()
        assert not quiz.locator("[data-quiz-check]").is_visible()
        details = quiz.locator("details.quiz__answers")
        assert details.locator("summary").is_visible()
        details.locator("summary").click()  # <details> opens without JavaScript
        assert details.locator("li[data-quiz-correct]").is_visible()
        assert details.locator("li").count() == quiz.locator("input[type=radio]").count()
    assert not page.locator("article [data-quiz-score]").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", sample_then_sweep(["light", "dark"]))
def test_a_page_with_answered_quizzes_has_no_axe_violations(learner, site_url, scheme):
    page = learner.page
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}{SECTION}/")
    first, second = page.locator(QUIZ).nth(0), page.locator(QUIZ).nth(1)
    for quiz, pick in ((first, 0), (second, 1)):
        value = right_and_wrong(quiz)[pick]
        quiz.locator(f'input[value="{value}"]').check()
        quiz.locator("[data-quiz-check]").click()
        quiz.locator("[data-quiz-feedback]").filter(has_text=".").wait_for()
        quiz.locator("details summary").click()
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == []
