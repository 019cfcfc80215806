"""`parley setup` brings the mappings of existing indices up to its templates.

An index template only applies when an index is created: the fixed-name indices
(`<prefix>-events`, `-alerts`, `-deliveries`) and this month's articles index would keep
the mappings of the release that created them, and a field a new release adds (such as
`@timestamp`, the dashboards' time field) would stay unmapped (`dynamic: false`), so
no panel could filter or aggregate on it.
"""

from __future__ import annotations

import asyncio
import copy
import uuid

import pytest

from streams.sinks.elasticsearch import ElasticsearchSink
from streams.sinks.es_docs import TIME_FIELD, load_template


@pytest.fixture
def prefix(es_client):
    name = f"itmap{uuid.uuid4().hex[:8]}"
    yield name
    es_client.options(ignore_status=404).indices.delete(index=f"{name}-*", expand_wildcards="all")
    es_client.options(ignore_status=404).indices.delete_index_template(name=f"{name}-*")


def _setup(es_url: str, prefix: str) -> list[tuple[str, str]]:
    async def run() -> list[tuple[str, str]]:
        sink = ElasticsearchSink(es_url, prefix=prefix)
        try:
            return await sink.setup()
        finally:
            await sink.close()

    return asyncio.run(run())


def _old_mappings(kind: str, prefix: str) -> dict:
    """The template's mappings as a release before `@timestamp` had them."""
    mappings = copy.deepcopy(load_template(kind, prefix)["template"]["mappings"])
    del mappings["properties"][TIME_FIELD]
    return mappings


def _mapped(es_client, index: str) -> dict:
    return es_client.indices.get_mapping(index=index)[index]["mappings"]["properties"]


def test_setup_puts_new_template_fields_on_existing_indices(es_client, es_url, prefix):
    events, articles = f"{prefix}-events", f"{prefix}-articles-2026.01"
    es_client.indices.create(index=events, mappings=_old_mappings("events", prefix),
                             settings={"number_of_replicas": 0})
    es_client.indices.create(index=articles, mappings=_old_mappings("articles", prefix),
                             settings={"number_of_replicas": 0})
    assert TIME_FIELD not in _mapped(es_client, events)

    report = dict(_setup(es_url, prefix))

    assert report[f"mapping {events}"] == "updated"
    assert report[f"mapping {articles}"] == "updated"
    for index in (events, articles):
        assert _mapped(es_client, index)[TIME_FIELD] == {"type": "date"}
    # what setup created itself already had the template's mappings
    assert f"mapping {prefix}-alerts" not in report

    again = _setup(es_url, prefix)
    assert all(status == "already exists" for _label, status in again), again


def test_setup_gives_older_documents_the_time_field(es_client, es_url, prefix):
    """Documents indexed before `@timestamp` existed stay in the dashboards after an upgrade."""
    events, articles = f"{prefix}-events", f"{prefix}-articles-2026.01"
    es_client.indices.create(index=events, mappings=_old_mappings("events", prefix),
                             settings={"number_of_replicas": 0})
    es_client.indices.create(index=articles, mappings=_old_mappings("articles", prefix),
                             settings={"number_of_replicas": 0})
    old = {
        (events, "a#0"): ({"family": "ceasefire", "published": "2026-01-05T10:00:00Z"}, "2026-01-05T10:00:00+00:00"),
        (events, "b#0"): ({"family": "ceasefire", "ingested_at": "2026-01-06T11:00:00Z"}, "2026-01-06T11:00:00+00:00"),
        (articles, "c"): ({"id": "c", "indexed_at": "2026-01-07T12:00:00+00:00"}, "2026-01-07T12:00:00+00:00"),
    }
    for (index, doc_id), (doc, _want) in old.items():
        es_client.index(index=index, id=doc_id, document=doc, refresh=True)

    report = dict(_setup(es_url, prefix))

    assert report[f"documents {events}"] == f"2 given {TIME_FIELD}"
    assert report[f"documents {prefix}-articles-*"] == f"1 given {TIME_FIELD}"
    es_client.indices.refresh(index=f"{prefix}-*")
    for (index, doc_id), (doc, want) in old.items():
        got = es_client.get(index=index, id=doc_id)["_source"]
        assert got == {**doc, TIME_FIELD: want}
    assert all(status == "already exists" for _label, status in _setup(es_url, prefix))


def test_setup_reports_a_mapping_it_cannot_change_and_carries_on(es_client, es_url, prefix):
    alerts = f"{prefix}-alerts"
    mappings = copy.deepcopy(load_template("alerts", prefix)["template"]["mappings"])
    mappings["properties"]["created_at"] = {"type": "keyword"}  # the template says date
    es_client.indices.create(index=alerts, mappings=mappings, settings={"number_of_replicas": 0})

    report = dict(_setup(es_url, prefix))

    assert report[f"mapping {alerts}"].startswith("not updated: ")
    assert "reindex" in report[f"mapping {alerts}"]
    assert report[f"index {prefix}-events"] == "created"
    assert _mapped(es_client, alerts)["created_at"] == {"type": "keyword"}
