/* The worker that keeps the online handbook on a reader's device after one visit, so that it
 * reads and searches with no signal (README, "Kept on a phone"). Workbox's precaching (pinned
 * in package-lock.json, copied beside this file) keeps every file the build lists below, each
 * with a hash of its content: a newer edition is another list, kept whole before it takes over,
 * so a reader never sees two editions mixed. It takes over only when the page asks
 * (`skip-waiting`, after the reader chose to reload): until then the edition they have stays.
 *
 * The build writes the list (macros/products/worker.py). Where the handbook is not to be kept
 * (`make serve`, or `keep: false` under extra.edition in mkdocs.yml) the list is null and this
 * worker retires: it clears what an earlier one kept, unregisters itself and reloads its pages. */
"use strict";

const KEPT = self.__WB_MANIFEST;

if (KEPT === null) {
  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (event) => event.waitUntil((async () => {
    await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
  })()));
} else {
  importScripts("assets/javascripts/workbox/workbox-core.prod.js",
                "assets/javascripts/workbox/workbox-routing.prod.js",
                "assets/javascripts/workbox/workbox-strategies.prod.js",
                "assets/javascripts/workbox/workbox-precaching.prod.js");
  workbox.precaching.cleanupOutdatedCaches();
  // "escalation/" is escalation/index.html; "?q=words" asks a page for a search, not another page.
  workbox.precaching.precacheAndRoute(KEPT, { directoryIndex: "index.html", ignoreURLParametersMatching: [/.*/] });
  // A PDF not kept with the rest (past the build's budget) is kept once opened: from the network
  // while there is one, so never an old edition's.
  workbox.routing.registerRoute(({ url }) => url.pathname.endsWith(".pdf"),
                                new workbox.strategies.NetworkFirst({ cacheName: "handbook-pdfs-opened" }));
  self.addEventListener("message", (event) => {
    if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  });
}
