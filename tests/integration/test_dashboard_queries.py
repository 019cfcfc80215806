"""Every Kibana panel, run as an Elasticsearch request against a real node.

Indices are created with the mappings of streams/templates/*.json, loaded with
documents built by streams.sinks.es_docs from articles tagged by
processors.tag_article (the demo corpus streams/demo/corpus.jsonl when present, plus
the sample articles below, written for this test), and each panel's request
(streams.dashboards.esquery.panel_request, built from the same YAML as the saved
objects) must return non-empty rows shaped as the panel draws them, with the counts
that the indexed documents imply.

Alert and delivery documents are made here from the tagged articles, in the shape
of streams/templates/alerts.json and deliveries.json.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from streams.dashboards.esquery import geo_point_latlon, get_path, panel_request, panel_rows
from streams.dashboards.spec import REPO_ROOT, Panel, load_sources

SOURCES = load_sources()
ALL_PANELS = [(d, p) for d in SOURCES.dashboards for p in d.panels]
DEMO_CORPUS = REPO_ROOT / "streams" / "demo" / "corpus.jsonl"

# Our own sentences (not from any real article): one article per thing a panel shows.
SAMPLE_ARTICLES = [
    ("en", "2026-11-02T07:00:00Z", "Armenia says truce broken",
     "Armenia said on Monday that Azerbaijani forces violated the ceasefire overnight near the border "
     "village of Sotk, wounding three soldiers. Baku denied the accusation."),
    ("en", "2026-11-03T09:30:00Z", "Peace deal signed",
     "Armenia and Azerbaijan signed a peace agreement in Washington on Friday after talks mediated by "
     "the United States."),
    ("en", "2026-11-04T12:00:00Z", "Sudan talks collapse",
     "Talks between the government of Sudan and the government of South Sudan on the border collapsed "
     "in Jeddah on Sunday, Saudi mediators said."),
    ("id", "2026-11-05T03:00:00Z", "Menlu bertemu",
     "Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Malaysia di Kuala Lumpur pada "
     "Senin (2/11/2026) untuk membahas perbatasan kedua negara."),
    ("fr", "2026-11-06T15:00:00Z", "Cessez-le-feu à Gaza",
     "Israël et le Hamas ont accepté un cessez-le-feu à Gaza sous l'égide de l'Égypte et du Qatar, a "
     "annoncé mardi le ministère qatari des Affaires étrangères."),
    ("es", "2026-11-07T18:00:00Z", "Llamada presidencial",
     "El presidente de Colombia habló por teléfono con el presidente de Venezuela el martes sobre la "
     "seguridad en la frontera común."),
    ("ru", "2026-11-08T10:00:00Z", "Перемирие",
     "Россия и Украина договорились о прекращении огня на время переговоров в Стамбуле, заявил "
     "министр иностранных дел Турции."),
    ("en", "2026-11-09T08:00:00Z", "Lebanon accuses Israel",
     "Lebanon accused Israel on Thursday of violating the ceasefire with air strikes on villages in "
     "the south of the country."),
    ("en", "2026-11-10T11:00:00Z", "Summit in Addis Ababa",
     "Leaders of Ethiopia, Kenya and Somalia met in Addis Ababa for a summit of the African Union on "
     "the conflict in Sudan."),
    ("en", "2026-11-11T14:00:00Z", "Foreign ministers meet",
     "The foreign minister of India met his Chinese counterpart in Beijing on Wednesday to discuss the "
     "border dispute."),
]


# Feeds often give no date: these carry only the time Parley first saw them (ingested_at,
# the raw message's Kafka timestamp). They must still show in every time-filtered panel.
UNDATED_ARTICLES = [
    ("en", "2026-11-12T09:00:00Z", "Truce holds",
     "Armenia and Azerbaijan agreed to a ceasefire along the border after talks in Moscow, the Russian "
     "foreign ministry said."),
    ("en", "2026-11-13T16:00:00Z", "Ministers meet",
     "The foreign minister of Egypt met the foreign minister of Jordan in Cairo on Monday to discuss the "
     "war in Gaza."),
]


def _tagged_articles() -> list[dict[str, Any]]:
    from processors import tag_article

    raw: list[dict[str, Any]] = []
    if DEMO_CORPUS.exists():
        raw += [json.loads(line) for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    for n, (lang, published, title, text) in enumerate(SAMPLE_ARTICLES):
        raw.append({"url": f"https://news.example/{lang}/{n}", "title": title, "text": text,
                    "published": published, "source": "news.example", "lang": lang})
    for n, (lang, ingested_at, title, text) in enumerate(UNDATED_ARTICLES):
        raw.append({"url": f"https://news.example/undated/{n}", "title": title, "text": text,
                    "ingested_at": ingested_at, "source": "news.example", "lang": lang})
    tagged = []
    for article in raw:
        result = tag_article(article)
        result.setdefault("published", article.get("published"))
        result.setdefault("ingested_at", article.get("ingested_at"))
        tagged.append(result)
    return tagged


def _when(value: Any) -> datetime:
    """An aware datetime from an ISO date or date-time ("2026-11-20" is midnight UTC)."""
    when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _alert_docs(articles: Iterable[Mapping[str, Any]]) -> tuple[list[dict], list[dict]]:
    """Alerts (one per tagged article and matching subscription) and their delivery log."""
    alerts, deliveries = [], []
    subscriptions = [("sub-ceasefires", "All ceasefires", "ceasefire"), ("sub-talks", "Peace talks", "peace_process"),
                     ("sub-meetings", "Summits and visits", "diplomatic_meeting")]
    for a in articles:
        if not a.get("published"):
            continue
        published = _when(a.get("published"))
        for sub_id, sub_name, family in subscriptions:
            if family not in (a.get("tags") or []):
                continue
            alert_id = f"{sub_id}:{a['id']}"
            created = published + timedelta(minutes=2)
            alerts.append({"subscription_id": sub_id, "subscription_name": sub_name, "owner": "desk",
                           "article_id": a["id"], "url": a.get("url"), "title": a.get("title"),
                           "lang": a.get("lang"), "source": a.get("source"), "tags": a.get("tags"),
                           "countries": a.get("countries"), "created_at": created.isoformat(), "_id": alert_id})
            deliveries.append({"alert_id": alert_id, "subscription_id": sub_id, "channel": "webhook",
                               "status": "delivered", "attempts": 1, "at": (created + timedelta(seconds=1)).isoformat()})
            if family != "diplomatic_meeting":
                deliveries.append({"alert_id": alert_id, "subscription_id": sub_id, "channel": "email",
                                   "status": "failed", "attempts": 3, "error": "550 mailbox unavailable",
                                   "at": (created + timedelta(seconds=30)).isoformat()})
    alerts += _rule_alert_docs([a for a in articles if a.get("published") and a.get("countries")][:6])
    return alerts, deliveries


def _rule_alert_docs(articles: list[Mapping[str, Any]]) -> list[dict]:
    """Spike and breaking-news alerts shaped by the core and indexed as the alerts sink writes them."""
    from processors.rule_alerts import breaking_alert, spike_alert
    from processors.rules import BreakingRule, SpikeRule
    from streams.sinks.es_index import alert_doc

    out = []
    sub = {"id": "sub-surges", "name": "Surges per country", "owner": "desk"}
    for n, a in enumerate(articles):
        at = _when(a["published"]).timestamp() + 120
        ref = {k: a.get(k) for k in ("id", "url", "title", "lang", "source", "published")}
        record = {"article": ref, "tags": a.get("tags"), "countries": a.get("countries"), "events": []}
        if n % 2:
            fire = {"group": a["countries"][0], "direction": "up", "count": 6 + n, "baseline": 2, "at": at,
                    "first_at": at - 600, "articles": [ref]}
            rec = spike_alert(sub, SpikeRule(window_s=3600, height=3, group_by="country"), fire, record, at)
        else:
            fire = {"story_id": f"story:{a['id']}", "first_at": at - 300, "at": at, "sources": ["a.example", "b.example"],
                    "langs": [a.get("lang")], "articles": [ref], "events": []}
            rec = breaking_alert(sub, BreakingRule(sources=2), fire, record, at)
        created = datetime.fromtimestamp(at, tz=timezone.utc).isoformat()  # as the other alerts here write it
        out.append({**alert_doc(rec), "created_at": created, "_id": rec["id"]})
    return out


@pytest.fixture(scope="module")
def loaded(es_client, index_factory_module) -> dict[str, Any]:
    """Index name and the indexed _source documents for each data view."""
    from elasticsearch.helpers import bulk

    from streams.sinks.es_docs import article_doc, event_docs, load_template

    tagged = _tagged_articles()
    assert any(a.get("events") for a in tagged), "the tagger found no event in the test articles"
    alerts, deliveries = _alert_docs(tagged)
    docs = {
        "parley-articles": [(a["id"], article_doc(a)) for a in tagged],
        "parley-events": [e for a in tagged for e in event_docs(a)],
        "parley-alerts": [(d.pop("_id"), d) for d in alerts],
        "parley-deliveries": [(f"d{n}", d) for n, d in enumerate(deliveries)],
    }
    kinds = {"parley-articles": "articles", "parley-events": "events",
             "parley-alerts": "alerts", "parley-deliveries": "deliveries"}
    out: dict[str, Any] = {}
    for view, kind in kinds.items():
        template = load_template(kind)["template"]
        index = index_factory_module(view, mappings=template["mappings"], settings=template.get("settings"))
        ok, errors = bulk(es_client, ({"_index": index, "_id": i, "_source": d} for i, d in docs[view]),
                          refresh="wait_for", raise_on_error=False)
        assert not errors, errors[:3]
        # what Elasticsearch keeps: `dynamic: false` leaves unmapped fields out of the index
        out[view] = {"index": index, "docs": [d for _i, d in docs[view]]}
    return out


@pytest.fixture(scope="module")
def index_factory_module(es_client):
    """Like conftest's index_factory, for a module-scoped fixture (one load for all panels)."""
    import uuid

    names: list[str] = []

    def make(prefix: str, *, mappings: dict, settings: dict | None = None) -> str:
        name = f"{prefix}-dashtest-{uuid.uuid4().hex[:8]}"
        es_client.indices.create(index=name, mappings=mappings, settings=settings)
        names.append(name)
        return name

    yield make
    for name in names:
        es_client.options(ignore_status=404).indices.delete(index=name)


@pytest.mark.parametrize("view", ["parley-articles", "parley-events"])
def test_documents_without_published_stay_in_time_filtered_panels(es_client, loaded, view):
    """Every article and event is inside the dashboards' time filter, dated or not."""
    dv = SOURCES.data_views[view]
    docs = loaded[view]["docs"]
    undated = [d for d in docs if not d.get("published")]
    assert undated, f"the test corpus should have {view} documents without published"
    assert all(d.get(dv.time_field) for d in docs), f"a {view} document lacks {dv.time_field}"
    start, end = _time_range(docs, dv.time_field)
    timed = {"range": {dv.time_field: {"gte": start.isoformat(), "lte": end.isoformat()}}}
    assert es_client.count(index=loaded[view]["index"], query=timed)["count"] == len(docs)
    panels = [(d, p) for d, p in ALL_PANELS if p.data_view == view and p.kind == "timeseries" and not p.query]
    for dash, panel in panels:
        request = panel_request(SOURCES, panel, dashboard=dash, time_from=start.isoformat(), time_to=end.isoformat())
        response = es_client.search(index=loaded[view]["index"], **request.body)
        assert response["hits"]["total"]["value"] == len(docs), f"{dash.id}/{panel.id} leaves documents out"


# --- the panel's rows, computed in Python from the same documents ----------------------------------

_TERM = re.compile(r"(\w[\w.]*):(\*|\(([^)]*)\)|[\w.-]+)")


def _matches(doc: Mapping[str, Any], query: str) -> bool:
    """The Lucene subset the dashboards use: `f:v`, `f:*`, `f:(a OR b)` joined by AND."""
    for clause in filter(None, (c.strip() for c in query.split(" AND "))):
        m = _TERM.fullmatch(clause)
        assert m, f"test evaluator does not understand {clause!r}"
        values = _values(doc, m.group(1))
        if m.group(2) == "*":
            ok = bool(values)
        elif m.group(3) is not None:
            ok = bool(values & {v.strip() for v in m.group(3).split(" OR ")})
        else:
            ok = m.group(2) in values
        if not ok:
            return False
    return True


def _values(doc: Mapping[str, Any], field: str) -> set[str]:
    value = get_path(doc, field)
    items = value if isinstance(value, list) else [value]
    return {str(v) for v in items if v not in (None, "", [])}


def _present_fields(doc: Mapping[str, Any], prefix: str = "") -> Iterable[str]:
    """Dotted names of the fields that have a value in `doc`."""
    for key, value in doc.items():
        if isinstance(value, Mapping):
            yield from _present_fields(value, f"{prefix}{key}.")
        elif value not in (None, "", []):
            yield f"{prefix}{key}"


def _in_range(doc: Mapping[str, Any], time_field: str, start: datetime, end: datetime) -> bool:
    value = doc.get(time_field)
    if not value:
        return False
    return start <= _when(value) <= end


def _time_range(docs: list[Mapping[str, Any]], time_field: str) -> tuple[datetime, datetime]:
    times = [_when(d[time_field]) for d in docs if d.get(time_field)]
    assert times, f"no document has {time_field}"
    return min(times) - timedelta(days=1), max(times) + timedelta(days=1)


def _expected_counts(docs: list[Mapping[str, Any]], fields: list[str]) -> Counter:
    counts: Counter = Counter()
    for doc in docs:
        combos: list[tuple[str, ...]] = [()]
        for f in fields:
            combos = [(*c, v) for c in combos for v in sorted(_values(doc, f))]
        counts.update(set(combos))
    return counts


@pytest.mark.parametrize("dash,panel", ALL_PANELS, ids=[f"{d.id}/{p.id}" for d, p in ALL_PANELS])
def test_panel_returns_what_it_draws(es_client, loaded, dash, panel: Panel):
    dv = SOURCES.data_views[panel.data_view]
    view = loaded[panel.data_view]
    start, end = _time_range(view["docs"], dv.time_field)
    request = panel_request(SOURCES, panel, dashboard=dash, time_from=start.isoformat(), time_to=end.isoformat())
    response = es_client.perform_request(
        "POST", f"/{view['index']}/_search", body=request.body,
        headers={"accept": "application/json", "content-type": "application/json"},
    ).body
    rows = panel_rows(request, response)
    absent = sorted({SOURCES.resolve_field(panel, f) for f, _use in panel.fields()}
                    - {f for d in view["docs"] for f in _present_fields(d)})
    assert rows, (f"{dash.id}/{panel.id} draws nothing"
                  + (f"; no {panel.data_view} document has {absent} (see dashboards/kibana/src/dataviews.yaml)"
                     if absent else "") + f": {request.describe()}")

    matching = [d for d in view["docs"] if _in_range(d, dv.time_field, start, end) and _matches(d, panel.query)]
    if panel.kind == "search":
        assert len(rows) == min(panel.size, len(matching))
        assert all(len(r) == len(panel.columns) for r in rows)
        times = [h["_source"][dv.time_field] for h in response["hits"]["hits"]]
        assert times == sorted(times, reverse=True), "latest first"
        if "url" in panel.columns:
            assert all(str(r[panel.columns.index("url")]).startswith("http") for r in rows)
        return
    if panel.kind == "map":
        with_geo = [d for d in matching if geo_point_latlon(get_path(d, panel.geo_field))]
        assert len(rows) == len(with_geo)
        assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in rows)
        return
    if panel.kind == "metric":
        assert rows == [(len(matching),)] and len(matching) > 0
        return

    fields = [f for f in request.bucket_fields if f != dv.time_field]
    expected = _expected_counts(matching, fields)
    if panel.kind == "timeseries":
        # rows: (split..., day, count); summed over days they give the per-split counts
        per_split: Counter = Counter()
        for *keys, day, count in rows:
            assert count > 0 and re.match(r"\d{4}-\d{2}-\d{2}", str(day))
            per_split[tuple(keys)] += count
        top = {k: expected[k] for k in per_split}
        assert per_split == top, f"{panel.id}: {dict(per_split)} != {top}"
        size = panel.breakdown.size if panel.breakdown else 1
        assert len(per_split) == min(size, len(expected) or 1)
    else:  # bar, pie, table: (key..., count)
        got = Counter({tuple(r[:-1]): r[-1] for r in rows})
        assert all(got[k] == expected[k] for k in got), f"{panel.id}: {dict(got)} vs {dict(expected)}"
        first = (panel.terms or panel.rows[0]).size
        assert len({k[0] for k in got}) == min(first, len({k[0] for k in expected}))
        if expected:
            assert max(got.values()) == max(expected[k] for k in expected if k[0] in {g[0] for g in got})
