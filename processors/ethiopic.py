"""The Ethiopian calendar: Amharic news dates events as "ታኅሣሥ 15 2005" or "ሕዳር 12፣ 2016".

Twelve months of 30 days and a thirteenth (ጳጉሜ) of 5, or 6 before a Julian leap
year; the year starts on 11 September (12 September before a Gregorian leap
year) and runs about 7 years 8 months behind the Gregorian one. The arithmetic
goes through the Julian day number (epoch: 1 Meskerem of year 1, Amete Mihret).
"""

from __future__ import annotations

from datetime import date

__all__ = ["ethiopic_to_gregorian", "gregorian_to_ethiopic", "month_days"]

_EPOCH = 1723856          # Julian day number before 1 Meskerem, year 1 (Amete Mihret)
_JDN_ORDINAL = 1721425    # Julian day number minus date.toordinal()


def ethiopic_to_gregorian(year: int, month: int, day: int) -> date:
    """An Ethiopian date as a Gregorian one.

    >>> ethiopic_to_gregorian(2016, 1, 1)
    datetime.date(2023, 9, 12)
    >>> ethiopic_to_gregorian(2005, 4, 15)
    datetime.date(2012, 12, 24)
    """
    if not 1 <= month <= 13 or not 1 <= day <= month_days(year, month):
        raise ValueError(f"no such Ethiopian date: {year}-{month}-{day}")
    jdn = _EPOCH + 365 + 365 * (year - 1) + year // 4 + 30 * month + day - 31
    return date.fromordinal(jdn - _JDN_ORDINAL)


def gregorian_to_ethiopic(when: date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian date in the Ethiopian calendar.

    >>> gregorian_to_ethiopic(date(2023, 11, 22))
    (2016, 3, 12)
    """
    jdn = when.toordinal() + _JDN_ORDINAL
    r = (jdn - _EPOCH) % 1461
    n = r % 365 + 365 * (r // 1460)
    year = 4 * ((jdn - _EPOCH) // 1461) + r // 365 - r // 1460
    return year, n // 30 + 1, n % 30 + 1


def month_days(year: int, month: int) -> int:
    """30, or 5/6 for Pagume (6 in the year before a Julian leap year: year % 4 == 3)."""
    return 30 if month <= 12 else (6 if year % 4 == 3 else 5)
