"""One side agreeing to a proposal ("Hamas agreed to the Egyptian ceasefire proposal") accepts
it: the talks moved on (`progress`), no deal between the sides yet, and that sentence makes the
talks beside it no `agreed` either (frames._agrees_to_a_proposal, issue 8). Two sides or
"both sides" agreeing to it is an agreement. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _stages(text: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "published": "2025-10-20"})["events"]
    return sorted(e["stage"] for e in out if e["family"] == "peace_process")


@pytest.mark.parametrize("lang, text", [
    ("en", "Egyptian and Qatari mediators held peace talks with Hamas in Cairo on Monday. "
           "On Tuesday Hamas agreed to the Egyptian ceasefire proposal."),
    # the agreement noun as the object of an agreement verb that takes a proposal
    ("en", "Egyptian and Qatari mediators held peace talks with Hamas in Cairo on Monday. "
           "On Tuesday Hamas agreed to the ceasefire agreement proposed by Egypt."),
    ("id", "Mediator Mesir dan Qatar menggelar perundingan damai dengan Hamas di Kairo pada Senin. "
           "Pada Selasa Hamas menyetujui usulan gencatan senjata dari Mesir."),
    ("ru", "Египетские и катарские посредники провели мирные переговоры с ХАМАС в Каире в понедельник. "
           "Во вторник ХАМАС согласился с египетским предложением о прекращении огня."),
    ("th", "ผู้ไกล่เกลี่ยอียิปต์และกาตาร์เจรจาสันติภาพกับฮามาสที่ไคโรเมื่อวันจันทร์\n"
           "วันอังคารฮามาสได้บรรลุข้อตกลงเกี่ยวกับข้อเสนอหยุดยิงของอียิปต์"),
    # the agreement verb and the proposal noun these languages need (stage cues as their
    # cf.status cues already were), and the accepter named before a proposal that comes
    # ahead of its verb (fa)
    ("ar", "أجرى الوسطاء المصريون والقطريون محادثات سلام مع حماس في القاهرة يوم الاثنين. "
           "ويوم الثلاثاء وافقت حماس على المقترح المصري لوقف إطلاق النار."),
    ("vi", "Các nhà trung gian Ai Cập và Qatar đã đàm phán hòa bình với Hamas tại Cairo hôm thứ Hai. "
           "Hôm thứ Ba, Hamas đã đồng ý với đề xuất ngừng bắn của Ai Cập."),
    ("ms", "Pengantara Mesir dan Qatar mengadakan rundingan damai dengan Hamas di Kaherah pada Isnin. "
           "Pada Selasa Hamas bersetuju dengan cadangan gencatan senjata Mesir."),
    ("fa", "میانجی‌های مصری و قطری روز دوشنبه در قاهره با حماس مذاکرات صلح برگزار کردند. "
           "روز سه‌شنبه حماس با پیشنهاد آتش‌بس مصر موافقت کرد."),
])
def test_one_side_agreeing_to_a_proposal_is_not_an_agreement(lang, text):
    stages = _stages(text)
    assert stages and "agreed" not in stages, (lang, stages)


@pytest.mark.parametrize("text", [
    "Egyptian and Qatari mediators held peace talks with Hamas in Cairo on Monday. "
    "On Tuesday Israel and Hamas agreed to the Egyptian ceasefire proposal.",
    "Egyptian and Qatari mediators held peace talks with Hamas in Cairo on Monday. "
    "On Tuesday both sides agreed to the Egyptian ceasefire proposal.",
    "Egyptian and Qatari mediators held peace talks with Hamas in Cairo on Monday. "
    "On Tuesday Hamas agreed to a ceasefire with Israel.",
    # an agreement noun that a proposal word follows names a deal; no one accepts it here
    "Egyptian and Qatari mediators held peace talks with Hamas in Cairo on Monday. "
    "The ceasefire agreement proposed by Qatar took effect on Tuesday.",
    "Các nhà trung gian Ai Cập và Qatar đã đàm phán hòa bình với Hamas tại Cairo hôm thứ Hai. "
    "Hôm thứ Ba, Israel và Hamas đã đồng ý với đề xuất ngừng bắn của Ai Cập.",
    "Pengantara Mesir dan Qatar mengadakan rundingan damai dengan Hamas di Kaherah pada Isnin. "
    "Pada Selasa Israel dan Hamas bersetuju dengan cadangan gencatan senjata Mesir.",
    "میانجی‌های مصری و قطری روز دوشنبه در قاهره با حماس مذاکرات صلح برگزار کردند. "
    "روز سه‌شنبه اسرائیل و حماس با پیشنهاد آتش‌بس مصر موافقت کردند.",
])
def test_agreeing_together_or_to_no_proposal_is_an_agreement(text):
    assert "agreed" in _stages(text)
