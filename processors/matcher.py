"""One multi-pattern pass over a text for many lexicon entries (Aho-Corasick).

Lexicons write their patterns folded (see `textutil.fold`) with two conventions:

- a trailing ``*`` matches any continuation of the last word, for inflected
  languages: ``perundingan*``, ``перемири*``, ``ateşkes*``;
- Arabic-script patterns may be preceded by the clitics و ف ب ل ك and the
  article ال in any combination (``والهدنة`` matches ``هدنة``... once written
  as ``هدنه``, the folded form); Hebrew ones by the prefixes ו ה ב ל מ ש כ
  (``והפסקת האש`` matches ``הפסקת האש``).

- Ethiopic-script (Amharic) patterns may be preceded by the prepositions written
  as prefixes (የ በ ለ ከ ስለ እንደ ...): ``ተኩስ አቁም`` matches ``የተኩስ አቁም``; Hebrew ones by
  the prefixes ו ה ב ל מ ש כ.

Words in Chinese, Japanese and Thai are not delimited by spaces, so patterns
written in Han, kana or Thai match anywhere. Korean puts spaces between
phrases, but a phrase glues particles after a noun and compounds before it
(정상회담을, 한미정상회담), so Hangul patterns match anywhere too: write
them of two syllables or more. Myanmar patterns match anywhere too, but only on
syllable boundaries (`wordsearch.SyllableSet`).

>>> ps = PatternSet([("gencatan senjata", "cf"), ("ateşkes*", "cf")])
>>> [(m.start, m.end, m.payload) for m in ps.find("ateşkesin ve gencatan senjata")]
[(0, 9, 'cf'), (13, 29, 'cf')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from .textutil import holds
from .wordsearch import MAX_SEPARATOR_RUN, HanSet, SharedScan, SyllableSet, WordSet, spaced

__all__ = ["PatternSet", "Match", "script_of", "ARTICLE_WORDS", "ARTICLE_ANYWHERE", "extraction_words",
           "extraction_anywhere", "padded_text", "blanked"]

P = TypeVar("P")

_ARABIC_CLITICS = ("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وب", "ول", "فب", "فل", "وس", "س")
# Amharic prepositions written as prefixes of the noun (of, in, to, from, about, like, up to, without)
ETHIOPIC_CLITICS = ("", "የ", "በ", "ለ", "ከ", "ስለ", "እንደ", "ወደ", "እስከ", "ያለ", "ከነ", "በነ", "ለነ", "የነ")
# Hebrew prefixes: and, the, in, to, from, that, as, and their usual chains (ב ל כ absorb ה)
HEBREW_CLITICS = ("ו", "ה", "ב", "ל", "מ", "ש", "כ", "וה", "וב", "ול", "ומ", "וש", "וכ", "שה", "שב", "של",
                  "שמ", "מה", "כש", "וכש", "לכ", "ושה", "מש")


def script_of(ch: str) -> str:
    """A coarse script class of one character: 'cjk', 'arabic', 'ethiopic', 'myanmar',
    'hebrew', 'thai', 'hangul' or 'other'."""
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF66 <= o <= 0xFF9F:
        return "cjk"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x1200 <= o <= 0x139F or 0x2D80 <= o <= 0x2DDF:
        return "ethiopic"
    if 0x1000 <= o <= 0x109F or 0xA9E0 <= o <= 0xA9FF or 0xAA60 <= o <= 0xAA7F:
        return "myanmar"
    if 0x0590 <= o <= 0x05FF:
        return "hebrew"
    if 0x0E00 <= o <= 0x0E7F:
        return "thai"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    return "other"


#: scripts whose patterns match anywhere, not only as whole words
ANYWHERE_SCRIPTS = frozenset({"cjk", "thai", "hangul"})


class Match(NamedTuple, Generic[P]):
    """A match of a pattern: [start, end) in the folded text, and the pattern's payload."""

    start: int
    end: int
    payload: P


_new = tuple.__new__


_CLITICS = {"arabic": ("",) + _ARABIC_CLITICS, "hebrew": ("",) + HEBREW_CLITICS, "ethiopic": ETHIOPIC_CLITICS}
# the characters of the scripts in ANYWHERE_SCRIPTS
_CJK = re.compile("[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af"
                  "\uf900-\ufaff\uff66-\uff9f]")
_MYANMAR = re.compile("[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]")
# either of them (one scan for the texts that hold neither)
_ANYWHERE_OR_MYANMAR = re.compile("[" + _CJK.pattern[1:-1] + _MYANMAR.pattern[1:-1] + "]")
_padded_cache: list[tuple[str, str]] = []   # (folded text, its padded form), newest last
_PADDED_KEPT = 3   # an article's folded text and the two blanked forms the extractors read
#: the one automaton pass over an article's words that the lexicon (`lexicon.lexicon`) and
#: the gazetteer of actors (`actors.find_actors`) share (see `wordsearch.SharedScan`)
ARTICLE_WORDS = SharedScan()
#: ... and the one pass over its hex digits for their patterns that match anywhere (Han,
#: kana, Thai, Hangul: `wordsearch.HanSet`)
ARTICLE_ANYWHERE = SharedScan()


@lru_cache(maxsize=None)
def extraction_words(lang: str) -> SharedScan:
    """The one automaton pass over the blanked text of a `lang` article that the date
    finder (`dates`) and the figure finder (`figures`) share: they read the same text
    (`blanked`) one after the other, for their words of `lang`."""
    return SharedScan()


@lru_cache(maxsize=None)
def extraction_anywhere(lang: str) -> SharedScan:
    """`extraction_words` for their patterns that match anywhere (`wordsearch.HanSet`)."""
    return SharedScan()


def padded_text(folded: str) -> str:
    """" " + spaced(folded) + " ", computed once per text however many sets search it."""
    for seen, padded in reversed(_padded_cache):
        if seen is folded:
            return padded
    padded = " " + spaced(folded) + " "
    _keep_padded(folded, padded)
    return padded


def _keep_padded(folded: str, padded: str) -> None:
    _padded_cache.append((folded, padded))
    if len(_padded_cache) > _PADDED_KEPT:
        del _padded_cache[0]


def blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with everything outside `ranges` (sorted, disjoint) blanked to spaces: same
    length, so offsets found in it are the text's own.

    For a folded text, its padded form (`padded_text`) is made the same way from the whole
    text's, which the lexicon pass has made already: `spaced` turns each character into
    itself or a space, so blanking and spacing can be done in either order.

    That padded form fills the middle of each long blanked stretch with NUL instead of
    spaces, keeping MAX_SEPARATOR_RUN spaces at each end. The automata find the same
    matches in it (no pattern holds NUL, nor more separators in a row than that), and
    step over a NUL at their root in one look-up, where each space after a space costs a
    look through every child of the " " node (every first letter of every name): a text
    blanked to half its length scanned 2x slower than the whole text, and 4x slower than
    this form.
    """
    out = _blank(text, ranges, _spaces)
    for seen, padded in reversed(_padded_cache):
        if seen is text:
            _keep_padded(out, " " + _blank(padded[1:-1], ranges, _scan_gap) + " ")
            break
    return out


def _spaces(n: int) -> str:
    return " " * n


def _scan_gap(n: int) -> str:
    """A blanked stretch of `n` characters in a padded text (see `blanked`)."""
    if n <= 2 * MAX_SEPARATOR_RUN:
        return " " * n
    return _GAP_EDGE + "\0" * (n - 2 * MAX_SEPARATOR_RUN) + _GAP_EDGE


_GAP_EDGE = " " * MAX_SEPARATOR_RUN


def _blank(text: str, ranges: list[tuple[int, int]], gap: Callable[[int], str]) -> str:
    parts: list[str] = []
    pos = 0
    for start, end in ranges:
        parts.append(gap(start - pos))
        parts.append(text[start:end])
        pos = end
    parts.append(gap(len(text) - pos))
    return "".join(parts)


class PatternSet(Generic[P]):
    """A compiled set of (folded pattern, payload) pairs, searched in one pass.

    Word boundaries are part of the automata (`wordsearch.WordSet`: separators become
    spaces and a pattern is stored as " word "), so only whole-word matches come back
    to Python; Han, kana, Thai and Hangul patterns go to a `wordsearch.HanSet` and
    match anywhere.
    """

    def __init__(self, patterns: Iterable[tuple[str, P]], shared: SharedScan | None = None,
                 shared_anywhere: SharedScan | None = None) -> None:
        """`shared`: search the whole-word patterns in that scan's automaton (see `ARTICLE_WORDS`);
        `shared_anywhere`: the same for the patterns that match anywhere (`ARTICLE_ANYWHERE`)."""
        words: list[tuple[str, tuple[P, tuple[str, ...]], None]] = []
        han: list[tuple[str, P, None]] = []
        myanmar: list[tuple[str, P, None]] = []
        keys: set[str] = set()
        for raw, payload in patterns:
            pattern = raw.strip()
            if not pattern.rstrip("*"):
                continue
            keys.add(pattern)
            script = script_of(pattern[0])
            if script in ANYWHERE_SCRIPTS:
                han.append((pattern, payload, None))
            elif script == "myanmar":
                myanmar.append((pattern, payload, None))
            else:
                words.append((pattern, (payload, _CLITICS.get(script, False)), None))
        self._words = WordSet(words, clitics_for=lambda p: p[1], shared=shared)
        self._han = HanSet(han, shared=shared_anywhere)
        self._myanmar = SyllableSet(myanmar, shared=shared_anywhere)
        self.size = len(keys)

    def find(self, folded: str) -> list[Match[P]]:
        """Every match in `folded` (a text passed through `fold`), ordered by end."""
        if not self.size:
            return []
        # (tuple.__new__: a Match without the Python-level __new__ of a NamedTuple, which
        # cost a quarter of the lexicon pass)
        out = [_new(Match, (s, e, p[0])) for s, e, p in self._words.find(folded, padded_text(folded))]
        # most texts hold neither script: `holds` tells so from the text's blocks, which the
        # actor finder has made (a regex scan of a text without them costs 10 us)
        if not folded.isascii() and (self._han.size or self._myanmar.size) and holds(folded, _ANYWHERE_OR_MYANMAR):
            extra = len(out)
            if self._han.size and holds(folded, _CJK):
                out.extend(_new(Match, (s, e, p)) for s, e, p in self._han.find(folded, folded))
            if self._myanmar.size and holds(folded, _MYANMAR):
                out.extend(_new(Match, (s, e, p)) for s, e, p in self._myanmar.find(folded, folded))
            if len(out) > extra:
                out.sort(key=lambda m: m.end)
        return out

    def __len__(self) -> int:
        return self.size
