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
from functools import lru_cache
from importlib import resources

__all__ = ["fold", "sentences", "sentence_bounds", "is_word_char", "may_hold", "holds",
           "strip_optional_marks", "kept_positions"]

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
    # Hebrew geresh and gershayim (צה״ל, ארה״ב) as the ASCII marks most sites type
    ord("׳"): "'",
    ord("״"): '"',
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
    # Hausa hooked letters: news sites often write k, d, b, y for ƙ, ɗ, ɓ, ƴ
    ord("ƙ"): "k", ord("Ƙ"): "k", ord("ɗ"): "d", ord("Ɗ"): "d", ord("ɓ"): "b", ord("Ɓ"): "b",
    ord("ƴ"): "y", ord("Ƴ"): "y",
    # Pashto gaf (ګ) and the Persian one (گ) are both written for /g/
    ord("ګ"): "گ",
    # Amharic homophone letter series, spelled either way (ሐ/ኀ as ሀ, ሠ as ሰ, ዐ as አ, ፀ as ጸ):
    # the first seven orders of each series map onto the same order of the other
    **{base + i: chr(target + i) for base, target in ((0x1210, 0x1200), (0x1280, 0x1200), (0x1220, 0x1230),
                                                       (0x12D0, 0x12A0), (0x1340, 0x1338)) for i in range(7)},
    # ... and the first and fourth orders of h and ʾ sound alike (ሃ/ሀ, ኣ/አ, ዓ/ዐ): one form
    **{o: chr(target) for target, others in ((0x1200, (0x1203, 0x1213, 0x1283)), (0x12A0, (0x12A3, 0x12D3)))
       for o in others},
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


# The few non-ASCII characters fold rewrites, as one small character class: most texts
# hold few of them, so a regex pass that touches only those beats translating every
# character. Traditional Chinese goes through str.translate, and only texts with Han do.
_FOLD_STR = {chr(k): v for k, v in _FOLD_TABLE.items() if k >= 128}
_FOLD_CHARS = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD_STR)) + "]")
_T2S = _traditional_to_simplified()
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _fold_char(m: re.Match) -> str:
    return _FOLD_STR[m.group()]


# Traditional Chinese as a regex of its characters (those of the Basic Multilingual Plane:
# with any beyond it the class is a list `re` walks at every character, 20x slower): a
# Chinese or Japanese article holds a hundred or so, and a scan that calls back on those
# costs ~50 us where str.translate, which looks every character up in the 4,000-entry
# table, cost ~160 us for 3,000 characters. A text with characters beyond the BMP is
# translated as before.
_T2S_STR = {chr(k): v for k, v in _T2S.items()}
_T2S_BMP = re.compile("[" + "".join(re.escape(c) for c in sorted(_T2S_STR) if ord(c) <= 0xFFFF) + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _t2s_char(m: re.Match) -> str:
    return _T2S_STR[m.group()]


# fold's characters by block of 256 (the high byte of their code point): a text is searched
# only for the characters of the blocks it uses (`_blocks`), each with one `in` test and, if
# there, one str.replace. Arabic-script texts hold hundreds of them (ة ى أ ی ک), each a
# Python call-back in a regex substitution. A chain of replaces is the one-pass substitution
# because no character is replaced by one that is replaced in turn (checked here).
_FOLD_BY_BLOCK: dict[int, tuple[tuple[str, str], ...]] = {}
for _c, _v in sorted(_FOLD_STR.items()):
    _FOLD_BY_BLOCK[ord(_c) >> 8] = _FOLD_BY_BLOCK.get(ord(_c) >> 8, ()) + ((_c, _v),)
if set(_FOLD_STR) & set("".join(_FOLD_STR.values())) or max(map(ord, _FOLD_STR)) > 0xFFFF:
    raise ValueError("fold table: a character folds to one that folds again, or lies outside the BMP")
_FOLD_BLOCKS = tuple((bytes([b]), pairs) for b, pairs in sorted(_FOLD_BY_BLOCK.items()) if b)
_FOLD_LATIN1 = _FOLD_BY_BLOCK.get(0, ())


# Arabic-script harakat, the superscript alef and tatweel; Hebrew points and cantillation.
# Optional vowel marks that news text uses now and then ("عُمان", "שָׁלוֹם"): words are
# matched without them.
_OPTIONAL_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
                             "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")


def strip_optional_marks(text: str) -> str:
    """`text` without the optional vowel marks of Arabic-script and Hebrew writing (and the
    tatweel), which the lexicons and gazetteers are written without. Changes the length;
    `text` itself (the same object) when it has none."""
    if text.isascii() or not holds(text, _OPTIONAL_MARKS):   # (a scan only of Arabic or Hebrew text)
        return text
    return _OPTIONAL_MARKS.sub("", text)


def kept_positions(text: str) -> list[int]:
    """For each character of `strip_optional_marks(text)`, its index in `text` (plus one
    final entry, len(text))."""
    removed = [m.start() for m in _OPTIONAL_MARKS.finditer(text)]
    out: list[int] = []
    prev = 0
    for r in removed:
        out.extend(range(prev, r))
        prev = r + 1
    out.extend(range(prev, len(text)))
    out.append(len(text))
    return out


def fold(text: str) -> str:
    """Lower-case `text` for matching, keeping its length (one char in, one char out)."""
    if text.isascii():
        return text.lower()
    # (a name or a word, as the actors' finder folds 5 per article: one regex call costs least)
    t = _FOLD_CHARS.sub(_fold_char, text) if len(text) <= _SHORT else _fold_chars(text)
    if holds(t, _HAN):   # (a scan only of a text with Han: `holds` knows its blocks)
        t = t.translate(_T2S) if holds(t, _ASTRAL) else _T2S_BMP.sub(_t2s_char, t)
    low = t.lower()
    if len(low) == len(t):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in t)


_SHORT = 64   # up to this length `fold` replaces its characters with one regex call (1.7 us -> 0.6 us)


def _fold_chars(text: str) -> str:
    """`_FOLD_CHARS.sub(_fold_char, text)`: the characters of _FOLD_STR replaced (see _FOLD_BY_BLOCK)."""
    latin1, high = _blocks(text)
    t = text
    for c, v in _FOLD_LATIN1:
        if c in t:
            t = t.replace(c, v)
    for block, pairs in _FOLD_BLOCKS:
        if block in high:
            for c, v in pairs:
                if c in t:
                    t = t.replace(c, v)
    return t


_BLOCKS_KEPT = 4   # an article's text, its folded form and the masked forms the finders read
_blocks_cache: list[tuple[str, tuple[bytes, bytes]]] = []   # (text, its blocks), newest last


def _blocks(text: str) -> tuple[bytes, bytes]:
    """What `may_hold` reads of `text`: its Latin-1 characters (as bytes), and the blocks of
    256 characters its other characters lie in (the high byte of each UTF-16 code unit,
    U+0000-U+00FF included). Cached for the last few texts."""
    for seen, blocks in reversed(_blocks_cache):
        if seen is text:
            return blocks
    if text.isascii():
        blocks = text.encode("ascii"), b""
    else:   # (block 0 is told by the Latin-1 characters: without it, most texts have a few blocks to read)
        high = text.encode("utf-16-le", "surrogatepass")[1::2]
        blocks = text.encode("latin-1", "ignore"), high.translate(None, b"\0")
    _blocks_cache.append((text, blocks))
    if len(_blocks_cache) > _BLOCKS_KEPT:
        del _blocks_cache[0]
    return blocks


@lru_cache(maxsize=None)
def _misses(char_class: re.Pattern[str]) -> tuple[bytes | None, bytes]:
    """(the Latin-1 characters a one-character class does not match, None for all of them;
    the blocks above U+00FF where it matches nothing), as bytes for `bytes.translate` to
    delete. The surrogate blocks are never among them: they stand for every character
    outside the Basic Multilingual Plane, which is not worth a search (texts hold few: emoji)."""
    latin1 = bytes(c for c in range(256) if not char_class.match(chr(c)))
    surrogates = range(0xD8, 0xE0)
    blocks = bytes(b for b, chars in enumerate(_block_texts())
                   if b == 0 or (b not in surrogates and not char_class.search(chars)))
    return (None if len(latin1) == 256 else latin1), blocks


@lru_cache(maxsize=1)
def _block_texts() -> list[str]:
    return ["".join(map(chr, range(b << 8, (b + 1) << 8))) for b in range(256)]


def may_hold(text: str, char_class: re.Pattern[str]) -> bool:
    """False when `text` has no character of `char_class` (a regex of one character class,
    "[\u0600-\u06ff]"), told without a scan of its characters: its Latin-1 characters,
    and the other blocks of 256 characters it uses (`_blocks`, 2 us for 3,000 characters,
    made once per text), less those the class never matches (`bytes.translate`, 1 us).
    True: `text` may hold one (`holds` tells)."""
    latin1, blocks = _blocks(text)
    latin1_misses, block_misses = _misses(char_class)
    return ((latin1_misses is not None and bool(latin1.translate(None, latin1_misses)))
            or bool(blocks.translate(None, block_misses)))


def holds(text: str, char_class: re.Pattern[str]) -> bool:
    """`char_class.search(text) is not None`, for a regex of one character class, skipping
    the scan when `text` uses none of the class's blocks (`may_hold`). Asking "is there any
    Devanagari here?" of an Arabic text costs a microsecond, where a regex search costs a
    full scan of it, and the set of its distinct characters 20 to 80 us."""
    return may_hold(text, char_class) and char_class.search(text) is not None


def is_word_char(ch: str) -> bool:
    """True for letters, digits and combining marks (any script)."""
    # combining marks all lie at or above U+0300: ASCII punctuation never pays the lookup
    return ch.isalnum() or (ch >= "\u0300" and unicodedata.category(ch)[0] == "M")


# Sentence ends: . ! ? and their CJK/Arabic/Devanagari/Urdu/Armenian/Ethiopic/Myanmar forms,
# or a line break. Candidate sentence ends: one character class (fast to scan); the Western
# and Arabic/Devanagari/Armenian stops end a sentence only before whitespace (after closing
# quotes), the CJK, Ethiopic (። ፧) and Myanmar (။) stops and a line break always do.
# Armenian text on the web often types its full stop ։ as a colon: a colon after an
# Armenian letter ends a sentence too, and two Ethiopic word spaces ፡፡ are typed for ።.
# Those two are checked in Python: a regex with their context (a lookbehind, a pair) in
# its alternatives scans three times slower than one character class.
_SENT_END = re.compile("[.!?؟।۔։。！？።፧။\n:፡]")
_ALWAYS = frozenset("。！？።፧။፡\n")
_CLOSERS = frozenset("\"'”»)]’")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`, in order, whitespace trimmed.

    Abbreviations are not special-cased: an over-split sentence only narrows the
    context a rule sees, and rules also look at the neighbouring sentences.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for m in _SENT_END.finditer(text):
        i = m.start()
        if i < pos:
            continue
        ch = text[i]
        if ch == "\n":
            _append(text, pos, i, out)
            pos = i + 1
            continue
        end = i + 1
        if ch == ":":
            if not (i and "\u0531" <= text[i - 1] <= "\u0587"):
                continue
        elif ch == "፡":
            if text[end:end + 1] != "፡":
                continue
            end += 1
        if ch not in _ALWAYS:
            while end < n and text[end] in _CLOSERS:
                end += 1
            if end < n and not text[end].isspace() and not _glued_stop(text, i, end):
                continue
            if ch == "." and _lowercase_follows(text, end):
                continue   # "m.in. rozmowy", "z 2022 r. przewodnictwa": an abbreviation
            if ch == "." and _approximately(text, i, end):
                continue   # "ok. 300 tysięcy", "ca. 2.000": "about", not an end
        _append(text, pos, end, out)
        pos = end
    _append(text, pos, n, out)
    return out


def _approximately(text: str, i: int, end: int) -> bool:
    """Is the full stop at `i` the end of a word for "about" written short (data/approximately.txt:
    ok., ca., ок., env.) with a number after it ("ok. 300 osób")?"""
    j = end
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    if j == len(text) or not text[j].isdigit():
        return False
    k = i
    while k and text[k - 1].isalpha():
        k -= 1
    return text[k:i].lower() in _approximately_words()


@lru_cache(maxsize=1)
def _approximately_words() -> frozenset[str]:
    data = (resources.files("processors") / "data" / "approximately.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in data.splitlines() if w.strip() and not w.startswith("#"))


def _lowercase_follows(text: str, end: int) -> bool:
    """Does a lower-case letter begin the next word on the same line? A sentence of a cased
    script (Latin, Cyrillic, Greek, Armenian) begins with a capital, so a full stop before a
    lower-case word ends an abbreviation, not a sentence."""
    j = end
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    return j < len(text) and text[j].islower()


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _is_arabic_letter(ch: str) -> bool:
    return "\u0620" <= ch <= "\u064a" or "\u066e" <= ch <= "\u06d3" or "\u06fa" <= ch <= "\u06ff"


def _glued_stop(text: str, i: int, end: int) -> bool:
    """A full stop glued between two words of a script without abbreviations with a full
    stop ends a sentence even without a space: Korean and Persian/Arabic pages often lose
    the space between sentences ("했습니다.우르...", "برگزار شد.این ..."). A Korean sentence
    ends in a syllable (다., 요.); in Arabic script only one-letter forms take a stop
    ("ق.م"), so both sides must be words of two letters or more."""
    if text[i] != "." or end != i + 1 or i == 0 or end >= len(text):
        return False
    if _is_hangul(text[i - 1]) and _is_hangul(text[end]):
        return True
    return i >= 2 and end + 1 < len(text) and all(_is_arabic_letter(c) for c in (text[i - 2], text[i - 1], text[end], text[end + 1]))


def _append(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    # text[start:end].strip(), without copying the sentence (a space or two to skip at most)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def sentences(text: str) -> Iterator[str]:
    for s, e in sentence_bounds(text):
        yield text[s:e]
