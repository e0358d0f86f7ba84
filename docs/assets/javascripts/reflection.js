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
  var boxes = {}, notes = {};

  var fields, book, ui;  // set in start()
  HS.inSlices(document.querySelectorAll(".rf-checks li[data-check], .rf-notes[data-notes]"), function (el) {
    if (el.hasAttribute("data-check")) checkBox(el); else notesBox(el);
  }, start);

  function checkBox(li) {
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
  }

  function notesBox(div) {
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
  }

  /* Once every box is made: the fields, the controls, and saved work shown. */
  function start() {
    fields = HS.fields(sheet);
    book = HS.workbook("reflection", {
      validate: validate,
      blank: function () { return { fields: {}, checked: [], notes: {} }; },
      label: function (data) {
        var who = data.fields.practitioner || "Unnamed reflection sheet";
        return data.fields.date ? who + ", " + HS.formatDate(data.fields.date) : who;
      }
    });
    ui = HS.controls(sheet, book, {
      render: render,
      filename: function (record) {
        var f = record.data.fields;
        return ("reflection-" + (f.practitioner || "sheet") + (f.date ? "-" + f.date : ""))
          .toLowerCase().replace(/[^a-z0-9]+/g, "-");
      },
      csv: csvRows,
      describe: describe
    });
    document.querySelector(".md-content").addEventListener("input", changed);
    document.querySelector(".md-content").addEventListener("change", changed);
  }

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

  /* Names a saved part for the notice shown when two tabs changed it ("/notes/dim-…"). */
  function describe(path) {
    var parts = path.split("/").slice(1);
    if (parts[0] === "notes" && notes[parts[1]]) return notes[parts[1]].labels[0].textContent + ": " + dimensionName(parts[1]);
    if (parts[0] === "fields" && fields.inputs[parts[1]]) return fields.inputs[parts[1]].labels[0].textContent.replace(/:\s*$/, "");
    return "The ticked boxes";
  }

  function dimensionName(id) {
    var legend = sheetOf(id).querySelector("legend").cloneNode(true);
    var hidden = legend.querySelector(".hb-visually-hidden");
    if (hidden) hidden.remove();
    return legend.textContent.trim();
  }

  function sheetOf(id) {
    return document.querySelector(".rf-dimension[data-dimension='" + id + "']");
  }

  /* --- CSV: a row per consideration (ticked or not), then a row with the dimension's notes --- */

  function csvRows(record) {
    var data = record.data, f = data.fields;
    var out = [["Practitioner", "Supervisor", "Date", "Domain", "Dimension", "Ref", "Consideration", "Ticked", "Notes"]];
    Array.prototype.forEach.call(document.querySelectorAll(".rf-dimension[data-dimension]"), function (fieldset) {
      var id = fieldset.getAttribute("data-dimension");
      var hidden = fieldset.querySelector("legend .hb-visually-hidden");
      var domain = hidden ? hidden.textContent.trim().replace(/^\(|\)$/g, "") : "";
      var head = [f.practitioner || "", f.supervisor || "", f.date || "", domain, dimensionName(id)];
      Array.prototype.forEach.call(fieldset.querySelectorAll("li[data-check]"), function (li) {
        var key = li.getAttribute("data-check");
        out.push(head.concat([key.slice(id.length + 1), li.querySelector("label").textContent.trim(),
                              data.checked.indexOf(key) >= 0 ? "yes" : "no", ""]));
      });
      out.push(head.concat(["", "Notes", "", data.notes[id] || ""]));
    });
    return out;
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
