// The site's search, over the sharded positional index of search/ (build_tools/search_index.py).
//
// Matching: every term of the query must match. Chinese matches as a substring (the positions of its bigrams
// chain, so no recall is lost to word segmentation); English by stem ("scales" finds "scale"); codes and
// numbers as written. A term in the other language's script is also looked up in the glossary and the
// registries and matched by its renderings (绿色矿山 on the English site finds "green mine"). A query that
// finds nothing is retried with the nearest name of the registries or the glossary ("did you mean").
//
// Ranking: BM25 over weighted fields (title, names, keys, breadcrumb, body) with term rarity and length
// normalisation; terms close together and the exact phrase rank higher; pages that only quote provisions
// (indexes, the map, the report) rank below the provisions, and a mineral's or zone's page ranks first when
// the query names it exactly.
//
// Work is bounded whatever is typed: the query is cut to MAX_QUERY characters, its terms deduplicated and at
// most MAX_TERMS used; one search per change of the query, debounced; only the shards a query's tokens hash to
// are fetched, and page texts only for the results shown.
(function () {
  "use strict";
  var root = document.querySelector("[data-plans-search]");
  if (!root) {
    return;
  }
  var MAX_QUERY = 200;
  var MAX_TERMS = 10;
  var SHOWN = 10;
  var WEIGHTS = [4, 6, 2, 0.5, 1, 0.15];  // t, n, k, h, b, q (meta.fields)
  var BODY = 4;
  var NAMES = 1;
  var K1 = 1.2;
  var B = 0.75;
  var PRIOR = { page: 0.4, mineral: 0.5, zone: 0.5, glossary: 0.4 };
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var TOKEN = /[a-z0-9]+(?:[.'][a-z0-9]+)*|[\u3400-\u9fff\uf900-\ufaff]/g;

  var input = root.querySelector("[data-plans-query]");
  var results = root.querySelector("[data-plans-results]");
  var meta = results.querySelector(".md-search-result__meta");
  var list = results.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var words = JSON.parse(results.getAttribute("data-words"));
  var cache = {};
  var searches = 0;

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL("search/" + path, base)).then(function (r) { return r.ok ? r.json() : null; });
    }
    return cache[path];
  }

  // ---------------------------------------------------------------------------------------------- tokens

  var CRC = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(text) {
    var bytes = new TextEncoder().encode(text);
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) {
      c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
  }

  function stem(word) {  // as build_tools/search_index.py stem()
    if (word.length <= 3 || !/^[a-z]+('s)?$/.test(word)) {
      return word;
    }
    if (/'s$/.test(word)) {
      word = word.slice(0, -2);
    }
    if (/ies$/.test(word) && word.length > 4) {
      return word.slice(0, -3) + "y";
    }
    if (/(sses|shes|ches|xes|zes)$/.test(word)) {
      return word.slice(0, -2);
    }
    if (/s$/.test(word) && !/(ss|us|is)$/.test(word)) {
      return word.slice(0, -1);
    }
    return word;
  }

  function items(text) {
    return text.toLowerCase().match(TOKEN) || [];
  }

  // A term as units to chain: [token, offset, positional]. A Chinese character followed by another is matched
  // by their bigram; a lone one by its count.
  function units(term, lang) {
    var parts = items(term);
    var out = [];
    var chinese = parts.filter(function (p) { return p.length === 1 && CJK.test(p); }).length;
    for (var i = 0; i < parts.length; i++) {
      var cjk = parts[i].length === 1 && CJK.test(parts[i]);
      var next = parts[i + 1];
      if (cjk && next && next.length === 1 && CJK.test(next)) {
        out.push([parts[i] + next, i, true]);
      } else if (cjk) {
        if (!(i > 0 && parts[i - 1].length === 1 && CJK.test(parts[i - 1]))) {
          out.push([parts[i], i, false]);
        }
      } else {
        out.push([lang === "en" ? stem(parts[i]) : parts[i], i, true]);
      }
    }
    return { units: out, length: parts.length, cjk: chinese };
  }

  function terms(query) {
    var seen = {};
    return query.slice(0, MAX_QUERY).trim().split(/[\s,，、;；]+/).filter(function (t) {
      var key = t.toLowerCase();
      if (!t || seen[key] || !items(t).length) {
        return false;
      }
      seen[key] = true;
      return true;
    }).slice(0, MAX_TERMS);
  }

  // ---------------------------------------------------------------------------------------------- matching

  function postings(info, token) {
    var shard = String(crc32(token) % info.shards);
    while (shard.length < 3) {
      shard = "0" + shard;  // as search_index.py names them: p007, p123, p1824 (never cut to three digits)
    }
    return get("p" + shard + ".json").then(function (postings) {
      return (postings && postings[token]) || [];
    });
  }

  function positions(entry) {
    var out = [];
    var at = 0;
    for (var i = 4; i < entry.length; i++) {
      at += entry[i];
      out.push(at);
    }
    return out;
  }

  // Where a term matches: {page: {tf: [per field], sections: {section: [positions]}, body, nameLength}}.
  function match(info, term, lang) {
    var shape = units(term, lang);
    if (!shape.units.length) {
      return Promise.resolve({});
    }
    return Promise.all(shape.units.map(function (u) { return postings(info, u[0]); })).then(function (lists) {
      var first = shape.units[0];
      var groups = {};
      lists.forEach(function (list, index) {
        list.forEach(function (e) {
          var key = e[0] + ":" + e[1] + ":" + e[2];
          var group = groups[key] || (groups[key] = { page: e[0], section: e[1], field: e[2], size: e[3], units: [] });
          group.units[index] = e;
        });
      });
      var found = {};
      var last = shape.units.length - 1;
      Object.keys(groups).forEach(function (key) {
        var g = groups[key];
        var complete = shape.units.every(function (u, i) { return g.units[i]; });
        var starts = [];
        var count = 0;
        var weight = 1;
        var chained = shape.units.filter(function (u) { return u[2]; });
        if (complete && !chained.length) {
          starts = [0];
          count = g.units[0][4];
        } else if (complete) {
          var sets = shape.units.map(function (u, i) { return u[2] ? new Set(positions(g.units[i])) : null; });
          var lead = shape.units.indexOf(chained[0]);
          positions(g.units[lead]).forEach(function (p) {
            var start = p - shape.units[lead][1];
            for (var j = 0; j < shape.units.length; j++) {
              if (sets[j] && !sets[j].has(start + shape.units[j][1])) {
                return;
              }
            }
            starts.push(start);
          });
          count = starts.length;
        }
        if (!count && shape.cjk === 4 && shape.length === 4 && g.units[0] && g.units[last]) {
          // A Chinese term of four characters (two words of two) also matches with up to three characters
          // between its two words (最低规模 in 最低开采规模), at half the weight of the exact substring.
          var ends = positions(g.units[last]);
          positions(g.units[0]).forEach(function (p) {
            if (ends.some(function (q) { return q > p + 2 && q - p <= 5; })) {
              starts.push(p);
            }
          });
          count = starts.length;
          weight = 0.5;
        }
        if (!count) {
          return;
        }
        var page = found[g.page] || (found[g.page] = { tf: [0, 0, 0, 0, 0, 0], sections: {}, body: 0, names: {} });
        page.tf[g.field] += count * weight;
        if (g.field === BODY) {
          page.body = g.size;
          page.sections[g.section] = (page.sections[g.section] || []).concat(starts);
        }
        if (g.field === NAMES && weight === 1) {
          page.names[g.section] = g.size;  // which of the page's names the term stands in, and their lengths
        }
      });
      return found;
    });
  }

  // The other script's renderings of a term, from the glossary and the registries.
  function renderings(term, lang) {
    var other = lang === null || CJK.test(term) !== (lang === "zh");
    if (!other) {
      return Promise.resolve([]);
    }
    return get("suggest.json").then(function (dictionary) {
      var key = term.toLowerCase();
      var out = [];
      (dictionary || []).forEach(function (entry) {
        var from = CJK.test(term) ? entry[0] : entry[1];
        var to = CJK.test(term) ? entry[1] : entry[0];
        if (from.some(function (f) { return f.toLowerCase() === key; })) {
          out = out.concat(to);
        }
      });
      return out.slice(0, 12);
    });
  }

  function merge(a, b) {
    Object.keys(b).forEach(function (page) {
      if (!a[page]) {
        a[page] = b[page];
        return;
      }
      for (var f = 0; f < WEIGHTS.length; f++) {
        a[page].tf[f] += b[page].tf[f];
      }
      a[page].body = a[page].body || b[page].body;
      Object.keys(b[page].names).forEach(function (s) { a[page].names[s] = b[page].names[s]; });
      Object.keys(b[page].sections).forEach(function (s) {
        a[page].sections[s] = (a[page].sections[s] || []).concat(b[page].sections[s]);
      });
    });
    return a;
  }

  function matchTerm(info, term, lang) {
    return Promise.all([match(info, term, lang), renderings(term, lang)]).then(function (pair) {
      return Promise.all(pair[1].map(function (r) { return match(info, r, lang); })).then(function (more) {
        return more.reduce(merge, pair[0]);
      });
    });
  }

  // ---------------------------------------------------------------------------------------------- ranking

  // Does the query, all its terms together, name the page exactly (one of its names, whole)?
  function names(matched, page, length) {
    var first = matched[0][page].names;
    return Object.keys(first).some(function (s) {
      return first[s] === length && matched.every(function (m) { return s in m[page].names; });
    });
  }

  function rank(info, matched, length) {
    var pages = Object.keys(matched[0]).filter(function (p) {
      return matched.every(function (m) { return m[p]; });
    });
    var n = info.pages;
    var avg = info.average.b || 1;
    var scored = pages.map(function (page) {
      var score = 0;
      matched.forEach(function (m) {
        var df = Object.keys(m).length;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        var hit = m[page];
        var tf = 0;
        for (var f = 0; f < WEIGHTS.length; f++) {
          tf += WEIGHTS[f] * hit.tf[f];
        }
        var dl = hit.body || avg;
        score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avg));
      });
      score *= 1 + proximity(matched, page);
      return { page: Number(page), score: score, exact: names(matched, page, length), best: best(matched, page) };
    });
    return scored;
  }

  // Terms near each other in one section (the exact phrase best): a bonus up to 1.
  function proximity(matched, page) {
    if (matched.length < 2) {
      return 0;
    }
    var bonus = 0;
    var sections = Object.keys(matched[0][page].sections);
    sections.forEach(function (s) {
      var lists = matched.map(function (m) { return m[page].sections[s] || []; });
      if (lists.some(function (l) { return !l.length; })) {
        return;
      }
      var span = Infinity;
      lists[0].forEach(function (p) {
        var hi = p;
        var lo = p;
        for (var i = 1; i < lists.length; i++) {
          var nearest = lists[i].reduce(function (x, q) { return Math.abs(q - p) < Math.abs(x - p) ? q : x; });
          hi = Math.max(hi, nearest);
          lo = Math.min(lo, nearest);
        }
        span = Math.min(span, hi - lo);
      });
      bonus = Math.max(bonus, 1 / (1 + span / 4));
    });
    return bonus;
  }

  function best(matched, page) {
    var counts = {};
    matched.forEach(function (m) {
      Object.keys(m[page].sections).forEach(function (s) {
        counts[s] = (counts[s] || 0) + m[page].sections[s].length + 100;
      });
    });
    // Sections every term matches first; ties go to the earlier section (the text before the link lists).
    var top = null;
    Object.keys(counts).forEach(function (s) {
      if (top === null || counts[s] > counts[top] || (counts[s] === counts[top] && Number(s) < Number(top))) {
        top = s;
      }
    });
    return top === null ? null : Number(top);
  }

  function order(scored, kinds) {
    scored.forEach(function (r) {
      var kind = kinds[r.page];
      var boost = { mineral: 4, zone: 4, plan: 4, glossary: 0.5 }[kind];
      r.final = r.exact && boost ? r.score * boost : r.score * (PRIOR[kind] || 1);
    });
    return scored.sort(function (a, b) { return b.final - a.final || a.page - b.page; });
  }

  // ---------------------------------------------------------------------------------------------- did you mean

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    var prev = [];
    for (var j = 0; j <= b.length; j++) {
      prev.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      for (j = 1; j <= b.length; j++) {
        row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      }
      prev = row;
    }
    return prev[b.length];
  }

  // Characters printed in two forms, one of them a variant or a common slip (沙石 for 砂石).
  var VARIANTS = { "沙": "砂", "鉬": "钼", "矽": "硅", "銅": "铜", "鐵": "铁", "閏": "润", "闰": "润" };

  function suggestion(term) {
    return get("suggest.json").then(function (dictionary) {
      var key = term.toLowerCase().replace(/./g, function (c) { return VARIANTS[c] || c; });
      var all = [];
      (dictionary || []).forEach(function (entry) { all = all.concat(entry[0], entry[1]); });
      if (key !== term.toLowerCase() && all.some(function (f) { return f.toLowerCase() === key; })) {
        return key;
      }
      var cjk = CJK.test(term);
      var limit = cjk ? 1 : (key.length >= 7 ? 2 : 1);
      var found = null;
      var bestDistance = limit + 1;
      (dictionary || []).forEach(function (entry) {
        entry[0].concat(entry[1]).forEach(function (form) {
          var f = form.toLowerCase();
          if (CJK.test(f) !== cjk || f === key) {
            return;
          }
          var candidates = cjk ? [f] : f.split(/\s+/);
          candidates.forEach(function (c) {
            var d = distance(key, c, limit);
            if (d < bestDistance || (d === bestDistance && found !== null && c.length < found.length)) {
              bestDistance = d;
              found = c;
            }
          });
        });
      });
      return bestDistance <= limit ? found : null;
    });
  }

  // ---------------------------------------------------------------------------------------------- search

  // `corrected`: this is already the corrected query. One round of correction only: a suggestion that finds
  // nothing either is not corrected again (two suggestions could otherwise send each other round for ever).
  function search(query, filters, corrected) {
    var list = terms(query);
    if (!list.length) {
      return Promise.resolve({ results: [], terms: [] });
    }
    return Promise.all([get("meta.json"), renderings(query.trim(), null)]).then(function (loaded) {
      var info = loaded[0];
      var lang = info.lang;
      if (list.length > 1 && loaded[1].length) {
        list = [query.trim()];  // a name or term of the other language, typed in full: one phrase
      }
      return Promise.all(list.map(function (t) { return matchTerm(info, t, lang); })).then(function (matched) {
        var empty = matched.map(function (m) { return !Object.keys(m).length; });
        if (empty.indexOf(true) !== -1 && corrected) {
          return { results: [], terms: list, info: info };
        }
        if (empty.indexOf(true) !== -1) {
          return Promise.all(list.map(function (t, i) { return empty[i] ? suggestion(t) : Promise.resolve(t); }))
            .then(function (fixed) {
              if (fixed.indexOf(null) !== -1 || fixed.join(" ") === list.join(" ")) {
                return { results: [], terms: list, info: info };
              }
              return search(fixed.join(" "), filters, true).then(function (r) {
                r.corrected = fixed.join(" ");
                return r;
              });
            });
        }
        return kindsOf(info, matched).then(function (kinds) {
          var length = list.reduce(function (n, t) { return n + items(t).length; }, 0);
          var ranked = order(rank(info, matched, length), kinds.kinds).filter(function (r) {
            return (!filters.kind || kinds.kinds[r.page] === filters.kind) &&
              (!filters.plan || kinds.plans[r.page] === filters.plan);
          });
          return { results: ranked, terms: list, info: info };
        });
      });
    });
  }

  // Pages are numbered by kind and plan (search_index.py): meta.json gives each group's range.
  function kindsOf(info, matched) {
    var kinds = {};
    var plans = {};
    Object.keys(matched[0]).forEach(function (p) {
      var n = Number(p);
      var group = info.groups.find(function (g) { return g[2] <= n && n <= g[3]; });
      kinds[p] = group ? group[0] : "page";
      plans[p] = group ? group[1] : "";
    });
    return Promise.resolve({ kinds: kinds, plans: plans });
  }

  // ---------------------------------------------------------------------------------------------- display

  function forms(terms, lang) {
    return terms.map(function (t) {
      var low = t.toLowerCase();
      return CJK.test(low) || lang !== "en" ? low : stem(low);
    });
  }

  // Text in the other language than the page's is marked with its own (as han() of build_tools/pages/base.py marks
  // Chinese on English pages, and the glossary English on Chinese pages): drawn with its own glyphs, read by its
  // own voice. Chinese: a run of Han characters with the CJK punctuation around and between them. English on a
  // Chinese page: a run of Latin words with a word of three small letters in it (codes and units such as ZK4,
  // GB/T or km are not English words).
  var ENGLISH_PAGE = /^en\b/i.test(document.documentElement.lang);
  var OTHER_LANG = ENGLISH_PAGE ? "zh-Hans" : "en";
  var WORD = "[A-Za-z0-9\u00c0-\u024f'\u2019-]*";
  var OTHER = ENGLISH_PAGE
    ? /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*/g
    : new RegExp("[A-Za-z\u00c0-\u024f]" + WORD + "(?:[ ,.;:()/&\u2013\u2014-]+[A-Za-z0-9\u00c0-\u024f]" + WORD + ")*",
      "g");

  // [start, end) of each run of the other language in the text.
  function otherRuns(text) {
    var out = [];
    text.replace(OTHER, function (run, at) {
      if (ENGLISH_PAGE || /[a-z]{3}/.test(run)) {
        out.push([at, at + run.length]);
      }
      return run;
    });
    return out;
  }

  // text[from, to) appended to parent as text, what lies in the runs (found in the whole text, so that a
  // highlight's edge does not cut a word or a bracketed Chinese run out of its language) in spans of their
  // language.
  function append(parent, text, runs, from, to) {
    runs = runs || otherRuns(text);
    from = from || 0;
    to = to === undefined ? text.length : to;
    var pos = from;
    runs.forEach(function (r) {
      var a = Math.max(r[0], from);
      var b = Math.min(r[1], to);
      if (a >= b) {
        return;
      }
      parent.appendChild(document.createTextNode(text.slice(pos, a)));
      var span = document.createElement("span");
      span.lang = OTHER_LANG;
      span.textContent = text.slice(a, b);
      parent.appendChild(span);
      pos = b;
    });
    parent.appendChild(document.createTextNode(text.slice(pos, to)));
    return parent;
  }

  function snippet(text, needles) {
    var hay = text.toLowerCase();
    var at = -1;
    needles.forEach(function (n) {
      var i = hay.indexOf(n);
      if (i !== -1 && (at === -1 || i < at)) {
        at = i;
      }
    });
    var start = Math.max(0, at - 50);
    var shown = text.slice(start, start + 180);
    var low = shown.toLowerCase();
    var ranges = [];
    needles.forEach(function (n) {
      for (var i = low.indexOf(n); i !== -1 && ranges.length < 100; i = low.indexOf(n, i + n.length)) {
        ranges.push([i, i + n.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var runs = otherRuns(shown);
    var p = document.createElement("p");
    var pos = 0;
    p.appendChild(document.createTextNode(start > 0 ? "…" : ""));
    ranges.forEach(function (r) {
      if (r[1] <= pos) {
        return;
      }
      var from = Math.max(r[0], pos);
      append(p, shown, runs, pos, from);
      p.appendChild(append(document.createElement("mark"), shown, runs, from, r[1]));
      pos = r[1];
    });
    append(p, shown, runs, pos);
    p.appendChild(document.createTextNode(start + 180 < text.length ? "…" : ""));
    return p;
  }

  function target(doc, section, query) {
    var url = doc[0];
    var hash = "";
    if (url.indexOf("#") !== -1) {
      hash = url.slice(url.indexOf("#"));
      url = url.slice(0, url.indexOf("#"));
    } else if (section !== null && doc[5][section] && doc[5][section][0]) {
      hash = "#" + doc[5][section][0];
    }
    return new URL(url + "?h=" + encodeURIComponent(query) + hash, base).href;
  }

  function item(doc, result, query, needles) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = target(doc, result.best, query);
    a.setAttribute("data-md-score", String(Math.round(result.final * 1000) / 1000));
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    append(h, doc[1]);
    var where = document.createElement("p");
    where.className = "plan-search-where";
    append(where, [words.kinds[doc[4]] || doc[4]].concat(doc[2] ? [doc[2]] : [], doc[3]).join(" › "));
    article.appendChild(h);
    article.appendChild(where);
    var section = result.best !== null && doc[5][result.best] ? doc[5][result.best][1]
      : (doc[5][0] ? doc[5][0][1] : "");
    if (section) {
      article.appendChild(snippet(section, needles));
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  var current = { query: null, filters: { kind: "", plan: "" }, found: null, shown: 0 };

  function show(more) {
    var found = current.found;
    var start = more ? current.shown : 0;
    var slice = found.results.slice(start, start + SHOWN);
    current.shown = start + slice.length;
    var needles = forms(found.terms, found.info ? found.info.lang : "zh");
    return Promise.all(slice.map(function (r) { return get("d" + r.page + ".json"); })).then(function (docs) {
      if (found !== current.found) {
        return;
      }
      if (!more) {
        list.innerHTML = "";
      }
      var old = list.querySelector(".plan-search-more");
      if (old) {
        old.parentNode.removeChild(old);
      }
      docs.forEach(function (doc, i) {
        if (doc) {
          list.appendChild(item(doc, slice[i], found.terms.join(" "), needles));
        }
      });
      if (current.shown < found.results.length) {
        var li = document.createElement("li");
        li.className = "md-search-result__item plan-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-search-result__more";
        button.textContent = words.more;
        button.addEventListener("click", function () { show(true); });
        li.appendChild(button);
        list.appendChild(li);
      }
    });
  }

  function describe(found, query) {
    var n = found.results.length;
    meta.textContent = "";
    var count = document.createElement("span");
    count.textContent = n === 0 ? results.getAttribute("data-none")
      : n === 1 ? results.getAttribute("data-one") : results.getAttribute("data-other").replace("#", n);
    meta.appendChild(count);
    if (found.corrected) {
      var note = document.createElement("span");
      note.className = "plan-search-corrected";
      append(note, " " + words.corrected.replace("{q}", function () { return found.corrected; }) + " ");
      meta.appendChild(note);
      var original = document.createElement("button");
      original.type = "button";
      original.className = "plan-search-original";
      append(original, words.instead.replace("{q}", function () { return query; }));
      original.addEventListener("click", function () {
        input.value = found.corrected;
        run();
      });
      meta.appendChild(original);
    }
    meta.appendChild(filters(found.info));
  }

  function filters(info) {
    var box = document.createElement("span");
    box.className = "plan-search-filters";
    if (!info) {
      return box;
    }
    [["kind", info.kinds, words.kinds, words.kind], ["plan", info.plans, null, words.plan]].forEach(function (f) {
      if (f[1].length < 2) {
        return;
      }
      var label = document.createElement("label");
      label.textContent = f[3] + " ";
      var select = document.createElement("select");
      select.name = f[0];
      [""].concat(f[1]).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value ? (f[2] ? f[2][value] || value : value) : words.all;
        option.selected = current.filters[f[0]] === value;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        current.filters[f[0]] = select.value;
        current.query = null;
        run();
      });
      label.appendChild(select);
      box.appendChild(label);
    });
    return box;
  }

  var timer = null;

  function run() {
    var query = input.value;
    if (query === current.query) {
      return;  // input and keyup both fire for one keystroke: one search per change
    }
    current.query = query;
    remember(query);
    window.clearTimeout(timer);
    if (!query.trim()) {
      meta.textContent = results.getAttribute("data-placeholder");
      list.innerHTML = "";
      return;
    }
    timer = window.setTimeout(function () {
      searches += 1;
      results.setAttribute("data-searches", String(searches));
      var filtersNow = { kind: current.filters.kind, plan: current.filters.plan };
      search(query, filtersNow).then(function (found) {
        if (query !== input.value) {
          return;
        }
        current.found = found;
        describe(found, query);
        return show(false);
      }, function () {  // the index could not be fetched (offline, a server error): said, and tried again next time
        cache = {};
        if (query === input.value) {
          meta.textContent = words.failed;
          list.innerHTML = "";
          current.query = null;
        }
      });
    }, 80);
  }

  // The search's address: ?q=<query>, with &kind= and &plan= when the results are filtered. It follows the query
  // as it is typed and goes when the dialog closes, so that a search can be linked, bookmarked, and returned to
  // with Back from a result; such an address opens the page with the dialog open and the results shown (the end
  // of this script). Other parameters (?h=) stay as they were written. The address is replaced (no history entry
  // per keystroke), at most every 400 ms while typing: browsers limit how often a page may change it (Safari:
  // 100 times in 30 s, then an error); it is written at once when the dialog closes or a result is followed.
  var PARAMETERS = ["q", "kind", "plan"];
  var addressTimer = null;

  function remember(query, now) {
    window.clearTimeout(addressTimer);
    addressTimer = null;
    if (now) {
      address(query);
    } else {
      addressTimer = window.setTimeout(function () { address(query); }, 400);
    }
  }

  function address(query) {
    var params = new URLSearchParams(location.search);
    var wanted = { q: query && query.trim() ? query : null, kind: null, plan: null };
    if (wanted.q) {
      wanted.kind = current.filters.kind || null;
      wanted.plan = current.filters.plan || null;
    }
    if (PARAMETERS.every(function (name) { return params.get(name) === wanted[name]; })) {
      return;
    }
    PARAMETERS.forEach(function (name) {
      params.delete(name);
      if (wanted[name]) {
        params.set(name, wanted[name]);
      }
    });
    var rest = params.toString();
    try {
      history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    } catch (e) {
      // over the browser's limit: the address stays behind; the search goes on
    }
  }

  // A programmatic entry for tests and benchmarks: the ranked addresses of a query.
  window.plansSearch = function (query, filters, limit) {
    return search(query, filters || {}).then(function (found) {
      var top = found.results.slice(0, limit || SHOWN);
      return Promise.all(top.map(function (r) { return get("d" + r.page + ".json"); }))
        .then(function (docs) {
          return { corrected: found.corrected || null, total: found.results.length,
                   results: docs.map(function (doc, i) { return doc ? target(doc, found.results[i].best, "") : ""; }) };
        });
    });
  };

  // ---------------------------------------------------------------------------------------------- keyboard

  var opener = null;

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a, button"));
  }

  function open() {
    if (!toggle.checked) {
      opener = document.activeElement !== input ? document.activeElement : opener;
      toggle.checked = true;
    }
    remember(input.value);
  }

  function close() {
    toggle.checked = false;
    var back = opener;
    opener = null;
    if (back && back !== document.body && back.offsetParent !== null && typeof back.focus === "function") {
      back.focus();
    } else if (root.contains(document.activeElement)) {
      document.activeElement.blur();
    }
    remember("", true);
  }

  input.addEventListener("input", run);
  input.addEventListener("keyup", run);
  input.addEventListener("focus", function () {
    open();
    get("meta.json");
  });
  root.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) {
      remember(input.value, true);  // so that Back returns to this search
      location.href = first.href;
    }
  });
  list.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("a")) {
      remember(input.value, true);
    }
  });
  root.querySelector("button[type=reset]").addEventListener("click", function () {
    input.value = "";
    current.query = null;
    run();
    close();
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      input.focus();
    } else {
      remember("", true);  // closed by the overlay or the back arrow
    }
  });
  root.addEventListener("keydown", function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && (document.activeElement === input || at !== -1)) {
      e.preventDefault();
      if (all.length) {
        all[Math.min(at + 1, all.length - 1)].focus();
      }
    } else if (e.key === "ArrowUp" && at !== -1) {
      e.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (document.activeElement !== input) {
        input.focus();  // from the results back to the box
      } else {
        close();
      }
    }
  });
  root.addEventListener("focusout", function (e) {
    if (toggle.checked && e.relatedTarget && !root.contains(e.relatedTarget)) {
      toggle.checked = false;  // Tab past the dialog closes it
      opener = null;
      remember("", true);
    }
  });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "/" || e.key === "s") && !toggle.checked &&
        !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      e.preventDefault();
      opener = document.activeElement;
      toggle.checked = true;
      input.focus();
    }
  });

  var asked = new URLSearchParams(location.search);
  if (asked.get("q") && asked.get("q").trim()) {  // a search's address: the dialog opens on its results
    current.filters.kind = asked.get("kind") || "";  // kept in the address until meta.json says whether they exist
    current.filters.plan = asked.get("plan") || "";
    input.value = asked.get("q");
    toggle.checked = true;
    input.focus();
    var checked = function (info) {  // filters this index does not have are dropped; the search runs either way
      ["kind", "plan"].forEach(function (name) {
        var known = info && info[name + "s"] ? info[name + "s"] : [];
        if (known.indexOf(current.filters[name]) === -1) {
          current.filters[name] = "";
        }
      });
      current.query = null;  // run again, also if the reader typed meanwhile
      run();
    };
    get("meta.json").then(checked, function () { checked(null); });
  }
})();

// On a page opened from a search result (?h=terms): the terms are marked in the text, and the paragraph that
// matched (the address's anchor) is the one scrolled to.
(function () {
  "use strict";
  var query = new URLSearchParams(location.search).get("h");
  var article = document.querySelector("article");
  if (!query || !article) {
    return;
  }
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var needles = query.toLowerCase().split(/[\s,，、;；]+/).filter(function (t) { return t.length > 1 || CJK.test(t); })
    .map(function (t) { return CJK.test(t) ? t : t.replace(/(ies|es|s)$/, ""); }).slice(0, 10);
  if (!needles.length) {
    return;
  }
  var scope = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) || article;
  var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  var nodes = [];
  for (var n = walker.nextNode(); n && nodes.length < 2000; n = walker.nextNode()) {
    if (!n.parentElement.closest("script, style, mark, .plan-cite, .plan-para-cite")) {
      nodes.push(n);
    }
  }
  nodes.forEach(function (node) {
    var text = node.textContent;
    var low = text.toLowerCase();
    var ranges = [];
    needles.forEach(function (needle) {
      for (var i = low.indexOf(needle); i !== -1; i = low.indexOf(needle, i + needle.length)) {
        ranges.push([i, i + needle.length]);
      }
    });
    if (!ranges.length) {
      return;
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var fragment = document.createDocumentFragment();
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) {
        return;
      }
      fragment.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var mark = document.createElement("mark");
      mark.className = "plan-hit";
      mark.textContent = text.slice(r[0], r[1]);
      fragment.appendChild(mark);
      pos = r[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(pos)));
    node.parentNode.replaceChild(fragment, node);
  });
})();
