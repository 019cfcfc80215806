"""A demonstrative written without a space before its trigger ("该会晤", "この会談") makes the
mention refer back (frames._anaphoric tests the text before the trigger against the
language's glued forms, held as one tuple)."""

from __future__ import annotations

import pytest

from processors.actors import find_actors
from processors.lexicon import find_cues
from processors.tagging import Document, build_frames, find_mentions
from processors.tagging.frames import is_anaphoric
from processors.textutil import fold, sentence_bounds


def _anaphoric_by_sentence(text: str, lang: str) -> list[bool]:
    folded = fold(text)
    doc = Document(text, folded, lang, sentence_bounds(text), find_actors(text, folded, lang), find_cues(folded))
    frames = build_frames(find_mentions(doc), doc)
    return [is_anaphoric(f, doc) for f in frames if f.family == "diplomatic_meeting"]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("zh", "肯尼亚总统与乌干达总统周一在内罗毕举行会晤。该会晤期间，两国总统讨论了边境贸易。", [False, True]),
    ("zh", "肯尼亚总统与乌干达总统周一在内罗毕举行会晤。会晤期间，两国总统讨论了边境贸易。", [False, False]),
    # Turkish "söz konusu" (the ... in question), two words before the trigger
    ("tr", "Kenya ve Uganda devlet başkanları pazartesi Nairobi'de bir görüşme yaptı. "
           "Söz konusu görüşmede iki lider sınır ticaretini ele aldı.", [False, True]),
    ("tr", "Kenya ve Uganda devlet başkanları pazartesi Nairobi'de bir görüşme yaptı. "
           "Görüşmede iki lider sınır ticaretini ele aldı.", [False, False]),
])
def test_a_glued_demonstrative_makes_the_mention_refer_back(lang, text, expected):
    assert _anaphoric_by_sentence(text, lang) == expected
