/*
 * The practice pledge form (Appendix 1) as a tool: the printed blank becomes inputs that save
 * in this browser as you type. Rows, columns, evidence codes and the review interval come
 * from the page (rendered from data), not from this script.
 *
 * One assessment's data: {fields: {name, details, "stage-1-completed"},
 *   rows: {"point-1": {"good-practice": "...", ..., review: [{text, source}]},
 *          "extra-a": {finding: "...", ...}}}; empty values are left out.
 */
(function () {
  "use strict";

  var sheet = document.querySelector(".pl-sheet");
  if (!sheet || !window.HandbookStore) return;
  var HS = window.HandbookStore;
  var table = sheet.querySelector(".pl-table");
  var columns = Array.prototype.map.call(table.querySelectorAll("thead th[data-column]"), function (th) {
    return { id: th.getAttribute("data-column"), kind: th.getAttribute("data-kind"), label: th.getAttribute("data-label") };
  });
  var codes = Array.prototype.map.call(sheet.querySelectorAll(".pl-codes [data-code]"), function (li) {
    return { code: li.getAttribute("data-code"), label: li.getAttribute("data-label") };
  });
  var made = 0;  // evidence entries made so far, for unique ids
  var months = Number(sheet.getAttribute("data-review-months"));
  var dueLine = sheet.querySelector(".hb-field[data-kind='review-due']");
  var fields = HS.fields(sheet);
  var started = fields.inputs["stage-1-completed"];
  var rows = Array.prototype.map.call(table.querySelectorAll("tbody tr[data-row]"), enhanceRow);
  var due = element("output", "pl-due");
  dueLine.querySelector(".hb-blank").replaceWith(due);

  var book = HS.workbook("pledge", {
    version: 1,
    validate: validate,
    blank: function () { return { fields: {}, rows: {} }; },
    label: function (data) { return data.fields.name || "Unnamed assessment"; }
  });
  var ui = HS.controls(sheet, book, {
    render: render,
    filename: function (record) { return "practice-pledge-" + slug(record.data.fields.name || "assessment"); },
    csv: csvRows
  });
  sheet.addEventListener("input", changed);
  sheet.addEventListener("change", changed);

  function element(name, cls, text) {
    var el = document.createElement(name);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function textarea(cell, label) {
    var input = cell.appendChild(element("textarea", "pl-input"));
    input.rows = 3;
    input.setAttribute("aria-label", label);
    return HS.printable(input);
  }

  /* Gives each blank cell of a row its input: text, the finding (rows a–e), or evidence entries. */
  function enhanceRow(tr) {
    var row = { id: tr.getAttribute("data-row"), name: tr.getAttribute("data-name"), tr: tr, inputs: {} };
    Array.prototype.forEach.call(tr.querySelectorAll("[data-column]"), function (cell, i) {
      var column = columns[i];
      cell.setAttribute("data-label", column.label);
      if (column.kind === "evidence") {
        row.evidence = evidenceCell(row, column, cell);
      } else if (column.kind === "text" || tr.classList.contains("pl-extra")) {
        row.inputs[column.id] = textarea(cell, row.name + ": " + column.label);
      }
    });
    return row;
  }

  function evidenceCell(row, column, cell) {
    var list = element("ol", "pl-evidence");
    var more = element("button", "md-button hb-tool-button pl-add", "Add evidence");
    more.type = "button";
    more.setAttribute("aria-label", "Add evidence for " + row.name.toLowerCase());
    cell.appendChild(list);
    cell.appendChild(more);
    more.addEventListener("click", function () {
      addEntry(row, list, {}).querySelector("textarea").focus();
    });
    return { column: column, list: list, more: more };
  }

  function addEntry(row, list, entry) {
    var item = element("li", "pl-entry");
    var text = element("textarea", "pl-input hb-has-print-value");
    text.rows = 2;
    item.appendChild(text);
    var pick = element("select", "pl-source");
    pick.id = "pl-source-" + (++made);
    pick.appendChild(element("option", "", "choose…")).value = "";
    codes.forEach(function (c) { pick.appendChild(element("option", "", c.code + " – " + c.label)).value = c.code; });
    var label = element("label", "pl-source-label", "Source");
    label.htmlFor = pick.id;
    item.appendChild(label);
    item.appendChild(pick);
    var drop = element("button", "pl-remove", "Remove");
    drop.type = "button";
    item.appendChild(drop);
    item.appendChild(element("div", "hb-print-value")).setAttribute("aria-hidden", "true");
    list.appendChild(item);
    text.value = entry.text || "";
    pick.value = entry.source || "";
    drop.addEventListener("click", function () {
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      name(row, list);
      changed();
      (next ? next.querySelector("textarea") : row.evidence.more).focus();
    });
    name(row, list);
    return item;
  }

  /* Entries are numbered in their labels, so a screen reader knows which one it is in. */
  function name(row, list) {
    Array.prototype.forEach.call(list.children, function (item, i) {
      var which = row.name + ", evidence " + (i + 1);
      item.querySelector("textarea").setAttribute("aria-label", which);
      item.querySelector(".pl-source").setAttribute("aria-label", "Source of " + which.toLowerCase());
      item.querySelector(".pl-remove").setAttribute("aria-label", "Remove " + which.toLowerCase());
      printEntry(item);
    });
  }

  function printEntry(item) {
    var text = item.querySelector("textarea").value, source = item.querySelector(".pl-source").value;
    item.querySelector(".hb-print-value").textContent = text + (source ? " (" + source + ")" : "");
  }

  function entries(row) {
    return Array.prototype.map.call(row.evidence.list.children, function (item) {
      var entry = {}, text = item.querySelector("textarea").value, source = item.querySelector(".pl-source").value;
      if (text) entry.text = text;
      if (source) entry.source = source;
      return entry;
    }).filter(function (entry) { return entry.text || entry.source; });
  }

  /* The form as it stands, without its empty parts. */
  function collect() {
    var data = { fields: fields.get(), rows: {} };
    rows.forEach(function (row) {
      var values = {};
      Object.keys(row.inputs).forEach(function (k) { if (row.inputs[k].value) values[k] = row.inputs[k].value; });
      var evidence = entries(row);
      if (evidence.length) values[row.evidence.column.id] = evidence;
      if (Object.keys(values).length) data.rows[row.id] = values;
    });
    return data;
  }

  function render(record) {
    var data = record.data;
    fields.set(data.fields);
    rows.forEach(function (row) {
      var values = data.rows[row.id] || {};
      Object.keys(row.inputs).forEach(function (k) { HS.setValue(row.inputs[k], values[k]); });
      row.evidence.list.textContent = "";
      var evidence = values[row.evidence.column.id] || [];
      (evidence.length ? evidence : [{}]).forEach(function (entry) { addEntry(row, row.evidence.list, entry); });
    });
    showDue();
  }

  function changed(event) {
    if (event && event.target.closest(".hb-tool-controls")) return;
    if (event && event.target.closest(".pl-entry")) printEntry(event.target.closest(".pl-entry"));
    ui.save(collect());
    showDue();
  }

  /* --- the six-month review ------------------------------------------------------------ */

  function addMonths(iso, n) {
    var p = iso.split("-").map(Number);
    var month = p[1] - 1 + n, year = p[0] + Math.floor(month / 12);
    month = ((month % 12) + 12) % 12;
    var last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return year + "-" + pad(month + 1) + "-" + pad(Math.min(p[2], last));
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function dueDate() {
    return HS.isDate(started.value) ? addMonths(started.value, months) : "";
  }

  function showDue() {
    var when = dueDate();
    var now = when && today() >= when;
    due.textContent = !when ? "set the date stage 1 was completed"
      : HS.formatDate(when) + (now ? ": the review is due now" : "");
    dueLine.classList.toggle("is-due", Boolean(now));
  }

  /* --- checking an imported assessment -------------------------------------------------- */

  function validate(data) {
    if (!HS.isObject(data) || !HS.isObject(data.rows)) return "it holds no pledge assessment.";
    var extra = Object.keys(data).filter(function (k) { return k !== "fields" && k !== "rows"; });
    if (extra.length) return "it has unexpected parts (" + extra.join(", ") + ").";
    var problem = fields.check(data.fields);
    if (problem) return problem;
    for (var id in data.rows) {
      var row = rows.filter(function (r) { return r.id === id; })[0];
      if (!row) return "it has a row this form does not have (" + id + ").";
      problem = checkRow(row, data.rows[id]);
      if (problem) return row.name + ": " + problem;
    }
    return null;
  }

  function checkRow(row, values) {
    if (!HS.isObject(values)) return "it is not a set of columns.";
    for (var key in values) {
      if (row.evidence.column.id === key) {
        if (!Array.isArray(values[key]) || !values[key].every(isEntry)) return "its evidence entries are malformed.";
      } else if (!row.inputs[key] || typeof values[key] !== "string") {
        return "it has an unknown or malformed column (" + key + ").";
      }
    }
    return null;
  }

  function isEntry(entry) {
    return HS.isObject(entry) && Object.keys(entry).every(function (k) {
      return (k === "text" && typeof entry.text === "string") ||
             (k === "source" && codes.some(function (c) { return c.code === entry.source; }));
    });
  }

  /* --- CSV: one row per point and per row a–e, with the paper form's columns -------------- */

  function csvRows(record) {
    var data = record.data;
    var labels = Array.prototype.map.call(sheet.querySelectorAll(".hb-field .hb-field-label"), function (l) {
      return l.textContent.replace(/:\s*$/, "");
    });
    var keys = Array.prototype.map.call(sheet.querySelectorAll(".hb-field"), function (p) {
      return p.getAttribute("data-field");
    });
    var head = labels.concat(["Area"], columns.map(function (c) { return c.label; }));
    var when = HS.isDate(data.fields["stage-1-completed"] || "") ? addMonths(data.fields["stage-1-completed"], months) : "";
    var fixed = keys.map(function (k) { return k === "review-due" ? when : data.fields[k] || ""; });
    return [head].concat(rows.map(function (row) {
      var values = data.rows[row.id] || {};
      return fixed.concat([row.tr.getAttribute("data-area")], columns.map(function (c, i) {
        if (i === 0) return row.tr.getAttribute("data-finding") + (values[c.id] ? " " + values[c.id] : "");
        if (c.kind === "evidence") {
          return (values[c.id] || []).map(function (e) { return (e.text || "") + (e.source ? " (" + e.source + ")" : ""); }).join("\n");
        }
        return values[c.id] || "";
      }));
    }));
  }

  function slug(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "assessment";
  }
})();
