"""The Solar Hijri (Persian) calendar: Iranian news dates events as "۶ تیر ۱۴۰۱"."""

from __future__ import annotations

from datetime import date

__all__ = ["jalali_to_gregorian", "gregorian_to_jalali"]


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> date:
    """A Solar Hijri date as a Gregorian one (the arithmetic of the 33-year cycle).

    >>> jalali_to_gregorian(1401, 4, 6)
    datetime.date(2022, 6, 27)
    """
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    for gm, n in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1):
        if gd <= n:
            return date(gy, gm, gd)
        gd -= n
    raise ValueError("bad Jalali date")


def gregorian_to_jalali(d: date) -> tuple[int, int, int]:
    """The Solar Hijri (year, month, day) of a Gregorian date."""
    jy = d.year - 621
    start = jalali_to_gregorian(jy, 1, 1)
    if d < start:
        jy -= 1
        start = jalali_to_gregorian(jy, 1, 1)
    offset = (d - start).days
    jm = offset // 31 + 1 if offset < 186 else (offset - 186) // 30 + 7
    jd = offset - (jm - 1) * 31 + 1 if jm <= 6 else offset - 186 - (jm - 7) * 30 + 1
    return jy, jm, jd
