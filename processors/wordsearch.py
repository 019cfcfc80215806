"""Fast multi-pattern search for large gazetteers, with the conventions of `matcher.PatternSet`.

`matcher.PatternSet` finds every occurrence of every pattern and then checks word
boundaries in Python, one hit at a time; with thousands of names, most hits are
inside other words ("re" in "pressure", "us" in "discuss") and that check is what
costs. Here the boundaries are part of the automaton:

- `WordSet` (scripts written with spaces: Latin, Cyrillic, Arabic, Devanagari...):
  separators become spaces (`spaced`) and each pattern is stored as " word "
  (" stem" for `stem*`), optionally with clitics in front (Arabic و ب ل ال ...),
  so only whole-word matches are reported. Case-sensitive patterns ("AS", "UN")
  are stored folded and compared with the original text.
- `HanSet` (Chinese, Japanese: patterns match anywhere): runs on the UTF-16 hex
  digits of the text, so each automaton node has at most 16 children; pyahocorasick
  looks children up one by one, and a root with hundreds of first characters is slow.

>>> ws = WordSet([("ateşkes*", "cf", None), ("as", "usa", "AS")])  # folded pattern, payload, case form
>>> text = "Ateşkesin ardından AS ve as"
>>> ws.find(text, " " + spaced(text.lower()) + " ")
[(0, 9, 'cf'), (19, 21, 'usa')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final, Generic, TypeVar

import ahocorasick

from .textutil import may_hold

__all__ = ["WordSet", "SharedScan", "HanSet", "SyllableSet", "spaced", "MAX_SEPARATOR_RUN"]

P = TypeVar("P")

# Characters that separate words (letters, digits and combining marks are word characters).
SEPARATOR_CHARS: Final = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\n\t\r\f\v\u00a0«»“”„‘’‹›–—…·•†‡§¶°±×÷¦¡¿"
    "،؛؟٪۔।॥。、，：；！？（）「」『』《》【】〈〉・"
    "፡።፣፤፥፦፧፨၊။"   # Ethiopic word space and punctuation, Myanmar section marks
    "։՝՜՞"           # Armenian full stop, comma, exclamation and question marks
)
_SEPARATORS: Final = str.maketrans({c: " " for c in SEPARATOR_CHARS})
#: the most separators a pattern may hold in a row ("antigua & barbuda" holds 3): a padded
#: text may hold NUL in the middle of a longer run of spaces (see `matcher.blanked`)
MAX_SEPARATOR_RUN: Final = 8
# Han and kana characters (the `HanSet` scripts, written without spaces) also end a word of
# another script: "OSCE" in "仲介役のOSCE=ヨーロッパ" or "UN" in "UN秘书长" is a whole word.
_HAN_KANA: Final = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f"
_SEPARATOR_RE: Final = re.compile("[" + re.escape(SEPARATOR_CHARS) + _HAN_KANA + "]")
_SEPARATOR_RUN: Final = re.compile(_SEPARATOR_RE.pattern + "+")
_HAN_KANA_RE: Final = re.compile("[" + _HAN_KANA + "]")
# `spaced` of a text in another script: its ASCII separators as bytes of its UTF-8 form (UTF-8
# writes an ASCII character as that byte and no other character with it), then the others
_ASCII_SEPARATORS: Final = bytes(c for c in range(128) if chr(c) in SEPARATOR_CHARS)
_ASCII_SEPARATOR_BYTES: Final = bytes.maketrans(_ASCII_SEPARATORS, b" " * len(_ASCII_SEPARATORS))
_OTHER_SEPARATOR_RE: Final = re.compile(
    "[" + re.escape("".join(c for c in SEPARATOR_CHARS if not c.isascii())) + _HAN_KANA + "]")
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")
# up to this length (a name a case-sensitive form checks, 30 per article) `spaced` is one
# regex call: the block look-up and the bytes round trip cost more than they save (0.55 us
# against 0.86 us for a 14-character name; 15.8 us against 18.8 us for 3,000 characters)
_SHORT: Final = 64


def spaced(text: str) -> str:
    """`text` with every separator (and Han or kana character) replaced by a space (same
    length, so offsets hold)."""
    if text.isascii():
        return text.translate(_SEPARATORS)  # fast for ASCII only
    if len(text) <= _SHORT:
        return _SEPARATOR_RE.sub(" ", text)   # a name or a word: one regex call costs least
    if may_hold(text, _HAN_KANA_RE):
        # Chinese or Japanese: nearly every character is one to replace, so whole runs of
        # them are (one call per run, where one per character cost 4x more)
        return _SEPARATOR_RUN.sub(_spaces, text)
    # (_SEPARATOR_RE.sub(" ", text), 1.3x faster: bytes.translate replaces the ASCII ones,
    # most of them, in one C pass, and the regex has fewer matches to replace)
    ascii_done = text.encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATOR_BYTES)
    return _OTHER_SEPARATOR_RE.sub(" ", ascii_done.decode("utf-8", "surrogatepass"))


def _spaces(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


class SharedScan:
    """One automaton pass over a padded text for the `WordSet`s that search the same texts.

    The lexicon and the gazetteer of actors both look for whole words in every article.
    Walking the text is what an automaton pass costs, far more than the number of its keys,
    so one automaton with the keys of both finds their matches in half the time of two.
    Each set still gets only its own matches, in the order its own automaton would give
    them (by end, the longest first): the union's matches at a position are those of each
    set, in the same order. A set that shares with no other has a scan of its own.

    The matches of the last text scanned are kept until another text comes, so the sets
    that search it one after the other share the pass (the finders are called in turn on
    the same `matcher.padded_text`).
    """

    def __init__(self) -> None:
        self._tables: list[dict[str, list]] | None = []   # None once built for good
        self._auto: ahocorasick.Automaton | None = None
        self._last: tuple[str | None, list[tuple[int, tuple]]] = (None, [])

    def join(self, table: dict[str, list]) -> int:
        """Add a set's {key: items}; returns its slot in `hits`. The automaton is (re)built on the next scan."""
        if self._tables is None:
            raise ValueError("this scan was built for good (SharedScan.build): no set can join it")
        self._tables.append(table)
        self._auto = None
        self._last = (None, [])
        return len(self._tables) - 1

    def build(self) -> None:
        """Build the automaton now, for good: no set can join afterwards, and the sets'
        tables are let go (the automaton holds what they need). A set with a scan of its
        own is built so, with the set: the first text does not pay for it."""
        self._auto = self._build()
        self._tables = None

    def _build(self) -> ahocorasick.Automaton:
        # pyahocorasick finds a node's child by scanning its children in the order they were
        # added: keys added in code point order put spaces, digits and ASCII letters first
        # at every node, and a script's letters together. That is what most texts step
        # through (a space before each word), and it scans an article 1.3x (Latin), 2x
        # (Arabic) and 20x (Chinese, spaced to runs of blanks) faster than the order the
        # data files give. The matches are the same in any order.
        auto = ahocorasick.Automaton()
        if len(self._tables) == 1:   # a set's own scan (most of them): nothing to merge
            table = self._tables[0]
            for key in sorted(table):
                auto.add_word(key, (len(key), table[key]))
        else:
            union: dict[str, list] = {}
            for slot, table in enumerate(self._tables):
                for key, items in table.items():
                    union.setdefault(key, [len(key)] + [None] * len(self._tables))[slot + 1] = items
            for key in sorted(union):
                auto.add_word(key, tuple(union[key]))
        if len(auto):
            auto.make_automaton()
        return auto

    def hits(self, padded: str) -> list[tuple[int, tuple]]:
        """The matches in `padded`: (end index, (key length, the items of slot 0 or None,
        of slot 1 or None, ...))."""
        last, found = self._last
        if last is padded:
            return found
        if self._auto is None:   # (built for good, a scan always has its automaton)
            self._auto = self._build()
        found = list(self._auto.iter(padded)) if len(self._auto) else []
        self._last = (padded, found)
        return found


class WordSet(Generic[P]):
    """Whole-word matches of (folded pattern, payload, case-sensitive form or None) entries."""

    def __init__(self, entries: Iterable[tuple[str, P, str | None]], clitics: tuple[str, ...] = ("",),
                 clitics_for: Callable[[P], bool | tuple[str, ...]] = lambda payload: True,
                 shared: SharedScan | None = None) -> None:
        """`clitics_for(payload)`: True for `clitics`, False for none, or the clitics
        themselves (Arabic ones for an Arabic pattern, Hebrew or Ethiopic ones for theirs).
        `shared`: search in that scan's automaton, with the other sets that joined it,
        instead of one of this set's own."""
        table: dict[str, list[tuple[P, str | None, bool]]] = {}
        for raw, payload, form in entries:
            prefix = raw.endswith("*")
            word = spaced(raw.rstrip("*")) + ("" if prefix else " ")
            if not word.strip() or " " * (MAX_SEPARATOR_RUN + 1) in " " + word:
                raise ValueError(f"pattern {raw!r}: no word character, or more than {MAX_SEPARATOR_RUN} "
                                 "separators in a row")
            chosen = clitics_for(payload)
            for clitic in chosen if isinstance(chosen, tuple) else clitics if chosen else ("",):
                table.setdefault(" " + clitic + word, []).append((payload, spaced(form) if form else None, prefix))
        self.size = len(table)
        self._scan = shared if shared is not None else SharedScan()
        self._slot = self._scan.join(table)
        if shared is None:
            self._scan.build()

    def find(self, text: str, padded: str) -> list[tuple[int, int, P]]:
        """(start, end, payload) of the matches; `padded` is " " + spaced(fold(text)) + " "."""
        if not self.size:
            return []
        out: list[tuple[int, int, P]] = []
        column = self._slot + 1
        for end_idx, hit in self._scan.hits(padded):
            items = hit[column]
            if items is None:
                continue   # a key of another set of the scan
            length = hit[0]
            start = end_idx - length + 1  # the leading space, in padded, is the word start in text
            for payload, form, prefix in items:
                if form is not None and spaced(text[start:start + len(form)]) != form:
                    continue
                end = padded.find(" ", end_idx + 1) - 1 if prefix else end_idx - 1
                out.append((start, end, payload))
        return out


class HanSet(Generic[P]):
    """Matches anywhere (Han, kana) of (folded pattern, payload, case-sensitive form or None) entries.

    `shared`: search in that scan's automaton, with the other sets that joined it (as
    `WordSet` does): a scan of a Chinese article's hex digits costs about 250 us, and the
    lexicon and the actors' gazetteer both scan every article."""

    def __init__(self, entries: Iterable[tuple[str, P, str | None]], shared: SharedScan | None = None) -> None:
        table: dict[str, list[tuple[P, str | None]]] = {}
        for raw, payload, form in entries:
            table.setdefault(raw.rstrip("*").encode("utf-16-be").hex(), []).append((payload, form))
        self.size = len(table)
        self._scan = shared if shared is not None else SharedScan()
        self._slot = self._scan.join(table)
        if shared is None:
            self._scan.build()

    def find(self, text: str, folded: str) -> list[tuple[int, int, P]]:
        if not self.size:
            return []
        out: list[tuple[int, int, P]] = []
        column = self._slot + 1
        for end_idx, hit in self._scan.hits(_hex_digits(folded)):
            items = hit[column]
            if items is None or (end_idx + 1) % 4:
                continue  # a key of another set, or a match across the hex digits of two characters
            end = (end_idx + 1) // 4
            start = end - hit[0] // 4
            for payload, form in items:
                if form is None or text[start:end] == form:
                    out.append((start, end, payload))
        return out


_digits_cache: list[tuple[str, str]] = []   # (folded text, its hex digits), newest last


def _hex_digits(folded: str) -> str:
    """The UTF-16 hex digits of `folded` that `HanSet`s scan, made once per text however
    many sets search it (a `SharedScan` knows its last text by identity)."""
    for seen, digits in reversed(_digits_cache):
        if seen is folded:
            return digits
    digits = folded.encode("utf-16-be").hex()
    if len(digits) != 4 * len(folded):  # characters outside the BMP take two UTF-16 units
        digits = _ASTRAL.sub("\ufffd", folded).encode("utf-16-be").hex()
    _digits_cache.append((folded, digits))
    if len(_digits_cache) > 3:   # an article's folded text and its two blanked forms
        del _digits_cache[0]
    return digits


# Myanmar is written without spaces between words, but its syllables are plain to see: a
# syllable starts at a consonant or independent vowel that is neither stacked under the one
# before (after the virama U+1039) nor closed by an asat (U+103A) or virama, which would make
# it the final of the syllable before. Dependent vowels, medials and tone marks never start one.
_MY_DEPENDENT: Final = frozenset(
    chr(c) for lo, hi in ((0x102B, 0x103E), (0x1056, 0x1059), (0x105E, 0x1060), (0x1062, 0x1064),
                          (0x1067, 0x106D), (0x1071, 0x1074), (0x1082, 0x108D), (0x108F, 0x108F),
                          (0x109A, 0x109D)) for c in range(lo, hi + 1))
_MY_CLOSERS: Final = frozenset("\u103a\u1039")
_MY_TONES: Final = frozenset("\u1037\u1038")


def syllable_starts(text: str, i: int) -> bool:
    """True when a Myanmar syllable (or anything not Myanmar) starts at `text[i]`, or i is the end."""
    if i >= len(text):
        return True
    if text[i] in _MY_DEPENDENT or (i > 0 and text[i - 1] == "\u1039"):
        return False
    nxt = text[i + 1:i + 2]
    if nxt in _MY_CLOSERS:
        return False
    # a tone mark typed before the asat ("င့်" as U+1004 U+1037 U+103A) closes the syllable too
    return not (nxt in _MY_TONES and text[i + 2:i + 3] in _MY_CLOSERS)


class SyllableSet(HanSet[P]):
    """Matches of (folded pattern, payload, case form or None) in Myanmar text, which has no
    spaces between words: anywhere, as in `HanSet`, but only from a syllable start to a
    syllable end (`syllable_starts`), so "မ" never matches inside "မ်း"; `word*` leaves the
    end open."""

    def __init__(self, entries: Iterable[tuple[str, P, str | None]], shared: SharedScan | None = None) -> None:
        entries = list(entries)
        super().__init__(((raw, (payload, raw.endswith("*")), form) for raw, payload, form in entries), shared)

    def find(self, text: str, folded: str) -> list[tuple[int, int, P]]:
        out: list[tuple[int, int, P]] = []
        for start, end, (payload, open_end) in super().find(text, folded):
            if syllable_starts(folded, start) and (open_end or syllable_starts(folded, end)):
                out.append((start, end, payload))
        return out
