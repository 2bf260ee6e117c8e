"""Full-text search: one way to turn a model's words into a PostgreSQL search vector.

A model lists the fields people search it by (`FULL_TEXT = FullText(title=..., text=...)`) and
declares `FULL_TEXT.index(name)` in its `Meta.indexes`; the search page builds its vector with
`FULL_TEXT.vector()`. Both come from the same expression, so the SQL the query filters on is the
SQL the GIN index holds and PostgreSQL uses the index.

The text search configuration is "simple" (lower-cased words, no stemming, no stop words): the
programme's records are written in English, French and Spanish (a chapter states its language, a
roadmap or meeting does not), and the language a visitor reads the site in says nothing about the
language of the record. A language's stemmer applied to another language mangles words ("Kenya"
becomes "keni" in English), while "simple" finds exactly the words written, in any language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector

CONFIG = "simple"


@dataclass(frozen=True)
class FullText:
    """The fields a model is searched by: `title` fields weigh more than `text` fields."""

    title: tuple[str, ...]
    text: tuple[str, ...] = ()

    def vector(self):
        vector = SearchVector(*self.title, config=CONFIG, weight="A")
        if self.text:
            vector = vector + SearchVector(*self.text, config=CONFIG, weight="B")
        return vector

    def index(self, name: str) -> GinIndex:
        return GinIndex(self.vector(), name=name)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.title + self.text


def search_query(words: str) -> SearchQuery:
    """What a person typed, read the way web search engines read it: words all required,
    "quoted phrases", `or`, and -minus to leave a word out; never a syntax error."""
    return SearchQuery(words, config=CONFIG, search_type="websearch")
