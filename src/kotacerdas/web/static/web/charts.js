// Draws every chart of the page from its JSON spec (web/charts.py); no inline script is needed.
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll("script.kc-chart-spec").forEach(function (node) {
      var spec = JSON.parse(node.textContent);
      var config = JSON.parse(node.dataset.config || "{}");
      window.Plotly.newPlot(node.dataset.target, spec.data, spec.layout, config);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
