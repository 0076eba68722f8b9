// Progress without an account: what you marked as done lives in localStorage, nowhere else.
// The markup comes from scripts/hooks/progress_controls.py; this file only reads and writes state.
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
      pages[slug] = { done: Boolean(entry.done), resources: [...new Set(resources)] };
    }
    return { version: VERSION, pages };
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
      if (!entry.done && !entry.resources.length) delete state.pages[slug];
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

  const entryOf = (state, slug) => state.pages[slug] || (state.pages[slug] = { done: false, resources: [] });
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  function renderPage(state, slug) {
    const entry = state.pages[slug] || { done: false, resources: [] };
    for (const button of document.querySelectorAll("[data-progress-toggle]")) {
      button.setAttribute("aria-pressed", String(entry.done));
    }
    for (const box of document.querySelectorAll("input[data-progress-resource]")) {
      box.checked = entry.resources.includes(box.dataset.progressResource);
    }
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
    summary.textContent = done || ticked
      ? `You have marked ${plural(done, "page")} as done and ticked ${plural(ticked, "resource")}.`
      : "You have not marked anything as done yet.";
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

  // One set of delegated listeners survives Material's instant navigation.
  document.addEventListener("click", (event) => {
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
    if (target.matches("[data-progress-file]")) {
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
