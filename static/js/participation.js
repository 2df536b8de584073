/* Decide IEEM: "Me gusta" / "No me gusta" without reloading the page.
 *
 * Progressive enhancement: without this file the buttons are plain forms that
 * post to /participa/reaccion/ and come back. With it, the page asks
 * /participa/estado/ (never cached) for this visitor's own pressed states and
 * a CSRF token, then sends each press with fetch(). No counts ever arrive here.
 */
(function () {
  "use strict";
  if (window.decideParticipa || !window.fetch || !window.FormData) return;
  window.decideParticipa = true;

  var FAILED = "No pudimos registrar tu reacción. Revisa tu conexión e inténtalo de nuevo.";
  var csrfToken = "";
  var pages = {};

  function buttons(box) {
    return box.querySelectorAll("button[name=valor]");
  }

  function pressedValue(box) {
    var value = "";
    buttons(box).forEach(function (b) {
      if (b.getAttribute("aria-pressed") === "true") value = b.value;
    });
    return value;
  }

  function showState(box, state) {
    buttons(box).forEach(function (b) {
      b.setAttribute("aria-pressed", b.value === state ? "true" : "false");
    });
  }

  function say(box, message) {
    var status = box.querySelector(".participa__status");
    if (status) status.textContent = message || "";
  }

  function loadState(pageId) {
    return fetch("/participa/estado/?pagina=" + encodeURIComponent(pageId), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" }
    })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        csrfToken = data.csrfToken || csrfToken;
        pages[pageId].forEach(function (box) {
          if (!data.open) {
            var form = box.querySelector("form");
            if (form) form.hidden = true;
            say(box, data.message);
            return;
          }
          showState(box, (data.reactions || {})[box.getAttribute("data-block")] || "");
          box.setAttribute("data-enhanced", "");
        });
        return data;
      });
  }

  function send(box, form, value, current, mayRetry) {
    var body = new FormData(form);
    body.set("valor", value);
    body.set("actual", current);
    box.setAttribute("aria-busy", "true");
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken, Accept: "application/json" }
    })
      .then(function (r) {
        return r.json().then(function (data) { return { status: r.status, data: data }; });
      })
      .then(function (res) {
        if ((res.status === 428 || res.status === 403) && mayRetry) {
          // First press of a new visitor (cookie just set) or an old token: refresh, repeat once.
          return loadState(box.getAttribute("data-page")).then(function () {
            return send(box, form, value, current, false);
          });
        }
        if (res.data.ok) showState(box, res.data.state || "");
        say(box, res.data.message);
      })
      .catch(function () { say(box, FAILED); })
      .then(function () { box.removeAttribute("aria-busy"); });
  }

  document.querySelectorAll("[data-participa]").forEach(function (box) {
    var pageId = box.getAttribute("data-page");
    (pages[pageId] = pages[pageId] || []).push(box);
    var form = box.querySelector("form");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      if (!box.hasAttribute("data-enhanced")) return; // not ready: plain form post
      event.preventDefault();
      if (box.getAttribute("aria-busy") === "true") return;
      var button = event.submitter || document.activeElement;
      if (!button || button.name !== "valor") return;
      send(box, form, button.value, pressedValue(box), true);
    });
  });
  Object.keys(pages).forEach(function (pageId) {
    loadState(pageId).catch(function () { /* plain forms keep working */ });
  });

  // Character counter on the idea form.
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var max = parseInt(area.getAttribute("maxlength"), 10) || 2000;
    var out = document.createElement("p");
    out.className = "field-help participa-counter";
    out.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", out);
    function update() {
      out.textContent = area.value.length.toLocaleString("es-MX") + " de " +
        max.toLocaleString("es-MX") + " caracteres";
    }
    area.addEventListener("input", update);
    update();
  });
})();
