// Progress without an account: what you marked as done lives in localStorage, nowhere else.
// The markup comes from scripts/build/progress.py and scripts/build/quiz.py; this file
// only reads and writes state. Format (version 1): {version, pages: {slug: {done, resources,
// quiz?}}}, where the optional quiz maps a question id to {answer, correct}. Exports made before
// quizzes existed have no "quiz" and import unchanged.
(() => {
  "use strict";
  const KEY = "gsnn-progress-v1";
  const VERSION = 1;
  // The site root, from this script's own URL, so any site_url base and file:// work.
  const BASE = new URL(".", document.currentScript.src.replace(/javascripts\/progress\.js.*$/, ""));

  const empty = () => ({ version: VERSION, pages: {} });

  // Return a clean copy of `data` or throw an Error whose message says what is wrong.
  function validate(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      throw new Error("the file does not contain a progress object");
    }
    if (data.version !== VERSION) {
      throw new Error(`expected "version": ${VERSION}, found ${JSON.stringify(data.version)}`);
    }
    if (!data.pages || typeof data.pages !== "object" || Array.isArray(data.pages)) {
      throw new Error('"pages" must be an object');
    }
    const pages = {};
    for (const [slug, entry] of Object.entries(data.pages)) {
      const resources = entry?.resources ?? [];
      const bad = !entry || typeof entry !== "object" || typeof (entry.done ?? false) !== "boolean"
        || !Array.isArray(resources) || resources.some((r) => typeof r !== "string");
      if (bad || !/^[\w\-./]*$/.test(slug)) throw new Error(`page "${slug}" has an invalid entry`);
      const quiz = validQuiz(entry?.quiz ?? {}, slug);
      pages[slug] = { done: Boolean(entry.done), resources: [...new Set(resources)], quiz };
    }
    return { version: VERSION, pages };
  }

  // The quiz answers of one page: {"q-1a2b3c4d": {answer: "2", correct: true}}.
  function validQuiz(quiz, slug) {
    if (!quiz || typeof quiz !== "object" || Array.isArray(quiz)) {
      throw new Error(`page "${slug}" has an invalid quiz entry`);
    }
    const clean = {};
    for (const [id, answer] of Object.entries(quiz)) {
      const bad = !/^[\w-]+$/.test(id) || !answer || typeof answer !== "object"
        || typeof answer.answer !== "string" || typeof answer.correct !== "boolean";
      if (bad) throw new Error(`page "${slug}" has an invalid answer to question "${id}"`);
      clean[id] = { answer: answer.answer, correct: answer.correct };
    }
    return clean;
  }

  function load() {
    try {
      const raw = localStorage.getItem(KEY);
      return raw ? validate(JSON.parse(raw)) : empty();
    } catch {
      return empty();
    }
  }

  function save(state) {
    for (const [slug, entry] of Object.entries(state.pages)) {
      if (!entry.done && !entry.resources.length && !Object.keys(entry.quiz || {}).length) {
        delete state.pages[slug];
      }
    }
    localStorage.setItem(KEY, JSON.stringify(state));
  }

  // "python/", "python/index.html" or "python.html" below the site root -> "python".
  function currentSlug() {
    const path = decodeURIComponent(location.pathname);
    const base = decodeURIComponent(BASE.pathname);
    const rest = path.startsWith(base) ? path.slice(base.length) : path;
    return rest.replace(/(^|\/)index\.html$/, "").replace(/\.html$/, "").replace(/^\/+|\/+$/g, "");
  }

  const entryOf = (state, slug) => state.pages[slug]
    || (state.pages[slug] = { done: false, resources: [], quiz: {} });
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  // Tally of stored answers: how many were answered and how many of those were right.
  function tally(entries) {
    let answered = 0;
    let right = 0;
    for (const entry of entries) {
      for (const answer of Object.values(entry.quiz || {})) {
        answered += 1;
        if (answer.correct) right += 1;
      }
    }
    return { answered, right };
  }

  const quizOption = (quiz, value) => quiz.querySelector(`.quiz__answers li[data-quiz-option="${value}"]`);

  function feedbackText(quiz, value) {
    const option = quizOption(quiz, value);
    if (!option) return "";
    const explanation = option.querySelector(".quiz__explanation")?.textContent.trim() ?? "";
    return option.hasAttribute("data-quiz-correct")
      ? `Right. ${explanation}`
      : `Not quite. ${explanation} Try another answer.`;
  }

  function renderQuizzes(entry) {
    const quizzes = document.querySelectorAll(".quiz[data-quiz]");
    for (const quiz of quizzes) {
      const answer = (entry.quiz || {})[quiz.dataset.quiz];
      const feedback = quiz.querySelector("[data-quiz-feedback]");
      if (!answer) {
        // Forget a shown answer only when the stored one is gone (reset or import).
        if (quiz.dataset.quizState) {
          quiz.removeAttribute("data-quiz-state");
          for (const radio of quiz.querySelectorAll("input[type=radio]")) radio.checked = false;
          if (feedback) feedback.textContent = "";
        }
        continue;
      }
      const radio = quiz.querySelector(`input[type=radio][value="${answer.answer}"]`);
      if (radio) radio.checked = true;
      // The stored choice and a border come back on load; the feedback text only on "Check",
      // so nothing shifts and the live region speaks only when asked.
      quiz.dataset.quizState = answer.correct ? "right" : "wrong";
    }
    const score = document.querySelector("[data-quiz-score]");
    if (score && quizzes.length) {
      const ids = new Set([...quizzes].map((q) => q.dataset.quiz));
      const mine = Object.entries(entry.quiz || {}).filter(([id]) => ids.has(id));
      const right = mine.filter(([, a]) => a.correct).length;
      const open = quizzes.length - mine.length;
      score.textContent = mine.length
        ? `Your score: ${right} of ${quizzes.length} right`
          + (open ? ` (${open} not answered yet).` : ".")
        : "Answer the questions above to see your score. It is saved in this browser only.";
    }
  }

  function renderPage(state, slug) {
    const entry = state.pages[slug] || { done: false, resources: [], quiz: {} };
    for (const button of document.querySelectorAll("[data-progress-toggle]")) {
      button.setAttribute("aria-pressed", String(entry.done));
    }
    for (const box of document.querySelectorAll("input[data-progress-resource]")) {
      box.checked = entry.resources.includes(box.dataset.progressResource);
    }
    renderQuizzes(entry);
  }

  function renderMap(state) {
    for (const node of document.querySelectorAll("#learning-map a[data-section]")) {
      const entry = state.pages[node.dataset.section] || { done: false, resources: [] };
      const total = Number(node.dataset.resourceTotal || 0);
      const ticked = Math.min(entry.resources.length, total || entry.resources.length);
      if (node.dataset.label === undefined) {
        node.dataset.label = node.getAttribute("aria-label") || node.textContent.trim();
      }
      let status = "not started";
      if (entry.done) status = "done";
      else if (ticked) status = `${ticked} of ${plural(total, "resource")} done`;
      node.setAttribute("aria-label", `${node.dataset.label}, ${status}`);
      node.classList.toggle("progress--done", entry.done);
      node.classList.toggle("progress--started", !entry.done && ticked > 0);
      markNode(node, entry.done ? "\u2713" : ticked ? `${ticked}/${total}` : "");
    }
  }

  // A visible mark in the node's top-right corner, so the state is not shown by colour alone.
  function markNode(node, text) {
    let mark = node.querySelector(".progress-node-mark");
    const box = node.querySelector("rect");
    if (!mark && text && box) {
      mark = document.createElementNS("http://www.w3.org/2000/svg", "text");
      mark.setAttribute("class", "progress-node-mark");
      mark.setAttribute("aria-hidden", "true");
      mark.setAttribute("x", Number(box.getAttribute("x")) + Number(box.getAttribute("width")) - 10);
      mark.setAttribute("y", Number(box.getAttribute("y")) + 22);
      node.append(mark);
    }
    if (mark) mark.textContent = text;
  }

  function renderSummary(state) {
    const summary = document.querySelector("[data-progress-summary]");
    if (!summary) return;
    const entries = Object.values(state.pages);
    const done = entries.filter((e) => e.done).length;
    const ticked = entries.reduce((n, e) => n + e.resources.length, 0);
    const { answered, right } = tally(entries);
    const quiz = answered ? ` You got ${right} of ${plural(answered, "answered question")} right.` : "";
    summary.textContent = done || ticked
      ? `You have marked ${plural(done, "page")} as done and ticked ${plural(ticked, "resource")}.${quiz}`
      : answered ? quiz.trim() : "You have not marked anything as done yet.";
  }

  function render() {
    const state = load();
    renderPage(state, currentSlug());
    renderMap(state);
    renderSummary(state);
  }

  function say(text) {
    const region = document.querySelector("[data-progress-message]");
    if (region) region.textContent = text;
  }

  function exportProgress() {
    const data = { ...load(), exported_at: new Date().toISOString() };
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    link.download = `neural-networks-progress-${data.exported_at.slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    say("Your progress was exported as a JSON file.");
  }

  async function importProgress(input) {
    const file = input.files[0];
    if (!file) return;
    try {
      let data;
      try {
        data = JSON.parse(await file.text());
      } catch {
        throw new Error("it is not valid JSON");
      }
      const state = validate(data);
      save(state);
      render();
      say(`Imported ${file.name}: ${plural(Object.values(state.pages).filter((e) => e.done).length, "page")} done.`);
    } catch (error) {
      say(`Could not import ${file.name}: ${error.message}. Your progress was not changed.`);
    } finally {
      input.value = "";
    }
  }

  function resetProgress() {
    if (!window.confirm("Erase all your progress in this browser? This cannot be undone.")) {
      say("Nothing was erased.");
      return;
    }
    localStorage.removeItem(KEY);
    render();
    say("Your progress was reset.");
  }

  function checkAnswer(button) {
    const quiz = button.closest(".quiz[data-quiz]");
    const feedback = quiz.querySelector("[data-quiz-feedback]");
    const chosen = quiz.querySelector("input[type=radio]:checked");
    let text = "Choose an answer first.";
    if (chosen) {
      const state = load();
      const correct = quizOption(quiz, chosen.value)?.hasAttribute("data-quiz-correct") ?? false;
      entryOf(state, currentSlug()).quiz ??= {};
      state.pages[currentSlug()].quiz[quiz.dataset.quiz] = { answer: chosen.value, correct };
      save(state);
      text = feedbackText(quiz, chosen.value);
      render();
    }
    // Empty the live region first, so the same text twice in a row is announced again.
    feedback.textContent = "";
    setTimeout(() => { feedback.textContent = text; }, 50);
  }

  // One set of delegated listeners survives Material's instant navigation.
  document.addEventListener("click", (event) => {
    const check = event.target.closest("[data-quiz-check]");
    if (check) {
      checkAnswer(check);
      return;
    }
    const target = event.target.closest("[data-progress-toggle], [data-progress-export], [data-progress-import], [data-progress-reset]");
    if (!target) return;
    if (target.matches("[data-progress-toggle]")) {
      const state = load();
      const entry = entryOf(state, currentSlug());
      entry.done = !entry.done;
      save(state);
      render();
    } else if (target.matches("[data-progress-export]")) exportProgress();
    else if (target.matches("[data-progress-import]")) document.querySelector("[data-progress-file]").click();
    else resetProgress();
  });

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches(".quiz input[type=radio]")) {
      // A new choice makes the shown feedback stale until it is checked.
      const feedback = target.closest(".quiz").querySelector("[data-quiz-feedback]");
      if (feedback) feedback.textContent = "";
    } else if (target.matches("[data-progress-file]")) {
      importProgress(target);
    } else if (target.matches("input[data-progress-resource]")) {
      const state = load();
      const entry = entryOf(state, currentSlug());
      const href = target.dataset.progressResource;
      entry.resources = entry.resources.filter((r) => r !== href);
      if (target.checked) entry.resources.push(href);
      save(state);
      render();
    }
  });

  window.addEventListener("storage", (event) => event.key === KEY && render());
  if (window.document$) window.document$.subscribe(render);
  else render();
})();
