// Maps for the areas app: show areas and places, draw an area's outline, pick a place.
// Data comes from json_script elements (never localised numbers); no inline scripts.
(function () {
  "use strict";
  if (typeof L === "undefined" || typeof SamtryggMap === "undefined") return;

  var KIND_COLOURS = {
    district: "#1f5f8b",
    deso: "#6a3d9a",
    regso: "#8e44ad",
    police_area: "#15425f",
    vulnerable_area: "#a3261b",
    custom: "#1e6b3a"
  };

  function readJSON(id) {
    var el = id && document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function baseMap(el) {
    var cfg = readJSON("areas-map-config") || { center: [59.6099, 16.5448], zoom: 12, tiles: [] };
    var map = SamtryggMap.create(el, cfg, { scrollWheelZoom: false, zoomSnap: 0.25 });
    map.setView(cfg.center, cfg.zoom);
    // Zoom with the wheel only after the map was clicked, so that the page scrolls.
    map.on("click", function () { map.scrollWheelZoom.enable(); });
    el.mapInstance = map;
    return map;
  }

  function areaStyle(feature) {
    var kind = feature && feature.properties ? feature.properties.kind : "";
    var colour = KIND_COLOURS[kind] || "#1f5f8b";
    return { color: colour, weight: 2, fillOpacity: kind === "vulnerable_area" ? 0.25 : 0.12 };
  }

  // Leaflet puts a string tooltip in as HTML; names are user data, so they go in as text.
  function textNode(value) {
    var span = document.createElement("span");
    span.textContent = String(value === null || value === undefined ? "" : value);
    return span;
  }

  function popupContent(props) {
    var box = document.createElement("div");
    var title = document.createElement(props.url ? "a" : "strong");
    title.textContent = props.name || "";
    if (props.url) title.href = props.url;
    box.appendChild(title);
    if (props.code) {
      var code = document.createElement("div");
      code.textContent = props.code;
      code.className = "muted";
      box.appendChild(code);
    }
    if (props.population !== null && props.population !== undefined) {
      var pop = document.createElement("div");
      pop.textContent = props.population + (props.population_year ? " (" + props.population_year + ")" : "");
      box.appendChild(pop);
    }
    if (props.description) {
      var desc = document.createElement("div");
      desc.textContent = props.description;
      box.appendChild(desc);
    }
    return box;
  }

  function fit(map, layer) {
    var bounds = layer.getBounds && layer.getBounds();
    if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], maxZoom: 16 });
  }

  // Areas on a map (list and detail pages).
  function initAreasMap(el) {
    var data = readJSON(el.getAttribute("data-areas-map"));
    var map = baseMap(el);
    if (!data) return;
    // Small areas on top, so that a vulnerable area inside a district can be clicked.
    data.features.sort(function (a, b) {
      return (b.properties.area_km2 || 0) - (a.properties.area_km2 || 0);
    });
    var layer = L.geoJSON(data, {
      style: areaStyle,
      onEachFeature: function (feature, lyr) {
        lyr.bindPopup(popupContent(feature.properties || {}));
        lyr.bindTooltip(textNode((feature.properties || {}).name), { sticky: true });
      }
    }).addTo(map);
    fit(map, layer);
  }

  // Places as points (with their radius) on the places page.
  function initPlacesMap(el) {
    var data = readJSON(el.getAttribute("data-places-map"));
    var map = baseMap(el);
    if (!data || !data.features.length) return;
    var group = L.featureGroup();
    data.features.forEach(function (f) {
      var latlng = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      var props = f.properties || {};
      if (props.radius_m) {
        L.circle(latlng, { radius: props.radius_m, color: "#8a5a00", weight: 1, fillOpacity: 0.1 }).addTo(group);
      }
      L.circleMarker(latlng, { radius: 7, color: "#8a5a00", weight: 2, fillOpacity: 0.8 })
        .bindPopup(popupContent(props))
        .bindTooltip(textNode(props.name))
        .addTo(group);
    });
    group.addTo(map);
    fit(map, group);
  }

  // A place's position: click the map, or type the coordinates.
  function initPlacePicker(el) {
    var map = baseMap(el);
    var latInput = document.getElementById(el.getAttribute("data-lat"));
    var lonInput = document.getElementById(el.getAttribute("data-lon"));
    var radiusInput = document.getElementById(el.getAttribute("data-radius"));
    var marker = null;
    var circle = null;

    function number(input) {
      if (!input || input.value === "") return NaN;
      return parseFloat(String(input.value).replace(",", "."));
    }

    function show(pan) {
      var lat = number(latInput);
      var lon = number(lonInput);
      if (isNaN(lat) || isNaN(lon)) return;
      var latlng = L.latLng(lat, lon);
      if (!marker) {
        marker = L.circleMarker(latlng, { radius: 8, color: "#a3261b", weight: 3, fillOpacity: 0.9 }).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
      var radius = number(radiusInput);
      if (circle) { map.removeLayer(circle); circle = null; }
      if (!isNaN(radius) && radius > 0) {
        circle = L.circle(latlng, { radius: radius, color: "#a3261b", weight: 1, fillOpacity: 0.1 }).addTo(map);
      }
      if (pan) map.setView(latlng, Math.max(map.getZoom(), 15));
    }

    map.on("click", function (event) {
      latInput.value = event.latlng.lat.toFixed(6);
      lonInput.value = event.latlng.lng.toFixed(6);
      show(false);
    });
    [latInput, lonInput, radiusInput].forEach(function (input) {
      if (input) input.addEventListener("change", function () { show(true); });
    });
    show(true);
  }

  // Drawing an area's outline: click to add corners, drag a corner to move it.
  function initDrawMap(el) {
    var map = baseMap(el);
    var input = document.getElementById(el.getAttribute("data-input"));
    var status = document.getElementById(el.getAttribute("data-status"));
    var undoButton = document.getElementById(el.getAttribute("data-undo"));
    var clearButton = document.getElementById(el.getAttribute("data-clear"));
    var editButton = document.getElementById(el.getAttribute("data-edit"));
    var existing = readJSON(el.getAttribute("data-existing"));
    var corners = [];
    var markers = [];
    var shape = null;

    if (existing && existing.features.length) {
      var reference = L.geoJSON(existing, {
        style: { color: "#555", weight: 2, dashArray: "4 4", fillOpacity: 0.05 },
        interactive: false
      }).addTo(map);
      fit(map, reference);
    }

    function template(name, count) {
      var text = status.getAttribute("data-template-" + name) || "{count}";
      return text.replace("{count}", String(count));
    }

    function write() {
      if (corners.length >= 3) {
        var ring = corners.map(function (c) {
          return [Math.round(c.lng * 1e7) / 1e7, Math.round(c.lat * 1e7) / 1e7];
        });
        ring.push(ring[0]);
        input.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
        status.textContent = template("ready", corners.length);
      } else {
        input.value = "";
        status.textContent = template("count", corners.length);
      }
    }

    function redraw() {
      if (shape) map.removeLayer(shape);
      shape = null;
      if (corners.length >= 3) {
        shape = L.polygon(corners, { color: "#a3261b", weight: 2, fillOpacity: 0.2, interactive: false });
      } else if (corners.length === 2) {
        shape = L.polyline(corners, { color: "#a3261b", weight: 2, interactive: false });
      }
      if (shape) shape.addTo(map);
      write();
    }

    function addCorner(latlng) {
      var index = corners.length;
      corners.push(latlng);
      var marker = L.marker(latlng, {
        draggable: true,
        keyboard: false,
        icon: L.divIcon({ className: "areas-vertex", iconSize: [14, 14] })
      });
      marker.on("drag", function (event) {
        corners[markers.indexOf(event.target)] = event.target.getLatLng();
        redraw();
      });
      marker.addTo(map);
      markers[index] = marker;
    }

    function clearAll() {
      markers.forEach(function (m) { map.removeLayer(m); });
      markers = [];
      corners = [];
      redraw();
    }

    map.on("click", function (event) {
      addCorner(event.latlng);
      redraw();
    });
    undoButton.addEventListener("click", function () {
      if (!corners.length) return;
      map.removeLayer(markers.pop());
      corners.pop();
      redraw();
    });
    clearButton.addEventListener("click", clearAll);

    function loadRing(ring) {
      clearAll();
      ring.slice(0, ring.length - 1).forEach(function (c) { addCorner(L.latLng(c[1], c[0])); });
      redraw();
    }

    // After a refused submit the drawn polygon comes back in the input: show it again.
    if (input.value) {
      try {
        var drawn = JSON.parse(input.value);
        if (drawn.type === "Polygon") loadRing(drawn.coordinates[0]);
      } catch (e) { input.value = ""; }
    }
    if (editButton) {
      var geometry = existing && existing.features.length ? existing.features[0].geometry : null;
      var editable = geometry && geometry.type === "Polygon" && geometry.coordinates.length === 1 &&
        geometry.coordinates[0].length <= 400;
      if (!editable) {
        editButton.hidden = true;
      } else {
        editButton.addEventListener("click", function () { loadRing(geometry.coordinates[0]); });
      }
    }
  }

  function init() {
    document.querySelectorAll("[data-areas-map]").forEach(initAreasMap);
    document.querySelectorAll("[data-places-map]").forEach(initPlacesMap);
    document.querySelectorAll("[data-place-pick-map]").forEach(initPlacePicker);
    document.querySelectorAll("[data-draw-map]").forEach(initDrawMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
