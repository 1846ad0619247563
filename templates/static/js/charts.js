// Draws every chart on the page from its <script type="application/json"> block with the
// local plotly.js. Progressive enhancement: without it the summary and data table stand in.
(function () {
  "use strict";
  if (!window.Plotly) return;

  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var plots = [];

  // Text and grid colours follow the page's own (light or dark) colours.
  function themed(layout, plot) {
    var style = window.getComputedStyle(plot);
    var ink = style.color;
    var grid = style.getPropertyValue("--line").trim() || "#d4d4d4";
    var update = { "font.color": ink, "legend.font.color": ink };
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = grid;
        update[key + ".linecolor"] = grid;
        update[key + ".tickfont.color"] = ink;
      }
    });
    (layout.annotations || []).forEach(function (_note, index) { update["annotations[" + index + "].font.color"] = ink; });
    return update;
  }

  // A point whose customdata is a link opens that page (network, actor or election).
  function follow(event) {
    var point = event && event.points && event.points[0];
    var link = point && point.customdata;
    if (typeof link === "string" && link && !/^[a-z][a-z0-9+.-]*:/i.test(link)) window.location.href = link;
  }

  function draw(block) {
    var plot = document.getElementById(block.getAttribute("data-plot"));
    if (!plot) return;
    var figure = JSON.parse(block.textContent);
    plot.hidden = false;
    Plotly.newPlot(plot, figure.data, figure.layout, figure.config).then(function () {
      Plotly.relayout(plot, themed(figure.layout, plot));
      plot.on("plotly_click", follow);
      var table = plot.closest("figure").querySelector("details.chart-table");
      if (table) table.open = false;
      plots.push({ plot: plot, layout: figure.layout });
    });
  }

  document.querySelectorAll("script.chart-data").forEach(draw);

  dark.addEventListener("change", function () {
    plots.forEach(function (item) { Plotly.relayout(item.plot, themed(item.layout, item.plot)); });
  });

  // Printed pages carry the data tables, whatever the reader folded on screen.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details.chart-table"), function (d) { return !d.open; });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
  });
})();
