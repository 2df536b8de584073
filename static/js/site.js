// Decide IEEM: small enhancements shared by every page. Nothing here is
// needed to read the site.
(function () {
  "use strict";
  // WCAG 1.4.13: tooltips shown on hover/focus (glossary terms) can be
  // dismissed with Escape without moving focus or the pointer.
  var root = document.documentElement;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      root.classList.add("tips-dismissed");
    }
  });
  function restore() {
    root.classList.remove("tips-dismissed");
  }
  document.addEventListener("focusin", restore);
  document.addEventListener("mouseover", function (event) {
    if (event.target.closest && event.target.closest(".glossary-ref")) {
      return;
    }
    restore();
  });
})();
