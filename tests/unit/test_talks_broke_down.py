"""Talks that broke down and took their truce with them: the truce is `ended`, and the talks'
stage is their collapse, not the agreement the truce once was (issue 8). Urdu says a truce
was ended with the transitive "ختم کرنا" or the noun "خاتمہ", which the lexicon lacked. A word
of breakdown nearer the truce than the talks ("the collapse of the US-brokered ceasefire") is
the truce's own: its talks still reached it. Sentences written for this test."""

from __future__ import annotations

import pytest

from processors import tag_article


def _events(text: str, lang: str) -> list[tuple[str, str]]:
    out = tag_article({"id": "t", "text": text, "lang": lang, "published": "2026-11-20"})
    return [(e["family"], e["status"] or e["stage"]) for e in out["events"]]


@pytest.mark.parametrize("text", [
    "اسلام آباد اور باغی گروپ کے درمیان قطر کی ثالثی میں جاری مذاکرات ناکام ہو گئے، جس کے بعد گروپ نے جنگ بندی ختم"
    " کرنے کا اعلان کر دیا۔",
    "پاکستانی طالبان نے حکومت کے ساتھ جنگ بندی کے خاتمے کا اعلان کر دیا ہے۔",
])
def test_an_urdu_truce_ended_by_a_side_is_ended(text):
    assert ("ceasefire", "ended") in _events(text, "ur")


def test_talks_that_broke_down_with_their_truce_collapsed():
    text = ("حکومت اور باغی گروپ کے مذاکرات ختم، جنگ بندی بھی ختم کرنے کا اعلان\n"
            "اسلام آباد اور باغی گروپ کے درمیان قطر کی ثالثی میں جاری مذاکرات ناکام ہو گئے ہیں، جس کے بعد گروپ نے جنگ"
            " بندی ختم کرنے کا اعلان کر دیا ہے۔ حکام کے مطابق دوحہ میں ہونے والے مذاکرات کا دوسرا دور"
            " قیدیوں کی رہائی پر اختلافات کے باعث بے نتیجہ رہا۔")
    assert ("peace_process", "collapsed") in _events(text, "ur")


def test_the_collapse_of_a_brokered_truce_leaves_its_talks_agreed():
    text = ("Thailand and Cambodia blamed each other for the collapse of the US-brokered ceasefire that ended"
            " the fighting.")
    assert ("peace_process", "agreed") in _events(text, "en")
