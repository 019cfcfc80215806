"""When an article was published, for articles that do not say: from its URL, else
from a date at the head of its text.

News sites put the date in their URLs in a few common shapes. The leftmost full
date of the first two shapes wins, else the first of the third, of the fourth, else the fifth:

- year, month and day with one separator: ``/2025/01/18/``, ``/2025/1/8/``,
  ``/2024-12-03/``, ``-2011-02-16-``, ``2025_06_23``;
- day, month, year: ``/24-11-2022/``, ``/20-02-2015/``;
- eight digits alone: ``/20250118/``, ``-20250118`` (or ``29102016``, day first,
  when year first is no date);
- a time stamp, a date and a time of day as one run of 12 to 18 digits, year first
  (``?key=202503181537510055``: 2025-03-18 15:37:51 and a serial number) or, of 14 digits,
  month first (``-07132023151939``);
- year and month only: ``/2023/07/`` (month precision).

Only plausible dates count: years 1990..2100, months 1..12, days that exist. ASCII
digits only, and only whole runs of digits: a long numeric id (``/1756523512``) or an
archive stamp glued to other digits (``2014-0906``) is not a date; a long run is a time
stamp only when its time of day is one too (hour < 24, minutes and seconds < 60).

Without a date in the URL, the first ~400 characters of the text may hold a dateline
or a metadata date: the first date there that carries its year (``Kompas.com -
10/07/2023``, ``27 June 2022``, ``date 2024-02``) is taken. A date without a year
(``KUALA LUMPUR, 31 Mac (Bernama)``) cannot be resolved and is skipped, as is a plan's date
(a future or plan word of the lexicon just before it in its sentence: ``comenzará el 9 de
enero del 2018``, ``will open on 9 January 2018``), and a dated day after a date without its
year (``ayer ... el pacto firmado el 12 de marzo de 2016``): the report told of its own day
that way, so the dated one is another day. When the URL
gives only the month and the head gives a day in that month, the day is taken.

>>> infer_published("https://example.com/world/2025/01/18/truce-holds.html", "", "en")
(datetime.date(2025, 1, 18), 'day')
>>> infer_published("https://example.com/news/20250118-truce", "", "en")
(datetime.date(2025, 1, 18), 'day')
>>> infer_published("https://example.com/2023/07/talks-resume/", "", "en")
(datetime.date(2023, 7, 1), 'month')
>>> infer_published("https://example.com/a/2025/13/45/x", "Jakarta - Selasa, 10/07/2023. Menlu ...", "id")
(datetime.date(2023, 7, 10), 'day')
>>> infer_published(None, "KUALA LUMPUR, 31 Mac (Bernama) -- ...", "ms") is None
True
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote, urlsplit

from .dates import dated_weekdays, find_dates
from .lexicon import find_cues
from .textutil import fold

__all__ = ["infer_published", "from_weekdays", "HEAD_CHARS"]

HEAD_CHARS = 400          # how much of the text a dateline or metadata date may lie in
_MAX_URL = 2048           # longer URLs are cut: no news URL needs more to show its date
_MIN_YEAR, _MAX_YEAR = 1990, 2100

_Y = r"(19[0-9]{2}|2[01][0-9]{2})"
_YMD = re.compile(rf"(?<![0-9]){_Y}([-/._])([0-9]{{1,2}})\2([0-9]{{1,2}})(?![0-9])")
_DMY = re.compile(rf"(?<![0-9])([0-9]{{1,2}})([-/._])([0-9]{{1,2}})\2{_Y}(?![0-9])")
_EIGHT = re.compile(r"(?<![0-9])([0-9]{8})(?![0-9])")
_STAMP = re.compile(r"(?<![0-9])([0-9]{12,18})(?![0-9])")
_YM = re.compile(rf"(?<![0-9])/{_Y}/([0-9]{{1,2}})(?:/(?![0-9]{{1,2}}(?:[/._-]|$))|$)")   # not /2025/02/30/
# "2024-02" in a text head: a year and a month, not a range of years ("2010-11")
_TEXT_YM = re.compile(rf"(?<![0-9\-/.]){_Y}-([0-9]{{2}})(?![0-9\-/.])")
# a plan's date: a future or plan word (lexicon `fut`, a `scheduled` meeting cue) at most this
# many characters before it in its sentence ("comenzará el 9 de enero del 2018")
_PLAN_REACH = 40
_ANY_DAY = date(2000, 6, 15)   # a publication date for finding where dates without a year are
_NEAR = 16                     # at most this far apart, two date words are of one phrase
_SENTENCE_END = re.compile(r"[.!?;\n\u3002\uff01\uff1f\u061f\u0964]")


def _plans(folded: str, lang: str) -> list[int]:
    """Where the future or plan words of `lang` in `folded` end."""
    return [m.end for m in find_cues(folded)
            if (m.payload.cat == "fut" or (m.payload.cat == "meet.status" and m.payload.value == "scheduled"))
            and (m.payload.lang == lang or lang in m.payload.langs)]


def _planned(folded: str, plans: list[int], start: int) -> bool:
    """Whether a plan word governs the date at `start`: it ends just before it, in its sentence."""
    return any(start - _PLAN_REACH <= end <= start and not _SENTENCE_END.search(folded, end, start) for end in plans)


def _day(y: int | str, m: int | str, d: int | str) -> date | None:
    try:
        when = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return when if _MIN_YEAR <= when.year <= _MAX_YEAR else None


def _month(y: int | str, m: int | str) -> date | None:
    return _day(y, m, 1)


def _stamped(digits: str) -> date | None:
    """The day of a time stamp written as one run of digits: YYYYMMDDhhmm, then seconds and
    any serial number, or MMDDYYYYhhmmss; None unless its time of day is one."""
    def clock(hhmmss: str) -> bool:
        return int(hhmmss[:2]) < 24 and all(int(hhmmss[i:i + 2]) < 60 for i in range(2, len(hhmmss), 2))

    if clock(digits[8:14]):
        when = _day(digits[:4], digits[4:6], digits[6:8])
        if when is not None:
            return when
    if len(digits) == 14 and clock(digits[8:]):
        return _day(digits[4:8], digits[:2], digits[2:4])
    return None


def from_url(url: str | None) -> tuple[date, str] | None:
    """The publication date a news URL shows, with its precision ("day" or "month")."""
    if not url:
        return None
    try:
        parts = urlsplit(url[:_MAX_URL])
    except ValueError:
        return None
    path = unquote(parts.path + ("?" + parts.query if parts.query else ""))
    best: tuple[int, date] | None = None   # (position, date) of the leftmost day
    for rx, order in ((_YMD, (1, 3, 4)), (_DMY, (4, 3, 1))):
        for m in rx.finditer(path):
            when = _day(*(m[i] for i in order))
            if when is not None and (best is None or m.start() < best[0]):
                best = (m.start(), when)
                break
    if best is None:
        for m in _EIGHT.finditer(path):
            s = m[1]
            when = _day(s[:4], s[4:6], s[6:]) or _day(s[4:], s[2:4], s[:2])
            if when is not None:
                best = (m.start(), when)
                break
    if best is None:
        for m in _STAMP.finditer(path):
            when = _stamped(m[1])
            if when is not None:
                best = (m.start(), when)
                break
    if best is not None:
        return best[1], "day"
    for m in _YM.finditer(path):
        when = _month(m[1], m[2])
        if when is not None:
            return when, "month"
    return None


def _after_another_date(head: str, folded: str, lang: str, start: int) -> bool:
    """Whether a date without its year ("ayer", "13 July") comes before `start` in the head, apart
    from it: the report told of its own day that way, so the dated one is another day."""
    dated = find_dates(head, folded, lang, None)
    for d in reversed(find_dates(head, folded, lang, _ANY_DAY)):   # positions only, any day will do
        if d.end > start or any(o.start < d.end and d.start < o.end for o in dated):
            continue
        # the nearest one: apart, or of the same phrase ("أمس الأربعاء 21 يونيو 2023", "Selasa, 10/07/2023")
        return start - d.end > _NEAR or _SENTENCE_END.search(folded, d.end, start) is not None
    return False


def from_head(text: str, lang: str) -> tuple[date, str] | None:
    """The first date with its year (day or month precision) in the head of `text`."""
    head = text[:HEAD_CHARS]
    if not head:
        return None
    found: list[tuple[int, date, str]] = []
    folded = fold(head)
    plans = _plans(folded, lang)
    for d in find_dates(head, folded, lang, None):
        if _planned(folded, plans, d.start):
            continue   # a plan's date, not the day of the report
        if d.precision == "day":
            when = _day(*d.date.split("-"))
        elif d.precision == "month":
            when = _month(*d.date.split("-"))
        else:
            continue
        if when is not None:
            found.append((d.start, when, d.precision))
            break
    for m in _TEXT_YM.finditer(head):
        y, mm = int(m[1]), int(m[2])
        if mm == (y + 1) % 100 or _planned(folded, plans, m.start()):
            continue   # "2010-11": a season or a range of years; or a plan's month
        when = _month(y, mm)
        if when is not None:
            found.append((m.start(), when, "month"))
            break
    if not found:
        return None
    start, when, precision = min(found, key=lambda f: f[0])
    if _after_another_date(head, folded, lang, start):
        return None
    return when, precision


def from_weekdays(text: str, lang: str) -> tuple[date, str] | None:
    """The latest day a weekday with its day and month names ("Minggu (9/4)"), its year
    told by the weekday (`dates.dated_weekdays`): a report is written on or after the
    days it tells of, and papers that date events this way tell of the last day or two."""
    days = dated_weekdays(text, fold(text), lang)
    return (max(days), "day") if days else None


def infer_published(url: str | None, text: str, lang: str) -> tuple[date, str] | None:
    """(publication date, "day" or "month") from the URL, else from the head of the
    text, else from its weekdays with their dates; None when none shows one."""
    by_url = from_url(url)
    if by_url is not None and by_url[1] == "day":
        return by_url
    by_text = from_head(text or "", lang)
    if by_url is None:
        if by_text is not None and by_text[1] == "day":
            return by_text
        # a month in the head may be one the report tells of ("ended in October 2022"):
        # days the report tells of that are later than it are nearer its own
        by_days = from_weekdays(text or "", lang)
        if by_days is not None and (by_text is None or by_days[0] >= by_text[0]):
            return by_days
        return by_text
    if by_text is not None and by_text[1] == "day" and by_text[0].replace(day=1) == by_url[0]:
        return by_text
    return by_url
