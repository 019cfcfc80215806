"""The time a truce starts ("a ceasefire from midnight on 12 March") dates that truce only: not
the agreement or talks of its sentence, which keep the day the lead tells, nor the events told
after it (issue 8)."""

from __future__ import annotations

import pytest

from processors.pipeline import tag_article

CASES = [
    ("en", "The foreign ministers of Armenia and Azerbaijan met in Geneva on 8 March 2024. Armenia and "
           "Azerbaijan agreed on a ceasefire from midnight on 12 March."),
    ("de", "Die Außenminister Armeniens und Aserbaidschans trafen sich am 8. März 2024 in Genf. Armenien und "
           "Aserbaidschan einigten sich auf eine Waffenruhe ab dem 12. März."),
    ("fr", "Les ministres des Affaires étrangères de l'Arménie et de l'Azerbaïdjan se sont rencontrés à Genève "
           "le 8 mars 2024. L'Arménie et l'Azerbaïdjan ont convenu d'un cessez-le-feu à partir du 12 mars."),
    ("es", "Los cancilleres de Armenia y Azerbaiyán se reunieron en Ginebra el 8 de marzo de 2024. Armenia y "
           "Azerbaiyán acordaron un alto el fuego a partir del 12 de marzo."),
    ("ru", "Министры иностранных дел Армении и Азербайджана встретились в Женеве 8 марта 2024 года. Армения "
           "и Азербайджан договорились о перемирии с 12 марта."),
    ("id", "Menteri luar negeri Armenia dan Azerbaijan bertemu di Jenewa pada 8 Maret 2024. Armenia dan "
           "Azerbaijan sepakat gencatan senjata mulai 12 Maret."),
    # the truce after the time it starts at
    ("ja", "アルメニアとアゼルバイジャンの外相は2024年3月8日、ジュネーブで会談した。アルメニアとアゼルバイジャンは"
           "3月12日午前0時から停戦することで合意した。"),
    ("ko", "아르메니아와 아제르바이잔 외교장관은 2024년 3월 8일 제네바에서 회담했다. 아르메니아와 아제르바이잔은 "
           "3월 12일 오전 0시부터 휴전하기로 합의했다."),
]


def _dates(text: str, lang: str) -> dict[str, list]:
    events = tag_article({"url": "https://example.org/s", "lang": lang, "text": text,
                          "published": "2024-03-10"})["events"]
    out: dict[str, list] = {}
    for e in events:
        out.setdefault(e["family"], []).append((e.get("when") or {}).get("date"))
    return out


@pytest.mark.parametrize("lang,text", CASES, ids=[c[0] for c in CASES])
def test_a_truce_start_dates_the_truce_only(lang, text):
    dates = _dates(text, lang)
    assert dates["diplomatic_meeting"] == ["2024-03-08"]
    assert dates["peace_process"] == ["2024-03-08"]     # agreed at the meeting, not on the 12th
    assert dates["ceasefire"] == ["2024-03-12"]         # the truce keeps the day it starts


@pytest.mark.parametrize("lang,text", [
    ("en", "Armenia and Azerbaijan will hold ceasefire talks in Geneva from 12 March."),
    ("ja", "アルメニアとアゼルバイジャンは3月12日からジュネーブで停戦協議を行う予定だ。"),
    ("ko", "아르메니아와 아제르바이잔은 3월 12일부터 제네바에서 휴전 협상을 진행할 예정이다."),
], ids=["en", "ja", "ko"])
def test_talks_about_a_truce_from_a_day_are_dated_by_it(lang, text):
    # the truce is the talks' topic: "from 12 March" is when the talks start
    assert _dates(text, lang)["peace_process"] == ["2024-03-12"]


@pytest.mark.parametrize(("lang", "text", "date_text", "starts"), [
    ("es", "un alto el fuego a partir del 12 de marzo", "12 de marzo", True),
    ("es", "el alto el fuego, vigente desde el 12 de marzo", "12 de marzo", False),
    ("pt", "o cessar-fogo a partir de 12 de março", "12 de março", True),
    ("pt", "o cessar-fogo, em vigor desde 12 de março", "12 de março", False),
    ("id", "gencatan senjata mulai 12 Maret", "12 Maret", True),
    ("id", "gencatan senjata yang berlaku sejak 12 Maret", "12 Maret", False),
    ("zh", "双方同意自3月12日起停火", "3月12日", True),
    ("zh", "自从3月12日停火以来", "3月12日", False),
])
def test_from_starts_a_state_since_looks_back(lang, text, date_text, starts):
    # "since" (desde, sejak, 自从) tells how long a state has lasted, which starts_a_period
    # already knows; only a word for "from" tells when one begins
    from processors.dates import starts_from
    from processors.textutil import fold
    at = text.index(date_text)
    assert (starts_from(fold(text), at, at + len(date_text), lang) is not None) is starts
