""""The two countries" names the sides; it is no meeting word (issue 8). Hausa "kasashen biyu"
was also a bilateral meeting trigger: a sentence that only names the two countries became a
meeting, and "the representatives of the two countries, Russia and Ukraine, met" under a
third state's roof was split into bilateral meetings of each with the host. It stays a
`both` cue. Sentences written for these tests.
"""

from __future__ import annotations

from processors import tag_article


def _meetings(text: str) -> list[tuple[str, list[str]]]:
    out = tag_article({"id": "t1", "text": text, "lang": "ha", "published": "2023-01-10"})["events"]
    return [(e["mode"], e["countries"]) for e in out if e["family"] == "diplomatic_meeting"]


def test_naming_the_two_countries_is_no_meeting():
    assert _meetings("Kasashen biyu Najeriya da Nijar sun sha alwashin karfafa hulda.") == []


def test_the_two_countries_meeting_under_a_third_roof_is_one_meeting():
    assert _meetings("Wata sanarwa daga fadar shugaban kasar Kenya ta ce wakilan kasashen biyu Habasha da Eritrea "
                     "suna ganawar a karon farko.") == [("multilateral", ["ERI", "ETH", "KEN"])]


def _my_meetings(text: str) -> list[tuple[str, list[str]]]:
    out = tag_article({"id": "t1", "text": text, "lang": "my", "published": "2023-01-10"})["events"]
    return [(e["mode"], e["countries"]) for e in out if e["family"] == "diplomatic_meeting"]


def test_burmese_two_countries_is_no_meeting_but_bilateral_talks_are():
    # "Myanmar and Thailand, the two countries, pledged to increase trade"; "the trade of the
    # two countries China and Russia rose"; "the foreign ministers of China and Russia held
    # bilateral talks" (နှစ်နိုင်ငံဆိုင်ရာ, 'of the two countries', is the adjective bilateral)
    assert _my_meetings("မြန်မာနှင့် ထိုင်း နှစ်နိုင်ငံ ကုန်သွယ်ရေး တိုးမြှင့်ရန် ကတိပြုခဲ့သည်။") == []
    assert _my_meetings("တရုတ်နှင့် ရုရှား နှစ်နိုင်ငံ ကုန်သွယ်မှု ပမာဏ မြင့်တက်လာသည်။") == []
    assert _my_meetings("တရုတ်နှင့် ရုရှား နိုင်ငံခြားရေးဝန်ကြီးများ နှစ်နိုင်ငံဆိုင်ရာ ဆွေးနွေးပွဲ ကျင်းပခဲ့သည်။") \
        == [("bilateral", ["CHN", "RUS"])]
