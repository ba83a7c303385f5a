// warta serve: small improvements over pages that work without script.
// "/" focuses the search box (unless typing somewhere already); Escape leaves it.
document.addEventListener("keydown", function (e) {
  var box = document.getElementById("q");
  if (!box) return;
  var t = e.target;
  var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    box.focus();
    box.select();
  } else if (e.key === "Escape" && t === box) {
    box.blur();
  }
});
// An empty search box on the start page takes the focus at once.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("q");
  if (box && location.pathname === "/" && !location.search) box.focus();
});
