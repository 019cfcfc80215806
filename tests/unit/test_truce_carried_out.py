"""A truce named as the framework of what a sentence reports ("as part of the ceasefire
agreement", "в рамках соглашения о прекращении огня", "ateşkes anlaşması kapsamında") is
being carried out: in effect, though its agreement noun alone would say agreed
(frames.mention_value). Sentences written for these tests."""

from __future__ import annotations

import pytest

from processors import tag_article


def _truce(text: str) -> dict:
    events = tag_article({"id": "t1", "text": text, "published": "2025-03-05"})["events"]
    truces = [e for e in events if e["family"] == "ceasefire"]
    assert len(truces) == 1, events
    return truces[0]


@pytest.mark.parametrize("text", [
    "Hamas freed seven hostages on Monday as part of the ceasefire agreement with Israel.",
    "Hamas membebaskan tujuh sandera pada hari Senin sebagai bagian dari kesepakatan gencatan senjata dengan Israel.",
    "ХАМАС освободил семь заложников в понедельник в рамках соглашения о прекращении огня с Израилем.",
    "Hamas, İsrail ile varılan ateşkes anlaşması kapsamında pazartesi yedi rehineyi serbest bıraktı.",
    "Hamas liberó el lunes a siete rehenes en el marco del acuerdo de alto el fuego con Israel.",
])
def test_a_truce_under_which_a_step_is_taken_is_in_effect(text):
    assert _truce(text)["status"] == "in_effect"


def test_a_truce_under_which_a_step_will_be_taken_is_agreed_only():
    text = "Hamas will free seven hostages on Monday as part of the ceasefire agreement with Israel."
    assert _truce(text)["status"] == "agreed"


def test_an_agreement_reached_with_no_step_under_it_stays_agreed():
    text = "Hamas and Israel reached a ceasefire agreement on Monday, the mediators said."
    assert _truce(text)["status"] == "agreed"
