"""A truce its own sentence says was agreed at a meeting that took place was negotiated there:
a peace-process frame at `agreed` (taxonomy: "a ceasefire that the text says was negotiated"),
though the sentence names no two sides for a meeting of their own (issue 8). A meeting still
to come negotiated nothing yet, and a truce agreed with no meeting or talks named is no
peace-process event. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _stages(text: str, lang: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2020-07-20"})["events"]
    return [e["stage"] for e in out if e["family"] == "peace_process"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Fighting went on in the east overnight. At a meeting in Minsk on Friday, the commanders agreed "
           "on a new truce in the war-torn region."),
    ("uk", "Бойовики знову обстріляли позиції на Донбасі. На засіданні в Мінську 10 липня домовилися про "
           "нове перемир’я на Донбасі."),
    ("ru", "Боевики снова обстреляли позиции в Донбассе. На встрече в Минске 10 июля договорились о новом "
           "перемирии в Донбассе."),
    ("fr", "Les combats ont repris dans l'est. Lors d'une réunion à Minsk vendredi, les commandants sont "
           "convenus d'un nouveau cessez-le-feu dans la région en guerre."),
    ("es", "Los combates continuaron en el este. En una reunión en Minsk el viernes, los comandantes "
           "acordaron un nuevo alto el fuego en la región en guerra."),
    ("id", "Pertempuran berlanjut di wilayah timur. Dalam pertemuan di Minsk pada Jumat, para komandan "
           "menyepakati gencatan senjata baru di wilayah yang dilanda perang."),
])
def test_a_truce_agreed_at_a_meeting_was_negotiated(lang, text):
    assert _stages(text, lang) == ["agreed"]


@pytest.mark.parametrize("lang, text", [
    # the meeting is still to come
    ("en", "Fighting went on in the east overnight. The commanders will meet in Minsk on Friday and agree "
           "on a new truce in the war-torn region."),
    # no meeting named: a truce agreed, no negotiation told
    ("en", "Fighting went on in the east overnight. On Friday the commanders agreed on a new truce in the "
           "war-torn region."),
])
def test_no_meeting_held_no_negotiated_truce(lang, text):
    assert _stages(text, lang) == []
