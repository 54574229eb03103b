// A document's status on a day, and its citation chain as it stood that day, computed in the browser from
// the dates the page carries (the graph's own dates: a build never reads the clock, so the same data
// always gives the same pages). The day is today unless the reader picks another.
(function () {
  "use strict";
  function say(el, zh, en) {
    el.textContent = "";
    var a = document.createElement("span"); a.className = "ui-zh"; a.textContent = zh;
    var b = document.createElement("span"); b.className = "ui-en"; b.lang = "en"; b.textContent = en;
    el.append(a, b);
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"];
  function zh(iso) { var p = iso.split("-"); return p[0] + "年" + Number(p[1]) + "月" + Number(p[2]) + "日"; }
  function en(iso) { var p = iso.split("-"); return Number(p[2]) + " " + MONTHS[Number(p[1]) - 1] + " " + p[0]; }

  // [state, zh, en] for a day (YYYY-MM-DD; ISO dates compare as strings)
  function state(d, day) {
    var amended = (d.amended || "").split(" ").filter(Boolean);
    if (d.issued && day < d.issued) return ["future", "尚未发布", "not yet issued"];
    if (d.entry && day < d.entry) return ["future", "尚未施行（自" + zh(d.entry) + "起施行）", "not yet in force (from " + en(d.entry) + ")"];
    // the last day in force: an expiry's own end date, the day before a repeal takes effect
    if (d.last && day > d.last) {
      if (d.endedBy === "repeal") {
        return ["ended", "已被" + (d.repealedBy || "") + "废止（" + zh(d.end) + "起失效）",
                "repealed" + (d.repealedBy ? " by " + d.repealedBy : "") + " (no longer in force from " + en(d.end) + ")"];
      }
      return ["ended", "已失效（有效期至" + zh(d.last) + "届满）", "no longer in force (expired: valid until " + en(d.last) + ")"];
    }
    if (d.notInForce && !d.last) {     // repealed by a published document that does not say from when
      return ["ended", "已被" + (d.repealedBy || "") + "废止（日期不详）",
              "repealed" + (d.repealedBy ? " by " + d.repealedBy : "") + " (date not known)"];
    }
    if (amended.some(function (a) { return a <= day; })) {
      return ["amended", "现行有效，已被" + (d.amendedBy || "") + "修改", "in force, as amended" + (d.amendedBy ? " by " + d.amendedBy : "")];
    }
    if (d.entry) return ["in-force", "现行有效", "in force"];
    return ["unknown", "未见施行或失效日期的记载", "no date of force recorded"];
  }

  function chainAsOf(day) {
    document.querySelectorAll(".chain-node").forEach(function (n) {
      var d = n.dataset;
      n.classList.toggle("not-yet", Boolean(d.issued && day < d.issued));
      n.classList.toggle("ended", Boolean(d.last && day > d.last));
    });
    document.querySelectorAll(".chain-edge[data-since]").forEach(function (e) {
      e.classList.toggle("not-yet", day < e.dataset.since);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector("section.status");
    var picker = document.getElementById("as-of");
    var now = new Date();     // the reader's own day, not UTC's (in China UTC is still yesterday before 08:00)
    var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0");
    function show(day) {
      if (section) {
        var s = state(section.dataset, day);
        section.dataset.state = s[0];
        say(section.querySelector(".status-banner"), s[1], s[2]);
      }
      chainAsOf(day);
    }
    if (picker) {
      picker.value = today;
      picker.addEventListener("change", function () { show(picker.value || today); });
    }
    if (section || document.querySelector(".chain-node")) show(today);
  });
})();
