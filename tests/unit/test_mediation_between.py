"""'Mediation between A and B' names the sides, not the mediators (issue 8): a list right
after a mediation word ("a new attempt at mediation between Thailand and Cambodia",
"mediacji między", "للوساطة بين"), when it is the sentence's one list of sides, is no list
of mediators even when no one else is named. A list of mediators shared between two states
("joint mediation between Qatar and Egypt ... between Israel and Hamas") stays one.
Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _events(text: str, lang: str) -> list[dict]:
    return tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-12-10"})["events"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Asked about a new attempt at mediation between Thailand and Cambodia after the border fighting, the "
           "Thai spokesman said no peace talks were under way."),
    ("ar", "وقال المتحدث إنه لا توجد محادثات بعد محاولة جديدة للوساطة بين تايلاند وكمبوديا."),
])
def test_the_sides_right_after_a_mediation_word_do_not_mediate(lang, text):
    events = _events(text, lang)
    assert events and all(not {"THA", "KHM"} & set(e["mediators"]) for e in events), events


def test_mediators_shared_between_two_states_still_mediate():
    events = _events("Israel and Hamas agreed a truce after a mediation shared between Qatar and Egypt.", "en")
    truces = [e for e in events if e["family"] == "ceasefire"]
    assert truces and set(truces[0]["mediators"]) == {"QAT", "EGY"}
