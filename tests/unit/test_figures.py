"""Figures of people in every language (sentences written for these tests)."""

from __future__ import annotations

import pytest

from processors.figures import find_figures
from processors.textutil import fold


def figures(text: str, lang: str):
    return [(f.kind, f.value) for f in find_figures(text, fold(text), lang)]


def spans(text: str, lang: str):
    return [text[f.start:f.end] for f in find_figures(text, fold(text), lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Sebanyak 2.000 pasukan penjaga perdamaian Rusia dikerahkan ke wilayah itu.", [("peacekeepers", 2000)]),
        ("en", "At least 6,500 people were killed in the fighting.", [("killed", 6500)]),
        ("en", "Officials said 1.5 million displaced people need shelter.", [("displaced", 1_500_000)]),
        ("ms", "Seramai 2,000 askar dihantar ke sempadan.", [("troops", 2000)]),
        ("fr", "L'ONU déploie 2 000 casques bleus et compte 30 morts.", [("peacekeepers", 2000), ("killed", 30)]),
        ("es", "Hubo 15 muertos y 40 heridos tras el ataque.", [("killed", 15), ("wounded", 40)]),
        ("pt", "O ataque deixou 12 mortos e 30 feridos.", [("killed", 12), ("wounded", 30)]),
        ("de", "Mehr als 2.000 Soldaten sind im Einsatz, 13 Tote wurden gezählt.", [("troops", 2000), ("killed", 13)]),
        ("ru", "Погибли 6500 человек, в регион вошли 2 тыс. миротворцев.", [("killed", 6500), ("peacekeepers", 2000)]),
        ("uk", "Загинули 12 людей, ще 30 поранених доставили до лікарні.", [("killed", 12), ("wounded", 30)]),
        ("ar", "أسفر القصف عن مقتل ١٥ شخصا وإصابة ٢٠ آخرين.", [("killed", 15), ("wounded", 20)]),
        ("ar", "وصل ٢٠٠٠ من قوات حفظ السلام إلى المنطقة.", [("peacekeepers", 2000)]),
        ("fa", "۲ هزار سرباز به منطقه اعزام شدند و ۱۵ کشته گزارش شد.", [("troops", 2000), ("killed", 15)]),
        ("tr", "Bölgeye 2 bin asker gönderildi, 15 kişi hayatını kaybetti.", [("troops", 2000), ("killed", 15)]),
        ("zh", "2000名维和人员抵达，冲突造成至少30人死亡。", [("peacekeepers", 2000), ("killed", 30)]),
        ("zh", "约两千名士兵撤离，另有3万多人沦为难民。", [("troops", 2000), ("displaced", 30000)]),
        ("ja", "2000人の平和維持部隊が到着し、死者は30人に上った。", [("peacekeepers", 2000), ("killed", 30)]),
        ("hi", "हमले में 15 लोग मारे गए और 2,000 सैनिक तैनात किए गए।", [("killed", 15), ("troops", 2000)]),
        ("ur", "دھماکے میں 12 افراد ہلاک اور 30 زخمی ہو گئے۔", [("killed", 12), ("wounded", 30)]),
    ],
)
def test_figures_in_every_language(lang: str, text: str, expected: list) -> None:
    assert figures(text, lang) == expected


def test_indonesian_decimal_comma_with_a_scale_word() -> None:
    assert figures("Sedikitnya 6,5 ribu orang tewas dan 2 ribu luka-luka.", "id") == [("killed", 6500), ("wounded", 2000)]


def test_digits_of_other_scripts() -> None:
    assert figures("أفرج عن ٢٠٠٠ أسير.", "ar") == [("prisoners", 2000)]
    assert figures("۲۰۰۰ گروگان آزاد شدند.", "fa") == [("hostages", 2000)]


def test_casualty_beats_unit_word() -> None:
    assert figures("Rebels killed 3 soldiers and injured 40 civilians.", "en") == [("killed", 3), ("wounded", 40)]
    assert figures("Three days later 12 soldiers were killed.", "en") == [("killed", 12)]


def test_span_covers_number_and_kind_word() -> None:
    assert spans("Some 12 hostages were freed.", "en") == ["12 hostages"]


def test_dates_times_and_percentages_are_not_figures() -> None:
    text = "On 22 May 2014 at 10:30, 45% of the 27/6/2022 troops were killed in 2014."
    assert figures(text, "en") == []
    assert figures("Pada 22 Mei 2014 pasukan tiba, tahun 2014 tentara mundur.", "id") == []
    assert figures("2022年6月27日，士兵撤离。", "zh") == []


def test_window_and_clause_limits() -> None:
    # too far from the kind word, or across a sentence end, or across another number
    assert figures("There were 300 of them in the convoy that day, mostly soldiers.", "en") == []
    assert figures("The town has 300 houses. Soldiers came.", "en") == []
    assert figures("Soldaten aus 14 Ländern nahmen teil.", "de") == []
    assert figures("Seramai 2,000 askar dan 12 orang terbunuh.", "ms") == [("troops", 2000), ("killed", 12)]


def test_no_kind_word_no_figure() -> None:
    assert figures("The budget grew by 2,000 dollars in 2021.", "en") == []


def test_a_year_is_not_glued_to_the_next_number() -> None:
    assert figures("In 2014 300 soldiers were killed; 6 500 troops stayed.", "en") == [("killed", 300), ("troops", 6500)]


def test_kinds_are_those_of_the_events_guide() -> None:
    from processors.figures import KINDS

    assert set(KINDS) == {"killed", "wounded", "displaced", "troops", "peacekeepers", "prisoners", "hostages"}
    assert figures("Two blasts left 14 dead and 52 wounded.", "en") == [("killed", 14), ("wounded", 52)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Rusia mengirim 1.500 tentara penjaga perdamaian ke perbatasan.", [("peacekeepers", 1500)]),
        ("en", "Moscow sent 1,500 Russian peacekeeping troops to the border.", [("peacekeepers", 1500)]),
        ("ru", "На границу вошли 1500 военнослужащих миротворческого контингента.", [("peacekeepers", 1500)]),
        ("ru", "На границу вошли 1500 российских миротворцев.", [("peacekeepers", 1500)]),
        # two groups, not one phrase
        ("en", "Moscow sent 1,500 troops and peacekeepers to the border.", [("troops", 1500)]),
    ],
)
def test_the_most_specific_kind_wins(lang: str, text: str, expected: list) -> None:
    assert figures(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "Perang itu memakan korban hingga 4.200 jiwa.", [("killed", 4200)]),
        ("id", "Banjir itu merenggut 35 nyawa warga desa.", [("killed", 35)]),
        ("id", "Serangan udara itu menewaskan 18 orang.", [("killed", 18)]),
        ("ms", "Konflik itu meragut 120 nyawa.", [("killed", 120)]),
        ("en", "More than 4,200 people were killed in the war.", [("killed", 4200)]),
        ("en", "At least 120 dead after the shelling.", [("killed", 120)]),
        ("pt", "O ataque deixou 1 morto e 3 feridos.", [("killed", 1), ("wounded", 3)]),
    ],
)
def test_death_tolls(lang: str, text: str, expected: list) -> None:
    assert figures(text, lang) == expected


def test_context_words_need_their_cue_in_the_same_sentence() -> None:
    assert figures("Kota itu berpenduduk 5 juta jiwa.", "id") == []
    assert figures("Para korban dimakamkan. Desa itu dihuni 800 jiwa.", "id") == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Two soldiers were killed at the checkpoint.", [("killed", 2)]),
        ("en", "One Ukrainian soldier was wounded overnight.", [("wounded", 1)]),
        ("en", "Rebels killed two civilians; three hostages remain.", [("killed", 2), ("hostages", 3)]),
        ("uk", "Один український військовий поранений.", [("wounded", 1)]),
        ("fa", "یک شهید و هفت زخمی گزارش شد.", [("killed", 1), ("wounded", 7)]),
        ("id", "Seorang prajurit gugur dan dua sandera dibebaskan.", [("killed", 1), ("hostages", 2)]),
        ("fr", "Plus d'un million de personnes ont été déplacées.", [("displaced", 1_000_000)]),
    ],
)
def test_number_words(lang: str, text: str, expected: list) -> None:
    assert figures(text, lang) == expected


def test_number_words_need_their_kind_word_beside_them() -> None:
    assert figures("One of the many soldiers said so.", "en") == []
    assert figures("Un soldat a déclaré que la trêve tient.", "fr") == []      # "un" is an article
    assert figures("The two sides agreed that the soldiers would leave.", "en") == []


def test_italian_and_swahili() -> None:
    assert figures("Nell'attacco ci sono stati 12 morti e 30 feriti.", "it") == [("killed", 12), ("wounded", 30)]
    assert figures("L'ONU schiera 2.000 caschi blu.", "it") == [("peacekeepers", 2000)]
    assert figures("Watu 300 wameuawa na 40 wamejeruhiwa.", "sw") == [("killed", 300), ("wounded", 40)]
