// Combined filtering of the cases index by taxonomy terms. Without
// JavaScript the term pages linked above do the same job; this only shows
// the form and hides the cards that do not match every chosen facet (any
// term within a facet).
(function () {
  "use strict";
  var form = document.getElementById("case-filter");
  var cards = document.querySelectorAll("#case-list .case-card");
  var count = document.querySelector("#case-count span");
  if (!form || !cards.length) return;
  form.hidden = false;
  function apply() {
    var chosen = {};
    form.querySelectorAll("input:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    var shown = 0;
    cards.forEach(function (card) {
      var ok = Object.keys(chosen).every(function (facet) {
        var values = (card.getAttribute("data-" + facet) || "").split(" ");
        return chosen[facet].some(function (v) { return values.indexOf(v) >= 0; });
      });
      card.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = String(shown);
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
})();
