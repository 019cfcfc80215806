"""Server-Sent Events: a hub that fans alerts out to the connected clients of a subscription.

Every process that serves the API runs an :class:`AlertFeed`: a consumer of the
``alerts`` topic with no group (every process sees every alert, whichever worker
made it) that starts at the end and hands each record to the :class:`SseHub`.
The ``sse`` channel of the notify agent therefore has nothing to push itself: it
records the delivery as fanned out.

Resuming: every frame's ``id`` is ``<Kafka timestamp ms>-<partition>-<offset>`` of its
record. The hub keeps the last `replay` records of each subscription (of at most
`max_subs` subscriptions, least recently used forgotten); a client that reconnects
with ``Last-Event-ID`` first gets the kept records that came after that id, then
the live ones. What a process never saw (it was down, or the buffer moved on)
cannot be replayed: the buffer is bounded, not a store.
"""

from __future__ import annotations

import asyncio
import collections
import json
import logging
from typing import Any, Mapping

from .base import Delivered

__all__ = ["SseHub", "AlertFeed", "SseNotifier", "sse_frame", "event_id", "parse_event_id"]

log = logging.getLogger(__name__)


def event_id(timestamp_ms: int, partition: int, offset: int) -> str:
    return f"{timestamp_ms}-{partition}-{offset}"


def parse_event_id(value: str | None) -> tuple[int, int, int] | None:
    """``"<ts>-<partition>-<offset>"`` -> a tuple that orders events; None if it is not one."""
    parts = (value or "").strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def sse_frame(record: Mapping[str, Any], eid: str | None = None) -> bytes:
    event = "update" if record.get("kind") == "update" else str(record.get("kind") or "alert")
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return f"id: {eid or record.get('id')}\nevent: {event}\ndata: {data}\n\n".encode("utf-8")


class SseHub:
    """Queues of connected clients per subscription id (slow clients lose the oldest frames),
    and the last `replay` records of each subscription for ``Last-Event-ID``.

    Queue items are ``(event id or None, record)``.
    """

    def __init__(self, queue_size: int = 1000, *, replay: int = 200, max_subs: int = 2000) -> None:
        self.queue_size = queue_size
        self.replay = max(0, replay)
        self.max_subs = max(1, max_subs)
        self._clients: dict[str, set[asyncio.Queue]] = {}
        self._recent: collections.OrderedDict[str, collections.deque] = collections.OrderedDict()

    def connect(self, sub_id: str) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(self.queue_size)
        self._clients.setdefault(sub_id, set()).add(q)
        return q

    def disconnect(self, sub_id: str, q: asyncio.Queue) -> None:
        qs = self._clients.get(sub_id)
        if qs is not None:
            qs.discard(q)
            if not qs:
                del self._clients[sub_id]

    def clients(self, sub_id: str) -> int:
        return len(self._clients.get(sub_id, ()))

    def publish(self, record: Mapping[str, Any], eid: str | None = None) -> int:
        sub_id = str((record.get("subscription") or {}).get("id"))
        order = parse_event_id(eid)
        if order is not None and self.replay:
            recent = self._recent.get(sub_id)
            if recent is None:
                recent = self._recent[sub_id] = collections.deque(maxlen=self.replay)
                while len(self._recent) > self.max_subs:
                    self._recent.popitem(last=False)
            else:
                self._recent.move_to_end(sub_id)
            recent.append((order, eid, record))
        n = 0
        for q in list(self._clients.get(sub_id, ())):
            if q.full():
                q.get_nowait()
            q.put_nowait((eid, record))
            n += 1
        return n

    def since(self, sub_id: str, last_event_id: str | None) -> list[tuple[str, Mapping[str, Any]]]:
        """Kept records of `sub_id` after `last_event_id`, oldest first (call with `connect`, no await between)."""
        after = parse_event_id(last_event_id)
        if after is None:
            return []
        return [(eid, rec) for order, eid, rec in sorted(self._recent.get(sub_id, ()), key=lambda x: x[0])
                if order > after]


class AlertFeed:
    """Follows the alerts topic from its end and publishes every record to `hub`."""

    def __init__(self, bootstrap: str, topic: str, hub: SseHub) -> None:
        self.bootstrap, self.topic, self.hub = bootstrap, topic, hub
        self._consumer: Any = None
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        from aiokafka import AIOKafkaConsumer

        from ..alerting.registry import assigned

        self._consumer = AIOKafkaConsumer(self.topic, bootstrap_servers=self.bootstrap, group_id=None,
                                          enable_auto_commit=False, auto_offset_reset="latest", fetch_max_wait_ms=100)
        await self._consumer.start()
        tps = await assigned(self._consumer, self.topic, 60.0)
        await self._consumer.seek_to_end(*tps)
        for tp in tps:  # resolve the positions now: alerts produced from here on are seen
            await self._consumer.position(tp)
        self._task = asyncio.create_task(self._follow(), name="parley.alert-feed")

    async def _follow(self) -> None:
        while True:
            try:
                batch = await self._consumer.getmany(timeout_ms=200)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001
                log.warning("alert feed error=%r", str(exc)[:200])
                await asyncio.sleep(1.0)
                continue
            for records in batch.values():
                for r in records:
                    try:
                        self.hub.publish(json.loads(r.value), event_id(r.timestamp, r.partition, r.offset))
                    except (ValueError, TypeError, AttributeError):
                        continue

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001
                pass
        if self._consumer is not None:
            await self._consumer.stop()
            self._consumer = None


class SseNotifier:
    kind = "sse"

    async def send(self, alert: Mapping[str, Any], channel: Mapping[str, Any], *, key: str) -> Delivered:
        return Delivered("fanned out by the API's alert feed")

    async def close(self) -> None:
        return None
