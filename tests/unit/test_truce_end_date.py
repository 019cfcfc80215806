"""The date a truce ended ("the ceasefire that expired in January") dates that end only: not
the talks of its sentence about it, nor the events told after it (issue 8)."""

from __future__ import annotations

import pytest

from processors.pipeline import tag_article

CASES = [
    ("en", "On 8 March 2024 the foreign ministers of Armenia and Azerbaijan arrived in Geneva. "
           "The ministers of Armenia and Azerbaijan met there to discuss extending the ceasefire that "
           "expired in January. Armenia and Azerbaijan also agreed to resume peace talks.", "2024-03-08"),
    ("id", "Menteri luar negeri Armenia dan Azerbaijan tiba di Jenewa pada Sabtu (9/3/2024). Para menteri "
           "Armenia dan Azerbaijan bertemu untuk membahas perpanjangan gencatan senjata yang berakhir pada "
           "Januari 2024 lalu. Armenia dan Azerbaijan juga sepakat melanjutkan perundingan damai.", "2024-03-09"),
    # verb-final: the end word follows its date
    ("ja", "アルメニアとアゼルバイジャンの外相は2024年3月8日、ジュネーブに到着した。両国の外相は1月に失効した"
           "停戦の延長について会談した。アルメニアとアゼルバイジャンは和平交渉の再開でも合意した。", "2024-03-08"),
]


def _dates(events, family):
    return [(e.get("when") or {}).get("date") for e in events if e["family"] == family]


@pytest.mark.parametrize("lang,text,day", CASES, ids=[c[0] for c in CASES])
def test_a_truce_end_dates_the_truce_only(lang, text, day):
    events = tag_article({"url": "https://example.org/t", "lang": lang, "text": text,
                          "published": "2024-03-10"})["events"]
    assert _dates(events, "diplomatic_meeting") == [day]     # one meeting, on the day the lead tells
    assert _dates(events, "peace_process") == [day]          # not carried from the truce's end
    assert _dates(events, "ceasefire") == ["2024-01"]        # the truce keeps the month it ended
