// The /search/ page: a small UI on Pagefind's JS API. Without this file (or without a web
// server: browsers block module imports from file://) the page shows links to the lists.
// The URL is the form's own query string (?q=media+center&country=KG), kept up to date with
// history.replaceState, so a search can be shared and restores when opened.
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var TYPING_DELAY = 250;

  var form = document.querySelector("[data-search]");
  if (!form) return;
  var input = form.querySelector("#search-q");
  var sortSelect = form.querySelector("#search-sort");
  var status = form.querySelector("[data-status]");
  var list = form.querySelector("[data-list]");
  var more = form.querySelector("[data-more]");
  var panel = form.querySelector("[data-filter-panel]");
  var boxes = Array.prototype.slice.call(form.querySelectorAll(".search-facet input[type=checkbox]"));
  var messages = JSON.parse(form.getAttribute("data-results"));
  var plurals = new Intl.PluralRules(document.documentElement.lang || "en");

  var pagefind = null;
  var generation = 0;
  var timer = null;
  var shown = [];
  var pending = [];

  function resultCount(n) {
    var template = messages[plurals.select(n)] || messages.other || messages.one;
    return template.replace("%(num)d", n.toLocaleString(document.documentElement.lang || "en"));
  }

  // --- state: form <-> URL ----------------------------------------------------------

  function restoreFromUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    sortSelect.value = params.get("sort") || "";
    if (sortSelect.selectedIndex < 0) sortSelect.value = "";
    boxes.forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
      if (box.checked) box.closest("details").open = panel.open = true;
    });
  }

  function saveToUrl() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
    if (sortSelect.value) params.set("sort", sortSelect.value);
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function chosenFilters() {
    var filters = {};
    boxes.forEach(function (box) {
      if (!box.checked) return;
      filters[box.name] = filters[box.name] || { any: [] };
      filters[box.name].any.push(box.value);
    });
    return filters;
  }

  // --- rendering ------------------------------------------------------------------------

  // Pagefind's excerpt is HTML with <mark> around matches: keep only its text and the marks.
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createDocumentFragment();
    (function copy(source, target) {
      Array.prototype.forEach.call(source.childNodes, function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          target.appendChild(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.nodeName === "MARK") {
            var mark = document.createElement("mark");
            copy(node, mark);
            target.appendChild(mark);
          } else {
            copy(node, target);
          }
        }
      });
    })(parsed.body, out);
    return out;
  }

  function collectionLabel(data) {
    var value = data.filters && data.filters.collection && data.filters.collection[0];
    var box = value && boxes.filter(function (b) { return b.name === "collection" && b.value === value; })[0];
    return box ? box.getAttribute("data-kind") : "";
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "search-result";
    var kind = [collectionLabel(data), data.meta.date || ""].filter(Boolean).join(" · ");
    if (kind) {
      var label = document.createElement("p");
      label.className = "search-result-kind";
      label.textContent = kind;
      item.appendChild(label);
    }
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    item.appendChild(excerpt);
    return item;
  }

  function showCounts(counts) {
    boxes.forEach(function (box) {
      var count = counts && counts[box.name] ? counts[box.name][box.value] || 0 : null;
      var cell = box.parentNode.querySelector("[data-count]");
      if (count === null) {
        cell.textContent = cell.getAttribute("data-total") || cell.textContent;
        box.closest("li").hidden = false;
      } else {
        cell.textContent = count.toLocaleString(document.documentElement.lang || "en");
        box.closest("li").hidden = count === 0 && !box.checked;
      }
    });
  }

  function showNextPage(mine) {
    var page = pending.splice(0, PAGE_SIZE);
    more.hidden = true;
    return Promise.all(page.map(function (result) { return result.data(); })).then(function (datas) {
      if (mine !== generation) return;
      datas.forEach(function (data) { list.appendChild(resultItem(data)); });
      shown = shown.concat(datas);
      more.hidden = pending.length === 0;
    });
  }

  // --- searching ----------------------------------------------------------------------

  function run() {
    saveToUrl();
    var mine = ++generation;
    var query = input.value.trim();
    var filters = chosenFilters();
    if (!query && Object.keys(filters).length === 0) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = form.getAttribute("data-prompt");
      list.setAttribute("aria-busy", "false");
      showCounts(null);
      return Promise.resolve();
    }
    status.textContent = form.getAttribute("data-searching");
    list.setAttribute("aria-busy", "true");
    var options = { filters: filters };
    if (sortSelect.value) {
      options.sort = {};
      options.sort[sortSelect.value] = "desc";
    }
    return pagefind.search(query || null, options).then(function (search) {
      if (mine !== generation || !search) return;
      list.textContent = "";
      shown = [];
      pending = search.results.slice();
      showCounts(search.filters);
      return showNextPage(mine).then(function () {
        if (mine !== generation) return;
        status.textContent = search.results.length ? resultCount(search.results.length) : form.getAttribute("data-empty");
        list.setAttribute("aria-busy", "false");
      });
    });
  }

  function runSoon() {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_DELAY);
  }

  function start(module) {
    pagefind = module;
    var root = new URL(form.getAttribute("data-site-root"), window.location.href).pathname;
    return pagefind.options({ baseUrl: root, excerptLength: 24 }).then(function () {
      return pagefind.init();
    }).then(function () {
      return pagefind.filters();  // loads the filter index, so every search counts its results per value
    }).then(function () {
      boxes.forEach(function (box) {
        var cell = box.parentNode.querySelector("[data-count]");
        cell.setAttribute("data-total", cell.textContent);
      });
      document.querySelector("[data-search-fallback]").hidden = true;
      form.hidden = false;
      panel.open = window.matchMedia("(min-width: 48rem)").matches;  // on phones, results come first
      restoreFromUrl();
      input.addEventListener("input", runSoon);
      sortSelect.addEventListener("change", run);
      boxes.forEach(function (box) { box.addEventListener("change", run); });
      more.addEventListener("click", function () { showNextPage(generation); });
      form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
      form.addEventListener("reset", function () { setTimeout(run, 0); });
      return run();
    });
  }

  var bundle = new URL(form.getAttribute("data-bundle"), window.location.href).href;
  import(bundle).then(start, function () {
    // No index, or a file:// copy: the fallback paragraph and its links stay visible.
    form.hidden = true;
  });
})();
