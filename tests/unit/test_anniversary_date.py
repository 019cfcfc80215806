"""An anniversary dates what it commemorates: "the 5th anniversary of the ceasefire" puts the
ceasefire five years before the publication year, in every language; it does not date the
visit made to mark it, nor the events told after it (sentences written for these tests;
issue 8)."""

from __future__ import annotations

from datetime import date

import pytest

from processors.dates import find_dates
from processors.pipeline import tag_article
from processors.textutil import fold

PUB = date(2024, 3, 10)


@pytest.mark.parametrize(("lang", "text", "written", "year"), [
    ("en", "They marked the 10th anniversary of the peace accord.", "10th anniversary", "2014"),
    ("de", "Sie feierten den 25. Jahrestag des Abkommens.", "25. Jahrestag", "1999"),
    ("fr", "Ils ont célébré le 30e anniversaire des accords.", "30e anniversaire", "1994"),
    ("es", "Celebraron el 5.º aniversario del acuerdo de paz.", "5.º aniversario", "2019"),
    ("ru", "Стороны отметили 5-ю годовщину перемирия и 10-летие соглашения.", "5-ю годовщину", "2019"),
    ("tr", "Anlaşmanın 5. yıl dönümünde tören düzenlendi.", "5. yıl dönümünde", "2019"),
    ("hy", "Զինադադարի 5-ամյակին նվիրված արարողություն անցկացվեց։", "5-ամյակին", "2019"),
    ("zh", "双方纪念停战协定签署70周年。", "70周年", "1954"),
    ("ko", "정전협정 체결 70주년 기념식이 열렸다.", "70주년", "1954"),
    ("my", "NCA လက်မှတ်ရေးထိုးခြင်း (၄)နှစ်ပြည့် အထိမ်းအမှတ်အခမ်းအနား", "(၄)နှစ်ပြည့်", "2020"),
    ("id", "Acara peringatan 15 tahun perjanjian damai Helsinki.", "peringatan 15", "2009"),
    ("vi", "Lễ kỷ niệm 70 năm Hiệp định Geneva.", "kỷ niệm 70", "1954"),
    ("th", "งานครบรอบ 10 ปี ข้อตกลงสันติภาพ", "ครบรอบ 10", "2014"),
    ("ar", "في الذكرى الـ10 لاتفاق السلام", "الذكرى الـ10", "2014"),
])
def test_an_anniversary_is_the_year_it_counts_back_to(lang: str, text: str, written: str, year: str) -> None:
    found = [(d.date, d.precision, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, PUB)]
    assert (year, "year", written) in found


def test_a_date_like_number_after_a_word_of_commemoration_is_no_anniversary() -> None:
    text = "Lễ kỷ niệm 2/9 được tổ chức tại Hà Nội."   # the 2nd of September, not two years
    assert all(d.precision != "year" for d in find_dates(text, fold(text), "vi", PUB))


def _events(text: str, lang: str) -> list[tuple]:
    events = tag_article({"url": "https://example.org/a", "lang": lang, "text": text,
                          "published": PUB.isoformat()})["events"]
    return [(e["family"], e.get("status") or e.get("stage"), (e.get("when") or {}).get("date")) for e in events]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Myanmar's government and ethnic armed groups marked the 5th anniversary of the nationwide "
           "ceasefire agreement."),
    ("zh", "缅甸政府与民族武装代表出席全国停火协议签署5周年纪念仪式。"),
    ("ko", "미얀마 정부와 소수민족 무장단체 대표들이 전국휴전협정 서명 5주년 기념식에 참석했다."),
])
def test_the_truce_an_anniversary_commemorates_is_dated_by_it(lang: str, text: str) -> None:
    assert ("ceasefire", "historical", "2019") in _events(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "On Monday, the foreign minister of Japan visited Hanoi to mark the 50th anniversary of diplomatic "
           "relations between Japan and Vietnam."),
    ("vi", "Hôm thứ Hai, Ngoại trưởng Nhật Bản thăm Hà Nội nhằm kỷ niệm 50 năm thiết lập quan hệ ngoại giao "
           "Việt Nam - Nhật Bản."),
])
def test_a_visit_to_mark_an_anniversary_keeps_its_own_day(lang: str, text: str) -> None:
    assert _events(text, lang) == [("diplomatic_meeting", "held", "2024-03-04")]
