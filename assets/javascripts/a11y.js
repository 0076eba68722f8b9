// Keyboard and screen-reader fixes for Material 9.8, each checked by tests/browser.
(() => {
  // Each code block's copy button sits in an unnamed <nav>: a landmark per code block clutters
  // landmark lists and fails axe's landmark-unique, so drop the landmark role.
  const unmark = () => {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  };
  unmark();
  new MutationObserver(unmark).observe(document.body, { childList: true, subtree: true });

  // Notebook code and output that scrolls sideways must take focus, so keyboards can scroll it
  // (axe: scrollable-region-focusable), as Material does for its own code blocks. Widths are
  // read when the browser lays a box out or resizes it, never by forcing a layout: notebook
  // cells off screen are skipped (content-visibility) until they come near the viewport.
  const MARK = "scrollFocus";
  const focusIfScrollable = (entries) => {
    for (const { target: box } of entries) {
      if (!box.checkVisibility({ contentVisibilityAuto: true })) continue;
      if (box.scrollWidth > box.clientWidth) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.dataset[MARK] = "";
        }
      } else if (MARK in box.dataset) {
        box.removeAttribute("tabindex");
        delete box.dataset[MARK];
      }
    }
  };
  const sizes = new ResizeObserver(focusIfScrollable);
  const watchScrollable = () => {
    sizes.disconnect();
    for (const box of document.querySelectorAll(".jupyter-wrapper :is(.highlight-ipynb, pre)")) {
      sizes.observe(box);
    }
  };
  if (window.document$) window.document$.subscribe(watchScrollable);
  else watchScrollable();

  // The skip link must move keyboard focus, not only scroll. Handled here, before instant
  // navigation can treat it as a page load and replace the element that just got focus.
  document.addEventListener(
    "click",
    (event) => {
      const skip = event.target instanceof Element && event.target.closest("a.md-skip");
      const target = skip && document.getElementById(decodeURIComponent(skip.hash.slice(1)));
      if (target) {
        event.preventDefault();
        event.stopPropagation();
        target.setAttribute("tabindex", "-1");
        target.scrollIntoView();
        target.focus({ preventScroll: true });
      }
    },
    true,
  );
})();
