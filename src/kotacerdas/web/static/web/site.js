// Small behaviours of every page, as a file (the Content-Security-Policy forbids inline scripts):
// - <select data-autosubmit> submits its form when changed (the language switch);
// - a button or link with data-confirm="question" asks before it acts.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (target && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
// A region that scrolls sideways (a wide table on a phone) takes keyboard focus, so arrow keys can scroll it.
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function markScrollers() {
    document.querySelectorAll("main table, .scroll, .board").forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex") && !el.querySelector(FOCUSABLE)) {
        el.setAttribute("tabindex", "0");
        el.dataset.scrollFocus = "1";
      } else if (!scrolls && el.dataset.scrollFocus) {
        el.removeAttribute("tabindex");
        delete el.dataset.scrollFocus;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", markScrollers);
  window.addEventListener("resize", markScrollers);
  document.addEventListener("htmx:afterSettle", markScrollers);
})();
// The header's menu is a <details> that CSS shows open from 768 px on; a browser without ::details-content
// (Chromium before 131, older Firefox and Safari) gets it opened here on a wide screen instead.
(function () {
  "use strict";
  if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) {
    return;
  }
  var wide = window.matchMedia("(min-width: 768px)");
  function openWhenWide() {
    var menu = document.getElementById("kc-menu");
    if (menu && wide.matches) {
      menu.open = true;
    }
  }
  document.addEventListener("DOMContentLoaded", openWhenWide);
  if (wide.addEventListener) {
    wide.addEventListener("change", openWhenWide);
  }
})();
