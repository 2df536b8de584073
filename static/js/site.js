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

// Statistics (participation/statistics/counting.py): one page view, sent as a
// tiny beacon to our own /participa/visita/ (never cached), so pages served
// from a cache are counted too. Nothing about the visitor is sent: only the
// page's path (and a Quitadudas search). Not counted: framed previews, pages
// the browser only prerenders until they are shown, error pages (no marker).
(function () {
  "use strict";
  var marker = document.getElementById("contar-visita");
  if (!marker || window.top !== window.self) return;
  function send() {
    var data = new URLSearchParams();
    data.set("ruta", marker.getAttribute("data-ruta") || location.pathname);
    var q = marker.getAttribute("data-q");
    if (q) data.set("q", q);
    if (navigator.sendBeacon && navigator.sendBeacon("/participa/visita/", data)) return;
    if (window.fetch) {
      fetch("/participa/visita/", { method: "POST", body: data, keepalive: true, credentials: "omit" });
    }
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
