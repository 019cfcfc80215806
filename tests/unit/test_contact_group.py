"""The Trilateral Contact Group (Ukraine, Russia and the OSCE, which chairs it) is an OSCE
body: its sessions and what they agree have the OSCE as a party (issue 8). Sentences written
for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _tag(text: str, lang: str) -> dict:
    return tag_article({"id": "t1", "text": text, "lang": lang, "published": "2020-07-20"})


@pytest.mark.parametrize("lang, text", [
    ("en", "The Trilateral Contact Group met in Minsk on Friday."),
    ("uk", "Засідання Тристоронньої контактної групи відбулося в Мінську в п'ятницю."),
    ("uk", "Представник України в Тристоронній контактній групі заявив про це в п'ятницю."),
    ("ru", "Заседание Трехсторонней контактной группы прошло в Минске в пятницу."),
    ("ru", "Трёхсторонняя контактная группа собралась в Минске в пятницу."),
    ("de", "Die Trilaterale Kontaktgruppe kam am Freitag in Minsk zusammen."),
    ("pl", "Posiedzenie Trójstronnej Grupy Kontaktowej odbyło się w piątek w Mińsku."),
    ("fr", "Le groupe de contact trilatéral s'est réuni vendredi à Minsk."),
    ("tr", "Üçlü Temas Grubu cuma günü Minsk'te toplandı."),
])
def test_the_trilateral_contact_group_is_an_osce_body(lang, text):
    assert "OSCE" in {a.get("code") for a in _tag(text, lang)["actors"]}


@pytest.mark.parametrize("lang, text", [
    ("uk", "Представник України в Тристоронній контактній групі повідомив про це. На засіданні групи "
           "в Мінську 10 липня сторони домовилися про нове перемир’я на Донбасі."),
    ("ru", "Боевики снова обстреляли позиции ВСУ в Донбассе. На заседании Трехсторонней контактной группы "
           "в Минске 10 июля стороны договорились о новом перемирии в Донбассе."),
])
def test_a_truce_agreed_at_the_contact_groups_session_was_negotiated(lang, text):
    events = _tag(text, lang)["events"]
    peace = [e for e in events if e["family"] == "peace_process"]
    assert [e["stage"] for e in peace] == ["agreed"]
    assert "OSCE" in peace[0]["orgs"]
