// Client-side search over the index memoria writes in /search/<lang>/.
// Loads the document list and the shards of the words typed, only when the
// search box is used. Words are folded the same way as in the index
// (lowercase, accents removed); a word found in the index brings every form
// of it through its stem, any other word is matched as a prefix. A goal
// written "ODS 11", "SDG 11" or "sdg11" is the word sdg11 of the index. The
// count of results follows the language's plural rule (words.json), and the
// words found are marked in each result's text.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch) return;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = form.getAttribute("data-index");
  var docs = null;
  var ui = null;
  var shards = {};
  var loaded = {};
  var timer = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }
  // "ODS 11", "SDG-11", "sdg11" (and the site's own short name) → "sdg11".
  function goals(s, short) {
    var names = ["ods", "sdg", "odd"];
    if (short) names.push(fold(short).replace(/[^a-z]/g, ""));
    var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + names.join("|") + ")[\\s.-]*(\\d{1,2})(?![\\p{N}])", "gu");
    return fold(s).replace(re, function (m, before, name, n) { return before + "sdg" + Number(n); });
  }
  // The shard of a folded word: its first two characters ("ci"), the first
  // and "_" ("a_"), or "_", as memoria writes them.
  function shardOf(w) {
    if (!/^[a-z0-9]/.test(w)) return "_";
    return w.charAt(0) + (/^[a-z0-9]$/.test(w.charAt(1)) ? w.charAt(1) : "_");
  }
  function getJson(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : null; });
  }
  function loadDocs() {
    if (!docs) docs = getJson(base + "docs.json");
    if (!ui) ui = getJson(base + "words.json").then(function (w) { return w || {}; });
    return docs;
  }
  function loadShard(name) {
    if (!shards[name]) shards[name] = getJson(base + name + ".json").then(function (s) {
      loaded[name] = s || { words: {}, stems: {} };
      return loaded[name];
    });
    return shards[name];
  }
  function count(n, words) {
    var rule = "other";
    try { rule = new Intl.PluralRules(document.documentElement.lang).select(n); } catch (e) { rule = n === 1 ? "one" : "other"; }
    var text = (rule === "one" && words.one) ? words.one : (words.other || form.getAttribute("data-count"));
    return text.replace("{n}", n.toLocaleString(document.documentElement.lang));
  }
  // True when the word w of a text is one of those the query found: a form
  // of a stem it matched, or a word that starts with a query word.
  function found(w, terms, stems) {
    var f = fold(w);
    var shard = loaded[shardOf(f)];
    if (shard && shard.words[f] && stems[shard.words[f]]) return true;
    for (var i = 0; i < terms.length; i++) if (f.lastIndexOf(terms[i], 0) === 0) return true;
    return false;
  }
  // Appends text to el with the words found in <mark>, built node by node.
  function marked(el, text, terms, stems) {
    var re = /[\p{L}\p{N}]+/gu;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length < 2 || !found(m[0], terms, stems)) continue;
      if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }
  // Weights per document for one query word.
  function match(word, stemsFound) {
    return loadShard(shardOf(word)).then(function (shard) {
      var stems = {};
      if (shard.words[word]) {
        stems[shard.words[word]] = true;
      } else {
        var n = 0;
        for (var w in shard.words) {
          if (w.lastIndexOf(word, 0) === 0) { stems[shard.words[w]] = true; if (++n >= 100) break; }
        }
      }
      // A stem is in the shard of its own first letters, which are almost
      // always those of its words.
      var names = Object.keys(stems);
      return Promise.all(names.map(function (stem) {
        return shardOf(stem) === shardOf(word) ? shard : loadShard(shardOf(stem));
      })).then(function (holders) {
        var scores = {};
        names.forEach(function (stem, n) {
          stemsFound[stem] = true;
          var post = holders[n].stems[stem] || [];
          for (var i = 0; i < post.length; i += 2) scores[post[i]] = (scores[post[i]] || 0) + post[i + 1];
        });
        return scores;
      });
    });
  }
  function render(hits, all, query, words, terms, stems) {
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    if (hits.length === 0) { status.textContent = form.getAttribute("data-none"); return; }
    status.textContent = count(hits.length, words);
    hits.slice(0, 50).forEach(function (hit) {
      var d = all[hit[0]];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.u;
      marked(a, d.t, terms, stems);
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = d.k;
      var p = document.createElement("p");
      marked(p, d.s, terms, stems);
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      li.appendChild(p);
      list.appendChild(li);
    });
  }
  function search() {
    var query = input.value;
    if (words(query).length === 0) { render([], [], ""); return; }
    status.textContent = form.getAttribute("data-loading");
    var stems = {};
    var terms = [];
    Promise.all([loadDocs(), ui]).then(function (first) {
      terms = words(goals(query, first[1].sdg));
      return Promise.all([first[0], first[1]].concat(terms.map(function (t) { return match(t, stems); })));
    }).then(function (results) {
      var all = results[0] || [];
      var uiWords = results[1] || {};
      var per = results.slice(2);
      var total = {};
      // Every word must match; scores add up.
      Object.keys(per[0]).forEach(function (doc) {
        var sum = 0;
        for (var i = 0; i < per.length; i++) {
          if (!(doc in per[i])) return;
          sum += per[i][doc];
        }
        total[doc] = sum;
      });
      var hits = Object.keys(total).map(function (d) { return [Number(d), total[d]]; });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      if (input.value === query) render(hits, all, query, uiWords, terms, stems);
    }).catch(function () { status.textContent = form.getAttribute("data-none"); });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 150); });
  input.addEventListener("focus", loadDocs, { once: true });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; search(); }
})();
