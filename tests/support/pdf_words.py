"""A PDF's text as the tests compare it: its words, not where its lines break.

A PDF's text comes out line by line, and a line may break where the words have no space: after a
slash, a hyphen or a dash ("practitioner/" at the end of one line and "agency" at the start of
the next reads "practitioner/ agency"). Where a line breaks depends on the font and the page,
which is the layout's business, not the test's. So a phrase and a PDF's text are compared in the
same normal form (`words`): ligatures as letters (a PDF writes "ﬁ" for "fi"), any run of
whitespace as one space, and no space after a slash, hyphen or dash. Every word and every
character of the phrase must still be there, in order."""
from __future__ import annotations

import re
import unicodedata

_OPEN_BREAK = re.compile(r"([/\-\u2010\u2011\u2013\u2014]) ")


def words(text: str) -> str:
    """The text in the form compared: NFKC, whitespace as one space, none after / - – —."""
    return _OPEN_BREAK.sub(r"\1", " ".join(unicodedata.normalize("NFKC", text).split()))


class Words(str):
    """A PDF's text in that form, for `phrase in text`, `phrase not in text` and
    `text.count(phrase)`, with the phrase put in the same form."""

    def __new__(cls, text: str) -> "Words":
        return super().__new__(cls, words(text))

    def __contains__(self, phrase: object) -> bool:
        return str.__contains__(self, words(str(phrase)))

    def count(self, phrase: str, *args) -> int:  # type: ignore[override]
        return str.count(self, words(phrase), *args)


def pdf_words(pdf) -> Words:
    """The words of a PDF (a pypdf reader) or of some of its pages (a list of pages)."""
    pages = getattr(pdf, "pages", pdf)
    return Words(" ".join(page.extract_text() for page in pages))
