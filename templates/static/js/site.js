// Progressive enhancement only: every page works without this file.
// Sortable, filterable index tables, and copy buttons on citations.
(function () {
  "use strict";

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) return "";
    var raw = cell.getAttribute("data-value");
    if (type === "number") return parseFloat(raw !== null ? raw : cell.textContent) || 0;
    return (raw !== null ? raw : cell.textContent).trim().toLocaleLowerCase();
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = th.querySelector("button[data-sort]");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var type = button.getAttribute("data-sort");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, type), y = cellValue(b, index, type);
          var order = type === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(input) {
    var table = document.getElementById(input.getAttribute("data-filter-for"));
    if (!table) return;
    var counter = document.querySelector('[data-count-for="' + table.id + '"]');
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLocaleLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (counter) {
        counter.textContent = counter.getAttribute("data-template").replace("{shown}", shown).replace("{total}", rows.length);
      }
    }
    input.addEventListener("input", apply);
    var params = new URLSearchParams(window.location.search);
    if (params.get("filter")) input.value = params.get("filter");
    apply();
  }

  function addCopyButtons() {
    var label = document.documentElement.lang === "ru" ? "Копировать" : document.documentElement.lang === "ky" ? "Көчүрүү" : "Copy";
    var done = document.documentElement.lang === "ru" ? "Скопировано" : document.documentElement.lang === "ky" ? "Көчүрүлдү" : "Copied";
    if (!navigator.clipboard) return;
    document.querySelectorAll(".cite-format").forEach(function (details) {
      var pre = details.querySelector("pre");
      var box = details.closest(".cite");
      var actions = details.querySelector(".cite-actions");
      if (!pre || !actions) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = (box && box.getAttribute("data-copy-label")) || label;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(pre.textContent).then(function () {
          button.textContent = (box && box.getAttribute("data-copied-label")) || done;
        });
      });
      actions.insertBefore(button, actions.firstChild);
    });
  }

  document.querySelectorAll("[data-table-tools]").forEach(function (tools) { tools.hidden = false; });
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("input[data-filter-for]").forEach(makeFilterable);
  addCopyButtons();
})();
