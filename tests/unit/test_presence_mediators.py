"""A third state's leader in whose presence two sides sign or meet mediates it (issue 8): "in
the presence of", "en présence de", "בנוכחות", "بحضور", "в присутствии", "X'in huzurunda",
"在……见证下" name the state that brings the sides together, as "with the participation of"
does; the two sides named apart from the phrase stay sides. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _events(text: str, lang: str) -> list[dict]:
    return tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-11-03"})["events"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The presidents of Rwanda and Burundi signed a peace agreement in Luanda on Sunday in the presence "
           "of the President of Angola."),
    ("fr", "Les présidents du Rwanda et du Burundi ont signé dimanche un accord de paix à Luanda en présence "
           "du président de l'Angola."),
    ("es", "Los presidentes de Ruanda y Burundi firmaron el domingo un acuerdo de paz en Luanda en presencia "
           "del presidente de Angola."),
    ("de", "Die Präsidenten Ruandas und Burundis unterzeichneten am Sonntag in Luanda im Beisein des "
           "angolanischen Präsidenten ein Friedensabkommen."),
    ("ru", "Президенты Руанды и Бурунди подписали в воскресенье мирное соглашение в Луанде в присутствии "
           "президента Анголы."),
    ("pl", "Prezydenci Rwandy i Burundi podpisali w niedzielę w Luandzie porozumienie pokojowe w obecności "
           "prezydenta Angoli."),
    ("he", "נשיאי רואנדה ובורונדי חתמו ביום ראשון על הסכם שלום בלואנדה בנוכחות נשיא אנגולה."),
    ("ar", "وقع رئيسا رواندا وبوروندي يوم الأحد اتفاق سلام في لواندا بحضور رئيس أنغولا."),
    ("tr", "Ruanda ve Burundi devlet başkanları pazar günü Luanda'da Angola Devlet Başkanı'nın huzurunda barış "
           "anlaşması imzaladı."),
    ("zh", "卢旺达和布隆迪总统星期日在罗安达签署了和平协议，安哥拉总统见证了签字。"),
    ("th", "ผู้นำรวันดาและบุรุนดีลงนามข้อตกลงสันติภาพที่ลูอันดาเมื่อวันอาทิตย์ ต่อหน้าประธานาธิบดีแองโกลา"),
    ("id", "Presiden Rwanda dan Burundi menandatangani perjanjian damai di Luanda pada Minggu, disaksikan oleh "
           "Presiden Angola."),
])
def test_the_state_in_whose_presence_two_sides_sign_mediates(lang, text):
    events = [e for e in _events(text, lang) if e["family"] == "peace_process"]
    assert events, _events(text, lang)
    assert events[0]["mediators"] == ["AGO"], events[0]
    assert {"RWA", "BDI"} <= set(events[0]["countries"])
