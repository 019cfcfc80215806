"""The spans of a sentence that list the sides of something ("between A and B", "A ile B arasında")."""

from __future__ import annotations

import pytest

from processors.actors import find_actors
from processors.lexicon import find_cues
from processors.tagging import Document
from processors.tagging.frames import sides_between
from processors.textutil import fold, sentence_bounds


def _spans(text: str, lang: str) -> list[str]:
    folded = fold(text)
    doc = Document(text, folded, lang, sentence_bounds(text), find_actors(text, folded, lang), find_cues(folded))
    return [text[lo:hi] for s in doc.sents for lo, hi in sides_between(s, doc)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Talks between Pakistan and Afghanistan, mediated by Qatar, began in Doha.",
     [" Pakistan and Afghanistan"]),
    # "between" after the last side lists no side (the scan stops at that side)
    ("en", "Qatar said Pakistan and Afghanistan resumed the talks between them.", []),
    ("en", "Qatar mediates between Pakistan and Afghanistan; the talks between the delegations resume.",
     [" Pakistan and Afghanistan"]),
    # a postposition after the sides, and one glued to a longer word, which is no postposition
    ("tr", "Pakistan ile Afganistan arasında müzakereler Doha'da başladı.", ["Pakistan ile Afganistan "]),
    ("tr", "Pakistan ile Afganistan xarasında müzakereler Doha'da başladı.", []),
])
def test_sides_between(lang, text, expected):
    assert _spans(text, lang) == expected
