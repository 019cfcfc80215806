"""Heads of state or government who meet to sign hold a summit (issue 8): "summit" is the
mode of a meeting of leaders (events-guide), and leaders signing at one ceremony meet as
leaders, though no word says "summit". Their ministers signing, or the leaders meeting with
nothing signed, keep the mode the party count gives. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _modes(text: str, lang: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "lang": lang, "published": "2025-10-20"})["events"]
    return [e["mode"] for e in out if e["family"] == "diplomatic_meeting"]


@pytest.mark.parametrize("lang, text", [
    ("en", "At a signing ceremony in Addis Ababa on Monday, Sudanese President Omar Bashir and South Sudanese "
           "President Salva Kiir signed an agreement on oil and security."),
    ("de", "Bei einer Unterzeichnungszeremonie in Addis Abeba unterzeichneten der sudanesische Präsident Omar "
           "Baschir und der südsudanesische Präsident Salva Kiir am Montag ein Abkommen."),
    ("he", "בטקס חתימה בוושינגטון חתמו ראש ממשלת ארמניה ניקול פשיניאן ונשיא אזרבייג'ן אילהם אלייב על הצהרה "
           "משותפת."),
    ("ko", "워싱턴에서 열린 서명식에서 도널드 트럼프 미국 대통령이 니콜 파시냔 아르메니아 총리, 일함 알리예프 "
           "아제르바이잔 대통령과 악수했다."),
])
def test_leaders_signing_together_meet_at_a_summit(lang, text):
    assert _modes(text, lang) == ["summit"]


def test_ministers_signing_meet_bilaterally():
    assert _modes("At a signing ceremony in Addis Ababa on Monday, the foreign ministers of Sudan and South Sudan "
                  "signed an agreement on oil and security.", "en") == ["bilateral"]


def test_leaders_meeting_with_nothing_signed_meet_bilaterally():
    assert _modes("Sudanese President Omar Bashir and South Sudanese President Salva Kiir met in Addis Ababa on "
                  "Monday to discuss oil and security.", "en") == ["bilateral"]
