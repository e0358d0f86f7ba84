/* The handbook's search records and practitioners' words (macros/render/search.py), loaded when
   a reader first searches. vocabulary: [[everyday phrases], [the sources' phrases they lead to]]. */
(function (search) {
  search.records = {{ records | tojson }};
  search.vocabulary = {{ vocabulary | tojson }};
})(globalThis.HandbookSearch = globalThis.HandbookSearch || {});
