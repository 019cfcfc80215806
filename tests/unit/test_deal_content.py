"""A step of implementation that a word of content introduces ("the proposal includes a
prisoner exchange") is what a deal or proposal holds, not a step taken (issue 8): it joins
the deal told before and states no stage of its own. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _peace(text: str) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, "published": "2025-10-20"})["events"]
    return [e for e in out if e["family"] == "peace_process"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Egypt and Qatar presented a new ceasefire proposal to Hamas and Israel on Monday. "
           "The proposal includes a prisoner exchange and the withdrawal of troops from the city."),
    ("id", "Mesir dan Qatar mengajukan proposal gencatan senjata baru kepada Hamas dan Israel pada Senin. "
           "Proposal itu mencakup pertukaran tahanan dan penarikan pasukan."),
    ("ru", "Египет и Катар представили ХАМАС и Израилю новое предложение о перемирии в понедельник. "
           "Предложение предусматривает обмен пленными и отвод войск из города."),
])
def test_a_step_a_proposal_includes_is_part_of_the_proposal(lang, text):
    peace = _peace(text)
    assert [e["stage"] for e in peace] == ["proposed"], peace
    assert len(peace[0]["mentions"]) == 2, peace


def test_a_step_carried_out_after_a_proposal_is_a_step_of_its_own():
    peace = _peace("Egypt and Qatar presented a new ceasefire proposal to Hamas and Israel on Monday. "
                   "On Tuesday the two sides carried out a prisoner exchange at the border crossing.")
    assert sorted(e["stage"] for e in peace) == ["implemented", "proposed"], peace


def test_a_deal_that_includes_a_step_and_is_signed_keeps_its_signing():
    peace = _peace("Armenia and Azerbaijan held peace talks in Washington on Monday. On Friday the two sides "
                   "signed an agreement that includes a prisoner exchange.")
    assert "signed" in [e["stage"] for e in peace], peace
