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
  // (axe: scrollable-region-focusable), as Material does for its own code blocks. Once per page:
  // reading widths forces a layout, too costly to repeat on every DOM change.
  const markScrollable = () => {
    const boxes = document.querySelectorAll(
      ".jupyter-wrapper :is(.highlight-ipynb, pre):not([tabindex])",
    );
    const wide = [...boxes].filter((box) => box.scrollWidth > box.clientWidth);
    for (const box of wide) box.setAttribute("tabindex", "0");
  };
  if (window.document$) window.document$.subscribe(markScrollable);
  else markScrollable();

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
