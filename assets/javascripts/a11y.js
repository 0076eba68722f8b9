// Material wraps each code block's copy button in an unnamed <nav>; a landmark per code block
// clutters screen-reader landmark lists and fails axe's landmark-unique, so drop the landmark.
(() => {
  const unmark = () => {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  };
  unmark();
  new MutationObserver(unmark).observe(document.body, { childList: true, subtree: true });
})();
