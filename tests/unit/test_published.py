"""Publication dates inferred from URLs and text heads (URLs and texts written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from processors.published import HEAD_CHARS, from_head, from_url, infer_published


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/world/2025/01/18/truce-holds.html", (date(2025, 1, 18), "day")),
        ("https://news.example.org/world/2025/1/8/truce-holds", (date(2025, 1, 8), "day")),
        ("https://example.net/read/2024/12/03/17/123456/ceasefire-talks", (date(2024, 12, 3), "day")),
        ("https://example.net/daily/2024-12-03/news-123456.html", (date(2024, 12, 3), "day")),
        ("https://example.net/article/2011-02-16-new-offer-to-strikers", (date(2011, 2, 16), "day")),
        ("https://example.net/politik/98765/24-11-2022/truce-agreed", (date(2022, 11, 24), "day")),
        ("https://example.net/read/20250118/192/555/dividend", (date(2025, 1, 18), "day")),
        ("https://example.net/news/truce-20250118", (date(2025, 1, 18), "day")),
        ("https://example.net/articles/SPORT/29102016/120679", (date(2016, 10, 29), "day")),   # day first
        ("https://example.net/2023/07/talks-resume-in-may/", (date(2023, 7, 1), "month")),
        ("https://example.net/politica/2025/02/7063882-president-visits.html", (date(2025, 2, 1), "month")),
        # an archive stamp glued to other digits, then the article's own date
        ("https://archive.example/ref/2014-0906-0410-30/www.example.jp/news/20140905/k100.html", (date(2014, 9, 5), "day")),
        # a time stamp as one run of digits: year first (with seconds, milliseconds or a serial
        # number after them), or month first
        ("https://news.example.kr/view.php?key=202411070915220031&cat=01", (date(2024, 11, 7), "day")),
        ("https://example.net/news/bkn-20231106180102504-1106_001.html", (date(2023, 11, 6), "day")),
        ("https://example.vn/print-20190402071530123.htm", (date(2019, 4, 2), "day")),
        ("https://example.net/news/202208140600", (date(2022, 8, 14), "day")),
        ("https://example.net/burmese/news/border-talks-02142022083005.html", (date(2022, 2, 14), "day")),
        # percent-encoded path, date in the clear
        ("https://example.net/ur/2025/10/19/%d9%82%d8%b7%d8%b1", (date(2025, 10, 19), "day")),
    ],
)
def test_dates_in_urls(url: str, expected: tuple) -> None:
    assert from_url(url) == expected
    assert infer_published(url, "", "en") == expected


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://example.net/?p=27779",
        "https://example.net/article/1756523512.html",                 # a long numeric id
        "https://example.net/news/201911302461/x",                       # a day, then no time of day
        "https://example.net/news/20191130236105/x",                     # minute 61
        "https://example.net/news/20191130235968/x",                     # second 68
        "https://example.net/news/1234567890123456/x",                   # an id: no year first
        "https://example.net/news/0213202308300599/x",                   # month first only of 14 digits
        "https://example.net/a/2025/13/45/x",                            # no such month or day
        "https://example.net/a/2025/02/30/x",                            # no such day, and no month alone either
        "https://example.net/a/1850/01/02/x",                            # implausible year
        "https://example.net/a/2250-01-02/x",
        "https://example.net/a/" + "9" * 5000,                           # huge number
        "https://example.net/a/２０２５/０１/１８/x",                    # full-width digits
        "https://example.net/a/٢٠٢٥/٠١/١٨/x",                            # Arabic-Indic digits
        "https://example.net/a/20251345/x",
        "http://[::1/2025/01/18",                                        # not a URL at all
    ],
)
def test_no_date_in_hostile_urls(url: str | None) -> None:
    assert from_url(url) is None


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Jakarta.com - 10/07/2023, 19:07 WIB. Menteri Luar Negeri bertemu ...", (date(2023, 7, 10), "day")),
        ("en", "October 5, 2024  The envoys met again in Geneva ...", (date(2024, 10, 5), "day")),
        ("de", " date 2024-02 Die Gespräche in Kairo endeten ohne Ergebnis ...", (date(2024, 2, 1), "month")),
        ("fr", "Publié le lundi 4 octobre 2004. Les deux délégations ...", (date(2004, 10, 4), "day")),
        ("zh", "外长会见 2023年11月06日 18:01 双方讨论了 ...", (date(2023, 11, 6), "day")),
        ("en", "Talks in June 2022 produced a draft ...", (date(2022, 6, 1), "month")),
    ],
)
def test_dates_at_the_head_of_the_text(lang: str, text: str, expected: tuple) -> None:
    assert from_head(text, lang) == expected
    assert infer_published(None, text, lang) == expected


def test_head_dates_that_cannot_be_resolved() -> None:
    assert infer_published(None, "KUALA LUMPUR, 31 Mac (Bernama) -- Perdana Menteri ...", "ms") is None
    assert infer_published(None, "The 2010-11 season ended early; talks resumed on Monday.", "en") is None
    assert infer_published(None, "", "en") is None
    # a date beyond the head is not a dateline
    assert infer_published(None, "x " * HEAD_CHARS + "27 June 2022", "en") is None


def test_the_url_wins_over_the_text() -> None:
    text = "Published 18 May 2020. The parties met ..."
    assert infer_published("https://example.net/read/20200519/1/2/x", text, "en") == (date(2020, 5, 19), "day")


def test_a_day_in_the_text_refines_a_month_in_the_url() -> None:
    url = "https://example.jp/2017/10/29263.html"
    assert infer_published(url, "首脳が電話会談  2017/10/31 更新", "ja") == (date(2017, 10, 31), "day")
    # a day of another month does not
    assert infer_published(url, "Talks on 12 May 2025 ...", "en") == (date(2017, 10, 1), "month")


def test_weekdays_with_their_day_and_month_tell_the_year_of_a_text_without_a_date() -> None:
    # 8 April was a Saturday in 2017 and 2023; the text writes 2022 out, so 2023
    text = ("Delegasi tiba di Sanaa pada Sabtu (8/4) malam, demikian dilaporkan televisi "
            "setempat pada Minggu (9/4). Kesepakatan itu berakhir pada Oktober 2022.")
    assert infer_published("https://example.net/?p=1", text, "id") == (date(2023, 4, 9), "day")
    # without a year written out, or with a weekday that does not fit its date, nothing
    assert infer_published(None, "Delegasi tiba pada Sabtu (8/4) malam.", "id") is None
    assert infer_published(None, "Delegasi tiba pada Jumat (8/4) malam pada 2022.", "id") == (date(2022, 4, 8), "day")
    # Monday 8 April: 2019 or 2024, the nearer to 2022
    assert infer_published(None, "Delegasi tiba pada Senin (8/4) malam pada 2022.", "id") == (date(2024, 4, 8), "day")
    assert infer_published(None, "Delegasi tiba pada Jumat (31/2) setelah perundingan 2022.", "id") is None
    # a date in the URL or the head wins
    assert infer_published("https://example.net/2023/04/10/x", text, "id") == (date(2023, 4, 10), "day")


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a plan's date in the head is no publication date: the next date, or none
    ("es", "Los negociadores cerraron ayer la ronda en Lima. La sexta ronda comenzará el 9 de enero del 2018 "
           "en la misma ciudad.", None),
    ("en", "Envoys wrapped up a round of talks in Oslo. The next round will open on 9 January 2018 in Bergen.", None),
    ("id", "Para juru runding menutup putaran di Medan. Putaran berikutnya akan digelar pada 9 Januari 2018.", None),
    ("en", "The next round will open on 9 January 2018 in Bergen, officials said. Posted 12 December 2017.",
     (date(2017, 12, 12), "day")),
    ("es", "Lima, 12 de diciembre de 2017. La sexta ronda comenzará el 9 de enero del 2018.",
     (date(2017, 12, 12), "day")),
    # a future word in an earlier sentence governs nothing here
    ("en", "Talks will resume soon. The envoys met on 12 December 2017 in Oslo.", (date(2017, 12, 12), "day")),
])
def test_a_planned_date_at_the_head_is_no_publication_date(lang: str, text: str, expected: tuple | None) -> None:
    assert from_head(text, lang) == expected
    assert infer_published("https://news.example.org/world/talks-resume", text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a date with its year after a date without one, apart from it, is another day than the report's
    ("es", "Los negociadores cerraron ayer la ronda en Lima; recordaron que el pacto firmado el 12 de marzo "
           "de 2016 sigue vigente.", None),
    ("en", "GENEVA, 13 July (Wire) - The envoys said the accord signed on 2 May 2019 still holds.", None),
    # of one phrase with it, or before it: the dated one stands
    ("en", "Yesterday, 21 June 2023, the envoys met in Cairo.", (date(2023, 6, 21), "day")),
    ("es", "Lima, 12 de diciembre de 2017. Ayer los negociadores cerraron la ronda.", (date(2017, 12, 12), "day")),
])
def test_a_dated_day_after_an_undated_one_at_the_head_is_no_publication_date(lang: str, text: str,
                                                                          expected: tuple | None) -> None:
    assert from_head(text, lang) == expected
