/* The header's menu and search buttons (overrides/partials/header.html) and the search form's
 * submit button (overrides/partials/search.html).
 *
 * Material opens its drawer and search with two hidden checkboxes, #__drawer and #__search, and
 * labels for them; its styles and its script follow the checkboxes. Each button here does what
 * the label did: it clicks its checkbox, as Material's own script does (setToggle), which
 * changes it and fires the `change` event; the search button then puts the cursor in the search
 * field, as Material does when its label is clicked (which also brings up a phone's keyboard).
 * Each button says whether what it opens is open (aria-expanded), however it was opened or
 * closed: by the button, by Escape, by a click beside it or by Material's script.
 *
 * The submit button of the search form does what Enter in the search field does in Material:
 * it goes to the best result, and otherwise leaves the cursor in the field.
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("button[data-hb-toggle]"), function (button) {
    var toggle = document.getElementById(button.getAttribute("data-hb-toggle"));
    if (!toggle) return;
    function show() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    toggle.addEventListener("change", show);
    show();
    button.addEventListener("click", function () {
      toggle.click();
      if (toggle.id === "__search" && toggle.checked) {
        var query = document.querySelector(".md-search__input");
        if (query) query.focus();
      }
    });
  });

  var form = document.querySelector(".md-search__form");
  var result = document.querySelector("[data-md-component=search-result]");
  if (!form || !result) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var best = null, top = -Infinity;
    Array.prototype.forEach.call(result.querySelectorAll(":first-child [href]"), function (anchor) {
      var article = anchor.firstElementChild;
      var score = article ? parseFloat(article.getAttribute("data-md-score")) : NaN;
      if (score > top) { top = score; best = anchor; }
    });
    if (best) best.click();
    else form.querySelector(".md-search__input").focus();
  });
})();
