// The public map: areas shaded by their (suppressed) totals; hidden counts are grey.
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
    var top = 0;
    data.features.forEach(function (f) { if (f.properties.total !== null && f.properties.total > top) top = f.properties.total; });
    var colours = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
    var layer = L.geoJSON(data, {
      style: function (f) {
        var v = f.properties.total;
        var fill = v === null ? "#bdbdbd" : colours[Math.min(colours.length - 1, Math.floor((top ? v / top : 0) * colours.length))];
        return { color: "#15425f", weight: 1.5, fillColor: fill, fillOpacity: 0.6 };
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
