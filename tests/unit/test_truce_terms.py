"""One side agreeing to a truce's terms ("Israel has agreed to the terms of a 60-day truce")
has said yes to a proposal; the truce is `proposed`, not yet agreed between the sides
(issue 8). Two sides agreeing to them together, "both sides", or a truce whose terms the
sides are named to have agreed, is agreed. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _statuses(text: str, lang: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-07-02"})["events"]
    return sorted(e["status"] for e in out if e["family"] == "ceasefire")


@pytest.mark.parametrize("lang, text", [
    ("en", "The president said on Tuesday that Israel has agreed to the terms of a 60-day truce in Gaza."),
    ("hy", "Նախագահը երեքշաբթի հայտարարել է, որ Իսրայելը համաձայնել է Գազայում 60-օրյա "
           "հրադադարի պայմաններին։"),
    ("ru", "Президент заявил во вторник, что Израиль согласовал условия перемирия в секторе Газа."),
    ("ar", "قال الرئيس الثلاثاء إن إسرائيل وافقت على شروط هدنة لمدة 60 يوما في غزة."),
    ("fr", "Le président a déclaré mardi qu'Israël avait accepté les conditions du cessez-le-feu à Gaza."),
    ("tr", "Başkan salı günü yaptığı açıklamada İsrail'in ateşkes şartlarını kabul ettiğini söyledi."),
])
def test_one_side_agreeing_to_a_truces_terms_leaves_it_proposed(lang, text):
    assert _statuses(text, lang) == ["proposed"]


@pytest.mark.parametrize("lang, text", [
    # two sides, or both, agree to the terms: the truce is agreed
    ("en", "Israel and Hamas have agreed to the terms of a 60-day truce in Gaza, the mediators said."),
    ("en", "Egypt said on Tuesday that both sides have agreed to the terms of a 60-day truce between "
           "Israel and Hamas in Gaza."),
    ("en", "The terms of the truce agreed by Israel and Hamas on Tuesday include a prisoner exchange."),
    ("ru", "Президент заявил во вторник, что Израиль и ХАМАС договорились об условиях перемирия в Газе."),
    ("ar", "قال الوسطاء إن إسرائيل وحماس وافقتا على شروط هدنة لمدة 60 يوما في غزة."),
    # the terms are not the truce's: a truce agreed, with conditions named elsewhere
    ("en", "Israel agreed to a 60-day truce in Gaza on Tuesday; living conditions there remain dire."),
])
def test_two_sides_agreeing_to_a_truces_terms_agree(lang, text):
    assert _statuses(text, lang) == ["agreed"]
