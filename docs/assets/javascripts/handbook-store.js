/*
 * What a practitioner types stays in this browser: a small store over localStorage shared by
 * the handbook's tools (escalation record, practice pledge, reflection sheet). Nothing typed is
 * ever lost without the page saying so:
 *
 * - several tabs: each tab saves only what it changed since it last read the saved copy, merged
 *   over what is saved now (merge), and takes in other tabs' saves as they happen (watch); where
 *   two tabs changed the same box, this tab's text is kept and the other's is shown in a notice;
 * - saved text this version cannot read (damaged, or from a newer version) is copied under
 *   "<key>:unreadable" before anything can overwrite it, said so, and offered for download;
 * - where the browser will not store anything (switched off, full, private, blocked), the page
 *   says at once that nothing is kept, and never says "saved" for a save that failed.
 *
 *   const store = HandbookStore.open("escalation-record", {validate, readState(saved, format), upgrade?});
 *   store.available, store.unreadable, store.read(), store.commit(change), store.watch(fn),
 *   store.clear(), store.exportJSON(data, filename), store.importJSON(file) -> Promise<data>
 *   HandbookStore.merge(base, mine, theirs) -> {value, conflicts}
 *   HandbookStore.download(text, filename, type)  HandbookStore.csv(rows) -> text
 *
 * Formats. Exported files are {handbook, tool, format: 2, exported, data}; what is saved is
 * {format: 2, state}. Format 1 (the first release) exported {..., version: 1, ...} and saved the
 * bare state; its data has the same shape, so it is read as it is (a tool whose data changes
 * shape passes upgrade(data, format)). A file from a newer format is refused with a message
 * saying so, never half-read; every older format stays readable.
 *
 * Working sheets that keep several records (an individual's and a team's pledge, one
 * reflection sheet per supervision) share the rest:
 *
 *   const book = HandbookStore.workbook("pledge", {validate(data), blank(), label(data), upgrade?});
 *   book.records(), book.current(), book.select(id), book.add(), book.update(data),
 *   book.clear(), book.remove(), book.find(id), book.exportCurrent(filename),
 *   book.read(file) -> Promise<record> (checked, saves nothing), book.put(record),
 *   book.onChange(fn): another tab saved; book.unreadable, book.available()
 *   HandbookStore.controls(sheet, book, {render(record), filename(record), csv(record)?, describe(path)?})
 *     -> {save(data)}: the switcher, new/delete, export/import/CSV/print/clear buttons, status, notices
 *   HandbookStore.fields(root) -> {get(), set(values)}: [data-field] blanks made inputs
 *   HandbookStore.printable(input), HandbookStore.setValue(input, value): an input (already
 *     in the page) gets a plain-text copy that print shows instead of the box
 *   HandbookStore.formatDate("2026-01-31") -> "31 January 2026"
 *   HandbookStore.inSlices(items, work(item), done()): a long sheet made in short tasks
 * No request ever leaves the page.
 */
(function () {
  "use strict";

  var PREFIX = "safeguarding-handbook:";
  var MARK = "safeguarding-practice-handbook";
  var FORMAT = 2;  // of exported files and of what is saved; every older format stays readable

  /* localStorage, or null where the browser will not give it (switched off, private mode,
     blocked for this site: some browsers throw on merely reading window.localStorage). */
  function storage() {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  function open(tool, options) {
    options = options || {};
    var key = PREFIX + tool;
    var validate = options.validate || function () { return null; };
    var upgrade = options.upgrade || function (data) { return data; };
    var local = storage();
    var seen = null;  // the saved text as this tab last read or wrote it
    var store = {
      key: key,
      available: Boolean(local),   // false: nothing typed here can be kept
      unreadable: null             // {key, text, why}: saved work this version could not read, kept aside
    };

    /* What is saved, as {format: 2, state: ...}; a bare state is format 1 (saved before formats).
       Returns the state, or null when nothing is saved. Saved text this version cannot read is
       copied under another key first, so that the next save cannot overwrite the only copy. */
    function read() {
      if (!local) return null;
      var text = seen = local.getItem(key);
      if (text === null) return null;
      var parsed, format, why = null;
      try { parsed = JSON.parse(text); } catch (e) { why = "it is damaged (not valid JSON)"; }
      if (!why) {
        format = isObject(parsed) && "format" in parsed ? parsed.format : 1;
        if (format === FORMAT) parsed = parsed.state;
        if (typeof format !== "number" || format > FORMAT) why = "it was saved by a newer version of the handbook (format " + String(format) + ")";
        else if (!options.readState || !(parsed = options.readState(parsed, format))) why = "it is not in a shape this version knows";
      }
      if (!why) return parsed;
      keepAside(text, why);
      return null;
    }

    function keepAside(text, why) {
      var aside = key + ":unreadable";
      var there = local.getItem(aside);
      if (there !== null && there !== text) aside += ":" + Date.now();
      // If even this copy cannot be made, saving stops: the damaged copy is then the only one.
      try { local.setItem(aside, text); } catch (e) { store.available = false; }
      store.unreadable = { key: aside, text: text, why: why };
    }

    /* Saves; throws where the browser refuses (full, switched off). */
    function write(state) {
      if (!local || !store.available) throw new Error("storage unavailable");
      var text = JSON.stringify({ format: FORMAT, state: state });
      local.setItem(key, text);
      seen = text;
    }

    /* Reads what is saved now (another tab may have changed it), lets change() make the next
       state from it, and saves that: so a tab never writes back what it happened to hold. */
    function commit(change) {
      var next = change(read());
      write(next);
      return next;
    }

    function clear() {
      if (local) local.removeItem(key);
      seen = null;
    }

    /* Calls back with what is saved when another tab or window of this browser changes it.
       The storage event says so (never in the tab that saved), but not always: WebKit stops
       sending it to a file:// page once reloaded. So the saved text is also compared with what
       this tab last saw when the tab comes back into view and every 1.5 s while it is shown
       (a string comparison, nothing parsed unless it changed). */
    function watch(callback) {
      if (!local) return;
      var check = function () {
        try {
          if (local.getItem(key) !== seen) callback(read());
        } catch (e) { /* storage went away: nothing to take in */ }
      };
      window.addEventListener("storage", function (event) {
        if (event.key === key || event.key === null) check();
      });
      window.addEventListener("focus", check);
      document.addEventListener("visibilitychange", check);
      window.setInterval(function () { if (document.visibilityState !== "hidden") check(); }, 1500);
    }

    function envelope(data) {
      return { handbook: MARK, tool: tool, format: FORMAT, exported: new Date().toISOString(), data: data };
    }

    function exportJSON(data, filename) {
      download(JSON.stringify(envelope(data), null, 2), filename, "application/json");
    }

    /* Reads and checks a file; resolves with its data (brought up to this format), saving nothing. */
    function importJSON(file) {
      return new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onerror = function () { reject(new Error("The file could not be read.")); };
        reader.onload = function () {
          try {
            resolve(parse(reader.result));
          } catch (problem) {
            reject(problem);
          }
        };
        reader.readAsText(file);
      });
    }

    function parse(text) {
      var parsed;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new Error("This file is not a JSON export from this handbook (it is not valid JSON).");
      }
      if (!parsed || parsed.handbook !== MARK) throw new Error("This file is not an export from this handbook.");
      if (parsed.tool !== tool) throw new Error("This file was exported from a different tool (" + String(parsed.tool) + ").");
      // Format 1 files said "version": 1.
      var format = "format" in parsed ? parsed.format : parsed.version;
      if (typeof format !== "number" || format < 1 || format % 1) {
        throw new Error("This file is from an unsupported version (" + String(format) + ").");
      }
      if (format > FORMAT) {
        throw new Error("This file was exported by a newer version of the handbook (format " + format +
                        "); this one reads formats up to " + FORMAT + ". Open it in the newer handbook.");
      }
      var data = upgrade(parsed.data, format);
      var problem = validate(data);
      if (problem) throw new Error("This file cannot be imported: " + problem);
      return data;
    }

    store.read = read;
    store.write = write;
    store.commit = commit;
    store.clear = clear;
    store.watch = watch;
    store.exportJSON = exportJSON;
    store.importJSON = importJSON;
    store.parse = parse;
    return store;
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

  /* --- merging what two tabs changed ------------------------------------------------------ */

  /* A value as {path: JSON of a leaf}: objects by key ("/rows/point-1/pledge"), lists of
     objects by place ("/stages/#0/date"); text, lists of text and empty parts are leaves. */
  function flatten(value, path, out) {
    out = out || {};
    path = path || "";
    if (isObject(value) && Object.keys(value).length) {
      Object.keys(value).forEach(function (k) {
        flatten(value[k], path + "/" + k.replace(/~/g, "~0").replace(/\//g, "~1"), out);
      });
    } else if (Array.isArray(value) && value.length && value.every(isObject)) {
      value.forEach(function (v, i) { flatten(v, path + "/#" + i, out); });
    } else if (value !== undefined) {
      out[path] = JSON.stringify(value);
    }
    return out;
  }

  function unflatten(flat) {
    var root = {};
    var depth = function (p) { return p.split("/").length; };
    Object.keys(flat).sort(function (a, b) { return depth(a) - depth(b); }).forEach(function (path) {
      var node = root, at = "v";
      path.split("/").slice(1).forEach(function (part) {
        var index = part.charAt(0) === "#";
        if (!isObject(node[at]) && !Array.isArray(node[at])) node[at] = index ? [] : {};
        node = node[at];
        at = index ? Number(part.slice(1)) : part.replace(/~1/g, "/").replace(/~0/g, "~");
      });
      if (!isObject(node[at]) && !Array.isArray(node[at])) node[at] = JSON.parse(flat[path]);
    });
    return compact(root.v);
  }

  /* Lists lose the holes a removed entry leaves. */
  function compact(value) {
    if (Array.isArray(value)) return value.filter(function (v) { return v !== undefined; }).map(compact);
    if (isObject(value)) Object.keys(value).forEach(function (k) { value[k] = compact(value[k]); });
    return value;
  }

  function isTextList(json) {
    if (json === undefined) return true;
    var v = JSON.parse(json);
    return Array.isArray(v) && v.every(function (x) { return typeof x === "string"; });
  }

  /* A three-way merge: `base` is what this tab last read, `mine` what it holds now, `theirs`
     what is saved now. Every part this tab changed is put over `theirs`; the rest of `theirs`
     (another tab's changes) stays. Lists of text (ticked boxes) merge as sets. Where both
     changed the same part differently, this tab's wins and the other is returned in
     `conflicts` [{path, theirs}], for the page to show, so that neither is silently lost. */
  function merge(base, mine, theirs) {
    var b = flatten(base), m = flatten(mine), t = flatten(theirs), out = {}, conflicts = [];
    if (sameFlat(b, t)) return { value: mine, conflicts: [] };  // nothing saved elsewhere meanwhile
    Object.keys(t).forEach(function (p) { out[p] = t[p]; });
    Object.keys(b).concat(Object.keys(m)).forEach(function (p, i, all) {
      if (m[p] === b[p] || all.indexOf(p) !== i) return;
      if (isTextList(b[p]) && isTextList(m[p]) && isTextList(t[p]) && (b[p] || m[p])) {
        var was = JSON.parse(b[p] || "[]"), now = JSON.parse(m[p] || "[]"), there = JSON.parse(t[p] || "[]");
        var set = there.filter(function (x) { return now.indexOf(x) >= 0 || was.indexOf(x) < 0; })
          .concat(now.filter(function (x) { return there.indexOf(x) < 0 && was.indexOf(x) < 0; }));
        out[p] = JSON.stringify(set);
        return;
      }
      if (t[p] !== b[p] && t[p] !== m[p]) conflicts.push({ path: p, theirs: t[p] === undefined ? "" : JSON.parse(t[p]) });
      if (m[p] === undefined) delete out[p]; else out[p] = m[p];
    });
    var value = unflatten(out);
    return { value: value === undefined ? mine : value, conflicts: conflicts };
  }

  function sameFlat(a, b) {
    var keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(function (k) { return a[k] === b[k]; });
  }

  /* Equal in content, whatever the order of the keys. */
  function same(a, b) {
    return sameFlat(flatten(a), flatten(b));
  }

  /* --- several records of one tool, kept, switched between, exported one at a time ------ */

  var RECORD_KEYS = ["id", "created", "updated", "data"];

  /* The tool's options: version-independent validate(data), blank(), label(data), and
     upgrade(data, format) bringing an older format's data to this one. */
  function workbook(tool, options) {
    var upgradeData = options.upgrade || function (data) { return data; };
    var store = open(tool, {
      validate: checkRecord,
      upgrade: function (record, format) {
        return isObject(record) ? copyWith(record, { data: upgradeData(record.data, format) }) : record;
      },
      readState: function (state, format) {
        if (!isObject(state) || !Array.isArray(state.records)) return null;
        state = copyWith(state, { records: state.records.map(function (r) {
          return isObject(r) ? copyWith(r, { data: upgradeData(r.data, format) }) : r;
        }) });
        return state.records.every(function (r) { return !checkRecord(r); }) ? state : null;
      }
    });
    // `state` is what this tab last read or saved; which record it shows is its own (`current`).
    var state = store.read() || { current: null, records: [] };
    var current = state.current;
    var listeners = [];
    if (!state.records.length) state.records.push(newRecord());
    if (!find(current)) current = state.records[0].id;

    function newRecord() {
      var now = new Date().toISOString();
      return { id: "r" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
               created: now, updated: now, data: options.blank() };
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

    function find(id, within) {
      return (within || state).records.filter(function (r) { return r.id === id; })[0] || null;
    }

    /* Applies one change to what is saved now and saves it. In memory the change is made
       even when the browser will not save it, so the page goes on working; returns whether
       it was saved. */
    function commit(change) {
      var ok = true;
      try {
        state = store.commit(function (saved) {
          var next = saved ? copyWith(saved, { records: saved.records.slice() }) : { records: [] };
          change(next);
          next.current = current;
          return next;
        });
      } catch (e) {
        ok = false;
        var next = copyWith(state, { records: state.records.slice() });
        change(next);
        state = next;
      }
      return ok;
    }

    function add() {
      var record = newRecord();
      current = record.id;
      return commit(function (next) { next.records.push(record); });
    }

    /* Saves the data typed for the current record: only what changed since this tab last read
       it is written over what is saved now. Returns {saved, data (merged), conflicts}. */
    function update(data) {
      var mine = find(current), result = { value: data, conflicts: [] };
      var saved = commit(function (next) {
        var theirs = find(current, next);
        result = theirs ? merge(mine.data, data, theirs.data) : { value: data, conflicts: [] };
        var record = copyWith(theirs || mine, { data: result.value, updated: new Date().toISOString() });
        if (theirs) next.records[next.records.indexOf(theirs)] = record;
        else next.records.push(record);  // deleted in another tab while typed in here: kept
      });
      return { saved: saved, data: result.value, conflicts: result.conflicts };
    }

    function remove() {
      var gone = current;
      var ok = commit(function (next) {
        next.records = next.records.filter(function (r) { return r.id !== gone; });
        if (!next.records.length) next.records.push(newRecord());
      });
      if (!find(current)) current = state.records[0].id;
      return ok;
    }

    /* Adds an imported record, or replaces the saved one with the same id, and selects it. */
    function put(record) {
      current = record.id;
      return commit(function (next) {
        var index = next.records.indexOf(find(record.id, next));
        if (index < 0) next.records.push(record); else next.records[index] = record;
      });
    }

    /* Another tab saved: take its records; the one shown here is merged with what this tab
       holds (normally the same, as this tab saves as it is typed in). */
    store.watch(function (saved) {
      var before = find(current);
      state = saved || { records: [newRecord()] };
      if (!state.records.length) state.records.push(newRecord());
      var after = find(current);
      if (!after) current = state.records[0].id;
      listeners.forEach(function (fn) { fn({ record: find(current), before: before, removed: !after }); });
    });

    return {
      store: store,
      unreadable: store.unreadable,
      available: function () { return store.available; },
      label: function (record) { return options.label(record.data); },
      records: function () { return state.records.slice(); },
      current: function () { return find(current); },
      find: function (id) { return find(id); },
      select: function (id) { if (find(id)) { current = id; commit(function () {}); } },
      add: add,
      update: update,
      clear: function () { return update(options.blank()); },
      remove: remove,
      isEmpty: function (record) { return same(record.data, options.blank()); },
      exportCurrent: function (filename) { store.exportJSON(find(current), filename); },
      read: store.importJSON,
      put: put,
      onChange: function (fn) { listeners.push(fn); }
    };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function copyWith(object, parts) {
    var out = {};
    Object.keys(object).forEach(function (k) { out[k] = object[k]; });
    Object.keys(parts).forEach(function (k) { out[k] = parts[k]; });
    return out;
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

  var UNAVAILABLE = "Nothing you type here is being kept: this browser is not letting the page save anything " +
    "(its storage is switched off, full or private). Export a file before you close the page, or what you typed is lost.";
  var NOT_SAVED = "Not saved: this browser would not keep it (its storage may be full or switched off). " +
    "Export a file to keep a copy.";
  // Each time a save fails while the notice above (UNAVAILABLE) says why.
  var NOT_KEPT = "Not saved: this browser is keeping nothing typed here. Export a file to keep a copy.";

  /* Notices that stay until dismissed: about what is (not) kept, never cleared by the next save.
     Each is a paragraph in `box`, which is an alert region; returns the paragraph. */
  function notice(box, text, kind) {
    var existing = kind && box.querySelector("[data-notice='" + kind + "']");
    if (existing) existing.remove();
    var p = element("div", { "class": "hb-tool-notice" + (kind ? " hb-tool-notice--" + kind : ""), "data-notice": kind || "" });
    p.appendChild(element("p", {}, text));
    box.appendChild(p);
    box.hidden = false;
    return p;
  }

  function dismissable(p, box) {
    var close = button("Dismiss this notice");
    close.addEventListener("click", function () {
      p.remove();
      box.hidden = !box.children.length;
    });
    p.appendChild(close);
  }

  /* The earlier work this version could not read: said so, with a button to download it as it was. */
  function offerUnreadable(box, unreadable, name) {
    var p = notice(box, "Work saved here earlier could not be read by this version of the page: " + unreadable.why +
      ". It is kept in this browser, untouched; download it to keep a copy.", "unreadable");
    var keep = button("Download the earlier work");
    var json = true;
    try { JSON.parse(unreadable.text); } catch (e) { json = false; }
    keep.addEventListener("click", function () {
      download(unreadable.text, name + "-earlier-work." + (json ? "json" : "txt"), json ? "application/json" : "text/plain");
    });
    p.appendChild(keep);
    return p;
  }

  /* Where this tab and another changed the same part: both versions named, this tab's kept.
     The notice floats at the foot of the window (the controls may be far above the box typed in). */
  function showConflicts(root, conflicts, describe) {
    var box = root.querySelector(".hb-tool-float");
    if (!box) {
      box = root.appendChild(element("div", { "class": "hb-tool-notices hb-tool-float", role: "alert", hidden: "" }));
    }
    var p = notice(box, "Also changed in another tab or window while you typed here. What you typed in this tab " +
      "is kept; the other version is below, so you can copy it back if you need it.", "conflict");
    var list = p.appendChild(element("ul", {}));
    conflicts.forEach(function (c) {
      var item = list.appendChild(element("li", {}));
      item.appendChild(element("strong", {}, describe(c.path) + ": "));
      item.appendChild(document.createTextNode(typeof c.theirs === "string" ? (c.theirs ? "“" + c.theirs + "”" : "(empty)")
                                                                               : JSON.stringify(c.theirs)));
    });
    dismissable(p, box);
  }

  /* Re-drawing a form loses the focus and the caret; this puts them back where they were. */
  function keepingFocus(root, draw) {
    var el = document.activeElement, which = null, start = null, end = null;
    if (el && root.contains(el)) {
      which = el.id ? "#" + CSS.escape(el.id) : el.getAttribute("aria-label") ? "[aria-label='" + el.getAttribute("aria-label").replace(/'/g, "\\'") + "']" : null;
      try { start = el.selectionStart; end = el.selectionEnd; } catch (e) { /* not a text box */ }
    }
    draw();
    var again = which && root.querySelector(which);
    if (again && again !== document.activeElement) {
      again.focus();
      if (start !== null) try { again.setSelectionRange(start, end); } catch (e) { /* not a text box */ }
    }
  }

  function controls(sheet, book, hooks) {
    var noun = sheet.getAttribute("data-noun");
    var Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
    var id = "hb-tool-" + (++uid);
    var describe = hooks.describe || function (path) { return path; };
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
    var file = element("input", { type: "file", accept: ".json,application/json", hidden: "", id: id + "-file",
                               "aria-label": "JSON file to import" });
    var exportCSV = hooks.csv ? button("Export CSV") : null;
    var print = button("Print"), wipe = button("Clear " + noun, "hb-tool-danger");
    [exportJSON, importJSON, file, exportCSV, print, wipe].forEach(function (el) { if (el) row2.appendChild(el); });
    box.appendChild(row1);
    box.appendChild(row2);
    var notices = element("div", { "class": "hb-tool-notices", role: "alert", hidden: "" });
    var status = element("p", { "class": "hb-tool-status", role: "status" });
    var error = element("p", { "class": "hb-tool-error", role: "alert" });
    box.appendChild(notices);
    box.appendChild(status);
    box.appendChild(error);
    sheet.insertBefore(box, sheet.firstChild);

    function say(text) { error.textContent = ""; status.textContent = text; }

    function fail(text) { status.textContent = ""; error.textContent = text; }

    /* Says what a change did: saved, or plainly not (never "saved" when it was not). */
    function done(saved, message) {
      if (saved) say(message);
      else fail(book.available() ? NOT_SAVED : NOT_KEPT);
    }

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
      if (message !== undefined) say(message);
    }

    pick.addEventListener("change", function () {
      book.select(pick.value);
      show("Showing " + book.label(book.current()) + ".");
    });
    make.addEventListener("click", function () {
      var saved = book.add();
      show();
      done(saved, "New " + noun + " started. Any others are still saved: choose them in the list.");
    });
    drop.addEventListener("click", function () {
      var name = book.label(book.current());
      if (!window.confirm("Delete the " + noun + " “" + name + "” from this browser? This cannot be undone: export it first to keep a copy.")) return;
      var saved = book.remove();
      show();
      done(saved, "Deleted " + name + ".");
    });
    wipe.addEventListener("click", function () {
      var name = book.label(book.current());
      if (!window.confirm("Clear everything entered in the " + noun + " “" + name + "”? This cannot be undone: export it first to keep a copy.")) return;
      var result = book.clear();
      show();
      done(result.saved, "Cleared " + name + ".");
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
        var kept = book.put(record);
        show();
        done(kept, "Imported " + book.label(record) + " from " + chosen.name + ".");
      }, function (problem) {
        fail("Not imported: " + problem.message + " Nothing saved here has changed.");
      });
    });

    /* Another tab or window saved: show its records, and its changes to the one shown here. */
    book.onChange(function (change) {
      keepingFocus(sheet, function () { show(); });
      if (change.removed && !book.isEmpty(change.before)) {
        notice(notices, "The " + noun + " “" + book.label(change.before) + "” shown here was deleted in another tab " +
          "or window. Showing " + book.label(book.current()) + ".", "removed");
      } else if (!same(change.before.data, change.record.data)) {
        say("Updated with changes saved in another tab or window.");
      }
    });

    show("");
    if (!book.available()) notice(notices, UNAVAILABLE, "unavailable");
    if (book.unreadable) offerUnreadable(notices, book.unreadable, sheet.getAttribute("data-tool"));
    sheet.classList.add("is-enhanced");
    return {
      /* Saves the current record's data as typed; says so, or says plainly that it could not. */
      save: function (data) {
        var result = book.update(data);
        if (!same(result.data, data)) keepingFocus(sheet, function () { hooks.render(book.current()); });
        if (result.conflicts.length) showConflicts(sheet, result.conflicts, describe);
        fill();
        done(result.saved, "All changes saved in this browser.");
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
    // Unchanged values are left alone, so that a box being typed in keeps its caret.
    if (input.value !== (value || "")) input.value = value || "";
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

  /* --- making a long sheet without holding up the page ------------------------------------ */

  var SLICE = 8;  // ms of script at a time: on a phone four times slower, still a short task

  /* Calls work(item) for each item, a slice of about SLICE ms at a time, each slice its own task
     so that the page can paint, scroll and answer a tap in between; then done(). The first
     slice waits too: deferred scripts run in the same task as DOMContentLoaded, whose handlers
     (Material's) read the layout, and would lay out whatever the sheet had made so far. A hidden
     tab keeps no one waiting and runs few timers, so there the rest is done at once. */
  function inSlices(items, work, done) {
    var i = 0;
    function slice() {
      var until = Date.now() + SLICE;
      while (i < items.length && (document.hidden || Date.now() < until)) work(items[i++]);
      if (i < items.length) setTimeout(slice); else done();
    }
    setTimeout(slice);
  }

  window.HandbookStore = {
    open: open, download: download, csv: csv, merge: merge, same: same, FORMAT: FORMAT,
    workbook: workbook, controls: controls, fields: fields,
    notice: notice, dismissable: dismissable, offerUnreadable: offerUnreadable, showConflicts: showConflicts,
    keepingFocus: keepingFocus, UNAVAILABLE: UNAVAILABLE, NOT_SAVED: NOT_SAVED, NOT_KEPT: NOT_KEPT,
    printable: printable, setValue: setValue, isDate: isDate, formatDate: formatDate, isObject: isObject,
    inSlices: inSlices
  };
})();
