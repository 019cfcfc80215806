"""A day counted from the day told before it ("the next day", "le lendemain", "이튿날",
"前日") is that day plus or minus one, not a day counted from publication (sentences
written for these tests; issue 8)."""

from __future__ import annotations

from datetime import date

import pytest

from processors.dates import find_dates
from processors.pipeline import tag_article
from processors.textutil import fold

PUB = date(2024, 5, 20)


def _dates(text: str, lang: str, published: date | None = PUB) -> list[tuple[str, str]]:
    return [(d.date, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, published)]


@pytest.mark.parametrize(("lang", "text", "written", "iso"), [
    ("en", "The envoys reached Doha on 7 May and met the mediators the next day.", "the next day", "2024-05-08"),
    ("de", "Die Delegation traf am 7. Mai in Doha ein und verhandelte am nächsten Tag.", "am nächsten Tag",
     "2024-05-08"),
    ("es", "La delegación llegó a Doha el 7 de mayo y negoció al día siguiente.", "al día siguiente", "2024-05-08"),
    ("fr", "La délégation est arrivée à Doha le 7 mai et a négocié le lendemain.", "le lendemain", "2024-05-08"),
    ("ru", "Делегация прибыла в Доху 7 мая, а на следующий день начались переговоры.", "на следующий день",
     "2024-05-08"),
    ("id", "Delegasi tiba di Doha pada 7 Mei 2024 dan berunding keesokan harinya.", "keesokan harinya",
     "2024-05-08"),
    ("ko", "장관은 오는 22일부터 이틀 동안 방문해 이튿날 열리는 회담에 참석한다.", "이튿날", "2024-05-23"),
    ("ja", "外相は5月8日に会談した。その前日、両国の次官が協議した。", "前日", "2024-05-07"),
    ("zh", "两国外长于5月7日抵达多哈,次日举行会谈。", "次日", "2024-05-08"),
    ("tr", "Heyet 7 Mayıs'ta Doha'ya ulaştı ve ertesi gün müzakerelere başladı.", "ertesi gün", "2024-05-08"),
])
def test_a_day_counted_from_the_day_told_before(lang: str, text: str, written: str, iso: str) -> None:
    assert (iso, written) in _dates(text, lang)


def test_needs_no_publication_date_when_the_day_before_has_its_year() -> None:
    text = "The envoys reached Doha on 7 May 2019 and met the mediators the next day."
    assert _dates(text, "en", None) == [("2019-05-07", "7 May 2019"), ("2019-05-08", "the next day")]


def test_without_a_day_told_before_it_is_no_date() -> None:
    assert _dates("The mediators met the envoys the next day.", "en") == []


def test_a_form_that_also_counts_from_publication_does_so_alone() -> None:
    # Korean 전날 is also "the day before today" (a rel row of ko.tsv)
    assert _dates("양측은 전날 회담을 열었다.", "ko") == [("2024-05-19", "전날")]


def test_the_next_day_dates_the_meeting() -> None:
    text = ("Armenia and Azerbaijan exchanged prisoners on 7 May. "
            "Their foreign ministers met in Geneva the next day.")
    events = tag_article({"url": "https://example.org/next-day", "lang": "en", "text": text,
                          "published": "2024-05-20"})["events"]
    assert [(e["family"], (e.get("when") or {}).get("date")) for e in events
            if e["family"] == "diplomatic_meeting"] == [("diplomatic_meeting", "2024-05-08")]


def test_each_day_counts_from_its_own_day_told_before_and_chains() -> None:
    text = "They met on 3 May 2019. The next day they signed. The next day they left. " * 3
    found = _dates(text, "en", None)
    assert [d for d, _ in found] == ["2019-05-03", "2019-05-04", "2019-05-05"] * 3


def test_thousands_of_counted_days_are_resolved_in_one_pass() -> None:
    # a text of 4,000 dates each followed by "the next day": one search per word (a pass over
    # every date for each took ~0.65 s here; this takes ~0.04 s), asserted by the result only
    text = "On 1 May 2020 they met and the next day they talked. " * 4000
    found = find_dates(text, fold(text), "en", PUB)
    assert len(found) == 8000 and {d.date for d in found[1::2]} == {"2020-05-02"}
