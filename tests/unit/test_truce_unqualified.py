"""A truce that no word of the text qualifies (agreed, in force, holding, broken, ended) is one
talked about, sought or offered: `proposed`, not in force (issue 8). A truce in force is told
in words that say so, which the lexicons list ("remains in place", "برجای خود باقی", German
"gelten" after "soll"). Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _statuses(text: str, lang: str, published: str = "2025-05-20") -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": published})["events"]
    return sorted(e["status"] for e in out if e["family"] == "ceasefire")


@pytest.mark.parametrize("lang, text", [
    ("en", "Officials said the role of Qatar and Egypt now centres on a humanitarian pause in Gaza."),
    ("en", "A Kremlin adviser said Russia had received a written ceasefire text from Ukraine."),
    ("he", "לדבריו, תפקידן של קטאר ומצרים מתמקד כעת בהפוגה הומניטרית בעזה."),
])
def test_a_truce_no_word_qualifies_is_proposed(lang, text):
    assert _statuses(text, lang) == ["proposed"]


@pytest.mark.parametrize("lang, text, status", [
    ("en", "The ceasefire between Armenia and Azerbaijan remains in place, the ministry said.", "in_effect"),
    ("fa", "وزیر دفاع پاکستان گفت که آتشبس میان افغانستان و پاکستان فعلاً برجای خود باقی است.", "in_effect"),
    # "soll ... gelten" (is to apply) from a day after the report: agreed, not yet in force
    ("de", "Im Osten des Kongo soll ab Freitagabend ein Waffenstillstand zwischen Kongo und Ruanda gelten.",
     "agreed"),
])
def test_a_truce_told_in_force_is_not_proposed(lang, text, status):
    assert _statuses(text, lang, "2022-11-23") == [status]
