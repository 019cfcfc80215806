"""The next round of peace talks, planned in a sentence that also names the truce the talks
reached (issue 8). Sentences written for these tests.

- mentions: a meeting planned in an article about peace talks is their next round, also when
  the truce named with it is only what the meeting is for ("so that the ceasefire holds"),
  but not when the truce is only hoped for;
- merge: a round still to come does not take the stage `agreed` from a truce agreed in the
  sentence next to it (`_negotiated_truces`).
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _peace(text: str) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "published": "2025-10-20"})["events"]
    return [e for e in out if e["family"] == "peace_process"]


@pytest.mark.parametrize("lang, text, follow_up", [
    ("en", "Peace talks between Sudan and South Sudan in Addis Ababa produced a ceasefire agreement on "
           "Sunday. The two sides also agreed to hold follow-up meetings next week in order to consolidate "
           "the ceasefire along the border.", "follow-up"),
    ("ur", "پاکستان اور افغانستان کے درمیان امن مذاکرات دوحہ میں ہوئے اور دونوں ممالک نے جنگ بندی پر اتفاق کیا۔ "
           "دونوں ممالک نے اگلے ہفتے مزید اجلاس منعقد کرنے پر بھی اتفاق کیا تاکہ جنگ بندی کو مضبوط بنایا جا سکے۔",
     "مزید اجلاس"),
])
def test_a_meeting_planned_for_the_truce_the_talks_reached_is_their_next_round(lang, text, follow_up):
    peace = _peace(text)
    assert any(e["stage"] == "agreed" for e in peace), peace   # the talks that reached the truce
    rounds = [e for e in peace if follow_up in e["evidence"]["sentence"]]
    assert [e["stage"] for e in rounds] == ["scheduled"], peace


def test_a_meeting_planned_in_hope_of_a_truce_is_not_made_a_round_by_it():
    # the truce is only hoped for: the sentence tells of a truce sought, as before
    peace = _peace("Peace talks between Russia and Ukraine began in Istanbul on Tuesday. The delegations "
                   "will meet again on Wednesday, hoping to reach a ceasefire soon.")
    assert not any("Wednesday" in e["evidence"]["sentence"] for e in peace), peace


def test_a_truce_that_is_already_the_sentences_peace_step_is_not_joined_by_a_round():
    # the mediated truce is the sentence's one peace-process mention; the meeting planned
    # for it adds no second one
    out = tag_article({"id": "t1", "published": "2025-10-20", "text":
                       "Peace talks between Sudan and South Sudan in Addis Ababa produced a ceasefire agreement "
                       "on Sunday. Kenya, which mediated, said the two sides will meet again next week in order "
                       "to consolidate the ceasefire."})["events"]
    second = [m for e in out if e["family"] == "peace_process" for m in e["mentions"]
              if m["sentence"].startswith("Kenya")]
    assert len(second) == 1, second
