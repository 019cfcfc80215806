"""One phrase that names two states ("South and North Korea"): a `pair` row of a countries
file (iso3 "KOR+PRK") gives one mention per state, so a meeting between them has both sides.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from processors import tag_article
from processors.actors import find_actors
from processors.textutil import fold


def _codes(text: str, lang: str) -> list[str | None]:
    return [a.code for a in find_actors(text, fold(text), lang) if a.kind == "country"]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("my", "တောင်နှင့်မြောက်ကိုရီးယား ကိုယ်စားလှယ်များ", ["KOR", "PRK"]),
    ("my", "မြောက်နှင့်တောင်ကိုရီးယား နယ်စပ်", ["PRK", "KOR"]),
    ("ha", "Wakilan Koriya ta Kudu da ta Arewa sun isa.", ["KOR", "PRK"]),
    ("ha", "Jami'an Koriya ta Arewa da ta Kudu sun isa.", ["PRK", "KOR"]),
    ("am", "የደቡብና ሰሜን ኮሪያ ተወካዮች", ["KOR", "PRK"]),
    ("am", "የሰሜን እና ደቡብ ኮሪያ ባለስልጣናት", ["PRK", "KOR"]),
    ("sw", "Wajumbe wa Korea Kusini na Kaskazini", ["KOR", "PRK"]),
    ("en", "North and South Korean officials", ["PRK", "KOR"]),
    ("en", "Talks between the two Koreas stalled.", ["KOR", "PRK"]),
    ("am", "የሁለቱ ኮሪያዎች ተወካዮች", ["KOR", "PRK"]),
], ids=["my", "my-north-first", "ha", "ha-north-first", "am", "am-north-first", "sw", "en", "en-two", "am-two"])
def test_a_paired_name_gives_both_states_in_order(lang, text, expected):
    assert _codes(text, lang) == expected


def test_the_two_mentions_split_the_phrase_without_overlap_and_keep_its_name():
    text = "Wakilan Koriya ta Kudu da ta Arewa sun isa."
    first, second = find_actors(text, fold(text), "ha")
    assert first.start == 8 and first.end == second.start and second.end == 34
    assert first.name == second.name == "Koriya ta Kudu da ta Arewa"


def test_one_state_named_alone_stays_one_mention():
    assert _codes("South Korea and Japan signed.", "en") == ["KOR", "JPN"]
    assert _codes("Koriya ta Kudu da Japan sun gana.", "ha") == ["KOR", "JPN"]
    # "Japan and South Korea, the two countries": no pair row for "Korea, two countries" in
    # Burmese, which would take North Korea into every such list
    assert _codes("ဂျပန်နှင့်တောင်ကိုရီးယားနှစ်နိုင်ငံ ဆွေးနွေးကြသည်။", "my") == ["JPN", "KOR"]


@pytest.mark.parametrize(("lang", "text"), [
    ("my", "တောင်နှင့်မြောက်ကိုရီးယား ကိုယ်စားလှယ်များ ယနေ့ တွေ့ဆုံဆွေးနွေးခဲ့ကြသည်။"),
    ("ha", "Wakilan Koriya ta Kudu da ta Arewa sun gana a ranar Litinin."),
], ids=["my", "ha"])
def test_a_meeting_between_the_two_koreas_has_both_sides(lang, text):
    out = tag_article({"url": "https://example.org/k", "text": text, "lang": lang, "published": "2024-06-14"})
    meetings = [e for e in out["events"] if e["family"] == "diplomatic_meeting"]
    assert meetings and set(meetings[0]["countries"]) == {"KOR", "PRK"}
