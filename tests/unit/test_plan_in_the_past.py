"""A meeting whose own date lies in a month before the report's is no plan any more, whatever
future word its sentence holds ("the talks will review what came of the summit held last
September"): it was held. A day earlier in the report's own month stays what the text says
(issue 8)."""

from __future__ import annotations

import pytest

from processors.pipeline import tag_article

CASES = [
    ("en", "The foreign ministers of South Korea and Japan will meet in Seoul on March 22. The talks are "
           "expected to review cooperation since the summit between South Korea and Japan held in Tokyo "
           "last September.", "2025-03-22"),
    ("ko", "한일 외교장관 회담이 오는 22일 서울에서 열릴 예정입니다. 양국 장관은 지난해 9월 열린 한일 정상회담의 "
           "후속 조치를 논의할 예정입니다.", "2025-03-22"),
    ("ru", "Министры иностранных дел Южной Кореи и Японии встретятся в Сеуле 22 марта. На встрече будет "
           "рассмотрено сотрудничество после саммита Южной Кореи и Японии, прошедшего в Токио в сентябре "
           "прошлого года.", "2025-03-22"),
    ("id", "Menteri luar negeri Korea Selatan dan Jepang akan bertemu di Seoul pada 22 Maret. Pertemuan itu "
           "diperkirakan akan meninjau kerja sama sejak KTT Korea Selatan dan Jepang yang digelar di Tokyo "
           "pada September tahun lalu.", "2025-03-22"),
]


def _meetings(text: str, lang: str) -> list[tuple]:
    events = tag_article({"url": "https://example.org/p", "lang": lang, "text": text,
                          "published": "2025-03-18"})["events"]
    return [(e["status"], (e.get("when") or {}).get("date")) for e in events if e["family"] == "diplomatic_meeting"]


@pytest.mark.parametrize("lang,text,day", CASES, ids=[c[0] for c in CASES])
def test_a_meeting_dated_months_before_the_report_was_held(lang, text, day):
    assert _meetings(text, lang) == [("scheduled", day), ("held", "2024-09")]


def test_a_plan_of_the_reports_own_month_stays_a_plan():
    # the day before the report, in its month: the text's own word decides (here, a plan)
    text = "The foreign ministers of South Korea and Japan will meet in Seoul on March 17."
    assert _meetings(text, "en") == [("scheduled", "2025-03-17")]


@pytest.mark.parametrize("text", [
    "The foreign ministers of South Korea and Japan will meet in Seoul in January.",
    "The foreign ministers of South Korea and Japan will meet in Seoul on December 12.",
], ids=["month", "day"])
def test_a_plan_whose_year_the_text_leaves_open_stays_a_plan(text):
    # told in June, "in January" and "on December 12" are taken for the last ones: a guess
    # about the year, which a future tense contradicts
    events = tag_article({"url": "https://example.org/p", "lang": "en", "text": text,
                          "published": "2025-06-01"})["events"]
    assert [e["status"] for e in events if e["family"] == "diplomatic_meeting"] == ["scheduled"]
