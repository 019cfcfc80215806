"""States, organisations, people and armed groups named in a text, in any supported language.

One multi-pattern pass over the folded text per script family (Latin and
Cyrillic; Arabic; Devanagari; Han and kana, the last three only when the text
contains them) finds every gazetteer entry of every language at once, with the
conventions of `matcher.PatternSet` (word boundaries, `*` continuations, Arabic
clitics, CJK anywhere) but faster (see `wordsearch`). Case-sensitive entries
(acronyms such as "AS" for the United States in Indonesian, "UA", "EU", "ООН",
which must be written in capitals) are checked against the original text.
Overlaps are resolved longest first; then each role word
("Presiden", "Außenminister", "وزير الخارجية", "外長") is joined to the state
next to it and to the name that follows (or, in Japanese, precedes) it.

>>> from processors.textutil import fold
>>> t = "Presiden Azerbaijan Ilham Aliyev bertemu Sekjen PBB di Baku."
>>> [(a.kind, a.code, a.name, a.role) for a in find_actors(t, fold(t), "id")]
[('country', 'AZE', 'Azerbaijan', None), ('person', 'AZE', 'Ilham Aliyev', 'president'), \
('org', 'UN', 'PBB', None), ('country', 'AZE', 'Baku', None)]

Data (processors/data/actors/, UTF-8 TSV, `#` comments):

- countries/generated/{lang}.tsv  iso3, kind, pattern  (scripts/build_gazetteer.py)
- countries/{lang}.tsv            iso3, kind, pattern  (hand-written: adjectives,
  capitals, metonyms, territories, short forms); kind is one of name, adjective,
  capital, metonym, territory, or block (iso3 `-`: a phrase that names no state
  but contains one, such as "Latin America" or "Washington Post", and hides it),
  or pair (iso3 `A+B`: one phrase that names two states, such as "South and North
  Korea": one mention each, in that order)
- orgs.tsv    code, lang or *, pattern, case_sensitive (0/1)
- groups.tsv  canonical name, state ISO3, pattern
- people.tsv  kind (person|group), code, state, role, canonical name, pattern
- roles/{lang}.tsv  role, pattern[, iso3 implied by the word itself]

Patterns are written folded (`textutil.fold`); a trailing `*` matches an
inflected continuation. A pattern written with capital letters, or marked with a
leading `=`, is matched case-sensitively, as written, on the original text (the
convention of every data file: `datafiles.Form`). A pattern is used for
texts in the language of its file (or of its `lang` column), or in an
unsupported or unknown language; the hand-written English country rows
(countries/en.tsv: capitals, acronyms, metonyms) and the `*` rows serve every
language. `-` in a field means "none".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from .datafiles import Form, read_rows
from .languages import codes, has_own, language
from .matcher import ARTICLE_ANYWHERE, ARTICLE_WORDS, ETHIOPIC_CLITICS, HEBREW_CLITICS, padded_text, script_of
from .model import ActorMention
from .textutil import fold, holds
from .wordsearch import HanSet, SyllableSet, WordSet, spaced

__all__ = ["find_actors", "LANGS", "load_patterns"]

DATA_DIR: Final = Path(__file__).parent / "data" / "actors"
#: languages with a gazetteer of their own (countries or roles files; see processors/languages.py):
#: a text in any other language is matched with every language's patterns
LANGS: Final = tuple(c for c in codes() if has_own("countries", c) or has_own("roles", c))
_LANG_SET: Final = frozenset(LANGS)
# languages whose texts take English state names too: other scripts (Latin words there are
# English), and Vietnamese, whose press writes many names in their English form (Ukraine)
_NON_LATIN_LANGS: Final = frozenset(c for c in LANGS if language(c).script != "latin") | {"vi"}


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str                       # country | org | person | group | role
    code: str | None
    via: str
    role: str | None
    state: str | None
    canonical: str | None           # name to report instead of the surface text
    langs: frozenset[str] | None    # None: every language
    literal: int                    # pattern length without `*`, breaks ties between equal spans


def _field(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


def _read_tsv(path: Path) -> list[list[str]]:
    return [row.cols for row in read_rows(path)]


def _norm(pattern: str, article: bool = True) -> str:
    """Fold a lower-case pattern and drop the Arabic article (the matcher adds it back)."""
    raw = pattern.strip()
    p = fold(raw)
    # only a bare alef-lam is the article: not أل (ألماني) nor آل (آلمان)
    if article and raw.startswith("ال") and len(p) > 4 and script_of(p[2]) == "arabic":
        p = p[2:]
    return p


_CYRILLIC_ENDINGS: Final = ("", "а", "я", "у", "ю", "ом", "ем", "е", "и", "ы", "і", "ї", "ой", "ей", "ого", "его", "ому",
                             "ему", "ым", "им", "ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ій", "ий",
                             "ої", "ому", "ами", "ями", "ах", "ях", "у", "ові", "ом", "ою", "ею", "ь", "ю", "й")
_LATIN_ENDINGS: Final = ("", "e", "en", "er", "es", "em", "n", "s")


def _expand(pattern: str) -> list[str]:
    """Spell out `word*` inside a phrase ("сектор* газа") with the usual endings of its script."""
    words = pattern.split(" ")
    if not any(w.endswith("*") for w in words[:-1]):
        return [pattern]
    forms = [""]
    for i, w in enumerate(words):
        sep = " " if i else ""
        if w.endswith("*") and i < len(words) - 1:
            stem = w[:-1]
            endings = _CYRILLIC_ENDINGS if "\u0400" <= stem[-1:] <= "\u04ff" else _LATIN_ENDINGS
            forms = [f + sep + stem + e for f in forms for e in dict.fromkeys(endings)]
        else:
            forms = [f + sep + w for f in forms]
    return forms


def _is_cased(pattern: str) -> bool:
    """Case-sensitive: written with a capital letter, or marked `=` (datafiles.Form's convention)."""
    return Form.parse(pattern).exact


def load_patterns(data_dir: Path = DATA_DIR) -> tuple[list[tuple[str, _Entry]], list[tuple[str, _Entry]]]:
    """(folded patterns, case-sensitive patterns), each a list of (pattern, entry)."""
    merged: dict[tuple, set[str] | None] = {}

    def add(pattern: str, lang: str | None, article: bool = True, **fields) -> None:
        for form in _expand(pattern.strip()):
            add_one(form, lang, article, **fields)

    def add_one(pattern: str, lang: str | None, article: bool, **fields) -> None:
        if not pattern:
            return
        cased = _is_cased(pattern)
        pattern = pattern.removeprefix("=")
        key_pattern = pattern if cased else _norm(pattern, article)
        key = (cased, key_pattern, tuple(sorted(fields.items())))
        if lang is None:
            merged[key] = None
        elif key not in merged:
            merged[key] = {lang}
        elif merged[key] is not None:
            merged[key].add(lang)

    for lang in LANGS:
        for sub in ("generated", ""):
            for row in _read_tsv(data_dir / "countries" / sub / f"{lang}.tsv"):
                iso3, kind, pattern = row[:3]
                kind_ = "block" if kind.strip() == "block" else "country"
                # a "pair" row names two states in one phrase ("South and North Korea"): iso3 is
                # "KOR+PRK", split into two mentions by _split_pairs
                # hand-written English rows (capitals, acronyms, metonyms) serve every language
                lang_ = None if (lang == "en" and sub == "") else lang
                add(pattern, lang_, article=sub == "", kind=kind_, code=_field(iso3), via=kind.strip(), role=None,
                    state=None, canonical=None)
        for row in _read_tsv(data_dir / "roles" / f"{lang}.tsv"):
            role, pattern = row[0].strip(), row[1]
            if role.startswith("-"):
                continue  # word lists for name capture, see _word_lists
            code = _field(row[2]) if len(row) > 2 else None
            add(pattern, lang, kind="role", code=code, via="role", role=role, state=None, canonical=None)
    for code, lang, pattern, *flag in _read_tsv(data_dir / "orgs.tsv"):
        lang_ = None if lang.strip() == "*" else lang.strip()
        if flag and flag[0].strip() == "0" and _is_cased(pattern):
            pattern = pattern.lower()
        add(pattern, lang_, kind="org", code=code.strip(), via="name", role=None, state=None, canonical=None)
    for canonical, state, pattern in _read_tsv(data_dir / "groups.tsv"):
        add(pattern, None, kind="group", code=None, via="name", role="armed_group", state=_field(state),
            canonical=canonical.strip())
    for kind, code, state, role, canonical, pattern in _read_tsv(data_dir / "people.tsv"):
        add(pattern, None, article=False, kind=kind.strip(), code=_field(code), via="known", role=_field(role),
            state=_field(state), canonical=canonical.strip())

    folded: list[tuple[str, _Entry]] = []
    cased: list[tuple[str, _Entry]] = []
    for (is_cased, pattern, fields), langs in merged.items():
        entry = _Entry(**dict(fields), langs=frozenset(langs) if langs else None,
                       literal=len(pattern.rstrip("*")))
        (cased if is_cased else folded).append((pattern, entry))
    return folded, cased


# One automaton per script family: a text only runs the automata of the scripts it contains. A
# single automaton for every script is several times slower: pyahocorasick looks a character up
# among a node's children one by one, and the root of an all-scripts automaton has thousands.
# "cjk": Han, kana and the registry's other scripts without spaces between words (Thai, Myanmar):
# their patterns match anywhere (HanSet).
_SCRIPTS: Final = (
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]")),
    ("devanagari", re.compile("[\u0900-\u097f]")),
    ("cjk", re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f]")),
    ("ethiopic", re.compile("[\u1200-\u139f\u2d80-\u2ddf]")),
    ("myanmar", re.compile("[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]")),
    ("hebrew", re.compile("[\u0590-\u05ff]")),
    ("thai", re.compile("[\u0e00-\u0e7f]")),
)
_OTHER_SCRIPTS: Final = re.compile("[\u0590-\u097f\u0e00-\u0e7f\u1000-\u109f\u1200-\u139f\u2d80-\u2ddf\u3040-\u9fff"
                                   "\ua9e0-\ua9ff\uaa60-\uaa7f\uf900-\ufaff\ufb50-\ufeff\uff01-\uff9f]")
# scripts written without spaces between words: their names match anywhere (HanSet), or at
# syllable boundaries (Myanmar, SyllableSet)
_ANYWHERE: Final = frozenset({"cjk", "thai"})
# Arabic words carry the conjunction, prepositions and article as prefixes, as in matcher.py
# (those of nouns only: not the verbal future prefix س). Persian and Urdu do not use them.
_ARABIC_CLITICS: Final = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وب", "ول")
_SETS: dict[str, WordSet[_Entry] | HanSet[_Entry]] | None = None


def _script_key(pattern: str) -> str:
    for name, rx in _SCRIPTS:
        if rx.match(pattern):
            return name
    return "words"  # Latin, Cyrillic and anything else written with spaces between words


def _pattern_sets() -> dict[str, WordSet[_Entry] | HanSet[_Entry]]:
    """{script family: pattern set}, built once (about 0.2 s)."""
    global _SETS
    if _SETS is None:
        folded, cased = load_patterns()
        parts: dict[str, list[tuple[str, _Entry, str | None]]] = {}
        for pattern, entry in folded:
            parts.setdefault(_script_key(pattern), []).append((pattern, entry, None))
        for pattern, entry in cased:
            key = fold(pattern)
            parts.setdefault(_script_key(key), []).append((key, entry, pattern.rstrip("*")))
        sets: dict[str, WordSet[_Entry] | HanSet[_Entry]] = {}
        for key, entries in parts.items():
            if key in _ANYWHERE:
                sets[key] = HanSet(entries, shared=ARTICLE_ANYWHERE)   # one pass with the lexicon's
            elif key == "myanmar":
                # no spaces between words: syllable boundaries
                sets[key] = SyllableSet(entries, shared=ARTICLE_ANYWHERE)
            elif key == "ethiopic":   # የ በ ለ ከ ... written as prefixes
                sets[key] = WordSet(entries, ETHIOPIC_CLITICS, shared=ARTICLE_WORDS)
            elif key == "arabic":
                sets[key] = WordSet(entries, _ARABIC_CLITICS, lambda e: e.langs is None or "ar" in e.langs,
                                    shared=ARTICLE_WORDS)
            elif key == "hebrew":
                sets[key] = WordSet(entries, ("",) + HEBREW_CLITICS, shared=ARTICLE_WORDS)
            else:   # the words of most texts
                sets[key] = WordSet(entries, shared=ARTICLE_WORDS)
        _SETS = sets
    return _SETS


def _accepts(entry: _Entry, lang: str | None) -> bool:
    langs = entry.langs
    return (langs is None or lang not in _LANG_SET or lang in langs
            or (lang in _NON_LATIN_LANGS and "en" in langs))  # Latin words in an Arabic text are English


def find_actors(text: str, folded: str, lang: str | None) -> list[ActorMention]:
    """Every state, organisation, person and armed group in `text`, by start, non-overlapping.

    `folded` is `textutil.fold(text)`; `lang` (ISO 639-1) selects which
    languages' patterns apply (its own and the language-neutral ones; all of
    them if None or unsupported).
    """
    sets = _pattern_sets()
    padded = padded_text(folded)
    found = sets["words"].find(text, padded)
    if not text.isascii() and holds(folded, _OTHER_SCRIPTS):
        for name, rx in _SCRIPTS:
            ps = sets.get(name)
            if ps is not None and holds(folded, rx):
                found += ps.find(text, folded if name in _ANYWHERE or name == "myanmar" else padded)
    cands = [c for c in found if _accepts(c[2], lang)]
    abbrev = _cjk_abbreviations(folded, lang) if lang in ("zh", "ja", "ko") else []
    if not cands:
        return abbrev
    chosen = _split_pairs(text, _longest_first(cands))
    built = _build(text, chosen, lang)
    if abbrev:
        taken = {i for a in built for i in range(a.start, a.end)}
        built = sorted(built + [a for a in abbrev if a.start not in taken], key=lambda a: a.start)
    return built


_CJK_ABBREV: dict[str, tuple[dict[str, str], re.Pattern[str]]] = {}


def _cjk_abbreviations(folded: str, lang: str) -> list[ActorMention]:
    """States written as one-character abbreviations in a run: 日韩首脑会谈 -> JPN, KOR."""
    if not _CJK_ABBREV:
        codes: dict[str, dict[str, str]] = {}
        for row in _read_tsv(DATA_DIR / "cjk_abbreviations.tsv"):
            codes.setdefault(row[0].strip(), {})[fold(row[1].strip())] = row[2].strip()
        words = [fold(r[0].strip()) for r in _read_tsv(DATA_DIR / "cjk_relation_words.txt")]
        follow = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        for lg, table in codes.items():
            chars = _alternation(table)
            if lg == "ko":
                # Korean writes the run with or without middle dots (한미, 한·미·일) and a space
                # before the relation word (한미 정상회담); not inside a word (대북, 남북한),
                # and 북한 is North Korea, not North Korea and South Korea
                rx = re.compile(f"(?<![\uac00-\ud7a3])(?!북한)(?:{chars})(?:·?(?:{chars})){{1,2}}(?=\\s?(?:{follow}))")
            else:
                rx = re.compile(f"(?:{chars}){{2,3}}(?={follow})")
            _CJK_ABBREV[lg] = (table, rx)
    if lang not in _CJK_ABBREV:
        return []
    table, rx = _CJK_ABBREV[lang]
    longest_first = _longest_keys(lang)
    out: list[ActorMention] = []
    for m in rx.finditer(folded):
        pos = m.start()
        while pos < m.end():
            if folded[pos] == "·":
                pos += 1
                continue
            key = next(k for k in longest_first if folded.startswith(k, pos))
            out.append(ActorMention("country", table[key], key, pos, pos + len(key), via="abbreviation"))
            pos += len(key)
    return out


@lru_cache(maxsize=None)
def _longest_keys(lang: str) -> tuple[str, ...]:
    """The abbreviations of `lang` (`_CJK_ABBREV`), the longest first: sorted once, not
    for each character of each run (15 runs in a Chinese article)."""
    return tuple(sorted(_CJK_ABBREV[lang][0], key=len, reverse=True))


def _alternation(words: dict[str, str]) -> str:
    """A regex alternation of `words`, the longest first; the one-character ones as one
    character class, which `re` tests at a position in one look where it would try them
    one by one (3x faster over a Chinese article)."""
    longer = sorted((re.escape(w) for w in words if len(w) > 1), key=len, reverse=True)
    single = "".join(re.escape(w) for w in words if len(w) == 1)
    return "|".join(longer + ([f"[{single}]"] if single else []))


def _longest_first(cands: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    """Non-overlapping candidates, by start; in a run of overlapping ones the longest wins."""
    cands.sort(key=lambda c: c[0])
    out: list[tuple[int, int, _Entry]] = []
    i, n = 0, len(cands)
    while i < n:
        j, end = i + 1, cands[i][1]
        while j < n and cands[j][0] < end:
            end = max(end, cands[j][1])
            j += 1
        if j == i + 1:
            out.append(cands[i])
        else:
            out.extend(_resolve(cands[i:j]))
        i = j
    return out


def _split_pairs(text: str, chosen: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    """A phrase naming two states at once ("South and North Korea", "တောင်နှင့်မြောက်ကိုရီးယား",
    iso3 "KOR+PRK") becomes one mention per state, in the order of the codes, each over its
    share of the phrase (mentions do not overlap) and each named by the whole phrase."""
    if not any(c[2].via == "pair" for c in chosen):
        return chosen
    out: list[tuple[int, int, _Entry]] = []
    for s, e, entry in chosen:
        if entry.via != "pair" or not entry.code:
            out.append((s, e, entry))
            continue
        codes = entry.code.split("+")
        step = (e - s) // len(codes)
        for k, code in enumerate(codes):
            ks, ke = s + k * step, (e if k == len(codes) - 1 else s + (k + 1) * step)
            out.append((ks, ke, _Entry("country", code, "name", None, None, text[s:e], entry.langs, ke - ks)))
    return out


# equal spans: a state's name before its capital ("عمان" is Oman in Persian, Amman in Arabic)
_VIA_RANK: Final = {"known": 0, "name": 1, "adjective": 2, "territory": 3, "metonym": 4, "capital": 5}


def _resolve(cluster: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    cluster.sort(key=lambda c: (c[0] - c[1], -c[2].literal, _VIA_RANK.get(c[2].via, 9), c[0]))
    taken: list[tuple[int, int, _Entry]] = []
    for c in cluster:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken


def _build(text: str, chosen: list[tuple[int, int, _Entry]], lang: str | None) -> list[ActorMention]:
    """Mentions from the chosen matches: role words become the people they introduce."""
    out: list[ActorMention] = []
    consumed: set[int] = set()
    for i, (s, e, entry) in enumerate(chosen):
        kind = entry.kind
        if kind == "block" or (consumed and i in consumed):
            continue
        if kind != "role":
            out.append(ActorMention(kind, entry.code, entry.canonical or text[s:e], s, e, entry.role, entry.via,
                                    entry.state))
            continue
        person = _person_for_role(text, chosen, i, consumed, lang)
        if person is not None:
            out.append(person)
    out.sort(key=lambda m: m.start)
    return out


_JOIN = re.compile(r"(?:\s|'s|’s|の|-|,|،)*")


def _adjacent(text: str, a: int, b: int) -> bool:
    """True if only spaces, a possessive or a particle lie between offsets a and b."""
    return 0 <= b - a <= 4 and _JOIN.fullmatch(text, a, b) is not None


def _side(entry: _Entry) -> bool:
    return entry.kind in ("country", "org") or (entry.kind == "group" and entry.state == "AFG")


def _person_for_role(text: str, chosen: list, i: int, consumed: set[int], lang: str | None) -> ActorMention | None:
    s, e, role = chosen[i]
    code = role.code
    n = len(chosen)
    # the state or organisation the role belongs to: just before, or just after it
    if i > 0 and _side(chosen[i - 1][2]) and _adjacent(text, chosen[i - 1][1], s):
        code = code or chosen[i - 1][2].code or chosen[i - 1][2].state
    j = i + 1
    pos = e
    if j < n and _side(chosen[j][2]) and _adjacent(text, e, chosen[j][0]):
        code = code or chosen[j][2].code or chosen[j][2].state
        pos = chosen[j][1]
        j += 1
    # a known person right after the role
    if j < n and chosen[j][2].via == "known" and _adjacent(text, pos, chosen[j][0]):
        ps, pe, pent = chosen[j]
        consumed.add(j)
        return _known(pent, ps, pe, text, role.role, code)
    if i > 0 and chosen[i - 1][2].via == "known" and _adjacent(text, chosen[i - 1][1], s):
        return None  # "プーチン大統領", "Putin, the president": the person is already reported
    stop = j
    while stop < n and chosen[stop][2].via == "known":
        stop += 1
    limit = chosen[stop][0] if stop < n else len(text)
    floor = chosen[i - 1][1] if i > 0 else 0
    span = _capture_name(text, pos, limit, s, floor)
    if span is None:
        if role.code:  # "der Bundeskanzler", "米大統領": the word itself names the state's representative
            return ActorMention("person", role.code, text[s:e], s, e, role=role.role, via="role")
        return None
    ns, ne = span
    if code is None and ne <= s and i > 0 and _side(chosen[i - 1][2]) and _adjacent(text, chosen[i - 1][1], ns):
        code = chosen[i - 1][2].code or chosen[i - 1][2].state  # "カタールのサーニー首相"
    inner = [k for k in range(j, stop) if chosen[k][0] < ne]
    if inner:  # a known person inside the captured name ("Ilham Aliyev") gives the code and the name
        consumed.update(inner)
        known = chosen[inner[-1]][2]
        return _known(known, ns, ne, text, role.role, code)
    name = text[ns:ne]
    if lang == "de" and " " not in name:
        return None  # every German noun is capitalised: one word after a role is not evidence of a name
    if not (name[0].isupper() or script_of(name[0]) == "cjk") and code is None:
        return None  # uncased scripts: a name is only trusted in "title + state + name"
    return ActorMention("person", code, name, ns, ne, role=role.role, via="role")


def _known(entry: _Entry, s: int, e: int, text: str, role: str | None, code: str | None) -> ActorMention:
    return ActorMention(entry.kind, entry.code or (code if entry.kind == "person" else None),
                        entry.canonical or text[s:e], s, e, role=role or entry.role, via="known", state=entry.state)


_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"
_TOKEN = re.compile(rf"[^\W\d_][\w{_MARKS}\-]*(?:['’][^\W\d_]{{2,}}[\w{_MARKS}\-]*)?")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "ben", "bint", "abu", "de", "da", "del", "dos", "van", "von", "der",
                        "di", "la", "le"})
_SENT_PUNCT = frozenset(".,;:!?()[]\"«»“”،؛؟।۔")
_WORDS: dict[str, frozenset[str]] = {}


def _word_lists() -> dict[str, frozenset[str]]:
    """Words that end a name ("-stop" rows of roles/*.tsv) and titles skipped before one ("-title")."""
    if not _WORDS:
        lists: dict[str, set[str]] = {"-stop": set(), "-title": set()}
        for lang in LANGS:
            for row in _read_tsv(DATA_DIR / "roles" / f"{lang}.tsv"):
                if row[0].strip() in lists:
                    lists[row[0].strip()].update(fold(w) for w in row[1].split())
        _WORDS.update({k: frozenset(v) for k, v in lists.items()})
    return _WORDS


def _capture_name(text: str, pos: int, limit: int, role_start: int, floor: int) -> tuple[int, int] | None:
    """The name a role word introduces: 1-3 capitalised tokens, or 1-3 tokens in uncased scripts."""
    k = pos
    while k < limit and text[k] == " ":
        k += 1
    if k >= limit or k - pos > 1:
        return _katakana_before(text, role_start, floor) if script_of(text[role_start]) == "cjk" else None
    ch = text[k]
    sc = script_of(ch)
    if sc == "cjk":
        return _katakana_before(text, role_start, floor)
    cased = ch.isupper() or ch.islower()
    if not cased and sc != "arabic" and not ("\u0900" <= ch <= "\u097f"):
        return None
    words = _word_lists()
    stops, titles = words["-stop"], words["-title"]
    first = last = None
    count = particles = 0
    while k < limit and count < 3:
        m = _TOKEN.match(text, k)
        if not m or m.end() > limit:
            break
        tok = m.group()
        low = fold(tok)
        if low in stops or (len(tok) > 1 and tok.isupper() and cased):
            break
        if first is None and low in titles:
            pass  # "Sheikh", "Datuk Seri", "Orgeneral": a title, not the name
        elif cased:
            if tok[0].isupper():
                count += 1
            elif first is not None and (low in _PARTICLES or low[:3] in ("al-", "el-")) and particles < 2:
                particles += 1
                count += low[:3] in ("al-", "el-") and len(tok) > 3
            else:
                break
            first = m.start() if first is None else first
            last = m.end()
        else:
            if first is None and tok.startswith("ال"):
                break  # Arabic names after a title do not start with the article: "القوات ..." is no one
            count += 1
            first = m.start() if first is None else first
            last = m.end()
        k = m.end()
        if k + 1 < limit and text[k] == " " and text[k + 1] not in _SENT_PUNCT:
            k += 1
        else:
            break
    if first is None or last is None:
        return None
    # trailing particles are not part of a name
    while True:
        head, _, tail = text[first:last].rpartition(" ")
        if head and tail.lower() in _PARTICLES:
            last = first + len(head)
        else:
            break
    return first, last


def _katakana_before(text: str, role_start: int, floor: int) -> tuple[int, int] | None:
    """A name written in katakana just before a Japanese title ("ラブロフ外相"), after `floor`."""
    k = role_start
    while k > floor and ("\u30a0" <= text[k - 1] <= "\u30ff"):
        k -= 1
    return (k, role_start) if role_start - k >= 2 else None
