"""The compiled SubscriptionIndex agrees with evaluating every query on every article,
and subscriptions validate what a user sends. All texts were written for these tests."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from processors.alerts import AlertMatch, SubscriptionIndex, make_snippet
from processors.subscriptions import Subscription
from processors.article_view import ArticleView
from processors.errors import QueryError, SubscriptionError

ARTICLES = [
    {"id": "en1", "lang": "en", "source": "www.harbour-times.example", "title": "Ceasefire talks resume in Baku",
     "text": "The foreign ministers of Armenia and Azerbaijan met in Baku on Monday. Negotiators said the border "
             "commission would meet again next month, and both sides promised to respect the ceasefire.",
     "tags": ["diplomatic_meeting", "peace_process", "ceasefire"], "countries": ["ARM", "AZE"],
     "events": [{"family": "diplomatic_meeting", "mode": "bilateral", "status": "held", "countries": ["ARM", "AZE"]},
                {"family": "peace_process", "stage": "progress", "countries": ["ARM", "AZE"], "orgs": ["EU"]},
                {"family": "ceasefire", "status": "in_effect", "countries": ["ARM", "AZE"]}]},
    {"id": "id1", "lang": "id", "source": "kabar-pagi.example", "title": "Gencatan senjata dilanggar",
     "text": "Kedua pihak saling menuduh melanggar gencatan senjata. Utusan OKI bertemu menteri luar negeri "
             "di Jakarta untuk membahas perundingan damai.",
     "tags": ["ceasefire", "diplomatic_meeting"], "countries": ["IDN"],
     "actors": [{"kind": "org", "code": "OIC", "name": "OKI"}],
     "events": [{"family": "ceasefire", "status": "violated", "countries": ["PHL"]},
                {"family": "diplomatic_meeting", "mode": "visit", "status": "held", "countries": ["IDN"], "orgs": ["OIC"]}]},
    {"id": "ru1", "lang": "ru", "source": "vesti-dnya.example", "title": "Переговоры в Женеве",
     "text": "Делегации провели второй раунд мирных переговоров. Стороны обсудили продление перемирия и обмен пленными.",
     "tags": ["peace_process", "ceasefire"], "countries": ["ARM", "AZE"],
     "events": [{"family": "peace_process", "stage": "held", "countries": ["ARM", "AZE"]},
                {"family": "ceasefire", "status": "extended", "countries": ["ARM", "AZE"]}]},
    {"id": "ar1", "lang": "ar", "source": "akhbar.example", "title": "هدنة جديدة",
     "text": "أعلن الوسطاء أن الهدنة ستبدأ مساء الجمعة، وأن المفاوضات ستستأنف في القاهرة.",
     "tags": ["ceasefire", "peace_process"], "countries": ["EGY", "QAT"],
     "events": [{"family": "ceasefire", "status": "agreed", "countries": ["ISR", "PSE"]},
                {"family": "peace_process", "stage": "scheduled", "countries": ["EGY", "QAT"]}]},
    {"id": "zh1", "lang": "zh", "source": "xinwen.example", "title": "双方同意停火",
     "text": "两国外长在北京举行会谈，同意立即停火并启动和平谈判。", "tags": ["ceasefire", "diplomatic_meeting"],
     "countries": ["CHN"], "events": [{"family": "diplomatic_meeting", "mode": "bilateral", "status": "held", "countries": ["CHN"]}]},
    {"id": "fr1", "lang": "fr", "source": "la-gazette.example", "title": "Sommet à Dakar",
     "text": "Les chefs d'État se réunissent au sommet de Dakar. Le cessez-le-feu au Sahel sera à l'ordre du jour.",
     "tags": ["diplomatic_meeting"], "countries": ["SEN"],
     "events": [{"family": "diplomatic_meeting", "mode": "summit", "status": "scheduled", "countries": ["SEN"]}]},
    {"id": "tr1", "lang": "tr", "source": "gundem.example", "title": "Ateşkes ihlali",
     "text": "Bakanlar müzakereleri yeniden başlattı ancak ateşkesin ihlal edildiği bildirildi.",
     "tags": ["ceasefire"], "countries": ["TUR"], "events": [{"family": "ceasefire", "status": "violated", "countries": ["SYR"]}]},
    {"id": "none", "lang": "en", "source": "sports-daily.example", "title": "Cup final",
     "text": "The home side won the cup final after extra time.", "tags": [], "countries": [], "events": []},
]

WORDS = ["ceasefire", "talks", "negotiation", "ministers", "border", "commission", "baku", "geneva", "cup",
         "perundingan", "menteri", "gencatan", "переговоры", "перемирие", "هدنة", "مفاوضات", "müzakere",
         "sommet", "dakar", "négociation", "final", "armenia", "monday", "trade", "fisheries", "harbour"]
PREFIXES = ["negotiat*", "minist*", "ateşk*", "перемир*", "fisher*", "comm*"]
PHRASES = ['"border commission"', '"gencatan senjata"', '"мирных переговоров"', '"cup final"', '"peace treaty"',
           '"commission border"', '"final cup"', '"senjata gencatan"', '"ceasefire talk"', '"gencat* senj*"',
           '"border comm*"', '"negot* sai*"', '"cessez-le-feu"', "cessez-le-feu", '"les chefs"']
SUBSTRS = ["停火", "和平谈判", "北京", "東京"]
CONCEPTS = ["~ceasefire", "~peace_talks", "~summit", "~truce", "~mediation"]
FILTERS = ["tag:ceasefire", "tag:peace_process", "tag:diplomatic_meeting", "status:violated", "status:held",
           "stage:held", "stage:signed", "mode:summit", "mode:bilateral", "country:ARM", "country:AZE", "country:PSE",
           "actor:OIC", "actor:EU", "lang:en", "lang:ru", "lang:zh", "source:akhbar.example", "source:harbour-times.example"]
LEAVES = WORDS + PREFIXES + PHRASES + SUBSTRS + CONCEPTS + FILTERS


def random_query(rng: random.Random, depth: int = 0) -> str:
    r = rng.random()
    if depth >= 3 or r < 0.35:
        return rng.choice(LEAVES)
    n = rng.randint(2, 3)
    parts = [random_query(rng, depth + 1) for _ in range(n)]
    if r < 0.6:
        body = " AND ".join(parts) if rng.random() < 0.5 else " ".join(parts)
    elif r < 0.85:
        body = " OR ".join(parts)
    else:
        body = f"{parts[0]} NOT {parts[1]}"
    return f"({body})" if depth else body


def random_subscriptions(seed: int, n: int) -> list[Subscription]:
    rng = random.Random(seed)
    subs: list[Subscription] = []
    while len(subs) < n:
        q = random_query(rng)
        try:
            subs.append(Subscription(id=f"s{len(subs):04d}", owner="desk", name="random", query=q))
        except QueryError:
            continue
    return subs


def brute_force(subs: list[Subscription], article: dict) -> list[str]:
    view = ArticleView.from_tagged(article)
    return sorted(s.id for s in subs if s.active and s.compiled.matches(view))


def test_index_agrees_with_brute_force_on_random_subscriptions():
    subs = random_subscriptions(seed=7, n=400)
    index = SubscriptionIndex(subs)
    total = 0
    for article in ARTICLES:
        got = [m.subscription_id for m in index.match(article)]
        assert got == brute_force(subs, article), article["id"]
        total += len(got)
    assert total > 100  # the sample exercises matches, not only misses
    assert index.stats()["indexed_atoms"] > 20


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), removed=st.sets(st.integers(0, 59), max_size=20))
def test_index_agrees_after_add_remove_and_pause(seed, removed):
    subs = random_subscriptions(seed, 60)
    index = SubscriptionIndex(subs[:30])
    for article in ARTICLES:  # builds the per-language stem tables before the changes below
        index.match(article)
    for s in subs[30:]:
        index.add(s)
    live = []
    for i, s in enumerate(subs):
        if i in removed:
            assert index.remove(s.id)
        elif i % 7 == 0:
            paused = Subscription.from_dict({**s.to_dict(), "active": False})
            index.add(paused)  # replaces
        else:
            live.append(s)
    assert len(index) == len(subs) - len(removed)
    for article in ARTICLES:
        assert [m.subscription_id for m in index.match(article)] == brute_force(live, article)


def test_remove_everything_leaves_an_empty_index():
    subs = random_subscriptions(3, 50)
    index = SubscriptionIndex(subs)
    for s in subs:
        index.remove(s.id)
    assert not index.remove("s0000")
    stats = index.stats()
    assert stats == {**stats, "subscriptions": 0, "indexed_atoms": 0, "atoms": 0, "words": 0, "prefixes": 0, "substrings": 0,
                     "concepts": 0, "filters": 0}
    assert index.match(ARTICLES[0]) == []


def test_alert_match_explains_itself():
    index = SubscriptionIndex([Subscription(id="a", owner="o", name="n",
                                            query='"border commission" AND negotiat* AND country:ARM NOT geneva')])
    [m] = index.match(ARTICLES[0])
    assert isinstance(m, AlertMatch) and m.subscription_id == "a"
    assert m.terms == ('"border commission"', "negotiat*", "country:ARM")
    assert m.words == ("Negotiators", "border commission")
    text = ARTICLES[0]["text"]
    assert [text[s:e] for f, s, e in m.spans] == ["Negotiators", "border commission"]
    assert [m.snippet[s:e] for s, e in m.highlights] == ["Negotiators", "border commission"]
    assert "**Negotiators** said the **border commission** would" in m.marked()
    assert m.to_dict()["snippet_marked"] == m.marked()


def test_snippet_is_a_window_with_ellipses():
    filler = "Lorem ipsum dolor sit amet. " * 20
    article = {"lang": "en", "text": filler + "The ceasefire held overnight. " + filler}
    view = ArticleView.from_tagged(article)
    start = article["text"].index("ceasefire")
    snippet, marks = make_snippet(view, [("text", start, start + 9)], width=120)
    assert snippet.startswith("…") and snippet.endswith("…") and len(snippet) <= 125
    assert [snippet[s:e] for s, e in marks] == ["ceasefire"]
    snippet, marks = make_snippet(view, [], width=50)
    assert snippet.startswith("Lorem ipsum") and marks == ()


def test_matches_in_cjk_arabic_and_by_concept_across_languages():
    index = SubscriptionIndex([
        Subscription(id="cf", owner="o", name="n", query="~ceasefire"),
        Subscription(id="zh", owner="o", name="n", query="停火 AND lang:zh"),
        Subscription(id="ar", owner="o", name="n", query="هدنة AND مفاوضات"),
    ])
    hits = {a["id"]: [m.subscription_id for m in index.match(a)] for a in ARTICLES}
    assert hits["zh1"] == ["cf", "zh"]
    assert hits["ar1"] == ["ar", "cf"]
    for aid in ("en1", "id1", "ru1", "fr1", "tr1"):
        assert hits[aid] == ["cf"], aid
    assert hits["none"] == []
    [zh] = [m for m in index.match(ARTICLES[4]) if m.subscription_id == "zh"]
    assert zh.words == ("停火",) and "**停火**" in zh.marked()


# ---------------------------------------------------------------- Subscription


def test_subscription_round_trip():
    s = Subscription(id="sub-1", owner="desk:un", name="Caucasus", query="~ceasefire country:ARM",
                     channels=[{"type": "webhook", "url": "https://hooks.example/x", "secret": "k"},
                               {"type": "email", "to": ["a@b.example"]}, {"type": "sse"},
                               {"type": "kafka", "topic": "alerts.desk"}, {"type": "slack", "url": "https://hooks.example/s"}],
                     throttle={"max": 5, "window_s": 3600}, digest="hourly",
                     created_at="2026-11-27T16:00:00Z", updated_at="2026-11-27T16:00:00Z")
    d = s.to_dict()
    assert "compiled" not in d
    assert Subscription.from_dict(d) == s
    assert Subscription.from_dict(d).compiled.labels() == ["~ceasefire", "country:ARM"]


@pytest.mark.parametrize("change, fieldname", [
    ({"id": ""}, "id"), ({"id": "has space"}, "id"), ({"owner": None}, "owner"), ({"name": ""}, "name"),
    ({"channels": [{"type": "pigeon"}]}, "channels"), ({"channels": [{"type": "webhook"}]}, "channels"),
    ({"channels": [{"type": "webhook", "url": "ftp://x"}]}, "channels"),
    ({"channels": [{"type": "email", "to": "not-an-address"}]}, "channels"),
    ({"channels": [{"type": "kafka", "topic": "bad topic"}]}, "channels"),
    ({"channels": {"type": "sse"}}, "channels"),
    ({"throttle": {"max": 0, "window_s": 60}}, "throttle"), ({"throttle": {"max": 5}}, "throttle"),
    ({"throttle": {"max": True, "window_s": 60}}, "throttle"),
    ({"digest": "weekly"}, "digest"), ({"active": "yes"}, "active"),
    ({"created_at": "yesterday"}, "created_at"), ({"updated_at": "2026-11-27T16:00:00"}, "updated_at"),
    ({"query": 42}, "query"),
])
def test_subscription_validation(change, fieldname):
    base = {"id": "s1", "owner": "o", "name": "n", "query": "truce"}
    with pytest.raises(SubscriptionError) as e:
        Subscription.from_dict({**base, **change})
    assert e.value.field == fieldname


def test_subscription_bad_query_and_missing_fields():
    with pytest.raises(QueryError) as e:
        Subscription(id="s1", owner="o", name="n", query='truce "talks')
    assert e.value.position == 6
    with pytest.raises(SubscriptionError, match="missing field"):
        Subscription.from_dict({"id": "s1", "owner": "o"})


def test_subscription_create_uses_the_injected_clock_and_id():
    s = Subscription.create(owner="desk", name="Sahel", query="~ceasefire country:MLI", clock=lambda: 1_800_000_000.0,
                            new_id=lambda: "fixed", digest="daily")
    assert (s.id, s.created_at, s.updated_at, s.digest) == ("fixed", "2027-01-15T08:00:00Z", "2027-01-15T08:00:00Z", "daily")


def test_clauses_sharing_atoms_add_and_remove_cleanly():
    q = '("peace treaty" AND lang:en) OR ("peace treaty" AND (lang:en OR tag:ceasefire)) OR ("peace treaty" AND tag:ceasefire)'
    index = SubscriptionIndex([Subscription(id="x", owner="o", name="n", query=q)])
    article = {"lang": "en", "text": "They signed a peace treaty.", "tags": []}
    assert [m.subscription_id for m in index.match(article)] == ["x"]
    index.add(Subscription(id="x", owner="o", name="n", query=q, active=False))
    assert index.match(article) == [] and index.stats()["indexed_atoms"] == 0
    assert index.remove("x") and len(index) == 0
