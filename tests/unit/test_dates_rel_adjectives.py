"""The adjectives of today, yesterday and tomorrow date what they qualify as the adverbs do
("today's talks", "сегодняшние переговоры", "bugünkü görüşme"), in the languages that make
them words of their own (sentences written for these tests; issue 8)."""

from __future__ import annotations

from datetime import date

import pytest

from processors.dates import find_dates
from processors.pipeline import tag_article
from processors.textutil import fold

PUB = date(2022, 6, 28)


def _dates(text: str, lang: str) -> list[tuple[str, str]]:
    return [(d.date, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, PUB)]


@pytest.mark.parametrize(("lang", "text", "written", "iso"), [
    ("de", "Bei den heutigen Gesprächen ging es um den Gefangenenaustausch.", "heutigen", "2022-06-28"),
    ("de", "Nach dem gestrigen Treffen reiste die Delegation ab.", "gestrigen", "2022-06-27"),
    ("ru", "На сегодняшних переговорах стороны обсудили обмен пленными.", "сегодняшних", "2022-06-28"),
    ("ru", "После вчерашней встречи делегации разъехались.", "вчерашней", "2022-06-27"),
    ("uk", "Сьогоднішні переговори тривали чотири години.", "Сьогоднішні", "2022-06-28"),
    ("uk", "Після вчорашньої зустрічі делегації роз'їхалися.", "вчорашньої", "2022-06-27"),
    ("pl", "Na dzisiejszym spotkaniu ministrowie omówili wymianę jeńców.", "dzisiejszym", "2022-06-28"),
    ("pl", "Po wczorajszej rozmowie delegacje wyjechały.", "wczorajszej", "2022-06-27"),
    ("tr", "Bugünkü görüşmede esir takası ele alındı.", "Bugünkü", "2022-06-28"),
    ("tr", "Dünkü toplantının ardından heyetler ayrıldı.", "Dünkü", "2022-06-27"),
    ("az", "Bugünkü görüşdə əsir mübadiləsi müzakirə olundu.", "Bugünkü", "2022-06-28"),
    ("hy", "Այսօրվա հանդիպմանը կողմերը քննարկեցին գերիների փոխանակումը։", "Այսօրվա", "2022-06-28"),
    ("hy", "Երեկվա հանդիպումից հետո պատվիրակությունները մեկնեցին։", "Երեկվա", "2022-06-27"),
    ("it", "Nell'incontro odierno le parti hanno discusso lo scambio di prigionieri.", "odierno", "2022-06-28"),
    ("am", "የዛሬው ስብሰባ ስለ እስረኞች ልውውጥ ተወያየ።", "የዛሬው", "2022-06-28"),
])
def test_the_adjective_of_a_day_is_that_day(lang: str, text: str, written: str, iso: str) -> None:
    assert _dates(text, lang) == [(iso, written)]


def test_todays_meeting_dates_the_meeting() -> None:
    text = ("Հայաստանի և Վրաստանի վարչապետները հանդիպեցին Թբիլիսիում։ «Այսօրվա մեր հանդիպումը լավ հիմք "
            "կդառնա երկու երկրների հարաբերությունների համար», - ասել է Վրաստանի վարչապետը։")
    events = tag_article({"url": "https://example.org/h", "lang": "hy", "text": text,
                          "published": "2022-06-28"})["events"]
    assert [(e["family"], (e.get("when") or {}).get("date")) for e in events] == [("diplomatic_meeting", "2022-06-28")]
