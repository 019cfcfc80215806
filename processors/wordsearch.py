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

__all__ = ["WordSet", "HanSet", "spaced"]

P = TypeVar("P")

# Characters that separate words (letters, digits and combining marks are word characters).
SEPARATOR_CHARS: Final = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\n\t\r\f\v\u00a0«»“”„‘’‹›–—…·•†‡§¶°±×÷¦¡¿"
    "،؛؟٪۔।॥。、，：；！？（）「」『』《》【】〈〉・"
)
_SEPARATORS: Final = str.maketrans({c: " " for c in SEPARATOR_CHARS})
_SEPARATOR_RE: Final = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]")
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")


def spaced(text: str) -> str:
    """`text` with every separator replaced by a space (same length, so offsets hold)."""
    if text.isascii():
        return text.translate(_SEPARATORS)  # fast for ASCII only
    return _SEPARATOR_RE.sub(" ", text)


class WordSet(Generic[P]):
    """Whole-word matches of (folded pattern, payload, case-sensitive form or None) entries."""

    def __init__(self, entries: Iterable[tuple[str, P, str | None]], clitics: tuple[str, ...] = ("",),
                 clitics_for: Callable[[P], bool | tuple[str, ...]] = lambda payload: True) -> None:
        """`clitics_for(payload)`: True for `clitics`, False for none, or the clitics
        themselves (Arabic ones for an Arabic pattern, Hebrew ones for a Hebrew one)."""
        table: dict[str, list[tuple[P, str | None, bool]]] = {}
        for raw, payload, form in entries:
            prefix = raw.endswith("*")
            word = spaced(raw.rstrip("*")) + ("" if prefix else " ")
            chosen = clitics_for(payload)
            for clitic in chosen if isinstance(chosen, tuple) else clitics if chosen else ("",):
                table.setdefault(" " + clitic + word, []).append((payload, spaced(form) if form else None, prefix))
        self._auto = ahocorasick.Automaton()
        for key, items in table.items():
            self._auto.add_word(key, (len(key), items))
        if table:
            self._auto.make_automaton()
        self.size = len(table)

    def find(self, text: str, padded: str) -> list[tuple[int, int, P]]:
        """(start, end, payload) of the matches; `padded` is " " + spaced(fold(text)) + " "."""
        if not self.size:
            return []
        out: list[tuple[int, int, P]] = []
        for end_idx, (length, items) in self._auto.iter(padded):
            start = end_idx - length + 1  # the leading space, in padded, is the word start in text
            for payload, form, prefix in items:
                if form is not None and spaced(text[start:start + len(form)]) != form:
                    continue
                end = padded.find(" ", end_idx + 1) - 1 if prefix else end_idx - 1
                out.append((start, end, payload))
        return out


class HanSet(Generic[P]):
    """Matches anywhere (Han, kana) of (folded pattern, payload, case-sensitive form or None) entries."""

    def __init__(self, entries: Iterable[tuple[str, P, str | None]]) -> None:
        table: dict[str, list[tuple[P, str | None]]] = {}
        for raw, payload, form in entries:
            table.setdefault(raw.rstrip("*").encode("utf-16-be").hex(), []).append((payload, form))
        self._auto = ahocorasick.Automaton()
        for key, items in table.items():
            self._auto.add_word(key, (len(key) // 4, items))
        if table:
            self._auto.make_automaton()
        self.size = len(table)

    def find(self, text: str, folded: str) -> list[tuple[int, int, P]]:
        if not self.size:
            return []
        digits = folded.encode("utf-16-be").hex()
        if len(digits) != 4 * len(folded):  # characters outside the BMP take two UTF-16 units
            digits = _ASTRAL.sub("\ufffd", folded).encode("utf-16-be").hex()
        out: list[tuple[int, int, P]] = []
        for end_idx, (length, items) in self._auto.iter(digits):
            if (end_idx + 1) % 4:
                continue  # a match across the hex digits of two characters
            end = (end_idx + 1) // 4
            start = end - length
            for payload, form in items:
                if form is None or text[start:end] == form:
                    out.append((start, end, payload))
        return out
