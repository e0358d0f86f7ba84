/*
 * The practice pledge form (Appendix 1) as a tool: the printed blank becomes inputs that save
 * in this browser as you type. Rows, columns, evidence codes and the review interval come
 * from the page (rendered from data), not from this script.
 *
 * One assessment's data: {fields: {name, details, "stage-1-completed"},
 *   rows: {"point-1": {"good-practice": "...", ..., review: [{text, source}]},
 *          "extra-a": {finding: "...", ...}, "extra-f": {...}},
 *   added: ["f", "g"]}; empty values are left out. `added` (format 2) names the rows added
 *   after the form's own a)–e); a format 1 file simply has none.
 */
(function () {
  "use strict";

  var EXTRA = "extra-";  // ids of the rows for other findings: extra-a ... extra-e, then added ones
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
  var extras = table.querySelectorAll("tbody tr.pl-extra");
  var template = extras[extras.length - 1].cloneNode(true);  // a blank extra row, before it gets inputs
  var ownLabels = Array.prototype.map.call(extras, function (tr) { return tr.getAttribute("data-row").slice(EXTRA.length); });
  var rows = [];  // filled a slice at a time
  var fields, started, addRow, due, book, ui;  // set in start()
  HS.inSlices(table.querySelectorAll("tbody tr[data-row]"), function (tr) { rows.push(enhanceRow(tr)); }, start);

  /* Once every row has its inputs: the fields, the controls, and saved work shown. */
  function start() {
    fields = HS.fields(sheet);
    started = fields.inputs["stage-1-completed"];
    addRow = element("button", "md-button hb-tool-button pl-add pl-add-row", "Add a row");
    addRow.type = "button";
    table.parentNode.after(addRow);
    addRow.addEventListener("click", function () {
      var row = addedRow(nextLabel());
      changed();
      row.inputs[columns[0].id].focus();
    });
    due = element("output", "pl-due");
    dueLine.querySelector(".hb-blank").replaceWith(due);

    book = HS.workbook("pledge", {
      validate: validate,
      blank: function () { return { fields: {}, rows: {} }; },
      label: function (data) { return data.fields.name || "Unnamed assessment"; }
    });
    ui = HS.controls(sheet, book, {
      render: render,
      filename: function (record) { return "practice-pledge-" + slug(record.data.fields.name || "assessment"); },
      csv: csvRows,
      describe: describe
    });
    sheet.addEventListener("input", changed);
    sheet.addEventListener("change", changed);
  }

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
      addEntry(row, list).querySelector("textarea").focus();
    });
    addEntry(row, list);
    return { column: column, list: list, more: more };
  }

  /* A blank evidence entry at the end of the row's list. */
  function addEntry(row, list) {
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

  /* Shows a row's evidence, in the entries it has where it can: making them is the costly part. */
  function showEntries(row, evidence) {
    var list = row.evidence.list;
    if (!evidence.length) evidence = [{}];
    while (list.children.length > evidence.length) list.lastElementChild.remove();
    evidence.forEach(function (entry, i) {
      var item = list.children[i] || addEntry(row, list);
      HS.setValue(item.querySelector("textarea"), entry.text);
      HS.setValue(item.querySelector(".pl-source"), entry.source);
    });
    name(row, list);
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
    var added = rows.filter(function (row) { return row.added; }).map(function (row) { return row.label; });
    if (added.length) data.added = added;
    return data;
  }

  function render(record) {
    var data = record.data;
    var added = data.added || [];
    rows.slice().forEach(function (row) { if (row.added && added.indexOf(row.label) < 0) dropRow(row); });
    added.forEach(function (label) { if (!findRow(EXTRA + label)) addedRow(label); });
    fields.set(data.fields);
    rows.forEach(function (row) {
      var values = data.rows[row.id] || {};
      Object.keys(row.inputs).forEach(function (k) { HS.setValue(row.inputs[k], values[k]); });
      showEntries(row, values[row.evidence.column.id] || []);
    });
    showDue();
  }

  function changed(event) {
    if (event && event.target.closest(".hb-tool-controls")) return;
    if (event && event.target.closest(".pl-entry")) printEntry(event.target.closest(".pl-entry"));
    ui.save(collect());
    showDue();
  }

  /* --- rows added after a)–e) --------------------------------------------------------- */

  function findRow(id) {
    return rows.filter(function (r) { return r.id === id; })[0] || null;
  }

  /* a ... z, aa, ab ...: the labels after the form's own, as the paper form would go on. */
  function letters(n) {
    var out = "";
    for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(97 + (n - 1) % 26) + out;
    return out;
  }

  function nextLabel() {
    for (var n = 0; ; n++) if (!findRow(EXTRA + letters(n))) return letters(n);
  }

  function addedRow(label) {
    var tr = template.cloneNode(true);
    tr.setAttribute("data-row", EXTRA + label);
    tr.setAttribute("data-name", "Row " + label);
    tr.setAttribute("data-finding", label + ")");
    var head = tr.querySelector("th");
    head.textContent = label + ")";
    // Its own header id, and its cells' headers naming it (WCAG H43), as the build writes rows a)–e).
    var headId = "pl-th-" + EXTRA + label;
    Array.prototype.forEach.call(tr.querySelectorAll("td[headers]"), function (td) {
      td.setAttribute("headers", td.getAttribute("headers").replace(head.id, headId));
    });
    head.id = headId;
    var last = rows.filter(function (r) { return r.id.indexOf(EXTRA) === 0; }).pop().tr;
    last.after(tr);
    var row = enhanceRow(tr);
    row.added = true;
    row.label = label;
    var drop = head.appendChild(element("button", "pl-remove pl-remove-row", "Remove row"));
    drop.type = "button";
    drop.setAttribute("aria-label", "Remove row " + label);
    drop.addEventListener("click", function () {
      var typed = Object.keys(row.inputs).some(function (k) { return row.inputs[k].value; }) || entries(row).length;
      if (typed && !window.confirm("Remove row " + label + ") and everything typed in it?")) return;
      dropRow(row);
      changed();
      addRow.focus();
    });
    rows.splice(rows.indexOf(findRow(last.getAttribute("data-row"))) + 1, 0, row);
    return row;
  }

  function dropRow(row) {
    row.tr.remove();
    rows.splice(rows.indexOf(row), 1);
  }

  /* Names a saved part for the notice shown when two tabs changed it ("/rows/point-1/pledge"). */
  function describe(path) {
    var parts = path.split("/").slice(1);
    if (parts[0] === "fields") {
      var input = fields.inputs[parts[1]];
      return input ? input.labels[0].textContent.replace(/:\s*$/, "") : parts[1];
    }
    var row = parts[0] === "rows" && findRow(parts[1]);
    if (!row) return "The rows";
    if (parts[2] === row.evidence.column.id) return row.name + ", evidence" + (parts[3] ? " " + (Number(parts[3].slice(1)) + 1) : "");
    var column = columns.filter(function (c) { return c.id === parts[2]; })[0];
    return row.name + (column ? ": " + column.label : "");
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
    var extra = Object.keys(data).filter(function (k) { return ["fields", "rows", "added"].indexOf(k) < 0; });
    if (extra.length) return "it has unexpected parts (" + extra.join(", ") + ").";
    var problem = fields.check(data.fields);
    if (problem) return problem;
    var added = data.added || [];
    if (!Array.isArray(added) || !added.every(function (label, i) {
      return typeof label === "string" && /^[a-z]{1,3}$/.test(label) && ownLabels.indexOf(label) < 0 && added.indexOf(label) === i;
    })) return "its added rows are malformed.";
    var extraRow = findRow(EXTRA + ownLabels[0]);
    for (var id in data.rows) {
      // An added row has the columns of the form's own extra rows (it may not be on the page yet).
      var row = findRow(id) || (added.indexOf(id.slice(EXTRA.length)) >= 0 && id.indexOf(EXTRA) === 0 ? extraRow : null);
      if (!row) return "it has a row this form does not have (" + id + ").";
      problem = checkRow(row, data.rows[id]);
      if (problem) return (row === extraRow ? "Row " + id.slice(EXTRA.length) : row.name) + ": " + problem;
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

  /* --- CSV: one row per point and per row a), b) ..., with the paper form's columns -------------- */

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
