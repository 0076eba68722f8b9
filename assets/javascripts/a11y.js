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
