/* The handbook's search engine: MiniSearch (pinned in package-lock.json) over the records of
 * search/records.js (macros/render/search.py), with Porter's English stemmer (`stemmer`).
 *
 * Loaded with them when a reader first searches (overrides/assets/javascripts/theme/header.js),
 * and by Node in the tests and the benchmarks, which run the very same ranking over the public
 * questions. MiniSearch does the
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
  var STOP = new Set(("a about actually after all also am an and any anyone anything are as at be because " +
    "been being but by can cant could did do does doing dont even ever for from get gets getting go goes " +
    "going got had has have having he her here him his how i im if in into is isnt it its ive just know " +
    "like lot lots me mean might must my no not of on or our really she should so some someone something " +
    "such than that thats the their them then there these they thing things think this those to too us " +
    "very want wants was we were what whats when where which who whom why will with wont would you your").split(" "));
  // Words are cut at spaces and punctuation, as the handbook writes them ("hostility/disguised
  // compliance", "child’s"); a full stop inside a number stays ("3.1.2" is one word).
  var SEPARATOR = /[\s\-–—,:;!?()[\]{}"“”‘’'\/\\|~*+=<>&…·•]+|\.(?!\d)/u;
  var FIELDS = ["title", "text", "keywords"];
  var OPTIONS = {
    boost: { title: 1.5, text: 1, keywords: 1 },
    // As the reader types, the last word may be unfinished; every word may be mistyped.
    prefix: function (term, i, terms) { return terms.length === 1 || i >= terms.length - 2 && term.length > 2; },
    // One letter wrong in a word of five or more, two in one of eight or more.
    fuzzy: function (term) { return term.length > 7 ? 2 : term.length > 4 ? 1 : false; },
    weights: { fuzzy: 0.4, prefix: 0.5 },
    boostDocument: function (id, term, stored) { return stored.weight; }
  };
  // The sources' phrases an everyday phrase leads to: all their words, as written, at this weight.
  var LED = { combineWith: "AND", prefix: false, fuzzy: false };
  var LED_WEIGHT = 0.8;
  // A record whose own practitioners' phrase (data/search.yml, `items:`, of two words or more) is
  // all in the search ("team manager", "keep it professional") is raised by this much a word of it.
  var PHRASE = 0.1;
  // Every word searched, by its stem (or one letter off it), in a record's own words; a record
  // that holds them all is raised by a quarter, and one that says them word for word comes first.
  var HOLDS = 1.25;
  var HOLDING = { fields: ["title", "text"], combineWith: "AND", prefix: false,
                  processTerm: function (word) { return stem(terms(word)); } };

  function fold(word) {
    var lower = word.toLowerCase();
    return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  // Numbers as figures and as words are one ("14 points", "fourteen points").
  var NUMBERS = {};
  ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
   "seventeen eighteen nineteen twenty").split(" ").forEach(function (word, i) {
    NUMBERS[word] = String(i + 1);
    NUMBERS[i + 1] = word;
  });

  // A word as it is indexed and searched: itself and its stem, so that "refused" finds
  // "refusal" and a typo of the whole word ("confrence") is still one letter from a word; a
  // number, as figures and as a word.
  var known = new Map();  // each word's terms, worked out once (a handbook repeats its words)
  function terms(word) {
    var found = known.get(word);
    if (found === undefined) known.set(word, found = termsOf(word));
    return found;
  }

  function termsOf(word) {
    var folded = fold(word);
    if (!folded || STOP.has(folded)) return null;
    if (NUMBERS[folded]) return [folded, NUMBERS[folded]];
    var stemmed = /^[a-z]+$/.test(folded) ? HandbookSearch.stem(folded) : folded;
    return stemmed === folded ? folded : [folded, stemmed];
  }

  // The stem of a word's terms.
  function stem(forms) { return Array.isArray(forms) ? forms[1] : forms; }

  // A lone letter, as in "child's", says nothing in the records (a figure does).
  function counts(word) { return word.length > 1 || /\d/.test(word); }

  // A word's terms as the records are indexed by them.
  function indexed(word) { return counts(word) ? terms(word) : null; }

  // "Won't", "doesn't", "cannot", "never" are each "not", which a practitioners' phrase may hold
  // ("don't agree" is "cannot agree"), though no record is searched for it.
  var NEGATION = /\b(?:(?:do|does|did|is|are|was|were|has|have|had|would|should|could|wo|ca|need)n[’']?t|cannot|never|not|no)\b/giu;

  function tokenize(text) {
    return text.replace(NEGATION, "not").split(SEPARATOR);
  }

  // The stems of a text's words in order, as the index holds them (stop words and lone letters left
  // out), and whether `part` is found in `words` word for word.
  function sequence(text) {
    return tokenize(text).map(indexed).filter(Boolean).map(stem);
  }

  function within(words, part) {
    for (var i = 0; i + part.length <= words.length; i++) {
      var j = 0;
      while (j < part.length && words[i + j] === part[j]) j++;
      if (j === part.length) return true;
    }
    return false;
  }

  // The stems of a text's words, each once ("not" too).
  function stemsOf(text) {
    var out = [];
    tokenize(text).forEach(function (word) {
      var forms = word === "not" ? word : terms(word);
      var stemmed = stem(forms);
      if (stemmed && out.indexOf(stemmed) < 0) out.push(stemmed);
    });
    return out;
  }

  // How many records are indexed before the first search is answered; the rest follow in slices
  // of SLICE, each a task of its own, so that a slowed phone shows the first results at once and
  // typing stays smooth while the others are added (the results are searched again when done).
  var FIRST = 60, SLICE = 40;

  // data: search/records.js, {records, vocabulary}. `ready`: a promise, kept when every record is
  // indexed and the vocabulary read (`complete` is then true).
  function Engine(data) {
    var engine = this;
    this.phrases = [];
    this.words = new Map();  // every word of the records and the vocabulary (and its stem), and how often
    this.fixed = new Map();  // each word read as another (`corrected`), worked out once the words are all in
    this.sequences = new Map();  // each record's own words in order (`sequence`), once a search needs them
    this.index = new root.MiniSearch({
      fields: FIELDS,
      storeFields: ["url", "title", "kind", "cite", "text", "weight"],
      tokenize: tokenize,
      // (typed, a lone letter begins a word)
      processTerm: function (word) {
        var forms = indexed(word);
        if (forms) [].concat(forms).forEach(engine.seen, engine);
        return forms;
      },
      searchOptions: Object.assign({ processTerm: terms }, OPTIONS)
    });
    // Each record's practitioners' phrases of two words or more, as the stems of their words.
    this.said = new Map();
    data.records.forEach(function (record) {
      var phrases = record.keywords.split(" · ").map(stemsOf).filter(function (stems) { return stems.length > 1; });
      if (phrases.length) engine.said.set(record.id, phrases);
    });
    // The weightiest first (the procedure, the routes, the tools), in the handbook's order.
    var records = data.records.map(function (record, i) { return [record, i]; })
      .sort(function (a, b) { return b[0].weight - a[0].weight || a[1] - b[1]; })
      .map(function (pair) { return pair[0]; });
    this.index.addAll(records.slice(0, FIRST));
    this.ready = this.index.addAllAsync(records.slice(FIRST), { chunkSize: SLICE }).then(function () {
      // Each everyday phrase as the stems of its words, with the sources' phrases it leads to.
      data.vocabulary.forEach(function (rule) {
        rule[0].forEach(function (everyday) {
          var stems = stemsOf(everyday);
          if (stems.length) engine.phrases.push([stems, rule[1]]);
        });
        rule[0].concat(rule[1]).forEach(function (phrase) {
          tokenize(phrase).forEach(function (word) { var forms = terms(word); if (forms && word.length > 1) engine.seen(fold(word)); });
        });
      });
      engine.sorted = Array.from(engine.words.keys()).sort();
      engine.near = new Map();  // the words by their length and first letter
      engine.sorted.forEach(function (word) {
        var key = word.length + word[0];
        if (!engine.near.has(key)) engine.near.set(key, []);
        engine.near.get(key).push(word);
      });
      engine.complete = true;
    });
  }

  Engine.prototype.seen = function (word) { this.words.set(word, (this.words.get(word) || 0) + 1); };

  // A word the handbook never writes, read as the word it is one slip from ("chiar" is "chair",
  // "esclation" "escalation", "vistor" "visitor"; two slips in a word of eight letters or more),
  // so that the practitioners' phrases hold it too; the commonest such word, and one with the same
  // first letter, first. Left as it is when it is a form of a word the handbook has ("colluding",
  // "collusion"), or while it is the start of a word still being typed.
  Engine.prototype.corrected = function (word, typing) {
    var folded = fold(word), forms = terms(word);
    if (!this.complete || folded.length < 4 || !forms || /\d/.test(folded) || this.words.has(folded)) return word;
    var key = (typing ? "…" : "") + folded, found = this.fixed.get(key);
    if (found === undefined) this.fixed.set(key, found = this.nearest(folded, stem(forms), typing));
    return found || word;
  };

  // The word of the handbook's nearest to `folded` (its stem `stem`), or null if it is one of theirs.
  // Words that begin with another letter than its first two are not looked at: few slip there.
  Engine.prototype.nearest = function (folded, stem, typing) {
    if (this.words.has(stem) || this.begins(stem) || typing && this.begins(folded)) return null;
    var most = folded.length > 7 ? 2 : 1, best = null, bestDistance = Infinity, bestCount = 0;
    for (var length = folded.length - most; length <= folded.length + most; length++) {
      [folded[0], folded[1]].forEach(function (first, second) {
        (this.near.get(length + first) || []).forEach(function (known) {
          var distance = slips(folded, known, most) + (second ? 0.5 : 0);
          var count = this.words.get(known);
          if (distance <= most + 0.5 && (distance < bestDistance || distance === bestDistance && count > bestCount)) {
            best = known; bestDistance = distance; bestCount = count;
          }
        }, this);
      }, this);
    }
    return best;
  };

  // Whether some word of the handbook's begins with `start` (the words are sorted: a binary search).
  Engine.prototype.begins = function (start) {
    var low = 0, high = this.sorted.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (this.sorted[middle] < start) low = middle + 1; else high = middle;
    }
    return low < this.sorted.length && this.sorted[low].lastIndexOf(start, 0) === 0;
  };

  // How many slips (a letter missing, added or wrong, or two neighbours swapped) make word a into
  // word b: the optimal string alignment distance, or more than `most` as soon as it must be.
  function slips(a, b, most) {
    var before = null, previous = [], row, i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row[j] = d;
        if (d < least) least = d;
      }
      if (least > most) return most + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
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
  // citation and score, and the words it matched. (`ownWordsOnly`: without the practitioners'
  // words, for the tests that compare.)
  Engine.prototype.search = function (asked, ownWordsOnly) {
    // A lone letter ("child's") says nothing, unless it is the start of a word being typed.
    var typing = !/\s$/.test(asked), words = tokenize(asked).filter(Boolean);
    words = words.filter(function (word, i) { return counts(word) || typing && i === words.length - 1; });
    if (!words.length) return [];
    words = words.map(function (word, i) { return this.corrected(word, typing && i === words.length - 1); }, this);
    var query = words.join(" ");
    var holding = new Set(this.index.search(query, HOLDING).map(function (hit) { return hit.id; }));
    var hits = this.raised(this.index.search(query, typing ? {} : { prefix: false }), stemsOf(query), holding);
    var leads = ownWordsOnly ? [] : this.leads(query);
    if (leads.length) hits = withLeads(hits, this.index.search({ queries: leads.map(function (finds) {
      return Object.assign({ queries: [finds] }, LED); }) }));
    // The records whose own words (title and text) say what was searched, word for word (stop
    // words aside), come first: the sources' own words before any reached by the vocabulary.
    var asked = sequence(query), sequences = this.sequences;
    var first = [], rest = [];
    hits.forEach(function (hit) {
      var says = holding.has(hit.id);
      if (says && asked.length > 1) {
        if (!sequences.has(hit.id)) sequences.set(hit.id, sequence(hit.title + " . " + hit.text));
        says = within(sequences.get(hit.id), asked);
      }
      (says ? first : rest).push(hit);
    });
    return first.concat(rest);
  };

  // The results of the reader's own words, best first, each raised where its own words hold every
  // word searched (`holding`, their ids) and where one of its practitioners' phrases is all in the
  // search (`said`, the search's stems).
  Engine.prototype.raised = function (hits, said, holding) {
    var phrases = this.said;
    hits.forEach(function (hit) {
      var longest = 0;
      (phrases.get(hit.id) || []).forEach(function (stems) {
        if (stems.length > longest && stems.every(function (stem) { return said.indexOf(stem) >= 0; })) longest = stems.length;
      });
      hit.score *= (1 + PHRASE * longest) * (holding.has(hit.id) ? HOLDS : 1);
    });
    return hits.sort(byScore);
  };

  // What a result shows: its title and a passage of its words, cut into [text, matched] pieces
  // (made only for the results shown).
  Engine.prototype.show = function (hit) {
    var matched = new Set(hit.terms);
    return { title: marked(hit.title, matched, 0, Infinity), passage: passage(hit.text, matched) };
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
