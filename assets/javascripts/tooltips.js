// Glossary tooltips: a term's definition shows on hover and on keyboard focus, and Escape
// closes it (WCAG 1.4.13). One tooltip element, events delegated to the document: nothing is
// mounted per term, so a page with dozens of terms costs nothing to load, and terms that
// instant navigation swaps in work at once. Without JavaScript the title attribute remains.
(() => {
  "use strict";
  const GAP = 6; // px between the term and its tooltip
  let tip = null;
  let term = null;

  const tooltip = () => {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "glossary-tip";
      tip.className = "glossary-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("pointerleave", leaving);
    }
    if (!tip.isConnected) document.body.append(tip);
    return tip;
  };

  // Below the term, or above it when the viewport has no room; kept inside the viewport.
  const place = (box, anchor) => {
    const rect = anchor.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const left = Math.max(GAP, Math.min(rect.left, width - box.offsetWidth - GAP));
    const below = rect.bottom + GAP + box.offsetHeight <= window.innerHeight;
    const top = below ? rect.bottom + GAP : rect.top - GAP - box.offsetHeight;
    box.style.left = `${left + window.scrollX}px`;
    box.style.top = `${Math.max(0, top + window.scrollY)}px`;
  };

  const show = (abbr) => {
    if (term === abbr) return;
    hide();
    const box = tooltip();
    term = abbr;
    // The definition moves to the tooltip while it shows, so no native tooltip doubles it.
    abbr.dataset.title = abbr.title;
    abbr.removeAttribute("title");
    abbr.setAttribute("aria-describedby", box.id);
    box.textContent = abbr.dataset.title;
    box.hidden = false;
    place(box, abbr);
  };

  const hide = () => {
    if (!term) return;
    term.title = term.dataset.title;
    delete term.dataset.title;
    term.removeAttribute("aria-describedby");
    term = null;
    tip.hidden = true;
  };

  const termOf = (node) => (node instanceof Element ? node.closest("abbr[title]") : null);

  // The pointer may move from the term onto the tooltip (to read or select it) and back.
  const leaving = (event) => {
    const to = event.relatedTarget;
    if (to instanceof Node && (tip?.contains(to) || term?.contains(to))) return;
    if (document.activeElement !== term) hide();
  };

  document.addEventListener("pointerover", (event) => {
    const abbr = termOf(event.target);
    if (abbr && event.pointerType !== "touch") show(abbr);
  });
  document.addEventListener("pointerout", (event) => {
    if (term && term.contains(event.target)) leaving(event);
  });
  document.addEventListener("focusin", (event) => {
    const abbr = termOf(event.target);
    if (abbr) show(abbr);
  });
  document.addEventListener("focusout", (event) => {
    if (term && event.target === term) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && term) hide();
  });
  // Instant navigation replaces the page body: drop a tooltip whose term is gone.
  if (window.document$) window.document$.subscribe(() => term?.isConnected || hide());
})();
