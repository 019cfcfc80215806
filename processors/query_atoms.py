"""The leaves of an alert query, and how each one is found in an article.

Each atom has a `key` (shared by every query that contains it, so it is
evaluated once per article), a `label` (as the user wrote it), `spans(view)`
(where it matches, None if it does not; [] for a filter that holds), and a
`cost`: a guess at how common it is, lower = rarer, used to pick the anchors
the index looks up (`Query.anchor_clauses`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cached_property

from .article_view import ArticleView, Span
from .tokens import stem_key

__all__ = ["Atom", "WordAtom", "PrefixAtom", "PhraseAtom", "SubstrAtom", "ConceptAtom", "FilterAtom"]


@dataclass(frozen=True)
class Atom(ABC):
    """A leaf of a query. `key` identifies it across subscriptions (shared work)."""

    @property
    @abstractmethod
    def key(self) -> tuple: ...

    @abstractmethod
    def label(self) -> str: ...

    @abstractmethod
    def spans(self, view: ArticleView) -> list[Span] | None:
        """Where it matches in the article (may be [] for a filter), or None."""

    #: lower = expected in fewer articles; the matcher anchors a conjunction on its cheapest part
    def cost(self) -> int:
        return 5


def _word_hits(view: ArticleView, surface: str, raw: str) -> list[int]:
    """Tokens that are the word: same normalised form, same stem, or a stem that is
    the query word itself (a query in citation form: `müzakere` finds
    `müzakereleri`, whose Snowball stem is `muzakere` while `müzakere` stems to `muzaker`)."""
    hits = set(view.by_norm.get(surface, ()))
    st = stem_key(raw, view.lang)
    if st is not None:
        hits.update(view.by_stem.get(st, ()))
        hits.update(view.by_stem.get(surface, ()))
    return sorted(hits)


def _prefix_hits(view: ArticleView, prefix: str) -> list[int]:
    hits: list[int] = []
    for w, idx in view.by_norm.items():
        if w.startswith(prefix):
            hits.extend(idx)
    hits.sort()
    return hits


@dataclass(frozen=True)
class WordAtom(Atom):
    surface: str  # norm(raw)
    raw: str = field(compare=False)  # lower-cased as written, what the stemmer sees

    @property
    def key(self) -> tuple:
        return ("word", self.surface)

    def label(self) -> str:
        return self.raw

    def spans(self, view: ArticleView) -> list[Span] | None:
        hits = _word_hits(view, self.surface, self.raw)
        return sorted(view.token_span(i) for i in hits) if hits else None

    def cost(self) -> int:
        return 2 if len(self.surface) >= 6 else 3 if len(self.surface) >= 4 else 5


@dataclass(frozen=True)
class PrefixAtom(Atom):
    prefix: str

    @property
    def key(self) -> tuple:
        return ("prefix", self.prefix)

    def label(self) -> str:
        return self.prefix + "*"

    def spans(self, view: ArticleView) -> list[Span] | None:
        hits = _prefix_hits(view, self.prefix)
        return [view.token_span(i) for i in hits] if hits else None

    def cost(self) -> int:
        return 4 if len(self.prefix) >= 5 else 5


@dataclass(frozen=True)
class PhraseAtom(Atom):
    """Consecutive words; each part is (surface, raw, is_prefix)."""

    parts: tuple[tuple[str, str, bool], ...]

    @property
    def key(self) -> tuple:
        return ("phrase", tuple((s, p) for s, _, p in self.parts))

    def label(self) -> str:
        return '"' + " ".join(r + ("*" if p else "") for _, r, p in self.parts) + '"'

    def anchor_part(self) -> int:
        """The part the matcher looks up first: the longest whole word, else the longest prefix."""
        return max(range(len(self.parts)), key=lambda i: (not self.parts[i][2], len(self.parts[i][0])))

    @cached_property
    def _anchor(self) -> int:
        return self.anchor_part()

    def spans(self, view: ArticleView) -> list[Span] | None:
        parts, a, n = self.parts, self._anchor, len(self.parts)
        lang, toks, by_norm, by_stem = view.lang, view.tokens, view.by_norm, view.by_stem
        stems = [None if p else stem_key(r, lang) for _, r, p in parts]
        for k, (s, _r, p) in enumerate(parts):  # quick reject: a whole word of the phrase is absent
            if not p and s not in by_norm and (stems[k] is None or (stems[k] not in by_stem and s not in by_stem)):
                return None
        surface, raw, prefix = parts[a]
        starts = _prefix_hits(view, surface) if prefix else _word_hits(view, surface, raw)
        out: list[Span] = []
        for i in starts:
            first = i - a
            if first < 0 or first + n > len(toks):
                continue
            fld = toks[i].field
            for k in range(n):
                if k == a:
                    continue
                t = toks[first + k]
                s, _r, p = parts[k]
                if t.field != fld:
                    break
                if p:
                    if not t.norm.startswith(s):
                        break
                elif t.norm != s and (stems[k] is None or (t.stem != stems[k] and t.stem != s)):
                    break
            else:
                out.append((fld, toks[first].start, toks[first + n - 1].end))
        return out or None

    def cost(self) -> int:
        return 1


@dataclass(frozen=True)
class SubstrAtom(Atom):
    """A term in a script without word spaces (zh, ja, th): found anywhere in the text."""

    text: str  # fold_fixed, spaces removed
    raw: str = field(compare=False)

    @property
    def key(self) -> tuple:
        return ("substr", self.text)

    def label(self) -> str:
        return self.raw

    def spans(self, view: ArticleView) -> list[Span] | None:
        out: list[Span] = []
        for fld in ("title", "text"):
            hay = view.folded(fld)
            i = hay.find(self.text)
            while i >= 0:
                out.append((fld, i, i + len(self.text)))
                i = hay.find(self.text, i + 1)
        return out or None

    def cost(self) -> int:
        return 2 if len(self.text) >= 3 else 3


@dataclass(frozen=True)
class ConceptAtom(Atom):
    name: str

    @property
    def key(self) -> tuple:
        return ("concept", self.name)

    def label(self) -> str:
        return "~" + self.name

    def spans(self, view: ArticleView) -> list[Span] | None:
        return view.concepts().get(self.name)

    def cost(self) -> int:
        return 6


_FILTER_COST = {"actor": 4, "country": 4, "source": 3, "status": 7, "stage": 7, "mode": 7, "tag": 8, "lang": 9}


@dataclass(frozen=True)
class FilterAtom(Atom):
    field: str
    value: str

    @property
    def key(self) -> tuple:
        return ("filter", self.field, self.value)

    def label(self) -> str:
        return f"{self.field}:{self.value}"

    def spans(self, view: ArticleView) -> list[Span] | None:
        return [] if (self.field, self.value) in view.filters else None

    def cost(self) -> int:
        return _FILTER_COST[self.field]


