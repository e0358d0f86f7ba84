/* The online handbook kept on a reader's device after one visit (overrides/partials/
 * handbook-keep.html, the worker docs/sw.js).
 *
 * Nothing is fetched for keeping until the page has loaded and the browser is idle: then the
 * page loads Workbox's window library (pinned, shipped with the site) and registers the worker,
 * which keeps every file of the handbook. On each later page load the page asks the site whether
 * the worker changed (a newer edition); if a newer one is waiting, the page says so, and
 * "reload" lets it take over and reloads, so every page is then the new edition. Where that
 * question gets no answer (no signal, whatever navigator.onLine says), the page says which
 * edition it is; where the browser will keep no worker, it says neither. Each notice can be
 * dismissed; neither moves the page.
 *
 * Where the page names no worker (`make serve`, `keep: false`), it retires any worker an
 * earlier build left on this address, and what it kept, so that an edit shows on reload. */
(function () {
  "use strict";

  var box = document.querySelector(".hb-keep");
  if (!box || !("serviceWorker" in navigator)) return;
  var worker = box.getAttribute("data-hb-worker");

  function notice(name, shown) {
    box.querySelector('[data-hb-notice="' + name + '"]').hidden = !shown;
  }
  Array.prototype.forEach.call(box.querySelectorAll(".hb-keep__dismiss"), function (button) {
    button.addEventListener("click", function () { button.parentNode.hidden = true; });
  });

  if (!worker) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      if (!registrations.length) return;
      registrations.forEach(function (registration) { registration.unregister(); });
      if (window.caches) caches.keys().then(function (names) { names.forEach(function (name) { caches.delete(name); }); });
    });
    return;
  }

  window.addEventListener("offline", function () { notice("offline", true); });

  function start() {
    var library = document.createElement("script");
    library.src = box.getAttribute("data-hb-window");
    library.onload = function () {
      var wb = new window.workbox.Workbox(worker);
      wb.addEventListener("waiting", function () {
        notice("newer", true);
        box.querySelector(".hb-keep__reload").onclick = function () {
          wb.addEventListener("controlling", function () { location.reload(); });
          wb.messageSkipWaiting();
        };
      });
      // A browser that will keep no worker here (switched off by a policy, a private window)
      // refuses to register one: nothing is kept, and the page, read online, says nothing.
      wb.register().then(function (registration) {
        if (!registration) return;
        document.documentElement.setAttribute("data-hb-kept", "");
        registration.update().then(function () { notice("offline", false); }, function () { notice("offline", true); });
      }, function () {});
      window.addEventListener("online", function () { wb.update().then(function () { notice("offline", false); }); });
    };
    document.head.appendChild(library);
  }
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 5000 });
    else setTimeout(start, 1000);
  }
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle);
})();
