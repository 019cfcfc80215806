"""An Arabic noun of people in the dual counts two by itself ("إصابة شخصين", two people
wounded), as a number word does: only right beside its kind word (data/figures/ar.tsv,
issue 8). Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors.figures import find_figures
from processors.textutil import fold


def figures(text: str) -> list[tuple[str, int]]:
    return [(f.kind, f.value) for f in find_figures(text, fold(text), "ar")]


@pytest.mark.parametrize(("text", "expected"), [
    ("استهدفت مسيرة دراجة نارية قرب الحدود، ما أدى إلى إصابة شخصين.", [("wounded", 2)]),
    ("أسفرت الغارة عن مقتل طفلين وإصابة امرأتين في المخيم.", [("killed", 2), ("wounded", 2)]),
    ("قالت الوزارة إن القصف أدى إلى مقتل شابين من البلدة.", [("killed", 2)]),
], ids=["persons-wounded", "children-killed-women-wounded", "young-men-killed"])
def test_a_dual_noun_beside_a_kind_word_counts_two(text, expected):
    assert figures(text) == expected


def test_a_dual_noun_without_a_kind_word_beside_it_counts_nothing():
    assert figures("التقى الرجلان في القاهرة يوم الأحد.") == []
