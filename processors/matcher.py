"""One multi-pattern pass over a text for many lexicon entries (Aho-Corasick).

Lexicons write their patterns folded (see `textutil.fold`) with two conventions:

- a trailing ``*`` matches any continuation of the last word, for inflected
  languages: ``perundingan*``, ``перемири*``, ``ateşkes*``;
- Arabic-script patterns may be preceded by the clitics و ف ب ل ك and the
  article ال in any combination (``والهدنة`` matches ``هدنة``... once written
  as ``هدنه``, the folded form).

Words in Chinese, Japanese, Thai and Burmese are not delimited by spaces, so patterns
written in Han, kana or a script the language registry marks as written without spaces
(processors/data/languages.tsv, column segmentation) match anywhere.

>>> ps = PatternSet([("gencatan senjata", "cf"), ("ateşkes*", "cf")])
>>> [(m.start, m.end, m.payload) for m in ps.find("ateşkesin ve gencatan senjata")]
[(0, 9, 'cf'), (13, 29, 'cf')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, NamedTuple, TypeVar

from .languages import unspaced_script_class
from .textutil import distinct_chars
from .wordsearch import HanSet, WordSet, spaced

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


class Match(NamedTuple, Generic[P]):
    """A match of a pattern: [start, end) in the folded text, and the pattern's payload."""

    start: int
    end: int
    payload: P


_CLITICS = ("",) + _ARABIC_CLITICS
# scripts without spaces between words other than Han and kana (Thai, Myanmar), from the registry
_UNSPACED = unspaced_script_class()
_UNSPACED_RE = re.compile(f"[{_UNSPACED}]") if _UNSPACED else None
_CJK = re.compile(f"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f{_UNSPACED}]")
_padded_cache: tuple[str, str] = ("", "  ")


def padded_text(folded: str) -> str:
    """" " + spaced(folded) + " ", computed once per text however many sets search it."""
    global _padded_cache
    last, padded = _padded_cache
    if folded is not last:
        padded = " " + spaced(folded) + " "
        _padded_cache = (folded, padded)
    return padded


class PatternSet(Generic[P]):
    """A compiled set of (folded pattern, payload) pairs, searched in one pass.

    Word boundaries are part of the automata (`wordsearch.WordSet`: separators become
    spaces and a pattern is stored as " word "), so only whole-word matches come back
    to Python; Han and kana patterns go to a `wordsearch.HanSet` and match anywhere.
    """

    def __init__(self, patterns: Iterable[tuple[str, P]]) -> None:
        words: list[tuple[str, tuple[P, bool], None]] = []
        han: list[tuple[str, P, None]] = []
        keys: set[str] = set()
        for raw, payload in patterns:
            pattern = raw.strip()
            if not pattern.rstrip("*"):
                continue
            keys.add(pattern)
            script = script_of(pattern[0])
            if script == "cjk" or (_UNSPACED_RE is not None and _UNSPACED_RE.match(pattern)):
                han.append((pattern, payload, None))
            else:
                words.append((pattern, (payload, script == "arabic"), None))
        self._words = WordSet(words, clitics=_CLITICS, clitics_for=lambda p: p[1])
        self._han = HanSet(han)
        self.size = len(keys)

    def find(self, folded: str) -> list[Match[P]]:
        """Every match in `folded` (a text passed through `fold`), ordered by end."""
        if not self.size:
            return []
        out = [Match(s, e, p[0]) for s, e, p in self._words.find(folded, padded_text(folded))]
        if self._han.size and not folded.isascii() and _CJK.search(distinct_chars(folded)):
            out.extend(Match(s, e, p) for s, e, p in self._han.find(folded, folded))
            out.sort(key=lambda m: m.end)
        return out

    def __len__(self) -> int:
        return self.size
