"""One multi-pattern pass over a text for many lexicon entries (Aho-Corasick).

Lexicons write their patterns folded (see `textutil.fold`) with two conventions:

- a trailing ``*`` matches any continuation of the last word, for inflected
  languages: ``perundingan*``, ``перемири*``, ``ateşkes*``;
- Arabic-script patterns may be preceded by the clitics و ف ب ل ك and the
  article ال in any combination (``والهدنة`` matches ``هدنة``... once written
  as ``هدنه``, the folded form).

Words in Chinese and Japanese are not delimited by spaces, so patterns written
in Han or kana match anywhere.

>>> ps = PatternSet([("gencatan senjata", "cf"), ("ateşkes*", "cf")])
>>> [(m.start, m.end, m.payload) for m in ps.find("ateşkesin ve gencatan senjata")]
[(0, 9, 'cf'), (13, 29, 'cf')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import ahocorasick

from .textutil import is_word_char

__all__ = ["PatternSet", "Match", "script_of"]

P = TypeVar("P")

_ARABIC_CLITICS = ("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وب", "ول", "فب", "فل", "وس", "س")


def script_of(ch: str) -> str:
    """A coarse script class of one character: 'cjk', 'arabic' or 'other'."""
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF66 <= o <= 0xFF9F:
        return "cjk"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    return "other"


@dataclass(frozen=True, slots=True)
class Match(Generic[P]):
    start: int
    end: int
    payload: P


class _Entry:
    __slots__ = ("payload", "prefix", "script")

    def __init__(self, payload: Any, prefix: bool, script: str) -> None:
        self.payload = payload
        self.prefix = prefix
        self.script = script


class PatternSet(Generic[P]):
    """A compiled set of (folded pattern, payload) pairs, searched in one pass."""

    def __init__(self, patterns: Iterable[tuple[str, P]]) -> None:
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[_Entry]] = {}
        for raw, payload in patterns:
            pattern = raw.strip()
            prefix = pattern.endswith("*")
            if prefix:
                pattern = pattern[:-1]
            if not pattern:
                continue
            entry = _Entry(payload, prefix, script_of(pattern[0]))
            table.setdefault(pattern, []).append(entry)
        for key, entries in table.items():
            self._auto.add_word(key, (len(key), entries))
        self.size = len(table)
        if table:
            self._auto.make_automaton()

    def find(self, folded: str) -> list[Match[P]]:
        """Every match in `folded` (a text passed through `fold`), in order of end."""
        if not self.size:
            return []
        out: list[Match[P]] = []
        n = len(folded)
        for end_idx, (length, entries) in self._auto.iter(folded):
            start = end_idx - length + 1
            end = end_idx + 1
            right_ok = end >= n or not is_word_char(folded[end])
            for e in entries:
                if e.script == "cjk":
                    out.append(Match(start, end, e.payload))
                    continue
                if not (e.prefix or right_ok):
                    continue
                if e.prefix and not right_ok and e.script == "other" and folded[end - 1] == " ":
                    continue
                s = _left_start(folded, start, e.script)
                if s is not None:
                    out.append(Match(s if e.script == "arabic" else start, end if not e.prefix else _word_end(folded, end), e.payload))
        return out

    def __len__(self) -> int:
        return self.size


def _left_start(text: str, start: int, script: str) -> int | None:
    if start == 0 or not is_word_char(text[start - 1]):
        return start
    if script != "arabic":
        return None
    for clitic in _ARABIC_CLITICS:
        s = start - len(clitic)
        if s >= 0 and text[s:start] == clitic and (s == 0 or not is_word_char(text[s - 1])):
            return s
    return None


def _word_end(text: str, end: int) -> int:
    n = len(text)
    while end < n and is_word_char(text[end]):
        end += 1
    return end
