// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]")) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var btn = event.target.closest && event.target.closest(".nav-toggle");
    if (!btn) return;
    var nav = document.getElementById(btn.getAttribute("aria-controls"));
    var open = btn.getAttribute("aria-expanded") === "true";
    btn.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("open", !open);
  });
  // Menu sections: one open at a time; a click elsewhere or Escape closes them.
  function closeSections(except) {
    document.querySelectorAll("[data-nav-section][open]").forEach(function (d) {
      if (d !== except) d.removeAttribute("open");
    });
  }
  document.addEventListener("toggle", function (event) {
    var d = event.target;
    if (d.matches && d.matches("[data-nav-section]") && d.open) closeSections(d);
  }, true);
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("[data-nav-section]")) closeSections(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeSections(null);
  });
  // htmx: send the CSRF token with every request.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    var token = input ? input.value : match ? decodeURIComponent(match[1]) : null;
    if (token) event.detail.headers["X-CSRFToken"] = token;
  });
})();
