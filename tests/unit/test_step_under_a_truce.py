"""A step of implementation taken under a truce deal ("Hamas freed three hostages as part of the
ceasefire deal") carries the deal out: a peace-process frame at `implemented`, though the
sentence names no talks (mentions._carried_out_under, issue 8). The release verbs are stage
cues in each language. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _stages(text: str, lang: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-10-20"})["events"]
    return [e["stage"] for e in out if e["family"] == "peace_process"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Rebels released twelve soldiers in Kidal on Sunday as part of the ceasefire deal with the army."),
    ("ar", "أفرجت حماس عن ثلاث رهائن يوم الأحد في إطار اتفاق وقف إطلاق النار مع إسرائيل."),
    ("tr", "Ateşkes anlaşması kapsamında Hamas pazar günü üç İsrailli rehineyi serbest bıraktı."),
    ("es", "El ELN liberó a seis soldados colombianos el domingo en el marco del acuerdo de alto el fuego."),
    ("fr", "Les rebelles ont libéré douze soldats maliens dimanche dans le cadre de l'accord de cessez-le-feu."),
    ("id", "Hamas membebaskan tiga sandera Israel pada Minggu sebagai bagian dari kesepakatan gencatan senjata."),
    ("vi", "Hamas đã trả tự do cho ba con tin Israel hôm Chủ nhật trong khuôn khổ thỏa thuận ngừng bắn."),
    ("fa", "حماس روز یکشنبه در چارچوب توافق آتش‌بس سه گروگان اسرائیلی را آزاد کرد."),
    ("th", "ฮามาสปล่อยตัวตัวประกันชาวอิสราเอลสามคนเมื่อวันอาทิตย์ภายใต้ข้อตกลงหยุดยิง"),
    ("zh", "根据停火协议，三名以色列人质周日获释。"),
    ("az", "Atəşkəs razılaşması çərçivəsində HƏMAS bazar günü üç israilli girovu azad edib."),
    ("ur", "جنگ بندی معاہدے کے تحت حماس نے اتوار کو تین اسرائیلی یرغمالیوں کو رہا کر دیا۔"),
])
def test_a_release_under_the_truce_deal_implements_it(lang, text):
    assert _stages(text, lang) == ["implemented"], (lang, _stages(text, lang))


@pytest.mark.parametrize("text", [
    # still to come, or only sought
    "Rebels will release twelve soldiers in Kidal next week as part of the ceasefire deal with the army.",
    "The army is trying to have twelve soldiers released in Kidal as part of the ceasefire deal with the rebels.",
    # no step taken, the truce only holds
    "Calm returned to Kidal on Sunday as part of the ceasefire deal with the army.",
])
def test_no_step_taken_under_the_truce_is_no_implementation(text):
    assert "implemented" not in _stages(text, "en")
