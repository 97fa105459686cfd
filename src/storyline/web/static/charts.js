// Draws the story page's charts with plotly.js (served from the installed plotly package).
// Chart specs come from <script type="application/json"> blocks the server escaped; labels
// in them are HTML-escaped on the server, so Plotly shows them as text.
"use strict";

function showTimelineEntry(index) {
  var entry = document.getElementById("entry-" + index);
  var panel = document.getElementById("timeline-selected");
  if (!entry) { return; }
  document.querySelectorAll(".timeline-entry.selected").forEach(function (el) {
    el.classList.remove("selected");
  });
  entry.classList.add("selected");
  var details = entry.querySelector("details");
  if (details) { details.open = true; }
  if (panel) {
    panel.replaceChildren(entry.querySelector("details").cloneNode(true));
    panel.firstChild.open = true;
    panel.dataset.entry = String(index);
  }
}

function drawChart(element) {
  var source = document.getElementById(element.dataset.chart);
  if (!source || typeof Plotly === "undefined") { return; }
  var spec = JSON.parse(source.textContent);
  var config = { displaylogo: false, responsive: true, scrollZoom: false };
  Plotly.newPlot(element, spec.data, spec.layout, config).then(function () {
    element.dataset.rendered = "true";
  });
  if (element.dataset.click === "timeline") {
    element.on("plotly_click", function (event) {
      if (event.points.length) { showTimelineEntry(event.points[0].customdata); }
    });
  } else if (element.dataset.click === "article") {
    element.on("plotly_click", function (event) {
      var id = event.points.length ? event.points[0].customdata : null;
      if (typeof id === "string" && /^[0-9a-f]+$/.test(id)) { location.href = "/articles/" + id; }
    });
  }
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-chart]").forEach(drawChart);
});
