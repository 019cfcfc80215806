"""Server-Sent Events: a hub that fans alerts out to the connected clients of a subscription.

Every process that serves the API runs an :class:`AlertFeed`: a consumer of the
``alerts`` topic with no group (every process sees every alert, whichever worker
made it) that starts at the end and hands each record to the :class:`SseHub`.
The ``sse`` channel of the notify agent therefore has nothing to push itself: it
records the delivery as fanned out.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Mapping

from .base import Delivered

__all__ = ["SseHub", "AlertFeed", "SseNotifier", "sse_frame"]

log = logging.getLogger(__name__)


def sse_frame(record: Mapping[str, Any]) -> bytes:
    event = "update" if record.get("kind") == "update" else str(record.get("kind") or "alert")
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return f"id: {record.get('id')}\nevent: {event}\ndata: {data}\n\n".encode("utf-8")


class SseHub:
    """Queues of connected clients per subscription id; slow clients lose the oldest frames."""

    def __init__(self, queue_size: int = 1000) -> None:
        self.queue_size = queue_size
        self._clients: dict[str, set[asyncio.Queue]] = {}

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

    def publish(self, record: Mapping[str, Any]) -> int:
        sub_id = str((record.get("subscription") or {}).get("id"))
        n = 0
        for q in list(self._clients.get(sub_id, ())):
            if q.full():
                q.get_nowait()
            q.put_nowait(record)
            n += 1
        return n


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
                        self.hub.publish(json.loads(r.value))
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
