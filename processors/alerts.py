"""The compiled matcher: which subscriptions does a tagged article fire, and why.

The cost per article grows with the article and its matches, not with the number
of subscriptions:

1. each query names anchor clauses (`Query.anchor_clauses`): a primary set and
   usually a secondary set of atoms such that, whenever the query is true, one
   atom of each is true (`talks AND country:ARM` -> {talks} and {country:ARM});
2. every atom named there is indexed by what an article can look up directly:
   its words, its stems in its language, the prefixes of its words, its Han/kana
   substrings (one Aho-Corasick automaton), its concepts, its filter values;
3. per article, the view is built once (`ArticleView`), the indexed atoms it holds
   are found and verified (set T), and a subscription becomes a candidate only if
   a primary and a secondary atom of one of its clauses are both in T: for each
   primary in T the matcher walks the smaller of (its secondaries, T). Only the
   candidates' boolean trees are evaluated, with atoms evaluated once per article.

>>> idx = SubscriptionIndex([Subscription(id="s1", owner="o", name="n", query="~ceasefire country:ARM")])
>>> [m.subscription_id for m in idx.match({"lang": "fr", "text": "Le cessez-le-feu tient.", "countries": ["ARM"]})]
['s1']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import ahocorasick

from .article_view import ArticleView, Span
from .query import Query
from .query_atoms import Atom, ConceptAtom, FilterAtom, PhraseAtom, PrefixAtom, SubstrAtom, WordAtom
from .subscriptions import CHANNEL_TYPES, DIGESTS, Subscription
from .tokens import has_spaceless, stem_key

__all__ = ["Subscription", "SubscriptionIndex", "AlertMatch", "CHANNEL_TYPES", "DIGESTS", "make_snippet"]


_MISSING = object()
_LAZY = object()  # an atom known true whose spans are not computed yet


@dataclass(eq=True)
class AlertMatch:
    """One subscription that an article matched, and why.

    `terms`: the query's parts that matched (``"ceasefire"``, ``"tag:ceasefire"``, ``"~truce"``);
    `spans`: where, as (field, start, end) in the article's title or text;
    `words`: the article's words that matched, as written; `snippet` with
    `highlights` (start, end) inside it; `marked()` renders them.

    All but `subscription_id` are computed on first access: most
    matches of a busy story are folded into an earlier alert (`StoryWindow`) or
    throttled before anyone reads them.
    """

    subscription_id: str
    _query: Query = field(repr=False, compare=False)
    _ctx: _ArticleContext = field(repr=False, compare=False)

    @property
    def view(self) -> ArticleView:
        return self._ctx.view

    @cached_property
    def _keys(self) -> tuple[tuple, ...]:
        truth = self._ctx.truth
        return tuple(k for k in self._query.positive_atoms() if truth(k))

    @cached_property
    def terms(self) -> tuple[str, ...]:
        label = self._query.label_of
        return tuple(label[k] for k in self._keys)

    @cached_property
    def spans(self) -> tuple[Span, ...]:
        return self._ctx.spans(self._keys)

    @cached_property
    def words(self) -> tuple[str, ...]:
        texts = self._ctx.view.texts
        return tuple(dict.fromkeys(texts[f][s:e] for f, s, e in self.spans))

    @cached_property
    def _snippet(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        return self._ctx.snippet(self.spans)

    @property
    def snippet(self) -> str:
        return self._snippet[0]

    @property
    def highlights(self) -> tuple[tuple[int, int], ...]:
        return self._snippet[1]

    def marked(self, open_mark: str = "**", close_mark: str = "**") -> str:
        out, pos = [], 0
        for s, e in self.highlights:
            out += [self.snippet[pos:s], open_mark, self.snippet[s:e], close_mark]
            pos = e
        out.append(self.snippet[pos:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: subscription_id, terms, words, spans, snippet, highlights, snippet_marked."""
        return {"subscription_id": self.subscription_id, "terms": list(self.terms), "words": list(self.words),
                "spans": [list(s) for s in self.spans], "snippet": self.snippet,
                "highlights": [list(h) for h in self.highlights], "snippet_marked": self.marked()}


def make_snippet(view: ArticleView, spans: Iterable[Span], width: int = 200) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of about `width` characters around the first match, and the matches inside it."""
    spans = sorted(set(spans), key=lambda s: (s[0] != "text", s[1]))
    fld = spans[0][0] if spans else ("text" if view.texts["text"] else "title")
    text = view.texts[fld]
    if not spans:
        end = _cut_back(text, min(len(text), width))
        return _flat(text[:end]) + ("…" if end < len(text) else ""), ()
    first_s, first_e = spans[0][1], spans[0][2]
    start = max(0, first_s - width // 3)
    if start > 0:
        sp = text.find(" ", start, first_s)
        start = sp + 1 if sp >= 0 else start
    end = min(len(text), max(start + width, first_e))
    if end < len(text):
        end = max(first_e, _cut_back(text, end))
    lead = "…" if start > 0 else ""
    body = _flat(text[start:end])
    marks: list[tuple[int, int]] = []
    for f, s, e in spans:
        if f != fld or s < start or e > end:
            continue
        s2, e2 = s - start + len(lead), e - start + len(lead)
        if marks and s2 <= marks[-1][1]:
            marks[-1] = (marks[-1][0], max(marks[-1][1], e2))
        else:
            marks.append((s2, e2))
    return lead + body + ("…" if end < len(text) else ""), tuple(marks)


def _cut_back(text: str, end: int) -> int:
    sp = text.rfind(" ", max(0, end - 30), end)
    return sp if sp > 0 else end


def _flat(s: str) -> str:
    return s.replace("\n", " ").replace("\r", " ").replace("\t", " ")


class _ArticleContext:
    """What one article's matches share: atom truth, spans and snippets, each computed once."""

    __slots__ = ("view", "true_atoms", "memo", "indexed", "everything", "width", "truth", "_spans", "_snippets")

    def __init__(self, view: ArticleView, true_atoms: dict, indexed: dict, everything: dict, width: int) -> None:
        self.view, self.true_atoms, self.indexed, self.everything, self.width = view, true_atoms, indexed, everything, width
        self.memo: dict[tuple, list[Span] | None] = {}
        self._spans: dict[tuple, tuple[Span, ...]] = {}
        self._snippets: dict[tuple, tuple[str, tuple[tuple[int, int], ...]]] = {}
        self.truth = self.truth_function()

    def truth_function(self):
        """`truth(atom_key) -> bool` for this article, as a closure over local names (hot path)."""
        true_atoms, memo, indexed, everything, view = self.true_atoms, self.memo, self.indexed, self.everything, self.view

        def truth(k: tuple) -> bool:
            if k in true_atoms:
                return True
            v = memo.get(k, _MISSING)
            if v is _MISSING:  # an indexed atom not found is false; others are evaluated once
                v = memo[k] = None if k in indexed else everything[k].spans(view)
            return v is not None

        return truth

    def atom_spans(self, k: tuple) -> list[Span]:
        found = self.true_atoms.get(k, _MISSING)
        if found is _LAZY:
            found = self.true_atoms[k] = self.indexed[k].spans(self.view)
        elif found is _MISSING:
            found = self.memo[k]
        return found

    def spans(self, keys: tuple[tuple, ...]) -> tuple[Span, ...]:
        got = self._spans.get(keys)
        if got is None:
            where = {sp for k in keys for sp in self.atom_spans(k)}
            got = self._spans[keys] = tuple(sorted(where, key=lambda s: (s[0] != "title", s[1], s[2])))
        return got

    def snippet(self, spans: tuple[Span, ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
        got = self._snippets.get(spans)
        if got is None:
            got = self._snippets[spans] = make_snippet(self.view, spans, self.width)
        return got


@dataclass
class _Compiled:
    sub: Subscription
    query: Query
    clauses: list[tuple[tuple, tuple | None]]




class SubscriptionIndex:
    """Many subscriptions compiled for matching; see the module docstring.

    `add` replaces a subscription with the same id; inactive ones are kept but
    never matched. The substring automaton is rebuilt lazily, once per batch of
    changes, at the next `match`; stem tables are built per language on first use.
    """

    def __init__(self, subscriptions: Iterable[Subscription] = (), *, snippet_width: int = 200) -> None:
        self.snippet_width = snippet_width
        self._subs: dict[str, _Compiled] = {}
        self._single: dict[tuple, set[str]] = {}             # primary atom -> subscriptions without a secondary
        self._pairs: dict[tuple, dict[tuple, set[str]]] = {}  # primary atom -> secondary atom -> subscriptions
        self._refs: Counter[tuple] = Counter()                # indexed atom -> uses in clauses
        self._atoms: dict[tuple, Atom] = {}                   # indexed atoms
        self._all: dict[tuple, Atom] = {}                     # every atom of every active query
        self._all_refs: Counter[tuple] = Counter()
        self._word: dict[str, set[tuple]] = {}
        self._word_raw: dict[tuple, tuple[str, str]] = {}
        self._stems: dict[str, dict[str, tuple]] = {}  # lang -> stem -> atom keys (tuples: most stems have one)
        self._prefix: dict[str, set[tuple]] = {}
        self._prefix_auto: ahocorasick.Automaton | None = None
        self._substr: dict[str, set[tuple]] = {}
        self._auto: ahocorasick.Automaton | None = None
        self._concept: dict[str, set[tuple]] = {}
        self._filter: dict[tuple[str, str], set[tuple]] = {}
        for s in subscriptions:
            self.add(s)

    # -- maintenance

    def __len__(self) -> int:
        return len(self._subs)

    def __contains__(self, sub_id: object) -> bool:
        return sub_id in self._subs

    def get(self, sub_id: str) -> Subscription | None:
        c = self._subs.get(sub_id)
        return c.sub if c else None

    def add(self, sub: Subscription) -> None:
        if sub.id in self._subs:
            self.remove(sub.id)
        query = sub.compiled
        clauses = list(dict.fromkeys(query.anchor_clauses() or [])) if sub.active else []
        self._subs[sub.id] = _Compiled(sub, query, clauses)
        if not sub.active:
            return
        for key, atom in query.atoms.items():
            if not self._all_refs[key]:
                self._all[key] = atom
            self._all_refs[key] += 1
        for primary, secondary in clauses:
            for a in primary:
                self._use(a, query)
                if secondary is None:
                    self._single.setdefault(a, set()).add(sub.id)
                    continue
                inner = self._pairs.setdefault(a, {})
                for b in secondary:
                    self._use(b, query)
                    inner.setdefault(b, set()).add(sub.id)

    def remove(self, sub_id: str) -> bool:
        c = self._subs.pop(sub_id, None)
        if c is None:
            return False
        for primary, secondary in c.clauses:
            for a in primary:
                if secondary is None:
                    _discard(self._single, a, sub_id)
                else:  # clauses of one query may share atoms: an entry may already be gone
                    inner = self._pairs.get(a)
                    for b in secondary:
                        if inner is not None:
                            _discard(inner, b, sub_id)
                        self._release(b)
                    if inner is not None and not inner:
                        del self._pairs[a]
                self._release(a)
        if c.sub.active:
            for key in c.query.atoms:
                self._all_refs[key] -= 1
                if not self._all_refs[key]:
                    del self._all_refs[key]
                    del self._all[key]
        return True

    def _use(self, key: tuple, query: Query) -> None:
        if not self._refs[key]:
            self._register(query.atoms[key])
        self._refs[key] += 1

    def _release(self, key: tuple) -> None:
        self._refs[key] -= 1
        if not self._refs[key]:
            del self._refs[key]
            self._unregister(key)

    def _probe(self, atom: Atom) -> tuple:
        if isinstance(atom, WordAtom):
            return ("word", atom.surface, atom.raw)
        if isinstance(atom, PhraseAtom):
            surface, raw, prefix = atom.parts[atom.anchor_part()]
            return ("prefix", surface) if prefix else ("word", surface, raw)
        if isinstance(atom, PrefixAtom):
            return ("prefix", atom.prefix)
        if isinstance(atom, SubstrAtom):
            return ("substr", atom.text)
        if isinstance(atom, ConceptAtom):
            return ("concept", atom.name)
        if isinstance(atom, FilterAtom):
            return ("filter", (atom.field, atom.value))
        raise TypeError(f"cannot index {atom!r}")  # pragma: no cover

    def _register(self, atom: Atom) -> None:
        key = atom.key
        self._atoms[key] = atom
        kind, *rest = self._probe(atom)
        if kind == "word":
            surface, raw = rest
            self._word.setdefault(surface, set()).add(key)
            self._word_raw[key] = (surface, raw)
            for lang, table in self._stems.items():
                st = stem_key(raw, lang)
                if st is not None:
                    table[st] = table.get(st, ()) + (key,)
        elif kind == "prefix":
            self._prefix.setdefault(rest[0], set()).add(key)
            self._prefix_auto = None
        elif kind == "substr":
            self._substr.setdefault(rest[0], set()).add(key)
            self._auto = None
        elif kind == "concept":
            self._concept.setdefault(rest[0], set()).add(key)
        else:
            self._filter.setdefault(rest[0], set()).add(key)

    def _unregister(self, key: tuple) -> None:
        atom = self._atoms.pop(key)
        kind, *rest = self._probe(atom)
        table: dict = {"word": self._word, "prefix": self._prefix, "substr": self._substr,
                       "concept": self._concept, "filter": self._filter}[kind]
        _discard(table, rest[0], key)
        if kind == "word":
            _surface, raw = self._word_raw.pop(key)
            for lang, stems in self._stems.items():
                st = stem_key(raw, lang)
                if st is not None and st in stems:
                    rest = tuple(k for k in stems[st] if k != key)
                    if rest:
                        stems[st] = rest
                    else:
                        del stems[st]
        elif kind == "prefix":
            self._prefix_auto = None
        elif kind == "substr":
            self._auto = None

    def _stem_table(self, lang: str) -> dict[str, tuple]:
        table = self._stems.get(lang)
        if table is None:
            table = self._stems[lang] = {}
            for key, (_surface, raw) in self._word_raw.items():
                st = stem_key(raw, lang)
                if st is not None:
                    table[st] = table.get(st, ()) + (key,)
        return table

    def _automaton(self) -> ahocorasick.Automaton:
        if self._auto is None:
            self._auto = _build_automaton((t, t) for t in self._substr)
        return self._auto

    def _prefix_automaton(self) -> ahocorasick.Automaton:
        """Prefixes as "\x00prefix", searched in "\x00word\x00word...": one C pass finds
        every registered prefix that starts an article word."""
        if self._prefix_auto is None:
            self._prefix_auto = _build_automaton(("\x00" + p, p) for p in self._prefix)
        return self._prefix_auto

    # -- matching

    def candidate_atoms(self, view: ArticleView) -> set[tuple]:
        """Indexed atoms whose lookup key the article holds (a superset of the true ones)."""
        found: set[tuple] = set()
        word = self._word
        for w in view.by_norm:
            hit = word.get(w)
            if hit:
                found.update(hit)
        if view.lang and self._word_raw and view.by_stem and stem_key("a", view.lang) is not None:
            stems = self._stem_table(view.lang)
            for st in view.by_stem:
                hit = stems.get(st)
                if hit:
                    found.update(hit)
                hit = word.get(st)  # the query word is the token's stem
                if hit:
                    found.update(hit)
        if self._prefix:
            prefix = self._prefix
            for _end, p in self._prefix_automaton().iter("\x00" + "\x00".join(view.by_norm)):
                found.update(prefix[p])
        if self._substr:
            for fld in ("title", "text"):
                if view.texts[fld] and has_spaceless(view.texts[fld]):
                    for _end, text in self._automaton().iter(view.folded(fld)):
                        found.update(self._substr[text])
        if self._concept:
            for name in view.concepts():
                hit = self._concept.get(name)
                if hit:
                    found.update(hit)
        for f in view.filters:
            hit = self._filter.get(f)
            if hit:
                found.update(hit)
        return found

    def true_atoms(self, view: ArticleView) -> dict[tuple, Any]:
        """Indexed atoms true in the article -> their spans, or `_LAZY` where the lookup
        alone proves the atom (every kind but a phrase) and spans wait for `_explain`."""
        out: dict[tuple, Any] = {}
        atoms = self._atoms
        for key in self.candidate_atoms(view):
            if key[0] == "phrase":
                found = atoms[key].spans(view)
                if found is not None:
                    out[key] = found
            else:
                out[key] = _LAZY
        return out

    def candidates(self, view: ArticleView, true_atoms: Mapping[tuple, Any]) -> set[str]:
        """Subscriptions with a clause whose primary and secondary atoms are both in `true_atoms`."""
        out: set[str] = set()
        n = len(true_atoms)
        for a in true_atoms:
            subs = self._single.get(a)
            if subs:
                out |= subs
            inner = self._pairs.get(a)
            if inner:
                if len(inner) <= n:
                    for b, subs in inner.items():
                        if b in true_atoms:
                            out |= subs
                else:
                    for b in true_atoms:
                        subs = inner.get(b)
                        if subs:
                            out |= subs
        return out

    def match(self, article: Mapping[str, Any]) -> list[AlertMatch]:
        """Every active subscription the tagged article matches, in subscription-id order."""
        return self.match_view(ArticleView.from_tagged(article))

    def match_view(self, view: ArticleView) -> list[AlertMatch]:
        ctx = _ArticleContext(view, self.true_atoms(view), self._atoms, self._all, self.snippet_width)
        truth = ctx.truth
        subs = self._subs
        out = []
        for sid in sorted(self.candidates(view, ctx.true_atoms)):
            query = subs[sid].query
            if query.evaluate(truth):
                out.append(AlertMatch(sid, query, ctx))
        return out

    def stats(self) -> dict[str, int]:
        return {"subscriptions": len(self._subs), "indexed_atoms": len(self._atoms), "atoms": len(self._all),
                "words": len(self._word), "prefixes": len(self._prefix), "substrings": len(self._substr),
                "concepts": len(self._concept), "filters": len(self._filter), "stem_languages": len(self._stems)}


def _build_automaton(pairs: Iterable[tuple[str, str]]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word, value in pairs:
        auto.add_word(word, value)
    auto.make_automaton()
    return auto


def _discard(table: dict, k: Any, key: Any) -> None:
    s = table.get(k)
    if s is not None:
        s.discard(key)
        if not s:
            del table[k]
