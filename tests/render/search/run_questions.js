// Runs the handbook's search, as a reader's browser runs it, over questions given on stdin as a
// JSON list of strings: loads a built site's search scripts (the library, the stemmer, the
// engine and the records, in the order a page loads them) into one context and prints, for each
// question, the ids of its first ten results as a JSON list of lists (with --own, all the
// results of the question's own words alone, without the practitioners' words of
// data/search.yml).
//
//   node tests/render/search/run_questions.js SITE [--own] < questions.json
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const context = vm.createContext({ console, setTimeout });
for (const file of ["assets/javascripts/search/minisearch.js", "assets/javascripts/search/stemmer.js",
                    "assets/javascripts/search-engine.js", "search/records.js"]) {
  vm.runInContext(fs.readFileSync(path.join(site, file), "utf8"), context, { filename: file });
}
const questions = JSON.parse(fs.readFileSync(0, "utf8"));
vm.runInContext(`(() => {
  const engine = new HandbookSearch.Engine(HandbookSearch);
  return (questions, own) => engine.ready.then(() => questions.map(q => engine.search(q, own).slice(0, own ? undefined : 10).map(r => r.id)));
})()`, context)(questions, process.argv[3] === "--own").then(answers => process.stdout.write(JSON.stringify(answers)));
