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
# pycountry's Amharic catalogue is mis-encoded ("ሱ፣ን" for Sudan): CLDR only
NO_PYCOUNTRY = {"am"}

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
    "ha": {"gana"},  # = "met" ("ya gana da")
    "es": {"granada"},  # the Spanish city; Grenada
    "fr": {"grenade", "maurice"},  # a weapon, a first name

    "uk": {"того"},
    "pt": {"peru", "cuba", "granada", "maurício"},  # turkey (the bird), vat, grenade, a first name
    "ja": {"タイ", "マリ", "チャド", "チリ", "トーゴ", "ギニア"},
    "zh": {"中非", "马里", "苏丹", "也门", "多哥", "阿曼", "乍得", "加纳", "加蓬", "海地", "黑山", "圣庁"},
    "it": {"cina"},
    "id": {"cina"},
    # Korean: arrogance, to dry, the syllabary's first letters, the US state; India is hand-written
    # (인도 starts 인도적, humanitarian)
    # 수단 = means, 저지 = blocking, 건지 = (a verb ending); Sudan is hand-written in context
    "ko": {"오만", "말리", "가나", "조지아", "기니", "통가", "차드", "인도", "수단", "저지", "건지"},
    # Vietnamese: the short one-syllable names are common words in lower case (brother, law,
    # virtue, idea); countries/vi.tsv writes them capitalised (case-sensitive)
    "vi": {"anh", "pháp", "đức", "ý", "nga", "mỹ", "lào", "cuba", "togo", "mali", "chad", "oman", "guinea", "peru"},
    # Thai: a flower and a name
    "th": {"มาลี", "ชาด", "โอมาน", "กวม"},
    # Hebrew: "by itself", the prefix pro-, building, doll; הודו also "they thanked/admitted"
    # (India is hand-written with its prefixes: בהודו, להודו)
    "he": {"מאלי", "פרו", "צ'אד", "טוגו", "עומאן", "בנין", "בובה", "הודו"},
    "hy": {"չադ", "մալի", "թոգո", "օման"},
    "az": {"mali", "çad", "oman", "toqo", "niger", "peru", "kuba", "qana"},
}
# Inflecting languages: also match the stem of the last word (`россия` -> `росси*`): those
# written in Cyrillic (the endings in stems() are Russian and Ukrainian ones).
STEM_LANGS = {c for c in LANGS if language(c).script == "cyrillic"}
_RU_ENDINGS = ("а", "я", "ь", "й", "о", "е", "и", "ы", "і")
NON_LATIN = {c for c in LANGS if language(c).script != "latin"}
# Suffixing languages that keep the name whole before their case endings and particles
# (Հայաստանի, Rusiyanın, 미국은): the name also matches as `name*`, if it is long enough
# not to start other words.
SUFFIX_LANGS = {"ko": 2, "hy": 5, "az": 5}
_PL_ENDINGS = ("a", "e", "y", "i", "o")


def pl_stems(pattern: str) -> list[str]:
    """Polish declines names: `rosja` -> `rosj*` (Rosji, Rosję), `izrael` -> `izrael*` (Izraela)."""
    head, _, last = pattern.rpartition(" ")
    stem = last[:-1] if last.endswith(_PL_ENDINGS) else last
    if len(stem) < 5:
        return []
    return [f"{head} {stem}*".strip()]


def am_forms(pattern: str) -> list[str]:
    """Amharic suffixes (-ና and, -ን object, -ም also) follow a name: `ሱዳን*`; the article -u fuses
    with a final consonant of the sixth order (ን + ኡ = ኑ): `ሱዳኑ*` too. Names of one or two
    syllables stay whole words."""
    last = pattern.rpartition(" ")[2]
    if len(last) < 3:
        return []
    out = [pattern + "*"]
    o = ord(pattern[-1])
    if 0x1200 <= o <= 0x137F and (o - 0x1200) % 8 == 5:
        out.append(pattern[:-1] + chr(o - 4) + "*")
    return out


def so_forms(pattern: str) -> list[str]:
    """Somali names take the article as a suffix (Ruush -> Ruushka, Turki -> Turkiga): `ruush*`."""
    last = pattern.rpartition(" ")[2]
    return [pattern + "*"] if len(last) >= 5 else []
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
            elif lang == "pl":
                out.update(pl_stems(p))
            elif lang == "am":
                out.update(am_forms(p))
            elif lang == "so":
                out.update(so_forms(p))
            if lang in SUFFIX_LANGS and len(p.rpartition(" ")[2]) >= SUFFIX_LANGS[lang]:
                out.add(p + "*")
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in sys.argv[1:] or LANGS:
        if language(lang) is None:
            raise SystemExit(f"{lang}: not in processors/data/languages.tsv; add its row first")
        cldr = Locale.parse(lang).territories
        try:
            if lang in NO_PYCOUNTRY:
                raise OSError(lang)
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
