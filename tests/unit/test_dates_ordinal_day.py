"""A day written with its ordinal ending before the month is still the day ("7-го июля",
"1.º de mayo", "25th February 2021"); sentences written for these tests (issue 8)."""

from __future__ import annotations

from datetime import date

import pytest

from processors.dates import find_dates
from processors.textutil import fold

PUB = date(2024, 9, 10)


@pytest.mark.parametrize(("lang", "text", "written", "iso"), [
    ("ru", "Переговоры прошли 7-го июля в Стамбуле.", "7-го июля", "2024-07-07"),
    ("ru", "Встреча назначена на 12-ого августа.", "12-ого августа", "2024-08-12"),
    ("uk", "Зустріч відбулася 7-го липня у Женеві.", "7-го липня", "2024-07-07"),
    ("es", "El acuerdo se firmó el 1.º de mayo en La Habana.", "1.º de mayo", "2024-05-01"),
    ("pt", "O acordo foi assinado em 1.º de maio em Luanda.", "1.º de maio", "2024-05-01"),
    ("en", "The two armies agreed on 25th February 2021 to observe the truce.", "25th February 2021", "2021-02-25"),
    ("en", "The envoys met on 3rd July in Doha.", "3rd July", "2024-07-03"),
])
def test_a_day_with_its_ordinal_ending(lang: str, text: str, written: str, iso: str) -> None:
    assert [(d.date, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, PUB)] == [(iso, written)]


def test_an_ordinal_without_a_month_is_no_day() -> None:
    text = "The 3rd Division moved north; the 25th brigade stayed."
    assert find_dates(text, fold(text), "en", PUB) == []
