// Every map's base, drawn without the internet: the municipality's outline, its districts
// and the named places from the database (the JSON at cfg.baseLayer), beneath the page's
// own layers. A raster tile layer only when the operator configured one (cfg.tiles); when
// its tiles fail it is removed (which also stops the pending loads) and the map says so.
// The base layer never takes a click: clicking inside a district still reaches the map
// (the report form places its point that way).
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  var BASE_PANE = "samtryggBase";
  var LABEL_PANE = "samtryggLabels";
  var DISTRICT_LABEL_ZOOM = 12;
  var PLACE_LABEL_ZOOM = 15;
  var requests = {};

  function load(url) {
    if (!requests[url]) {
      requests[url] = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return requests[url];
  }

  function say(el, text) {
    if (!text) return;
    var note = el.parentNode.querySelector(".map-note[data-for='" + el.id + "']");
    if (!note) {
      note = document.createElement("p");
      note.className = "map-note";
      note.setAttribute("role", "status");
      if (el.id) note.setAttribute("data-for", el.id);
      el.parentNode.insertBefore(note, el.nextSibling);
    }
    note.textContent = text;
  }

  // Names are data: they go into the label as text, never as HTML.
  function label(text, className) {
    var span = document.createElement("span");
    span.textContent = text || "";
    span.setAttribute("aria-hidden", "true");
    return L.divIcon({ className: "basemap-label " + className, html: span, iconSize: null });
  }

  function labelAt(latlng, text, className) {
    return L.marker(latlng, {
      icon: label(text, className), pane: LABEL_PANE, interactive: false, keyboard: false
    });
  }

  function draw(map, data, filled) {
    var group = L.layerGroup();
    var fillOpacity = filled ? 1 : 0;
    if (data.municipality) {
      L.geoJSON(data.municipality, {
        pane: BASE_PANE, interactive: false,
        style: { color: "#3d4f5c", weight: 3, fill: false, className: "basemap-municipality" }
      }).addTo(group);
    }
    var districts = L.geoJSON(data.districts, {
      pane: BASE_PANE, interactive: false,
      style: { color: "#7b8a96", weight: 1, fillColor: "#fbfaf5", fillOpacity: fillOpacity, className: "basemap-district" }
    }).addTo(group);
    (data.districts.features || []).forEach(function (f) {
      var at = f.properties.label;
      if (at) labelAt([at[1], at[0]], f.properties.name, "basemap-district-label").addTo(group);
    });
    (data.places.features || []).forEach(function (f) {
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      L.circleMarker(ll, {
        pane: BASE_PANE, interactive: false, radius: 3, color: "#5b4a2e", weight: 1,
        fillColor: "#8a6d3b", fillOpacity: 1, className: "basemap-place"
      }).addTo(group);
      labelAt(ll, f.properties.name, "basemap-place-label").addTo(group);
    });
    group.addTo(map);
    return districts;
  }

  function showLabelsByZoom(map, el) {
    var update = function () {
      el.classList.toggle("basemap-district-labels", map.getZoom() >= DISTRICT_LABEL_ZOOM);
      el.classList.toggle("basemap-place-labels", map.getZoom() >= PLACE_LABEL_ZOOM);
    };
    map.on("zoomend", update);
    update();
  }

  function create(el, cfg, options) {
    cfg = cfg || {};
    var map = L.map(el, Object.assign({ maxZoom: cfg.maxZoom || 18 }, options || {}));
    map.createPane(BASE_PANE).style.zIndex = 250;
    var labelPane = map.createPane(LABEL_PANE);
    labelPane.style.zIndex = 450;
    labelPane.style.pointerEvents = "none";
    el.classList.add("basemap");
    var districts = null;
    var tiles = [];
    (cfg.tiles || []).forEach(function (tile) {
      var layer = L.tileLayer(tile.url, tile.options || {});
      var loaded = false;
      layer.on("tileload", function () { loaded = true; });
      layer.on("tileerror", function () {
        if (loaded || !map.hasLayer(layer)) return;
        map.removeLayer(layer);
        tiles.splice(tiles.indexOf(layer), 1);
        if (districts && !tiles.length) districts.setStyle({ fillOpacity: 1 });
        el.setAttribute("data-tiles", "failed");
        say(el, cfg.tilesFailed);
      });
      layer.addTo(map);
      tiles.push(layer);
    });
    showLabelsByZoom(map, el);
    if (cfg.baseLayer) {
      load(cfg.baseLayer).then(function (data) {
        if (!data || !map.getContainer().isConnected) return;
        districts = draw(map, data, !tiles.length);
        el.setAttribute("data-base-layer", "drawn");
      });
    }
    return map;
  }

  window.SamtryggMap = { create: create };
})();
