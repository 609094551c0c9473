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
