"""Who agrees to a truce's terms is named after a word of saying when a side is named there:
"the US president said Israel has agreed to the terms" is Israel's yes alone (the truce is
`proposed`); the speaker is no second side (issue 8). "Israel and Hamas said they agreed"
names no side after the word, so both still agree; "Egypt said Israel and Hamas agreed" names
two. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _statuses(text: str, lang: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-07-02"})["events"]
    return sorted(e["status"] for e in out if e["family"] == "ceasefire")


@pytest.mark.parametrize("lang, text", [
    ("en", "The US envoy said Israel has agreed to the terms of a 60-day truce in Gaza."),
    ("ru", "Президент США заявил во вторник, что Израиль согласовал условия перемирия в секторе Газа."),
    ("id", "Utusan AS mengatakan Israel telah menyetujui syarat gencatan senjata 60 hari di Gaza."),
])
def test_the_speaker_is_no_side_of_the_yes(lang, text):
    assert _statuses(text, lang) == ["proposed"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Israel and Hamas said they have agreed to the terms of a 60-day truce in Gaza."),
    ("en", "Egypt said Israel and Hamas have agreed to the terms of a 60-day truce in Gaza."),
    ("ru", "Египет заявил, что Израиль и ХАМАС согласовали условия перемирия в секторе Газа."),
])
def test_two_sides_after_or_before_the_word_of_saying_agree(lang, text):
    assert _statuses(text, lang) == ["agreed"]
