/* Visually-impaired mode (ГОСТ Р 52872-2019): font size, colour scheme, letter spacing,
   images. Loaded in <head> so the saved choice applies before the first paint; the
   choice is kept in localStorage, so it holds on every page and after a reload. The
   page reads the same without this script (the settings panel is then hidden). */
(function () {
  "use strict";
  var STORE = "glasnost-a11y";
  var OPTIONS = {
    font: ["1", "2", "3"],
    scheme: ["normal", "bw", "wb", "blue"],
    spacing: ["normal", "wide", "wider"],
    images: ["on", "off"]
  };
  var KEYS = ["font", "scheme", "spacing", "images"];
  var root = document.documentElement;
  root.classList.add("js");

  function load() {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { saved = {}; }
    var state = {};
    KEYS.forEach(function (key) {
      var value = String(saved[key]);
      state[key] = OPTIONS[key].indexOf(value) >= 0 ? value : OPTIONS[key][0];
    });
    return state;
  }

  function save(state) {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage off: this page only */ }
  }

  function apply(state) {
    var special = false;
    KEYS.forEach(function (key) {
      root.setAttribute("data-" + key, state[key]);
      if (state[key] !== OPTIONS[key][0]) { special = true; }
    });
    if (special) { root.setAttribute("data-a11y", "on"); } else { root.removeAttribute("data-a11y"); }
    var buttons = document.querySelectorAll("button[data-a11y]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], key = b.getAttribute("data-a11y");
      if (key !== "reset") { b.setAttribute("aria-pressed", String(state[key] === b.getAttribute("data-value"))); }
    }
  }

  var state = load();
  apply(state);

  document.addEventListener("DOMContentLoaded", function () {
    apply(state);
    document.addEventListener("click", function (event) {
      var target = event.target && event.target.closest ? event.target.closest("button[data-a11y]") : null;
      if (!target) { return; }
      var key = target.getAttribute("data-a11y");
      if (key === "reset") {
        KEYS.forEach(function (k) { state[k] = OPTIONS[k][0]; });
        try { localStorage.removeItem(STORE); } catch (e) { /* storage off */ }
      } else if (OPTIONS[key]) {
        state[key] = target.getAttribute("data-value");
        save(state);
      }
      apply(state);
    });
  });

  // Another tab changed the settings: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === STORE || event.key === null) { state = load(); apply(state); }
  });
})();
