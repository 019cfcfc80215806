"""Who takes part in a meeting is named in its own sentences (issue 8): a meeting of one side
with one mediator is not lent the other mediators of the truce or talks beside it, which
are not there. Sentences written for these tests.
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
    ("en", "Egypt, Qatar and the United States are mediating a ceasefire between Israel and Hamas. A Hamas "
           "delegation met Egyptian officials in Cairo on Monday to discuss a new proposal for a 60-day truce."),
    ("id", "Mesir, Qatar dan Amerika Serikat memediasi gencatan senjata Gaza antara Israel dan Hamas pada Januari. "
           "Delegasi Hamas tiba di Kairo pada Senin untuk berunding dengan pejabat Mesir soal perpanjangan "
           "gencatan senjata."),
])
def test_a_meeting_is_not_lent_mediators_it_does_not_name(lang, text):
    e = _meeting(text, lang)
    parties = set(e["countries"]) | set(e["orgs"])
    assert "EGY" in parties and not {"QAT", "USA"} & (parties | set(e["mediators"])), (parties, e["mediators"])
