// The site's search: every page of this language's build, matched in the browser.
// Chinese terms match as substrings (no recall lost to word segmentation); other terms match whole words.
// Every term must match. Keywords carry the other language's names of the minerals and zones a page concerns.
// The work of one query is bounded whatever is typed: the query is cut to MAX_QUERY characters, its terms
// are deduplicated and at most MAX_TERMS are used, at most MAX_RESULTS results are drawn, and highlighting
// marks ranges of the plain excerpt (never re-reading HTML it has marked).
(function () {
  "use strict";
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var MAX_QUERY = 200;
  var MAX_TERMS = 10;
  var MAX_RESULTS = 200;
  var root = document.querySelector("[data-plans-search]");
  if (!root) {
    return;
  }
  var input = root.querySelector("[data-plans-query]");
  var results = root.querySelector("[data-plans-results]");
  var meta = results.querySelector(".md-search-result__meta");
  var list = results.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var docs = null;
  var loading = null;

  function flat(text) {
    return text.replace(/\s+/g, "").toLowerCase();
  }

  function load() {
    if (!loading) {
      loading = fetch(new URL("search/plans-index.json", base)).then(function (r) { return r.json(); })
        .then(function (index) {
          docs = index.docs.map(function (d, i) {
            return { u: d.u, t: d.t, x: d.x, order: i, tl: d.t.toLowerCase(), xl: d.x.toLowerCase(),
                     kl: d.k.toLowerCase(), tf: flat(d.t), xf: flat(d.x), kf: flat(d.k) };
          });
        });
    }
    return loading;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function matcher(term) {
    if (CJK.test(term)) {
      var needle = flat(term);
      return { cjk: true, needle: needle, test: function (hay) { return hay.indexOf(needle) !== -1; } };
    }
    var word = new RegExp("(^|[^a-z0-9])" + escapeRegExp(term.toLowerCase()) + "(?=$|[^a-z0-9])");
    return { cjk: false, needle: term.toLowerCase(), test: function (hay) { return word.test(hay); } };
  }

  function count(hay, needle) {
    var n = 0;
    var at = hay.indexOf(needle);
    while (at !== -1 && n < 20) {
      n += 1;
      at = hay.indexOf(needle, at + needle.length);
    }
    return n;
  }

  function queryTerms(query) {
    var seen = {};
    return query.slice(0, MAX_QUERY).trim().split(/[\s,，、;；]+/).filter(function (t) {
      var key = t.toLowerCase();
      if (!t || seen[key]) {
        return false;
      }
      seen[key] = true;
      return true;
    }).slice(0, MAX_TERMS);
  }

  function search(query) {
    var terms = queryTerms(query).map(matcher);
    if (!terms.length) {
      return [];
    }
    var found = [];
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var m = terms[i];
        var inTitle = m.test(m.cjk ? d.tf : d.tl);
        var inText = m.test(m.cjk ? d.xf : d.xl);
        var inKeys = m.test(m.cjk ? d.kf : d.kl);
        if (!inTitle && !inText && !inKeys) {
          return;
        }
        score += (inTitle ? 20 : 0) + (inKeys ? 5 : 0) + count(m.cjk ? d.xf : d.xl, m.needle);
      }
      if (/^(minerals|zones)\//.test(d.u)) {
        score += 8;
      }
      found.push({ doc: d, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
    return found;
  }

  // The excerpt as DOM nodes: text around the first match, each occurrence of a term in a <mark>. Ranges are
  // found in the plain text and merged, so marks never nest and the output stays as long as the excerpt.
  function excerpt(d, terms) {
    var lower = d.x.toLowerCase();
    var at = -1;
    for (var i = 0; i < terms.length && at === -1; i++) {
      at = lower.indexOf(terms[i].toLowerCase());
    }
    var start = Math.max(0, at - 40);
    var text = d.x.slice(start, start + 160);
    var hay = text.toLowerCase();
    var ranges = [];
    terms.forEach(function (t) {
      var needle = t.toLowerCase();
      for (var from = hay.indexOf(needle); from !== -1 && ranges.length < 100; from = hay.indexOf(needle, from + needle.length)) {
        ranges.push([from, from + needle.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var p = document.createElement("p");
    var pos = 0;
    p.appendChild(document.createTextNode(start > 0 ? "…" : ""));
    ranges.forEach(function (r) {
      if (r[1] <= pos) {
        return;
      }
      var from = Math.max(r[0], pos);
      p.appendChild(document.createTextNode(text.slice(pos, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, r[1]);
      p.appendChild(mark);
      pos = r[1];
    });
    p.appendChild(document.createTextNode(text.slice(pos) + (start + 160 < d.x.length ? "…" : "")));
    return p;
  }

  function render(query) {
    var found = search(query);
    var terms = queryTerms(query);
    var n = found.length;
    meta.textContent = n === 0 ? results.getAttribute("data-none")
      : n === 1 ? results.getAttribute("data-one") : results.getAttribute("data-other").replace("#", n);
    list.innerHTML = "";
    found.slice(0, MAX_RESULTS).forEach(function (f) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = new URL(f.doc.u, base).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      article.setAttribute("data-md-score", String(f.score));
      var h1 = document.createElement("h1");
      h1.textContent = f.doc.t;
      article.appendChild(h1);
      article.appendChild(excerpt(f.doc, terms));
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  var last = null;

  function run() {
    var query = input.value;
    if (query === last) {
      return;  // input and keyup both fire for one keystroke
    }
    last = query;
    if (!query.trim()) {
      meta.textContent = results.getAttribute("data-placeholder");
      list.innerHTML = "";
      return;
    }
    load().then(function () { render(query); });
  }

  input.addEventListener("keyup", run);
  input.addEventListener("input", run);
  input.addEventListener("focus", load);
  root.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) {
      location.href = first.href;
    }
  });
  root.querySelector("button[type=reset]").addEventListener("click", function () {
    input.value = "";
    last = null;
    run();
    toggle.checked = false;
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      input.focus();
    }
  });
  input.addEventListener("focus", function () { toggle.checked = true; });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if ((e.key === "/" || e.key === "s") && !toggle.checked &&
               !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      e.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
})();
