// Progressive enhancement only: every page works without this file.
// It shows the "Print or save as PDF" buttons (in place of the words
// that say how to print without them), and opens the "More detail"
// sections before printing so a printout holds the whole answer.
(function () {
  document.querySelectorAll(".no-js").forEach(function (e) { e.hidden = true; });
  document.querySelectorAll(".js-print").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
