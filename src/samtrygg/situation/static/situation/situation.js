// The situation map: areas, density, Gi* cells, near-repeat alerts and (on the dashboard)
// incident points as switchable Leaflet layers. Data come from json_script elements and
// a same-origin GeoJSON endpoint; never from inline scripts.
(function () {
  "use strict";

  function readJSON(id) {
    var el = id && document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function layerNames() {
    var names = {};
    document.querySelectorAll("#situation-layer-names [data-layer]").forEach(function (li) {
      names[li.getAttribute("data-layer")] = li.textContent.trim();
    });
    return names;
  }

  function ramp(share) {
    var colours = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"];
    var i = Math.max(0, Math.min(colours.length - 1, Math.floor(share * colours.length)));
    return colours[i];
  }

  function blues(share) {
    var colours = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
    var i = Math.max(0, Math.min(colours.length - 1, Math.floor(share * colours.length)));
    return colours[i];
  }

  function text(parts) {
    var box = document.createElement("div");
    parts.forEach(function (p, k) {
      var line = document.createElement(k === 0 ? "strong" : "div");
      line.textContent = p;
      box.appendChild(line);
    });
    return box;
  }

  function init() {
    var el = document.getElementById("situation-map");
    if (!el || typeof L === "undefined" || typeof SamtryggMap === "undefined") return;
    if (el.mapInstance) {
      el.mapInstance.remove();
      el.mapInstance = null;
    }
    var cfg = readJSON(el.getAttribute("data-config")) || { center: [59.61, 16.54], zoom: 12, tiles: [] };
    var data = readJSON(el.getAttribute("data-layers")) || {};
    var names = layerNames();
    var map = SamtryggMap.create(el, cfg, { scrollWheelZoom: false });
    el.mapInstance = map;
    map.setView(cfg.center, cfg.zoom);
    map.on("click", function () { map.scrollWheelZoom.enable(); });

    var overlays = {};
    var areaFeatures = (data.areas && data.areas.features) || [];
    var useRate = areaFeatures.length > 0 && areaFeatures.every(function (f) { return f.properties.rate !== null; });
    var topArea = 0;
    areaFeatures.forEach(function (f) {
      var v = useRate ? f.properties.rate : f.properties.per_km2;
      if (v > topArea) topArea = v;
    });
    var areas = L.geoJSON(data.areas, {
      style: function (f) {
        var v = useRate ? f.properties.rate : f.properties.per_km2;
        return { color: "#15425f", weight: 1.5, fillColor: blues(topArea ? (v || 0) / topArea : 0), fillOpacity: 0.55, className: "layer-areas" };
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindTooltip(text([p.name, String(p.count) + (p.rate !== null ? " · " + String(p.rate).replace(".", ",") + " / 1000" : "")]));
      }
    });
    overlays[names.areas || "areas"] = areas;
    areas.addTo(map);

    var top = data.density_max || 1;
    var density = L.geoJSON(data.density, {
      style: function (f) {
        return { stroke: false, fillColor: ramp(f.properties.density / top), fillOpacity: 0.6, className: "layer-density" };
      }
    });
    overlays[names.density || "density"] = density;

    var gi = L.geoJSON(data.gi, {
      style: function () { return { color: "#a3261b", weight: 1, fillColor: "#de2d26", fillOpacity: 0.45, className: "layer-gi" }; },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(text([f.properties.area || "", "z = " + String(f.properties.z).replace(".", ","), String(f.properties.count)]));
      }
    });
    overlays[names.gi || "gi"] = gi;
    gi.addTo(map);

    var alerts = L.geoJSON(data.alerts, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 8, color: "#1f5f8b", weight: 2, fillOpacity: 0.3, className: "layer-alerts" });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindTooltip(text([p.area || "", p.categories, String(p.events) + " · " + p.latest]));
      }
    });
    overlays[names.alerts || "alerts"] = alerts;

    var pointsUrl = el.getAttribute("data-points");
    if (pointsUrl) {
      var points = L.layerGroup();
      var loaded = false;
      overlays[names.points || "points"] = points;
      map.on("overlayadd", function (e) {
        if (e.layer !== points || loaded) return;
        loaded = true;
        fetch(pointsUrl, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
          .then(function (r) { return r.json(); })
          .then(function (geo) {
            L.geoJSON(geo, {
              pointToLayer: function (f, latlng) {
                return L.circleMarker(latlng, { radius: 4, color: f.properties.colour, weight: 1, fillOpacity: 0.8, className: "layer-points" });
              },
              onEachFeature: function (f, layer) {
                layer.bindTooltip(text([f.properties.category, f.properties.date]));
              }
            }).addTo(points);
            el.setAttribute("data-points-loaded", String(geo.features.length));
          });
      });
    }

    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    var bounds = areas.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
    el.setAttribute("data-ready", "1");
  }

  // A hot-spot or alert row's cell link shows the cell on the map (keyboard: Enter on the link).
  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest ? e.target.closest("a.map-cell") : null;
    var el = document.getElementById("situation-map");
    if (!link || !el || !el.mapInstance) return;
    var lat = parseFloat(link.getAttribute("data-lat"));
    var lon = parseFloat(link.getAttribute("data-lon"));
    if (isNaN(lat) || isNaN(lon)) return;
    e.preventDefault();
    var map = el.mapInstance;
    if (el.cellMarker) map.removeLayer(el.cellMarker);
    el.cellMarker = L.circle([lat, lon], { radius: 177, color: "#111111", weight: 2, fill: false, className: "layer-cell" })
      .addTo(map)
      .bindTooltip(text([link.getAttribute("data-cell") || ""]), { permanent: true });
    map.setView([lat, lon], 16);
    el.setAttribute("data-cell", link.getAttribute("data-cell"));
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
  });

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", function (e) {
    if (e.target && e.target.querySelector && e.target.querySelector("#situation-map")) init();
  });
})();
