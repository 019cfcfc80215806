"""Talks beside a truce whose terms only one side has agreed to reached no deal: the peace
process is at `proposed`, as the truce is (one side's yes to a truce offered), not `agreed`
(issue 8). Two sides agreeing to the terms together is the talks' agreement. Sentences
written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _stages(text: str, lang: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-07-02"})["events"]
    return sorted(e["stage"] for e in out if e["family"] == "peace_process")


@pytest.mark.parametrize("lang, text", [
    ("en", "The foreign ministers of Qatar and Egypt met in Doha on Monday to discuss the war in Gaza. "
           "The president said on Tuesday that Israel has agreed to the terms of a 60-day truce in Gaza."),
    ("hy", "Կատարի և Եգիպտոսի արտաքին գործերի նախարարները երկուշաբթի հանդիպել են Դոհայում՝ քննարկելու "
           "Գազայի պատերազմը։ Նախագահը երեքշաբթի հայտարարել է, որ Իսրայելը համաձայնել է Գազայում "
           "60-օրյա հրադադարի պայմաններին։"),
    ("ru", "Министры иностранных дел Катара и Египта встретились в понедельник в Дохе, чтобы обсудить "
           "войну в Газе. Президент заявил во вторник, что Израиль согласовал условия перемирия в секторе Газа."),
    ("ar", "التقى وزيرا خارجية قطر ومصر في الدوحة يوم الاثنين لبحث الحرب في غزة. "
           "وقال الرئيس الثلاثاء إن إسرائيل وافقت على شروط هدنة لمدة 60 يوما في غزة."),
    ("tr", "Katar ve Mısır dışişleri bakanları pazartesi günü Doha'da bir araya gelerek Gazze'deki savaşı "
           "görüştü. Başkan salı günü yaptığı açıklamada İsrail'in ateşkes şartlarını kabul ettiğini söyledi."),
])
def test_talks_beside_one_sides_yes_to_a_truces_terms_are_at_proposed(lang, text):
    assert _stages(text, lang) == ["proposed"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The foreign ministers of Qatar and Egypt met in Doha on Monday to discuss the war in Gaza. "
           "The mediators said on Tuesday that Israel and Hamas have agreed to the terms of a 60-day truce."),
    ("ru", "Министры иностранных дел Катара и Египта встретились в понедельник в Дохе, чтобы обсудить "
           "войну в Газе. Посредники заявили во вторник, что Израиль и ХАМАС договорились об условиях перемирия."),
])
def test_talks_beside_two_sides_agreeing_to_a_truces_terms_agreed(lang, text):
    assert _stages(text, lang) == ["agreed"]
