"""A venue word of a spaced script counts only in its own language when that language lists
its own (document._venue_before_backwards): Somali 'in' is 'that' ("wuxuu sheegay in ..."),
not the English 'in', so the state after it is a side, not a venue. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from processors import tag_article


def _truce(text: str, lang: str | None = None) -> dict:
    article = {"id": "t1", "text": text, "published": "2025-03-05", **({"lang": lang} if lang else {})}
    truces = [e for e in tag_article(article)["events"] if e["family"] == "ceasefire"]
    assert len(truces) == 1, truces
    return truces[0]


@pytest.mark.parametrize("text, sides", [
    ("Wasiirka ayaa sheegay in Ruushka uu aqbalay xabad-joojin ay la gashay Ukraine.", {"RUS", "UKR"}),
    ("Wasiirka arrimaha dibadda ayaa sheegay in Itoobiya ay ku heshiiyeen xabad-joojin ay la gashay Eritrea.",
     {"ETH", "ERI"}),
])
def test_somali_in_that_introduces_a_clause_is_no_venue_word(text, sides):
    truce = _truce(text)
    assert set(truce["countries"]) == sides
    assert truce["where"] is None


def test_an_english_venue_word_still_makes_a_venue():
    text = "The foreign ministers of Ethiopia and Eritrea met in Kenya on Monday."
    meetings = [e for e in tag_article({"id": "t1", "text": text})["events"] if e["family"] == "diplomatic_meeting"]
    assert [set(m["countries"]) for m in meetings] == [{"ETH", "ERI"}]
    assert meetings[0]["where"]["country"] == "KEN"
