// memoria: shows the errors of the last rebuild on the editor's page, as the
// preview pages of `memoria serve` do. The banner is hidden again once a
// save builds without errors.
(function () {
  "use strict";
  var box = document.getElementById("memoria-build-error");
  if (!box || !window.EventSource) return;
  var title =
    "memoria: the last change could not be built; the site still shows the previous version. Fix the file named below and save again.\n\n";
  var source = new EventSource("/__memoria/events");
  source.addEventListener("failed", function (event) {
    box.textContent = title + event.data;
    box.hidden = false;
  });
  source.addEventListener("reload", function () {
    box.textContent = "";
    box.hidden = true;
  });
})();
