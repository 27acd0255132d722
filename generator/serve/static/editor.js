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
        host = document.querySelector('#editor [data-path="' + path.replace(/"/g, '\\"') + '"]');
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
