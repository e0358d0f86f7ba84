/* Search that loads when someone searches.

   Material starts its search worker on every page load, and that worker builds the whole
   Lunr index at once, although most visits to a page are for reading it. This worker stands
   in for it (mkdocs.yml names it through overrides/main.html): it keeps the index Material
   sends and says it is ready; only when a query is typed does it load Material's worker (the
   script named after the '#' in this worker's address), hand it the index, wait for it to
   finish indexing and pass it the newest query. From then on Material's worker answers alone.
   The messages are Material's: 0 set up, 1 ready, 2 query, 3 result. */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const answer = self.postMessage.bind(self);
let state = "waiting";  // then "loading", then "ready"
let index = null;       // Material's set-up message, with the index
let latest = null;      // the newest query while Material's worker loads

addEventListener("message", ({ data }) => {
  if (state === "ready") return;
  if (state === "loading") {
    if (data.type === QUERY) latest = data;
    return;
  }
  if (data.type === SETUP) {
    index = data;
    answer({ type: READY });
  } else if (data.type === QUERY && !data.data.trim()) {
    answer({ type: RESULT, data: { items: [] } });
  } else if (data.type === QUERY) {
    latest = data;
    state = "loading";
    // Material's worker answers through postMessage: hold back what it says until its index
    // is built (its answers to queries that came in meanwhile are empty), then hand over.
    self.postMessage = (message) => {
      if (message.type !== READY) return;
      self.postMessage = answer;
      state = "ready";
      self.dispatchEvent(new MessageEvent("message", { data: latest }));
    };
    try {
      importScripts(decodeURIComponent(location.hash.slice(1)));
    } catch (error) {  // unreachable just now: the next query tries again
      self.postMessage = answer;
      state = "waiting";
      throw error;
    }
    self.dispatchEvent(new MessageEvent("message", { data: index }));
  }
});
