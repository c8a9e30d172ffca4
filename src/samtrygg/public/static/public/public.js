// The public map: areas coloured by the class of their (suppressed) total; hidden ones are grey.
(function () {
  "use strict";
  function readJSON(id) {
    var el = id && document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function init() {
    var el = document.getElementById("public-map");
    if (!el || typeof L === "undefined" || typeof SamtryggMap === "undefined") return;
    var cfg = readJSON(el.getAttribute("data-config")) || { center: [59.61, 16.54], zoom: 12, tiles: [] };
    var data = readJSON(el.getAttribute("data-layer"));
    var map = SamtryggMap.create(el, cfg, { scrollWheelZoom: false });
    map.setView(cfg.center, cfg.zoom);
    if (!data) return;
    // The classes are computed on the server (quantiles of the shown totals, also in the
    // legend under the map); here a feature's class index only picks its colour.
    var classes = data.classes || [];
    var layer = L.geoJSON(data, {
      style: function (f) {
        var k = f.properties["class"];
        var fill = k === null || k === undefined || !classes[k] ? data.hidden_colour : classes[k].colour;
        return { color: "#15425f", weight: 1.5, fillColor: fill, fillOpacity: 0.75 };
      },
      onEachFeature: function (f, l) {
        var box = document.createElement("div");
        var title = document.createElement("strong");
        title.textContent = f.properties.name;
        box.appendChild(title);
        var line = document.createElement("div");
        line.textContent = f.properties.total === null ? "–" : String(f.properties.total);
        box.appendChild(line);
        l.bindTooltip(box);
      }
    }).addTo(map);
    var b = layer.getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [10, 10] });
  }
  document.addEventListener("DOMContentLoaded", init);
})();
