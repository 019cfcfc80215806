"""The language registry: what Parley knows of each language, read from ``data/languages.tsv``.

One row per language says its script, how its words are separated, its stemmer (alert
matching), its Elasticsearch analyzer, how it is identified, and, for each piece of tagger
data (lexicon, anaphors, dates, figures, countries, roles, concepts), whether the language
has its own file or which fallback it uses until it has one. Every module that used to keep
its own list of languages (actors, dates, figures, lexicon, langid, tokens, the index
template, the gazetteer builders) asks this module instead.

A data file is found by its path: when ``data/dates/th.tsv`` appears, Thai dates use it, with
no code or registry change (the registry's ``en`` for Thai dates is the fallback until then).

>>> language("ms").kin, resolve("dates", "ms"), resolve("dates", "th") in ("th", "en")
(('id',), 'ms', True)
>>> resolve("countries", "xx") is None   # an unregistered language: every language's patterns
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final

from .datafiles import read_rows

__all__ = [
    "Language", "RegistryError", "PIECES", "DATA_DIR", "REGISTRY_FILE", "registry", "language", "codes", "has_own",
    "resolve", "own_languages", "is_spaceless", "segmentation", "data_files", "script_of_letter", "script_languages",
    "SCRIPT_RANGES", "unspaced_script_class", "is_spaceless_char",
]

DATA_DIR: Final = Path(__file__).parent / "data"
REGISTRY_FILE: Final = DATA_DIR / "languages.tsv"

#: the pieces of tagger data a language may have, in the registry's column order
PIECES: Final = ("lexicon", "anaphors", "dates", "figures", "countries", "roles", "concepts")
#: what a language the registry does not list falls back to
_DEFAULT_FALLBACK: Final = {"lexicon": "-", "anaphors": "-", "dates": "en", "figures": "en", "countries": "*",
                            "roles": "*", "concepts": "-"}
SEGMENTATIONS: Final = ("spaces", "cjk", "thai", "burmese")
TIERS: Final = ("tagged", "indexed")
_COLUMNS: Final = ("code", "name", "tier", "script", "segmentation", "stemmer", "analyzer", "langid", "kin", *PIECES)


@dataclass(frozen=True, slots=True)
class Language:
    """One row of the registry. ``sources[piece]`` is ``own``, a language code, ``*`` or ``-``."""

    code: str
    name: str
    tier: str
    script: str
    segmentation: str
    stemmer: str | None          # "snowball:armenian", "simplemma:he", "light10" or None
    analyzer: str | None         # Elasticsearch analyzer of text.<code>; None: text.other
    langid: str                  # "lingua" or "cld2"
    kin: tuple[str, ...]
    sources: dict[str, str] = field(default_factory=dict)


class RegistryError(ValueError):
    """languages.tsv is malformed (the message names the line)."""


@lru_cache(maxsize=1)
def registry() -> dict[str, Language]:
    """{code: Language} for every row of data/languages.tsv, in file order."""
    out: dict[str, Language] = {}
    rows = read_rows(REGISTRY_FILE)
    header, body = rows[0], rows[1:]
    if tuple(header.cols) != _COLUMNS:
        raise RegistryError(f"{REGISTRY_FILE.name}:{header.lineno}: expected the columns {_COLUMNS}")
    for row in body:
        cols = row.cols
        if len(cols) != len(_COLUMNS):
            raise RegistryError(f"{REGISTRY_FILE.name}:{row.lineno}: {len(cols)} columns, expected {len(_COLUMNS)}")
        rec = dict(zip(_COLUMNS, (c.strip() for c in cols)))
        code = rec["code"]
        if code in out:
            raise RegistryError(f"{REGISTRY_FILE.name}:{row.lineno}: {code} is listed twice")
        if rec["segmentation"] not in SEGMENTATIONS or rec["tier"] not in TIERS:
            raise RegistryError(f"{REGISTRY_FILE.name}:{row.lineno}: unknown tier or segmentation")
        out[code] = Language(
            code=code, name=rec["name"], tier=rec["tier"], script=rec["script"], segmentation=rec["segmentation"],
            stemmer=_opt(rec["stemmer"]), analyzer=_opt(rec["analyzer"]), langid=rec["langid"],
            kin=tuple(k.strip() for k in rec["kin"].split(",") if k.strip() not in ("", "-")),
            sources={p: rec[p] for p in PIECES},
        )
    return out


def _opt(value: str) -> str | None:
    return None if value in ("", "-") else value


def language(code: str | None) -> Language | None:
    """The registry row of `code`, or None."""
    return registry().get(code) if code else None


def codes(tier: str | None = None) -> tuple[str, ...]:
    """Registered language codes (of one tier if given), in registry order."""
    return tuple(c for c, lg in registry().items() if tier is None or lg.tier == tier)


def data_files(piece: str, code: str) -> list[Path]:
    """The files that hold `piece` for `code`, whether or not they exist."""
    if piece in ("lexicon", "anaphors"):
        return [DATA_DIR / "lexicon" / f"{code}.tsv"]
    if piece in ("dates", "figures"):
        return [DATA_DIR / piece / f"{code}.tsv"]
    if piece == "countries":
        return [DATA_DIR / "actors" / "countries" / "generated" / f"{code}.tsv",
                DATA_DIR / "actors" / "countries" / f"{code}.tsv"]
    if piece == "roles":
        return [DATA_DIR / "actors" / "roles" / f"{code}.tsv"]
    if piece == "concepts":
        return sorted((DATA_DIR / "concepts").glob("*.tsv"))
    raise KeyError(piece)


@lru_cache(maxsize=None)
def has_own(piece: str, code: str) -> bool:
    """Does `code` have its own data for `piece` (a file, or rows in a shared file)?"""
    if piece == "anaphors":
        path = data_files("lexicon", code)[0]
        return path.exists() and any(r.cols[0] == "anaphor" for r in read_rows(path))
    if piece == "concepts":
        return any(r.cols[0].strip() == code for p in data_files("concepts", code) for r in read_rows(p))
    return any(p.exists() for p in data_files(piece, code))


@lru_cache(maxsize=None)
def resolve(piece: str, code: str | None) -> str | None:
    """The language whose `piece` data a text in `code` uses: `code` itself when it has its own,
    else the registry's fallback; None for "every language" (``*``) or "none" (``-``)."""
    if code and has_own(piece, code):
        return code
    lg = language(code)
    fallback = lg.sources[piece] if lg else _DEFAULT_FALLBACK[piece]
    if fallback in ("own", "*", "-"):
        # "own" without the file is what tests/unit/test_languages.py reports; at run time it
        # degrades to the default rather than failing a whole stream
        fallback = _DEFAULT_FALLBACK[piece] if fallback == "own" else fallback
    return None if fallback in ("*", "-") else fallback


def own_languages(piece: str) -> tuple[str, ...]:
    """Registered languages that have their own `piece` data, in registry order."""
    return tuple(c for c in registry() if has_own(piece, c))


def segmentation(code: str | None) -> str:
    lg = language(code)
    return lg.segmentation if lg else "spaces"


def is_spaceless(code: str | None) -> bool:
    """Is `code` written without spaces between words (Chinese, Japanese, Thai, Burmese)?"""
    return segmentation(code) != "spaces"


#: Unicode blocks of the scripts the registry names (its `script` column)
SCRIPT_RANGES: Final[dict[str, tuple[tuple[int, int], ...]]] = {
    "latin": ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x1E00, 0x1EFF)),
    "greek": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "cyrillic": ((0x0400, 0x052F),),
    "armenian": ((0x0530, 0x058F), (0xFB13, 0xFB17)),
    "hebrew": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "devanagari": ((0x0900, 0x097F),),
    "bengali": ((0x0980, 0x09FF),),
    "tamil": ((0x0B80, 0x0BFF),),
    "thai": ((0x0E00, 0x0E7F),),
    "myanmar": ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)),
    "georgian": ((0x10A0, 0x10FF), (0x2D00, 0x2D2F)),
    "hangul": ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)),
    "ethiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    "japanese": ((0x3040, 0x30FF), (0x31F0, 0x31FF)),        # kana; Han is "han"
    "han": ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
}
_STARTS: Final = sorted((a, b, name) for name, ranges in SCRIPT_RANGES.items() for a, b in ranges)
_STARTS_KEYS: Final = [a for a, _, _ in _STARTS]


def script_of_letter(ch: str) -> str | None:
    """The registry script `ch` belongs to, or None (digits, punctuation, other scripts)."""
    from bisect import bisect_right

    o = ord(ch)
    i = bisect_right(_STARTS_KEYS, o) - 1
    if i >= 0 and o <= _STARTS[i][1]:
        return _STARTS[i][2]
    return None


@lru_cache(maxsize=1)
def script_languages() -> dict[str, str]:
    """{script: language} for each script that exactly one registered language is written in."""
    users: dict[str, set[str]] = {}
    for code, lg in registry().items():
        users.setdefault(lg.script, set()).add(code)
    return {script: next(iter(langs)) for script, langs in users.items() if len(langs) == 1 and script in SCRIPT_RANGES}


def unspaced_script_class(exclude: tuple[str, ...] = ("cjk",)) -> str:
    """A regex character class body of the scripts written without spaces between words (the
    registry's segmentation other than `spaces`), for the segmentations not in `exclude`:
    ``"\\u0e00-\\u0e7f..."`` for Thai and Burmese; "" if there are none."""
    scripts = {lg.script for lg in registry().values() if lg.segmentation not in ("spaces", *exclude)}
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for s in sorted(scripts) for a, b in SCRIPT_RANGES.get(s, ()))


@lru_cache(maxsize=1)
def _spaceless_scripts() -> frozenset[str]:
    return frozenset(lg.script for lg in registry().values() if lg.segmentation != "spaces") | {"han"}


def is_spaceless_char(ch: str) -> bool:
    """Is `ch` a letter of a script written without spaces between words (Han, kana, Thai...)?"""
    return script_of_letter(ch) in _spaceless_scripts()
