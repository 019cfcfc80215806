"""The article's conflict is the pair of sides its truces and talks name most (issue 8); when
two pairs are named as often, which one is the conflict is not told, and no state is made a
mediator for being the third beside one of them. Sentences written for these tests.
"""

from __future__ import annotations

from processors import tag_article


def test_a_tie_of_pairs_names_no_conflict_and_no_third_party_mediator():
    text = ("The peace treaty and trade deals with the United States were signed by Azerbaijan on Friday. Trump will "
            "meet the president of Azerbaijan and the prime minister of Armenia at the White House on Monday. In "
            "March the foreign ministries of Armenia and Azerbaijan agreed the text of a peace agreement.")
    events = tag_article({"id": "t1", "text": text, "lang": "en", "published": "2025-08-06"})["events"]
    meetings = [e for e in events if e["family"] == "diplomatic_meeting"]
    assert meetings and all("ARM" not in e["mediators"] for e in meetings), meetings


def test_the_pair_named_most_is_the_conflict():
    text = ("Armenia and Azerbaijan agreed a ceasefire on Friday. In March Armenia and Azerbaijan agreed the text of "
            "a peace agreement. The peace treaty and trade deals with the United States were signed by Azerbaijan. "
            "Trump will meet the president of Azerbaijan and the prime minister of Armenia on Monday.")
    events = tag_article({"id": "t1", "text": text, "lang": "en", "published": "2025-08-06"})["events"]
    meetings = [e for e in events if e["family"] == "diplomatic_meeting"]
    assert any(e["mediators"] == ["USA"] for e in meetings), meetings
