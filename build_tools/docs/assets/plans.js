// Copy buttons of the citation boxes and paragraph citations: one click copies the text in data-copy.
// A GB/T 7714 reference gets the reader's access date in place of [引用日期].
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.plan-copy") : null;
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-copy").replace("[引用日期]", "[" + today() + "]");
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      window.setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  });
})();

// A retired paragraph anchor (an alias left by the identifier register) sends the reader to its successor.
(function () {
  "use strict";
  function follow() {
    if (!location.hash) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.classList.contains("plan-alias")) {
      // Only to another page of this site (the register admits nothing else; this guards the reader too).
      var next = new URL(target.getAttribute("data-redirect"), location.href);
      if (next.origin === location.origin && /^(https?|file):$/.test(next.protocol)) {
        location.replace(next.href);
      }
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();

// Filters of the implementation map and of the glossary. Without JavaScript the form stays hidden and every
// row shows; with it, rows not matching are hidden and the counts follow the filter.
(function () {
  "use strict";

  function wire(form, table, match, after) {
    form.hidden = false;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var shown = 0;
      var by = {};
      rows.forEach(function (row) {
        var ok = match(form, row);
        row.hidden = !ok;
        if (ok) {
          shown += 1;
          by[row.getAttribute("data-relation")] = (by[row.getAttribute("data-relation")] || 0) + 1;
        }
      });
      after(shown, rows.length, by);
    }
    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  function report(selector) {
    var live = document.querySelector(selector);
    return function (shown, total) {
      if (live) {
        live.textContent = live.getAttribute("data-template").replace("{shown}", shown).replace("{total}", total);
      }
    };
  }

  var mapForm = document.querySelector("[data-map-filters]");
  var map = document.querySelector("[data-map]");
  if (mapForm && map) {
    var counts = document.querySelectorAll("[data-map-count]");
    var shownLine = report("[data-map-shown]");
    wire(mapForm, map, function (f, row) {
      var minerals = " " + row.getAttribute("data-minerals") + " ";
      return (!f.relation.value || row.getAttribute("data-relation") === f.relation.value) &&
        (!f.child.value || row.getAttribute("data-child") === f.child.value) &&
        (!f.parent.value || row.getAttribute("data-parent") === f.parent.value) &&
        (!f.mineral.value || minerals.indexOf(" " + f.mineral.value + " ") !== -1) &&
        (!f.attention.checked || row.hasAttribute("data-attention"));
    }, function (shown, total, by) {
      Array.prototype.forEach.call(counts, function (cell) {
        cell.textContent = String(by[cell.getAttribute("data-map-count")] || 0);
      });
      shownLine(shown, total);
    });
  }

  var glossaryForm = document.querySelector("[data-glossary-filters]");
  var glossary = document.querySelector("[data-glossary]");
  if (glossaryForm && glossary) {
    wire(glossaryForm, glossary, function (f, row) {
      var needle = f.text.value.trim().toLowerCase();
      return (!f.kind.value || row.getAttribute("data-kind") === f.kind.value) &&
        (!needle || row.getAttribute("data-words").indexOf(needle) !== -1);
    }, report("[data-glossary-shown]"));
  }
})();

// The language switch leads to the same paragraph: the address of the other language's page gets this page's
// anchor (the link works without it, to the top of the page).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (link && location.hash && link.getAttribute("href").indexOf("#") === -1) {
      link.setAttribute("href", link.getAttribute("href") + location.hash);
    }
  });
})();
