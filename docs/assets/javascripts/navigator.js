/*
 * "I disagree – what now?": the escalation routes one question at a time.
 *
 * Without this script the page shows every route as a flowchart. With it, the flowcharts are
 * hidden and one step is shown: its words are taken from that step's box in the (hidden)
 * flowchart, its answers from the JSON block the build wrote. The step is the URL's fragment
 * (#r3.1-line-management), so a link can be shared and the browser's Back button works; every
 * answer is a link. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var root = document.getElementById("hb-navigator");
  var source = document.getElementById("hb-navigator-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var panel = document.getElementById("hb-nav-step");
  var status = document.getElementById("hb-nav-status");
  var back = document.getElementById("hb-nav-back");
  var record = document.getElementById("hb-nav-record");
  var again = document.getElementById("hb-nav-again");
  var riskBar = root.querySelector(".hb-nav__risk");
  var KIND = { question: "Question", action: "Action", outcome: "Outcome" };
  // The record page picks this up and adds a stage for the step (see escalation-record.js).
  var PENDING = "safeguarding-handbook:escalation-record:pending";

  document.getElementById("hb-nav-fallback").hidden = true;
  root.hidden = false;

  function current() {
    var id = decodeURIComponent(location.hash.slice(1));
    return Object.prototype.hasOwnProperty.call(data.steps, id) ? id : data.start;
  }

  /* A part of the step's flowchart box, as HTML ("" when the box has none). */
  function fromBox(id, selector) {
    var box = document.getElementById(id);
    var part = box && box.querySelector(selector);
    return part ? part.innerHTML : "";
  }

  function section(title, body) {
    return body ? '<section class="hb-nav__panel"><h3>' + title + "</h3>" + body + "</section>" : "";
  }

  function answersHTML(step) {
    if (!step.answers || !step.answers.length) {
      var end = '<p class="hb-nav__end">This is the end of this route.</p>';
      if (step.then) {
        end += '<p><a class="md-button" href="#' + step.then.to + '">Continue: ' + step.then.label + "</a></p>";
      }
      return end;
    }
    var choices = step.answers.length > 2 ? " hb-nav__answers--choices" : "";
    return '<ul class="hb-nav__answers' + choices + '">' + step.answers.map(function (a) {
      return '<li><a class="md-button" href="#' + a.to + '">' + a.label + "</a></li>";
    }).join("") + "</ul>";
  }

  function render(id, moveFocus) {
    var step = data.steps[id];
    var route = step.route ? data.routes[step.route] : null;
    var label = step.label || fromBox(id, ".hb-node__label");
    var says = step.says || '<blockquote class="hb-node__says">' + fromBox(id, ".hb-node__says") + "</blockquote>";
    var where = route
      ? '<p class="hb-nav__where">' + route.title + " · " + KIND[step.kind] + ", step " +
        fromBox(id, ".hb-node__num") + " of " + route.size + "</p>" + '<div class="hb-nav__covers">' + route.covers + "</div>"
      : "";
    var contact = step.contact || fromBox(id, ".hb-node__contact").replace(/^<span[^>]*>Contact: <\/span>/, "");
    var toRecord = Array.prototype.map.call(
      (document.getElementById(id) || root).querySelectorAll(".hb-node__record"),
      function (p) { return "<p>" + p.innerHTML.replace(/^<span[^>]*>Record: <\/span>/, "") + "</p>"; }
    ).join("");
    var note = fromBox(id, ".hb-note");
    panel.innerHTML = where +
      '<h2 class="hb-nav__title" tabindex="-1">' + label + "</h2>" +
      '<div class="hb-nav__says"><p class="hb-label">The procedure says</p>' + says + "</div>" +
      (note ? '<p class="hb-note">' + note + "</p>" : "") +
      answersHTML(step) +
      section("Who to contact", contact && (contact.indexOf("<ul") === 0 ? contact : "<p>" + contact + "</p>")) +
      section("What to record", toRecord + data.record) +
      section("Be clear about", data.clear);

    panel.dataset.step = id;
    riskBar.hidden = id === "risk-exit";
    back.hidden = id === data.start && depth() === 0;
    record.hidden = again.hidden = id === data.start;
    var text = panel.querySelector(".hb-nav__title").textContent;
    status.textContent = (route ? route.name + ". " : "") + KIND[step.kind] + ": " + text;
    if (moveFocus) panel.querySelector(".hb-nav__title").focus();
  }

  /* How many steps deep this history entry is within the navigator (0 = where the visit began),
     kept in history.state so that Back leaves the page only from where the visit started. */
  function depth() {
    return history.state && typeof history.state.depth === "number" ? history.state.depth : null;
  }

  var lastDepth = depth();
  if (lastDepth === null) {
    lastDepth = 0;
    history.replaceState({ depth: 0 }, "");
  }

  window.addEventListener("hashchange", function () {
    var d = depth();
    if (d === null) {
      d = lastDepth + 1;
      history.replaceState({ depth: d }, "");
    }
    lastDepth = d;
    render(current(), true);
  });

  back.addEventListener("click", function () {
    if (depth() > 0) {
      history.back();
    } else {
      // Opened from a shared link: go to the step before this one in the route.
      location.hash = data.steps[current()].back || data.start;
    }
  });

  record.addEventListener("click", function () {
    var step = data.steps[current()];
    var pending = { route: step.route ? data.routes[step.route].name : "", step: step.record, withWhom: step.withWhom || "" };
    try {
      window.sessionStorage.setItem(PENDING, JSON.stringify(pending));
    } catch (e) {
      // Storage refused (a private window's quota): the record still opens, without the step.
    }
  });

  render(current(), false);
})();
