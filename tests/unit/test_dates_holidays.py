"""A feast on a fixed day of the Gregorian year is that day ("on Christmas Day in 2015",
"2015年圣诞节", "元旦"): of the year told beside it, else of the year a date without one
takes (sentences written for these tests; issue 8)."""

from __future__ import annotations

from datetime import date

import pytest

from processors.dates import find_dates
from processors.pipeline import tag_article
from processors.textutil import fold

PUB = date(2021, 3, 10)


def _dates(text: str, lang: str, published: date | None = PUB) -> list[tuple[str, str]]:
    return [(d.date, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, published)]


@pytest.mark.parametrize(("lang", "text", "written", "iso"), [
    ("en", "The two foreign ministers last met on Christmas Day in 2016 in Geneva.",
     "Christmas Day in 2016", "2016-12-25"),
    ("en", "The envoys spoke by phone on New Year's Eve, 2017.", "New Year's Eve, 2017", "2017-12-31"),
    ("de", "Die Delegationen trafen sich zuletzt an Heiligabend 2018 in Wien.", "Heiligabend 2018", "2018-12-24"),
    ("es", "Las partes firmaron la tregua en Nochebuena de 2019.", "Nochebuena de 2019", "2019-12-24"),
    ("fr", "Les deux présidents s'étaient parlé le jour de l'an 2020.", "jour de l'an 2020", "2020-01-01"),
    ("id", "Kedua menteri bertemu pada Hari Natal 2016 di Jakarta.", "Hari Natal 2016", "2016-12-25"),
    ("zh", "两国外长曾于2016年圣诞节在日内瓦会晤。", "2016年圣诞节", "2016-12-25"),
    ("ja", "両首脳は2019年の大晦日に電話会談した。", "2019年の大晦日", "2019-12-31"),
    ("ru", "Стороны встретились на православное Рождество 2019 года.", "православное Рождество 2019", "2019-01-07"),
])
def test_a_feast_with_its_year(lang: str, text: str, written: str, iso: str) -> None:
    assert _dates(text, lang) == [(iso, written)]


@pytest.mark.parametrize(("lang", "text", "written", "iso"), [
    ("en", "The truce was broken on Christmas Eve.", "Christmas Eve", "2020-12-24"),
    ("tr", "Heyetler yılbaşı gecesi Ankara'da bir araya geldi.", "yılbaşı gecesi", "2020-12-31"),
    ("ko", "양국 외교장관은 크리스마스 이브에 통화했다.", "크리스마스 이브", "2020-12-24"),
    ("ja", "両外相は元旦に電話で会談した。", "元旦", "2021-01-01"),
])
def test_a_feast_without_its_year_is_the_nearest_one(lang: str, text: str, written: str, iso: str) -> None:
    assert _dates(text, lang) == [(iso, written)]


def test_a_feast_with_its_year_needs_no_publication_date() -> None:
    assert _dates("Die Gespräche begannen an Heiligabend 2018.", "de", None) == [("2018-12-24", "Heiligabend 2018")]
    assert _dates("Die Gespräche begannen an Heiligabend.", "de", None) == []


def test_a_number_after_a_feast_that_is_no_year_is_not_its_year() -> None:
    assert _dates("On Christmas Day 3000 troops crossed the border.", "en") == [("2020-12-25", "Christmas Day")]


def test_a_feast_dates_the_meeting_held_on_it() -> None:
    text = ("India and Pakistan agreed on Thursday to observe the ceasefire along the border. "
            "The last meeting between the prime ministers of the two countries was on Christmas Day in 2016 "
            "in Lahore.")
    events = tag_article({"url": "https://example.org/feast", "lang": "en", "text": text,
                          "published": "2021-03-10"})["events"]
    meetings = [(e.get("when") or {}).get("date") for e in events if e["family"] == "diplomatic_meeting"]
    assert meetings == ["2016-12-25"]
