"""The alert query language: parse, check, and evaluate against one article.

Grammar (operators are UPPER-CASE only; `and`, `or`, `not` in lower case are
ordinary words, so a query can look for them)::

    query    := or_expr
    or_expr  := and_expr ( "OR" and_expr )*
    and_expr := unary ( ["AND"] unary )*          # adjacent terms: implicit AND
    unary    := "NOT" unary | primary
    primary  := "(" or_expr ")" | PHRASE | FILTER | CONCEPT | TERM
    PHRASE   := '"' words '"'                     # consecutive words; "peace talk*" too
    FILTER   := name ":" value | name ':"' value '"'
    CONCEPT  := "~" name                          # ~ceasefire, any language (data/concepts/)
    TERM     := a word, or a word ending in "*" (prefix, at least 3 letters)

Filters match what the tagger extracted: `tag:` (family), `status:`, `stage:`,
`mode:` (of any event), `country:` (ISO3), `actor:` (ISO3 or organisation code),
`lang:` and `source:` (a name or a domain; `source:bbc.co.uk` also matches
`www.bbc.co.uk` and `news.bbc.co.uk`).

Words match case-, accent- and width-insensitively and, in the article's language,
by stem (`talks` finds `talk`; `perundingan` finds `berunding`). A term written in
a script without spaces (Chinese, Japanese, Thai) matches as a substring. A
hyphenated or apostrophised term (`cessez-le-feu`) is a phrase.

A query must require something to be present: `NOT tag:ceasefire` alone, or an
OR with such a branch, would alert on nearly every article and is rejected.
Limits: `MAX_QUERY_CHARS`, `MAX_TERMS` leaves, `MAX_DEPTH` nesting.

>>> q = parse_query('"border commission" OR (tag:peace_process AND country:ARM)')
>>> q.labels()
['"border commission"', 'tag:peace_process', 'country:ARM']
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .article_view import ArticleView, source_keys
from .concepts import concept_names
from .errors import QueryError
from .query_atoms import Atom, ConceptAtom, FilterAtom, PhraseAtom, PrefixAtom, SubstrAtom, WordAtom
from .tokens import fold_fixed, has_spaceless, lower, tokenize

__all__ = [
    "parse_query", "Query", "Atom", "WordAtom", "PrefixAtom", "PhraseAtom", "SubstrAtom",
    "ConceptAtom", "FilterAtom", "FILTER_VALUES", "MAX_QUERY_CHARS", "MAX_TERMS", "MAX_DEPTH",
    "MIN_PREFIX",
]

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 16
MIN_PREFIX = 3

_MEETING_STATUS = ("held", "scheduled", "proposed", "cancelled")
_CEASEFIRE_STATUS = ("called_for", "proposed", "agreed", "in_effect", "extended", "violated", "ended", "historical")
FILTER_VALUES: dict[str, tuple[str, ...] | None] = {
    "tag": ("diplomatic_meeting", "peace_process", "ceasefire"),
    "status": tuple(dict.fromkeys(_MEETING_STATUS + _CEASEFIRE_STATUS)),
    "stage": ("proposed", "scheduled", "held", "progress", "agreed", "signed", "implemented", "stalled", "collapsed"),
    "mode": ("bilateral", "multilateral", "call", "visit", "summit"),
    "country": None, "actor": None, "lang": None, "source": None,
}


# ---------------------------------------------------------------- query tree

# A tree node is a tuple: ("atom", atom_key) | ("and", [nodes]) | ("or", [nodes]) | ("not", node).


@dataclass
class Query:
    """A parsed, checked query. `tree` refers to atoms by key; `atoms` holds them."""

    text: str
    tree: tuple
    atoms: dict[tuple, Atom]
    positions: dict[int, int] = field(default_factory=dict, repr=False)

    def labels(self) -> list[str]:
        return [a.label() for a in self.atoms.values()]

    @cached_property
    def label_of(self) -> dict[tuple, str]:
        """Atom key -> how the query wrote it."""
        return {k: a.label() for k, a in self.atoms.items()}

    def evaluate(self, truth) -> bool:
        """Evaluate the tree; `truth(atom_key) -> bool` (compiled to closures on first use)."""
        fn = self.__dict__.get("_fn")
        if fn is None:
            fn = self.__dict__["_fn"] = _compile(self.tree)
        return fn(truth)

    def matches(self, view: ArticleView) -> bool:
        """Brute force: evaluate every atom on the article (the reference the index must agree with)."""
        memo: dict[tuple, bool] = {}

        def truth(k: tuple) -> bool:
            if k not in memo:
                memo[k] = self.atoms[k].spans(view) is not None
            return memo[k]

        return _eval(self.tree, truth)

    def positive_atoms(self) -> list[tuple]:
        """Atom keys not under a NOT: the ones that explain a match."""
        found = self.__dict__.get("_positive")
        if found is None:
            out: list[tuple] = []
            _positive(self.tree, False, out)
            found = self.__dict__["_positive"] = list(dict.fromkeys(out))
        return found

    def anchors(self) -> list[tuple] | None:
        """Atom keys of which at least one is true whenever the query is; None if none can be named."""
        found = _anchors(self.tree, self.atoms)
        return sorted(found[0]) if found else None

    def anchor_clauses(self) -> list[tuple[tuple, tuple | None]] | None:
        """Pairs (primary keys, secondary keys or None): whenever the query is true, for
        some pair one primary atom is true and, if there is a secondary set, one of it too.

        A conjunction names its two cheapest parts (`country:ARM AND (talks OR truce)`
        -> ({country:ARM}, {talks, truce})), so the matcher wakes it only when both hold.
        """
        return _clauses(self.tree, self.atoms)


def _eval(node: tuple, truth) -> bool:
    op = node[0]
    if op == "atom":
        return truth(node[1])
    if op == "and":
        return all(_eval(c, truth) for c in node[1])
    if op == "or":
        return any(_eval(c, truth) for c in node[1])
    return not _eval(node[1], truth)


def _positive(node: tuple, negated: bool, out: list) -> None:
    op = node[0]
    if op == "atom":
        if not negated:
            out.append(node[1])
    elif op == "not":
        _positive(node[1], not negated, out)
    else:
        for c in node[1]:
            _positive(c, negated, out)


def _anchors(node: tuple, atoms: dict) -> tuple[set, int] | None:
    op = node[0]
    if op == "atom":
        return {node[1]}, atoms[node[1]].cost()
    if op == "not":
        return None
    parts = [_anchors(c, atoms) for c in node[1]]
    if op == "and":
        ok = [p for p in parts if p is not None]
        return min(ok, key=lambda p: (p[1], len(p[0]))) if ok else None
    if any(p is None for p in parts):
        return None
    keys: set = set()
    for p in parts:
        keys |= p[0]
    return keys, sum(p[1] for p in parts)


def _clauses(node: tuple, atoms: dict) -> list[tuple[tuple, tuple | None]] | None:
    op = node[0]
    if op == "atom":
        return [((node[1],), None)]
    if op == "not":
        return None
    if op == "or":
        out: list = []
        for c in node[1]:
            sub = _clauses(c, atoms)
            if sub is None:
                return None
            out.extend(sub)
        return out
    scored = []
    for i, c in enumerate(node[1]):
        a = _anchors(c, atoms)
        if a is not None:
            scored.append((a[1], len(a[0]), i, c, a[0]))
    if not scored:
        return None
    scored.sort(key=lambda t: t[:3])
    if len(scored) == 1:
        return _clauses(scored[0][3], atoms)
    return [(tuple(sorted(scored[0][4])), tuple(sorted(scored[1][4])))]


def _compile(node: tuple):
    """The tree as nested closures: `f(truth) -> bool`. Atom children are tested first
    (one lookup each), subtrees after; both short-circuit."""
    op = node[0]
    if op == "atom":
        k = node[1]
        return lambda t: t(k)
    if op == "not":
        f = _compile(node[1])
        return lambda t: not f(t)
    keys = tuple(c[1] for c in node[1] if c[0] == "atom")
    fs = tuple(_compile(c) for c in node[1] if c[0] != "atom")
    if op == "and":
        if not fs:
            return lambda t: all(map(t, keys))
        if len(fs) == 1:
            f = fs[0]
            return lambda t: all(map(t, keys)) and f(t)
        return lambda t: all(map(t, keys)) and all(f(t) for f in fs)
    if not fs:
        return lambda t: any(map(t, keys))
    if len(fs) == 1:
        f = fs[0]
        return lambda t: any(map(t, keys)) or f(t)
    return lambda t: any(map(t, keys)) or any(f(t) for f in fs)


# ---------------------------------------------------------------- lexer

_OPS = {"AND", "OR", "NOT"}
_FILTER_RE = re.compile(r"([A-Za-z_]+):(.*)\Z", re.S)
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(" ")" AND OR NOT WORD PHRASE FILTER CONCEPT EOF
    pos: int
    text: str = ""
    value: str = ""


def _lex(q: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(q)
    while i < n:
        c = q[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Tok(c, i))
            i += 1
        elif c in _QUOTES:
            end = q.find(_QUOTES[c], i + 1)
            if end < 0:
                raise QueryError(f"unclosed quote that starts at position {i}: add a closing {_QUOTES[c]}", position=i, query=q)
            out.append(_Tok("PHRASE", i, q[i + 1:end]))
            i = end + 1
        else:
            j = i
            while j < n and not q[j].isspace() and q[j] not in "()" and q[j] not in _QUOTES:
                j += 1
            raw = q[i:j]
            m = _FILTER_RE.match(raw)
            if raw in _OPS:
                out.append(_Tok(raw, i))
            elif raw.startswith("~"):
                out.append(_Tok("CONCEPT", i, raw[1:]))
            elif m:
                value = m.group(2)
                if not value and j < n and q[j] in _QUOTES:
                    end = q.find(_QUOTES[q[j]], j + 1)
                    if end < 0:
                        raise QueryError(f"unclosed quote that starts at position {j}: add a closing {_QUOTES[q[j]]}", position=j, query=q)
                    value, j = q[j + 1:end], end + 1
                out.append(_Tok("FILTER", i, m.group(1), value))
            else:
                out.append(_Tok("WORD", i, raw))
            i = j
    out.append(_Tok("EOF", n))
    return out


# ---------------------------------------------------------------- parser

_STARTS = {"(", "NOT", "WORD", "PHRASE", "FILTER", "CONCEPT"}


class _Parser:
    def __init__(self, q: str) -> None:
        self.q = q
        self.toks = _lex(q)
        self.i = 0
        self.atoms: dict[tuple, Atom] = {}
        self.leaves = 0
        self.positions: dict[int, int] = {}

    def err(self, msg: str, pos: int) -> QueryError:
        return QueryError(msg, position=pos, query=self.q)

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self) -> tuple:
        if self.tok.kind == "EOF":
            raise self.err("the query is empty: write a word, a \"phrase\", a filter such as tag:ceasefire or a concept such as ~ceasefire", 0)
        node = self.or_expr(0)
        t = self.tok
        if t.kind == ")":
            raise self.err(f"unexpected ')' at position {t.pos}: no '(' is open", t.pos)
        if t.kind != "EOF":  # pragma: no cover - every other token starts an operand
            raise self.err(f"unexpected {t.kind} at position {t.pos}", t.pos)
        return node

    def or_expr(self, depth: int) -> tuple:
        items = [self.and_expr(depth)]
        while self.tok.kind == "OR":
            op = self.take()
            if self.tok.kind not in _STARTS:
                raise self.err(f"OR at position {op.pos} needs a term after it", op.pos)
            items.append(self.and_expr(depth))
        return items[0] if len(items) == 1 else ("or", items)

    def and_expr(self, depth: int) -> tuple:
        items = [self.unary(depth)]
        while True:
            if self.tok.kind == "AND":
                op = self.take()
                if self.tok.kind not in _STARTS:
                    raise self.err(f"AND at position {op.pos} needs a term after it", op.pos)
                items.append(self.unary(depth))
            elif self.tok.kind in _STARTS:
                items.append(self.unary(depth))
            else:
                break
        return items[0] if len(items) == 1 else ("and", items)

    def unary(self, depth: int) -> tuple:
        t = self.tok
        if t.kind == "NOT":
            self.take()
            if self.tok.kind not in _STARTS:
                raise self.err(f"NOT at position {t.pos} needs a term after it", t.pos)
            self._depth(depth + 1, t.pos)
            node = ("not", self.unary(depth + 1))
            self.positions[id(node)] = t.pos
            return node
        return self.primary(depth)

    def _depth(self, depth: int, pos: int) -> None:
        if depth > MAX_DEPTH:
            raise self.err(f"the query nests more than {MAX_DEPTH} levels of parentheses and NOTs; simplify it", pos)

    def primary(self, depth: int) -> tuple:
        t = self.take()
        if t.kind == "(":
            self._depth(depth + 1, t.pos)
            if self.tok.kind == ")":
                raise self.err(f"empty parentheses at position {t.pos}", t.pos)
            node = self.or_expr(depth + 1)
            if self.tok.kind != ")":
                raise self.err(f"unclosed parenthesis that opens at position {t.pos}: add a ')'", t.pos)
            self.take()
            return node
        if t.kind in ("AND", "OR"):
            raise self.err(f"{t.kind} at position {t.pos} needs a term before it", t.pos)
        if t.kind == ")":
            raise self.err(f"unexpected ')' at position {t.pos}: no '(' is open", t.pos)
        if t.kind == "EOF":  # pragma: no cover - guarded by callers
            raise self.err("the query ends too early", t.pos)
        self.leaves += 1
        if self.leaves > MAX_TERMS:
            raise self.err(f"the query has more than {MAX_TERMS} terms; split it into several subscriptions", t.pos)
        atom = self.atom(t)
        self.atoms.setdefault(atom.key, atom)
        return ("atom", atom.key)

    # -- leaves

    def atom(self, t: _Tok) -> Atom:
        if t.kind == "CONCEPT":
            return self.concept(t)
        if t.kind == "FILTER":
            return self.filter(t)
        return self.words(t.text, t.pos + (1 if t.kind == "PHRASE" else 0), quoted=t.kind == "PHRASE")

    def concept(self, t: _Tok) -> Atom:
        name = t.text.strip().lower().replace("-", "_")
        names = concept_names()
        if not name:
            raise self.err(f"'~' at position {t.pos} needs a concept name, e.g. ~ceasefire (known: {', '.join(names)})", t.pos)
        if name not in names:
            raise self.err(f"unknown concept '~{t.text}'{_did_you_mean(name, names, '~')}; known: {', '.join(names)}", t.pos)
        return ConceptAtom(name)

    def filter(self, t: _Tok) -> Atom:
        name = t.text.lower()
        if name not in FILTER_VALUES:
            raise self.err(
                f"unknown filter '{t.text}'{_did_you_mean(name, tuple(FILTER_VALUES), '')}; filters are "
                f"{', '.join(FILTER_VALUES)} (to search for '{t.text}:' as text, put it in quotes)", t.pos)
        value = t.value.strip()
        vpos = t.pos + len(t.text) + 1
        if not value:
            example = {"tag": "ceasefire", "country": "ARM", "actor": "OIC", "lang": "id", "source": "reuters.com"}.get(name, (FILTER_VALUES[name] or ("x",))[0])
            raise self.err(f"filter '{name}' at position {t.pos} needs a value, e.g. {name}:{example}", t.pos)
        allowed = FILTER_VALUES[name]
        if allowed is not None:
            v = value.lower()
            if v not in allowed:
                raise self.err(f"unknown {name} '{value}'{_did_you_mean(v, allowed, '')}; {name} is one of {', '.join(allowed)}", vpos)
            return FilterAtom(name, v)
        if name == "country":
            return FilterAtom(name, self.country(value, vpos))
        if name == "actor":
            if not re.fullmatch(r"[A-Za-z0-9_.-]{2,16}", value):
                raise self.err(f"actor '{value}' is not a code: use an ISO3 country code or an organisation code such as OIC, UN, EU", vpos)
            return FilterAtom(name, value.upper())
        if name == "lang":
            if not re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]+)?", value):
                raise self.err(f"lang '{value}' is not a language code: use ISO 639-1 such as en, id, ar", vpos)
            return FilterAtom(name, value.lower())
        return FilterAtom(name, source_keys(value)[0])

    def country(self, value: str, pos: int) -> str:
        code = value.upper()
        if code in _country_codes():
            return code
        close = difflib.get_close_matches(code, sorted(_country_codes()), n=1, cutoff=0.6)
        hint = f": did you mean {close[0]}?" if close else ""
        if len(value) > 3:  # a name: "Armenia", "Türkiye"
            try:
                import pycountry

                hint = f": did you mean {pycountry.countries.lookup(value).alpha_3}?"
            except LookupError:
                pass
        raise self.err(f"unknown country code '{value}'{hint} (country: takes an ISO 3166 alpha-3 code such as ARM)", pos)

    def words(self, raw: str, pos: int, *, quoted: bool) -> Atom:
        """A term or a phrase. In a phrase any word may end in '*'; in a bare term only the last."""
        if not raw.strip():
            raise self.err(f"empty phrase at position {pos - 1}: write a word to search for", pos - 1)
        if not raw.replace("*", "").strip():
            raise self.err(f"'*' alone at position {pos}: write at least {MIN_PREFIX} letters before it", pos)
        if has_spaceless(raw):
            return SubstrAtom("".join(fold_fixed(raw.replace("*", "")).split()), raw.strip())
        toks = tokenize(raw)
        if not toks:
            raise self.err(f"'{raw}' has no letters or digits to search for", pos)
        ends = {t.end for t in toks}
        last = toks[-1].end
        for i, ch in enumerate(raw):
            if ch == "*" and (i not in ends or (not quoted and i != last)):
                raise self.err("'*' can only end a word (prefix search, e.g. negotiat*)", pos + i)
        parts = []
        for t in toks:
            prefix = raw[t.end:t.end + 1] == "*"
            if prefix and len(t.norm) < MIN_PREFIX:
                raise self.err(f"the prefix '{t.norm}*' is too short: write at least {MIN_PREFIX} letters before '*'",
                               pos + t.start)
            parts.append((t.norm, lower(t.text), prefix))
        if len(parts) == 1:
            surface, low, prefix = parts[0]
            return PrefixAtom(surface) if prefix else WordAtom(surface, low)
        return PhraseAtom(tuple(parts))


def _did_you_mean(value: str, options: tuple[str, ...], prefix: str) -> str:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f": did you mean '{prefix}{close[0]}'?" if close else ""


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    try:
        import pycountry

        codes = {c.alpha_3 for c in pycountry.countries}
    except ImportError:  # pragma: no cover - pycountry is a dependency
        codes = set()
    return frozenset(codes | {"XKX", "PSE"})


def parse_query(text: str) -> Query:
    """Parse and check an alert query; raise `QueryError` with a position if it is not valid."""
    if not isinstance(text, str):
        raise QueryError("the query must be a string", position=0, query="")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}",
                         position=MAX_QUERY_CHARS, query=text[:MAX_QUERY_CHARS + 20])
    p = _Parser(text)
    tree = p.parse()
    q = Query(text, tree, p.atoms, p.positions)
    if q.anchors() is None:
        pos = _unanchored_not(tree, p.atoms, p.positions)
        raise QueryError(
            "the query needs a word, phrase, concept or filter that must be present in every alternative: "
            f"the NOT at position {pos} alone would match almost every article (add a term, e.g. ~ceasefire AND NOT ...)",
            position=pos, query=text)
    return q


def _unanchored_not(node: tuple, atoms: dict, positions: dict[int, int]) -> int:
    """Position of the NOT that leaves a branch with nothing required."""
    if node[0] == "not":
        return positions.get(id(node), 0)
    for c in node[1]:
        if c[0] != "atom" and _anchors(c, atoms) is None:
            return _unanchored_not(c, atoms, positions)
    return 0  # pragma: no cover - called only on an unanchored tree
