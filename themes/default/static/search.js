// Client-side search over the index memoria writes in /search/<lang>/.
// Loads the document list and the shards of the letters typed, only when the
// search box is used. Words are folded the same way as in the index
// (lowercase, accents removed); a word found in the index brings every form
// of it through its stem, any other word is matched as a prefix.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch) return;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = form.getAttribute("data-index");
  var docs = null;
  var shards = {};
  var timer = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }
  function shardOf(w) {
    var c = w.charAt(0);
    return /[a-z0-9]/.test(c) ? c : "_";
  }
  function getJson(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : null; });
  }
  function loadDocs() {
    if (!docs) docs = getJson(base + "docs.json");
    return docs;
  }
  function loadShard(name) {
    if (!shards[name]) shards[name] = getJson(base + name + ".json").then(function (s) { return s || { words: {}, stems: {} }; });
    return shards[name];
  }
  // Weights per document for one query word.
  function match(word) {
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
      var scores = {};
      Object.keys(stems).forEach(function (stem) {
        var post = shard.stems[stem] || [];
        for (var i = 0; i < post.length; i += 2) scores[post[i]] = (scores[post[i]] || 0) + post[i + 1];
      });
      return scores;
    });
  }
  function render(found, all, query) {
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    if (found.length === 0) { status.textContent = form.getAttribute("data-none"); return; }
    status.textContent = form.getAttribute("data-count").replace("{n}", found.length);
    found.slice(0, 50).forEach(function (hit) {
      var d = all[hit[0]];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.u;
      a.textContent = d.t;
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = d.k;
      var p = document.createElement("p");
      p.textContent = d.s;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      li.appendChild(p);
      list.appendChild(li);
    });
  }
  function search() {
    var query = input.value;
    var terms = words(query);
    if (terms.length === 0) { render([], [], ""); return; }
    status.textContent = form.getAttribute("data-loading");
    Promise.all([loadDocs()].concat(terms.map(match))).then(function (results) {
      var all = results[0] || [];
      var per = results.slice(1);
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
      var found = Object.keys(total).map(function (d) { return [Number(d), total[d]]; });
      found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      if (input.value === query) render(found, all, query);
    }).catch(function () { status.textContent = form.getAttribute("data-none"); });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 150); });
  input.addEventListener("focus", loadDocs, { once: true });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; search(); }
})();
