// The workbench's own script: findings beside their fields, and htmx told to show refusals too.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (window.htmx) {
      // A refused save (409 conflict, 403 CSRF, 422) is shown like any answer, not dropped.
      htmx.config.responseHandling = [{code: "204", swap: false}, {code: ".*", swap: true}];
    }
    placeFieldFindings();
    focusHash();
  });
  document.addEventListener("htmx:afterSettle", placeFieldFindings);

  // Figures the last edit recomputed are marked in the new preview: every table cell and stated fact
  // whose text differs from the same place before the swap (same table id, row and column).
  var before = null;
  function figures() {
    var out = {};
    document.querySelectorAll(".preview-body table[data-table]").forEach(function (table) {
      var id = table.getAttribute("data-table");
      Array.prototype.forEach.call(table.rows, function (row, r) {
        Array.prototype.forEach.call(row.cells, function (cell, c) { out[id + "|" + r + "|" + c] = cell; });
      });
    });
    document.querySelectorAll(".preview-body [data-fact]").forEach(function (el, i) {
      out["fact|" + el.getAttribute("data-fact") + "|" + i] = el;
    });
    return out;
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "live") {
      var old = figures();
      before = {};
      Object.keys(old).forEach(function (k) { before[k] = old[k].textContent; });
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!before || !event.detail.target || event.detail.target.id !== "live") return;
    var now = figures();
    Object.keys(now).forEach(function (k) {
      if (k in before && before[k] !== now[k].textContent) now[k].classList.add("recomputed");
    });
    before = null;
  });

  function focusHash() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({block: "center"});
    target.classList.add("target");
    if (target.focus) target.focus();
  }

  // The findings about this file's values (path, severity, code, message) are set next to the
  // field whose path they name, or the nearest enclosing group when the value has no field of its own.
  function placeFieldFindings() {
    var data = document.getElementById("field-findings");
    if (!data) return;
    var findings = [];
    try { findings = JSON.parse(data.textContent || "[]"); } catch (e) { return; }
    document.querySelectorAll(".field-finding").forEach(function (el) { el.remove(); });
    document.querySelectorAll(".has-finding").forEach(function (el) { el.classList.remove("has-finding", "error", "warning"); });
    findings.forEach(function (f) {
      var path = f.path;
      var host = null;
      while (path !== null) {
        var quoted = path.replace(/"/g, '\\"');
        host = document.querySelector('#editor [name="f.' + quoted + '"]') ||
          document.querySelector('#editor [data-path="' + quoted + '"]');
        if (host || path === "") break;
        path = path.indexOf(".") >= 0 ? path.slice(0, path.lastIndexOf(".")) : "";
      }
      if (!host) host = document.querySelector("#editor");
      if (!host) return;
      var note = document.createElement("div");
      note.className = "field-finding " + f.severity;
      note.setAttribute("data-code", f.code);
      note.textContent = f.code + ": " + f.message;
      host.classList.add("has-finding", f.severity);
      if (host.tagName === "INPUT" || host.tagName === "SELECT" || host.tagName === "TEXTAREA") {
        host.insertAdjacentElement("afterend", note);
      } else {
        host.insertBefore(note, host.firstChild);
      }
    });
  }
})();
