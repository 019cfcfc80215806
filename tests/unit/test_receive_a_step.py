"""A word of receiving or welcoming whose object is a truce, a deal or talks ("welcomed the
ceasefire", "युद्धविराम समझौते का स्वागत किया", "ateşkes anlaşmasını kabul etti") is approval or
a proposal received, not a reception of a visitor: no meeting (issue 8). The same words with a
visitor as object stay a visit. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _meetings(text: str, lang: str) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-10-20"})["events"]
    return [e for e in out if e["family"] == "diplomatic_meeting"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Turkey and the United Nations welcomed the ceasefire agreement between Armenia and Azerbaijan."),
    ("en", "Kenya received the peace deal that Ethiopia and Eritrea signed with relief."),
    ("hi", "भारत ने आर्मेनिया और अज़रबैजान के बीच युद्धविराम समझौते का स्वागत किया।"),
    ("fa", "ترکیه گفت که آرمنستان و آذربایجان باید صلح کنند و از آتش‌بس استقبال کرد."),
    ("tr", "Katar, Sudan ile Güney Sudan arasındaki ateşkes anlaşmasını kabul etti."),
    ("vi", "Indonesia hoan nghênh và đón thỏa thuận ngừng bắn giữa Thái Lan và Campuchia."),
])
def test_welcoming_a_truce_or_deal_is_no_meeting(lang, text):
    assert _meetings(text, lang) == []


@pytest.mark.parametrize("lang, text", [
    ("en", "Erdogan welcomed the Azerbaijani president for talks on the ceasefire in Ankara."),
    ("en", "Erdogan received the Azerbaijani president in Ankara on Monday."),
    ("hi", "प्रधानमंत्री मोदी ने नई दिल्ली में फ्रांस के राष्ट्रपति का स्वागत किया।"),
    ("tr", "Erdoğan, Azerbaycan Cumhurbaşkanı Aliyev'i Ankara'da kabul etti."),
])
def test_welcoming_a_visitor_is_a_visit(lang, text):
    modes = [e["mode"] for e in _meetings(text, lang)]
    assert modes == ["visit"], modes


def test_somali_reached_of_a_deal_is_no_arrival():
    """Somali 'gaaray' is both 'arrived' and 'reached': in the impersonal passive ('laga
    gaaray heshiis', a deal was reached; 'lagu gaaray', reached at) it is an agreement
    reached, not a visit; with its subject ('wafdi ... ayaa gaaray Nairobi') an arrival."""
    talks = _meetings("Kenya ayaa sanadkii hore isugu keentay Itoobiya iyo Eritrea miiska wada-hadalka, "
                      "waxaana laga gaaray heshiis ku saabsan is-dhaafsiga maxaabiista.", "so")
    assert [e["mode"] for e in talks] == ["multilateral"]
    arrival = _meetings("Wafdi ka socda Itoobiya ayaa gaaray magaalada Nairobi si ay ula kulmaan "
                        "madaxweynaha Kenya.", "so")
    assert [e["mode"] for e in arrival] == ["visit"]
