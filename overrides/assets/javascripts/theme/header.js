/* The header's menu button (overrides/partials/header.html) and the handbook's search box
 * (overrides/partials/handbook-search.html), in one script that every page loads.
 *
 * The menu button: Material opens its drawer with a hidden checkbox, #__drawer, and a label for
 * it; its styles and its script follow the checkbox. The button does what the label did: it
 * clicks the checkbox, as Material's own script does, which changes it and fires the `change`
 * event; it says whether the drawer is open (aria-expanded), however it was opened or closed.
 *
 * The search box: nothing of the search is fetched until a reader focuses the box or types, or
 * the address asks for a search (?q=words). Then the library, the engine and the records load
 * as classic scripts (data-hb-load), which run from file:// too, and the results show as soon as
 * they are in. Results are links, best first; the first is highlighted, the arrow keys move the
 * highlight, Enter (or the form's button) opens the highlighted one, Escape closes. A polite
 * live region says how many there are. On a phone the header's search button opens the box.
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("button[data-hb-toggle]"), function (button) {
    var toggle = document.getElementById(button.getAttribute("data-hb-toggle"));
    if (!toggle) return;
    function show() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    toggle.addEventListener("change", show);
    show();
    button.addEventListener("click", function () { toggle.click(); });
  });
})();

(function () {
  "use strict";

  var box = document.getElementById("hb-search");
  if (!box) return;
  var LIMIT = 20;  // results shown; the count says how many matched
  var form = box.querySelector(".hb-search__form");
  var input = box.querySelector(".hb-search__input");
  var panel = box.querySelector(".hb-search__panel");
  var list = box.querySelector(".hb-search__results");
  var count = box.querySelector(".hb-search__count");
  var status = box.querySelector(".hb-search__status");
  var none = box.querySelector(".hb-search__none");
  var template = box.querySelector(".hb-search__template");
  var opener = document.querySelector(".hb-search-open");
  var sources = box.getAttribute("data-hb-load").split(" ");
  // Records' addresses are from the site's root: the folder above search/records.js.
  var siteRoot = new URL("../", new URL(sources[sources.length - 1], document.baseURI));

  var engine = null, loading = false, failed = false;
  var links = [], highlighted = 0, goWhenReady = false, announce = 0, shownFor = null;

  function load() {
    if (loading) return;
    loading = true;
    sources.forEach(function (src, i) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false;  // run in the order given: library, stemmer, engine, records
      script.onerror = fail;
      if (i === sources.length - 1) script.onload = ready;
      document.head.appendChild(script);
    });
  }

  function ready() {
    var search = window.HandbookSearch;
    try {
      engine = search.engine = new search.Engine(search);  // (the tests and benchmarks use it too)
    } catch (error) {
      fail();
      throw error;
    }
    update();
    engine.ready.then(function () { if (!panel.hidden) update(); });
  }

  function fail() {
    failed = true;
    update();
  }

  function say(text) {
    count.textContent = text;
    // The live region speaks once typing pauses, not at every letter.
    clearTimeout(announce);
    announce = setTimeout(function () { status.textContent = text; }, 600);
  }

  function update() {
    var query = input.value;
    if (!query.trim()) {
      closePanel();
      return;
    }
    panel.hidden = false;
    if (failed) return show([], "Search could not be loaded. Reload the page to try again.");
    if (!engine) {
      load();
      return show([], "Loading search…");
    }
    var results = engine.search(query), again = query === shownFor;
    shownFor = query;
    show(results.slice(0, LIMIT), results.length === 1 ? "1 result" : results.length ? results.length + " results"
      : "No results for “" + query.trim() + "”", again);
    if (goWhenReady && links.length) links[0].click();
    goWhenReady = false;
  }

  // again: the same words searched again, now that every record is in; the result the reader had
  // highlighted, or had moved focus to, stays so (a slowed phone may still be indexing while they
  // go down the list).
  function show(results, summary, again) {
    var focused = again && links.indexOf(document.activeElement) >= 0 ? document.activeElement.href : null;
    var marked = again && links[highlighted] ? links[highlighted].href : null;
    list.textContent = "";
    links = results.map(function (result, i) {
      var item = template.content.firstElementChild.cloneNode(true);
      var link = item.querySelector("a");
      link.href = new URL(result.url, siteRoot).href;
      link.id = "hb-search-result-" + i;
      var shown = engine.show(result);
      fill(item.querySelector(".hb-search__title"), shown.title);
      item.querySelector(".hb-search__meta").textContent = result.kind + " · " + result.cite;
      fill(item.querySelector(".hb-search__passage"), shown.passage);
      list.appendChild(item);
      return link;
    });
    none.hidden = !(engine && !results.length);
    say(summary);
    var hrefs = links.map(function (link) { return link.href; });
    highlight(Math.max(0, hrefs.indexOf(marked)));
    if (focused) (links[hrefs.indexOf(focused)] || links[highlighted] || input).focus();
  }

  // Text pieces, the matched ones marked: built as text, so no record's words can be markup.
  function fill(element, parts) {
    parts.forEach(function (part) {
      if (part[1]) {
        var mark = document.createElement("mark");
        mark.textContent = part[0];
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(part[0]));
      }
    });
  }

  function highlight(i) {
    if (links[highlighted]) links[highlighted].classList.remove("is-highlighted");
    highlighted = Math.max(0, Math.min(i, links.length - 1));
    var link = links[highlighted];
    if (link) {
      link.classList.add("is-highlighted");
      input.setAttribute("aria-activedescendant", link.id);
      if (highlighted) link.scrollIntoView({ block: "nearest" });
      else list.scrollTop = 0;
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function closePanel() {
    panel.hidden = true;
    shownFor = null;
    list.textContent = "";
    links = [];
    input.removeAttribute("aria-activedescendant");
    clearTimeout(announce);
    status.textContent = "";
  }

  // On a phone the box is behind the header's search button.
  function open() {
    box.classList.add("is-open");
    if (opener) opener.setAttribute("aria-expanded", "true");
    input.focus();
  }

  function close() {
    var inside = box.contains(document.activeElement);
    closePanel();
    if (box.classList.contains("is-open")) {
      box.classList.remove("is-open");
      if (opener) opener.setAttribute("aria-expanded", "false");
      if (inside && opener) opener.focus();
    }
  }

  input.addEventListener("focus", load);
  // Letters typed faster than the screen is drawn are searched once, with the next frame.
  var frame = 0;
  input.addEventListener("input", function () {
    if (!frame) frame = requestAnimationFrame(function () { frame = 0; update(); });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!links.length) return;
      event.preventDefault();
      highlight(highlighted + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  // Enter in the box, or the form's button: the highlighted result (once loaded).
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (frame) {  // the last letters are not searched yet
      cancelAnimationFrame(frame);
      frame = 0;
      update();
    }
    if (links[highlighted]) links[highlighted].click();
    else if (!engine && input.value.trim()) goWhenReady = true;
    else input.focus();
  });
  list.addEventListener("keydown", function (event) {
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else if (links[next]) links[next].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
      closePanel();
    }
  });
  // A result on this same page only scrolls to it: close the results as a new page would.
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close();
  });
  box.querySelector(".hb-search__close").addEventListener("click", close);
  if (opener) {
    opener.addEventListener("click", function () {
      if (box.classList.contains("is-open")) close();
      else open();
    });
  }
  // Focus moving on out of the search (Tab past the last result) closes it, so that nothing
  // covers where focus goes.
  box.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (to && !box.contains(to) && !(opener && opener.contains(to))) close();
  });
  // A click or tap elsewhere closes the results (and the box on a phone).
  document.addEventListener("pointerdown", function (event) {
    if (!box.contains(event.target) && !(opener && opener.contains(event.target)) && (!panel.hidden || box.classList.contains("is-open"))) {
      close();
    }
  });

  // An address with ?q=words opens search with those words.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    if (opener && getComputedStyle(opener).display !== "none") open();
    load();
    update();
  }
})();
