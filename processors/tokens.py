"""Words for alert matching: normalisation, tokenisation with offsets, stemming.

Alert queries and articles go through the same functions, so that a query term
and an article word compare equal when a reader would say they are the same word:

- `norm(word)`: NFKC (full-width -> ASCII, ligatures), Parley's `fold` table
  (Arabic letter variants, dotted I), casefold, and combining marks removed
  except in Indic scripts, where they are vowel signs ("Négociations" ->
  "negociations", "ATEŞKES" -> "ateskes", "ＵＮ" -> "un", "Ёлка" -> "елка").
- `fold_fixed(text)`: the same, one character in, one character out, for
  automata that must report spans of the original text (concepts, CJK).
- `tokenize(text)`: word tokens with their spans in `text`.
- `stem_key(word, lang)`: the word's stem in `lang` (the registry's `stemmer`:
  Snowball through PyStemmer, a simplemma lemma, or Arabic light10), normalised like
  `norm`; None if the registry gives `lang` none.

Why PyStemmer first: measured on 20,000 tokens (en/id/ru/tr), PyStemmer (C
Snowball) stems 1.4-4.3 million words/s; simplemma lemmatises 20,000 (ru, tr)
to 900,000 (id) words/s, 100x slower for inflected languages, and has no Arabic
or Persian. simplemma covers the languages Snowball lacks (uk, bg, he, sk, ...).
Arabic uses Larkey's light10 (below). Both are cached per (lang, word), so a news stream's Zipfian vocabulary is
stemmed once.

>>> [t.norm for t in tokenize("ＵＮ-backed «Négociations» in Baku")]
['un', 'backed', 'negociations', 'in', 'baku']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .languages import language, registry
from .textutil import fold

__all__ = ["Token", "tokenize", "words", "norm", "lower", "WORD_RE", "fold_fixed", "stem_key", "stem_languages", "is_spaceless", "has_spaceless"]


def _mark_class() -> str:
    ranges: list[tuple[int, int]] = []
    for cp in list(range(0x0300, 0x2000)) + list(range(0x20D0, 0x2100)) + list(range(0x3099, 0x309B)) + list(range(0xFE20, 0xFE30)):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# A word: letters, digits and combining marks (Devanagari vowel signs, Arabic harakat).
WORD_RE = _WORD = re.compile(f"(?:[^\\W_]|[{_mark_class()}])+")

# Scripts written without spaces between words: matched as substrings.
_SPACELESS = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")

# Blocks where combining marks are letters' vowel signs, not accents: keep them.
_KEEP_MARKS = re.compile("[\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def is_spaceless(text: str) -> bool:
    """True if `text` is written in a script without word spaces (Han, kana, Thai, ...)."""
    return bool(_SPACELESS.search(text)) and not re.search(r"[a-zA-Z]", text)


def has_spaceless(text: str) -> bool:
    return _SPACELESS.search(text) is not None


def _strip_marks(s: str) -> str:
    if _KEEP_MARKS.search(s):
        return unicodedata.normalize("NFC", s)
    d = unicodedata.normalize("NFD", s)
    return "".join(c for c in d if unicodedata.category(c)[0] != "M")


def lower(s: str) -> str:
    """NFKC, Parley's fold table and casefold, accents kept: what a stemmer sees."""
    return fold(unicodedata.normalize("NFKC", s)).casefold()


@lru_cache(maxsize=200_000)
def norm(word: str) -> str:
    """The matching form of a word or phrase (see the module docstring)."""
    return _strip_marks(lower(word))


class _FixedTable(dict):
    """str.translate table filled on demand: one character -> one character."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        out = " " if ch.isspace() else norm(ch)
        if len(out) != 1:
            out = fold(ch)
        self[cp] = out
        return out


_FIXED = _FixedTable()


def fold_fixed(text: str) -> str:
    """`norm` character by character, keeping the length of `text` (offsets map back)."""
    return text.translate(_FIXED)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # as written
    norm: str  # norm(text)


def tokenize(text: str) -> list[Token]:
    """Word tokens of `text`, with spans. Apostrophes and hyphens separate words."""
    return [Token(m.start(), m.end(), m.group(), norm(m.group())) for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The normalised words of `text` (a query term or a phrase)."""
    return [norm(m.group()) for m in _WORD.finditer(text)]


def stem_languages() -> tuple[str, ...]:
    """Every language code `stem_key` stems (the registry's `stemmer` column)."""
    return tuple(sorted(c for c, lg in registry().items() if lg.stemmer))


# Larkey's light10 for Arabic (prefixes and suffixes, on Parley-folded letters:
# ة->ه, أ/إ/آ->ا, ى->ي). Snowball's Arabic stemmer keeps و+ال (والهدنة -> والهدن
# but الهدنة -> هدن), so the same word would not meet itself.
_AR_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def _light10(word: str) -> str:
    w = fold(word)
    if w.startswith("و") and len(w) >= 4:
        w = w[1:]
    for p in _AR_ARTICLES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p):]
            break
    changed = True
    while changed and len(w) > 2:
        changed = False
        for suf in _AR_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 2:
                w = w[: -len(suf)]
                changed = True
                break
    return w


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    lg = language(lang)
    kind, _, arg = (lg.stemmer or "").partition(":") if lg else ("", "", "")
    if kind == "light10":
        return _light10
    if kind == "snowball":
        import Stemmer  # PyStemmer: C Snowball

        return Stemmer.Stemmer(arg).stemWord
    if kind == "simplemma":
        import simplemma

        return lambda w: simplemma.lemmatize(w, lang=arg)
    return None


@lru_cache(maxsize=500_000)
def stem_key(word: str, lang: str | None) -> str | None:
    """The normalised stem (or lemma) of `word` in `lang`, or None without a stemmer.

    The stemmer sees the word lower-cased with its accents (Turkish and French
    suffixes need them); the stem is then normalised like `norm`.
    """
    if not lang:
        return None
    fn = _stemmer(lang)
    if fn is None:
        return None
    return _strip_marks(fn(lower(word)))
