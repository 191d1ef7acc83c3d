// Progressive enhancement only: every page works without this file.
// It shows the "Print or save as PDF" buttons, and opens the "More detail"
// sections before printing so a printout holds the whole answer.
(function () {
  document.querySelectorAll(".js-print").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
