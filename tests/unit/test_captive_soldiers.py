"""Soldiers as many as an event's prisoners or hostages are those captives, not a troops
figure of their own (merge._assign_figures, issue 8). Sentences written for these tests.
"""

from __future__ import annotations

from processors import tag_article


def _figures(text: str) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "published": "2026-02-05"})["events"]
    return [e["figures"] for e in out if e["family"] == "peace_process"]


def test_soldiers_as_many_as_the_prisoners_exchanged_are_the_prisoners():
    figures = _figures("Russia and Ukraine carried out a prisoner exchange on Thursday under a deal brokered by "
                       "the UAE. Each side handed over 157 prisoners of war. Kyiv said 157 of its soldiers had "
                       "come home.")
    assert figures == [{"prisoners": 157}], figures


def test_soldiers_of_another_number_keep_their_figure():
    figures = _figures("Russia and Ukraine carried out a prisoner exchange on Thursday under a deal brokered by "
                       "the UAE. Each side handed over 157 prisoners of war. Kyiv said 2,000 soldiers had "
                       "pulled back from the line.")
    assert figures == [{"prisoners": 157, "troops": 2000}], figures
