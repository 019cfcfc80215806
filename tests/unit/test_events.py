"""Event frames (shared/spec/events-guide.md): one frame per real-world event, with the
right parties, mediators, place, date and value. Sentences written for these tests.

Each test names the stage it exercises: mentions, frames (arguments from the
trigger's clause), merge (one frame per event), resolve (value, mode, id).
"""

from __future__ import annotations

import pytest

from processors import tag_article


def _events(text: str, family: str | None = None, **extra) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, **extra})["events"]
    return [e for e in out if family is None or e["family"] == family]


def _parties(e: dict) -> set[str]:
    return set(e["countries"]) | set(e["orgs"])


# --- merge: one frame per real-world event --------------------------------------------------


def test_mentions_of_one_meeting_are_one_frame_with_every_mention():
    text = ("The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday. "
            "The meeting lasted three hours, officials said. "
            "At the meeting, both ministers discussed the border.")
    meetings = _events(text, "diplomatic_meeting")
    assert len(meetings) == 1
    m = meetings[0]
    assert _parties(m) == {"ARM", "AZE"}
    assert m["where"]["name"] == "Geneva" and m["where"]["country"] == "CHE"
    assert len(m["mentions"]) >= 2
    assert m["evidence"]["sentence"].startswith("The foreign ministers")


def test_two_meetings_in_two_places_stay_two_frames():
    text = ("The president of Kenya met the president of Uganda in Nairobi on 3 March 2025. "
            "The prime minister of India met the prime minister of Japan in Tokyo on 20 April 2025.")
    meetings = _events(text, "diplomatic_meeting")
    assert len(meetings) == 2
    assert [_parties(m) for m in meetings] == [{"KEN", "UGA"}, {"IND", "JPN"}]
    assert [m["when"]["date"] for m in meetings] == ["2025-03-03", "2025-04-20"]


def test_an_anaphoric_mention_joins_its_event_without_adding_the_states_it_mentions():
    text = ("Presiden Kenya bertemu dengan Sekretaris Jenderal PBB di Nairobi, Senin (3/3/2025). "
            "Dalam pertemuan tersebut, keduanya membahas bantuan bagi pengungsi dari Somalia.")
    meetings = _events(text, "diplomatic_meeting")
    assert len(meetings) == 1
    assert _parties(meetings[0]) == {"KEN", "UN"}


def test_a_meeting_held_and_a_meeting_planned_are_two_frames():
    text = ("The foreign ministers of Peru and Chile met in Lima on Monday. "
            "The foreign ministers of Peru and Chile will meet again in Santiago next month.")
    meetings = _events(text, "diplomatic_meeting", published="2025-03-05")
    assert sorted(m["status"] for m in meetings) == ["held", "scheduled"]


def test_a_truce_agreed_then_broken_is_one_frame_in_its_latest_state():
    text = ("Armenia and Azerbaijan agreed a ceasefire on Monday after days of shelling on the border. "
            "The truce was violated hours later, the defence ministry said.")
    truces = _events(text, "ceasefire")
    assert len(truces) == 1
    assert truces[0]["status"] == "violated"
    assert _parties(truces[0]) >= {"ARM", "AZE"}


# --- frames: roles ---------------------------------------------------------------------------


@pytest.mark.parametrize("dateline", ["JAKARTA – ", "Jakarta, Indonesia (Wire / 3 May)—"])
def test_a_dateline_is_not_a_party(dateline):
    text = (f"{dateline}The leaders of Ethiopia and Kenya met in Addis Ababa on Monday to discuss "
            "the border and trade.")
    meeting = _events(text, "diplomatic_meeting")[0]
    assert "IDN" not in meeting["countries"]
    assert _parties(meeting) == {"ETH", "KEN"}


def test_a_state_named_after_its_city_is_the_venue_not_a_party():
    text = "Last week the leaders of Serbia and Kosovo met in Brussels, Belgium, for talks on normalising relations."
    meeting = _events(text, "diplomatic_meeting")[0]
    assert "BEL" not in meeting["countries"]
    assert meeting["where"]["country"] == "BEL"


def test_mediators_are_parties_that_broker_the_talks():
    text = ("Israel and Hamas agreed a truce mediated by Qatar and Egypt after weeks of fighting in Gaza.")
    truce = _events(text, "ceasefire")[0]
    assert set(truce["mediators"]) == {"QAT", "EGY"}
    peace = _events(text, "peace_process")[0]
    assert set(peace["mediators"]) == {"QAT", "EGY"}
    assert {"QAT", "EGY"} <= _parties(peace)


@pytest.mark.parametrize("lang, text", [
    ("en", "An Omani delegation arrived in Sanaa on Sunday to discuss extending the truce in Yemen "
           "mediated by the United Nations."),
    ("id", "Delegasi Oman tiba di Sanaa pada Minggu untuk membahas perpanjangan gencatan senjata di Yaman "
           "yang dimediasi PBB."),
])
def test_talks_on_extending_a_mediated_truce_are_not_its_agreement(lang, text):
    assert [e["stage"] for e in _events(text, "peace_process", lang=lang)] == ["held"]
    # mediating a truce the sentence says nothing more of is talks, not its agreement
    mediating = "Oman is mediating a truce between Saudi Arabia and the Houthis in Yemen, officials said."
    assert [e["stage"] for e in _events(mediating, "peace_process")] == ["held"]
    # a mediated truce broken since was still agreed in those talks
    broken = ("Both sides accused each other of violating the truce mediated by Qatar in Doha last month.")
    assert [e["stage"] for e in _events(broken, "peace_process")] == ["agreed"]


@pytest.mark.parametrize("text", [
    "Pertemuan kedua negara itu dimediasi Uni Eropa di Brussels setelah bentrokan di perbatasan Armenia dan Azerbaijan.",
    "Perundingan damai antara Armenia dan Azerbaijan dimediasi oleh Uni Eropa di Brussels.",
])
def test_affixed_mediation_words_name_the_mediator(text):
    events = _events(text)
    assert events, "no event found"
    assert any("EU" in e["mediators"] for e in events)


def test_a_truce_covers_the_area_named_with_it_not_the_city_where_it_was_negotiated():
    text = ("Negotiators meeting in Doha agreed a ceasefire in the Gaza Strip between Israel and Hamas "
            "after months of war.")
    truce = _events(text, "ceasefire")[0]
    assert truce["where"]["country"] == "PSE"
    meeting = _events(text, "diplomatic_meeting")
    assert not meeting or meeting[0]["where"]["country"] == "QAT"


@pytest.mark.parametrize("lang, text", [
    ("en", "Sudan's army and the Rapid Support Forces signed a seven-day truce on Saturday in Jeddah, "
           "Saudi Arabia, in talks mediated by Saudi Arabia and the United States."),
    ("fr", "L'armée soudanaise et les Forces de soutien rapide ont signé une trêve de sept jours, samedi à "
           "Djeddah, en Arabie saoudite, sous la médiation saoudienne et américaine."),
])
def test_a_truce_does_not_cover_the_state_that_mediates_it_though_the_talks_were_held_there(lang, text):
    truce = _events(text, "ceasefire", lang=lang)[0]
    assert "SAU" in truce["mediators"]
    assert truce["where"]["country"] == "SDN"
    talks = _events(text, "peace_process", lang=lang)
    assert talks and talks[0]["where"]["name"] == "Jeddah"


@pytest.mark.parametrize("lang, text, area", [
    # the region the sides fight over, not the foreign city where they agreed
    ("en", "The government of Ethiopia and the rebel authorities in Tigray agreed in Nairobi on Wednesday to a "
           "cessation of hostilities.", "ETH"),
    # a third state named as the venue of a truce that names a side: not its area (nor is the side
    # the area, for all the sentence says)
    ("en", "Sudan's army accepted in Saudi Arabia a week-long truce with the paramilitaries.", None),
    ("fr", "L'armée du Soudan a accepté en Arabie saoudite une trêve d'une semaine avec les paramilitaires.", None),
    ("en", "Sudan's army accepted in Saudi Arabia a week-long truce with the Rapid Support Forces.", "SDN"),
    # a state named right after the truce word is its area, the city before it where it was agreed
    ("en", "Officials announced the signing in Jeddah of a humanitarian truce in Sudan.", "SDN"),
    ("ar", "أعلنت الخارجية السعودية التوقيع في جدة على هدنة إنسانية في السودان.", "SDN"),
    # a region introduced with "in" ("à Gaza") is the truce's area, not where it was signed
    ("fr", "Dans le nord d'Haïfa, on a salué un cessez-le-feu de soixante jours pour les combats à Gaza.", "PSE"),
])
def test_a_truce_covers_the_war_of_its_sides_not_the_third_state_where_it_was_agreed(lang, text, area):
    truce = _events(text, "ceasefire", lang=lang)[0]
    assert (truce["where"] or {}).get("country") == area


@pytest.mark.parametrize("lang, text, venue", [
    ("en", "Ethiopia and the Tigray leadership will hold peace talks in South Africa next week.", "South Africa"),
    ("fr", "L'Éthiopie et les dirigeants du Tigré tiendront des pourparlers de paix en Afrique du Sud.", "South Africa"),
    ("ar", "دعا الاتحاد الأفريقي حكومة إثيوبيا وقادة تيغراي إلى محادثات السلام في جنوب أفريقيا الأسبوع المقبل.",
     "South Africa"),
    # a city of the state named as venue tells it more precisely
    ("en", "Ethiopia and the Tigray leadership will hold peace talks in South Africa, in Pretoria.", "Pretoria"),
])
def test_talks_take_place_in_the_state_named_as_venue_not_in_a_region_named_in_passing(lang, text, venue):
    talks = _events(text, "peace_process", lang=lang)[0]
    assert (talks["where"] or {}).get("name") == venue


def test_the_third_state_of_a_trilateral_meeting_between_the_two_sides_mediates():
    text = ("Armenia and Azerbaijan have negotiated a peace treaty since the 2020 ceasefire. "
            "On Friday the leaders of Armenia and Azerbaijan will hold trilateral talks with the "
            "President of the United States in Washington.")
    meeting = _events(text, "diplomatic_meeting", published="2025-08-06")[0]
    assert _parties(meeting) == {"ARM", "AZE", "USA"}
    assert meeting["mediators"] == ["USA"]


def test_a_meeting_of_one_side_with_two_others_has_no_mediator():
    text = ("Armenia and Azerbaijan have negotiated a peace treaty since the 2020 ceasefire. "
            "On Friday the President of Armenia met the leaders of France and Germany in Paris.")
    meeting = _events(text, "diplomatic_meeting", published="2025-08-06")[0]
    assert meeting["mediators"] == []


@pytest.mark.parametrize("lang, text", [
    ("en", "The foreign ministers of Armenia and Azerbaijan held peace talks in Geneva aimed at reaching a "
           "peace agreement."),
    ("zh", "亚美尼亚和阿塞拜疆外长在日内瓦举行和谈,旨在最终达成和平协议。"),
    ("tr", "Ermenistan ve Azerbaycan dışişleri bakanları barış anlaşmasına varmak için Cenevre'de barış "
           "görüşmeleri yaptı."),
])
def test_an_agreement_the_talks_aim_at_is_their_goal_not_their_stage(lang, text):
    talks = _events(text, "peace_process", lang=lang, published="2025-03-01")
    assert talks and {e["stage"] for e in talks} <= {"held", "scheduled"}


@pytest.mark.parametrize("lang, text", [
    ("en", "Envoys of Egypt and Qatar held talks in Cairo on Tuesday to discuss the second phase of the deal "
           "between Israel and Hamas."),
    ("id", "Utusan Mesir dan Qatar mengadakan perundingan di Kairo pada Selasa untuk membahas tahap kedua "
           "kesepakatan antara Israel dan Hamas."),
    ("ar", "عقد مبعوثو مصر وقطر مفاوضات في القاهرة يوم الثلاثاء لبحث المرحلة الثانية من الاتفاق بين إسرائيل وحماس."),
    ("tr", "Mısır ve Katar temsilcileri salı günü Kahire'de İsrail ile Hamas arasındaki anlaşma hakkında "
           "müzakereler yaptı."),
])
def test_an_agreement_the_talks_discuss_is_their_topic_not_their_stage(lang, text):
    talks = _events(text, "peace_process", lang=lang, published="2025-11-05")
    assert talks and {e["stage"] for e in talks} == {"held"}


@pytest.mark.parametrize("lang, text, stage", [
    ("en", "Envoys of Egypt and Qatar held talks in Cairo to discuss the hostages, and Israel and Hamas reached an "
           "agreement.", "agreed"),
    ("en", "Israel and Hamas reached an agreement on Tuesday in talks in Cairo to discuss the hostages.", "agreed"),
    # a topic word with no talks before it introduces what is reported, not what is discussed
    ("en", "The minister spoke about how Israel and Hamas signed the peace agreement in Cairo on Monday.", "signed"),
    ("es", "El ministro habló sobre cómo Israel y Hamás firmaron el acuerdo de paz en El Cairo el lunes.", "signed"),
    ("id", "Menteri itu berbicara tentang Israel dan Hamas yang menandatangani perjanjian damai di Kairo pada Senin.",
     "signed"),
])
def test_an_agreement_outside_what_the_talks_discuss_is_reached(lang, text, stage):
    talks = _events(text, "peace_process", lang=lang, published="2025-11-05")
    assert {e["stage"] for e in talks} == {stage}


@pytest.mark.parametrize("lang, text", [
    ("en", "Armenia is ready to sign the peace treaty with Azerbaijan as soon as possible, the minister said."),
    ("ru", "Армения готова подписать мирный договор с Азербайджаном как можно скорее, заявил министр."),
    ("id", "Armenia siap menandatangani perjanjian damai dengan Azerbaijan secepatnya, kata menteri itu."),
])
def test_a_side_ready_to_sign_has_not_signed(lang, text):
    stages = {e["stage"] for e in _events(text, "peace_process", lang=lang, published="2025-10-03")}
    assert stages and "signed" not in stages


def test_a_treaty_initialled_is_agreed_not_signed():
    text = "Armenia and Azerbaijan initialled the text of the peace treaty in Washington on Friday."
    assert {e["stage"] for e in _events(text, "peace_process", published="2025-08-10")} == {"agreed"}


def test_a_step_dated_long_before_publication_is_not_the_news_of_the_day():
    text = ("Armenia and Azerbaijan rejected each other's conditions for the peace treaty, and the talks "
            "stalled. The text of the peace treaty was agreed by both sides in March 2024.")
    talks = _events(text, "peace_process", published="2025-10-03")
    assert sorted((e["stage"], (e["when"] or {}).get("date")) for e in talks) == [
        ("agreed", "2024-03"), ("stalled", None)]
    # a step dated this month is the same news
    recent = text.replace("March 2024", "October 2025")
    assert len(_events(recent, "peace_process", published="2025-10-03")) == 1


def test_an_agreement_signed_is_signed():
    text = "The foreign ministers of Armenia and Azerbaijan signed a peace agreement in Geneva."
    assert {e["stage"] for e in _events(text, "peace_process", published="2025-03-01")} == {"signed"}


@pytest.mark.parametrize("lang, text", [
    ("en", "In January 2025 Israel and Hamas reached a ceasefire agreement in Doha. Both sides exchanged "
           "hostages and prisoners. But Israel broke the agreement in March and resumed its strikes."),
    ("id", "Pada Januari 2025, Israel dan Hamas mencapai kesepakatan gencatan senjata di Doha. Kedua pihak "
           "bertukar sandera. Namun, Israel melanggar kesepakatan itu pada Maret."),
])
def test_the_agreement_broken_two_sentences_later_is_the_truce_it_follows(lang, text):
    truces = _events(text, "ceasefire", lang=lang, published="2025-10-09")
    assert [(t["status"], t["when"]["date"]) for t in truces] == [("violated", "2025-01")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The foreign ministers of Armenia and Azerbaijan held talks in Geneva on Monday and in Vienna on Friday."),
    ("ru", "Министры иностранных дел Армении и Азербайджана провели встречи 7 ноября в Женеве и 4 ноября в Праге."),
])
def test_one_trigger_with_two_venues_and_dates_is_two_meetings(lang, text):
    meetings = _events(text, "diplomatic_meeting", lang=lang, published="2022-11-08")
    second = "Vienna" if lang == "en" else "Prague"
    assert sorted((m["where"]["name"], m["when"]["date"]) for m in meetings) == [
        ("Geneva", "2022-11-07"), (second, "2022-11-04")]
    assert all(_parties(m) == {"ARM", "AZE"} for m in meetings)


def test_meetings_split_by_venue_each_own_their_parties_and_modes(monkeypatch):
    # what a later sentence adds to one meeting (a third state at the Vienna round) must not
    # reach the other: the split meetings may not share their sets
    from processors import pipeline
    from processors.tagging import merge

    seen = []

    def capture(frames, doc):
        seen.append(merge._split_venues(frames, doc))
        return merge.merge_frames(frames, doc)

    monkeypatch.setattr(pipeline, "merge_frames", capture)
    text = "The foreign ministers of Serbia and Kosovo held talks in Geneva on Monday and in Vienna on Friday."
    tag_article({"id": "t", "text": text, "published": "2022-11-08"})
    meetings = [f for f in seen[0] if f.family == "diplomatic_meeting"]
    assert len(meetings) == 2
    first, second = meetings
    second.parties.add("AUT")
    second.modes.add("multilateral")
    assert first.parties == {"SRB", "XKX"} and "multilateral" not in first.modes


def test_one_venue_and_two_dates_stay_one_meeting():
    text = "The foreign ministers of Armenia and Azerbaijan met in Geneva from 6 to 8 November."
    assert len(_events(text, "diplomatic_meeting", published="2022-11-10")) == 1


@pytest.mark.parametrize("text, seat", [
    ("Moscow accused Kyiv of breaking the ceasefire with Ukraine on Sunday.", "Moscow"),
    ("Tel Aviv violated the truce with Hamas on Sunday, officials in Gaza said.", "Tel Aviv"),
])
def test_a_capital_speaking_for_its_state_is_not_the_truce_area(text, seat):
    truce = _events(text, "ceasefire", published="2025-03-10")[0]
    assert (truce["where"] or {}).get("name") != seat


def test_a_truce_in_a_capital_covers_it():
    truce = _events("Russia and Ukraine agreed a ceasefire in Kyiv's suburbs and in Kharkiv.", "ceasefire")[0]
    assert truce["where"]["country"] == "UKR"


# --- resolve: values, mode, id -----------------------------------------------------------------


def test_a_truce_dated_years_before_publication_is_historical():
    text = ("In 2020 Armenia and Azerbaijan fought a six-week war over Nagorno-Karabakh. "
            "Russia brokered the ceasefire that ended it.")
    truce = _events(text, "ceasefire", published="2024-05-01")[0]
    assert truce["status"] == "historical"
    assert truce["when"]["date"] == "2020"


@pytest.mark.parametrize("published, talks", [("2024-05-01", 0), ("2020-11-12", 1)])
def test_a_brokered_truce_is_talks_that_reached_an_agreement_unless_it_is_background(published, talks):
    text = "In 2020 Russia brokered a ceasefire agreement between Armenia and Azerbaijan."
    assert len(_events(text, "ceasefire", published=published)) == 1
    agreed = _events(text, "peace_process", published=published)
    assert len(agreed) == talks and all(e["stage"] == "agreed" for e in agreed)


def test_two_states_meeting_in_one_of_them_is_a_visit():
    text = "The prime minister of Malaysia met the prime minister of Singapore in Kuala Lumpur on Monday."
    meeting = _events(text, "diplomatic_meeting", published="2025-01-08")[0]
    assert meeting["mode"] == "visit"
    assert meeting["where"]["country"] == "MYS"


def test_event_ids_are_stable_and_distinct():
    text = ("The foreign ministers of Peru and Chile met in Lima on Monday. "
            "Colombia and the ELN agreed a ceasefire after talks in Havana.")
    first = _events(text)
    again = _events(text)
    assert [e["id"] for e in first] == [e["id"] for e in again]
    assert len({e["id"] for e in first}) == len(first) >= 2


def test_status_words_of_another_language_do_not_qualify_an_english_event():
    # French "reporté" (postponed) shares its letters with English "reported"
    text = "The foreign ministers of Peru and Chile met in Lima on Monday, state media reported."
    meeting = _events(text, "diplomatic_meeting")[0]
    assert meeting["status"] == "held"


def test_a_page_date_or_timestamp_is_not_the_event_date():
    text = ("2024-03-05 | 10:15\nThe foreign ministers of Peru and Chile met in Lima on 3 March 2024 "
            "to discuss the border.")
    meeting = _events(text, "diplomatic_meeting")[0]
    assert meeting["when"]["date"] == "2024-03-03"


def test_a_day_of_the_month_just_ahead_is_this_month():
    # "停战从6日零时开始", reported on the 5th: the 6th of this month, not of last month
    text = "乌克兰政府与亲俄武装同意从6日零时开始停火,欧安组织代表宣布。"
    truce = _events(text, "ceasefire", published="2014-09-05")[0]
    assert truce["when"]["date"] == "2014-09-06"


def test_the_date_of_a_statement_does_not_date_the_event():
    text = ("Last month the leaders of Serbia and Kosovo met in Brussels. "
            "“Both leaders agreed to advance the talks on a peace agreement,” the EU envoy said in a statement on 22 May.")
    for e in _events(text, published="2025-06-10"):
        assert e["when"]["date"] == "2025-05", (e["family"], e["when"])


def test_a_date_before_the_word_of_saying_that_introduces_the_event_dates_the_statement():
    # the statement came out on Wednesday; the visit it announces is on the 7th
    text = ("据秘鲁外交部周三发布的声明称,秘鲁总统将于8月7日访问智利并与智利总统举行会晤。")
    meetings = _events(text, "diplomatic_meeting", lang="zh", published="2025-08-06")
    assert meetings and all(m["when"]["date"] == "2025-08-07" for m in meetings), meetings
    english = ("On Wednesday the foreign ministry said the president of Peru would visit Chile "
               "and hold talks with the president of Chile.")
    for m in _events(english, "diplomatic_meeting", published="2025-08-06"):
        assert m["when"] is None, m["when"]


@pytest.mark.parametrize("text, lang", [
    ("据秘鲁外交部周三发布的声明称,秘鲁总统将访问智利。声明亦指,秘鲁总统还将与智利总统举行会谈。", "zh"),
    ("On Wednesday the foreign ministry of Peru said the president would visit Chile. "
     "The statement added that the presidents of Peru and Chile would hold talks in Santiago.", "en"),
])
def test_the_date_of_a_statement_is_not_carried_into_the_events_it_announces(text, lang):
    meetings = _events(text, "diplomatic_meeting", lang=lang, published="2025-08-06")
    assert meetings and all(m["when"] is None for m in meetings), [m["when"] for m in meetings]


def test_the_lead_dates_the_news_told_in_the_sentences_after_it():
    text = ("Peace talks between Sudan and South Sudan opened in Addis Ababa on Monday. "
            "Delegates spoke for six hours. Both delegations exchanged documents. "
            "Officials called the mood good. "
            "A ceasefire between Sudan and South Sudan was agreed at the talks.")
    truces = _events(text, "ceasefire", published="2025-03-12")
    assert [t["when"]["date"] if t["when"] else None for t in truces] == ["2025-03-10"]


def test_the_day_an_event_was_reported_dates_it_when_nothing_else_does():
    text = "Ethiopia and Eritrea agreed to a 60-day ceasefire, officials of Kenya said on Monday."
    truces = _events(text, "ceasefire", published="2025-08-19")
    assert [t["when"]["date"] for t in truces] == ["2025-08-18"]
    # a meeting still to come is not dated by the day it was announced
    text = "The presidents of Peru and Chile will meet in Lima, the foreign ministry said on Monday."
    meetings = _events(text, "diplomatic_meeting", published="2025-08-19")
    assert meetings and all(m["when"] is None for m in meetings)


def test_this_week_told_more_precisely_in_another_sentence_takes_the_day():
    text = ("The president of Peru will meet the president of Chile in Lima this week. "
            "The meeting of the two presidents will take place on 7 August.")
    meetings = _events(text, "diplomatic_meeting", published="2025-08-05")
    assert [m["when"]["date"] for m in meetings] == ["2025-08-07"]


def test_the_start_of_a_period_is_background_not_the_date_of_what_follows():
    text = ("Since October 2023, the war has killed thousands in Gaza. "
            "The foreign ministers of Egypt and Qatar met in Cairo to discuss a truce.")
    meetings = _events(text, "diplomatic_meeting", published="2025-11-05")
    assert meetings and all(m["when"] is None for m in meetings)
    # a date that sets the scene still dates what follows
    text = ("In October 2023, the war began in Gaza. "
            "The foreign ministers of Egypt and Qatar met in Cairo to discuss a truce.")
    meetings = _events(text, "diplomatic_meeting", published="2025-11-05")
    assert [m["when"]["date"] for m in meetings] == ["2023-10"]


def test_a_meeting_told_over_two_days_is_dated_by_the_day_it_began():
    text = ("The foreign ministers of Peru and Chile ended their meeting in Lima on Sunday. "
            "The meeting of the two ministers had begun on Saturday.")
    meetings = _events(text, "diplomatic_meeting", published="2025-03-10")
    assert [m["when"]["date"] for m in meetings] == ["2025-03-08"]


def test_bilateral_meetings_with_a_list_of_states_are_one_meeting_each():
    text = ("The foreign minister of Indonesia will hold talks in Jakarta this week. "
            "Bilateral meetings will be held with India, Japan and Canada on the sidelines.")
    meetings = [m for m in _events(text, "diplomatic_meeting") if m["mode"] == "bilateral"]
    assert sorted(tuple(sorted(_parties(m))) for m in meetings) == [("CAN", "IDN"), ("IDN", "IND"), ("IDN", "JPN")]


# --- resolve: dates after publication; triggers of other languages; brokers -----------------


def test_a_meeting_dated_after_publication_is_scheduled_and_one_before_it_held():
    text = "The president of Ghana meets the president of Togo in Accra on 20 May 2025."
    later = _events(text, "diplomatic_meeting", published="2025-05-12")
    earlier = _events(text, "diplomatic_meeting", published="2025-05-28")
    assert [e["status"] for e in later] == ["scheduled"]
    assert [e["status"] for e in earlier] == ["held"]


def test_a_date_after_a_month_only_publication_date_in_the_same_month_is_not_later():
    # the URL gives only the month: the 20th is not known to be after publication
    text = "The president of Ghana meets the president of Togo in Accra on 20 May 2025."
    events = _events(text, "diplomatic_meeting", url="https://news.example/2025/05/ghana-togo")
    assert [e["status"] for e in events] == ["held"]


def test_a_meeting_is_not_scheduled_by_a_later_date_its_talks_lent_from_another_sentence():
    # the 14th is when the truce starts (the talks' sentence), not when the meeting is
    text = ("In peace talks mediated by Kenya, Ethiopia and Eritrea agreed to a ceasefire from 14 May 2025. "
            "The talks are being held in Nairobi with Kenyan mediators.")
    meetings = _events(text, "diplomatic_meeting", published="2025-05-12")
    assert [e["status"] for e in meetings] == ["held"]
    # a meeting whose own sentence gives the later date is still scheduled
    own = _events("Kenya hosts talks between Ethiopia and Eritrea in Nairobi on 14 May 2025.",
                  "diplomatic_meeting", published="2025-05-12")
    assert [e["status"] for e in own] == ["scheduled"]


def test_talks_proposed_and_then_given_a_date_and_venue_are_scheduled():
    text = ("Kenya invited Ethiopia and Eritrea to peace talks. "
            "The peace talks between Ethiopia and Eritrea will be held in Nairobi on 20 May 2025.")
    talks = _events(text, "peace_process", published="2025-05-12")
    assert [e["stage"] for e in talks] == ["scheduled"]
    assert len(talks[0]["mentions"]) == 2
    # talks only proposed stay proposed
    proposed = _events("Kenya invited Ethiopia and Eritrea to peace talks.", "peace_process")
    assert [e["stage"] for e in proposed] == ["proposed"]


def test_the_frame_stage_order_ranks_every_stage_once():
    from processors.tagging.mentions import STAGE_ORDER
    from processors.tagging.resolve import _FRAME_STAGE_ORDER
    assert sorted(_FRAME_STAGE_ORDER) == sorted(STAGE_ORDER)
    assert _FRAME_STAGE_ORDER.index("scheduled") < _FRAME_STAGE_ORDER.index("proposed")


def test_a_meeting_still_to_come_negotiated_no_truce_told_next_to_it():
    # mentions: a truce agreed next to a meeting is a step of talks only when the meeting was held
    planned = ("Ghana and Togo agreed a ceasefire along their border in 2011. "
               "The presidents of Ghana and Togo will meet in Accra next week.")
    assert _events(planned, "peace_process", lang="en") == []
    held = ("The presidents of Ghana and Togo met in Accra on Monday. "
            "They agreed a ceasefire along their border.")
    assert [e["stage"] for e in _events(held, "peace_process", lang="en")] == ["agreed"]


def test_a_word_of_another_language_in_the_same_script_is_not_a_trigger():
    # "reuni*" is a Spanish/Portuguese/French meeting word; "reunite" in English is not a meeting
    text = ("The envoys of Norway and Sweden said thousands of families hope to reunite "
            "with relatives held in the camps.")
    assert _events(text, "diplomatic_meeting", lang="en") == []
    spanish = "Los cancilleres de Noruega y Suecia mantuvieron una reunión en Oslo el lunes."
    assert len(_events(spanish, "diplomatic_meeting", lang="es")) == 1


def test_a_truce_announced_by_its_mediators_is_the_truce_they_brokered():
    text = ("Ethiopia and Eritrea agreed on a ceasefire along their border, brokered by Kenya and "
            "Tanzania, on 3 March 2025. "
            "On 10 March 2025 Kenya, one of the mediators alongside Tanzania, announced that the "
            "ceasefire was holding.")
    truces = _events(text, "ceasefire", published="2025-03-11")
    assert len(truces) == 1
    assert set(truces[0]["mediators"]) == {"KEN", "TZA"}
    assert {"ETH", "ERI"} <= _parties(truces[0])


def test_a_truce_takes_the_status_word_nearest_it_not_one_about_the_war():
    # "end" is about the war; the call is about the truce
    text = ("Colombia and Venezuela said the fighting in the border region had ended, and "
            "called for a ceasefire between the armed groups of both countries.")
    truces = _events(text, "ceasefire")
    assert [t["status"] for t in truces] == ["called_for"]


def test_a_meeting_that_names_no_place_took_place_where_the_event_just_before_it_did():
    text = ("The foreign ministers of ASEAN met in Jakarta on Monday. "
            "On the sidelines, the Indonesian minister held bilateral meetings with India and Japan.")
    meetings = [m for m in _events(text, "diplomatic_meeting") if "IND" in _parties(m) or "JPN" in _parties(m)]
    assert meetings and all(m["where"] and m["where"]["country"] == "IDN" for m in meetings)
    far = ("The foreign ministers of ASEAN met in Jakarta on Monday. Trade grew last year. "
           "Exports of coffee rose. Imports of rice fell. "
           "The Indonesian minister held bilateral meetings with India and Japan.")
    later = [m for m in _events(far, "diplomatic_meeting") if "IND" in _parties(m)]
    assert later and all(m["where"] is None for m in later)


@pytest.mark.parametrize("text, lang", [
    ("The presidents of Chile and Peru met in Lima from 7 to 9 August 2025.", "en"),
    ("智利总统与秘鲁总统于2025年8月7日至9日在利马举行会晤。", "zh"),
    ("Die Präsidenten von Chile und Peru trafen sich vom 7. bis 9. August 2025 in Lima.", "de"),
])
def test_a_meeting_over_a_range_of_days_is_dated_by_its_first_day(text, lang):
    meetings = _events(text, "diplomatic_meeting", lang=lang, published="2025-08-20")
    assert [m["when"]["date"] for m in meetings] == ["2025-08-07"]


def test_a_next_round_planned_without_naming_the_sides_is_a_meeting_of_the_talks_and_a_step_of_them():
    text = ("Peace talks between Sudan and South Sudan were held in Addis Ababa on Monday. "
            "The delegations said they would hold another meeting next week.")
    meetings = _events(text, "diplomatic_meeting", published="2025-03-05")
    planned = [m for m in meetings if m["status"] == "scheduled"]
    assert len(planned) == 1 and _parties(planned[0]) == {"SDN", "SSD"}
    stages = sorted(e["stage"] for e in _events(text, "peace_process", published="2025-03-05"))
    assert stages == ["held", "scheduled"]


def test_a_meeting_word_that_is_itself_future_makes_the_meeting_scheduled():
    # "відвідає" (will visit) is both the trigger and its tense
    text = "Міністр закордонних справ України відвідає Польщу на запрошення польського колеги."
    meetings = _events(text, "diplomatic_meeting", lang="uk")
    assert [m["status"] for m in meetings] == ["scheduled"]


def test_a_truce_proposal_in_an_article_about_talks_is_a_proposal_of_the_peace_process_too():
    talks = ("Mali proposed a ceasefire to the rebels of the north on Monday. "
             "Algeria has mediated between Mali and the rebels since January.")
    assert "proposed" in [e["stage"] for e in _events(talks, "peace_process")]
    alone = "Mali proposed a ceasefire to the rebels of the north on Monday after heavy fighting."
    assert _events(alone, "peace_process") == []
    assert [e["status"] for e in _events(alone, "ceasefire")] == ["proposed"]


def test_the_sides_named_between_do_not_mediate_but_mediators_shared_between_do():
    # "arasında" (between) after the sides; the mediators are named before
    text = "Katar ve Türkiye arabuluculuğunda Pakistan ile Afganistan arasında müzakereler Doha'da başladı."
    talks = _events(text, "peace_process", lang="tr")
    assert talks and all(set(t["mediators"]) == {"QAT", "TUR"} for t in talks)
    # nobody else is named: "between" lists the mediators themselves
    shared = ("Joint mediation between Qatar and Egypt continued on Monday to secure a ceasefire "
              "in Gaza between Israel and Hamas.")
    truces = _events(shared, "ceasefire", lang="en")
    assert truces and set(truces[0]["mediators"]) == {"QAT", "EGY"}


def test_an_acronym_glued_to_japanese_text_is_found_and_a_time_zone_is_not_a_party():
    text = "仲介役のOSCEの代表は、ウクライナ政府と親ロシア派が日本時間の6日午前0時から停戦することに合意したと発表しました。"
    truces = _events(text, "ceasefire", lang="ja", published="2014-09-05")
    assert truces
    assert "OSCE" in truces[0]["mediators"]
    assert "JPN" not in _parties(truces[0])


def test_an_agreement_noun_joined_to_the_truce_word_does_not_hide_what_happened_to_it():
    text = "Israeli forces again violated the ceasefire agreement with Lebanon, striking a car in the south."
    assert [t["status"] for t in _events(text, "ceasefire")] == ["violated"]
    agreed = "Israel and Lebanon reached a ceasefire agreement on Tuesday."
    assert [t["status"] for t in _events(agreed, "ceasefire")] == ["agreed"]


def test_an_agreement_signed_after_peace_talks_is_a_step_of_them_and_alone_it_is_nothing():
    text = ("Peace talks between the government of Sudan and the rebels of Darfur were held in Doha "
            "on 2 May 2025. The agreement was signed by both delegations in a ceremony on 5 May 2025.")
    stages = [e["stage"] for e in _events(text, "peace_process", published="2025-05-06")]
    assert "signed" in stages
    alone = "The agreement was signed by both delegations in a ceremony on 5 May 2025."
    assert _events(alone, published="2025-05-06") == []


def test_arabic_vowel_marks_do_not_hide_a_state():
    # "عُمان" (Oman, with a damma) is the gazetteer's "عمان"
    text = "وصل وفد من سلطنة عُمان إلى صنعاء لبحث تمديد الهدنة مع الحوثيين."
    events = _events(text, lang="ar")
    assert events and any("OMN" in _parties(e) for e in events)


def test_evidence_offsets_point_into_the_text_as_written_with_its_vowel_marks():
    text = "وصل وفد من سلطنة عُمان إلى صنعاء لبحث تمديد الهدنة مع الحوثيين."
    out = tag_article({"id": "t1", "text": text, "lang": "ar"}, include_text=True)
    assert out["text"] == text
    for e in out["events"]:
        for ev in [e["evidence"], *e["mentions"]]:
            assert out["text"][ev["start"]:ev["end"]] == ev["text"]
            assert ev["sentence"] in out["text"] and "عُمان" in ev["sentence"]


def test_an_agreement_signed_before_the_talks_are_named_is_still_their_step():
    text = ("The agreement was signed by both delegations in a ceremony on 5 May 2025. "
            "Peace talks between the government of Sudan and the rebels of Darfur had been held in Doha since March.")
    assert "signed" in [e["stage"] for e in _events(text, "peace_process", published="2025-05-06")]


@pytest.mark.parametrize("word", ["eventual", "possible", "potential"])
def test_an_eventual_truce_is_proposed(word):
    text = f"Israel and Hamas discussed the monitoring of a {word} ceasefire in Gaza with Egyptian mediators."
    assert [t["status"] for t in _events(text, "ceasefire")] == ["proposed"]


def test_a_chinese_visit_that_will_happen_is_scheduled():
    text = "亚美尼亚总理本周将访问美国,与美国总统举行会晤。"
    meetings = _events(text, "diplomatic_meeting", lang="zh")
    assert meetings and {m["status"] for m in meetings} == {"scheduled"}


def test_a_mediator_names_itself_and_those_listed_with_it_not_the_sides_in_the_next_clause():
    text = ("Under the mediation of Qatar, Egypt and the United States, the government of Sudan "
            "and the rebels of Darfur agreed on a ceasefire on Monday.")
    truces = _events(text, "ceasefire")
    assert truces and set(truces[0]["mediators"]) == {"QAT", "EGY", "USA"}
    ja = "仲介役のOSCEの代表は、ウクライナ政府と親ロシア派が6日から停戦することに合意したと発表しました。"
    truces = _events(ja, "ceasefire", lang="ja", published="2014-09-05")
    assert truces and truces[0]["mediators"] == ["OSCE"]


@pytest.mark.parametrize("text, lang", [
    ("Pakistan and Afghanistan, Qatar and Turkey mediating, agreed on an immediate ceasefire in Doha "
     "on Sunday. The ceasefire between Pakistan and Afghanistan was announced by Qatar.", "en"),
    ("پاکستان اور افغانستان نے قطر اور ترکی کی ثالثی میں فوری جنگ بندی پر اتفاق کیا۔ "
     "پاکستان اور افغانستان کے درمیان جنگ بندی کا اعلان قطر نے کیا۔", "ur"),
])
def test_a_state_named_as_a_side_in_one_sentence_does_not_mediate_in_another(text, lang):
    truces = _events(text, "ceasefire", lang=lang)
    assert truces
    assert {"PAK", "AFG"}.isdisjoint(truces[0]["mediators"]) and {"QAT", "TUR"} <= set(truces[0]["mediators"])


def test_a_status_word_far_from_the_meeting_qualifies_something_else():
    text = ("A delegation of Oman arrived in Sanaa on Sunday and met the leaders of Yemen to discuss "
            "the extension of the truce sponsored by the United Nations, which is scheduled to expire "
            "at the end of the month.")
    meetings = _events(text, "diplomatic_meeting", published="2022-07-25")
    assert [m["status"] for m in meetings] == ["held"]


def test_arabic_talks_whose_date_and_place_are_being_set_are_scheduled():
    text = "الاتحاد الأفريقي يحدد موعد ومكان محادثات السلام بين إثيوبيا وإريتريا في نهاية الأسبوع الجاري."
    stages = [e["stage"] for e in _events(text, "peace_process", lang="ar")]
    assert stages == ["scheduled"]


@pytest.mark.parametrize("text, lang", [
    ("O acordo de cessar-fogo em Gaza entre Israel e o Hamas entra em vigor no domingo às 03h30 no "
     "horário de Brasília, anunciou o Catar.", "pt"),
    ("The foreign ministers of Egypt and Qatar met on Monday at 10:00 (03:00 in Washington) to discuss aid.", "en"),
])
def test_a_city_named_for_its_clock_is_not_where_the_event_is(text, lang):
    events = _events(text, lang=lang, published="2025-01-18")
    assert events
    assert all((e["where"] or {}).get("country") not in ("BRA", "USA") for e in events)


def test_a_spanish_truce_put_in_motion_is_in_effect():
    text = "El gobierno de Colombia y el ELN pusieron en marcha el primer cese al fuego bilateral en el país."
    assert [t["status"] for t in _events(text, "ceasefire", lang="es")] == ["in_effect"]


def test_a_word_of_mediation_is_not_a_meeting_but_the_talks_it_mediates_are():
    mediators = ("Qatar, one of the mediators alongside Egypt and the United States, announced in Doha "
                 "that the ceasefire between Israel and Hamas would begin on Sunday.")
    assert _events(mediators, "diplomatic_meeting") == []
    talks = ("The talks in Minsk on a ceasefire in eastern Ukraine, mediated by the OSCE, ended with an "
             "agreement between Ukraine and Russia on Friday.")
    assert len(_events(talks, "diplomatic_meeting")) == 1


@pytest.mark.parametrize("lang, text", [
    ("en", "The leaders of Armenia and Azerbaijan attended a signing ceremony at the White House in Washington "
           "on Friday."),
    ("fr", "Les dirigeants de l'Arménie et de l'Azerbaïdjan ont assisté vendredi à une cérémonie de signature "
           "à Washington."),
    ("zh", "亚美尼亚和阿塞拜疆领导人周五在华盛顿出席签署仪式。"),
    ("tr", "Ermenistan ve Azerbaycan liderleri cuma günü Washington'daki imza törenine katıldı."),
])
def test_a_signing_ceremony_two_states_attend_is_a_meeting(lang, text):
    # taxonomy.md: a signing ceremony that leaders of two states attend is a diplomatic meeting
    meetings = _events(text, "diplomatic_meeting", lang=lang, published="2025-08-09")
    assert [(e["status"], _parties(e), e["where"]["name"]) for e in meetings] == [
        ("held", {"ARM", "AZE"}, "Washington")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Qatar and Egypt are hoping to reach a ceasefire between Israel and Hamas in Gaza within days."),
    ("ha", "Erdogan ya ce suna fatan cimma tsagaita wuta tsakanin Rasha da Ukraine cikin hanzari."),
])
def test_a_truce_named_only_as_a_goal_is_proposed_not_agreed(lang, text):
    assert [e["status"] for e in _events(text, "ceasefire", lang=lang)] == ["proposed"]


def test_talks_aimed_at_a_truce_did_not_agree_it():
    text = "Talks in Cairo aimed at reaching a truce between Israel and Hamas resumed on Monday."
    assert [e["stage"] for e in _events(text, "peace_process", published="2025-08-09")] == ["held"]
    assert [e["status"] for e in _events(text, "ceasefire", published="2025-08-09")] == ["proposed"]
    reached = "Israel and Hamas reach a ceasefire in Gaza."
    assert [e["status"] for e in _events(reached, "ceasefire")] == ["agreed"]


@pytest.mark.parametrize("lang, text", [
    ("en", "President Trump said he is considering a visit to Egypt to meet President Sisi."),
    ("id", "Presiden Trump mengatakan ia sedang mempertimbangkan kunjungan ke Mesir untuk bertemu Presiden Sisi."),
])
def test_a_meeting_considered_is_proposed(lang, text):
    assert [e["status"] for e in _events(text, "diplomatic_meeting", lang=lang)] == ["proposed"]


def test_a_meeting_years_before_is_not_the_meeting_of_the_day():
    text = ("The military chiefs of India and Pakistan held talks over the hotline on Wednesday, February 24. "
            "The last meeting between the prime ministers of the two countries was on Christmas Day in 2015, "
            "when the Prime Minister of India visited Lahore.")
    meetings = _events(text, "diplomatic_meeting", published="2021-02-25")
    assert sorted((e["when"] or {}).get("date") for e in meetings) == ["2015-12-25", "2021-02-24"]
    assert [e["where"]["name"] for e in meetings if e["where"]] == ["Lahore"]


@pytest.mark.parametrize("lang, text", [
    ("ar", "جولات مفاوضات غير مباشرة بين إسرائيل وحماس في الدوحة لم تسفر عن نتائج بشأن وقف إطلاق النار."),
    ("ru", "Переговоры Армении и Азербайджана о мирном договоре в Женеве завершились без результата."),
    ("ms", "Rundingan damai antara Thailand dan Kemboja di Kuala Lumpur menemui kebuntuan."),
])
def test_talks_without_result_are_stalled(lang, text):
    assert "stalled" in [e["stage"] for e in _events(text, "peace_process", lang=lang)]


@pytest.mark.parametrize("lang, text, name, venue", [
    ("he", "השרים נפגשו בדוחא.", "Doha", True),        # ב (in) glued to the name
    ("he", "השרים נפגשו ובדוחא.", "Doha", True),
    ("he", "השרים טסו לדוחא.", "Doha", False),          # ל (to): where they went, not where they are
    ("he", "השרים נפגשו בגדד.", "Baghdad", False),      # the ב of בגדד is the name's own letter
    ("am", "ሚኒስትሮቹ በዶሃ ተገናኙ።", "Doha", True),        # በ (in)
    ("ko", "양국 장관은 도하에서 만났다.", "Doha", True),  # 에서 (in), after the name
])
def test_a_locative_glued_to_a_place_name_makes_it_a_venue(lang, text, name, venue):
    from processors.places import find_places
    from processors.tagging import Document
    from processors.textutil import fold

    folded = fold(text)
    doc = Document(text, folded, lang, [(0, len(text))], [], [])
    place = next(p for p in find_places(text, folded, lang) if p.name == name)
    assert doc.is_venue_place(place.start, place.end) is venue


@pytest.mark.parametrize("lang, text, area", [
    # a part of a state ("in southern Lebanon", "در جنوب لبنان", "au sud du Liban") is where the truce holds
    ("en", "Israel struck a car in southern Lebanon despite the ceasefire agreement with Lebanon.", "LBN"),
    ("fa", "ارتش اسرائیل با وجود آتش‌بس با لبنان، روستایی را در جنوب لبنان بمباران کرد.", "LBN"),
    ("fr", "Les ministres de l'Égypte et du Qatar ont parlé lundi du cessez-le-feu au sud du Liban.", "LBN"),
    # the area named before its truce word ("ウクライナ東部の停戦"), not the venue of the talks about it
    ("ja", "ジュネーブで開かれた会合で、ロシアとウクライナはウクライナ東部の停戦について協議した。", "UKR"),
])
def test_a_truce_covers_the_part_of_a_state_named_with_a_compass_word(lang, text, area):
    truce = _events(text, "ceasefire", lang=lang)[0]
    assert (truce["where"] or {}).get("country") == area
    for talks in _events(text, "diplomatic_meeting", lang=lang):
        assert (talks["where"] or {}).get("country") != area


def test_a_meeting_about_a_truce_does_not_take_the_truce_area_as_its_venue():
    # "加沙停火": the area is named right before its truce word; the meeting names no venue
    text = "埃及和卡塔尔外长周一举行会谈，讨论加沙停火问题。"
    truce = _events(text, "ceasefire", lang="zh")[0]
    assert truce["where"]["country"] == "PSE"
    meeting = _events(text, "diplomatic_meeting", lang="zh")[0]
    assert meeting["where"] is None


@pytest.mark.parametrize("lang, text", [
    ("id", "Hamas dan Israel mencapai gencatan senjata pada Januari. "
           "Namun, Tel Aviv melanggar gencatan senjata itu pada Maret dengan melanjutkan serangan."),
    ("id", "Namun, Tel Aviv melanggar gencatan senjata itu pada Maret dengan melanjutkan serangan."),
])
def test_a_seat_of_government_that_breaks_a_truce_is_not_its_area_nor_is_its_state(lang, text):
    truce = _events(text, "ceasefire", lang=lang)[0]
    assert (truce["where"] or {}).get("country") != "ISR"


@pytest.mark.parametrize("lang, text, host", [
    ("en", "Poland's foreign minister will visit Ukraine on Friday for talks with his counterpart.", "UKR"),
    ("uk", "Міністр закордонних справ України відвідає Польщу в п'ятницю і проведе переговори з колегою.", "POL"),
    ("vi", "Ngoại trưởng Nhật Bản thăm chính thức Việt Nam và hội đàm với người đồng cấp.", "VNM"),
    ("tr", "Azerbaycan Cumhurbaşkanı'nın İran ziyareti sırasında iki lider görüştü.", "IRN"),
    ("ur", "پاکستان کے وزیراعظم چین کا دورہ کر رہے ہیں اور چینی صدر سے ملاقات کریں گے۔", "CHN"),
])
def test_a_visit_takes_place_in_the_state_it_goes_to_which_stays_a_party(lang, text, host):
    meeting = _events(text, "diplomatic_meeting", lang=lang)[0]
    assert (meeting["where"] or {}).get("country") == host
    assert host in meeting["countries"]


@pytest.mark.parametrize("lang, text, venue", [
    ("en", "The leaders of Armenia and Azerbaijan met at the White House on Friday.", "USA"),
    ("pl", "Prezydenci Armenii i Azerbejdżanu spotkali się w piątek w Białym Domu.", "USA"),
    ("he", "מנהיגי ארמניה ואזרבייג'ן נפגשו בבית הלבן ביום שישי.", "USA"),
    ("ru", "Лидеры Армении и Азербайджана встретились в Кремле в пятницу.", "RUS"),
    # a seat of government that speaks is no venue
    ("en", "The White House said the leaders of Armenia and Azerbaijan met on Friday.", None),
    ("en", "The Kremlin said the leaders of Armenia and Azerbaijan met on Friday.", None),
])
def test_a_seat_of_government_is_the_venue_only_when_introduced_as_one(lang, text, venue):
    meeting = _events(text, "diplomatic_meeting", lang=lang)[0]
    assert (meeting["where"] or {}).get("country") == venue


@pytest.mark.parametrize("text", [
    "The foreign ministers of Armenia and Azerbaijan held talks hosted by Kazakhstan on Monday.",
    "Both ministers thanked Kazakhstan for hosting the meeting of Armenia and Azerbaijan on Monday.",
    # the host, nearer the meeting than a state named as the scene of something else
    "Both ministers thanked Kazakhstan for hosting the meeting of Armenia and Azerbaijan, and spoke of the war in Ukraine.",
])
def test_a_meeting_takes_place_in_the_state_that_hosts_it(text):
    meeting = _events(text, "diplomatic_meeting")[0]
    assert (meeting["where"] or {}).get("country") == "KAZ"
    assert "KAZ" in meeting["countries"]


def test_negotiations_on_a_prisoner_exchange_have_not_carried_it_out():
    text = ("The ninth round of negotiations on the exchange of prisoners between the Yemeni government and "
            "the Houthis concluded in Muscat on Sunday.")
    assert [e["stage"] for e in _events(text, "peace_process", published="2025-03-10")] == ["held"]


def test_a_cancelled_meeting_is_no_next_round_of_the_talks():
    text = ("Armenia and Azerbaijan held peace talks in Brussels in May. "
            "After the attack, Azerbaijan cancelled the planned meetings with Armenia in Washington.")
    stages = [e["stage"] for e in _events(text, "peace_process", published="2023-09-25")]
    assert "scheduled" not in stages


@pytest.mark.parametrize("lang, text", [
    ("en", "Armenia and Azerbaijan held peace talks in Geneva on Monday. "
           "The demarcation of the border is to start by the end of the year, the ministers said."),
    ("fr", "L'Arménie et l'Azerbaïdjan ont tenu des pourparlers de paix à Genève lundi. "
           "La démarcation de la frontière doit commencer d'ici la fin de l'année, ont dit les ministres."),
    ("ru", "Армения и Азербайджан провели мирные переговоры в Женеве в понедельник. "
           "Демаркация границы должна начаться до конца года, сообщили министры."),
    ("de", "Armenien und Aserbaidschan führten am Montag in Genf Friedensgespräche. "
           "Die Grenzziehung soll bis Ende des Jahres abgeschlossen sein, sagten die Minister."),
    ("es", "Armenia y Azerbaiyán celebraron conversaciones de paz en Ginebra el lunes. "
           "El intercambio de prisioneros debe completarse antes de fin de año, dijeron los ministros."),
    ("id", "Armenia dan Azerbaijan menggelar perundingan damai di Jenewa pada Senin. "
           "Demarkasi perbatasan harus dimulai paling lambat akhir tahun, kata para menteri."),
])
def test_a_step_due_by_a_deadline_is_scheduled_and_apart_from_the_talks_held(lang, text):
    stages = sorted(e["stage"] for e in _events(text, "peace_process", lang=lang, published="2025-03-05"))
    assert stages == ["held", "scheduled"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The border commission must finish its work no later than 1 June."),
    ("fr", "Les prisonniers seront libérés au plus tard le 1er juin."),
    ("de", "Der Abzug soll spätestens bis Juni abgeschlossen sein."),
    ("es", "La comisión presentará su informe a más tardar en junio."),
    ("pt", "A troca de prisioneiros deve ocorrer até o fim do ano."),
    ("it", "Lo scambio di prigionieri avverrà entro la fine di giugno."),
    ("ru", "Обмен пленными должен завершиться не позднее 1 июня."),
    ("uk", "Обмін полоненими має завершитися до кінця року."),
    ("pl", "Wymiana jeńców powinna zakończyć się do końca roku."),
    ("tr", "Esir takası yıl sonuna kadar tamamlanacak."),
    ("az", "Sərhəd komissiyası işini ilin sonuna qədər bitirməlidir."),
    ("id", "Pertukaran tahanan harus selesai paling lambat Juni."),
    ("ms", "Pertukaran tahanan perlu selesai sebelum akhir tahun."),
    ("ar", "يجب أن يكتمل تبادل الأسرى بحلول نهاية العام."),
    ("fa", "تبادل زندانیان باید تا پایان سال انجام شود."),
    ("ur", "قیدیوں کا تبادلہ سال کے آخر تک مکمل ہونا ہے۔"),
    ("ps", "د بندیانو تبادله باید د کال تر پایه بشپړه شي."),
    ("he", "חילופי השבויים יושלמו עד סוף השנה."),
    ("hi", "कैदियों की अदला-बदली साल के अंत तक पूरी होगी।"),
    ("ja", "捕虜交換は6月末までに完了する見通しだ。"),
    ("zh", "双方同意年底前完成换俘。"),
    ("ko", "포로 교환은 연말까지 마무리된다."),
    ("vi", "Việc trao đổi tù binh phải hoàn tất trước cuối năm."),
    ("th", "การแลกเปลี่ยนนักโทษจะเสร็จสิ้นภายในสิ้นปี"),
    ("sw", "Kubadilishana wafungwa kutakamilika kufikia mwisho wa mwaka."),
    ("ha", "Dole a kammala musayar fursunoni kafin ƙarshen shekara."),
    ("so", "Isweydaarsiga maxaabiista waa in la dhammaystiraa ka hor dhammaadka sanadka."),
    ("am", "የእስረኞች ልውውጡ እስከ ዓመቱ መጨረሻ ይጠናቀቃል።"),
    ("hy", "Գերիների փոխանակումը կավարտվի մինչև տարեվերջ։"),
    ("my", "အကျဉ်းသားလဲလှယ်ရေးကို နှစ်ကုန်မတိုင်မီ ပြီးစီးရန် လိုအပ်သည်။"),
])
def test_a_deadline_is_a_word_of_plan_in_every_language(lang, text):
    from processors.lexicon import find_cues
    from processors.textutil import fold

    assert any(c.payload.cat == "fut" for c in find_cues(fold(text)))


@pytest.mark.parametrize("lang, text", [
    ("en", "Russia and Ukraine carried out a prisoner exchange on Monday. The exchange took place on the border "
           "with Belarus. Officials from Kyiv and Moscow thanked the hosts. Russian and Ukrainian delegations "
           "agreed on the exchange during negotiations in Abu Dhabi last week."),
    ("id", "Rusia dan Ukraina melakukan pertukaran tahanan pada Senin. Pertukaran itu berlangsung di perbatasan "
           "dengan Belarus. Pejabat dari Kyiv dan Moskow berterima kasih kepada tuan rumah. Delegasi Rusia dan "
           "Ukraina menyepakati pertukaran itu dalam negosiasi di Abu Dhabi pekan lalu."),
    ("ru", "Россия и Украина провели обмен пленными в понедельник. Обмен прошёл на границе с Белоруссией. "
           "Чиновники из Киева и Москвы поблагодарили хозяев. Российская и украинская делегации договорились "
           "об обмене на переговорах в Абу-Даби на прошлой неделе."),
])
def test_negotiations_in_an_article_about_a_peace_process_are_a_step_of_it(lang, text):
    # no war, truce or armed group near the negotiations: the prisoner exchange told before
    # makes them the peace process's own talks
    talks = _events(text, "peace_process", lang=lang, published="2025-03-05")
    steps = {e["stage"] for e in talks if any(w in m["sentence"] for m in e["mentions"] for w in ("Abu", "Абу"))}
    assert steps == {"agreed"}


def test_negotiations_that_broke_down_need_a_war_or_truce_of_their_own():
    # a prisoner exchange told before does not make every breakdown of talks a peace step:
    # coalition, trade and labour talks end without result too
    text = ("Russia and Ukraine carried out a prisoner exchange on Monday. The exchange took place on the border "
            "with Belarus. Officials from Kyiv and Moscow thanked the hosts. Russian and Ukrainian delegations "
            "ended their negotiations in Abu Dhabi without result last week.")
    talks = _events(text, "peace_process", published="2025-03-05")
    assert not any("Abu" in m["sentence"] for e in talks for m in e["mentions"])


@pytest.mark.parametrize("lang, text", [
    ("en", "Armenia and Azerbaijan held peace talks in Geneva on Monday but failed to reach an agreement."),
    ("en", "Armenia and Azerbaijan held peace talks in Geneva on Monday, but no agreement was reached."),
    ("ru", "Армения и Азербайджан провели мирные переговоры в Женеве в понедельник, но не смогли договориться."),
    ("uk", "Вірменія та Азербайджан провели мирні переговори в Женеві, але не домовилися."),
    ("de", "Armenien und Aserbaidschan führten in Genf Friedensgespräche, konnten sich aber nicht einigen."),
    ("fr", "L'Arménie et l'Azerbaïdjan ont tenu des pourparlers de paix à Genève, sans parvenir à un accord."),
    ("es", "Armenia y Azerbaiyán celebraron conversaciones de paz en Ginebra, pero no lograron un acuerdo."),
    ("pt", "Armênia e Azerbaijão realizaram negociações de paz em Genebra, mas terminaram sem acordo."),
    ("pl", "Armenia i Azerbejdżan prowadziły rozmowy pokojowe w Genewie, ale nie osiągnięto porozumienia."),
    ("tr", "Ermenistan ve Azerbaycan Cenevre'de barış görüşmeleri yaptı ancak anlaşmaya varamadı."),
    ("ar", "عقدت أرمينيا وأذربيجان محادثات سلام في جنيف، لكنهما لم تتوصلا إلى اتفاق."),
    ("fa", "ارمنستان و آذربایجان در ژنو مذاکرات صلح برگزار کردند اما به توافق نرسیدند."),
    ("he", "ארמניה ואזרבייג'ן קיימו שיחות שלום בז'נבה, אך לא הושג הסכם."),
    ("ha", "Armeniya da Azerbaijan sun gudanar da tattaunawar sulhu a Geneva, amma sun gaza cimma yarjejeniya."),
    ("id", "Armenia dan Azerbaijan menggelar perundingan damai di Jenewa, tetapi tidak mencapai kesepakatan."),
    ("vi", "Armenia và Azerbaijan đã tổ chức đàm phán hòa bình tại Geneva nhưng không đạt được thỏa thuận."),
    ("ja", "アルメニアとアゼルバイジャンはジュネーブで和平協議を行ったが、合意に至らず。"),
    ("ko", "아르메니아와 아제르바이잔은 제네바에서 평화 회담을 열었지만 합의에 이르지 못했다."),
    ("sw", "Armenia na Azerbaijan zilifanya mazungumzo ya amani mjini Geneva lakini hawakufikia makubaliano."),
])
def test_talks_that_failed_to_reach_an_agreement_did_not_agree(lang, text):
    stages = [e["stage"] for e in _events(text, "peace_process", lang=lang, published="2025-03-05")]
    assert stages and "agreed" not in stages


def test_bilateral_meetings_split_from_one_list_each_own_their_modes(monkeypatch):
    # "bilateral meetings with India, Japan and Canada" are three meetings: a later mention
    # that makes one of them multilateral must not change the others
    from processors import pipeline
    from processors.tagging import merge

    seen = []

    def capture(frames, doc):
        seen.append(merge._split_bilaterals(frames, doc))
        return merge.merge_frames(frames, doc)

    monkeypatch.setattr(pipeline, "merge_frames", capture)
    text = "In Jakarta, the Indonesian foreign minister held bilateral meetings with India, Japan and Canada."
    tag_article({"id": "t", "text": text, "published": "2023-07-10"})
    meetings = [f for f in seen[0] if f.family == "diplomatic_meeting"]
    assert len(meetings) == 3
    meetings[0].modes.add("multilateral")
    assert all(f.modes == {"bilateral"} for f in meetings[1:])


# --- frames: a weekday that a future tense or a plan governs is the coming one --------------


@pytest.mark.parametrize("lang,text", [
    ("en", "Armenian and Azerbaijani negotiators will resume peace talks in Geneva on Monday."),
    ("es", "Las conversaciones de paz entre Armenia y Azerbaiyán se reanudarán el lunes en Ginebra."),
    ("id", "Armenia dan Azerbaijan akan melanjutkan perundingan damai di Jenewa pada hari Senin."),
    ("fr", "Les pourparlers de paix entre l'Arménie et l'Azerbaïdjan reprendront lundi à Genève."),
    # verb-final: the future tense comes after the weekday
    ("tr", "Ermenistan ile Azerbaycan arasındaki barış görüşmeleri pazartesi günü Cenevre'de yapılacak."),
])
def test_a_weekday_of_planned_talks_is_the_coming_one(lang, text):
    # published on Wednesday 5 March 2025: the coming Monday is the 10th, the last the 3rd
    talks = _events(text, "peace_process", lang=lang, published="2025-03-05")
    assert talks and all(t["when"]["date"] == "2025-03-10" for t in talks), [t["when"] for t in talks]


@pytest.mark.parametrize("text", [
    "Armenian and Azerbaijani negotiators resumed peace talks in Geneva on Monday.",
    # the future cue is after the weekday in a language whose verb comes before its time: the
    # weekday dates the agreement, which is past
    "The truce that Armenia and Azerbaijan agreed on Monday will take effect at midnight.",
])
def test_a_weekday_of_what_happened_is_the_last_one(text):
    events = _events(text, published="2025-03-05")
    assert events and all(e["when"]["date"] == "2025-03-03" for e in events), [e["when"] for e in events]


@pytest.mark.parametrize("lang,text", [
    ("pt", "A nova ronda de negociações de paz entre a Arménia e o Azerbaijão começará na segunda-feira em Genebra."),
    ("fr", "Les négociations de paix entre l'Arménie et l'Azerbaïdjan auront lieu lundi à Genève."),
    ("it", "I colloqui di pace tra Armenia e Azerbaigian inizieranno lunedì a Ginevra."),
    ("es", "Las negociaciones de paz entre Armenia y Azerbaiyán tendrán lugar el lunes en Ginebra."),
    ("ru", "Мирные переговоры между Арменией и Азербайджаном возобновятся в понедельник в Женеве."),
])
def test_future_tense_verbs_plan_the_talks_for_the_coming_weekday(lang, text):
    # the simple future of 'begin', 'resume', 'take place' is a future cue (lexicon fut)
    talks = _events(text, lang=lang, published="2025-03-05")
    assert talks and all((t["stage"] or t["status"], t["when"]["date"]) == ("scheduled", "2025-03-10")
                         for t in talks), [(t["stage"] or t["status"], t["when"]) for t in talks]


@pytest.mark.parametrize("lang,text", [
    ("en", "The Armenian foreign minister will fly to Baku on Monday. Peace talks with Azerbaijan are planned there."),
    ("id", "Menteri luar negeri Armenia akan terbang ke Baku pada hari Senin. "
           "Perundingan damai dengan Azerbaijan direncanakan di sana."),
])
def test_a_coming_weekday_dates_the_plans_told_after_it(lang, text):
    # the weekday of the first sentence is the coming one for the meeting of the second too
    meetings = _events(text, "diplomatic_meeting", lang=lang, published="2025-03-05")
    assert meetings and all(m["when"]["date"] == "2025-03-10" for m in meetings), [m["when"] for m in meetings]


@pytest.mark.parametrize("lang,text", [
    ("en", "A ceasefire between Armenia and Azerbaijan will take effect on Friday. "
           "The Armenian and Azerbaijani foreign ministers met in Geneva and talked for five hours."),
    ("de", "Zwischen Armenien und Aserbaidschan soll ab Freitag eine Waffenruhe gelten. "
           "Darauf haben sich die Außenminister beider Länder bei Gesprächen in Genf geeinigt."),
])
def test_what_has_happened_is_not_dated_by_the_future_told_before_it(lang, text):
    # the truce starts on the coming Friday (the 7th); the talks that agreed on it were before
    events = _events(text, lang=lang, published="2025-03-05")
    held = [e for e in events if e["family"] != "ceasefire"]
    assert held and all(e["when"] is None for e in held), [(e["family"], e["when"]) for e in held]
    assert [e["when"]["date"] for e in events if e["family"] == "ceasefire"] == ["2025-03-07"]


def test_a_weekday_after_a_word_of_saying_dates_the_statement_not_a_plan():
    # 'would' is a future cue, but 'said on Monday' tells when the statement was made
    text = "The ceasefire between Armenia and Azerbaijan would hold, the Armenian foreign ministry said on Monday."
    truces = _events(text, "ceasefire", published="2025-03-05")
    assert [t["when"]["date"] for t in truces] == ["2025-03-03"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Hamas handed two hostages to the Red Cross in Gaza on Tuesday as part of the Qatari-mediated ceasefire "
           "deal with Israel."),
    ("es", "Hamás entregó el martes dos rehenes a la Cruz Roja en Gaza en el marco del acuerdo de alto el fuego "
           "mediado por Catar entre Israel y Hamás."),
    ("fr", "Le Hamas a remis mardi deux otages à la Croix-Rouge à Gaza dans le cadre de l'accord de cessez-le-feu "
           "négocié par le Qatar entre Israël et le Hamas."),
    ("pt", "O Hamas entregou na terça-feira dois reféns à Cruz Vermelha no âmbito do acordo de cessar-fogo mediado "
           "pelo Catar."),
    ("de", "Die Hamas hat am Dienstag im Rahmen des von Katar vermittelten Waffenruhe-Abkommens zwei Geiseln an das "
           "Rote Kreuz übergeben."),
    ("ru", "ХАМАС во вторник передал Красному Кресту двух заложников в рамках соглашения о прекращении огня с "
           "Израилем, заключенного при посредничестве Катара."),
    ("uk", "ХАМАС у вівторок передав Червоному Хресту двох заручників у рамках угоди про припинення вогню за "
           "посередництва Катару."),
    ("id", "Hamas menyerahkan dua sandera kepada Palang Merah di Gaza pada Selasa sebagai bagian dari kesepakatan "
           "gencatan senjata yang dimediasi Qatar."),
    ("ar", "سلمت حماس يوم الثلاثاء رهينتين إلى الصليب الأحمر في غزة في إطار اتفاق وقف إطلاق النار بوساطة قطرية."),
    ("tr", "Hamas, Katar'ın arabuluculuğuyla İsrail ile yapılan ateşkes anlaşması kapsamında salı günü iki rehineyi "
           "Kızılhaç'a teslim etti."),
    ("hi", "हमास ने मंगलवार को क़तर की मध्यस्थता वाले युद्धविराम समझौते के तहत दो बंधकों को रेड क्रॉस को सौंप दिया।"),
    ("ko", "하마스는 카타르가 중재한 휴전 합의에 따라 화요일 인질 두 명을 적십자에 넘겼다."),
    ("zh", "哈马斯周二根据卡塔尔斡旋的停火协议向红十字会移交了两名人质。"),
    ("ja", "ハマスは火曜日、カタールが仲介した停戦合意に基づき、人質2人を赤十字に引き渡した。"),
])
def test_a_step_taken_as_part_of_a_deal_carries_it_out(lang, text):
    # the deal (and who brokered it) is the framework of the handover, not an agreement reached
    talks = _events(text, "peace_process", lang=lang, published="2025-11-05")
    assert [e["stage"] for e in talks] == ["implemented"]


@pytest.mark.parametrize("text, stage", [
    # a step still to come under the deal is planned
    ("Hamas will hand two hostages to the Red Cross on Friday as part of the Qatari-mediated ceasefire deal with "
     "Israel.", "scheduled"),
    # an agreement of its own, outside the framework phrase, is what the sentence reports
    ("Israel and Hamas agreed on a prisoner exchange in line with the ceasefire deal mediated by Qatar.", "agreed"),
])
def test_a_deal_as_framework_leaves_the_sentences_own_stage(text, stage):
    talks = _events(text, "peace_process", published="2025-11-05")
    assert [e["stage"] for e in talks] == [stage]


def test_a_deal_only_sought_is_no_framework():
    text = ("Egypt and Qatar mediated talks between Israel and Hamas in Cairo as part of efforts to reach a "
            "ceasefire deal.")
    assert "implemented" not in {e["stage"] for e in _events(text, "peace_process", published="2025-11-05")}


@pytest.mark.parametrize("lang, text", [
    ("ru", "Правительство Йемена и хуситы провели мирные переговоры в Маскате в воскресенье. Посланник ООН "
           "поблагодарил Оман за проведение мирных переговоров и поддержку мирных усилий в Йемене."),
    ("ar", "عقدت الحكومة اليمنية والحوثيون محادثات سلام في مسقط يوم الأحد. وشكر المبعوث الأممي سلطنة عمان على استضافة "
           "محادثات السلام ودعمها لجهود السلام في اليمن."),
    ("en", "Yemen's government and the Houthis held peace talks in Muscat on Sunday. The UN envoy thanked Oman for "
           "hosting the peace talks and praised its support for the peace efforts in Yemen."),
])
def test_thanks_for_the_talks_look_back_on_them(lang, text):
    # the talks thanked for are those of the first sentence, where they were held; the area the
    # efforts are for is not a second venue
    talks = _events(text, "peace_process", lang=lang, published="2025-03-05")
    assert [(e["stage"], e["where"]["name"]) for e in talks] == [("held", "Muscat")]


def test_talks_in_another_clause_than_the_thanks_are_told_as_news():
    text = ("Armenia and Azerbaijan held peace talks in Geneva on Monday. The Swiss president called the Armenian "
            "prime minister and thanked him, but the peace talks with Azerbaijan in Vienna on Friday failed.")
    talks = _events(text, "peace_process", published="2025-03-05")
    assert sorted(e["where"]["name"] for e in talks) == ["Geneva", "Vienna"]


def test_a_plan_told_after_thanks_is_news_of_its_own():
    text = ("The presidents of Russia and China met in Beijing on Monday. The Chinese president thanked the Russian "
            "president for the talks and said he would visit Moscow in May.")
    meetings = _events(text, "diplomatic_meeting", published="2025-03-05")
    assert sorted((m["status"], m["where"]["name"]) for m in meetings) == [("held", "Beijing"), ("scheduled", "Moscow")]


def test_talks_told_first_in_words_of_thanks_keep_their_date():
    text = ("The Armenian foreign minister thanked Switzerland for hosting the peace talks with Azerbaijan in Geneva "
            "on Monday.")
    talks = _events(text, "peace_process", published="2025-03-05")
    assert [e["when"]["date"] for e in talks] == ["2025-03-03"]


def test_the_day_of_the_thanks_does_not_date_the_talks():
    text = ("Armenia and Azerbaijan held peace talks in Geneva on Monday. On Wednesday the Armenian foreign minister "
            "thanked Switzerland for hosting the peace talks with Azerbaijan.")
    talks = _events(text, "peace_process", published="2025-03-05")
    assert [e["when"]["date"] for e in talks] == ["2025-03-03"]
