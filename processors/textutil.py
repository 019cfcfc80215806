"""Case folding that keeps character offsets, and sentence splitting.

Every finder in the core works on `fold(text)`, which has exactly the length of
`text`, so a match in the folded text is a span of the original one.

>>> fold("Presiden AZERBAIJAN İlham")
'presiden azerbaijan ilham'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from importlib import resources

__all__ = ["fold", "sentences", "sentence_bounds", "is_word_char", "Sentence"]

# Characters whose lower() is longer than one character, or that we fold on purpose.
_FOLD_TABLE = {
    ord("İ"): "i",
    ord("I"): "i",
    ord("ẞ"): "ß",
    # Arabic/Persian/Urdu letter variants: one form for matching
    ord("ى"): "ي",
    ord("ی"): "ي",
    ord("ک"): "ك",
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ة"): "ه",
    ord("ۀ"): "ه",
    ord("ہ"): "ه",
    ord("ە"): "ه",
    # typographic apostrophes and dashes
    ord("’"): "'",
    ord("‘"): "'",
    ord("ʼ"): "'",
    ord("‐"): "-",
    ord("‑"): "-",
    ord("–"): "-",
    ord("—"): "-",
    # Arabic tatweel and zero-width joiners become spaces-free no-ops of equal width
    ord("ـ"): " ",
    ord("\u200c"): " ",
    ord("\u200d"): " ",
    ord("\u00a0"): " ",
    # full-width digits
    **{0xFF10 + i: str(i) for i in range(10)},
}


def _traditional_to_simplified() -> dict[int, str]:
    """Traditional Chinese characters folded to simplified ones (data/t2s.tsv), so one
    lexicon entry matches both 會見 and 会见."""
    table = {}
    data = (resources.files("processors") / "data" / "t2s.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[ord(trad)] = simp
    return table


_FOLD_TABLE.update(_traditional_to_simplified())


def fold(text: str) -> str:
    """Lower-case `text` for matching, keeping its length (one char in, one char out)."""
    t = text.translate(_FOLD_TABLE)
    low = t.lower()
    if len(low) == len(t):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in t)


def is_word_char(ch: str) -> bool:
    """True for letters, digits and combining marks (any script)."""
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


# Sentence ends: . ! ? and their CJK/Arabic/Devanagari/Urdu forms, or a line break.
_SENT_END = re.compile(r"(?<=[.!?。！？؟।۔])[\"'”»)\]]*\s+|(?<=[。！？])|\n+")


class Sentence(tuple):
    """(start, end) of one sentence in the text."""

    __slots__ = ()

    @property
    def start(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`, in order, whitespace trimmed.

    Abbreviations are not special-cased: an over-split sentence only narrows the
    context a rule sees, and rules also look at the neighbouring sentences.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _append(text, pos, m.start(), out)
        pos = m.end()
    _append(text, pos, len(text), out)
    return out


def _append(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def sentences(text: str) -> Iterator[str]:
    for s, e in sentence_bounds(text):
        yield text[s:e]
