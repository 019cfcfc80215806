"""A truce named as what an anniversary marks ("the 70th anniversary of the armistice") is
background: the news is the anniversary, and the truce it recalls is `historical`, not agreed
nor in effect (issue 8). An anniversary in another clause, of something else, says nothing
of the truce. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _statuses(text: str, lang: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2023-07-27"})["events"]
    return sorted(e["status"] for e in out if e["family"] == "ceasefire")


@pytest.mark.parametrize("lang, text", [
    ("en", "Leaders of South Korea marked the 70th anniversary of the armistice with North Korea on Thursday."),
    ("zh", "韩国和朝鲜周四纪念朝鲜停战协定签署70周年。"),
    ("ko", "한국은 27일 남북 정전협정 체결 70주년을 맞아 기념식을 열었다."),
    ("ru", "В среду в Ереване отметили годовщину подписания соглашения о прекращении огня между Арменией "
           "и Азербайджаном."),
    ("ar", "احتفلت أرمينيا وأذربيجان الأربعاء بالذكرى الخامسة لاتفاق وقف إطلاق النار."),
])
def test_a_truce_an_anniversary_marks_is_background(lang, text):
    assert _statuses(text, lang) == ["historical"]


@pytest.mark.parametrize("text", [
    "On the anniversary of the war, Armenia and Azerbaijan agreed to a new ceasefire along the border.",
    "Armenia and Azerbaijan agreed to a ceasefire on Monday, a week before the anniversary of the war.",
])
def test_an_anniversary_in_another_clause_leaves_the_truce_agreed(text):
    assert _statuses(text, "en") == ["agreed"]
