"""A state named in what a meeting discusses ("a meeting on Afghanistan hosted by the UN",
"Afganistan hakkında", "د افغانستان په اړه") is its subject, not its mediator, even when a
mediation or hosting word lists it (issue 8). A mediator named as a venue after the topic
word ("... to discuss Afghanistan in Doha") keeps its role. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _meeting(text: str, lang: str) -> dict:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-10-20"})["events"]
    meetings = [e for e in out if e["family"] == "diplomatic_meeting"]
    assert len(meetings) == 1, meetings
    return meetings[0]


@pytest.mark.parametrize("lang, text", [
    ("tr", "Pakistan, BM'nin ev sahipliğinde Afganistan hakkında Doha'da yapılacak toplantıya katılacak."),
    ("ps", "پاکستان به د ملګرو ملتونو په کوربه توب د افغانستان په اړه په دوحه کې غونډه کې ګډون وکړي."),
])
def test_the_state_a_meeting_discusses_does_not_mediate_it(lang, text):
    e = _meeting(text, lang)
    assert "UN" in e["mediators"] and "AFG" not in e["mediators"], e["mediators"]


def test_a_mediator_named_as_the_venue_after_the_topic_keeps_its_role():
    e = _meeting("Pakistan will attend the meeting hosted by the United Nations and Qatar to discuss "
                 "Afghanistan in Doha next week.", "en")
    assert {"UN", "QAT"} <= set(e["mediators"]), e["mediators"]
