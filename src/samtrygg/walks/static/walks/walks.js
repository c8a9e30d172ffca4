// Maps of safety walks: draw the route, place a finding, show a walk with its findings.
// Configuration comes from json_script elements (numbers never localised); no inline
// scripts (the content security policy forbids them). Every map has a text alternative
// on the page (the findings' addresses, the route's point count).
(function () {
  "use strict";
  if (typeof L === "undefined" || typeof SamtryggMap === "undefined") return;

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  var cfg = readJSON("walks-map-config") || { center: [59.6099, 16.5448], zoom: 13, tiles: [] };
  var data = readJSON("walks-map-data") || { route: [], points: [] };

  function round6(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function baseMap(el) {
    var map = SamtryggMap.create(el, cfg, { tap: true });
    map.setView(cfg.center, cfg.zoom);
    el.mapInstance = map;
    return map;
  }

  function latlngs(route) {
    return (route || []).map(function (p) { return [p[1], p[0]]; });
  }

  function fit(map, layers) {
    var group = L.featureGroup(layers.filter(Boolean));
    if (group.getLayers().length) map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 17 });
  }

  function locate(button, onPosition) {
    if (!button) return;
    if (!navigator.geolocation) {
      button.hidden = true;
      return;
    }
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        onPosition(pos.coords.latitude, pos.coords.longitude);
      });
    });
  }

  // --- show a walk: its route and numbered findings ------------------------------------
  document.querySelectorAll("[data-walk-map]").forEach(function (el) {
    var map = baseMap(el);
    var line = data.route && data.route.length > 1 ? L.polyline(latlngs(data.route), { color: "#1f5f8b", weight: 5 }).addTo(map) : null;
    var markers = (data.points || []).map(function (p) {
      return L.marker([p.lat, p.lon], { keyboard: true, title: p.label }).bindPopup(p.label).addTo(map);
    });
    fit(map, [line].concat(markers));
  });

  // --- draw the route: each click adds a point ------------------------------------------
  document.querySelectorAll("[data-route-editor]").forEach(function (el) {
    var form = el.closest("form");
    var input = form.querySelector("[data-route-input]");
    var status = document.getElementById("route-status");
    var map = baseMap(el);
    var points = [];
    try { points = JSON.parse(input.value || "[]"); } catch (e) { points = []; }
    var line = L.polyline(latlngs(points), { color: "#1f5f8b", weight: 5 }).addTo(map);
    var update = function () {
      input.value = points.length ? JSON.stringify(points) : "";
      line.setLatLngs(latlngs(points));
      el.setAttribute("data-points", String(points.length));
      status.textContent = status.getAttribute("data-template").replace("%s", String(points.length));
    };
    var add = function (lat, lon) {
      points.push([round6(lon), round6(lat)]);
      update();
    };
    map.on("click", function (event) { add(event.latlng.lat, event.latlng.lng); });
    document.getElementById("route-undo").addEventListener("click", function () { points.pop(); update(); });
    document.getElementById("route-clear").addEventListener("click", function () { points = []; update(); });
    locate(document.getElementById("route-locate"), function (lat, lon) { add(lat, lon); map.panTo([lat, lon]); });
    update();
    if (points.length > 1) fit(map, [line]);
  });

  // --- place a finding: one point, draggable --------------------------------------------
  document.querySelectorAll("[data-point-editor]").forEach(function (el) {
    var form = el.closest("form");
    var lonInput = form.querySelector("[data-lon]");
    var latInput = form.querySelector("[data-lat]");
    var status = document.getElementById("point-status");
    var map = baseMap(el);
    var marker = null;
    var route = data.route && data.route.length > 1 ? L.polyline(latlngs(data.route), { color: "#1f5f8b", weight: 4, opacity: 0.6 }).addTo(map) : null;
    var set = function (lat, lon) {
      lat = round6(lat);
      lon = round6(lon);
      latInput.value = String(lat);
      lonInput.value = String(lon);
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.marker([lat, lon], { draggable: true, keyboard: true }).addTo(map);
        marker.on("dragend", function () {
          var ll = marker.getLatLng();
          set(ll.lat, ll.lng);
        });
      }
      el.setAttribute("data-point", lat + "," + lon);
      status.textContent = status.getAttribute("data-chosen") + " " + lat.toFixed(5) + ", " + lon.toFixed(5);
    };
    map.on("click", function (event) { set(event.latlng.lat, event.latlng.lng); });
    locate(document.getElementById("point-locate"), function (lat, lon) { set(lat, lon); map.panTo([lat, lon]); });
    document.getElementById("point-clear").addEventListener("click", function () {
      if (marker) { map.removeLayer(marker); marker = null; }
      lonInput.value = "";
      latInput.value = "";
      el.removeAttribute("data-point");
      status.textContent = status.getAttribute("data-empty");
    });
    if (lonInput.value && latInput.value) {
      set(parseFloat(latInput.value), parseFloat(lonInput.value));
      map.setView([parseFloat(latInput.value), parseFloat(lonInput.value)], 16);
    } else if (route) {
      fit(map, [route]);
    }
  });
})();
