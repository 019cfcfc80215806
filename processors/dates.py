"""The dates a text gives for its events, resolved against the publication date.

What is found, in each of our languages (word lists in ``data/dates/{lang}.tsv``; a language
without one uses the fallback the registry names, processors/data/languages.tsv: English):

- numeric dates: ``27/6/2022``, ``27.06.2022``, ``2022-06-27``, ``(27/6)``, in
  any digits (``٢٢``, ``۲۲``, ``२२`` are digits to Python);
- day and month names: ``22 Mei``, ``le 22 mai``, ``22 de mayo de 2022``,
  ``22. Mai``, ``22 мая``, ``15 أيار``, ``۲۲ خرداد ۱۴۰۱`` (Solar Hijri, converted),
  ``May 22, 2022``, ``2022年6月27日``, ``6月27日``; month and year: ``June 2022``;
- weekdays (``Senin``, ``on Monday``, ``mardi dernier``, ``周一``, ``月曜日``) and
  yesterday/today/tomorrow (kind ``rel``), counted from the publication date, or the
  day of the month they name in brackets (``domingo (19)``, ``amanhã (19)``);
- last/this/next week (kind ``relweek``: ``pekan lalu``, ``本周``), at the precision of the
  month its middle falls in;
- last/this/next month (kind ``relmonth``: ``bulan lalu``, ``le mois dernier``,
  ``в прошлом месяце``, ``上个月``, ``先月``) and last/this/next year (kind ``relyear``:
  ``tahun lalu``, ``l'an dernier``, ``в прошлом году``, ``去年``), at month and year
  precision;
- a month name with a past or next marker or a relative year: ``last November``,
  ``November lalu``, ``im vergangenen November``, ``في نوفمبر الماضي``,
  ``в ноябре прошлого года``, ``noviembre del año pasado`` (kind ``year_of``: the
  words that may join a month to its year or relative year), ``去年11月``, and a bare numeric
  month in Chinese and Japanese (``11月``), at month precision;
- a year alone after or before a marker: ``in 2014``, ``pada 2005``, ``2014年``,
  ``в 2014 году``;
- feasts on a fixed day of the Gregorian year (kind ``holiday``: ``Christmas Day``,
  ``New Year's Day``, ``Heiligabend``, ``元旦``), with the year told beside them or none;
- a day counted from the day told before it (kind ``told_day``: ``the next day``,
  ``am Vortag``, ``이튿날``, ``翌日``);
- a range of days gives its first day: ``11-14 Juli 2023``, ``vom 4. bis 11. Mai``
  (kind ``range``: the words between the two days).

A date without a year takes the publication year, moved back a year when a past
marker ("lalu", "dernier", "last") would otherwise put it after publication, and
moved by a year when it would lie more than half a year from publication; a
relative year ("22 May last year", "去年11月22日") gives it directly.
Without a publication date, relative and year-less dates are dropped. When the
publication date is known only to the month (``precision="month"``), the rest resolve
by month: a weekday or yesterday gives the publication month (at month precision), a
day written out (``29日``, ``segunda-feira (16)``, ``amanhã (19)``) that month's day.

Every regex starts with a digit or a literal word, so the scan is fast; word
boundaries and markers are checked in Python on the few matches. The words that
make a date without a number (weekdays, relative days, months and years, month
names) are found in one Aho-Corasick pass (`matcher.PatternSet`), word boundaries
built in.

>>> from datetime import date
>>> t = "Mereka bertemu Senin (27/6/2022) dan lagi 22 Mei lalu."
>>> [(d.date, d.precision) for d in find_dates(t, t.lower(), "id", date(2022, 6, 28))]
[('2022-06-27', 'day'), ('2022-05-22', 'day')]
>>> t = "Perundingan bulan lalu gagal; kesepakatan November tahun lalu masih berlaku."
>>> [(d.date, d.precision) for d in find_dates(t, t.lower(), "id", date(2024, 3, 1), "month")]
[('2024-02', 'month'), ('2023-11', 'month')]
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable, Literal

from .ethiopic import ethiopic_to_gregorian, gregorian_to_ethiopic
from .ethiopic import month_days as ethiopic_month_days
from .datafiles import Form, read_rows
from .jalali import gregorian_to_jalali, jalali_to_gregorian
from .languages import is_spaceless, own_languages, resolve, segmentation
from .matcher import PatternSet, extraction_anywhere, extraction_words
from .model import DateMention
from .textutil import fold, is_word_char
from .wordsearch import SharedScan

__all__ = ["find_dates", "part_of_date", "dated_weekdays", "starts_a_period", "starts_from", "is_anniversary",
           "year_told", "bare_weekday", "LANGS", "jalali_to_gregorian", "gregorian_to_jalali"]

DATA_DIR = Path(__file__).with_name("data") / "dates"
#: languages with date words of their own (the others use their registry fallback)
LANGS = own_languages("dates")
# written without spaces before their date words (Korean glues 월/일 and particles, Thai
# writes no spaces): markers match without a space, and 年月日 / 년월일 dates are read
_CJK_LANGS = {"zh", "ja", "ko", "th"}
# the Thai solar calendar counts years from 543 BC: 2568 BE = 2025 AD
_BUDDHIST_ERA = 543
_BUDDHIST_MIN = 1900 + _BUDDHIST_ERA


@dataclass(frozen=True)
class _Calendar:
    """A calendar other than the Gregorian one that a language's news dates events in
    (month names of kind `jmonth`: Solar Hijri; `emonth`: Ethiopian)."""

    to_gregorian: Callable[[int, int, int], date]
    from_gregorian: Callable[[date], tuple[int, int, int]]
    months: int
    month_days: Callable[[int, int], int]   # (year, month) -> days


_JALALI = _Calendar(jalali_to_gregorian, gregorian_to_jalali, 12, lambda y, m: 31 if m <= 6 else 30)
_ETHIOPIC = _Calendar(ethiopic_to_gregorian, gregorian_to_ethiopic, 13, ethiopic_month_days)
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_TOLD_REACH = 200   # "the next day" counts from a day told at most this many characters before it
_HALF_YEAR = timedelta(days=183)
# "in October" without a year: news reports what happened in the months before more
# often than what is planned for the months ahead
_MONTHS_BEHIND, _MONTHS_AHEAD = 8, 3
_WEEK = timedelta(days=7)
_MAX_ANNIVERSARY = 150

_NUM = re.compile("[0-9\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u0E50-\u0E59\u1040-\u1049]+")   # an explicit class scans faster than \\d
_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_GLUED_CLOCK = re.compile(r"(?<![0-9])[0-2]?[0-9]:[0-5][0-9]")   # "10:15" before the day glued to it
_DMY = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[.,]\d)")
_DM_PAREN = re.compile(r"\((\d{1,2})/(\d{1,2})\)")
_DM = re.compile(r"(\d{1,2})([/\-])(\d{1,2})(?!\d|[/\-.,:]\d)")
_DAY_PAREN = re.compile(r"\s?\((\d{1,2})\s*[日일]?\)")     # a weekday's day of the month: "domingo (19)", "오늘 (5일)"
# Chinese/Japanese 年月日 and Korean 년월일 (2025년 8월 10일)
_CJK_MD = re.compile(r"(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日号號일]")
_CJK_YM = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월](?!\s*\d)")
_CJK_Y = re.compile(r"(\d{4})\s*[年년](?!\s*\d)")
_CJK_YEAR_BEFORE = re.compile(r"(\d{4})\s*[年년]\s*$")
_CJK_D = re.compile(r"(\d{1,2})\s*(?:日(?![本曜])|일(?![본간]))")
_CJK_M = re.compile(r"(\d{1,2})\s*[月월](?![\d曜])")
_CJK_DAY_BEFORE = re.compile(r"\d\s*[日일]\s*$")
# what a day's ordinal ending may be before its month: "1er mai", "1.º de mayo", "7-го июля",
# "7th July"
_ORDINAL = r"(?:er|\.º|\.|º|°|-го|-ого|st|nd|rd|th)?"
_DAY_BEFORE = re.compile(rf"\d{_ORDINAL}\s*(?:de\s+)?$")
_NUMBER_BEFORE = re.compile(r"\d\s*$")


@dataclass
class _Lexicon:
    """One language's date words, compiled."""

    lang: str
    cjk: bool              # Chinese and Japanese: 年/月/日 numbers, the year before the month
    spaceless: bool        # no spaces between words (cjk, Thai, Burmese): no word boundaries
    month_day: bool = False
    buddhist: bool = False     # years are counted in the Buddhist era (Thai)
    numeric_day_month: bool = False   # a day/month without its year after a date word ("hôm 6/11")
    months: dict[str, int] = field(default_factory=dict)
    jmonths: dict[str, int] = field(default_factory=dict)   # months of `calendar`
    vague_months: set[str] = field(default_factory=set)      # also common words ("dez" ten, "تیر" bullet)
    calendar: _Calendar = _JALALI
    weekdays: dict[str, tuple[int, bool]] = field(default_factory=dict)   # form -> (iso weekday, ambiguous)
    rel: dict[str, int] = field(default_factory=dict)
    relweeks: dict[str, int] = field(default_factory=dict)               # form -> weeks from publication
    relmonths: dict[str, int] = field(default_factory=dict)              # form -> months from publication
    relyears: dict[str, int] = field(default_factory=dict)               # form -> years from publication
    holidays: dict[str, tuple[int, int]] = field(default_factory=dict)   # form -> (month, day) of a fixed feast
    told_days: dict[str, int] = field(default_factory=dict)              # form -> days from the day told before
    exact: dict[str, str] = field(default_factory=dict)                  # folded -> as written, case-sensitive forms
    markers: dict[str, list[str]] = field(default_factory=dict)          # past_pre, next_post, ... -> forms


def _alt(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def _trie(words) -> str:
    """An alternation of `words` written as a trie, which `re` tries far faster
    than a flat list (each branch fails on its first letter)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return (body if len(alts) > 1 else f"(?:{body})") + "?"
        return body

    return emit(root)


class _Compiled:
    def __init__(self, lex: _Lexicon, shared: SharedScan | None = None, shared_anywhere: SharedScan | None = None) -> None:
        self.lex = lex
        sp = r"\s*" if lex.spaceless else r"\s+"
        end = "" if lex.spaceless else r"(?!\w)"
        m = lex.markers
        self.day_month = self.month_day = self.month_year = self.year_before_month = None
        # one scan for the words that make a date without a number; month names are in
        # it too (they count only next to a marker), and found around numbers elsewhere
        words = [*lex.weekdays, *lex.rel, *lex.relweeks, *lex.relmonths, *lex.relyears, *lex.holidays, *lex.told_days]
        if not lex.cjk:
            words += [*lex.months, *lex.jmonths]
        # Aho-Corasick with word boundaries built in: one C pass, whatever the number of words
        self.words = PatternSet([(w, w) for w in words], shared, shared_anywhere) if words else None
        self.month_before_year = self.month_before_day = None
        # what may stand between a month and its year: "de 2023", "of 2023", "mwaka 2015"
        link = r"de\s+|del\s+|of\s+|,\s*" + (rf"|(?:{_trie(m['year_of'])})\s+" if m.get("year_of") else "")
        # what may stand between a day and its month ("22 de mayo", Hausa "12 ga Mayu") and
        # after a day ("ሰኔ 5 ቀን", "အောက်တိုဘာလ ၂၉ ရက်")
        day_of = rf"(?:(?:de|{_trie(m['day_of'])})\s+)?" if m.get("day_of") else r"(?:de\s+)?"
        day_post = rf"(?:\s*(?:{_trie(m['day_post'])}))?" if m.get("day_post") else ""
        if lex.months or lex.jmonths:
            names = _trie([*lex.months, *lex.jmonths])
            self.day_month = re.compile(
                rf"(\d{{1,2}}){_ORDINAL}\s*{day_of}({names})(?!\w)(?:\s*[/(]\s*(?:{names})(?:\s*\))?)?"
                rf"(?:\s*(?:{link})?(\d{{4}})(?!\d))?"
            )
            self.month_year = re.compile(rf"({names})\.?\s*(?:{link})?(\d{{4}})(?!\d)")
            self.month_before_year = re.compile(rf"(?:{names})\.?\s*(?:{link})?$")
            if lex.month_day:
                self.month_day = re.compile(rf"({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d){day_post}"
                                            rf"(?:[,፣]?\s*(\d{{4}})(?!\d))?")
                self.month_before_day = re.compile(rf"(?:{names})\.?\s+$")
                # the year may come first: "2021 թվականի մարտի 16-ին"
                year_word = rf"(?:{_alt(m['year_post'])})?" if m.get("year_post") else ""
                self.year_before_month = re.compile(rf"(\d{{4}})\s*{year_word}\s*$")

        def before(kind: str) -> re.Pattern | None:
            forms = m.get(kind)
            return re.compile(rf"(?:{_trie(forms)}){sp}$") if forms else None

        def after(kind: str) -> re.Pattern | None:
            forms = m.get(kind)
            return re.compile(rf"{sp}(?:{_alt(forms)}){end}") if forms else None

        self.past_pre, self.next_pre, self.on_pre = before("past_pre"), before("next_pre"), before("on_pre")
        # "in October", "w lipcu", "اکتوبر میں": a month name that a preposition makes a time
        self.month_pre = before("month_pre")
        self.month_post = re.compile(rf"\s*(?:{_alt(m['month_post'])}){end}") if m.get("month_post") else None
        self.count_pre = before("count_pre")
        self.next_weekday_pre = before("next_weekday_pre")   # "ab Freitag": the coming Friday
        # "since October 2023", "seit 2020", "自2023年10月以来": the start of a state that lasts
        self.since_pre = before("since_pre")
        self.since_opening = re.compile(rf"(?:{_trie(m['since_pre'])}){sp}") if m.get("since_pre") else None
        self.since_post = re.compile(rf"\s*(?:{_alt(m['since_post'])})") if m.get("since_post") else None
        self.count_post = after("count_post")   # "3-4 giờ" (3 to 4 hours) is no day and month
        # "from midnight on Sunday", "à partir de dimanche", "6日午前0時から": the time a state
        # begins (a clock time or a word for one, and short words such as "on", may stand between)
        clock = r"(?:(?:[0-9]{1,2}(?:[:.h][0-9]{2})?|[^\W\d]{5,12})\s*[^\W\d]{0,5}\.?\s*(?:[^\W\d]{1,4}\s+){0,2})?"
        self.from_pre = re.compile(rf"(?:{_trie(m['from_pre'])}){sp}{clock}$") if m.get("from_pre") else None
        self.from_post = re.compile(rf"[^\n.,;、。，]{{0,10}}?(?:{_alt(m['from_post'])}){end}") \
            if m.get("from_post") else None
        # "the 10th anniversary of", "10周年", "(၄)နှစ်ပြည့်" (anniv_post), "peringatan 10 tahun",
        # "ครบรอบ 10 ปี" (anniv_pre): N years since what it commemorates
        num = _NUM.pattern
        self.anniv_post = re.compile(rf"(?<!\d)\(?({num})[^\s\d]{{0,4}}\s*(?:{_trie(m['anniv_post'])}){end}") \
            if m.get("anniv_post") else None
        self.anniv_pre = re.compile(rf"(?:{_trie(m['anniv_pre'])})[\s\-]*(?:[^\W\d]{{1,3}}[\s\-]*)?"
                                    rf"({num})(?![\d/.:,])") if m.get("anniv_pre") else None
        # the words that tell a date's year or side of the publication day ("last year", "last")
        told = [*lex.relyears, *m.get("past_pre", ()), *m.get("past_post", ())]
        self.told_year = re.compile(_trie(told)) if told else None
        anniv_words = [*m.get("anniv_post", ()), *m.get("anniv_pre", ())]
        self.anniv_words = re.compile(_trie(anniv_words)) if anniv_words else None   # a text without them: no scan
        # "3日前", "3일 전" (3 days ago), "3日後" (3 days later): a count of days, no day of the month
        glued = rf"\s*(?:{{}}){end}"
        self.ago_post = re.compile(glued.format(_alt(m["ago_post"]))) if m.get("ago_post") else None
        self.later_post = re.compile(glued.format(_alt(m["later_post"]))) if m.get("later_post") else None
        self.span_post = re.compile(glued.format(_alt(m["span_post"]))) if m.get("span_post") else None
        self.other_pre = before("other_pre")   # "選挙の3日前": days before another day than today
        self.past_post, self.next_post, self.on_post = after("past_post"), after("next_post"), after("on_post")
        self.year_pre = re.compile(rf"(?:{_trie(m['year_pre'])})\s+$") if m.get("year_pre") else None
        self.year_post = re.compile(rf"\s*(?:{_alt(m['year_post'])})(?!\w)") if m.get("year_post") else None
        self.relyear_pre = self.relyear_post = None
        if lex.relyears:
            ry = _trie(lex.relyears)
            self.relyear_pre = re.compile(rf"(?:{ry})\s*$")
            joins = rf"(?:(?:{_trie(m['year_of'])}){sp})?" if m.get("year_of") else ""
            if not lex.cjk:   # "去年11月": in Chinese and Japanese the year comes first
                self.relyear_post = re.compile(rf"\s*(?:,\s*)?{joins}({ry}){end}")
        self.year_or_day_after = re.compile(rf"\s*(?:{link})?\d")
        # the year of a feast day after it ("Christmas Day in 2015", "Noël 2015") or, in Chinese,
        # Japanese and Korean, before it ("2015年のクリスマス", "2015年圣诞节")
        years_in = rf"|(?:{_trie(m['year_pre'])}){sp}" if m.get("year_pre") else ""
        self.holiday_year = re.compile(rf"\s*(?:{link}{years_in})?(\d{{4}})(?!\d)")
        self.holiday_year_before = re.compile(r"(\d{4})\s*[年년]\s*(?:の|的|의)?\s*$")
        # the first day of a range before a day and month: "11-14 Juli", "4. bis 11. Mai"
        joins = rf"|(?:{_trie(m['range'])})\s+" if m.get("range") else ""
        self.range_before = re.compile(rf"(\d{{1,2}})(?:er|\.|º)?\s*(?:-\s*{joins})$")


def _load(lang: str) -> _Lexicon:
    lex = _Lexicon(lang, segmentation(lang) == "cjk" or lang in _CJK_LANGS, is_spaceless(lang))
    path = DATA_DIR / f"{lang}.tsv"
    for row in read_rows(path):
        kind, value, forms = row.cols[:3]
        if kind == "option":
            setattr(lex, value, forms == "1")
            continue
        for raw in forms.split("|"):
            parsed = Form.parse(raw)
            ambiguous, raw = parsed.ambiguous, parsed.text
            form = fold(raw)
            if parsed.exact:
                lex.exact[form] = raw
            if kind in ("month", "jmonth", "emonth"):   # the last line a form is on decides
                (lex.vague_months.add if ambiguous else lex.vague_months.discard)(form)
            if kind == "month":
                lex.months[form] = int(value)
            elif kind in ("jmonth", "emonth"):
                lex.jmonths[form] = int(value)
                lex.calendar = _JALALI if kind == "jmonth" else _ETHIOPIC
            elif kind == "weekday":
                lex.weekdays[form] = (int(value), ambiguous)
            elif kind == "rel":
                lex.rel[form] = int(value)
            elif kind == "relweek":
                lex.relweeks[form] = int(value)
            elif kind == "relmonth":
                lex.relmonths[form] = int(value)
            elif kind == "relyear":
                lex.relyears[form] = int(value)
            elif kind == "told_day":
                lex.told_days[form] = int(value)
            elif kind == "holiday":
                month, day = value.split("-")
                lex.holidays[form] = (int(month), int(day))
            else:
                lex.markers.setdefault(kind, []).append(form)
    return lex


@lru_cache(maxsize=None)
def _compiled(lang: str) -> _Compiled:
    return _Compiled(_load(resolve("dates", lang) or "en"), extraction_words(lang), extraction_anywhere(lang))


def _back(rx: re.Pattern, f: str, start: int, span: int, spaceless: bool) -> int | None:
    """Where a `...$` pattern matches just before `start`, if it begins a word there.

    The patterns start with a literal, so `re` finds them fast; the word boundary
    (a lookbehind would slow every search) is checked here."""
    m = rx.search(f, max(0, start - span), start)
    if m is None:
        return None
    s = m.start()
    if s and not spaceless and is_word_char(f[s - 1]):
        return None
    return s


# --- finding ------------------------------------------------------------------------------------

class _Finder:
    def __init__(self, text: str, folded: str, lang: str, published: date | None, precision: str = "day") -> None:
        self.text, self.f, self.pub = text, folded, published
        self.by_month = precision == "month"   # the publication day is unknown
        self.c = _compiled(lang)
        self.lex = self.c.lex
        self.cands: list[tuple[int, int, int, DateMention]] = []   # start, end, priority, mention
        self.told: list[tuple[int, int, str]] = []   # "the next day", "이튿날": start, end, form

    # boundaries and markers
    def _pre(self, rx: re.Pattern | None, start: int) -> int | None:
        if rx is None:
            return None
        return _back(rx, self.f, start, 30, self.lex.spaceless)

    def _post(self, rx: re.Pattern | None, end: int) -> int | None:
        if rx is None:
            return None
        m = rx.match(self.f, end)
        return m.end() if m else None

    def _add(self, start: int, end: int, prio: int, value: str, precision: str) -> None:
        self.cands.append((start, end, prio, DateMention(value, precision, start, end)))  # type: ignore[arg-type]

    def _ce(self, y: int) -> int:
        """A year as written -> the Gregorian year (2568 in a Thai text is 2025)."""
        return y - _BUDDHIST_ERA if self.lex.buddhist and y >= _BUDDHIST_MIN else y

    def _day(self, start: int, end: int, prio: int, y: int | None, m: int, d: int, cal: _Calendar | None = None) -> None:
        """A day; `y` None means the year is to be inferred from the publication date."""
        if y is not None and cal is None:
            y = self._ce(y)
        past_end = self._post(self.c.past_post, end)
        next_end = self._post(self.c.next_post, end)
        marker_start = None
        if y is None and past_end is None and next_end is None:
            if (marker_start := self._pre(self.c.past_pre, start)) is not None:
                past_end = end
            elif (marker_start := self._pre(self.c.next_pre, start)) is not None:
                next_end = end
        if y is None and self.pub is not None and (rel := self._relyear(start, end)) is not None:
            delta, start, end = rel
            base = cal.from_gregorian(self.pub)[0] if cal else self.pub.year
            y, past_end, next_end, marker_start = base + delta, None, None, None
        try:
            if y is None:
                if self.pub is None:
                    return
                if cal:
                    cy = cal.from_gregorian(self.pub)[0]
                    if not 1 <= m <= cal.months or not 1 <= d <= cal.month_days(cy, m):
                        return
                    when = cal.to_gregorian(cy, m, d)
                else:
                    when = date(self.pub.year, m, d)
                when = self._shift(when, past_end is not None, next_end is not None)
            elif cal:
                if not 1 <= m <= cal.months or not 1 <= d <= cal.month_days(y, m):
                    return
                when = cal.to_gregorian(y, m, d)
            else:
                if not _MIN_YEAR <= y <= _MAX_YEAR:
                    return
                when = date(y, m, d)
        except ValueError:
            return
        if y is None:
            end = past_end or next_end or end
            start = start if marker_start is None else marker_start
        self._add(start, end, prio, when.isoformat(), "day")

    def _shift(self, when: date, past: bool, nxt: bool) -> date:
        pub = self.pub
        assert pub is not None

        def year(d: date, delta: int) -> date:
            try:
                return d.replace(year=d.year + delta)
            except ValueError:   # 29 February
                return d.replace(year=d.year + delta, day=28)

        if self.by_month:   # compare months only; the half-year rule from mid-month
            if past or nxt:
                d = (when.year - pub.year) * 12 + when.month - pub.month
                return year(when, -1) if past and d > 0 else year(when, 1) if nxt and d < 0 else when
            pub = pub.replace(day=15)
        if past:
            return year(when, -1) if when > pub else when
        if nxt:
            return year(when, 1) if when < pub else when
        if when - pub > _HALF_YEAR:
            return year(when, -1)
        if pub - when > _HALF_YEAR:
            return year(when, 1)
        return when

    def _month_no(self, name: str) -> tuple[int, _Calendar | None]:
        """(month, its calendar, None for the Gregorian one)."""
        if name in self.lex.months:
            return self.lex.months[name], None
        return self.lex.jmonths[name], self.lex.calendar

    # the patterns
    def numbers(self) -> None:
        """Everything that starts with a number, found from one scan for digit runs."""
        f, c, lex, pub = self.f, self.c, self.lex, self.pub
        cjk = lex.cjk
        skip = -1
        for m in _NUM.finditer(f):
            s, e = m.span()
            if s < skip:
                continue
            prev = f[s - 1] if s else " "
            if prev in ".,/:" and s >= 2 and f[s - 2].isdigit():
                g = _GLUED_CLOCK.search(f, max(0, s - 3), s + 2) if prev == ":" and 3 <= e - s <= 4 else None
                if g is None or g.end() != s + 2:
                    continue
                # a page's clock glued to the day after it ("10:157 ноября", a line break lost
                # between the time stamp and the lead): the minutes are two digits, the rest
                # is the day
                s, prev = s + 2, " "
            n = e - s
            if n == 3 or n > 4:
                continue   # no pattern below starts with a number of 3 or more than 4 digits
            hit = None
            nxt = f[e] if e < len(f) else " "
            # cheap looks at the neighbours before any regex: most numbers are not dates
            word_after = nxt.isalpha() or (e + 1 < len(f) and (f[e + 1].isalpha() or (e + 2 < len(f) and f[e + 2].isalpha())))
            word_before = prev == " " and s >= 2 and (f[s - 2].isalpha() or f[s - 2] in ".,")
            if n == 4 and nxt in "-/." and (hit := _ISO.match(f, s)):
                self._day(s, hit.end(), 0, int(hit[1]), int(hit[3]), int(hit[4]))
            elif n <= 2:
                if prev == "(" and (hit := _DM_PAREN.match(f, s - 1)):
                    self._day(s - 1, hit.end(), 1, None, int(hit[2]), int(hit[1]))
                elif nxt in "/.-" and (hit := _DMY.match(f, s)):
                    a, b, y = int(hit[1]), int(hit[3]), int(hit[4])
                    if len(hit[4]) == 2:
                        y += 2000 if y < 70 else 1900
                    if a <= 12 < b:
                        a, b = b, a
                    self._day(s, hit.end(), 0, y, b, a)
                elif lex.numeric_day_month and nxt in "/-" and (dm := self._day_month_numbers(s)) is not None:
                    hit = dm
                elif cjk and (hit := _CJK_MD.match(f, s)):
                    y = _CJK_YEAR_BEFORE.search(f, max(0, s - 8), s)
                    if y:
                        self._day(y.start(), hit.end(), 0, int(y[1]), int(hit[1]), int(hit[2]))
                    else:
                        self._day(s, hit.end(), 1, None, int(hit[1]), int(hit[2]))
                elif cjk and pub is not None and (hit := _CJK_M.match(f, s)):
                    if not _CJK_DAY_BEFORE.search(f, max(0, s - 4), s):   # "3日~5月" is not "5月"
                        self._bare_month(s, hit.end(), int(hit[1]))
                elif cjk and pub is not None and prev not in "月年월년" and (hit := _CJK_D.match(f, s)):
                    self._day_of_month(s, hit.end(), int(hit[1]))
                elif c.day_month is not None and word_after and (cjk or not is_word_char(prev)) and (hit := c.day_month.match(f, s)):
                    month, cal = self._month_no(hit[2])
                    start, d = s, int(hit[1])
                    if prev in " -" and (r := _back(c.range_before, f, s, 16, cjk)) is not None:
                        first = c.range_before.match(f, r, s)
                        if first is not None and int(first[1]) < d:   # "11-14 Juli", "vom 4. bis 11. Mai"
                            start, d = r, int(first[1])
                    self._day(start, hit.end(), 0, int(hit[3]) if hit[3] else None, month, d, cal)
                elif c.month_before_day is not None and word_before and (b := _back(c.month_before_day, f, s, 16, cjk)) is not None:
                    if hit := c.month_day.match(f, b):
                        month, cal = self._month_no(hit[1])
                        year, start = (int(hit[3]) if hit[3] else None), b
                        if year is None and c.year_before_month is not None:
                            yb = c.year_before_month.search(f, max(0, b - 24), b)
                            if yb is not None:
                                year, start = int(yb[1]), yb.start()
                        self._day(start, hit.end(), 0, year, month, int(hit[2]), cal)
            elif n == 4:
                if cjk and (hit := _CJK_YM.match(f, s)):
                    if 1 <= int(hit[2]) <= 12 and _MIN_YEAR <= int(hit[1]) <= _MAX_YEAR:
                        self._add(s, hit.end(), 2, f"{int(hit[1]):04d}-{int(hit[2]):02d}", "month")
                elif cjk and (hit := _CJK_Y.match(f, s)):
                    if _MIN_YEAR <= int(hit[1]) <= _MAX_YEAR:
                        self._add(s, hit.end(), 3, str(int(hit[1])), "year")
                else:
                    if c.month_before_year is not None and word_before and (b := _back(c.month_before_year, f, s, 24, cjk)) is not None:
                        self._month_year(b)
                    self._year(s, e)
            if hit:
                skip = hit.end()

    def _day_month_numbers(self, s: int) -> re.Match | None:
        """"hôm 6/11", "ngày 18-10": a day/month after a date word, not a count ("3-4 giờ")."""
        hit = _DM.match(self.f, s)
        if hit is None or self._post(self.c.count_post, hit.end()) is not None:
            return None
        on = self._pre(self.c.on_pre, s)
        if on is None:
            return None
        self._day(on, hit.end(), 1, None, int(hit[3]), int(hit[1]))
        return hit

    def _day_of_month(self, s: int, e: int, d: int) -> None:
        """"29日": this month's day (up to a week ahead: "from the 6th" in a report of the
        5th), or last month's if this month's is further ahead."""
        assert self.pub is not None
        if self._days_counted(s, e, d):
            return
        if self.by_month:    # the publication month's day (the URL gives only the month)
            try:
                self._add(s, e, 4, self.pub.replace(day=d).isoformat(), "day")
            except ValueError:
                pass
            return
        past = self._pre(self.c.past_pre, s)
        nxt = None if past is not None else self._pre(self.c.next_pre, s)
        if past is not None or nxt is not None:
            # "지난 7일" (the 7th just gone), "오는 22일" (the coming 22nd): the nearest such day
            # on the marker's side of the publication day, in this month or the next/last ones
            step = -1 if past is not None else 1
            for k in range(3):
                y, mo = divmod(self.pub.year * 12 + self.pub.month - 1 + step * k, 12)
                try:
                    when = date(y, mo + 1, d)
                except ValueError:
                    continue
                if (when <= self.pub) if past is not None else (when >= self.pub):
                    start = past if past is not None else nxt
                    self._add(start, e, 4, when.isoformat(), "day")  # type: ignore[arg-type]
                    return
            return
        for back in (0, 1):
            y, mo = self.pub.year, self.pub.month - back
            if mo == 0:
                y, mo = y - 1, 12
            try:
                when = date(y, mo, d)
            except ValueError:
                continue
            if when <= self.pub + _WEEK:
                self._add(s, e, 4, when.isoformat(), "day")
                return

    def _days_counted(self, s: int, e: int, n: int) -> bool:
        """Whether "3日" is a number of days, not the 3rd: "3日前" / "3일 전" (3 days ago) and
        "3日後" (3 days later) are that many days from publication, "3日間" (for 3 days) and
        "選挙の3日前" (3 days before the election) no date the text can tell."""
        c = self.c
        if self._post(c.span_post, e) is not None:
            return True
        ago, later = self._post(c.ago_post, e), self._post(c.later_post, e)
        if ago is None and later is None:
            return False
        if self._pre(c.past_pre, s) is not None or self._pre(c.next_pre, s) is not None:
            return False   # "오는 15일 전까지": before the coming 15th, a day of the month
        if self._pre(c.other_pre, s) is None:
            assert self.pub is not None
            if self.by_month:
                self._in_publication_month(s, ago or later, 4)  # type: ignore[arg-type]
            else:
                when = self.pub + timedelta(days=-n if ago is not None else n)
                self._add(s, ago or later, 4, when.isoformat(), "day")  # type: ignore[arg-type]
        return True

    def _year(self, s: int, e: int) -> None:
        c, f = self.c, self.f
        if c.year_pre is None and c.year_post is None:
            return
        if e < len(f) and f[e] in ".," and e + 1 < len(f) and f[e + 1].isdigit():
            return
        y = self._ce(int(f[s:e]))
        if not _MIN_YEAR <= y <= _MAX_YEAR:
            return
        pre = self._pre(c.year_pre, s)
        post = self._post(c.year_post, e)
        if pre is None and post is None:
            return
        if pre is not None and self.pub is not None and self.lex.lang == "en" and f[pre:pre + 3] == "the" and y > self.pub.year:
            return
        self._add(pre if pre is not None else s, post or e, 3, str(y), "year")

    def words(self) -> None:
        """Weekdays, yesterday/today/tomorrow, last/next month and year, month names, feasts: one scan."""
        c, f, lex, pub = self.c, self.f, self.lex, self.pub
        if c.words is None or pub is None and not lex.holidays and not lex.told_days:
            return
        last_end = -1
        found = sorted(c.words.find(f), key=lambda m: (m[0], -m[1]))
        weekdays = [(s, e) for s, e, w in found if w in lex.weekdays]
        for s, e, w in found:
            if s < last_end:
                continue   # the longest of overlapping words
            if w in lex.relweeks and any(ws < e and s < we for ws, we in weekdays):
                continue   # "上周二" is last week's Tuesday, not last week
            last_end = e
            if w in lex.told_days:
                self.told.append((s, e, w))   # resolved once every other date is found
                continue
            if w in lex.holidays:   # (a feast of a year told beside it needs no publication date)
                self._holiday(s, e, *lex.holidays[w])
                continue
            if pub is None:
                continue
            if w in lex.rel:
                if not (w in lex.exact and self.text[s:e] != lex.exact[w]):
                    self._rel_day(s, e, lex.rel[w])
            elif w in lex.weekdays:
                self._weekday(s, e, *lex.weekdays[w])
            elif (w in lex.relweeks or w in lex.relmonths or w in lex.relyears) and self._counted(s):
                continue   # "dua tahun lalu", "3 years ago": a span, not last year
            elif w in lex.relweeks:
                self._week(s, e, lex.relweeks[w])
            elif w in lex.relmonths:
                y, mo = divmod(pub.year * 12 + pub.month - 1 + lex.relmonths[w], 12)
                self._add(s, e, 5, f"{y:04d}-{mo + 1:02d}", "month")
            elif w in lex.relyears:
                self._add(s, e, 5, str(pub.year + lex.relyears[w]), "year")
            else:
                self._month_word(s, e, *self._month_no(w))

    def _holiday(self, s: int, e: int, month: int, day: int) -> None:
        """A feast on a fixed day of the Gregorian year ("Christmas Day", "New Year's Day",
        "元旦"): that day, of the year told with it ("on Christmas Day in 2015", "2015年圣诞节")
        or else the one a date without its year takes ("last Christmas Eve")."""
        c = self.c
        after = c.holiday_year.match(self.f, e)
        if after is not None and _MIN_YEAR <= self._ce(int(after[1])) <= _MAX_YEAR:   # not "Christmas Day 3000 troops"
            self._day(s, after.end(), 0, int(after[1]), month, day)
            return
        before = c.holiday_year_before.search(self.f, max(0, s - 8), s) if self.lex.cjk else None
        if before is not None and _MIN_YEAR <= int(before[1]) <= _MAX_YEAR:
            self._day(before.start(), e, 0, int(before[1]), month, day)
            return
        self._day(s, e, 4, None, month, day)

    def days_from_told(self) -> None:
        """"The next day", "le lendemain", "이튿날", "前日": a day counted from the day the text
        told just before it (within `_TOLD_REACH` characters), not from the publication date; a
        form that also counts from publication ("전날", "다음날") does so when no day is told before it."""
        if not self.told:
            return
        # the days found, by end (the most certain last among equal ends): one search per word,
        # not a pass over every date for each (a text may hold thousands of both)
        days_told = sorted((c[1], -c[2], c[3].date) for c in self.cands if c[3].precision == "day")
        for s, e, w in sorted(self.told):
            i = bisect_right(days_told, (s, 0, "~"))
            if not i or s - days_told[i - 1][0] > _TOLD_REACH:
                if w in self.lex.rel and self.pub is not None:
                    self._rel_day(s, e, self.lex.rel[w])
                continue
            when = date.fromisoformat(days_told[i - 1][2]) + timedelta(days=self.lex.told_days[w])
            self._add(s, e, 4, when.isoformat(), "day")
            insort(days_told, (e, -4, when.isoformat()))   # "the next day ... the day after that"

    def _week(self, s: int, e: int, weeks: int) -> None:
        """This, last or next week: the month its middle falls in (a week is no date of
        its own); this week's is the publication month (what it tells of happened by then,
        or soon after), as is any when only that month is known."""
        assert self.pub is not None
        if self.by_month or weeks == 0:
            self._in_publication_month(s, e, 5)
            return
        monday = self.pub - timedelta(days=self.pub.isoweekday() - 1)
        mid = monday + timedelta(days=7 * weeks + 3)
        self._add(s, e, 5, f"{mid.year:04d}-{mid.month:02d}", "month")

    def _rel_day(self, s: int, e: int, days: int) -> None:
        """Yesterday, today, tomorrow: a day from publication, or the day of the month it
        names in brackets ("amanhã (19)", "kemarin (24)")."""
        assert self.pub is not None
        paren = _DAY_PAREN.match(self.f, e)
        if paren:
            when = self._paren_day(int(paren[1]), self.pub + timedelta(days=days), None)
            if when is not None:
                self._add(s, paren.end(), 1, when.isoformat(), "day")
                return
        if self.by_month:
            self._in_publication_month(s, e, 5)
        else:
            self._add(s, e, 5, (self.pub + timedelta(days=days)).isoformat(), "day")

    def _paren_day(self, day: int, near: date, weekday: int | None) -> date | None:
        """The day of the month a bracket names after a weekday or a relative day: the one
        nearest `near` (when the publication day is known), else the publication month's."""
        assert self.pub is not None
        if not self.by_month:
            return _day_near(near, day, weekday)
        try:
            return self.pub.replace(day=day)
        except ValueError:
            return None

    def _in_publication_month(self, s: int, e: int, prio: int) -> None:
        """A day counted from a publication date known only to its month (a weekday,
        "yesterday"): the publication month, at month precision (a week back or ahead
        stays in it more often than not)."""
        assert self.pub is not None
        self._add(s, e, prio, f"{self.pub.year:04d}-{self.pub.month:02d}", "month")

    def _counted(self, s: int) -> bool:
        return _NUMBER_BEFORE.search(self.f, max(0, s - 4), s) is not None or self._pre(self.c.count_pre, s) is not None

    def _relyear(self, s: int, e: int) -> tuple[int, int, int] | None:
        """A relative year just after or just before s..e ("November last year", "去年11月"):
        (years from publication, new start, new end)."""
        c = self.c
        if c.relyear_post is not None and (m := c.relyear_post.match(self.f, e)):
            return self.lex.relyears[m[1]], s, m.end()
        if c.relyear_pre is not None and (b := _back(c.relyear_pre, self.f, s, 24, self.lex.spaceless)) is not None:
            rel = c.relyear_pre.match(self.f, b, s)
            assert rel is not None
            return self.lex.relyears[rel[0].rstrip()], b, e
        return None

    def _month_word(self, s: int, e: int, month: int, cal: _Calendar | None) -> None:
        """A month name without a day or year: a date only beside a marker or a relative year."""
        c, f = self.c, self.f
        if c.year_or_day_after.match(f, e) or _DAY_BEFORE.search(f, max(0, s - 8), s):
            return   # "November 2023", "22 November", "November 22": the number scan has it
        rel = self._relyear(s, e)
        if rel is not None:
            self._month(rel[1], rel[2], month, cal, years=rel[0])
            return
        past_s, next_s = self._pre(c.past_pre, s), self._pre(c.next_pre, s)
        past_e, next_e = self._post(c.past_post, e), self._post(c.next_post, e)
        if past_s is not None or past_e is not None:
            self._month(past_s if past_s is not None else s, past_e or e, month, cal, past=True)
        elif next_s is not None or next_e is not None:
            self._month(next_s if next_s is not None else s, next_e or e, month, cal, nxt=True)
        elif self.f[s:e] not in self.lex.vague_months:   # "em dez dias" is in ten days
            in_s, in_e = self._pre(c.month_pre, s), self._post(c.month_post, e)
            if in_s is not None or in_e is not None:
                self._month(s if in_s is None else in_s, in_e or e, month, cal, recent=True)

    def _bare_month(self, s: int, e: int, month: int) -> None:
        """"11月" (CJK), with a relative year before it or not."""
        rel = self._relyear(s, e)
        if rel is not None:
            self._month(rel[1], e, month, None, years=rel[0])
        else:
            self._month(s, e, month, None)

    def _month(self, s: int, e: int, month: int, cal: _Calendar | None, *, years: int | None = None,
               past: bool = False, nxt: bool = False, recent: bool = False) -> None:
        """A month of a year counted from the publication date: `years` from it, or the
        last (`past`), next (`nxt`), the one news would mean by "in October" (`recent`:
        up to `_MONTHS_BEHIND` back, else ahead) or the nearest such month."""
        if not 1 <= month <= (cal.months if cal else 12):
            return
        assert self.pub is not None
        y, pm = cal.from_gregorian(self.pub)[:2] if cal else (self.pub.year, self.pub.month)
        if years is not None:
            y += years
        elif past:
            y -= month >= pm
        elif nxt:
            y += month <= pm
        elif recent:
            if month - pm > _MONTHS_AHEAD:
                y -= 1
            elif pm - month > _MONTHS_BEHIND:
                y += 1
        elif month - pm > 6:
            y -= 1
        elif pm - month > 6:
            y += 1
        if cal:
            g = cal.to_gregorian(y, month, min(15, cal.month_days(y, month)))
            y, month = g.year, g.month
        if _MIN_YEAR <= y <= _MAX_YEAR:
            self._add(s, e, 2, f"{y:04d}-{month:02d}", "month")

    def _month_year(self, s: int) -> None:
        c = self.c
        if c.month_year is not None and (m := c.month_year.match(self.f, s)):
            month, cal = self._month_no(m[1])
            y = int(m[2]) if cal else self._ce(int(m[2]))
            if cal:
                if not _MIN_YEAR - 700 <= y <= _MAX_YEAR:
                    return
                g = cal.to_gregorian(y, month, min(15, cal.month_days(y, month)))
                self._add(s, m.end(), 2, f"{g.year:04d}-{g.month:02d}", "month")
            elif _MIN_YEAR <= y <= _MAX_YEAR:
                self._add(s, m.end(), 2, f"{y:04d}-{month:02d}", "month")

    def _weekday(self, s: int, e: int, wd: int, ambiguous: bool) -> None:
        c, lex, pub = self.c, self.lex, self.pub
        assert pub is not None
        past_s, next_s = self._pre(c.past_pre, s), self._pre(c.next_pre, s)
        if next_s is None:
            next_s = self._pre(c.next_weekday_pre, s)
        past_e, next_e = self._post(c.past_post, e), self._post(c.next_post, e)
        # the words for "on" matter only to an ambiguous weekday name: looked for last
        if ambiguous and all(x is None for x in (past_s, next_s, past_e, next_e)) \
                and self._pre(c.on_pre, s) is None and self._post(c.on_post, e) is None:
            return
        paren = _DAY_PAREN.match(self.f, e)
        if paren:   # "domingo (19)", "Senin (24)": the day it names
            when = self._paren_day(int(paren[1]), pub, wd)
            if when is not None:
                self._add(s, paren.end(), 1, when.isoformat(), "day")
                return
        if self.by_month:
            marked = any(x is not None for x in (past_s, next_s, past_e, next_e))
            self._in_publication_month(s, e, 7 if marked else 6)
            return
        today = pub.isoweekday()
        monday = pub - timedelta(days=today - 1)
        if lex.cjk and next_s is not None:     # 下周三, 来週の水曜日: in next week
            when = monday + timedelta(days=7 + wd - 1)
        elif lex.cjk and past_s is not None:   # 上周二, 先週の火曜日: in last week
            when = monday - timedelta(days=7 - wd + 1)
        elif next_s is not None or next_e is not None:
            when = pub + timedelta(days=(wd - today) % 7 or 7)
        elif past_s is not None or past_e is not None:
            when = pub - timedelta(days=(today - wd) % 7 or 7)
        else:
            when = pub - timedelta(days=(today - wd) % 7)
        start = min(x for x in (s, past_s, next_s) if x is not None)
        end = max(x for x in (e, past_e, next_e) if x is not None)
        marked = start != s or end != e
        self._add(start, end, 7 if marked else 6, when.isoformat(), "day")

    def anniversaries(self) -> None:
        """"The 4th anniversary of the accord", "停战协议签署10周年": the year of what is
        commemorated, that many years before the publication year (only with a publication
        date, of at most _MAX_ANNIVERSARY years)."""
        if self.pub is None or self.c.anniv_words is None or self.c.anniv_words.search(self.f) is None:
            return
        for rx in (self.c.anniv_post, self.c.anniv_pre):
            if rx is None:
                continue
            for m in rx.finditer(self.f):
                n = int(m[1])
                if 1 <= n <= _MAX_ANNIVERSARY:
                    self._add(m.start(), m.end(), 3, f"{self.pub.year - n:04d}", "year")

    def result(self) -> list[DateMention]:
        cands = sorted(self.cands, key=lambda c: (c[0], c[0] - c[1], c[2]))
        absolute = [(c[0], c[1]) for c in cands if c[2] <= 4]
        out: list[DateMention] = []
        last_end = -1
        for start, end, prio, mention in cands:
            if start < last_end:
                continue
            if prio == 6 and any(0 <= a - end <= 4 for a, _ in absolute):
                continue   # "Senin (27/6/2022)": the date says it
            out.append(mention)
            last_end = end
        return out


def _day_near(pub: date, day: int, weekday: int) -> date | None:
    """The date with this day of the month nearest `pub` (last, this or next month),
    one that falls on `weekday` first."""
    cands = []
    for dm in (-1, 0, 1):
        y, m = pub.year + (pub.month - 1 + dm) // 12, (pub.month - 1 + dm) % 12 + 1
        try:
            cands.append(date(y, m, day))
        except ValueError:
            continue
    if not cands:
        return None
    return min(cands, key=lambda d: (d.isoweekday() != weekday, abs((d - pub).days)))


def find_dates(text: str, folded: str, lang: str, published: date | None,
               precision: Literal["day", "month"] = "day") -> list[DateMention]:
    """Event dates given in `text` (`folded` = `fold(text)`), in order, without overlaps.

    `published` anchors relative dates ("yesterday", "Monday", "22 Mei lalu", "last
    month"); without it only dates that carry their year are returned. `precision`
    says how much of `published` is known: "day", or "month" (its day is then
    ignored, and dates that need it, "Monday" or "yesterday", are dropped).
    """
    if precision not in ("day", "month"):
        raise ValueError(f"precision must be 'day' or 'month', not {precision!r}")
    finder = _Finder(text, folded, lang, published, precision)
    finder.numbers()
    finder.words()
    finder.days_from_told()
    finder.anniversaries()
    return finder.result()


_WEEKDAY_DM = re.compile(r"\s?\((\d{1,2})/(\d{1,2})\)")   # "Sabtu (8/4)"
_WEEKDAY_CYCLE = 6     # the same day and month fall on the same weekday again within 6 to 11 years


def dated_weekdays(text: str, folded: str, lang: str) -> list[date]:
    """The days that a weekday with its day and month in brackets names ("Sabtu (8/4)",
    "Minggu (9/4)"), for a text without a publication date: the weekday tells the year,
    the one nearest the latest year the text writes out (a report mentions the years up to
    its own). None when the text writes no year or two years fit equally well.

    >>> t = "Delegasi tiba Sabtu (8/4); perjanjian berakhir pada Oktober 2022 lalu."
    >>> dated_weekdays(t, t.lower(), "id")
    [datetime.date(2023, 4, 8)]
    """
    c = _compiled(lang)
    if c.words is None or not c.lex.weekdays:
        return []
    years = [int(d.date[:4]) for d in find_dates(text, folded, lang, None)]
    if not years:
        return []
    anchor = max(years)
    out = []
    for _, e, w in c.words.find(folded):
        if w not in c.lex.weekdays or (m := _WEEKDAY_DM.match(folded, e)) is None:
            continue
        wd, day, month = c.lex.weekdays[w][0], int(m[1]), int(m[2])
        fits = []
        for y in range(anchor - _WEEKDAY_CYCLE, anchor + _WEEKDAY_CYCLE + 1):
            try:
                if date(y, month, day).isoweekday() == wd:
                    fits.append(y)
            except ValueError:
                break
        fits.sort(key=lambda y: abs(y - anchor))
        if fits and (len(fits) == 1 or abs(fits[0] - anchor) < abs(fits[1] - anchor)):
            out.append(date(fits[0], month, day))
    return out


def starts_a_period(folded: str, start: int, end: int, lang: str) -> bool:
    """Is the date at folded[start:end] the start of a period ("since October 2023", "seit
    2020", "自2023年10月以来"), background to the events told after it rather than their date?"""
    c = _compiled(lang)
    if c.since_pre is not None and c.since_opening is not None:
        if _back(c.since_pre, folded, start, 30, c.lex.spaceless) is not None:
            return True
        if c.since_opening.match(folded, start, end):   # the date's own span may open with it
            return True
    return c.since_post is not None and c.since_post.match(folded, end) is not None


def starts_from(folded: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """The span of the date at folded[start:end] with the word that makes it the time a state
    begins ("from midnight on Sunday", "ab Montag", "с 6 сентября", "6日午前0時から", "6일
    오후 6시부터"), or None when none stands right before or after it."""
    c = _compiled(lang)
    if c.from_pre is not None:
        at = _back(c.from_pre, folded, start, 40, c.lex.spaceless)
        if at is not None:
            return at, end
    if c.from_post is not None:
        m = c.from_post.match(folded, end)
        if m is not None:
            return start, m.end()
    return None


def is_anniversary(folded: str, start: int, end: int, lang: str) -> bool:
    """Is the date at folded[start:end] an anniversary's count of years ("10th anniversary",
    "70周年", "peringatan 10 tahun"), the year of what it commemorates?"""
    c = _compiled(lang)
    return any(rx is not None and rx.fullmatch(folded, start, end) is not None for rx in (c.anniv_post, c.anniv_pre))


_YEAR_DIGITS = re.compile(r"\d{4}")


def year_told(folded: str, start: int, end: int, lang: str) -> bool:
    """Does the date at folded[start:end] say its year, or that it is past ("May 2024",
    "지난해 5월", "last September", "22 Mei lalu"), rather than leave it to the publication
    date ("in January", "December 12": this year's or the last)?"""
    if _YEAR_DIGITS.search(folded, start, end):
        return True
    rx = _compiled(lang).told_year
    return rx is not None and rx.search(folded, start, end) is not None


def bare_weekday(folded: str, start: int, end: int, lang: str) -> bool:
    """Is the date at folded[start:end] a weekday name alone ("Monday", "domingo", "周一"),
    without a past or next marker or a day in brackets? `find_dates` gives such a weekday
    the last one (or the publication day), which a sentence about the future may not mean."""
    weekdays = _compiled(lang).lex.weekdays
    return bool(weekdays) and folded[start:end].strip() in weekdays


_CJK_DATE_AFTER = re.compile(r"\s*[年月日号년월일]")


def part_of_date(folded: str, start: int, end: int, lang: str) -> bool:
    """Is the number at folded[start:end] a day or a year of a date ("22 Mei", "in 2014",
    "2014年", "May 2022")? For the figure finder, so that dates are not counted as people."""
    c = _compiled(lang)
    if c.day_month is not None and end - start <= 2 and c.day_month.match(folded, start):
        return True
    if _CJK_DATE_AFTER.match(folded, end) or (start and folded[start - 1] in "年月년월"):
        return True
    if end - start != 4 or not folded[start:end].isdigit():
        return False
    year = int(folded[start:end])
    if c.lex.buddhist and year >= _BUDDHIST_MIN:
        year -= _BUDDHIST_ERA
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return False
    if folded.startswith("年", end) or (end + 1 < len(folded) and folded[end] == " " and folded[end + 1] == "年"):
        return True
    for rx in (c.year_pre, c.month_before_year):
        if rx is not None and _back(rx, folded, start, 24, c.lex.spaceless) is not None:
            return True
    return c.year_post is not None and c.year_post.match(folded, end) is not None
