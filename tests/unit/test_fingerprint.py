"""Near-duplicate stories, throttle and digest. Every text was written for these tests."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from processors.fingerprint import Fingerprint, StoryWindow, event_signature, fingerprint
from processors.pacing import DigestBuffer, Throttle, digest_bucket

WIRE = (
    "The foreign ministers of Armenia and Azerbaijan met in Brussels on Monday for four hours of talks hosted by the "
    "European Union. Both delegations agreed to convene the joint border commission before the end of the month and "
    "to exchange the remaining detainees under the terms of the earlier agreement. A spokesperson for the EU said the "
    "two sides had made progress on the draft peace treaty but that several questions on transport links remained "
    "open. The ceasefire along the line of contact has largely held since the spring, although both armies reported "
    "isolated shooting last week. Officials said a further round of talks could take place in Geneva in December, "
    "with mediators from several countries expected to attend."
)

EVENTS = [
    {"family": "diplomatic_meeting", "mode": "multilateral", "status": "held", "countries": ["ARM", "AZE"],
     "when": {"date": "2026-11-23", "precision": "day", "text": "Monday"}},
    {"family": "peace_process", "stage": "progress", "countries": ["ARM", "AZE"],
     "when": {"date": "2026-11-23", "precision": "day", "text": "Monday"}},
    {"family": "ceasefire", "status": "historical", "countries": ["ARM", "AZE"],
     "when": {"date": "2020", "precision": "year", "text": "2020"}},
]


def article(aid: str, source: str, title: str, text: str, events=EVENTS, lang: str = "en") -> dict:
    return {"id": aid, "source": source, "title": title, "text": text, "lang": lang, "events": events}


OUTLET_A = article("a", "harbour-times.example", "Armenia and Azerbaijan agree to convene border commission", WIRE)
OUTLET_B = article("b", "morning-post.example", "Border commission to meet, ministers say",
                   "BRUSSELS (Staff) - " + WIRE.replace("on Monday", "on Monday, 23 November").replace(
                       "largely held", "mostly held"))
OUTLET_C = article("c", "daily-courier.example", "EU hosts Armenia-Azerbaijan talks",
                   WIRE.rsplit(" Officials said", 1)[0] + " Reporting by our correspondent in Brussels.")
UNRELATED = article(
    "u", "harbour-times.example", "Harvest festival draws record crowds",
    "Thousands of visitors came to the harvest festival in the old town on Saturday. Farmers sold apples, honey and "
    "cheese from more than two hundred stalls, and a brass band played in the square until late in the evening. The "
    "organisers said next year's festival would add a second day and more space for children's activities.",
    events=[])
TRANSLATED = article(
    "t", "kabar-pagi.example", "Armenia dan Azerbaijan sepakat menggelar komisi perbatasan",
    "Menteri luar negeri Armenia dan Azerbaijan bertemu di Brussel pada Senin dalam perundingan selama empat jam yang "
    "diselenggarakan Uni Eropa. Kedua delegasi sepakat menggelar komisi perbatasan bersama sebelum akhir bulan.",
    events=[dict(e) for e in EVENTS], lang="id")


def test_three_outlets_light_edits_are_one_story():
    fa, fb, fc = (fingerprint(a) for a in (OUTLET_A, OUTLET_B, OUTLET_C))
    assert fa.similarity(fb) >= 0.6 and fa.similarity(fc) >= 0.6
    w = StoryWindow(6 * 3600, clock=lambda: 1000.0)
    first = w.assign(fa, "a", "harbour-times.example")
    assert first.new and first.story_id == "story:a" and first.other_sources == ()
    # without the event signature, the words alone must carry the match
    second = w.assign(Fingerprint(fb.sketch, None, fb.shingles), "b", "morning-post.example")
    assert (second.story_id, second.new, second.reason) == ("story:a", False, "text")
    assert second.other_sources == ("harbour-times.example",)
    third = w.assign(Fingerprint(fc.sketch, None, fc.shingles), "c", "daily-courier.example")
    assert third.story_id == "story:a" and third.other_sources == ("harbour-times.example", "morning-post.example")
    assert w.get("story:a").sources == ["harbour-times.example", "morning-post.example", "daily-courier.example"]
    assert len(w) == 1


def test_unrelated_story_is_new():
    fa, fu = fingerprint(OUTLET_A), fingerprint(UNRELATED)
    assert fa.similarity(fu) < 0.1
    w = StoryWindow(3600, clock=lambda: 0.0)
    w.assign(fa, "a")
    got = w.assign(fu, "u", "harbour-times.example")
    assert got.new and got.story_id == "story:u" and len(w) == 2


def test_translated_copy_with_the_same_events_is_the_same_story():
    fa, ft = fingerprint(OUTLET_A), fingerprint(TRANSLATED)
    assert fa.similarity(ft) < 0.2  # the words share almost nothing
    assert fa.signature is not None and fa.signature == ft.signature
    w = StoryWindow(3600, clock=lambda: 0.0)
    w.assign(fa, "a", "harbour-times.example")
    got = w.assign(ft, "t", "kabar-pagi.example")
    assert (got.story_id, got.reason, got.other_sources) == ("story:a", "events", ("harbour-times.example",))


def test_event_signature_ignores_background_and_vague_events():
    assert event_signature({"events": [EVENTS[2]]}) is None  # historical
    vague = dict(EVENTS[0], when={"date": "2026-11", "precision": "month"})
    assert event_signature({"events": [vague]}) is None
    assert event_signature({"events": [dict(EVENTS[0], countries=[])]}) is None
    other_day = dict(EVENTS[0], when={"date": "2026-11-24", "precision": "day"})
    assert event_signature({"events": [other_day]}) != event_signature({"events": [EVENTS[0]]})
    # order of events and of countries does not matter
    swapped = [dict(EVENTS[1], countries=["AZE", "ARM"]), EVENTS[0]]
    assert event_signature({"events": swapped}) == event_signature({"events": EVENTS[:2]})


def test_window_expiry_with_a_fake_clock():
    now = [0.0]
    w = StoryWindow(600, clock=lambda: now[0])
    fa = fingerprint(OUTLET_A)
    assert w.assign(fa, "a").new
    now[0] = 599.0
    assert not w.assign(fingerprint(OUTLET_B), "b").new
    now[0] = 601.0
    again = w.assign(fingerprint(OUTLET_C), "c")
    assert again.new and again.story_id == "story:c"  # the first story has expired
    assert len(w) == 1


def test_same_article_twice_and_alert_bookkeeping():
    w = StoryWindow(600, clock=lambda: 0.0)
    sid = w.assign(fingerprint(OUTLET_A), "a", "x").story_id
    assert w.assign(fingerprint(OUTLET_A), "a", "x").reason == "same_article"
    assert w.alert_for(sid, "sub1") is None
    w.mark_alerted(sid, "sub1", "alert-9")
    assert w.alert_for(sid, "sub1") == "alert-9" and w.alert_for(sid, "sub2") is None


def test_story_window_state_round_trips_through_json():
    w = StoryWindow(600, clock=lambda: 10.0)
    w.assign(fingerprint(OUTLET_A), "a", "harbour-times.example")
    w.mark_alerted("story:a", "sub1", "alert-1")
    w2 = StoryWindow.from_dict(json.loads(json.dumps(w.to_dict())), clock=lambda: 20.0)
    got = w2.assign(fingerprint(OUTLET_B), "b", "morning-post.example")
    assert got.story_id == "story:a" and w2.alert_for("story:a", "sub1") == "alert-1"
    assert w2.assign(fingerprint(TRANSLATED), "t").story_id == "story:a"
    fp = fingerprint(OUTLET_A)
    assert Fingerprint.from_dict(json.loads(json.dumps(fp.to_dict()))) == fp


def test_cjk_text_fingerprints_by_character_bigrams():
    zh = "两国外长在北京举行会谈，同意立即停火并启动和平谈判，双方还决定成立联合边界委员会。"
    a = fingerprint({"text": zh})
    b = fingerprint({"text": "（本报讯）" + zh})
    c = fingerprint({"text": "丰收节在老城举行，数千名游客前来购买苹果和蜂蜜。"})
    assert a.similarity(b) > 0.6 and a.similarity(c) < 0.1


# ---------------------------------------------------------------- throttle and digest


def test_throttle_sliding_window():
    now = [0.0]
    t = Throttle(clock=lambda: now[0])
    assert [t.allow("s", 3, 60) for _ in range(4)] == [True, True, True, False]
    assert t.allow("other", 3, 60)  # per subscription
    now[0] = 30.0
    assert not t.allow("s", 3, 60)
    assert t.retry_after("s", 60) == pytest.approx(30.0)
    now[0] = 60.5  # the three alerts at 0 have left the window
    assert [t.allow("s", 3, 60) for _ in range(4)] == [True, True, True, False]
    t2 = Throttle.from_dict(json.loads(json.dumps(t.to_dict())), clock=lambda: 61.0)
    assert t2.allow("s", 3, 60) is False
    assert t2.allow("s", 3, 60, now=121.0) is True
    assert t.allow_for(None, "s") and t.allow_for({"max": 100, "window_s": 60}, "s")


def test_throttle_counts_only_allowed_alerts():
    t = Throttle(clock=lambda: 0.0)
    for _ in range(10):
        t.allow("s", 2, 100, now=0.0)
    assert t.allow("s", 2, 100, now=100.1)


def test_digest_buckets():
    ts = datetime(2026, 11, 27, 12, 26, 40, tzinfo=timezone.utc).timestamp()
    h, d = digest_bucket("hourly", ts), digest_bucket("daily", ts)
    assert h.key == "hourly:2026-11-27T12" and h.end - h.start == 3600 and h.start <= ts < h.end
    assert d.key == "daily:2026-11-27" and d.end - d.start == 86400 and d.start <= ts < d.end
    assert digest_bucket("hourly", h.end).key == "hourly:2026-11-27T13"
    with pytest.raises(ValueError):
        digest_bucket("weekly", ts)


def test_digest_buffer_releases_closed_buckets_once():
    ts = datetime(2026, 11, 27, 12, 26, 40, tzinfo=timezone.utc).timestamp()
    buf = DigestBuffer(clock=lambda: ts)
    buf.add("s1", "hourly", {"id": "a1"})
    buf.add("s1", "hourly", {"id": "a2"}, now=ts + 60)
    buf.add("s2", "daily", {"id": "a3"})
    assert buf.due() == []
    restored = DigestBuffer.from_dict(json.loads(json.dumps(buf.to_dict())), clock=lambda: ts + 3600)
    [hourly] = restored.due()
    assert hourly["subscription_id"] == "s1" and [a["id"] for a in hourly["alerts"]] == ["a1", "a2"]
    assert restored.due() == [] and len(restored) == 1
    [daily] = restored.due(now=ts + 86400)
    assert daily["bucket"] == "daily:2026-11-27" and daily["alerts"] == [{"id": "a3"}]
