"""Numbers a text gives for people: killed, wounded, troops, peacekeepers, prisoners,
hostages, displaced.

A figure is a number (any digits, with the separators and scale words of the
language: ``2,000``, ``2.000``, ``6 500``, ``٢٠٠٠``, ``6,5 ribu``, ``1.5 million``,
``2 тыс.``, ``2 bin``, ``2 هزار``, ``两千名``, ``2000名``) within four words before (three after) a
word that says what it counts (``data/figures/{lang}.tsv``), in the same clause.
The nearest kind word wins; at equal distance, a casualty word wins over a unit
word ("killed 3 soldiers"), and so does a casualty word right after the unit
("3 soldiers were killed"); of kind words that overlap or follow one another, the
longest and most specific wins ("2,000 Russian peacekeeping troops", "2.000
tentara penjaga perdamaian": peacekeepers, not troops). A kind word never counts
across another number. "And" glued before a kind word (Arabic و, Hebrew ו) stands apart
from it, as a spaced "and" does: "مقتل 3 وإصابة 5" is 3 killed and 5 wounded.

Some words count people only in a context: Indonesian "jiwa" (souls) after a
number is a death toll in "korban ... 6.500 jiwa", a population in "5 juta jiwa".
A ``context`` line in the data gives such words and the words that must come
earlier in the same sentence for them to count.

Number words one to ten (``number`` lines of the data: ``two``, ``dua``, ``deux``,
``один``, ``یک``) count only right beside their kind word ("two soldiers", "one
Ukrainian soldier was wounded", "killed two"), unless a scale word follows them
("un million de personnes"); forms that are also articles (``un``, ``ein``, ``bir``)
are marked ``?`` and count only before a scale word.

Not figures: days and years of dates ("22 Mei", "in 2014", see
`dates.part_of_date`), times, percentages, fractions, amounts glued to a unit
("5km", "1st").

>>> t = "Sebanyak 2.000 pasukan penjaga perdamaian Rusia tiba."
>>> [(f.kind, f.value) for f in find_figures(t, t.lower(), "id")]
[('peacekeepers', 2000)]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .datafiles import read_rows
from .dates import part_of_date
from .languages import is_spaceless, resolve, segmentation
from .matcher import Match, PatternSet, extraction_anywhere, extraction_words
from .model import FigureMention

__all__ = ["find_figures", "KINDS"]

DATA_DIR = Path(__file__).with_name("data") / "figures"
KINDS = ("killed", "wounded", "troops", "peacekeepers", "prisoners", "hostages", "displaced")
_UNITS = {"troops", "peacekeepers"}   # what a number of people are; the others say what befell them
_MORE_SPECIFIC = {"troops": "peacekeepers"}   # a kind word and the kind that, right beside it, narrows it
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|[。！？；\n]")
_CONTEXT_SPAN = 200     # characters before a context word in which its cue must lie
_MAX_WORDS = 4          # number ... kind word
_MAX_WORDS_BEFORE = 3   # kind word ... number ("killed at least 300"); never a unit word ("Soldaten aus 14")
_MAX_VALUE = 100_000_000
_NEAR = 80              # characters: a number farther than this from every kind word is not looked at

_D = "0-9\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u0E50-\u0E59\u1040-\u1049"   # ASCII, Arabic-Indic, Persian, Devanagari, Thai, Myanmar
# one leading digit class, so that `re` skips to the next digit at C speed; a group
# separator after more than three digits is cut off in Python ("in 2014 300 soldiers")
_NUMBER = re.compile(rf"([{_D}]+)(?:([,.'\u066C\u2009\u202F ])[{_D}]{{3}}(?:\2[{_D}]{{3}})*(?![{_D}]))?(?:[.,\u066B][{_D}]+)?")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९๐๑๒๓๔๕๖๗๘๙၀၁၂၃၄၅၆၇၈၉", "0123456789" * 5)
_HAN_NUMBER = re.compile("[零〇一二两兩三四五六七八九十百千万萬亿億]{1,8}(?=[名人余餘多个])")
_HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CJK = re.compile("[\u3040-\u30FF\u3400-\u9FFF]")
_BLOCK = re.compile(f"[.;:!?。；！？\n()\\[\\]«»\"“”{_D}零〇一二两兩三四五六七八九十百千]")


@dataclass
class _Lexicon:
    kinds: PatternSet[str]
    scale: re.Pattern | None
    scales: dict[str, int]
    decimal: str
    cues: dict[str, re.Pattern]   # context kind payload -> the words that must come before it
    words: PatternSet[str]        # number words
    word_values: dict[str, tuple[int, bool]]   # number word -> (value, counts only before a scale word)


def _pattern(form: str) -> str:
    return re.escape(form[:-1]) + r"\w*\.?" if form.endswith("*") else re.escape(form) + r"\.?"


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    from .textutil import fold

    source = resolve("figures", lang) or "en"      # the language's own words, else its registry fallback
    path = DATA_DIR / f"{source}.tsv"
    kinds: list[tuple[str, str]] = []
    scales: dict[str, int] = {}
    cues: dict[str, re.Pattern] = {}
    word_values: dict[str, tuple[int, bool]] = {}
    decimal = "."
    for row in read_rows(path):
        cols = row.cols
        if cols[0] == "option" and cols[1] == "decimal":
            decimal = cols[2]
        elif cols[0] == "scale":
            for form in cols[2].split("|"):
                scales[fold(form.strip())] = int(cols[1])
        elif cols[0] in KINDS:
            kinds += [(fold(form.strip()), cols[0]) for form in cols[1].split("|") if form.strip()]
        elif cols[0] == "number":
            for form in cols[2].split("|"):
                form = form.strip()
                if form:
                    word_values[fold(form.rstrip("?"))] = (int(cols[1]), form.endswith("?"))
        elif cols[0] == "context":   # context	kind	words	cues
            payload = f"{cols[1]}?{len(cues)}"
            kinds += [(fold(form.strip()), payload) for form in cols[2].split("|") if form.strip()]
            cue_forms = sorted({fold(c.strip()) for c in cols[3].split("|") if c.strip()}, key=len, reverse=True)
            cues[payload] = re.compile(r"(?<!\w)(?:" + "|".join(_pattern(c).removesuffix(r"\.?") for c in cue_forms) + ")")
    scale = None
    if scales:
        alts = "|".join(_pattern(s) for s in sorted(scales, key=len, reverse=True))
        # Chinese, Japanese, Korean, Thai and Burmese glue the counter after the scale word (3만명)
        scale = re.compile(rf"\s*({alts})" if is_spaceless(source) or source == "ko" else rf"\s*({alts})(?!\w)")
    shared = extraction_words(lang), extraction_anywhere(lang)   # one pass with the date finder's words
    words = PatternSet(((w, w) for w in word_values), *shared)
    return _Lexicon(PatternSet(kinds, *shared), scale, scales, decimal, cues, words, word_values)


def _scale_value(lex: _Lexicon, word: str) -> int:
    word = word.rstrip(".")
    if word in lex.scales:
        return lex.scales[word]
    for form, value in lex.scales.items():
        if form.endswith("*") and word.startswith(form[:-1]):
            return value
    return 1


def _parse(raw: str, decimal: str, scaled: bool) -> float:
    """'2,000' -> 2000, '6,5' -> 6.5 (with a scale word after it), '1.5' -> 1.5."""
    if raw.isdigit():
        return int(raw)
    s = raw.translate(_DIGITS)
    seps = [c for c in s if not c.isdigit()]
    if not seps:
        return int(s)
    last = max(s.rfind(c) for c in set(seps))
    tail = s[last + 1:]
    if len(set(seps)) > 1:   # "1,234.5": the last separator is the decimal point
        return float("".join(c for c in s[:last] if c.isdigit()) + "." + tail)
    sep = seps[0]
    grouped = len(seps) > 1 or sep in " '\u066C\u2009\u202F" or (len(tail) == 3 and not (sep == decimal and scaled))
    if sep == "\u066B":
        grouped = False
    if grouped:
        return int("".join(c for c in s if c.isdigit()))
    return float(s.replace(sep, "."))


def _han_value(s: str) -> int:
    total, section, digit = 0, 0, 0
    for ch in s:
        if ch in _HAN_DIGITS:
            digit = _HAN_DIGITS[ch]
        elif ch in _HAN_UNITS:
            section += (digit or 1) * _HAN_UNITS[ch]
            digit = 0
        else:
            total += (section + digit) * _HAN_BIG[ch]
            section = digit = 0
    return total + section + digit


def _distance(gap: str) -> int:
    """Words between a number and a kind word; a comma counts as two; a clause end or
    another number as too many."""
    if not gap or gap == " ":
        return 0
    if _BLOCK.search(gap):
        return 99
    words = len(gap.split()) + 2 * sum(gap.count(c) for c in ",،、，")
    cjk = len(_CJK.findall(gap))
    return words + cjk // 2


def _numbers(folded: str, lang: str, lex: _Lexicon, starts: list[int], ends: list[int]):
    """(start, end, value, spelled) of each number that may count people and has a kind word near it."""
    n = len(folded)
    last = len(starts) - 1
    pos = 0
    while m := _NUMBER.search(folded, pos):
        s, e = m.span()
        if m[2] and len(m[1]) > 3:
            e = s + len(m[1])
        pos = e
        i = bisect_left(starts, e)
        if not ((i <= last and starts[i] - e <= _NEAR) or (i and s - ends[i - 1] <= _NEAR)):
            continue
        raw = folded[s:e]
        prev = folded[s - 1] if s else " "
        nxt = folded[e] if e < n else " "
        # "ו-30 פצועים" (and 30 wounded): a Hebrew one-letter prefix joined by a hyphen
        hebrew_prefix = prev == "-" and s >= 2 and folded[s - 2] in "ובלמהכש" and (s < 3 or not folded[s - 3].isalpha())
        if (prev in "/:-$€£#№+" and not hebrew_prefix) or (prev in ".," and s >= 2 and folded[s - 2].isdigit()):
            continue
        if nxt in "/:%-" and e + 1 < n and (folded[e + 1].isdigit() or nxt in "%/:"):
            continue
        if nxt.isalpha() and nxt.isascii() or "\u0400" <= nxt <= "\u04ff":
            continue
        if part_of_date(folded, s, e, lang):
            continue
        end, mult = e, 1
        if lex.scale is not None and (sm := lex.scale.match(folded, e)):
            end, mult = sm.end(), _scale_value(lex, sm[1])
        try:
            value = _parse(raw, lex.decimal, mult > 1) * mult
        except ValueError:
            continue
        yield s, end, int(round(value)), False
    for s, e, word in lex.words.find(folded):
        i = bisect_left(starts, e)
        if not ((i <= last and starts[i] - e <= _NEAR) or (i and s - ends[i - 1] <= _NEAR)):
            continue
        value, needs_scale = lex.word_values[word]
        sm = lex.scale.match(folded, e) if lex.scale is not None else None
        if sm is not None:
            yield s, sm.end(), value * _scale_value(lex, sm[1]), False
        elif not needs_scale:
            yield s, e, value, True
    if segmentation(lang) == "cjk":
        for m in _HAN_NUMBER.finditer(folded):
            s = m.start()
            if s and folded[s - 1] in "数幾几第":
                continue
            yield s, m.end(), _han_value(m[0]), False


def _nearest(kinds: list[Match[str]], starts: list[int], ends: list[int], folded: str, s: int, e: int,
             after: int = _MAX_WORDS, before: int = _MAX_WORDS_BEFORE) -> tuple[str, int, int] | None:
    """The kind word this number counts (at most `after` words after it or `before`
    words before it), and the span of the two together."""
    cands: list[tuple[int, int, Match[str]]] = []   # (distance, side: 0 after / 1 before, match)
    i = bisect_left(starts, e)
    if i < len(kinds):
        k = kinds[i]
        d = _distance(folded[e:k.start])
        if d <= after:
            cands.append((d, 0, k))
    j = bisect_right(ends, s) - 1
    if j >= 0 and kinds[j].payload not in _UNITS:
        k = kinds[j]
        d = _distance(folded[k.end:s])
        if d <= before:
            cands.append((d, 1, k))
    if not cands:
        return None
    cands.sort(key=lambda c: (c[0], c[2].payload in _UNITS, c[1]))
    k = cands[0][2]
    if cands[0][1] == 0:
        j = i
        if k.payload in _MORE_SPECIFIC and j + 1 < len(kinds) and kinds[j + 1].payload == _MORE_SPECIFIC[k.payload] \
                and not folded[k.end:kinds[j + 1].start].strip(" -"):
            j += 1
            k = kinds[j]   # "2.000 tentara penjaga perdamaian"
        if k.payload in _UNITS and j + 1 < len(kinds):
            k2 = kinds[j + 1]
            if k2.payload not in _UNITS and _close(folded[k.end:k2.start]):
                k = k2   # "3 soldiers were killed"
    return k.payload, min(s, k.start), max(e, k.end)


def _close(gap: str) -> bool:
    """Two kind words close enough to be one phrase: at most two words apart, no comma."""
    return not any(c in gap for c in ",،、，") and _distance(gap) <= 2


def _longest(matches: list[Match[str]]) -> list[Match[str]]:
    out: list[Match[str]] = []
    for m in sorted(matches, key=lambda m: (m.start, m.start - m.end)):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _in_context(lex: _Lexicon, folded: str, m: Match[str]) -> Match[str] | None:
    """A context word as the kind it counts, if its cue comes earlier in its sentence."""
    if m.payload not in lex.cues:
        return m
    start = max(0, m.start - _CONTEXT_SPAN)
    ends = [x.end() for x in _SENTENCE_END.finditer(folded, start, m.start)]
    if ends:
        start = ends[-1]
    if lex.cues[m.payload].search(folded, start, m.start) is None:
        return None
    return Match(m.start, m.end, m.payload.partition("?")[0])


def _and_apart(lex: _Lexicon, folded: str, m: Match[str]) -> Match[str]:
    """A kind word with "and" glued before it (Arabic و, Hebrew ו: "مقتل 3 وإصابة 5", "נהרגו
    שלושה ונפצעו חמישה") without the conjunction, which then stands between it and a number
    before it as "and" does in "killed 3 and wounded 5": that number is the previous kind's."""
    if folded[m.start] not in _GLUED_AND:
        return m
    rest = folded[m.start + 1:m.end]
    if not any(r.start == 0 and r.end == len(rest) for r in lex.kinds.find(rest)):
        return m   # the letter is the word's own ("وفاة", death)
    return Match(m.start + 1, m.end, m.payload)


_GLUED_AND = frozenset("وו")


def find_figures(text: str, folded: str, lang: str) -> list[FigureMention]:
    """Figures of people given in `text` (`folded` = `fold(text)`), in order."""
    lex = _lexicon(lang)
    kinds = [_and_apart(lex, folded, m) for m in _longest(lex.kinds.find(folded))]
    if lex.cues:
        kinds = [k for m in kinds if (k := _in_context(lex, folded, m)) is not None]
    if not kinds:
        return []
    starts = [k.start for k in kinds]
    ends = [k.end for k in kinds]
    out: list[FigureMention] = []
    for s, e, value, spelled in _numbers(folded, lang, lex, starts, ends):
        if not 1 <= value <= _MAX_VALUE:
            continue
        hit = _nearest(kinds, starts, ends, folded, s, e, 1, 0) if spelled else _nearest(kinds, starts, ends, folded, s, e)
        if hit is not None:
            kind, start, end = hit
            out.append(FigureMention(kind, value, start, end))  # type: ignore[arg-type]
    out.sort(key=lambda f: f.start)
    return out
