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
      var text = window.localStorage.getItem(key);
      if (!text) return null;
      try {
        return JSON.parse(text);
      } catch (e) {
        return null;
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

  window.HandbookStore = { open: open, download: download, csv: csv };
})();
