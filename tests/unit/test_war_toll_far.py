"""The toll of a war that an article sums up far from its events (more than two sentences
from each) is its only truce's: that is the war the truce pauses (merge._assign_figures,
issue 8). Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article

FILLER = {
    "en": "Aid lorries lined up at the border crossing. Markets in the capital opened for the first time in weeks. "
          "Schools remain closed in the northern districts. ",
    "fr": "Des camions d'aide attendaient au poste frontière. Les marchés de la capitale ont rouvert pour la "
          "première fois depuis des semaines. Les écoles restent fermées dans les districts du nord. ",
    "id": "Truk bantuan mengantre di perbatasan. Pasar di ibu kota dibuka untuk pertama kalinya dalam beberapa "
          "minggu. Sekolah masih ditutup di distrik utara. ",
}
TRUCE = {
    "en": "Sudan's army and the Rapid Support Forces agreed a seven-day ceasefire in Jeddah on Saturday. ",
    "fr": "L'armée soudanaise et les Forces de soutien rapide ont conclu samedi à Djeddah un cessez-le-feu de sept "
          "jours. ",
    "id": "Tentara Sudan dan Pasukan Dukungan Cepat menyepakati gencatan senjata tujuh hari di Jeddah pada Sabtu. ",
}
TOLL = {
    "en": "At least 640 people have been killed and 3,100 wounded in the fighting since April.",
    "fr": "Les combats ont fait au moins 640 morts et 3 100 blessés depuis avril.",
    "id": "Pertempuran itu telah menewaskan sedikitnya 640 orang dan 3.100 orang luka-luka sejak April.",
}


def _truce_figures(text: str) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "published": "2023-05-21"})["events"]
    return [e["figures"] for e in out if e["family"] == "ceasefire"]


@pytest.mark.parametrize("lang", sorted(TRUCE))
def test_a_war_toll_told_far_from_the_only_truce_is_its_own(lang):
    figures = _truce_figures(TRUCE[lang] + FILLER[lang] + TOLL[lang])
    assert len(figures) == 1, figures
    assert figures[0].get("killed") == 640, figures


def test_a_toll_told_near_the_truce_wins_over_a_far_one():
    text = (TRUCE["en"] + "Clashes on Friday killed 12 people in Omdurman. " + FILLER["en"]
            + "Two more empty streets were reported. " + TOLL["en"])
    assert _truce_figures(text) == [{"killed": 12, "wounded": 3100}]


def test_a_far_toll_goes_to_no_truce_when_the_article_reports_two():
    text = (TRUCE["en"] + "A previous truce, agreed in Juba in 2021, collapsed within a week. "
            + FILLER["en"] + "Two more empty streets were reported. " + TOLL["en"])
    figures = _truce_figures(text)
    assert len(figures) == 2 and all("killed" not in f for f in figures), figures
