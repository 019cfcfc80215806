"""Event dates in every language, resolved against the publication date (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from processors.dates import find_dates, gregorian_to_jalali, jalali_to_gregorian, part_of_date
from processors.textutil import fold

PUB = date(2022, 6, 28)   # a Tuesday


def dates(text: str, lang: str, published: date | None = PUB):
    return [(d.date, d.precision, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, published)]


def test_indonesian_weekday_with_its_date_and_past_marker() -> None:
    text = "Menlu kedua negara bertemu Senin (27/6/2022) di Jakarta, setelah perundingan 22 Mei lalu."
    assert dates(text, "id") == [("2022-06-27", "day", "27/6/2022"), ("2022-05-22", "day", "22 Mei lalu")]


def test_past_marker_moves_a_year_back() -> None:
    # published 2 March: "22 Mei lalu" is last year's 22 May
    assert dates("Kesepakatan itu diteken 22 Mei lalu.", "id", date(2023, 3, 2)) == [("2022-05-22", "day", "22 Mei lalu")]


def test_english_last_weekday_and_month_first_dates() -> None:
    pub = date(2024, 3, 14)   # a Thursday
    text = "The envoys met last Tuesday and will meet again next Monday, after talks on May 22, 2023."
    assert dates(text, "en", pub) == [
        ("2024-03-12", "day", "last Tuesday"),
        ("2024-03-18", "day", "next Monday"),
        ("2023-05-22", "day", "May 22, 2023"),
    ]


def test_plain_weekday_is_the_latest_one_on_or_before_publication() -> None:
    assert dates("Talks ended on Monday.", "en") == [("2022-06-27", "day", "Monday")]
    assert dates("Talks ended on Tuesday.", "en") == [("2022-06-28", "day", "Tuesday")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The truce began on 22 May 2022.", ("2022-05-22", "day", "22 May 2022")),
        ("ms", "Gencatan senjata bermula pada 22 Mei 2022.", ("2022-05-22", "day", "22 Mei 2022")),
        ("fr", "La trêve a commencé le 22 mai 2022.", ("2022-05-22", "day", "22 mai 2022")),
        ("es", "La tregua empezó el 22 de mayo de 2022.", ("2022-05-22", "day", "22 de mayo de 2022")),
        ("pt", "A trégua começou em 22 de maio de 2022.", ("2022-05-22", "day", "22 de maio de 2022")),
        ("de", "Die Waffenruhe begann am 22. Mai 2022.", ("2022-05-22", "day", "22. Mai 2022")),
        ("ru", "Перемирие началось 22 мая 2022 года.", ("2022-05-22", "day", "22 мая 2022")),
        ("uk", "Перемир'я почалося 22 травня 2022 року.", ("2022-05-22", "day", "22 травня 2022")),
        ("tr", "Ateşkes 22 Mayıs 2022'de başladı.", ("2022-05-22", "day", "22 Mayıs 2022")),
        ("ar", "بدأت الهدنة في 15 مايو 2022.", ("2022-05-15", "day", "15 مايو 2022")),
        ("ar", "بدأت الهدنة في ١٥ أيار ٢٠٢٢.", ("2022-05-15", "day", "١٥ أيار ٢٠٢٢")),
        ("fa", "آتش‌بس از ۲۲ مه ۲۰۲۲ آغاز شد.", ("2022-05-22", "day", "۲۲ مه ۲۰۲۲")),
        ("hi", "संघर्ष विराम 27 जून 2022 को शुरू हुआ।", ("2022-06-27", "day", "27 जून 2022")),
        ("ur", "جنگ بندی 27 جون 2022 کو شروع ہوئی۔", ("2022-06-27", "day", "27 جون 2022")),
        ("zh", "停火协议于2022年6月27日生效。", ("2022-06-27", "day", "2022年6月27日")),
        ("ja", "停戦は2022年6月27日に発効した。", ("2022-06-27", "day", "2022年6月27日")),
    ],
)
def test_day_month_year_in_every_language(lang: str, text: str, expected: tuple) -> None:
    assert dates(text, lang) == [expected]
    # a date that carries its year needs no publication date
    assert dates(text, lang, None) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ar", "التقى الوفدان في ٢٢ مايو.", ("2022-05-22", "day", "٢٢ مايو")),
        ("fa", "دو هیئت در ۲۲ مه دیدار کردند.", ("2022-05-22", "day", "۲۲ مه")),
        ("zh", "双方于6月27日在北京会谈。", ("2022-06-27", "day", "6月27日")),
        ("hi", "दोनों नेता 27 जून को मिले।", ("2022-06-27", "day", "27 जून")),
        ("id", "Kedua pihak bertemu (27/6) di Jakarta.", ("2022-06-27", "day", "(27/6)")),
        ("fr", "Les ministres se sont vus le 1er juin.", ("2022-06-01", "day", "1er juin")),
    ],
)
def test_dates_without_a_year_take_the_publication_year(lang: str, text: str, expected: tuple) -> None:
    assert dates(text, lang) == [expected]
    assert dates(text, lang, None) == []


def test_solar_hijri_dates_are_converted() -> None:
    assert dates("توافق در ۶ تیر ۱۴۰۱ امضا شد.", "fa") == [("2022-06-27", "day", "۶ تیر ۱۴۰۱")]
    assert jalali_to_gregorian(1401, 1, 1) == date(2022, 3, 21)
    assert gregorian_to_jalali(date(2024, 3, 20)) == (1403, 1, 1)
    assert gregorian_to_jalali(date(2022, 6, 27)) == (1401, 4, 6)


@pytest.mark.parametrize(
    ("lang", "text", "written", "iso"),
    [
        ("en", "The ministers spoke yesterday.", "yesterday", "2022-06-27"),
        ("id", "Kedua menteri berbicara kemarin.", "kemarin", "2022-06-27"),
        ("ms", "Kedua-dua menteri bercakap semalam.", "semalam", "2022-06-27"),
        ("fr", "Les ministres ont parlé hier.", "hier", "2022-06-27"),
        ("es", "Los ministros hablaron ayer.", "ayer", "2022-06-27"),
        ("pt", "Os ministros falaram ontem.", "ontem", "2022-06-27"),
        ("de", "Die Minister sprachen gestern.", "gestern", "2022-06-27"),
        ("ru", "Министры говорили вчера.", "вчера", "2022-06-27"),
        ("uk", "Міністри говорили учора.", "учора", "2022-06-27"),
        ("ar", "تحدث الوزيران أمس.", "أمس", "2022-06-27"),
        ("fa", "دو وزیر دیروز گفتگو کردند.", "دیروز", "2022-06-27"),
        ("tr", "Bakanlar dün görüştü.", "dün", "2022-06-27"),
        ("zh", "两国外长昨天通了电话。", "昨天", "2022-06-27"),
        ("ja", "両外相は昨日電話で会談した。", "昨日", "2022-06-27"),
        ("hi", "दोनों मंत्रियों ने आज बात की।", "आज", "2022-06-28"),
        ("ur", "دونوں وزرا نے آج بات کی۔", "آج", "2022-06-28"),
        ("en", "Talks continue tomorrow.", "tomorrow", "2022-06-29"),
    ],
)
def test_yesterday_today_tomorrow(lang: str, text: str, written: str, iso: str) -> None:
    assert dates(text, lang) == [(iso, "day", written)]
    assert dates(text, lang, None) == []


@pytest.mark.parametrize(
    ("lang", "text", "written"),
    [
        ("en", "The ceasefire took hold on Monday.", "Monday"),
        ("fr", "Le cessez-le-feu est entré en vigueur lundi.", "lundi"),
        ("es", "El alto el fuego entró en vigor el lunes.", "lunes"),
        ("pt", "O cessar-fogo entrou em vigor na segunda-feira.", "segunda-feira"),
        ("de", "Die Waffenruhe trat am Montag in Kraft.", "Montag"),
        ("ru", "Перемирие вступило в силу в понедельник.", "понедельник"),
        ("uk", "Перемир'я набуло чинності в понеділок.", "понеділок"),
        ("ar", "دخلت الهدنة حيز التنفيذ يوم الاثنين.", "الاثنين"),
        ("fa", "آتش‌بس روز دوشنبه اجرایی شد.", "دوشنبه"),
        ("tr", "Ateşkes Pazartesi günü yürürlüğe girdi.", "Pazartesi"),
        ("zh", "停火协议周一生效。", "周一"),
        ("ja", "停戦は月曜日に発効した。", "月曜日"),
        ("hi", "संघर्ष विराम सोमवार को लागू हुआ।", "सोमवार"),
        ("ur", "جنگ بندی پیر کو نافذ ہوئی۔", "پیر"),
        ("id", "Gencatan senjata berlaku Senin.", "Senin"),
        ("ms", "Gencatan senjata berkuat kuasa Isnin.", "Isnin"),
    ],
)
def test_monday_in_every_language(lang: str, text: str, written: str) -> None:
    assert dates(text, lang) == [("2022-06-27", "day", written)]


@pytest.mark.parametrize(
    ("lang", "text", "written"),
    [
        ("id", "Pertemuan berlangsung Selasa lalu.", "Selasa lalu"),
        ("fr", "La réunion a eu lieu mardi dernier.", "mardi dernier"),
        ("ar", "عقد الاجتماع الثلاثاء الماضي.", "الثلاثاء الماضي"),
        ("ru", "Встреча прошла в прошлый вторник.", "в прошлый вторник"),
        ("tr", "Toplantı geçen salı yapıldı.", "geçen salı"),
        ("zh", "会议于上周二举行。", "上周二"),
        ("hi", "बैठक पिछले मंगलवार को हुई।", "पिछले मंगलवार"),
    ],
)
def test_last_tuesday_is_a_week_back_on_a_tuesday(lang: str, text: str, written: str) -> None:
    assert dates(text, lang) == [("2022-06-21", "day", written)]


def test_ambiguous_weekdays_need_a_marker() -> None:
    # Urdu پیر is also "saint", Turkish "pazar" also "market", Portuguese "segunda" also "second"
    assert dates("پیر صاحب نے دعا کی۔", "ur") == []
    assert dates("Pazar yerinde kalabalık vardı.", "tr") == []
    assert dates("A segunda rodada de negociações fracassou.", "pt") == []
    assert dates("Minggu ini perundingan dilanjutkan.", "id") == []


def test_case_sensitive_german_tomorrow() -> None:
    assert dates("Die Gespräche gehen morgen weiter.", "de") == [("2022-06-29", "day", "morgen")]
    assert dates("Am Morgen kamen die Delegationen an.", "de") == []


@pytest.mark.parametrize(
    ("lang", "text", "written"),
    [
        ("en", "The accord ended the 2020 war.", "the 2020"),
        ("id", "Perjanjian itu ditandatangani pada 2005.", "pada 2005"),
        ("fr", "L'accord a été signé en 2005.", "en 2005"),
        ("de", "Das Abkommen wurde im Jahr 2005 unterzeichnet.", "im Jahr 2005"),
        ("ru", "Соглашение подписали в 2005 году.", "в 2005 году"),
        ("ar", "وقع الاتفاق عام 2005.", "عام 2005"),
        ("tr", "Anlaşma 2005 yılında imzalandı.", "2005 yılında"),
        ("zh", "该协议于2005年签署。", "2005年"),
        ("ur", "معاہدہ 2005ء میں ہوا۔", "2005ء"),
    ],
)
def test_year_only(lang: str, text: str, written: str) -> None:
    assert dates(text, lang) == [("2005" if "2005" in written else "2020", "year", written)]


def test_month_and_year() -> None:
    assert dates("Talks collapsed in June 2021.", "en") == [("2021-06", "month", "June 2021")]
    assert dates("会谈于2021年6月破裂。", "zh") == [("2021-06", "month", "2021年6月")]


def test_numbers_that_are_not_dates() -> None:
    text = "Some 2,000 troops and 6.5 million people; version 2.0.1; 3/4 of the votes; 2000 soldiers."
    assert dates(text, "en") == []


def test_numeric_forms() -> None:
    assert dates("Signed 2022-06-27 and 27.06.2022 and 6/27/2022.", "en", None) == [
        ("2022-06-27", "day", "2022-06-27"),
        ("2022-06-27", "day", "27.06.2022"),
        ("2022-06-27", "day", "6/27/2022"),
    ]


def test_part_of_date_helper() -> None:
    text = "pada 22 mei 2014 sebanyak 2000 tentara"
    assert part_of_date(text, 5, 7, "id")          # 22 before a month
    assert part_of_date(text, 12, 16, "id")        # 2014 after a month
    assert not part_of_date(text, 26, 30, "id")    # 2000 troops


# --- relative months and years ------------------------------------------------------------------

PUB_MARCH = date(2024, 3, 14)


@pytest.mark.parametrize(
    ("lang", "text", "written"),
    [
        ("en", "The envoys met last month in Doha.", "last month"),
        ("id", "Kedua menteri bertemu bulan lalu di Doha.", "bulan lalu"),
        ("ms", "Kedua-dua menteri bertemu bulan lepas.", "bulan lepas"),
        ("fr", "Les ministres se sont vus le mois dernier.", "mois dernier"),
        ("es", "Los ministros se reunieron el mes pasado.", "mes pasado"),
        ("pt", "Os ministros se reuniram no mês passado.", "mês passado"),
        ("de", "Die Minister trafen sich im vergangenen Monat.", "vergangenen Monat"),
        ("ru", "Министры встретились в прошлом месяце.", "в прошлом месяце"),
        ("uk", "Міністри зустрілися минулого місяця.", "минулого місяця"),
        ("tr", "Bakanlar geçen ay bir araya geldi.", "geçen ay"),
        ("ar", "التقى الوزيران الشهر الماضي.", "الشهر الماضي"),
        ("fa", "دو وزیر ماه گذشته دیدار کردند.", "ماه گذشته"),
        ("zh", "两国外长上个月举行会谈。", "上个月"),
        ("zh", "两国外长上月举行会谈。", "上月"),
        ("ja", "両外相は先月会談した。", "先月"),
        ("hi", "दोनों मंत्री पिछले महीने मिले।", "पिछले महीने"),
        ("ur", "دونوں وزرا پچھلے مہینے ملے۔", "پچھلے مہینے"),
    ],
)
def test_last_month_in_every_language(lang: str, text: str, written: str) -> None:
    assert dates(text, lang, PUB_MARCH) == [("2024-02", "month", written)]
    assert dates(text, lang, None) == []


def test_last_month_in_january_is_last_december() -> None:
    assert dates("Talks stalled last month.", "en", date(2024, 1, 3)) == [("2023-12", "month", "last month")]
    assert dates("Talks resume next month.", "en", date(2023, 12, 30)) == [("2024-01", "month", "next month")]


@pytest.mark.parametrize(
    ("lang", "text", "written", "iso"),
    [
        ("en", "The truce collapsed last year.", "last year", "2023"),
        ("en", "Elections are due next year.", "next year", "2025"),
        ("id", "Gencatan senjata runtuh tahun lalu.", "tahun lalu", "2023"),
        ("fr", "La trêve s'est effondrée l'an dernier.", "l'an dernier", "2023"),
        ("es", "La tregua se rompió el año pasado.", "año pasado", "2023"),
        ("de", "Die Waffenruhe brach letztes Jahr zusammen.", "letztes Jahr", "2023"),
        ("ru", "Перемирие рухнуло в прошлом году.", "в прошлом году", "2023"),
        ("uk", "Перемир'я зірвалося торік.", "торік", "2023"),
        ("tr", "Ateşkes geçen yıl bozuldu.", "geçen yıl", "2023"),
        ("ar", "انهارت الهدنة العام الماضي.", "العام الماضي", "2023"),
        ("fa", "آتش‌بس پارسال فروپاشید.", "پارسال", "2023"),
        ("zh", "停火协议去年破裂。", "去年", "2023"),
        ("ja", "停戦は昨年崩壊した。", "昨年", "2023"),
        ("hi", "संघर्ष विराम पिछले साल टूट गया।", "पिछले साल", "2023"),
        ("ur", "جنگ بندی پچھلے سال ٹوٹ گئی۔", "پچھلے سال", "2023"),
        ("id", "Perundingan berlanjut tahun ini.", "tahun ini", "2024"),
        ("zh", "谈判今年继续。", "今年", "2024"),
    ],
)
def test_relative_years(lang: str, text: str, written: str, iso: str) -> None:
    assert dates(text, lang, PUB_MARCH) == [(iso, "year", written)]


def test_a_count_before_a_relative_year_is_a_span() -> None:
    assert dates("Konflik itu pecah dua tahun lalu.", "id", PUB_MARCH) == []
    assert dates("Konflik itu pecah 3 tahun lalu.", "id", PUB_MARCH) == []
    assert dates("این درگیری دو سال پیش آغاز شد.", "fa", PUB_MARCH) == []


@pytest.mark.parametrize(
    ("lang", "text", "written", "iso"),
    [
        ("en", "The accord signed last November still holds.", "last November", "2023-11"),
        ("en", "Talks resume next May.", "next May", "2024-05"),
        ("en", "The deal from November last year still holds.", "November last year", "2023-11"),
        ("id", "Kesepakatan November lalu masih berlaku.", "November lalu", "2023-11"),
        ("id", "Kesepakatan Februari lalu masih berlaku.", "Februari lalu", "2024-02"),
        ("id", "Kesepakatan Mei tahun lalu masih berlaku.", "Mei tahun lalu", "2023-05"),
        ("ms", "Perjanjian Mei lepas masih berkuat kuasa.", "Mei lepas", "2023-05"),
        ("fr", "L'accord de novembre dernier tient toujours.", "novembre dernier", "2023-11"),
        ("fr", "L'accord de novembre de l'année dernière tient.", "novembre de l'année dernière", "2023-11"),
        ("es", "El acuerdo de noviembre del año pasado sigue vigente.", "noviembre del año pasado", "2023-11"),
        ("es", "El acuerdo firmado el pasado mes de noviembre sigue vigente.", "el pasado mes de noviembre", "2023-11"),
        ("pt", "O acordo de novembro do ano passado segue válido.", "novembro do ano passado", "2023-11"),
        ("de", "Das Abkommen vom vergangenen November gilt weiter.", "vergangenen November", "2023-11"),
        ("de", "Das Abkommen vom November letzten Jahres gilt weiter.", "November letzten Jahres", "2023-11"),
        ("ru", "Соглашение, подписанное в ноябре прошлого года, действует.", "ноябре прошлого года", "2023-11"),
        ("uk", "Угода, підписана у листопаді минулого року, діє.", "листопаді минулого року", "2023-11"),
        ("tr", "Geçen kasım imzalanan anlaşma geçerli.", "Geçen kasım", "2023-11"),
        ("tr", "Geçen yıl kasım ayında imzalanan anlaşma geçerli.", "Geçen yıl kasım", "2023-11"),
        ("ar", "الاتفاق الموقع في نوفمبر الماضي لا يزال ساريا.", "نوفمبر الماضي", "2023-11"),
        ("ar", "الاتفاق الموقع في نوفمبر من العام الماضي ساري.", "نوفمبر من العام الماضي", "2023-11"),
        ("fa", "توافق آبان گذشته هنوز پابرجاست.", "آبان گذشته", "2023-11"),
        ("zh", "去年11月签署的协议仍然有效。", "去年11月", "2023-11"),
        ("ja", "昨年11月に署名された合意は有効だ。", "昨年11月", "2023-11"),
        ("hi", "पिछले साल नवंबर में हुआ समझौता लागू है।", "पिछले साल नवंबर", "2023-11"),
        ("hi", "पिछले नवंबर हुआ समझौता लागू है।", "पिछले नवंबर", "2023-11"),
        ("ur", "گزشتہ نومبر ہونے والا معاہدہ نافذ ہے۔", "گزشتہ نومبر", "2023-11"),
    ],
)
def test_month_names_with_a_marker(lang: str, text: str, written: str, iso: str) -> None:
    assert dates(text, lang, PUB_MARCH) == [(iso, "month", written)]
    assert dates(text, lang, None) == []


def test_bare_month_names_are_not_dates_but_cjk_numeric_months_are() -> None:
    assert dates("Talks may resume; the march went on.", "en", PUB_MARCH) == []
    assert dates("The accord of November still holds.", "en", PUB_MARCH) == []
    assert dates("双方11月举行会谈。", "zh", PUB_MARCH) == [("2023-11", "month", "11月")]
    assert dates("双方今年2月举行会谈。", "zh", PUB_MARCH) == [("2024-02", "month", "今年2月")]
    # a relative year belongs to the month after it, never to the one before
    assert dates("去年11月、去年12月", "zh", PUB_MARCH) == [("2023-11", "month", "去年11月"), ("2023-12", "month", "去年12月")]


def test_days_with_a_relative_year_or_a_marker_before() -> None:
    assert dates("Signed on 22 May last year.", "en", PUB_MARCH) == [("2023-05-22", "day", "22 May last year")]
    assert dates("Подписано 22 ноября прошлого года.", "ru", PUB_MARCH) == [("2023-11-22", "day", "22 ноября прошлого года")]
    assert dates("协议于去年11月22日签署。", "zh", PUB_MARCH) == [("2023-11-22", "day", "去年11月22日")]
    assert dates("Se firmó el pasado 22 de mayo.", "es", PUB_MARCH) == [("2023-05-22", "day", "el pasado 22 de mayo")]
    assert dates("Signé le 2 mars dernier.", "fr", PUB_MARCH) == [("2024-03-02", "day", "2 mars dernier")]


def test_month_and_year_still_work() -> None:
    assert dates("Talks collapsed in November 2023.", "en", PUB_MARCH) == [("2023-11", "month", "November 2023")]
    assert dates("Las negociaciones fracasaron en noviembre de 2023.", "es", None) == [("2023-11", "month", "noviembre de 2023")]
    assert dates("Die Gespräche scheiterten im November 2023.", "de", None) == [("2023-11", "month", "November 2023")]


# --- a publication date known to the month only ---------------------------------------------------

PUB_MAY = date(2022, 5, 1)   # published some day in May 2022


def test_month_precise_publication_resolves_months_and_years() -> None:
    text = "Perundingan bulan lalu gagal; kesepakatan 22 Mei lalu dan November tahun lalu."
    assert dates_m(text, "id") == [
        ("2022-04", "month", "bulan lalu"),
        ("2022-05-22", "day", "22 Mei lalu"),   # in the publication month: this year's
        ("2021-11", "month", "November tahun lalu"),
    ]
    assert dates_m("Kesepakatan 22 Juni lalu.", "id") == [("2021-06-22", "day", "22 Juni lalu")]
    assert dates_m("La trêve du 1er juin.", "fr") == [("2022-06-01", "day", "1er juin")]


def test_month_precise_publication_dates_a_weekday_or_yesterday_by_its_month() -> None:
    # a day counted from a publication day that is not known: its month, no more
    assert dates_m("The envoys met on Monday and spoke again yesterday.", "en") == [
        ("2022-05", "month", "Monday"), ("2022-05", "month", "yesterday")]
    # a day of the month written out is the publication month's
    assert dates_m("两国外长29日会谈，昨天通了电话。", "zh") == [("2022-05-29", "day", "29日"), ("2022-05", "month", "昨天")]
    assert dates_m("Os ministros reuniram-se na segunda-feira (16).", "pt") == [("2022-05-16", "day", "segunda-feira (16)")]
    assert dates_m("Talks resume next month.", "en") == [("2022-06", "month", "next month")]


def test_precision_is_checked() -> None:
    with pytest.raises(ValueError):
        find_dates("x", "x", "en", PUB, "week")


def dates_m(text: str, lang: str):
    return [(d.date, d.precision, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, PUB_MAY, "month")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("it", "La tregua è iniziata il 22 maggio 2022.", [("2022-05-22", "day", "22 maggio 2022")]),
        ("it", "I ministri si sono visti il mese scorso.", [("2024-02", "month", "mese scorso")]),
        ("it", "L'accordo firmato lo scorso novembre regge.", [("2023-11", "month", "lo scorso novembre")]),
        ("it", "L'accordo di novembre dell'anno scorso regge.", [("2023-11", "month", "novembre dell'anno scorso")]),
        ("sw", "Mkataba ulisainiwa tarehe 25 Desemba 2017.", [("2017-12-25", "day", "25 Desemba 2017")]),
        ("sw", "Mawaziri walikutana mwezi uliopita.", [("2024-02", "month", "mwezi uliopita")]),
        ("sw", "Mapigano yalianza mwaka jana.", [("2023", "year", "mwaka jana")]),
        ("sw", "Mkutano ulifanyika Jumatatu iliyopita.", [("2024-03-11", "day", "Jumatatu iliyopita")]),
    ],
)
def test_italian_and_swahili(lang: str, text: str, expected: list) -> None:
    assert dates(text, lang, PUB_MARCH) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "Las negociaciones fracasaron en noviembre del 2023.", ("2023-11", "month", "noviembre del 2023")),
        ("es", "La tregua empezó el 5 de mayo del 2022.", ("2022-05-05", "day", "5 de mayo del 2022")),
        ("fa", "توافق آبان ماه ۱۴۰۲ امضا شد.", ("2023-11", "month", "آبان ماه ۱۴۰۲")),
        ("sw", "Mkataba ulisainiwa mwezi Agosti mwaka 2015.", ("2015-08", "month", "Agosti mwaka 2015")),
    ],
)
def test_words_between_a_month_and_its_year(lang: str, text: str, expected: tuple) -> None:
    assert dates(text, lang, None) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Pertemuan berlangsung 11-14 Juli 2023 di Jakarta.", ("2023-07-11", "day", "11-14 Juli 2023")),
        ("id", "Latihan digelar 3 hingga 5 Agustus 2023.", ("2023-08-03", "day", "3 hingga 5 Agustus 2023")),
        ("de", "Die Waffenruhe gilt vom 4. bis 11. Mai 2023.", ("2023-05-04", "day", "4. bis 11. Mai 2023")),
        ("en", "Talks ran from 4 to 11 May 2023.", ("2023-05-04", "day", "4 to 11 May 2023")),
        ("ru", "Переговоры прошли с 4 по 11 мая 2023 года.", ("2023-05-04", "day", "4 по 11 мая 2023")),
        ("fr", "Les pourparlers ont lieu du 4 au 11 mai 2023.", ("2023-05-04", "day", "4 au 11 mai 2023")),
    ],
)
def test_a_range_of_days_gives_its_first_day(lang: str, text: str, expected: tuple) -> None:
    assert dates(text, lang, None) == [expected]


def test_a_descending_pair_is_not_a_range() -> None:
    assert dates("Votes: 12-10 May 2023.", "en", None) == [("2023-05-10", "day", "10 May 2023")]


def test_a_weekday_with_its_day_in_brackets_names_that_day():
    # Portuguese and Indonesian papers write "domingo (19)", "Jumat (17)": the day, not "last Sunday"
    from datetime import date

    from processors.dates import find_dates

    text = "O acordo entra em vigor neste domingo (19). Na sexta-feira (17) houve reunião."
    found = [(d.date, text[d.start:d.end]) for d in find_dates(text, text.lower(), "pt", date(2025, 1, 18))]
    assert found == [("2025-01-19", "domingo (19)"), ("2025-01-17", "sexta-feira (17)")]
    text = "Delegasi tiba pada Jumat (31) malam."
    assert [d.date for d in find_dates(text, text.lower(), "id", date(2025, 2, 2))] == ["2025-01-31"]


@pytest.mark.parametrize("lang, text, written, iso", [
    ("pt", "A declaração conjunta fica para amanhã (19), disse o ministro.", "amanhã (19)", "2025-02-19"),
    ("id", "Kedua menteri bertemu kemarin (17) di Jakarta.", "kemarin (17)", "2025-02-17"),
])
def test_a_relative_day_with_its_day_in_brackets_names_that_day(lang: str, text: str, written: str, iso: str) -> None:
    assert dates(text, lang, date(2025, 2, 18)) == [(iso, "day", written)]
    # the bracket gives the day when the publication date is known only to its month
    found = [(d.date, d.precision, text[d.start:d.end]) for d in find_dates(text, fold(text), lang, date(2025, 2, 1), "month")]
    assert found == [(iso, "day", written)]


PUB_DEC = date(2025, 12, 10)


@pytest.mark.parametrize("lang, text, written", [
    ("en", "The truce was agreed in July.", "in July"),
    ("de", "Die Waffenruhe wurde im Juli vereinbart.", "im Juli"),
    ("fr", "Le cessez-le-feu conclu en juillet tient.", "en juillet"),
    ("es", "El alto el fuego pactado en julio se mantiene.", "en julio"),
    ("pt", "O cessar-fogo foi acordado em julho.", "em julho"),
    ("it", "La tregua è stata firmata a luglio.", "a luglio"),
    ("pl", "Rozejm zawarto w lipcu.", "w lipcu"),
    ("ru", "Перемирие заключили в июле.", "в июле"),
    ("uk", "Перемир’я уклали в липні.", "в липні"),
    ("ar", "تم الاتفاق على الهدنة في يوليو.", "في يوليو"),
    ("fa", "آتش‌بس در ژوئیه امضا شد.", "در ژوئیه"),
    ("ur", "جنگ بندی جولائی میں ہوئی۔", "جولائی میں"),
    ("hi", "युद्धविराम जुलाई में हुआ।", "जुलाई में"),
    ("tr", "Ateşkes Temmuz ayında imzalandı.", "Temmuz ayında"),
    ("tr", "Ateşkes Temmuz'da imzalandı.", "Temmuz'da"),
    ("id", "Gencatan senjata disepakati pada Juli.", "pada Juli"),
    ("ms", "Gencatan senjata dipersetujui pada bulan Julai.", "pada bulan Julai"),
    ("sw", "Makubaliano yalifikiwa mwezi Julai.", "mwezi Julai"),
    ("ha", "An cimma tsagaita wuta a watan Yuli.", "a watan Yuli"),
    ("so", "Xabbad joojinta waxaa la gaaray bishii Luulyo.", "bishii Luulyo"),
    ("vi", "Lệnh ngừng bắn được ký vào tháng 7.", "vào tháng 7"),
])
def test_a_month_name_after_or_before_in_is_the_latest_such_month(lang: str, text: str, written: str) -> None:
    assert dates(text, lang, PUB_DEC) == [("2025-07", "month", written)]


def test_in_a_month_looks_back_up_to_eight_months_and_ahead_up_to_three() -> None:
    assert dates("Talks were held in April.", "en", PUB_DEC) == [("2025-04", "month", "in April")]
    assert dates("Talks resume in February.", "en", PUB_DEC) == [("2026-02", "month", "in February")]
    assert dates("Talks were held in December.", "en", date(2026, 1, 15)) == [("2025-12", "month", "in December")]
    # a month name with no word that makes it a time is still no date
    assert dates("Talks may resume; the accord of July holds.", "en", PUB_DEC) == []
    # nor a month form that is also a common word ("em dez dias", in ten days; "تا می", as far as)
    assert dates("As tropas saem em dez dias.", "pt", PUB_DEC) == []
    assert dates("تا می تواند کمک کند.", "fa", PUB_DEC) == []
    assert dates("O acordo foi assinado em dezembro.", "pt", PUB_DEC) == [("2025-12", "month", "em dezembro")]


def test_vietnamese_day_and_month_after_a_date_word() -> None:
    pub = date(2025, 11, 7)
    assert dates("RSF tuyên bố hôm 6/11.", "vi", pub) == [("2025-11-06", "day", "hôm 6/11")]
    assert dates("Hai bên cáo buộc nhau ngày 18-10.", "vi", pub) == [("2025-10-18", "day", "ngày 18-10")]
    assert dates("Giao tranh xảy ra vào chiều tối 27/9.", "vi", pub) == [("2025-09-27", "day", "chiều tối 27/9")]
    # a count ("3-4 giờ", three to four hours) or a bare fraction is no date
    assert dates("Cuộc họp kéo dài vào 3-4 giờ.", "vi", pub) == []
    assert dates("Tỷ lệ 6/11 cử tri.", "vi", pub) == []


@pytest.mark.parametrize("lang, text, pub, expected", [
    # German writes the time of day into the weekday; "ab" (from) looks ahead
    ("de", "Die Waffenruhe soll ab Freitagabend gelten.", date(2022, 11, 24), ("2022-11-25", "day", "ab Freitagabend")),
    ("de", "Am Mittwochabend wurde das Abkommen veröffentlicht.", date(2022, 11, 24), ("2022-11-23", "day", "Mittwochabend")),
    # ... but not a date: a rule in force "ab dem 1. Oktober" began last month
    ("de", "Die Regel gilt ab dem 1. Oktober.", date(2022, 11, 24), ("2022-10-01", "day", "1. Oktober")),
    # Hausa weekdays take the definite suffix ("a wannan Talatar", this Tuesday)
    ("ha", "Wakilan sun gana a wannan Talatar.", date(2022, 3, 29), ("2022-03-29", "day", "Talatar")),
    ("ha", "Sun gana ranar Lahadin da ta gabata.", date(2022, 3, 29), ("2022-03-27", "day", "Lahadin da ta gabata")),
    # Hebrew "tonight" is the publication day
    ("he", "השניים הודיעו הלילה על התקדמות בשיחות.", date(2025, 12, 29), ("2025-12-29", "day", "הלילה")),
    # Korean and Japanese give today's day in brackets
    ("ko", "대표들이 오늘 (5일) 민스크에서 만났습니다.", date(2014, 9, 5), ("2014-09-05", "day", "오늘 (5일)")),
    ("ja", "両国の代表は今日(5日)会談した。", date(2014, 9, 6), ("2014-09-05", "day", "今日(5日)")),
])
def test_weekdays_and_days_as_each_language_writes_them(lang: str, text: str, pub: date, expected: tuple) -> None:
    assert dates(text, lang, pub) == [expected]


@pytest.mark.parametrize("lang, text, written, iso", [
    ("en", "The envoys met last week in Doha.", "last week", "2025-09"),
    ("en", "The envoys meet again next week.", "next week", "2025-10"),
    ("id", "Kedua menteri bertemu pekan ini di Jakarta.", "pekan ini", "2025-10"),
    ("zh", "两国外长本周在北京会谈。", "本周", "2025-10"),
    ("ja", "両国の外相は先週会談した。", "先週", "2025-09"),
    ("ru", "Министры встретились на прошлой неделе.", "на прошлой неделе", "2025-09"),
    ("ar", "التقى الوزيران الأسبوع الماضي.", "الأسبوع الماضي", "2025-09"),
    ("vi", "Hai ngoại trưởng hội đàm trong tuần này.", "tuần này", "2025-10"),
])
def test_this_last_next_week_give_the_month_of_the_week(lang: str, text: str, written: str, iso: str) -> None:
    # published Wednesday 1 October 2025: last week lay in September
    assert dates(text, lang, date(2025, 10, 1)) == [(iso, "month", written)]


def test_this_week_is_the_publication_month_even_when_the_week_ends_in_the_next() -> None:
    # published Monday 29 September 2025: the week's middle is in October, the news in September
    assert dates("The envoys met this week.", "en", date(2025, 9, 29)) == [("2025-09", "month", "this week")]


def test_a_weekday_of_last_week_is_a_day_and_a_count_of_weeks_no_date() -> None:
    pub = date(2025, 10, 1)
    assert dates("双方上周二会谈。", "zh", pub) == [("2025-09-23", "day", "上周二")]
    assert dates("They spoke two weeks ago; three weeks ago they met.", "en", pub) == []
    assert dates("Mereka bertemu tiga pekan lalu.", "id", pub) == []


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Since October 2023, the offensive has killed thousands.", True),
    ("en", "Talks have stalled since October.", True),
    ("en", "The truce agreed in October 2023 held.", False),
    ("de", "Seit dem 7. Oktober herrscht Krieg.", True),
    ("id", "Sejak Oktober 2023, perang terus berlangsung.", True),
    ("ar", "ومنذ 15 أبريل الماضي تشهد البلاد اشتباكات.", True),
    ("zh", "自2023年10月以来,冲突不断。", True),
    ("tr", "Ekim 2023'ten beri savaş sürüyor.", True),
    ("tr", "Ateşkes Ekim 2023'te imzalandı.", False),
])
def test_a_date_that_starts_a_period(lang: str, text: str, expected: bool) -> None:
    from processors.dates import starts_a_period

    f = fold(text)
    found = find_dates(text, f, lang, date(2025, 11, 1))
    assert len(found) == 1
    assert starts_a_period(f, found[0].start, found[0].end, lang) is expected


@pytest.mark.parametrize("lang, text, iso, written", [
    ("ru", "08.11.2022 | 10:157 ноября министры двух стран провели встречу.", "2022-11-07", "7 ноября"),
    ("en", "Updated 08/11/2022 09:4512 November: the envoys held talks in Geneva.", "2022-11-12", "12 November"),
    ("de", "08.11.2022 | 10:157. November trafen sich die Außenminister in Genf.", "2022-11-07", "7. November"),
    ("fr", "08/11/2022 10:157 novembre, les ministres se sont rencontrés à Genève.", "2022-11-07", "7 novembre"),
    ("id", "08/11/2022, 10:157 November para menteri bertemu di Jenewa.", "2022-11-07", "7 November"),
])
def test_a_day_glued_to_the_clock_of_a_time_stamp_is_still_a_day(lang: str, text: str, iso: str, written: str) -> None:
    # the line break between a page's time stamp and its lead was lost: "10:15" + "7 ноября"
    found = dates(text, lang, date(2022, 11, 8))
    assert (iso, "day", written) in found, found


@pytest.mark.parametrize("text", [
    "The vote ended 10:157 in favour of the motion.",        # no month after the digits
    "The count stood at 2:0157 November.",                    # three digits after the colon: no minutes
    "At 10:1577 November the talks began.",                   # the rest (77) is no day
])
def test_digits_after_a_clock_without_a_day_and_month_are_no_date(text: str) -> None:
    assert dates(text, "en", date(2022, 11, 8)) == []


@pytest.mark.parametrize("text, iso", [
    ("한중일 외교장관 회담이 오는 22일 도쿄에서 열린다.", "2025-07-22"),    # the coming 22nd: this month
    ("양국 정상은 지난 28일 서울에서 회담했다.", "2025-06-28"),             # the 28th just gone: last month
    ("양국 정상은 지난 1일 서울에서 회담했다.", "2025-07-01"),
    ("양국 외교장관은 오는 1일 다시 만난다.", "2025-08-01"),                 # the coming 1st: next month
])
def test_a_korean_day_after_a_word_for_last_or_coming_lies_on_that_side(text: str, iso: str) -> None:
    found = dates(text, "ko", date(2025, 7, 2))
    assert [d[0] for d in found] == [iso], found


@pytest.mark.parametrize("lang, text, iso, written", [
    ("ja", "両国の外相は5日前に大阪で会談した。", "2022-06-23", "5日前"),              # 5 days ago
    ("ja", "停戦協議は4日後にジュネーブで再開される。", "2022-07-02", "4日後"),          # 4 days later
    ("ko", "양국 외교장관은 5일 전에 부산에서 만났다.", "2022-06-23", "5일 전에"),
    ("ko", "휴전 협상은 4일 후 제네바에서 재개된다.", "2022-07-02", "4일 후"),
    ("ko", "양측 대표단은 6일 뒤 다시 만난다.", "2022-07-04", "6일 뒤"),
])
def test_a_number_of_days_ago_or_later_counts_from_publication(lang: str, text: str, iso: str, written: str) -> None:
    # "5日前" is 5 days ago, never the 5th of the month
    assert dates(text, lang) == [(iso, "day", written)]


@pytest.mark.parametrize("lang, text", [
    ("ja", "停戦は7日間続いた。"),                             # for 7 days
    ("ja", "選挙の3日前に両党の代表が会談した。"),              # 3 days before the election
    ("ja", "交渉は10日前後で終わる見込みだ。"),                  # about 10 days
    ("ko", "일시 휴전이 7일 만에 끝났다."),                      # ended after 7 days
    ("ko", "양측은 3일 동안 협상을 이어갔다."),                  # for 3 days
    ("ko", "그 3일 후 양국 정상이 통화했다."),                  # 3 days after that
])
def test_a_number_of_days_that_is_a_length_or_counts_from_another_day_is_no_date(lang: str, text: str) -> None:
    assert dates(text, lang) == []


def test_days_ago_with_only_the_publication_month_give_that_month() -> None:
    text = "両国の外相は5日前に大阪で会談した。"
    found = [(d.date, d.precision) for d in find_dates(text, fold(text), "ja", date(2022, 6, 1), "month")]
    assert found == [("2022-06", "month")]


@pytest.mark.parametrize("lang, text", [
    ("zh", "两国外长于3天前在上海会谈。"),
    ("en", "The envoys met 3 days ago in Oslo."),
    ("es", "Los enviados se reunieron hace 3 días en Quito."),
    ("fr", "Les émissaires se sont vus il y a 3 jours à Dakar."),
    ("de", "Die Gesandten trafen sich vor 3 Tagen in Bern."),
    ("tr", "Temsilciler 3 gün önce Ankara'da görüştü."),
    ("ar", "التقى المبعوثان منذ 3 أيام في عمّان."),
    ("id", "Para utusan bertemu 3 hari lalu di Medan."),
    ("hi", "दूत 3 दिन पहले जयपुर में मिले।"),
])
def test_a_number_of_days_ago_is_never_a_day_of_the_month(lang: str, text: str) -> None:
    assert [d for d in dates(text, lang) if d[0].endswith("-03")] == []


def test_a_korean_day_after_a_word_for_coming_stays_a_day_before_a_word_for_before() -> None:
    # "오는 15일 전까지": by the coming 15th, not until 15 days ago
    assert dates("양측은 오는 15일 전까지 답변하기로 했다.", "ko") == [("2022-07-15", "day", "오는 15일")]
