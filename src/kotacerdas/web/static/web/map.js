/* The choropleth map: Leaflet draws the cached boundary asset, coloured by the values in #map-data. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var el = document.getElementById("map");
  var legend = document.getElementById("map-legend");
  var lang = document.documentElement.lang === "en" ? "en" : "id-ID";
  var fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  var NO_DATA = "#d5dbe0";
  /* viridis, ten steps: colour-blind safe and readable in grey */
  var VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e",
                 "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];

  function scoreScale() {
    var present = Object.keys(data.values).map(function (c) { return data.values[c][1]; })
      .filter(function (v) { return v !== null; }).sort(function (a, b) { return a - b; });
    var colours = [VIRIDIS[0], VIRIDIS[2], VIRIDIS[4], VIRIDIS[6], VIRIDIS[9]];
    var breaks = [1, 2, 3, 4].map(function (q) {
      return present.length ? present[Math.floor(q * (present.length - 1) / 5)] : 0;
    });
    return {
      colour: function (v) {
        if (v === null || v === undefined) { return NO_DATA; }
        var i = 0;
        while (i < breaks.length && v > breaks[i]) { i++; }
        return colours[i];
      },
      items: colours.map(function (c, i) {
        var lo = i === 0 ? (present[0] || 0) : breaks[i - 1];
        var hi = i === breaks.length ? (present[present.length - 1] || 0) : breaks[i];
        return [c, fmt.format(lo) + " – " + fmt.format(hi)];
      })
    };
  }

  function stageScale() {
    var colours = [NO_DATA].concat(VIRIDIS.slice(1));
    return {
      colour: function (v) { return colours[Math.max(0, Math.min(colours.length - 1, v || 0))]; },
      items: data.stages.map(function (label, i) { return [colours[i], label]; })
    };
  }

  var scale = data.metric === "score" ? scoreScale() : stageScale();
  legend.innerHTML = "";
  scale.items.forEach(function (item) {
    var row = document.createElement("span");
    var swatch = document.createElement("i");
    swatch.style.background = item[0];
    row.appendChild(swatch);
    row.appendChild(document.createTextNode(item[1]));
    legend.appendChild(row);
  });

  var map = L.map(el, { attributionControl: false, zoomSnap: 0.25, minZoom: 3 });
  fetch(data.geometry, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var layer = L.geoJSON(collection, {
        style: function (feature) {
          var v = data.values[feature.id];
          return { fillColor: scale.colour(v ? v[1] : null), fillOpacity: 0.9, color: "#ffffff", weight: 0.4 };
        },
        onEachFeature: function (feature, shape) {
          var v = data.values[feature.id];
          if (!v) { return; }
          shape.bindTooltip(v[0] + " — " + v[2], { sticky: true });
          shape.on("click", function () { window.location.href = data.region.replace("CODE", feature.id); });
          shape.on("mouseover", function () { shape.setStyle({ weight: 2, color: "#1d2b36" }); });
          shape.on("mouseout", function () { layer.resetStyle(shape); });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      el.setAttribute("data-regions", String(layer.getLayers().length));
    });
})();
