/*
 * The escalation record: the four things 1.7 asks you to be clear about, then a log of stages.
 * Saved as you type with HandbookStore (this browser only; nothing is sent anywhere), exported
 * and imported as JSON, printed for the case record, cleared on request.
 *
 * The fields are the form the build wrote from data (data-clear, data-field); the saved shape is
 *   { route: "", clear: {<field>: ""}, stages: [{step: "", <field>: "" or true/false}] }
 * The navigator leaves a pending step in sessionStorage; this page adds it as a new stage.
 *
 * Two tabs may hold the record at once: each saves only what it changed since it last read the
 * record (merged over what is saved now), and takes in the other's saves as they happen.
 */
(function () {
  "use strict";

  var root = document.getElementById("hb-record");
  if (!root || !window.HandbookStore) return;
  var form = document.getElementById("hb-record-form");
  var list = document.getElementById("hb-record-stages");
  var template = list.querySelector("[data-stage]").cloneNode(true);
  var statusLine = root.querySelector(".hb-record__status");
  var errorLine = root.querySelector(".hb-record__error");
  var fileInput = document.getElementById("hb-record-file");
  var PENDING = "safeguarding-handbook:escalation-record:pending";

  var clearIds = Array.prototype.map.call(form.querySelectorAll("[data-clear]"), function (el) { return el.dataset.clear; });
  var stageTypes = {};
  Array.prototype.forEach.call(template.querySelectorAll("[data-field]"), function (el) {
    stageTypes[el.dataset.field] = el.type === "checkbox" ? "boolean" : "string";
  });
  stageTypes.step = "string";

  var HS = window.HandbookStore;
  var store = HS.open("escalation-record", {
    validate: validate,
    readState: function (data) { return validate(data) ? null : data; }
  });
  var notices = document.createElement("div");
  notices.className = "hb-tool-notices hb-record__notices";
  notices.setAttribute("role", "alert");
  notices.hidden = true;
  errorLine.after(notices);

  /* Why a parsed file is not a record this page can hold, or null when it is. */
  function validate(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return "the record is not an object.";
    if (typeof data.route !== "string") return "“route” should be text.";
    if (!data.clear || typeof data.clear !== "object") return "“clear” is missing.";
    for (var key in data.clear) {
      if (clearIds.indexOf(key) < 0) return "unknown field “" + key + "”.";
      if (typeof data.clear[key] !== "string") return "“" + key + "” should be text.";
    }
    if (!Array.isArray(data.stages)) return "“stages” should be a list.";
    for (var i = 0; i < data.stages.length; i++) {
      var stage = data.stages[i];
      if (!stage || typeof stage !== "object") return "stage " + (i + 1) + " is not an object.";
      for (var field in stage) {
        if (!stageTypes[field]) return "stage " + (i + 1) + " has an unknown field “" + field + "”.";
        if (typeof stage[field] !== stageTypes[field]) return "stage " + (i + 1) + ": “" + field + "” has the wrong type.";
      }
    }
    return null;
  }

  function blank() {
    return { route: "", clear: {}, stages: [{}] };
  }

  function isBlank(data) {
    var empty = function (part) { return Object.keys(part).every(function (k) { return !part[k]; }); };
    return !data.route && empty(data.clear) && data.stages.every(empty);
  }

  /* The names of a saved part, for the notice shown when two tabs changed it. */
  function describe(path) {
    var parts = path.split("/").slice(1), el = null;
    if (parts[0] === "clear") el = form.querySelector("[data-clear='" + parts[1] + "']");
    if (parts[0] === "stages" && parts[2]) {
      var li = list.querySelectorAll("[data-stage]")[Number(parts[1].slice(1))];
      el = li && li.querySelector("[data-field='" + parts[2] + "']");
      if (el) return "Stage " + (Number(parts[1].slice(1)) + 1) + ", " + labelOf(el);
    }
    return el ? labelOf(el) : "The record";
  }

  function labelOf(el) {
    return el.labels && el.labels[0] ? el.labels[0].textContent.trim() : el.getAttribute("data-field") || "";
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  /* Textareas grow with their text on screen. On paper a copy of the text stands in for each
     one (a textarea's height is set for the screen's width, so it could cut off in print). */
  function fit(el) {
    if (el.tagName !== "TEXTAREA") return;
    el.style.height = "auto";
    el.style.height = el.scrollHeight + 2 + "px";
    var copy = el.nextElementSibling;
    if (!copy || !copy.classList.contains("hb-record__printed")) {
      copy = document.createElement("div");
      copy.className = "hb-record__printed";
      copy.setAttribute("aria-hidden", "true");
      el.after(copy);
      el.classList.add("hb-record__on-screen");
    }
    copy.textContent = el.value;
  }

  function stageElement(stage, index) {
    var li = template.cloneNode(true);
    li.querySelector("[data-number]").textContent = String(index + 1);
    Array.prototype.forEach.call(li.querySelectorAll("[id]"), function (el) {
      el.id = el.id.replace(/^hb-stage-\d+-/, "hb-stage-" + (index + 1) + "-");
    });
    Array.prototype.forEach.call(li.querySelectorAll("label[for]"), function (el) {
      el.htmlFor = el.htmlFor.replace(/^hb-stage-\d+-/, "hb-stage-" + (index + 1) + "-");
    });
    Array.prototype.forEach.call(li.querySelectorAll("[data-field]"), function (el) {
      var value = stage[el.dataset.field];
      if (el.type === "checkbox") el.checked = value === true;
      else el.value = typeof value === "string" ? value : "";
    });
    var step = li.querySelector("[data-step]");
    step.textContent = stage.step ? "Step: " + stage.step : "";
    step.hidden = !stage.step;
    li.dataset.step = stage.step || "";
    return li;
  }

  function render(data) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-clear]"), function (el) {
      var value = data.clear[el.dataset.clear] || "";
      if (el.value !== value) el.value = value;  // left alone when unchanged, keeping the caret
    });
    var route = form.querySelector("[data-route]");
    route.textContent = data.route ? "Route followed: " + data.route : "";
    route.hidden = !data.route;
    route.dataset.route = data.route;
    list.textContent = "";
    data.stages.forEach(function (stage, i) { list.appendChild(stageElement(stage, i)); });
    Array.prototype.forEach.call(form.querySelectorAll("textarea"), fit);
  }

  function collect() {
    var data = { route: form.querySelector("[data-route]").dataset.route || "", clear: {}, stages: [] };
    Array.prototype.forEach.call(form.querySelectorAll("[data-clear]"), function (el) {
      data.clear[el.dataset.clear] = el.value;
    });
    Array.prototype.forEach.call(list.querySelectorAll("[data-stage]"), function (li) {
      var stage = { step: li.dataset.step || "" };
      Array.prototype.forEach.call(li.querySelectorAll("[data-field]"), function (el) {
        stage[el.dataset.field] = el.type === "checkbox" ? el.checked : el.value;
      });
      data.stages.push(stage);
    });
    return data;
  }

  function say(message) {
    errorLine.textContent = "";
    statusLine.textContent = message;
  }

  function fail(message) {
    statusLine.textContent = "";
    errorLine.textContent = message;
    lastSaved = "";
  }

  /* Saves; false (and says so, never "saved") when the browser would not keep it. */
  function write(change) {
    if (!store.available) {
      fail(HS.NOT_KEPT);
      return false;
    }
    try {
      base = store.commit(change);
      return true;
    } catch (e) {
      fail(HS.NOT_SAVED);
      return false;
    }
  }

  var base;  // the record as this tab last read or saved it
  var lastSaved = "";
  function save() {
    var mine = collect(), result = null;
    if (!write(function (saved) {
      result = HS.merge(base, mine, saved || blank());
      return result.value;
    })) return;
    // Another tab's changes came in with this save: show them, with the cursor left where it was.
    if (!HS.same(result.value, mine)) HS.keepingFocus(form, function () { render(result.value); });
    if (result.conflicts.length) HS.showConflicts(root, result.conflicts, describe);
    var time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    // Announce once a minute at most, not at every keystroke.
    if (time !== lastSaved) say("Saved on this device at " + time + ".");
    lastSaved = time;
  }

  /* A step handed over by the navigator becomes a new stage, dated today. */
  function takePending(data) {
    var pending = null;
    try {
      pending = JSON.parse(window.sessionStorage.getItem(PENDING) || "null");
      window.sessionStorage.removeItem(PENDING);
    } catch (e) {
      return false;
    }
    if (!pending || typeof pending.step !== "string") return false;
    var stage = { step: pending.step };
    Array.prototype.forEach.call(template.querySelectorAll("[data-prefill]"), function (el) {
      stage[el.dataset.field] = el.dataset.prefill === "today" ? today() : String(pending.withWhom || "");
    });
    var last = data.stages[data.stages.length - 1];
    var lastIsBlank = last && Object.keys(last).every(function (k) { return !last[k]; });
    if (lastIsBlank) data.stages.pop();
    data.stages.push(stage);
    if (!data.route) data.route = String(pending.route || "");
    return true;
  }

  form.addEventListener("input", function (event) {
    fit(event.target);
    save();
  });
  form.addEventListener("change", save);

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    if (button.dataset.action === "add") {
      var data = collect();
      data.stages.push({});
      render(data);
      save();
      list.lastElementChild.querySelector("[data-field]").focus();
    } else if (button.dataset.action === "remove") {
      var li = button.closest("[data-stage]");
      var number = li.querySelector("[data-number]").textContent;
      if (!window.confirm("Remove stage " + number + " from this record?")) return;
      li.remove();
      render(collect());
      save();
      form.querySelector('[data-action="add"]').focus();
      say("Stage " + number + " removed.");
    }
  });

  root.querySelector(".hb-record__tools").addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    var action = button.dataset.action;
    if (action === "export") {
      store.exportJSON(collect(), "escalation-record-" + today() + ".json");
      say("Exported as a file. It is saved wherever your browser saves downloads.");
    } else if (action === "import") {
      fileInput.click();
    } else if (action === "print") {
      window.print();
    } else if (action === "clear") {
      if (!window.confirm("Clear this record from this device? Export it first if you need a copy.")) return;
      store.clear();
      base = blank();
      render(base);
      say("Record cleared from this device.");
    }
  });

  fileInput.addEventListener("change", function () {
    var file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    store.importJSON(file).then(function (data) {
      if (!isBlank(collect()) && !window.confirm("Replace the escalation record saved in this browser with the copy in " +
          file.name + "? Export the record first if you need a copy of it.")) {
        say("Nothing imported. Your saved record has not been changed.");
        return;
      }
      render(data);
      if (write(function () { return data; })) say("Imported " + file.name + ".");
    }, function (error) {
      statusLine.textContent = "";
      errorLine.textContent = error.message + " Your saved record has not been changed.";
    });
  });

  window.addEventListener("beforeprint", function () {
    root.querySelector("[data-printed]").textContent =
      new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
    Array.prototype.forEach.call(form.querySelectorAll("textarea"), fit);
  });

  /* Another tab or window saved (or cleared) the record: show what it saved. */
  store.watch(function (saved) {
    var now = saved || blank();
    if (HS.same(now, base)) return;
    base = now;
    HS.keepingFocus(form, function () { render(now); });
    say("Updated with changes saved in another tab or window.");
  });

  base = store.read() || blank();
  var data = JSON.parse(JSON.stringify(base));
  var added = takePending(data);
  render(data);
  if (!store.available) {
    HS.notice(notices, HS.UNAVAILABLE, "unavailable");
  } else if (added && write(function (saved) { return HS.merge(base, data, saved || blank()).value; })) {
    say("Added a stage for: " + data.stages[data.stages.length - 1].step + ".");
  }
  if (store.unreadable) HS.offerUnreadable(notices, store.unreadable, "escalation-record");
  root.querySelector(".hb-record__nojs").hidden = true;
  root.querySelector(".hb-record__tools").hidden = false;
})();
