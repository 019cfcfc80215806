"""The subscriptions REST API against an in-memory registry (no Kafka): auth, ownership,
validation errors with the query position, pause/resume, SSE fan-out; and the CLI's parsers."""

from __future__ import annotations

import asyncio
import json

import click
import pytest
from aiohttp.test_utils import TestClient, TestServer

from streams.alerting.api import make_api
from streams.alerting.config import parse_api_keys
from streams.alerting.registry import SubscriptionRegistry
from streams.commands.subscriptions import parse_channel, parse_throttle
from streams.notify.sse import SseHub


class MemoryRegistry(SubscriptionRegistry):
    """The real mirror logic; writes skip Kafka."""

    def __init__(self) -> None:
        super().__init__("unused:9092", "subscriptions")
        self.ready.set()
        self.written: list[tuple[str, bytes | None]] = []

    async def put(self, sub) -> None:
        value = json.dumps(sub.to_dict()).encode()
        self.written.append((sub.id, value))
        self.apply(sub.id, value)

    async def delete(self, sub_id: str) -> None:
        self.written.append((sub_id, None))
        self.apply(sub_id, None)


def run(scenario):
    async def main():
        registry, hub = MemoryRegistry(), SseHub()
        ids = iter(f"id{i}" for i in range(100))
        app = make_api(registry, {"ka": "alice", "kb": "bob"}, hub, clock=lambda: 1_800_000_000.0,
                       new_id=lambda: next(ids), heartbeat=0.2)
        async with TestClient(TestServer(app)) as client:
            return await scenario(client, registry, hub)

    return asyncio.run(main())


A, B = {"X-API-Key": "ka"}, {"X-API-Key": "kb"}


def test_crud_and_ownership():
    async def scenario(c, registry, hub):
        assert (await c.get("/subscriptions")).status == 401
        r = await c.post("/subscriptions", headers=A, json={"name": "n1", "query": "~ceasefire AND country:ARM",
                                                             "channels": [{"type": "sse"}]})
        assert r.status == 201
        sub = await r.json()
        assert sub["id"] == "id0" and sub["owner"] == "alice" and sub["created_at"] == "2027-01-15T08:00:00Z"
        assert registry.index.get("id0") is not None and registry.written[-1][0] == "id0"
        assert (await c.get("/subscriptions/id0", headers=B)).status == 404
        assert (await c.post("/subscriptions/id0/pause", headers=B)).status == 404
        assert (await (await c.get("/subscriptions", headers=B)).json()) == {"subscriptions": []}
        paused = await (await c.post("/subscriptions/id0/pause", headers=A)).json()
        assert paused["active"] is False and registry.get("id0").active is False
        r = await c.patch("/subscriptions/id0", headers=A, json={"query": "talks", "owner": "bob"})
        assert r.status == 400 and "unknown field" in (await r.json())["error"]
        r = await c.put("/subscriptions/id0", headers=A, json={"name": "n2", "query": "talks"})
        assert r.status == 200 and (await r.json())["query"] == "talks"
        assert (await c.delete("/subscriptions/id0", headers=A)).status == 204
        assert registry.written[-1] == ("id0", None) and (await c.get("/subscriptions/id0", headers=A)).status == 404

    run(scenario)


def test_invalid_query_gives_400_with_message_and_position():
    async def scenario(c, registry, hub):
        r = await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks AND (country:ARM"})
        err = await r.json()
        assert r.status == 400 and err["field"] == "query" and err["position"] > 0 and "position" in err["detail"]
        r = await c.post("/subscriptions", headers=A, json={"name": "n", "query": "x", "throttle": {"max": 0, "window_s": 1}})
        assert r.status == 400 and (await r.json())["field"] == "throttle"
        assert (await c.post("/subscriptions", headers=A, data=b"not json")).status == 400
        assert registry.written == []

    run(scenario)


def test_openapi_document_describes_every_route():
    async def scenario(c, registry, hub):
        doc = await (await c.get("/openapi.json")).json()
        assert doc["openapi"].startswith("3.")
        assert set(doc["paths"]) == {"/subscriptions", "/subscriptions/{id}", "/subscriptions/{id}/pause",
                                     "/subscriptions/{id}/resume", "/subscriptions/{id}/events", "/health"}
        assert doc["components"]["securitySchemes"]["ApiKey"]["name"] == "X-API-Key"

    run(scenario)


def test_sse_stream_gets_only_its_subscriptions_alerts():
    async def scenario(c, registry, hub):
        await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks"})
        resp = await c.get("/subscriptions/id0/events", headers=A)
        assert resp.headers["Content-Type"] == "text/event-stream"
        assert (await resp.content.readline()).startswith(b": connected")
        await resp.content.readline()
        assert hub.clients("id0") == 1
        hub.publish({"id": "al-x", "kind": "alert", "subscription": {"id": "other"}})
        hub.publish({"id": "al-1", "kind": "alert", "subscription": {"id": "id0"}, "snippet": "talks"})
        lines = [await resp.content.readline() for _ in range(3)]
        assert lines[0] == b"id: al-1\n" and lines[1] == b"event: alert\n"
        assert json.loads(lines[2][6:])["snippet"] == "talks"
        resp.close()

    run(scenario)


def test_cli_parsers_and_key_config():
    assert parse_channel("webhook:https://x.org/h") == {"type": "webhook", "url": "https://x.org/h"}
    assert parse_channel("email:desk@x.org") == {"type": "email", "to": "desk@x.org"}
    assert parse_channel("sse") == {"type": "sse"} and parse_channel("kafka:my.alerts") == {"type": "kafka", "topic": "my.alerts"}
    with pytest.raises(click.BadParameter):
        parse_channel("pigeon:coop")
    assert parse_throttle("5/3600") == {"max": 5, "window_s": 3600}
    assert parse_api_keys("o1:k1, o2:k2\n# comment\no3:k3") == {"k1": "o1", "k2": "o2", "k3": "o3"}
    with pytest.raises(ValueError):
        parse_api_keys("nokey")


def test_alerts_tail_renders_the_snippet_with_highlights():
    from rich.console import Console

    from streams.commands.alerts import render

    alert = {"id": "al-1", "kind": "alert", "subscription": {"id": "s1", "name": "desk"},
             "article": {"id": "a1", "title": "Talks resume", "source": "x.org", "url": "https://x.org/a1"},
             "snippet": "Envoys agreed a ceasefire today", "highlights": [[16, 25]], "tags": ["ceasefire"]}
    panel = render(alert)
    body = panel.renderable
    marked = [body.plain[sp.start:sp.end] for sp in body.spans if "yellow" in str(sp.style)]
    assert marked == ["ceasefire"]
    console = Console(record=True, width=100)
    console.print(panel)
    text = console.export_text()
    assert "desk" in text and "Talks resume" in text and "Envoys agreed a ceasefire today" in text
    update = render({"kind": "update", "id": "al-1", "subscription": {"name": "desk"}, "other_sources": ["y.org"]})
    assert "also in y.org" in update.plain
