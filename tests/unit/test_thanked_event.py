"""Thanks look back on the event they are for (issue 8): Russian 'выразил признательность'
(expressed gratitude) is a word of thanks, and thanks join the event that has every party
they name, not a later-told meeting of fewer. Sentences written for these tests.
"""

from __future__ import annotations

from processors import tag_article


def _events(text: str, family: str, lang: str = "en") -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-03-05"})["events"]
    return [e for e in out if e["family"] == family]


def test_russian_gratitude_looks_back_on_the_talks():
    text = ("Правительство Йемена и хуситы провели мирные переговоры в Маскате в воскресенье. Посланник ООН "
            "выразил признательность Оману за проведение мирных переговоров и поддержку мирных усилий в Йемене.")
    talks = _events(text, "peace_process", "ru")
    assert [(e["stage"], e["where"]["name"]) for e in talks] == [("held", "Muscat")]


def test_thanks_join_the_event_of_the_party_thanked():
    text = ("Министры иностранных дел Армении и Азербайджана провели встречу с госсекретарем США в Вашингтоне в "
            "понедельник. Стороны напомнили о встрече лидеров Армении и Азербайджана в Праге в октябре. Оба министра "
            "поблагодарили американскую сторону за проведение мирных переговоров между Арменией и Азербайджаном.")
    meetings = {e["where"]["name"]: e for e in _events(text, "diplomatic_meeting", "ru")}
    assert len(meetings["Washington"]["mentions"]) == 2 and len(meetings["Prague"]["mentions"]) == 1, meetings
    assert [e["where"]["name"] for e in _events(text, "peace_process", "ru")] == ["Washington"]
