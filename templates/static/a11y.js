/* Visually-impaired mode (ГОСТ Р 52872-2019): font size, colour scheme, letter spacing,
   images. Loaded in <head> so the saved choice applies before the first paint; the
   page reads the same without it. */
(function () {
  var KEYS = ["font", "scheme", "spacing", "images"];
  var root = document.documentElement;
  root.classList.add("js");
  function load() {
    try { return JSON.parse(localStorage.getItem("glasnost-a11y") || "{}"); } catch (e) { return {}; }
  }
  function apply(state) {
    KEYS.forEach(function (key) {
      if (state[key]) { root.setAttribute("data-" + key, state[key]); } else { root.removeAttribute("data-" + key); }
    });
    if (!state.font) { root.setAttribute("data-font", "1"); }
    if (!state.scheme) { root.setAttribute("data-scheme", "normal"); }
    var buttons = document.querySelectorAll("[data-a11y]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], k = b.getAttribute("data-a11y");
      if (k !== "reset") { b.setAttribute("aria-pressed", String((state[k] || "") === b.getAttribute("data-value"))); }
    }
  }
  var state = load();
  apply(state);
  document.addEventListener("DOMContentLoaded", function () {
    apply(state);
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-a11y]") : null;
      if (!target) { return; }
      var key = target.getAttribute("data-a11y");
      state = key === "reset" ? {} : state;
      if (key !== "reset") { state[key] = target.getAttribute("data-value"); }
      try { localStorage.setItem("glasnost-a11y", JSON.stringify(state)); } catch (e) { /* private mode */ }
      apply(state);
    });
  });
})();
