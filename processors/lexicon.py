"""The trigger lexicons (processors/data/lexicon/{lang}.tsv), loaded once into one automaton.

See processors/data/lexicon/README.md for the file format. Two conveniences of
the loader: patterns are folded here (write them as a person spells them), and
``{a|b|c}`` expands to one pattern per alternative, for inflected phrases whose
inner word changes: ``мирн{ые|ых} переговор*``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from .datafiles import read_rows
from .languages import DATA_DIR, own_languages, script_of_letter
from .matcher import ARTICLE_ANYWHERE, ARTICLE_WORDS, Match, PatternSet
from .textutil import fold

__all__ = ["Cue", "CATEGORIES", "lexicon", "anaphors", "expand", "languages", "script", "main_script"]

CATEGORIES = frozenset(
    {"cf", "cf.status", "meet", "meet.status", "peace", "talks", "stage", "mediate",
     "conflict", "neg", "block", "link", "fut", "official", "both", "anaphor", "say", "deal", "aim", "agent", "topic",
     "under", "thanks", "content", "accept", "terms", "anniversary", "receive", "swap", "captive"}
)

# categories that only pair into a trigger (see `_exchanges`) and are not cues of their own
_PAIRED = frozenset({"swap", "captive"})
#: at most this many characters between a verb of exchange and its captives word
_SWAP_GAP = 40
#: and at most this many words ("exchanged a total of 150 prisoners"; not "exchanged fire
#: near the camp where 30 prisoners are held")
_SWAP_WORDS = 4
#: and, in a text written without spaces (Han, kana), at most this many characters
#: ("交换了150名战俘", "150人の捕虜を交換"; not views "交换了" on a list of topics that ends in "战俘")
_SWAP_GAP_SPACELESS = 8
_SPACELESS = re.compile("[\u3040-\u30ff\u3400-\u9fff]")
# what ends a clause between the two (a comma only before a space: "1,000 prisoners")
_CLAUSE_BREAK = re.compile(r"[.;:!?](?=\s)|,\s|[\u3002\uff0c\uff1b\uff01\uff1f\u0589\u060c\u061b\u061f\u0964\n()]")

# categories looked up beside a trigger (see `anaphors`) rather than in the automaton
_BESIDE_TRIGGERS = frozenset({"anaphor"})
# where a demonstrative stands to its trigger (see `anaphors` and lexicon/README.md)
_ANAPHOR_POSITIONS = frozenset({"pre", "post", "article"})

_BRACES = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class Cue:
    """What a lexicon pattern says when it matches."""

    cat: str
    value: str | None
    lang: str
    pattern: str
    langs: frozenset[str] = frozenset()   # every language whose lexicon lists this pattern


def expand(pattern: str) -> list[str]:
    """Expand ``{a|b}`` alternations: ``"x{a|b}y"`` -> ``["xay", "xby"]``."""
    parts = _BRACES.split(pattern)
    # odd indices are the alternation bodies
    choices = [p.split("|") if i % 2 else [p] for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*choices)]


def languages() -> list[str]:
    """Registered languages with a lexicon file of their own (processors/languages.py)."""
    return sorted(own_languages("lexicon"))


def _rows():
    for lang in languages():
        for lineno, cols in read_rows(DATA_DIR / "lexicon" / f"{lang}.tsv"):
            if len(cols) != 3 or cols[0] not in CATEGORIES:
                line = "\t".join(cols)
                raise ValueError(f"lexicon/{lang}.tsv:{lineno}: expected 'category<TAB>value<TAB>pattern', got {line!r}")
            cat, value, pattern = cols
            if cat == "anaphor" and value not in _ANAPHOR_POSITIONS:
                raise ValueError(f"lexicon/{lang}.tsv:{lineno}: an anaphor's value is its position, one of "
                                 f"{', '.join(sorted(_ANAPHOR_POSITIONS))}; got {value!r}")
            if pattern.strip().startswith("="):
                raise ValueError(f"lexicon/{lang}.tsv:{lineno}: lexicon patterns match folded text; a case-sensitive "
                                 f"'=' form is not supported here (see processors/datafiles.py), got {pattern!r}")
            for variant in expand(pattern.strip()):
                yield Cue(cat, None if value == "-" else value, lang, variant), fold(variant)


def script(word: str) -> str:
    """The registry script of a word's first letter that has one ("latin", "cyrillic", "han"...)."""
    return next((sc for ch in word if (sc := script_of_letter(ch)) is not None), "?")


def main_script(lang: str) -> str:
    """The script most of `lang`'s lexicon patterns are written in ("?" without a lexicon)."""
    return _main_scripts().get(lang, "?")


@lru_cache(maxsize=1)
def _main_scripts() -> dict[str, str]:
    counts: dict[str, Counter] = {}
    for cue, _ in _rows():
        counts.setdefault(cue.lang, Counter())[script(cue.pattern)] += 1
    return {lang: c.most_common(1)[0][0] for lang, c in counts.items()}


@lru_cache(maxsize=1)
def lexicon() -> PatternSet[Cue]:
    """Every lexicon of every language in one automaton (built on first use).

    A pattern that several languages share ("visit*" in en, es and pt) is kept once
    per category and value, with the set of those languages in `Cue.langs`.
    """
    first: dict[tuple[str, str | None, str], Cue] = {}
    langs: dict[tuple[str, str | None, str], set[str]] = {}
    for cue, folded in _rows():
        if cue.cat in _BESIDE_TRIGGERS:
            continue
        key = (cue.cat, cue.value, folded)
        first.setdefault(key, cue)
        langs.setdefault(key, set()).add(cue.lang)
    entries = [(key[2], replace(cue, langs=frozenset(langs[key]))) for key, cue in first.items()]
    return PatternSet(entries, shared=ARTICLE_WORDS, shared_anywhere=ARTICLE_ANYWHERE)   # one pass with the actors' words


@lru_cache(maxsize=1)
def anaphors() -> dict[str, dict[str, frozenset[str]]]:
    """The demonstratives of each language by position: ``{lang: {"pre": {...},
    "post": {...}, "article": {...}}}`` (folded). They are looked up only next to a
    trigger, never scanned for: "the" or "la" would match everywhere."""
    out: dict[str, dict[str, set[str]]] = {}
    for cue, folded in _rows():
        if cue.cat == "anaphor":
            out.setdefault(cue.lang, {}).setdefault(cue.value or "pre", set()).add(folded)
    return {lang: {k: frozenset(v) for k, v in d.items()} for lang, d in out.items()}


def find_cues(folded: str) -> list[Match[Cue]]:
    found = lexicon().find(folded)
    if not any(m.payload.cat in _PAIRED for m in found):
        return found
    return _exchanges(found, folded)


def _exchanges(found: list[Match[Cue]], folded: str) -> list[Match[Cue]]:
    """A verb of exchange (`swap`: "exchanged", "обменялись", "intercambiaron") and a captives
    word (`captive`: prisoners, hostages, detainees) of one language in one clause, at most
    `_SWAP_GAP` characters and `_SWAP_WORDS` words apart in either order ("exchanged 150 prisoners of war each",
    "100 Gefangene ausgetauscht"), are a prisoner exchange: a `peace` `implemented` trigger
    spanning both, as the nouns ("prisoner exchange") are. Both sides give, so it is a step
    between them, unlike a release. Neither word is a cue on its own; a pair that overlaps a
    trigger of the lexicon ("exchange of prisoners") adds nothing."""
    swaps = [m for m in found if m.payload.cat == "swap"]
    captives = [m for m in found if m.payload.cat == "captive"]
    out = [m for m in found if m.payload.cat not in _PAIRED]
    if not swaps or not captives:
        return out
    # (windows found by bisection, not every pair: a text of a thousand "prisoners" and a
    # thousand "exchanged" costs a thousand short looks, not a million)
    after = sorted(captives, key=lambda m: m.start)
    after_starts = [m.start for m in after]
    before = sorted(captives, key=lambda m: m.end)
    before_ends = [m.end for m in before]
    peace = sorted((m for m in out if m.payload.cat == "peace"), key=lambda m: m.start)
    peace_starts = [m.start for m in peace]
    peace_reach = list(itertools.accumulate((m.end for m in peace), max))   # the farthest end so far
    used_end = -1
    for v in sorted(swaps, key=lambda m: m.start):
        best = None
        # (at equal distance the captives before win: "prisoners exchanged prisoners")
        near = [*before[bisect_left(before_ends, v.start - _SWAP_GAP):bisect_right(before_ends, v.start)],
                *after[bisect_left(after_starts, v.end):bisect_right(after_starts, v.end + _SWAP_GAP)]]
        for c in near:
            gap = (v.end, c.start) if c.start >= v.end else (c.end, v.start)
            between = folded[gap[0]:gap[1]]
            if (len(between) > _SWAP_GAP or len(between.split()) > _SWAP_WORDS or _CLAUSE_BREAK.search(between)
                    or (len(between) > _SWAP_GAP_SPACELESS and _SPACELESS.search(between))):
                continue
            langs = v.payload.langs & c.payload.langs
            if not langs:
                continue
            if best is None or gap[1] - gap[0] < best[0]:
                best = (gap[1] - gap[0], c, langs)
        if best is None:
            continue
        _, c, langs = best
        start, end = min(v.start, c.start), max(v.end, c.end)
        k = bisect_left(peace_starts, end)   # the lexicon's triggers that start before the pair ends
        if start < used_end or (k and peace_reach[k - 1] > start):
            continue
        lang = v.payload.lang if v.payload.lang in langs else sorted(langs)[0]
        out.append(Match(start, end, Cue("peace", "implemented", lang, v.payload.pattern, frozenset(langs))))
        used_end = end
    out.sort(key=lambda m: m.end)   # (as `PatternSet.find` orders them)
    return out
