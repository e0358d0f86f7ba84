/* The handbook's search engine: MiniSearch (pinned in package-lock.json) over the records of
 * search/records.js (macros/render/search.py), with English stemming (wink-porter2-stemmer).
 *
 * Loaded with them when a reader first searches (search.js), and by Node in the tests and the
 * benchmarks, which run the very same ranking over the public questions. MiniSearch does the
 * ranking (BM25 with field weights, prefix and fuzzy matching); this file says only how words
 * are cut and stemmed, how much each field weighs, and which passage of a record to show.
 *
 * Practitioners' words (data/search.yml, the vocabulary): a search whose words hold all the
 * words of an everyday phrase ("pretending to cooperate", in any order) also looks for the
 * sources' phrases it leads to ("disguised compliance", each phrase's words together), at a
 * fraction of the weight of the reader's own words, so that the sources' own words rank first. */
(function (root) {
  "use strict";

  var HandbookSearch = root.HandbookSearch = root.HandbookSearch || {};

  // Words that say nothing about what is wanted ("what do I do when my ...").
  var STOP = new Set(("a about after an and any are as at be been but by can could do does for from has have " +
    "how i if in into is it its me my no not of on or our should so such than that the their them then " +
    "there these they this to us was we were what when where which who whom why will with would you your").split(" "));
  // Words are cut at spaces and punctuation, as the handbook writes them ("hostility/disguised
  // compliance", "child’s"); a full stop inside a number stays ("3.1.2" is one word).
  var SEPARATOR = /[\s\-–—,:;!?()[\]{}"“”‘’'\/\\|~*+=<>&…·•]+|\.(?!\d)/u;
  var FIELDS = ["title", "text", "keywords"];
  var OPTIONS = {
    boost: { title: 2.5, text: 1, keywords: 1 },
    // As the reader types, the last word may be unfinished; every word may be mistyped.
    prefix: function (term, i, terms) { return i >= terms.length - 2 && term.length > 2; },
    // One letter wrong in a word of five or more, two in one of nine or more.
    fuzzy: function (term) { return term.length > 8 ? 2 : term.length > 4 ? 1 : false; },
    weights: { fuzzy: 0.4, prefix: 0.5 },
    boostDocument: function (id, term, stored) { return stored.weight; }
  };
  // The sources' phrases an everyday phrase leads to: all their words, as written, at this weight.
  var LED = { combineWith: "AND", prefix: false, fuzzy: false };
  var LED_WEIGHT = 0.5;

  var stems = new Map();
  function stem(word) {
    var found = stems.get(word);
    if (found === undefined) stems.set(word, found = HandbookSearch.stem(word));
    return found;
  }

  function fold(word) {
    return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A word as it is indexed and searched: itself and its stem, so that "refused" finds
  // "refusal" and a typo of the whole word ("confrence") is still one letter from a word.
  function terms(word) {
    var folded = fold(word);
    if (!folded || STOP.has(folded)) return null;
    var stemmed = /^[a-z]+$/.test(folded) ? stem(folded) : folded;
    return stemmed === folded ? folded : [folded, stemmed];
  }

  function tokenize(text) {
    return text.split(SEPARATOR);
  }

  // The stems of a text's words, each once.
  function stemsOf(text) {
    var out = [];
    tokenize(text).forEach(function (word) {
      var forms = terms(word);
      var stemmed = Array.isArray(forms) ? forms[1] : forms;
      if (stemmed && out.indexOf(stemmed) < 0) out.push(stemmed);
    });
    return out;
  }

  // data: search/records.js, {records, vocabulary}.
  function Engine(data) {
    this.index = new root.MiniSearch({
      fields: FIELDS,
      storeFields: ["url", "title", "kind", "cite", "text", "weight"],
      tokenize: tokenize,
      processTerm: terms,
      searchOptions: OPTIONS
    });
    this.index.addAll(data.records);
    // Each everyday phrase as the stems of its words, with the sources' phrases it leads to.
    var phrases = this.phrases = [];
    data.vocabulary.forEach(function (rule) {
      rule[0].forEach(function (everyday) {
        var stems = stemsOf(everyday);
        if (stems.length) phrases.push([stems, rule[1]]);
      });
    });
  }

  // The sources' phrases that the reader's words lead to.
  Engine.prototype.leads = function (query) {
    var said = stemsOf(query), out = [];
    this.phrases.forEach(function (phrase) {
      if (phrase[0].every(function (stem) { return said.indexOf(stem) >= 0; })) {
        phrase[1].forEach(function (finds) { if (out.indexOf(finds) < 0) out.push(finds); });
      }
    });
    return out;
  };

  // The results for what the reader typed, best first: each record's id, address, title, kind,
  // citation and the passage to show, cut into [text, matched] pieces. (`ownWordsOnly`: without
  // the practitioners' words, for the tests that compare.)
  Engine.prototype.search = function (query, ownWordsOnly) {
    var words = tokenize(query).filter(Boolean);
    if (!words.length) return [];
    var hits = this.index.search(query, /\s$/.test(query) ? { prefix: false } : {});
    var leads = ownWordsOnly ? [] : this.leads(query);
    if (leads.length) hits = withLeads(hits, this.index.search({ queries: leads.map(function (finds) {
      return Object.assign({ queries: [finds] }, LED); }) }));
    return hits.map(function (hit) {
      var matched = new Set(hit.terms);
      return {
        id: hit.id, url: hit.url, title: hit.title, kind: hit.kind, cite: hit.cite, score: hit.score,
        titleParts: marked(hit.title, matched, 0, Infinity),
        passage: passage(hit.text, matched)
      };
    });
  };

  // The reader's own results, each raised by what the vocabulary led to in it, then what only
  // the vocabulary found. MiniSearch multiplies a result's score by how many of the searched
  // words it holds: a led phrase has several words, so that factor is taken out of its score,
  // which then counts at LED_WEIGHT of the reader's own.
  function withLeads(own, led) {
    var byId = new Map(), only = [];
    own.forEach(function (hit) { byId.set(hit.id, hit); });
    led.forEach(function (hit) {
      var score = LED_WEIGHT * hit.score / hit.queryTerms.length, found = byId.get(hit.id);
      if (found) {
        found.score += score;
        found.terms = found.terms.concat(hit.terms);
      } else {
        only.push(Object.assign(hit, { score: score }));
      }
    });
    return own.sort(byScore).concat(only.sort(byScore));
  }

  function byScore(a, b) { return b.score - a.score; }

  function isMatch(word, matched) {
    var forms = terms(word);
    if (!forms) return false;
    return Array.isArray(forms) ? matched.has(forms[0]) || matched.has(forms[1]) : matched.has(forms);
  }

  // The words of text from word `from` to `to`, as [text, matched] pieces.
  function marked(text, matched, from, to) {
    var parts = text.split(/([\p{L}\p{N}]+(?:[.’'][\p{L}\p{N}]+)*)/u);
    var out = [], word = -1;
    for (var i = 0; i < parts.length; i++) {
      if (i % 2) word++;
      if (word < from || word >= to) continue;
      var hit = i % 2 === 1 && isMatch(parts[i], matched);
      var last = out[out.length - 1];
      if (last && last[1] === hit) last[0] += parts[i];
      else out.push([parts[i], hit]);
    }
    return out;
  }

  // About thirty words of the record around where most matched words are, with "…" where cut.
  var WINDOW = 30;
  function passage(text, matched) {
    var words = text.match(/[\p{L}\p{N}]+(?:[.’'][\p{L}\p{N}]+)*/gu) || [];
    var best = 0, bestCount = -1, count = 0, hits = words.map(function (w) { return isMatch(w, matched) ? 1 : 0; });
    for (var i = 0; i < words.length; i++) {
      count += hits[i] - (i >= WINDOW ? hits[i - WINDOW] : 0);
      if (count > bestCount) { bestCount = count; best = Math.max(0, i - WINDOW + 1); }
    }
    if (bestCount > 0) {  // start a few words before the first match in the window
      while (best < words.length && !hits[best]) best++;
      best = Math.max(0, best - 5);
    }
    var parts = marked(text, matched, best, best + WINDOW);
    if (parts.length) parts[0][0] = parts[0][0].replace(/^\W+/u, "");
    if (best > 0) parts.unshift(["… ", false]);
    if (best + WINDOW < words.length) parts.push([" …", false]);
    return parts;
  }

  HandbookSearch.Engine = Engine;
})(globalThis);
