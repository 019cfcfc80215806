"""The context words before a name are matched backwards (one match of the reversed text at the
name, not a search along it): the answer must be the one the plain forward search gives.

Each case is a slice of text ending where a name would start; the forward pattern is
`(words)\\s*$` searched in it, the backward one matched at the start of the slice reversed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from processors.datafiles import read_word_lists
from processors.matcher import script_of
from processors.tagging import document as d
from processors.textutil import fold

ROOT = Path(__file__).resolve().parents[2]


def _slices(words: list[str], reach: int) -> list[str]:
    """Slices that end with each word in the ways a text can: alone, after a space or a letter
    (glued), before spaces or a letter, cut short at the slice's start, and inside longer text."""
    out = []
    for w in words:
        for before in ("", " ", "x", "the ", "و", "中"):
            for after in ("", " ", "  ", "\n", "x", "s ", "'"):
                out.append((before + w + after)[-reach:])
        out.append(w[1:])
        out.append(("talks were held " + w + " ")[-reach:])
    return out


def _demo_slices(reach: int, n: int = 3000) -> list[str]:
    """Slices of the demo corpus ending at every 7th position (real prose, mostly no hit)."""
    out = []
    for line in (ROOT / "streams" / "demo" / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        text = fold(json.loads(line)["text"])
        out.extend(text[max(0, end - reach):end] for end in range(1, len(text), 7))
        if len(out) >= n:
            break
    return out[:n]


def _agree(forward: re.Pattern[str], backward: re.Pattern[str], slices: list[str]) -> int:
    hits = 0
    for sl in slices:
        expected = bool(forward.search(sl))
        assert bool(backward.match(sl[::-1])) == expected, (sl, expected)
        hits += expected
    return hits


def _context_words(kind: str) -> list[str]:
    rows = [cols for _, cols in d.read_rows(d._CONTEXT_WORDS) if cols[1] == kind]
    return [fold(d.Form.parse(raw).text) for cols in rows for raw in cols[2].split("|")]


@pytest.mark.parametrize(("forward", "backward", "kind"), [
    (d._VENUE_BEFORE, d._VENUE_BEFORE_BACKWARDS, "venue_before"),
    (d._VISIT_TO, d._VISIT_TO_BACKWARDS, "host_before"),
], ids=["venue", "visit"])
def test_venue_and_visit_words_read_backwards_agree_with_the_forward_search(forward, backward, kind):
    words = _context_words(kind)
    hits = _agree(forward, backward, _slices(words, d._VENUE_REACH) + _demo_slices(d._VENUE_REACH))
    assert hits > len(words)   # the cases hold hits, not only misses


def _private_forward(lang: str) -> re.Pattern[str]:
    """The private-people words before a state, as the forward search they stand for."""
    rows = read_word_lists(d._PRIVATE_WORDS)
    own = [row for row in rows if row[0] in d._kin(lang)]
    alternatives = []
    for _, forms in own or rows:
        for form in forms:
            text = fold(form.text)
            spaced = script_of(text[0]) == "other"
            alternatives.append((r"(?<!\w)" if spaced else "") + re.escape(text)
                                + (r"\w*" if form.prefix else (r"(?!\w)" if spaced else "")))
    return re.compile(rf"(?:{'|'.join(alternatives)})\s*$")


@pytest.mark.parametrize("lang", sorted({lang for lang, _ in read_word_lists(d._PRIVATE_WORDS)}) + ["xx"])
def test_private_people_words_read_backwards_agree_with_the_forward_search(lang):
    rows = read_word_lists(d._PRIVATE_WORDS)
    words = [fold(f.text) for row_lang, forms in rows if row_lang in d._kin(lang) or lang == "xx" for f in forms]
    backward, _ = d._private_regexes(lang)
    hits = _agree(_private_forward(lang), backward, _slices(words, d._PRIVATE_REACH) + _demo_slices(d._PRIVATE_REACH, 600))
    assert hits > len(words) // 2


def test_a_word_glued_to_the_one_before_is_no_venue_word():
    # "within " ends with "in ", but "in" is a word of its own only after a space
    assert d._VENUE_BEFORE_BACKWARDS.match("talks in "[::-1])
    assert not d._VENUE_BEFORE_BACKWARDS.match("talks within "[::-1])
