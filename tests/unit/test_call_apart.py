"""A phone or video call and a meeting held at a place are two events (issue 8): who talk on
the phone are not at the venue, so the call does not merge into the meeting (which would
make it a call) and takes none of its place. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _meetings(text: str, lang: str) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-10-20"})["events"]
    return [e for e in out if e["family"] == "diplomatic_meeting"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Delegations of Russia and Ukraine began a new round of talks in Istanbul on Tuesday, hosted by Turkey. "
           "Erdogan later said he spoke by phone with the presidents of Russia and Ukraine."),
    ("ha", "Wakilan Rasha da Ukraine sun fara wata sabuwar tattaunawa a birnin Istanbul na kasar Turkiyya. "
           "Erdogan ya ce ya tattauna ta wayar tarho da shugaban Ukraine da kuma shugaban Rasha."),
])
def test_a_call_is_not_the_meeting_at_the_venue(lang, text):
    meetings = _meetings(text, lang)
    modes = sorted(e["mode"] for e in meetings)
    assert len(meetings) == 2 and "call" in modes and modes != ["call", "call"], modes
    call = next(e for e in meetings if e["mode"] == "call")
    assert call["where"] is None, call["where"]


def test_a_call_and_talks_without_a_place_stay_one_event():
    meetings = _meetings("Erdogan and Putin spoke by phone on Monday. In the talks, the two presidents discussed "
                         "the grain corridor.", "en")
    assert [e["mode"] for e in meetings] == ["call"]


def test_a_place_the_call_names_too_keeps_it_one_event():
    meetings = _meetings("Министры иностранных дел России и Турции обсудили по телефону положение в Сирии. По данным "
                         "ведомства, министры обсудили ситуацию в Сирии и подготовку к очередному заседанию совета "
                         "сотрудничества.", "ru")
    assert [e["mode"] for e in meetings] == ["call"], meetings
