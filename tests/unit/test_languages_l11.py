"""Word forms the weakest languages' lexicons lacked (issue 8): each sentence here is our own,
and each fails without its lexicon rows."""

from __future__ import annotations

import pytest

from processors import tag_article


def _events(lang: str, text: str) -> list[dict]:
    return tag_article({"id": "t", "text": text, "lang": lang, "published": "2025-03-10"})["events"]


def _one(lang: str, text: str, family: str) -> dict:
    found = [e for e in _events(lang, text) if e["family"] == family]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, states", [
    # Ethiopia and Eritrea agreed (in order) to stop the war
    ("ኢትዮጵያ እና ኤርትራ ጦርነቱን ለማቆም ተስማሙ።", ["ERI", "ETH"]),
    # Sudan and South Sudan agreed to stop the fighting
    ("ሱዳን እና ደቡብ ሱዳን ግጭቱን ለማቆም ተስማምተዋል።", ["SDN", "SSD"]),
])
def test_amharic_stop_the_war_with_the_infinitive_of_purpose_is_a_truce(text, states):
    truce = _one("am", text, "ceasefire")
    assert truce["status"] == "agreed"
    assert truce["countries"] == states


@pytest.mark.parametrize("text, mediator", [
    # Qatar's chief mediator led the peace talks between Sudan and Chad in Doha
    ("Babban mai sulhu na Qatar ya jagoranci tattaunawar zaman lafiya tsakanin Sudan da Chadi a Doha.", "QAT"),
    # Egypt's mediators met the delegations of Israel and Hamas in Cairo for ceasefire talks
    ("Masu sulhu na Masar sun gana da wakilan Isra'ila da Hamas a birnin Alkahira domin tattaunawar "
     "tsagaita wuta.", "EGY"),
])
def test_hausa_mai_sulhu_is_a_mediator(text, mediator):
    for event in _events("ha", text):
        assert event["mediators"] == [mediator], event


def test_hausa_rattaba_wa_signs_without_hannu():
    # the leaders of Congo and Rwanda signed the peace agreement in Washington
    text = "Shugabannin Kongo da Rwanda sun rattaba wa yarjejeniyar zaman lafiya a Washington."
    talks = _one("ha", text, "peace_process")
    assert talks["stage"] == "signed"
    assert talks["countries"] == ["COD", "RWA"]


def test_pashto_round_of_direct_talks_is_a_meeting():
    # the first round of direct talks between the delegations of Pakistan and Afghanistan ended in Doha
    text = "د پاکستان او افغانستان د استازو تر منځ د مستقیمو خبرو لومړی پړاو په دوحه کې پای ته ورسېد."
    meeting = _one("ps", text, "diplomatic_meeting")
    assert meeting["status"] == "held"
    assert meeting["countries"] == ["AFG", "PAK"]
    assert meeting["where"]["name"] == "Doha"
