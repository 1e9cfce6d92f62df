// Combined filtering of the cases index by taxonomy terms. Without
// JavaScript the term pages linked above do the same job; this only shows
// the form. The index is split into numbered pages, so the cases to filter
// are read from the listing's data file (`data-src` on the form, written
// once per language), loaded the first time a box is ticked. While a filter
// is chosen, the matches replace this page's cards and its page links.
(function () {
  "use strict";
  var form = document.getElementById("case-filter");
  var list = document.getElementById("case-list");
  var pages = document.getElementById("case-pages");
  var matches = document.getElementById("case-matches");
  var count = document.querySelector("#case-count span");
  if (!form || !list || !matches || !count || !form.getAttribute("data-src")) return;
  var perPage = parseInt(form.getAttribute("data-per-page"), 10) || 20;
  var cases = null;
  var loading = null;
  var found = [];
  var shown = 0;
  form.hidden = false;

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-src"))
        .then(function (r) { return r.json(); })
        .then(function (data) { cases = data; });
    }
    return loading;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function card(c) {
    var article = el("article", "case-card");
    var h = el("h2", "case-card-title");
    var a = el("a", "", c.title);
    a.href = c.url;
    if (!c.translated) { a.hreflang = c.lang; a.lang = c.lang; }
    h.appendChild(a);
    article.appendChild(h);
    var meta = el("p", "meta", c.city + " · " + c.country_name + " · ");
    var time = el("time", "", c.date_display);
    time.setAttribute("datetime", c.date);
    meta.appendChild(time);
    article.appendChild(meta);
    var tags = el("p", "tags");
    tags.appendChild(el("span", "tag", c.dimension_label));
    tags.appendChild(document.createTextNode(" "));
    tags.appendChild(el("span", "tag", c.scale_label));
    article.appendChild(tags);
    return article;
  }

  function more() {
    var old = matches.querySelector(".show-more");
    if (old) old.remove();
    found.slice(shown, shown + perPage).forEach(function (c) { matches.appendChild(card(c)); });
    shown = Math.min(found.length, shown + perPage);
    if (shown < found.length) {
      var button = el("button", "show-more", form.getAttribute("data-more"));
      button.type = "button";
      button.addEventListener("click", more);
      matches.appendChild(button);
    }
  }

  function chosen() {
    var by = {};
    form.querySelectorAll("input:checked").forEach(function (box) {
      (by[box.name] = by[box.name] || []).push(box.value);
    });
    return by;
  }

  function show(filtering) {
    list.hidden = filtering;
    if (pages) pages.hidden = filtering;
    matches.hidden = !filtering;
    if (!filtering) count.textContent = count.getAttribute("data-total");
  }

  // Shows the cases that match the boxes ticked now (they may have changed
  // while the data file was loading).
  function render() {
    var by = chosen();
    var facets = Object.keys(by);
    show(facets.length > 0);
    if (!facets.length) return;
    found = cases.filter(function (c) {
      return facets.every(function (facet) {
        var values = ((c.filters || {})[facet] || "").split(" ");
        return by[facet].some(function (v) { return values.indexOf(v) >= 0; });
      });
    });
    shown = 0;
    matches.textContent = "";
    count.textContent = String(found.length);
    more();
  }

  function apply() {
    if (!Object.keys(chosen()).length) {
      show(false);
      return;
    }
    // Without the data file the page stays as it is: the term pages linked
    // above still filter.
    load().then(render, function () { show(false); });
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
})();
