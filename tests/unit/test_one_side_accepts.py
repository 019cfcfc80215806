"""One side accepting a deal ("Hamas said it accepted the ceasefire agreement") is its yes,
not yet an agreement between the sides (issue 8): the talks are not `agreed` on that word.
Two sides accepting it together, or "both sides", is an agreement. Sentences written for
these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _stages(text: str) -> list[str]:
    out = tag_article({"id": "t1", "text": text, "published": "2025-10-20"})["events"]
    return sorted(e["stage"] for e in out if e["family"] == "peace_process")


@pytest.mark.parametrize("lang, text", [
    ("en", "Egyptian and Qatari mediators held talks with Hamas in Cairo on Monday. "
           "Hamas said on Tuesday that it accepted the ceasefire agreement."),
    ("vi", "Các nhà trung gian Ai Cập và Qatar đã đàm phán với Hamas tại Cairo hôm thứ Hai. "
           "Hamas cho biết đã chấp nhận thỏa thuận ngừng bắn."),
    ("ps", "مصري او قطري منځګړو د دوشنبې په ورځ په قاهره کې له حماس سره خبرې وکړې. "
           "حماس وویل چې د اوربند هوکړه یې منلې ده."),
])
def test_one_side_accepting_a_deal_is_not_an_agreement(lang, text):
    stages = _stages(text)
    assert stages and "agreed" not in stages, stages


@pytest.mark.parametrize("text", [
    "Egyptian and Qatari mediators held talks with Hamas in Cairo on Monday. "
    "Israel and Hamas accepted the ceasefire agreement on Tuesday.",
    "Egyptian and Qatari mediators held talks with Hamas in Cairo on Monday. "
    "Both sides accepted the ceasefire agreement on Tuesday.",
])
def test_two_sides_accepting_a_deal_agree(text):
    assert "agreed" in _stages(text)
