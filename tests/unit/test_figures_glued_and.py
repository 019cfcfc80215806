"""A kind word with "and" glued before it (Arabic و, Hebrew ו) starts the next item of a
list: the number before it is the previous kind's, as in "killed 3 and wounded 5"
(figures._and_apart, issue 8). Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors.figures import find_figures
from processors.textutil import fold


def figures(text: str, lang: str) -> list[tuple[str, int]]:
    return [(f.kind, f.value) for f in find_figures(text, fold(text), lang)]


@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "أسفرت الغارة عن مقتل 4 وإصابة 9 في البلدة."),
    ("ar", "أسفرت الغارة عن مقتل أربعة وإصابة تسعة في البلدة."),
    ("ar", "أسفرت الغارة عن مقتل 4 والإصابة 9 بحسب المستشفى."),
    ("he", "בהפגזה נהרגו 4 ונפצעו 9 בני אדם."),
    ("he", "בהפגזה נהרגו ארבעה ונפצעו תשעה."),
], ids=["ar-digits", "ar-words", "ar-article", "he-digits", "he-words"])
def test_a_number_before_and_a_kind_word_is_the_previous_kinds(lang, text):
    assert figures(text, lang) == [("killed", 4), ("wounded", 9)]


def test_a_kind_word_whose_first_letter_is_waw_keeps_it():
    # وفاة (death) begins with the letter of "and" but is no conjunction plus a kind word
    assert figures("سجلت المستشفيات 12 وفاة و30 إصابة.", "ar") == [("killed", 12), ("wounded", 30)]


def test_the_number_after_the_glued_kind_word_is_still_its():
    assert figures("وإصابة 9 أشخاص في القصف.", "ar") == [("wounded", 9)]
