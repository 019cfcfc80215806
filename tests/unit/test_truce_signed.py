"""A truce agreement that a sentence says was signed, in an article that reports peace talks,
is a signed step of those talks (mentions._deals_of_the_talks), though the sentence is also
the truce's own mention; a truce only agreed or holding there adds no step of its own
(issue 8). Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _stages(text: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "published": "2025-10-20"})["events"]
    return [e["stage"] for e in out if e["family"] == "peace_process"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Army and RSF delegations have held peace talks in Jeddah for two weeks under Saudi auspices. "
           "The weather in the port city was hot and dry all week. "
           "On Saturday a seven-day humanitarian truce agreement was signed between the Sudanese army and the RSF."),
    ("ar", "تجري وفود الجيش والدعم السريع محادثات سلام في جدة منذ أسبوعين برعاية سعودية. "
           "وكان الطقس في المدينة الساحلية حارا وجافا طوال الأسبوع. "
           "ويوم السبت تم توقيع اتفاق هدنة إنسانية لمدة سبعة أيام بين الجيش السوداني وقوات الدعم السريع."),
    ("id", "Delegasi tentara dan RSF telah menggelar perundingan damai di Jeddah selama dua pekan dengan "
           "fasilitasi Arab Saudi. Cuaca di kota pelabuhan itu panas dan kering sepanjang pekan. "
           "Pada Sabtu, kesepakatan gencatan senjata kemanusiaan tujuh hari ditandatangani oleh tentara "
           "Sudan dan RSF."),
])
def test_a_truce_agreement_signed_is_a_signed_step_of_the_talks(lang, text):
    assert "signed" in _stages(text), (lang, _stages(text))


def test_a_truce_agreement_in_force_beside_talks_adds_no_step():
    stages = _stages("Army and RSF delegations have held peace talks in Jeddah for two weeks under Saudi "
                     "auspices. The weather in the port city was hot and dry all week. "
                     "On Saturday the humanitarian truce agreement between the Sudanese army and the RSF "
                     "remained in effect.")
    assert "signed" not in stages and "implemented" not in stages, stages
