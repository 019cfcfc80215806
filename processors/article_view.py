"""A tagged article prepared once for matching every alert query against it.

`ArticleView.from_tagged(article)` reads the tagger's output (see the shared
contract: tags, countries, actors, lang, source, events, title, text) and holds:

- the word tokens of the title and the text, each with its normalised form and
  its stem in the article's language (`processors.tokens`), indexed by both;
- the filter values the article carries, as `(field, value)` pairs:
  ``("tag", "ceasefire")``, ``("country", "ARM")``, ``("status", "violated")``...;
- on demand, concept mentions and the length-keeping folded text of each field.

Spans are `(field, start, end)`, field ``"title"`` or ``"text"``, offsets into
that field of the article as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .concepts import find_concepts
from .tokens import WORD_RE, fold_fixed, norm, stem_key

__all__ = ["ArticleView", "ViewToken", "Span", "FIELDS", "source_keys"]

Span = tuple[str, int, int]
FIELDS = ("title", "text")


class ViewToken(NamedTuple):
    field: str
    start: int
    end: int
    norm: str
    stem: str | None


def source_keys(source: str) -> list[str]:
    """`source:` values an article's source answers to: the name, and for a host
    its parent domains (``www.bbc.co.uk`` -> ``bbc.co.uk``, ``co.uk`` is not kept)."""
    s = source.strip().lower()
    if "://" in s:
        s = s.split("://", 1)[1]
    s = s.split("/", 1)[0] if "." in s.split("/", 1)[0] else s
    if s.startswith("www."):
        s = s[4:]
    keys = [s]
    parts = s.split(".")
    if len(parts) > 2 and " " not in s:
        for i in range(1, len(parts) - 1):
            rest = parts[i:]
            if len(rest) == 2 and len(rest[0]) <= 3 and len(rest[1]) == 2:
                break  # co.uk, com.au: a registry suffix, not a source
            keys.append(".".join(rest))
    return keys


def _filters(article: Mapping[str, Any]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for tag in article.get("tags") or ():
        out.add(("tag", str(tag).lower()))
    for c in article.get("countries") or ():
        out.add(("country", str(c).upper()))
    actors = list(article.get("actors") or ())
    for ev in article.get("events") or ():
        fam = ev.get("family")
        if fam:
            out.add(("tag", str(fam).lower()))
        for name in ("status", "stage", "mode"):
            if ev.get(name):
                out.add((name, str(ev[name]).lower()))
        for c in ev.get("countries") or ():
            out.add(("country", str(c).upper()))
        for o in ev.get("orgs") or ():
            out.add(("actor", str(o).upper()))
        actors.extend(ev.get("actors") or ())
    for a in actors:
        code = a.get("code") if isinstance(a, Mapping) else None
        if code:
            out.add(("actor", str(code).upper()))
            if a.get("kind") == "country":
                out.add(("country", str(code).upper()))
    lang = article.get("lang")
    if lang:
        lang = str(lang).lower()
        out.add(("lang", lang))
        out.add(("lang", lang.split("-")[0].split("_")[0]))
    if article.get("source"):
        for key in source_keys(str(article["source"])):
            out.add(("source", key))
    return out


@dataclass(slots=True)
class ArticleView:
    lang: str | None
    texts: dict[str, str]
    tokens: list[ViewToken]
    by_norm: dict[str, list[int]]
    by_stem: dict[str, list[int]]
    filters: set[tuple[str, str]]
    _folded: dict[str, str] | None = field(default=None, repr=False)
    _concepts: dict[str, list[Span]] | None = field(default=None, repr=False)

    @classmethod
    def from_tagged(cls, article: Mapping[str, Any]) -> ArticleView:
        lang = article.get("lang")
        lang = str(lang).lower().split("-")[0] if lang else None
        texts = {"title": article.get("title") or "", "text": article.get("text") or ""}
        tokens: list[ViewToken] = []
        by_norm: dict[str, list[int]] = {}
        by_stem: dict[str, list[int]] = {}
        seen: dict[str, tuple[str, str | None]] = {}  # word as written -> (norm, stem), once per article
        for fld in FIELDS:
            for m in WORD_RE.finditer(texts[fld]):
                word = m.group()
                got = seen.get(word)
                if got is None:
                    got = seen[word] = (norm(word), stem_key(word, lang))
                i = len(tokens)
                tokens.append(ViewToken(fld, m.start(), m.end(), got[0], got[1]))
                by_norm.setdefault(got[0], []).append(i)
                if got[1] is not None:
                    by_stem.setdefault(got[1], []).append(i)
        return cls(lang, texts, tokens, by_norm, by_stem, _filters(article))

    def folded(self, fld: str) -> str:
        """`fold_fixed` of one field (same length, so offsets are the field's)."""
        if self._folded is None:
            self._folded = {f: fold_fixed(self.texts[f]) for f in FIELDS}
        return self._folded[fld]

    def concepts(self) -> dict[str, list[Span]]:
        """Concept name -> spans of its mentions, across title and text."""
        if self._concepts is None:
            found: dict[str, list[Span]] = {}
            for fld in FIELDS:
                if not self.texts[fld]:
                    continue
                for m in find_concepts(self.texts[fld], self.folded(fld)):
                    spans = found.setdefault(m.payload, [])
                    span = (fld, m.start, m.end)
                    if span not in spans:
                        spans.append(span)
            self._concepts = found
        return self._concepts

    def token_span(self, i: int) -> Span:
        t = self.tokens[i]
        return (t.field, t.start, t.end)
