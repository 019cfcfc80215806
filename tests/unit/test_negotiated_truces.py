"""Talks next to a sentence that tells of a truce agreed reached it (merge._negotiated_truces),
but not when that sentence names the truce's agreement only as what a meeting discusses
(issue 8). Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _stages(text: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "published": "2025-10-20"})["events"]
    return [e["stage"] for e in out if e["family"] == "peace_process"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Kenyan mediators arrived in Juba on Monday for negotiations with South Sudanese rebel commanders. "
           "The envoys met the rebel leaders to discuss the extension of the ceasefire agreement."),
    ("id", "Delegasi Kenya tiba di Juba pada Senin untuk negosiasi dengan para komandan pemberontak Sudan Selatan. "
           "Para utusan bertemu dengan pemimpin pemberontak untuk membahas perpanjangan kesepakatan gencatan senjata."),
    ("ar", "وصل وسطاء كينيون إلى جوبا يوم الاثنين لإجراء مفاوضات مع قادة المتمردين في جنوب السودان. "
           "والتقى المبعوثون بقادة المتمردين لبحث تمديد اتفاق وقف إطلاق النار."),
])
def test_a_truce_agreement_a_meeting_discusses_is_not_reached_by_the_talks_beside_it(lang, text):
    stages = _stages(text)
    assert stages and "agreed" not in stages, stages


def test_a_truce_agreement_reached_beside_the_talks_is_still_theirs():
    stages = _stages("Kenyan mediators arrived in Juba on Monday for negotiations with South Sudanese rebel "
                     "commanders. The envoys met the rebel leaders and the two sides reached a new ceasefire "
                     "agreement.")
    assert stages == ["agreed"], stages
