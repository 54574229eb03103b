// The UI language switch: zh-Hans by default, remembered per browser. The data's own language is untouched.
(function () {
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem("gongbao-ui"); } catch (e) { saved = null; }
  // the page's language follows the UI, so screen readers and hyphenation read it right
  function use(ui) {
    root.setAttribute("data-ui", ui);
    root.setAttribute("lang", ui === "en" ? "en" : "zh-Hans");
  }
  use(saved === "en" ? "en" : "zh");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("ui-switch");
    if (!button) return;
    button.addEventListener("click", function () {
      var next = root.getAttribute("data-ui") === "en" ? "zh" : "en";
      use(next);
      try { localStorage.setItem("gongbao-ui", next); } catch (e) { /* private mode */ }
    });
  });
})();
