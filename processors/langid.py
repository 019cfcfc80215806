"""Offline language identification: `detect(text, hint=None) -> (code, confidence)`.

>>> detect("Les ministres se sont réunis hier à Paris pour relancer les négociations.")[0]
'fr'

How it decides (measured in bench/langid_candidates.py):

1. A bounded sample: the first SAMPLE_CHARS characters, cut at a space.
2. CLD2 (pycld2, its tables compiled into the extension: nothing is ever
   downloaded) on the sample: ~100 µs for 1,500 characters, 83 languages.
   Its answer stands when it says it is reliable and the sample is long enough.
3. On a short or unsure sample, a script that only one registered language is
   written in (processors/data/languages.tsv: Hangul, Thai, Armenian, Ethiopic,
   Myanmar...) names it when SCRIPT_SHARE of the letters are in it.
   Otherwise an unreliable CLD2 answer, or on a short sample (< SHORT_CHARS) an
   answer outside LINGUA_LANGUAGES ("oc" for a Spanish headline), goes to Lingua
   (lingua-language-detector, n-gram models inside the wheel) restricted to
   LINGUA_LANGUAGES (the registry's `langid` column), in low-accuracy mode (~20 MB,
   0.1 s, loaded on first use, not at import); CLD2's short answer stands for the
   registered languages Lingua lacks (Hausa, Pashto...). On dev headlines (60 chars)
   this takes CLD2 from 98 to 104 of 109 right, and on dev_languages.jsonl headlines
   to 72 of 72 (CLD2 alone: 66); on whole articles all are right.
4. Script checks correct the pairs models confuse: kana -> ja, Hangul -> ko;
   Pashto-only letters (ټ ډ ړ ږ ښ ګ ڼ ۍ ې ځ څ) -> ps, Urdu-only letters (ٹ ڈ ڑ ں ے ہ ھ) -> ur,
   Persian letters (پ چ ژ گ, ی ک) -> fa,
   else ar; Ukrainian letters (і ї є ґ) vs Russian ones (ы э ъ ё); Azerbaijani ə (q, x) vs Turkish.
   Indonesian vs Malay: a word list (processors/data/langid/id_ms.yaml); a
   tie goes to the hint, else to CLD2's answer.
5. Under MIN_CONFIDENCE the answer is `hint` (the article's own `lang`) when
   one is given, else "und". Text with fewer than MIN_LETTERS letters is "und";
   a short text's confidence shrinks with its length (FULL_TRUST_LETTERS).

Codes are ISO 639-1 ("zh" for any Chinese script), or CLD2's ISO 639-3 code
for the few languages without one. Confidence is in [0, 1]: Lingua's
probability, or for CLD2 the share of the sample in that language; it is a
ranking aid, not a calibrated probability.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .languages import registry, script_languages, script_of_letter

__all__ = [
    "detect",
    "normalize_code",
    "SAMPLE_CHARS",
    "SHORT_CHARS",
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "FULL_TRUST_LETTERS",
    "LINGUA_LANGUAGES",
    "UNDETERMINED",
]

UNDETERMINED = "und"
#: characters of the text the detectors see (the start of an article says enough)
SAMPLE_CHARS = 800
#: a sample shorter than this is "short": CLD2 is trusted only within LINGUA_LANGUAGES
SHORT_CHARS = 200
#: characters given to Lingua when CLD2 is unsure of a long sample (bounds its cost)
LINGUA_MAX_CHARS = 400
#: below this the answer is the hint, or "und"
MIN_CONFIDENCE = 0.5
#: fewer letters than this is not language ("1234 ---")
MIN_LETTERS = 3
#: a short text's confidence is scaled by letters / FULL_TRUST_LETTERS (a CJK
#: character counts as 3 letters): "Jakarta 2024" is not evidence of Indonesian
FULL_TRUST_LETTERS = 24

#: the languages Lingua chooses among: the registry's rows with langid "lingua"
LINGUA_LANGUAGES: tuple[str, ...] = tuple(c for c, lg in registry().items() if lg.langid == "lingua")
#: registered languages Lingua does not know (Amharic, Hausa, Burmese, Pashto): on a short
#: sample CLD2's reliable answer stands for them, Lingua could only name a wrong neighbour
_CLD2_ONLY: frozenset[str] = frozenset(c for c, lg in registry().items() if lg.langid == "cld2" and lg.tier == "tagged")
#: a script that one registered language alone is written in names it (Hangul, Thai, Armenian...)
#: (Han and kana are left to _refine, which weighs them against each other: zh or ja)
_SCRIPT_LANGUAGE: dict[str, str] = {s: c for s, c in script_languages().items() if s not in ("han", "japanese")}
#: share of a sample's letters in such a script that makes the text that language
SCRIPT_SHARE = 0.6

# CLD2 codes that are not (current) ISO 639-1
_CODE_FIXES = {"iw": "he", "jw": "jv", "in": "id", "mo": "ro", "zh-hant": "zh", "zh-hans": "zh"}

# letters, and the vowel signs of Indic and South-East Asian scripts (combining marks that are
# half of what is written there: "အစည်းအဝေး" has 4 letters and 5 signs)
_LETTER = re.compile("[^\\W\\d_]|[\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_URDU_ONLY = re.compile(r"[ٹڈڑںےۓھہ]")
_PASHTO_ONLY = re.compile(r"[ټډړږښګڼۍېځڅ]")
_PERSIAN_LETTERS = re.compile(r"[پچژگ]")
_PERSIAN_FORMS = re.compile(r"[یک]")          # U+06CC, U+06A9
_ARABIC_FORMS = re.compile(r"[يكة]")          # U+064A, U+0643, U+0629
_AZ_SCHWA = re.compile("[əƏ]")
_AZ_QX = re.compile("[qxQX]")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RU_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
_WORD = re.compile(r"\w+")
# runs of the scripts counted over a whole sample: summing run lengths makes one string per
# word, where findall of the one-character class made one per letter (5x slower on 800 letters)
_RUNS: dict[re.Pattern[str], re.Pattern[str]] = {rx: re.compile(rx.pattern + "+")
                                                 for rx in (_KANA, _HAN, _HANGUL, _ARABIC_SCRIPT)}

_ID_MS_FILE = Path(__file__).parent / "data" / "langid" / "id_ms.yaml"

_lock = threading.Lock()
_lingua: Any = None
_id_ms: tuple[frozenset[str], frozenset[str]] | None = None


def detect(text: str, hint: str | None = None) -> tuple[str, float]:
    """The language of `text` as (ISO 639-1 code, confidence), "und" when unsure.

    `hint` (e.g. the article's `lang` field, "id", "pt-BR") is returned instead
    of "und" when the detectors are unsure, and breaks an id/ms tie.
    """
    sample = _sample(text)
    code, conf = _detect_sample(sample, hint)
    if code == UNDETERMINED and conf < 0:          # not language at all
        return UNDETERMINED, 0.0
    if conf < MIN_CONFIDENCE or code == UNDETERMINED:
        fallback = normalize_code(hint)
        return (fallback or UNDETERMINED), round(conf, 4)
    return code, round(conf, 4)


def normalize_code(code: str | None) -> str | None:
    """"pt-BR" -> "pt", "EN" -> "en", "zh-Hant" -> "zh"; None for anything else."""
    if not code or not isinstance(code, str):
        return None
    low = code.strip().lower()
    low = _CODE_FIXES.get(low, low)
    base = re.split(r"[-_]", low, maxsplit=1)[0]
    base = _CODE_FIXES.get(base, base)
    if len(base) == 2 and base.isascii() and base.isalpha():
        return base
    return None


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", SAMPLE_CHARS - 100, SAMPLE_CHARS)
    return text[: cut if cut > 0 else SAMPLE_CHARS]


def _detect_sample(sample: str, hint: str | None) -> tuple[str, float]:
    """(code, confidence); confidence -1 means "no letters: not language"."""
    code, conf, reliable = _cld2(sample)
    cld2_code = code
    short = len(sample) < SHORT_CHARS
    if short or not reliable:
        letters = len(_LETTER.findall(sample)) + 2 * len(_CJK.findall(sample))
        if letters < MIN_LETTERS:
            return UNDETERMINED, -1.0
    if short or not reliable:
        by_script = _by_script(sample)
        if by_script is not None:
            conf = max(conf, by_script[1]) if code == by_script[0] else by_script[1]
            code, reliable = by_script[0], True
    if not reliable or (short and code not in LINGUA_LANGUAGES and code not in _CLD2_ONLY):
        ranked = _lingua_ranked(sample[:LINGUA_MAX_CHARS])
        if ranked:
            code, conf = ranked[0]
            if code in ("id", "ms"):
                conf = sum(p for c, p in ranked if c in ("id", "ms"))
    if code == UNDETERMINED:
        return code, conf
    if short:
        # both detectors are over-sure of a word or two ("qqq" -> en, 0.8)
        conf *= min(1.0, letters / FULL_TRUST_LETTERS)
    return _refine(code, sample, hint, cld2_code), conf


def _by_script(sample: str) -> tuple[str, float] | None:
    """(language, share) when most letters of `sample` are in a script only one language uses."""
    if sample.isascii():
        return None
    counts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        script = script_of_letter(ch)
        if script in _SCRIPT_LANGUAGE:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1])
    share = n / letters
    return (_SCRIPT_LANGUAGE[script], min(1.0, share)) if share >= SCRIPT_SHARE else None


def _cld2(sample: str) -> tuple[str, float, bool]:
    import pycld2

    try:
        reliable, _, details = pycld2.detect(sample, bestEffort=True)
    except (pycld2.error, UnicodeError):
        cleaned = "".join(ch for ch in sample if ch.isprintable() or ch in "\n\t")
        try:
            reliable, _, details = pycld2.detect(cleaned.encode("utf-8", "replace"), bestEffort=True)
        except pycld2.error:
            return UNDETERMINED, 0.0, False
    name, raw, percent, _ = details[0]
    if raw == "un":
        return UNDETERMINED, 0.0, False
    code = _CODE_FIXES.get(raw.lower(), raw.lower())
    if code in ("id", "ms"):
        percent = sum(d[2] for d in details if d[1] in ("id", "ms"))
    return code, percent / 100.0, bool(reliable)


def _lingua_ranked(sample: str) -> list[tuple[str, float]]:
    detector = _lingua_detector()
    return [
        (cv.language.iso_code_639_1.name.lower(), cv.value)
        for cv in detector.compute_language_confidence_values(sample)[:3]
    ]


def _lingua_detector() -> Any:
    global _lingua
    if _lingua is None:
        with _lock:
            if _lingua is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
                         for c in LINGUA_LANGUAGES]
                _lingua = LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()
    return _lingua


def _refine(code: str, sample: str, hint: str | None, cld2_code: str) -> str:
    """Correct the pairs detectors confuse with script and word evidence."""
    if code in ("zh", "ja", "ko"):
        kana, han, hangul = (_count(p, sample) for p in (_KANA, _HAN, _HANGUL))
        if hangul > kana + han:
            return "ko"
        if kana >= 3 and kana >= 0.05 * (kana + han):
            return "ja"
        return "zh" if han else code
    if code in ("ar", "fa", "ur", "ps"):
        return _arabic_script(code, sample, cld2_code)
    if code in ("ru", "uk"):
        uk, ru = len(_UK_LETTERS.findall(sample)), len(_RU_LETTERS.findall(sample))
        if uk > 2 * ru:
            return "uk"
        if ru > 2 * uk:
            return "ru"
        return code
    if code in ("id", "ms"):
        return _indonesian_or_malay(code, sample, hint, cld2_code)
    if code in ("tr", "az"):
        # Azerbaijani writes ə (its commonest vowel), q and x; Turkish none of them in its own words
        schwa = len(_AZ_SCHWA.findall(sample))
        if code == "az":
            return "az" if schwa or len(_AZ_QX.findall(sample)) >= 2 else "tr"
        return "az" if schwa >= 2 else "tr"
    return code


def _count(char_class: re.Pattern[str], sample: str) -> int:
    """len(char_class.findall(sample)) for a class of `_RUNS`, counted by runs."""
    return sum(map(len, _RUNS[char_class].findall(sample)))


def _arabic_script(code: str, sample: str, cld2_code: str) -> str:
    """ar / fa / ur / ps by letters only some of them use; the model's answer unless they disagree clearly."""
    letters = _count(_ARABIC_SCRIPT, sample)
    pashto = len(_PASHTO_ONLY.findall(sample))
    if pashto >= max(2, 0.01 * letters) or (code == "ps" and pashto):
        return "ps"
    if code == "ps":
        code = "fa"  # CLD2 names Pashto for short Persian; Pashto text uses letters of its own
    urdu = len(_URDU_ONLY.findall(sample))
    if urdu >= max(2, 0.01 * letters):
        return "ur"
    if code == "ur" and (urdu or cld2_code == "ur"):
        return "ur"
    persian = len(_PERSIAN_LETTERS.findall(sample))
    perso_forms = len(_PERSIAN_FORMS.findall(sample))
    arabic_forms = len(_ARABIC_FORMS.findall(sample))
    if persian >= max(2, 0.01 * letters) and perso_forms + persian > arabic_forms:
        return "fa"
    if arabic_forms > perso_forms and persian <= 0.005 * letters:
        return "ar"
    return "fa" if code == "ur" else code


def _indonesian_or_malay(code: str, sample: str, hint: str | None, cld2_code: str) -> str:
    ms_words, id_words = _id_ms_words()
    words = _WORD.findall(sample.lower())
    ms = sum(map(ms_words.__contains__, words))
    id_ = sum(map(id_words.__contains__, words))   # (id_words holds no word of ms_words)
    if ms > id_:
        return "ms"
    if id_ > ms:
        return "id"
    for tie_breaker in (normalize_code(hint), cld2_code):
        if tie_breaker in ("id", "ms"):
            return tie_breaker
    return code


def _id_ms_words() -> tuple[frozenset[str], frozenset[str]]:
    global _id_ms
    if _id_ms is None:
        import yaml

        data = yaml.safe_load(_ID_MS_FILE.read_text("utf-8"))
        ms = frozenset(_words(data["ms"]))
        _id_ms = (ms, frozenset(_words(data["id"])) - ms)   # a word of both counts for ms
    return _id_ms


def _words(items: Sequence[str]) -> list[str]:
    return [str(w).strip().lower() for w in items if str(w).strip()]
