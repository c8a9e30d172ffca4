// Maps of the incidents app: pick the place on the report form, show one incident.
// Configuration comes from a json_script element (numbers never localised); no inline
// scripts (the content security policy forbids them).
(function () {
  "use strict";
  if (typeof L === "undefined" || typeof SamtryggMap === "undefined") return;

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  var cfg = readJSON("incidents-map-config") || { center: [59.6099, 16.5448], zoom: 12, tiles: [] };

  function baseMap(el, options) {
    var map = SamtryggMap.create(el, cfg, options);
    map.setView(cfg.center, cfg.zoom);
    el.mapInstance = map;
    return map;
  }

  function round6(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  // --- the report form -------------------------------------------------------------------
  var reportEl = document.querySelector("[data-report-map]");
  if (reportEl) {
    var form = reportEl.closest("form");
    var lonInput = form.querySelector("input[name=lon]");
    var latInput = form.querySelector("input[name=lat]");
    var pointText = document.getElementById("report-point-text");
    var clearButton = document.getElementById("report-clear");
    var locateButton = document.getElementById("report-locate");
    var placeSelect = form.querySelector("select[name=place]");
    var map = baseMap(reportEl, { tap: true });
    var marker = null;

    var setPoint = function (lat, lon, pan) {
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
          setPoint(ll.lat, ll.lng, false);
        });
      }
      if (pan) map.panTo([lat, lon]);
      pointText.textContent = pointText.getAttribute("data-chosen") + " " + lat.toFixed(5) + ", " + lon.toFixed(5);
      clearButton.hidden = false;
      reportEl.setAttribute("data-point", lat + "," + lon);
    };

    var clearPoint = function () {
      if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
      latInput.value = "";
      lonInput.value = "";
      pointText.textContent = pointText.getAttribute("data-empty");
      clearButton.hidden = true;
      reportEl.removeAttribute("data-point");
    };

    map.on("click", function (event) {
      setPoint(event.latlng.lat, event.latlng.lng, false);
    });
    clearButton.addEventListener("click", clearPoint);
    if (locateButton) {
      if (!navigator.geolocation) {
        locateButton.hidden = true;
      } else {
        locateButton.addEventListener("click", function () {
          navigator.geolocation.getCurrentPosition(function (position) {
            setPoint(position.coords.latitude, position.coords.longitude, true);
            map.setZoom(Math.max(map.getZoom(), 16));
          });
        });
      }
    }
    if (placeSelect) {
      var places = {};
      (cfg.places || []).forEach(function (p) { places[String(p.id)] = p; });
      placeSelect.addEventListener("change", function () {
        var place = places[placeSelect.value];
        if (place) map.setView([place.lat, place.lon], Math.max(map.getZoom(), 16));
      });
    }
    if (cfg.point) setPoint(cfg.point[0], cfg.point[1], true);
  }

  // --- one incident --------------------------------------------------------------------------
  var incidentEl = document.querySelector("[data-incident-map]");
  if (incidentEl && cfg.point) {
    var incidentMap = baseMap(incidentEl, { scrollWheelZoom: false });
    var ll = [cfg.point.lat, cfg.point.lon];
    L.circleMarker(ll, { radius: 9, color: "#000", weight: 1, fillColor: cfg.point.colour, fillOpacity: 0.9 }).addTo(incidentMap);
    incidentMap.setView(ll, 16);
  }
})();
