/*
 * The professional dimension (Appendix 2) as a supervision sheet: each consideration gets a
 * box to tick and each dimension a notes field, saved in this browser as you go. The
 * considerations and their keys come from the page (rendered from data).
 *
 * One sheet's data: {fields: {practitioner, supervisor, date},
 *   checked: ["dim-worker-experience.1", "dim-worker-knowledge.1.3", ...],
 *   notes: {"dim-worker-experience": "..."}}; empty values are left out.
 */
(function () {
  "use strict";

  var sheet = document.querySelector(".rf-sheet");
  if (!sheet || !window.HandbookStore) return;
  var HS = window.HandbookStore;
  var fields = HS.fields(sheet);
  var boxes = {}, notes = {};

  Array.prototype.forEach.call(document.querySelectorAll(".rf-checks li[data-check]"), function (li) {
    var key = li.getAttribute("data-check");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "rf-" + key;
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.appendChild(li.querySelector(".rf-text"));
    li.querySelector(".rf-box").replaceWith(box);
    box.after(label);
    boxes[key] = box;
  });
  Array.prototype.forEach.call(document.querySelectorAll(".rf-notes[data-notes]"), function (div) {
    var key = div.getAttribute("data-notes");
    var input = document.createElement("textarea");
    input.id = "rf-notes-" + key;
    input.rows = 3;
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = div.querySelector(".rf-notes-label").className;
    label.textContent = div.querySelector(".rf-notes-label").textContent;
    div.textContent = "";
    div.appendChild(label);
    div.appendChild(input);
    HS.printable(input);
    notes[key] = input;
  });

  var book = HS.workbook("reflection", {
    version: 1,
    validate: validate,
    blank: function () { return { fields: {}, checked: [], notes: {} }; },
    label: function (data) {
      var who = data.fields.practitioner || "Unnamed reflection sheet";
      return data.fields.date ? who + ", " + HS.formatDate(data.fields.date) : who;
    }
  });
  var ui = HS.controls(sheet, book, {
    render: render,
    filename: function (record) {
      var f = record.data.fields;
      return ("reflection-" + (f.practitioner || "sheet") + (f.date ? "-" + f.date : ""))
        .toLowerCase().replace(/[^a-z0-9]+/g, "-");
    }
  });
  document.querySelector(".md-content").addEventListener("input", changed);
  document.querySelector(".md-content").addEventListener("change", changed);

  function changed(event) {
    if (event.target.closest(".hb-tool-controls")) return;
    ui.save(collect());
  }

  function collect() {
    var data = { fields: fields.get(), checked: [], notes: {} };
    Object.keys(boxes).forEach(function (k) { if (boxes[k].checked) data.checked.push(k); });
    Object.keys(notes).forEach(function (k) { if (notes[k].value) data.notes[k] = notes[k].value; });
    return data;
  }

  function render(record) {
    var data = record.data;
    fields.set(data.fields);
    Object.keys(boxes).forEach(function (k) { boxes[k].checked = data.checked.indexOf(k) >= 0; });
    Object.keys(notes).forEach(function (k) { HS.setValue(notes[k], data.notes[k]); });
  }

  function validate(data) {
    if (!HS.isObject(data) || !Array.isArray(data.checked) || !HS.isObject(data.notes)) {
      return "it holds no reflection sheet.";
    }
    var extra = Object.keys(data).filter(function (k) { return ["fields", "checked", "notes"].indexOf(k) < 0; });
    if (extra.length) return "it has unexpected parts (" + extra.join(", ") + ").";
    var unknown = data.checked.filter(function (k) { return !boxes.hasOwnProperty(k); })
      .concat(Object.keys(data.notes).filter(function (k) { return !notes.hasOwnProperty(k) || typeof data.notes[k] !== "string"; }));
    if (unknown.length) return "it refers to considerations this sheet does not have (" + unknown.join(", ") + ").";
    return fields.check(data.fields);
  }
})();
