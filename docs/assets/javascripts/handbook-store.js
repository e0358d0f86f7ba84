/*
 * What a practitioner types stays in this browser: a small store over localStorage shared by
 * the handbook's tools (escalation record, practice pledge, reflection sheet).
 *
 *   const store = HandbookStore.open("pledge", {version: 1, validate: fn});
 *   store.load() -> saved object or null         store.save(obj)
 *   store.clear()                                 store.exportJSON(obj, filename)
 *   store.importJSON(file) -> Promise<object>     (rejects with a readable Error; saves nothing)
 *   HandbookStore.download(text, filename, type)  HandbookStore.csv(rows) -> text
 *
 * Exported files carry {handbook, tool, version, exported, data} so a file from another tool
 * or a foreign JSON file is refused with a clear message instead of overwriting saved work.
 * No request ever leaves the page.
 *
 * Working sheets that keep several records (an individual's and a team's pledge, one
 * reflection sheet per supervision) share the rest:
 *
 *   const book = HandbookStore.workbook("pledge", {version, validate(data), blank(), label(data)});
 *   book.records(), book.current(), book.select(id), book.add(), book.update(data),
 *   book.clear(), book.remove(), book.find(id), book.exportCurrent(filename),
 *   book.read(file) -> Promise<record> (checked, saves nothing), book.put(record),
 *   book.unreadable: saved work this version could not read (kept aside, never overwritten)
 *   HandbookStore.controls(sheet, book, {render(record), filename(record), csv(record)?})
 *     -> {save(data)}: the switcher, new/delete, export/import/CSV/print/clear buttons, status
 *   HandbookStore.fields(root) -> {get(), set(values)}: [data-field] blanks made inputs
 *   HandbookStore.printable(input), HandbookStore.setValue(input, value): an input (already
 *     in the page) gets a plain-text copy that print shows instead of the box
 *   HandbookStore.formatDate("2026-01-31") -> "31 January 2026"
 */
(function () {
  "use strict";

  var PREFIX = "safeguarding-handbook:";
  var MARK = "safeguarding-practice-handbook";

  function open(tool, options) {
    options = options || {};
    var key = PREFIX + tool;
    var version = options.version || 1;
    var validate = options.validate || function () { return null; };

    function load() {
      try {
        var text = window.localStorage.getItem(key);
        return text ? JSON.parse(text) : null;
      } catch (e) {
        return null;  // unreadable, or storage switched off: start afresh
      }
    }

    function save(data) {
      window.localStorage.setItem(key, JSON.stringify(data));
    }

    function clear() {
      window.localStorage.removeItem(key);
    }

    function envelope(data) {
      return { handbook: MARK, tool: tool, version: version, exported: new Date().toISOString(), data: data };
    }

    function exportJSON(data, filename) {
      download(JSON.stringify(envelope(data), null, 2), filename, "application/json");
    }

    /* Reads and checks a file; resolves with its data, never touching what is saved. */
    function importJSON(file) {
      return new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onerror = function () { reject(new Error("The file could not be read.")); };
        reader.onload = function () {
          var parsed;
          try {
            parsed = JSON.parse(reader.result);
          } catch (e) {
            reject(new Error("This file is not a JSON export from this handbook (it is not valid JSON)."));
            return;
          }
          if (!parsed || parsed.handbook !== MARK) {
            reject(new Error("This file is not an export from this handbook."));
            return;
          }
          if (parsed.tool !== tool) {
            reject(new Error("This file was exported from a different tool (" + String(parsed.tool) + ")."));
            return;
          }
          if (parsed.version !== version) {
            reject(new Error("This file is from an unsupported version (" + String(parsed.version) + ")."));
            return;
          }
          var problem = validate(parsed.data);
          if (problem) {
            reject(new Error("This file cannot be imported: " + problem));
            return;
          }
          resolve(parsed.data);
        };
        reader.readAsText(file);
      });
    }

    return { load: load, save: save, clear: clear, exportJSON: exportJSON, importJSON: importJSON };
  }

  function download(text, filename, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  /* RFC 4180 CSV: every cell quoted, quotes doubled, CRLF line ends. */
  function csv(rows) {
    return rows.map(function (row) {
      return row.map(function (cell) {
        return '"' + String(cell == null ? "" : cell).replace(/"/g, '""') + '"';
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  /* --- several records of one tool, kept, switched between, exported one at a time ------ */

  var RECORD_KEYS = ["id", "created", "updated", "data"];

  function workbook(tool, options) {
    var store = open(tool, { version: options.version, validate: checkRecord });
    var state = store.load(), unreadable = null;
    if (state && !isState(state)) {
      // Saved by another version of the page: kept aside, never overwritten, so it is not lost.
      unreadable = state;
      try { window.localStorage.setItem(PREFIX + tool + ":unreadable", JSON.stringify(state)); } catch (e) { /* as it was */ }
    }
    if (!isState(state)) state = { current: null, records: [] };
    if (!state.records.length) state.records.push(newRecord());
    if (!find(state.current)) state.current = state.records[0].id;

    function newRecord() {
      var now = new Date().toISOString();
      return { id: "r" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
               created: now, updated: now, data: options.blank() };
    }

    function isState(value) {
      return isObject(value) && Array.isArray(value.records) && value.records.every(function (r) {
        return !checkRecord(r);
      });
    }

    /* The shape of one exported record; the tool's validate checks its data. */
    function checkRecord(record) {
      if (!isObject(record)) return "it holds no record.";
      var extra = Object.keys(record).filter(function (k) { return RECORD_KEYS.indexOf(k) < 0; });
      if (extra.length) return "it has unexpected parts (" + extra.join(", ") + ").";
      if (typeof record.id !== "string" || !/^[a-z0-9]{1,40}$/.test(record.id)) return "its record id is missing or malformed.";
      if (typeof record.created !== "string" || typeof record.updated !== "string") return "its dates are missing.";
      return options.validate(record.data);
    }

    function find(id) {
      return state.records.filter(function (r) { return r.id === id; })[0] || null;
    }

    function current() { return find(state.current); }

    function persist() { store.save(state); }

    function add() {
      var record = newRecord();
      state.records.push(record);
      state.current = record.id;
      persist();
      return record;
    }

    function update(data) {
      var record = current();
      record.data = data;
      record.updated = new Date().toISOString();
      persist();
    }

    function remove() {
      state.records = state.records.filter(function (r) { return r.id !== state.current; });
      if (!state.records.length) state.records.push(newRecord());
      state.current = state.records[0].id;
      persist();
    }

    /* Adds an imported record, or replaces the saved one with the same id, and selects it. */
    function put(record) {
      var index = state.records.indexOf(find(record.id));
      if (index < 0) state.records.push(record); else state.records[index] = record;
      state.current = record.id;
      persist();
    }

    return {
      unreadable: unreadable,
      label: function (record) { return options.label(record.data); },
      records: function () { return state.records.slice(); },
      current: current,
      find: find,
      select: function (id) { if (find(id)) { state.current = id; persist(); } },
      add: add,
      update: update,
      clear: function () { update(options.blank()); },
      remove: remove,
      isEmpty: function (record) { return JSON.stringify(record.data) === JSON.stringify(options.blank()); },
      exportCurrent: function (filename) { store.exportJSON(current(), filename); },
      read: store.importJSON,
      put: put
    };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* --- the controls every working sheet shares ------------------------------------------ */

  var uid = 0;

  function element(name, attrs, text) {
    var el = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text) el.textContent = text;
    return el;
  }

  function button(text, cls) {
    return element("button", { type: "button", "class": "md-button hb-tool-button" + (cls ? " " + cls : "") }, text);
  }

  function controls(sheet, book, hooks) {
    var noun = sheet.getAttribute("data-noun");
    var Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
    var id = "hb-tool-" + (++uid);
    var box = element("div", { "class": "hb-tool-controls", role: "region", "aria-label": Noun + ": save, export and print" });
    box.appendChild(element("p", { "class": "hb-tool-privacy" },
      "What you type is saved in this browser only, on this device: nothing is sent anywhere. " +
      "Export a file to keep a copy or to move it to another device."));
    var pick = element("select", { id: id + "-pick" });
    var row1 = element("div", { "class": "hb-tool-row" });
    row1.appendChild(element("label", { "for": id + "-pick" }, Noun));
    row1.appendChild(pick);
    var make = button("New " + noun), drop = button("Delete " + noun);
    row1.appendChild(make);
    row1.appendChild(drop);
    var row2 = element("div", { "class": "hb-tool-row" });
    var exportJSON = button("Export " + noun + " (JSON)"), importJSON = button("Import (JSON)…");
    var file = element("input", { type: "file", accept: ".json,application/json", hidden: "", id: id + "-file" });
    var exportCSV = hooks.csv ? button("Export CSV") : null;
    var print = button("Print"), wipe = button("Clear " + noun, "hb-tool-danger");
    [exportJSON, importJSON, file, exportCSV, print, wipe].forEach(function (el) { if (el) row2.appendChild(el); });
    box.appendChild(row1);
    box.appendChild(row2);
    var status = element("p", { "class": "hb-tool-status", role: "status" });
    var error = element("p", { "class": "hb-tool-error", role: "alert" });
    box.appendChild(status);
    box.appendChild(error);
    sheet.insertBefore(box, sheet.firstChild);

    function say(text) { error.textContent = ""; status.textContent = text; }

    function fill() {
      pick.textContent = "";
      var seen = {};
      book.records().forEach(function (record) {
        var name = book.label(record);
        seen[name] = (seen[name] || 0) + 1;
        var option = element("option", { value: record.id }, name + (seen[name] > 1 ? " (" + seen[name] + ")" : ""));
        option.selected = record.id === book.current().id;
        pick.appendChild(option);
      });
    }

    function show(message) {
      fill();
      hooks.render(book.current());
      say(message);
    }

    pick.addEventListener("change", function () {
      book.select(pick.value);
      show("Showing " + book.label(book.current()) + ".");
    });
    make.addEventListener("click", function () {
      book.add();
      show("New " + noun + " started. Any others are still saved: choose them in the list.");
    });
    drop.addEventListener("click", function () {
      var name = book.label(book.current());
      if (!window.confirm("Delete the " + noun + " “" + name + "” from this browser? This cannot be undone: export it first to keep a copy.")) return;
      book.remove();
      show("Deleted " + name + ".");
    });
    wipe.addEventListener("click", function () {
      var name = book.label(book.current());
      if (!window.confirm("Clear everything entered in the " + noun + " “" + name + "”? This cannot be undone: export it first to keep a copy.")) return;
      book.clear();
      show("Cleared " + name + ".");
    });
    exportJSON.addEventListener("click", function () {
      book.exportCurrent(hooks.filename(book.current()) + ".json");
      say("Exported " + book.label(book.current()) + " as a JSON file.");
    });
    if (exportCSV) exportCSV.addEventListener("click", function () {
      // With a byte order mark, spreadsheet programs read the file as UTF-8 (curly quotes, dashes).
      download("\ufeff" + csv(hooks.csv(book.current())), hooks.filename(book.current()) + ".csv", "text/csv");
      say("Exported " + book.label(book.current()) + " as a CSV file.");
    });
    print.addEventListener("click", function () { window.print(); });
    importJSON.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var chosen = file.files[0];
      file.value = "";
      if (!chosen) return;
      book.read(chosen).then(function (record) {
        var saved = book.find(record.id);
        if (saved && !book.isEmpty(saved) && !window.confirm("Replace the " + noun + " “" + book.label(saved) +
            "” saved in this browser with the copy in " + chosen.name + "?")) {
          say("Nothing imported.");
          return;
        }
        book.put(record);
        show("Imported " + book.label(record) + " from " + chosen.name + ".");
      }, function (problem) {
        status.textContent = "";
        error.textContent = "Not imported: " + problem.message + " Nothing saved here has changed.";
      });
    });

    show("");
    if (book.unreadable) {
      error.textContent = "Work saved here earlier could not be read by this version of the page. " +
        "It is kept in this browser; download it to keep a copy.";
      var keep = button("Download the earlier work");
      keep.addEventListener("click", function () {
        download(JSON.stringify(book.unreadable, null, 2), sheet.getAttribute("data-tool") + "-earlier-work.json",
                 "application/json");
      });
      box.insertBefore(keep, error.nextSibling);
    }
    sheet.classList.add("is-enhanced");
    return {
      /* Saves the current record's data as typed; says so, or says plainly that it could not. */
      save: function (data) {
        try {
          book.update(data);
        } catch (e) {
          status.textContent = "";
          error.textContent = "Not saved: this browser would not keep it (its storage may be full or switched off). " +
            "Export a file to keep a copy.";
          return;
        }
        fill();
        say("All changes saved in this browser.");
      }
    };
  }

  /* --- inputs with a printed copy ---------------------------------------------------------- */

  /* Call once the input is in the page: its copy goes right after it. */
  function printable(input) {
    var copy = element("div", { "class": "hb-print-value", "aria-hidden": "true" });
    input.classList.add("hb-has-print-value");
    input.after(copy);
    input.hbPrintValue = copy;
    input.addEventListener("input", function () { copy.textContent = shown(input); });
    return input;
  }

  function shown(input) {
    return input.type === "date" ? formatDate(input.value) : input.value;
  }

  function setValue(input, value) {
    input.value = value || "";
    if (input.hbPrintValue) input.hbPrintValue.textContent = shown(input);
  }

  /* Blank lines `<p class="hb-field" data-field="id" data-kind="text|date">` become labelled inputs. */
  function fields(root) {
    var inputs = {};
    Array.prototype.forEach.call(root.querySelectorAll(".hb-field[data-field]"), function (p) {
      var kind = p.getAttribute("data-kind");
      if (kind !== "text" && kind !== "date") return;
      var key = p.getAttribute("data-field");
      var input = element("input", { type: kind, id: "hb-field-" + key, autocomplete: "off" });
      var label = element("label", { "for": input.id, "class": "hb-field-label" },
                          p.querySelector(".hb-field-label").textContent);
      p.textContent = "";
      p.appendChild(label);
      p.appendChild(input);
      printable(input);
      inputs[key] = input;
    });
    return {
      inputs: inputs,
      get: function () {
        var values = {};
        Object.keys(inputs).forEach(function (k) { if (inputs[k].value) values[k] = inputs[k].value; });
        return values;
      },
      set: function (values) {
        Object.keys(inputs).forEach(function (k) { setValue(inputs[k], values[k]); });
      },
      check: function (values) {
        if (!isObject(values)) return "its fields are missing.";
        var bad = Object.keys(values).filter(function (k) {
          var input = inputs[k];
          return !input || typeof values[k] !== "string" || (input.type === "date" && !isDate(values[k]));
        });
        return bad.length ? "it has unknown or malformed fields (" + bad.join(", ") + ")." : null;
      }
    };
  }

  function isDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function formatDate(text) {
    if (!isDate(text)) return text || "";
    var p = text.split("-");
    return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]))
      .toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  window.HandbookStore = {
    open: open, download: download, csv: csv,
    workbook: workbook, controls: controls, fields: fields,
    printable: printable, setValue: setValue, isDate: isDate, formatDate: formatDate, isObject: isObject
  };
})();
