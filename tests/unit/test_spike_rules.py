"""Spike and breaking-news rules: settings, ElastAlert2's window semantics, counting once per
source and story, late articles, replays, and the alerts they make (pure core, no services)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import click
import pytest

from processors.alert_records import match_record
from processors.errors import SubscriptionError
from processors.fingerprint import fingerprint
from processors.pipeline import tag_article
from processors.rule_alerts import decide_rule
from processors.rules import BreakingRule, SpikeRule, parse_rule
from processors.spike import SpikeState, event_time
from processors.breaking import BreakingState
from processors.subscriptions import Subscription
from streams.commands.subscriptions import build_rule, parse_duration

T0 = 1_800_000_000.0


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).isoformat().replace("+00:00", "Z")


def rec(i: int, *, source: str | None = None, ts: float | None = None, countries=(), events=(), signature=None,
        lang: str = "en") -> dict:
    """A match record of a distinct story (its own sketch) from its own source, unless told."""
    return {"subscription_id": "s1",
            "article": {"id": f"a{i}", "url": f"https://{source or f's{i}.example'}/{i}", "title": f"Story {i}",
                        "source": source or f"s{i}.example", "lang": lang,
                        "published": iso(ts) if ts is not None else None},
            "countries": list(countries), "tags": ["ceasefire"], "events": list(events),
            "fingerprint": {"sketch": [10_000 * i + k for k in range(16)], "signature": signature},
            "matched_at": iso(ts) if ts is not None else None}


def feed(state: SpikeState, times: list[float], start: int = 0, **kw) -> list[dict]:
    fired = []
    for n, t in enumerate(times):
        fired += state.observe(rec(start + n, ts=t, **kw), ts=t)
    return fired


# -- settings --------------------------------------------------------------------------------

@pytest.mark.parametrize("rule, says", [
    ({"kind": "spike", "window_s": 3600, "height": 1}, "height must be a number above 1"),
    ({"kind": "spike", "window_s": 3600, "height": 0.5}, "height must be a number above 1"),
    ({"kind": "spike", "window_s": 3600, "height": float("nan")}, "height"),
    ({"kind": "spike", "window_s": 3600, "height": True}, "height"),
    ({"kind": "spike", "window_s": 10, "height": 3}, "window_s must be a whole number from 60"),
    ({"kind": "spike", "window_s": 3600, "height": 3, "min_current": 0}, "min_current must be at least 1"),
    ({"kind": "spike", "window_s": 3600, "height": 3, "direction": "down"}, "min_reference must be at least 1"),
    ({"kind": "spike", "window_s": 3600, "height": 3, "direction": "sideways"}, "direction must be one of"),
    ({"kind": "spike", "window_s": 3600, "height": 3, "group_by": "city"}, "group_by must be null or one of"),
    ({"kind": "spike", "window_s": 3600, "height": 3, "unit": "word"}, "unit must be one of"),
    ({"kind": "spike", "window_s": 600, "height": 3, "grace_s": 601}, "at most the window"),
    ({"kind": "spike", "window_s": 600, "height": 3, "timeframe": 5}, "unknown rule field(s): timeframe"),
    ({"kind": "breaking", "sources": 1}, "one source alone is not breaking news"),
    ({"kind": "breaking", "within_s": 5}, "within_s"),
    ({"kind": "flatline"}, "rule.kind must be one of spike, breaking"),
    ("spike", "rule must be null or an object"),
])
def test_impossible_settings_are_refused_with_what_to_change(rule, says):
    with pytest.raises(SubscriptionError) as err:
        parse_rule(rule)
    assert err.value.field == "rule" and says in str(err.value)


def test_a_subscription_carries_its_rule_and_refuses_throttle_or_digest_with_it():
    sub = Subscription(id="s1", owner="o", name="n", query="tag:ceasefire",
                       rule={"kind": "spike", "window_s": 3600, "height": 3.0, "group_by": "country_pair"})
    assert isinstance(sub.rule_spec, SpikeRule) and sub.rule_spec.group_by == "country_pair"
    again = Subscription.from_dict(json.loads(json.dumps(sub.to_dict())))
    assert again.rule == sub.rule == {"kind": "spike", "window_s": 3600, "height": 3, "direction": "up",
                                      "min_current": 1, "min_reference": 0, "group_by": "country_pair",
                                      "unit": "article", "grace_s": 300}
    assert Subscription(id="s2", owner="o", name="n", query="x").rule_spec is None
    with pytest.raises(SubscriptionError, match="throttle and digest are for keyword alerts"):
        Subscription(id="s3", owner="o", name="n", query="x", digest="daily", rule={"kind": "breaking"})


def test_cli_rule_options_build_the_rule_and_refuse_mixed_or_missing_ones():
    none = dict(window=None, height=None, direction=None, min_current=None, min_reference=None, group_by=None,
                unit=None, grace=None, sources=None, within=None)
    assert build_rule("spike", **{**none, "window": "1h", "height": 3.0, "min_current": 5, "grace": "2m"}) == {
        "kind": "spike", "window_s": 3600, "height": 3.0, "min_current": 5, "grace_s": 120}
    assert build_rule("breaking", **{**none, "sources": 4, "within": "20m"}) == {
        "kind": "breaking", "sources": 4, "within_s": 1200}
    assert build_rule(None, **none) is None
    for kind, extra, says in ((None, {"height": 3.0}, "need --rule"), ("spike", {"window": "1h"}, "--height"),
                              ("spike", {"window": "1h", "height": 2.0, "sources": 3}, "belong to --rule breaking"),
                              ("breaking", {"unit": "event"}, "belong to --rule spike")):
        with pytest.raises(click.UsageError, match=says):
            build_rule(kind, **{**none, **extra})
    with pytest.raises(click.BadParameter):
        parse_duration("an hour", "--window")
    assert parse_duration("90", "--window") == 90 and parse_duration("1d", "--window") == 86400


# -- ElastAlert2's spike semantics --------------------------------------------------------------

def test_a_flat_stream_never_fires_in_any_direction():
    st = SpikeState(SpikeRule(window_s=3600, height=2, direction="both", min_current=3, min_reference=3))
    times = [T0 + 60 * i for i in range(8 * 60)]  # one a minute for eight hours
    fired = feed(st, times)
    for k in range(1, 30):  # ticks between the articles change nothing either
        fired += st.tick(times[-1] + 10 * k)
    assert fired == [] and st.counted == len(times)


def test_a_surge_fires_once_with_its_count_baseline_and_articles():
    rule = SpikeRule(window_s=600, height=3, min_current=5)
    st = SpikeState(rule)
    calm = [T0 + 120 * i for i in range(15)]          # one every 2 min for 30 min: 5 a window
    surge = [calm[-1] + 10 + 5 * i for i in range(40)]  # then 40 within 200 s
    assert feed(st, calm) == []
    fired, crossing = [], None
    for n, t in enumerate(surge):
        out = st.observe(rec(100 + n, ts=t), ts=t)
        if out:
            crossing = f"a{100 + n}"
        fired += out
    assert len(fired) == 1
    f = fired[0]
    assert f["direction"] == "up" and f["count"] >= 3 * f["baseline"] and f["count"] >= 5
    # the crossing: one article fewer and the rule would not have fired
    assert f["count"] - 1 < 3 * f["baseline"] or f["count"] - 1 < 5
    assert f["articles"][0]["id"] == crossing and len(f["articles"]) == min(f["count"], 50)
    assert len({a["id"] for a in f["articles"]}) == len(f["articles"])


def test_windows_follow_elastalert2_step_by_step():
    """Hand-run of ElastAlert2's EventWindow: window 60 s, height 2, threshold_cur 3."""
    st = SpikeState(SpikeRule(window_s=60, height=2, min_current=3))
    assert feed(st, [T0, T0 + 61]) == []            # T0 moved to the reference window
    assert [len(st.cur["all"].entries), st.ref["all"].count] == [1, 1]
    assert feed(st, [T0 + 122], start=2) == []      # 2 windows since the first: checks start; 1 vs 1
    assert feed(st, [T0 + 130], start=3) == []      # 2 vs 1: under threshold_cur 3
    fired = feed(st, [T0 + 131], start=4)           # 3 >= 1 * 2 and >= 3
    assert [(f["count"], f["baseline"], f["first_at"]) for f in fired] == [(3, 1, T0 + 122)]
    assert st.ref["all"].count == 0 and "all" not in st.first  # cleared: waits two windows again
    assert feed(st, [T0 + 132 + i for i in range(20)], start=5) == []


def test_a_drop_is_found_by_the_ticks_when_articles_stop():
    st = SpikeState(SpikeRule(window_s=600, height=4, direction="down", min_current=0, min_reference=8))
    busy = [T0 + 30 * i for i in range(60)]  # 20 a window for 30 min
    assert feed(st, busy) == []
    fired = []
    t = busy[-1]
    while not fired and t < busy[-1] + 3600:
        t += 30
        fired = st.tick(t)
    assert len(fired) == 1 and fired[0]["direction"] == "down" and fired[0]["count"] * 4 <= fired[0]["baseline"]
    assert fired[0]["baseline"] >= 8


def test_groups_keep_their_own_windows():
    rule = SpikeRule(window_s=600, height=3, min_current=5, group_by="country_pair", unit="event")
    st = SpikeState(rule)
    ev = lambda a, b: {"family": "ceasefire", "status": "violated", "countries": [a, b], "date": None}  # noqa: E731
    fired = []
    for i in range(60):  # both pairs calm: one each every 60 s
        t = T0 + 60 * i
        fired += st.observe(rec(i, ts=t, events=[{**ev("ARM", "AZE"), "date": f"d{i}"}]), ts=t)
        fired += st.observe(rec(1000 + i, ts=t, events=[{**ev("ISR", "LBN"), "date": f"d{i}"}]), ts=t)
    t = T0 + 3600
    for i in range(30):  # one pair surges
        fired += st.observe(rec(2000 + i, ts=t + i, events=[{**ev("LBN", "ISR"), "date": f"x{i}"}]), ts=t + i)
    assert {f["group"] for f in fired} == {"ISR-LBN"} and len(fired) == 1


# -- once per source and story -----------------------------------------------------------------

STORY = {
    "en": "Armenia and Azerbaijan agreed a ceasefire on 3 December 2026 after talks in Geneva, officials said.",
    "fr": "L'Arménie et l'Azerbaïdjan ont conclu un cessez-le-feu le 3 décembre 2026 après des pourparlers à "
          "Genève, selon des responsables.",
    "ru": "Армения и Азербайджан договорились о прекращении огня 3 декабря 2026 года после переговоров в Женеве, "
          "сообщили официальные лица.",
    "ar": "اتفقت أرمينيا وأذربيجان على وقف إطلاق النار في 3 ديسمبر 2026 بعد محادثات في جنيف، بحسب مسؤولين.",
}


class _Match:
    def __init__(self, sid: str) -> None:
        self.subscription_id, self.snippet, self.highlights, self.terms = sid, "", (), ()

    def marked(self) -> str:
        return ""


def tagged_record(lang: str, source: str, n: int, ts: float) -> dict:
    art = tag_article({"id": f"{source}-{lang}-{n}", "url": f"https://{source}/{lang}/{n}", "lang": lang,
                       "text": STORY[lang], "published": iso(ts)})
    art["source"] = source
    return match_record(art, _Match("s1"), now=ts, fp=fingerprint(art))


@pytest.mark.parametrize("unit", ["article", "event"])
def test_one_story_in_three_languages_counts_once_per_source(unit):
    st = SpikeState(SpikeRule(window_s=3600, height=2, unit=unit, group_by="country_pair"))
    for n, lang in enumerate(("ar", "fr", "ru")):
        st.observe(tagged_record(lang, "wire.example", n, T0 + n), ts=T0 + n)
    one_source = st.counted
    for n, lang in enumerate(("ar", "fr", "ru")):
        st.observe(tagged_record(lang, f"paper{n}.example", n, T0 + 10 + n), ts=T0 + 10 + n)
    assert st.cur["ARM-AZE"].count == st.counted == 4 * one_source
    assert one_source == (1 if unit == "article" else 3)  # events: ceasefire, peace process, meeting


def test_a_replayed_record_is_not_counted_twice_and_the_state_survives_json():
    st = SpikeState(SpikeRule(window_s=600, height=3, min_current=5))
    times = [T0 + 10 * i for i in range(30)]
    feed(st, times)
    saved = json.loads(json.dumps(st.to_dict()))
    again = SpikeState.from_dict(st.rule, saved)
    assert feed(again, times) == [] and again.counted == st.counted == 30
    assert json.loads(json.dumps(again.to_dict())) == saved
    # other settings: the saved windows mean nothing for them, a fresh state
    assert SpikeState.from_dict(SpikeRule(window_s=600, height=4), saved).counted == 0


def test_late_articles_beyond_the_grace_period_are_tallied_not_counted_and_future_dates_are_clamped():
    st = SpikeState(SpikeRule(window_s=3600, height=2, grace_s=300))
    feed(st, [T0])
    feed(st, [T0 - 299], start=1)  # out of order within the grace: counted
    feed(st, [T0 - 301], start=2)  # late
    assert (st.counted, st.late) == (2, 1)
    assert st.cur["all"].entries[0][0] == T0 - 299
    future = rec(9, ts=T0 + 86400)
    assert event_time(future, arrived=T0 + 5) == T0 + 5
    assert event_time({"article": {"published": "2026-12-01T10:00:00"}}, arrived=T0) == T0  # no zone: arrival
    assert event_time({"article": {"published": "garbage"}}, arrived=T0) == T0


def test_replaying_from_an_earlier_state_makes_the_same_alert_id():
    sub = {"id": "s1", "name": "surge", "owner": "o",
           "rule": {"kind": "spike", "window_s": 600, "height": 3, "min_current": 5}}
    records = [rec(i, ts=T0 + 120 * i) for i in range(15)] + [rec(100 + i, ts=T0 + 1800 + 5 * i) for i in range(20)]
    state, history, alerts = None, [], []
    for r in records:
        history.append(state)
        out, state = decide_rule(sub, state, r, now=T0 + 9999)
        alerts += out
    assert len(alerts) == 1
    a = alerts[0]
    assert a["kind"] == "spike" and a["count"] >= 5 and a["baseline"] >= 1 and a["articles"]
    assert a["article"]["id"] == a["crossed_by"] and "Surge" in a["snippet"]
    k = next(i for i, r in enumerate(records) if r["article"]["id"] == a["crossed_by"])
    # killed before the state was written: the crossing record replays into the state before it
    replay, _ = decide_rule(sub, history[k], records[k], now=T0 + 12345)
    assert [x["id"] for x in replay] == [a["id"]]
    # killed after: the state already counts it, nothing more is sent
    assert all(decide_rule(sub, state, r, now=T0)[0] == [] for r in records)


# -- breaking news ------------------------------------------------------------------------------

def test_breaking_fires_once_when_the_nth_source_reports_the_story_in_any_language():
    st = BreakingState(BreakingRule(sources=3, within_s=1800))
    out = []
    for n, (lang, source) in enumerate((("ar", "a.example"), ("fr", "a.example"), ("ru", "b.example"),
                                        ("fr", "b.example"), ("ar", "c.example"), ("ru", "d.example"))):
        out.append(st.observe(tagged_record(lang, source, n, T0 + 60 * n), ts=T0 + 60 * n))
    fired = [f for o in out for f in o]
    assert [len(o) for o in out] == [0, 0, 0, 0, 1, 0]
    f = fired[0]
    assert f["sources"] == ["a.example", "b.example", "c.example"] and f["first_at"] == T0
    assert set(f["langs"]) == {"ar", "fr", "ru"} and len(f["article_ids"]) == 5
    assert {e["family"] for e in f["events"]} >= {"ceasefire"}


def test_breaking_needs_the_sources_within_the_window_of_the_first_report():
    st = BreakingState(BreakingRule(sources=2, within_s=600))
    sig = {"signature": "same-events"}
    assert st.observe(rec(1, ts=T0, **sig), ts=T0) == []
    assert st.observe(rec(2, ts=T0 + 601, **sig), ts=T0 + 601) == []  # the story expired: a new one
    assert len(st.observe(rec(3, ts=T0 + 700, **sig), ts=T0 + 700)) == 1
    assert st.observe(rec(3, ts=T0 + 700, **sig), ts=T0 + 700) == []   # a replay changes nothing


def test_an_earlier_copy_arriving_later_becomes_the_first_report():
    st = BreakingState(BreakingRule(sources=2, within_s=600))
    st.observe(rec(1, ts=T0 + 100, signature="x"), ts=T0 + 100)
    [f] = st.observe(rec(2, ts=T0 + 40, signature="x"), ts=T0 + 40)
    assert f["first_at"] == T0 + 40


def test_the_default_grace_is_five_minutes_or_the_window_if_shorter():
    assert parse_rule({"kind": "spike", "window_s": 60, "height": 3}).grace_s == 60
    assert parse_rule({"kind": "spike", "window_s": 3600, "height": 3}).grace_s == 300
