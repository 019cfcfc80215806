"""Write the generated part of the actor gazetteer: country names per language.

Sources: CLDR territory names (through `babel`, common short forms such as
"Russia", "Rusia", "Россия") and the ISO 3166-1 translations shipped with
`pycountry` (official and formal forms). Output, one file per language:

    processors/data/actors/countries/generated/{lang}.tsv   (iso3, kind, pattern)

Run once and commit the output; the runtime reads only the data files:

    .venv/bin/python scripts/build_gazetteer.py            # every tagged language of the registry
    .venv/bin/python scripts/build_gazetteer.py ko th      # only these

Hand-written rows (adjectives, capitals, metonyms, short forms, ambiguity
fixes) live next to it in countries/{lang}.tsv and are never overwritten.
"""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from processors.languages import codes, language, segmentation  # noqa: E402
from processors.textutil import fold  # noqa: E402

OUT = ROOT / "processors" / "data" / "actors" / "countries" / "generated"
#: the tagged languages of the registry (processors/data/languages.tsv)
LANGS = codes("tagged")
PYCOUNTRY_LOCALE = {"zh": "zh_CN"}

# Names that are common words or other things in that language, never a state alone.
DROP: dict[str, set[str]] = {
    "*": {"man", "jersey", "guernsey", "chad", "georgia", "jordan",
          "reunion", "réunion", "la réunion", "reunión", "reunião", "riunione"},  # = "meeting" in fr/es/pt/it
    "ar": {"مالي", "عمان", "جورجيا"},
    "fa": {"مالي", "ماله", "چك", "جرزي", "جرسي"},
    "ur": {"مالي", "شام", "جرزي", "جرسي"},
    "ru": {"того", "грузия"},
    "tr": {"mısır", "mali"},  # = maize, financial: written "Mısır", "Mali" (case-sensitive) in countries/tr.tsv
    "sw": {"mali"},  # = property
    "es": {"granada"},  # the Spanish city; Grenada
    "fr": {"grenade", "maurice"},  # a weapon, a first name

    "uk": {"того"},
    "pt": {"peru", "cuba", "granada", "maurício"},  # turkey (the bird), vat, grenade, a first name
    "ja": {"タイ", "マリ", "チャド", "チリ", "トーゴ", "ギニア"},
    "zh": {"中非", "马里", "苏丹", "也门", "多哥", "阿曼", "乍得", "加纳", "加蓬", "海地", "黑山", "圣庁"},
    "it": {"cina"},
    "id": {"cina"},
}
# Inflecting languages: also match the stem of the last word (`россия` -> `росси*`): those
# written in Cyrillic (the endings in stems() are Russian and Ukrainian ones).
STEM_LANGS = {c for c in LANGS if language(c).script == "cyrillic"}
_RU_ENDINGS = ("а", "я", "ь", "й", "о", "е", "и", "ы", "і")
NON_LATIN = {c for c in LANGS if language(c).script != "latin"}
_HARAKAT = re.compile("[\u064b-\u0652\u0670]")


def clean(name: str) -> list[str]:
    """Usable surface forms of one CLDR/ISO name ("Iran, Islamic Republic of" -> "Iran")."""
    out = []
    name = name.replace("’", "'").replace("ʼ", "'")
    for part in (name, name.split(",")[0], re.sub(r"\s*[(（].*?[)）]\s*", "", name)):
        part = part.strip()
        if not part or " - " in part or " – " in part or "(" in part or "（" in part or "," in part or "،" in part:
            continue
        out.append(part)
    return out


def stems(pattern: str) -> list[str]:
    """`россия` -> `росси*`, `катар` -> `катар*`; stems under 5 letters (`кита*`, `инди*`) catch other words."""
    head, _, last = pattern.rpartition(" ")
    for ending in _RU_ENDINGS:
        if last.endswith(ending):
            stem = last[: -len(ending)]
            break
    else:
        stem = last
    if len(stem) < 5 or stem in ("оман", "грузи"):
        return []
    return [f"{head} {stem}*".strip()]


def arabic_article(pattern: str) -> str:
    """The matcher adds the article and clitics itself: store `يمن` for `اليمن`."""
    if pattern.startswith("ال") and len(pattern) > 4:
        return pattern[2:]
    return pattern


def names_for(lang: str, alpha2: str, cldr: dict, trans) -> set[str]:
    country = pycountry.countries.get(alpha_2=alpha2)
    raw = []
    if alpha2 in cldr:
        raw.append(cldr[alpha2])
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if value:
            raw.append(trans(value))
    out: set[str] = set()
    for r in raw:
        for form in clean(r):
            form = _HARAKAT.sub("", form)
            p = fold(form)
            if lang == "ar" and form.startswith("ال"):
                p = arabic_article(p)  # only a bare alef-lam is the article: not أل (ألمانيا) nor آل
            if lang in NON_LATIN and re.search("[a-z]", p):
                continue
            if len(p) < 2 or p in DROP["*"] or p in DROP.get(lang, ()):
                continue
            if segmentation(lang) == "cjk" and len(p) < 2:
                continue
            out.add(p)
            if lang == "de" and p[-1] not in "sxzß" and " " not in p:
                out.add(p + "s")  # genitive: "Kenias", "Russlands"
            if lang in STEM_LANGS:
                out.update(stems(p))
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in sys.argv[1:] or LANGS:
        if language(lang) is None:
            raise SystemExit(f"{lang}: not in processors/data/languages.tsv; add its row first")
        cldr = Locale.parse(lang).territories
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[PYCOUNTRY_LOCALE.get(lang, lang)])
            trans = tr.gettext
        except OSError:
            trans = str
        codes: dict[str, set[str]] = {}
        for c in pycountry.countries:
            for p in names_for(lang, c.alpha_2, cldr, trans):
                codes.setdefault(p, set()).add(c.alpha_3)
        # a form shared by two states ("Korea", "Congo") names neither
        rows = {(next(iter(c)), "name", p) for p, c in codes.items() if len(c) == 1}
        path = OUT / f"{lang}.tsv"
        with path.open("w", encoding="utf-8") as fh:
            fh.write(f"# generated by scripts/build_gazetteer.py from CLDR (babel) and pycountry; do not edit\n")
            for iso3, kind, p in sorted(rows):
                fh.write(f"{iso3}\t{kind}\t{p}\n")
        print(f"lang={lang} rows={len(rows)} path={path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
