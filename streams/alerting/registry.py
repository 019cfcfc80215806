"""Subscriptions kept in the compacted ``subscriptions`` topic, mirrored in every process.

Why a per-process consumer and not a Faust table: workers share the partitions
of their consumer group, but every worker must match every article against ALL
subscriptions. A Faust ``GlobalTable`` would give that too, but its changelog
would be a Faust-owned topic with Faust's key/value framing (the API and the CLI
could not write the plain-JSON ``subscriptions`` topic the contract names), and
in faust-streaming 0.x global tables have had recovery bugs (workers hanging in
recovery, standby confusion). A plain aiokafka consumer with no group, assigned
every partition and reading from the beginning, is 100 lines we understand:

- start: read to the end offsets taken at start, then set ``ready`` (the match
  agent waits for it, so a restarted worker never matches with a half index);
- then follow the topic with ``fetch_max_wait_ms=100``: a change reaches every
  worker well within a second;
- key = subscription id, value = ``Subscription.to_dict()`` JSON, a null value
  (tombstone) deletes. Compaction keeps the latest value per id, so the topic is
  the durable store and survives restarts of everything.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Callable

from processors.alerts import SubscriptionIndex
from processors.errors import ParleyError
from processors.subscriptions import Subscription

__all__ = ["SubscriptionRegistry"]

log = logging.getLogger(__name__)


async def assigned(consumer: Any, topic: str, timeout: float) -> list:
    """The partitions a group-less consumer got for `topic`, once it knows them."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    warned = False
    while not consumer.assignment():
        if loop.time() > deadline:
            raise ParleyError(f"topic {topic} not found: run `parley setup` first")
        if not warned and loop.time() > deadline - timeout + 5:
            log.warning("waiting for topic %s (run `parley setup`)", topic)
            warned = True
        await asyncio.sleep(0.1)
    return sorted(consumer.assignment(), key=lambda tp: tp.partition)


class SubscriptionRegistry:
    """The local mirror (`index`, `get`, `all`) and the writer (`put`, `delete`)."""

    def __init__(self, bootstrap: str, topic: str, *, index: SubscriptionIndex | None = None,
                 on_change: Callable[[str, Subscription | None], None] | None = None) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.index = index or SubscriptionIndex()
        self.on_change = on_change
        self.ready = asyncio.Event()
        self.subs: dict[str, Subscription] = {}
        self._written: dict[str, int] = {}  # id -> offset of this process's last write of it
        self._consumer: Any = None
        self._producer: Any = None
        self._task: asyncio.Task | None = None

    # -- reading

    def get(self, sub_id: str) -> Subscription | None:
        return self.subs.get(sub_id)

    def all(self) -> list[Subscription]:
        return list(self.subs.values())

    def apply(self, key: bytes | str | None, value: bytes | None, offset: int | None = None) -> None:
        """One record of the topic: a subscription, or a tombstone.

        `offset` is given for records read back from the topic: one older than this
        process's own last write of that id is skipped (read-your-writes: the echo of
        an earlier update must not undo a delete made here a moment ago).
        """
        if key is None:
            return
        sid = key.decode("utf-8") if isinstance(key, bytes) else key
        if offset is not None and sid in self._written:
            if offset < self._written[sid]:
                return
            del self._written[sid]
        if value is None:
            self.subs.pop(sid, None)
            if self.index.remove(sid):
                log.info("subscription removed id=%s", sid)
            if self.on_change:
                self.on_change(sid, None)
            return
        try:
            sub = Subscription.from_dict(json.loads(value))
        except (ValueError, TypeError, ParleyError) as exc:
            log.warning("subscription record skipped id=%s error=%r", sid, str(exc)[:200])
            return
        current = self.subs.get(sid)
        if current is not None and current.to_dict() == sub.to_dict():
            return
        self.subs[sid] = sub
        self.index.add(sub)
        if self.on_change:
            self.on_change(sid, sub)

    async def start(self, *, timeout: float = 60.0) -> None:
        """Assign every partition, read to the end (then `ready`), keep following."""
        from aiokafka import AIOKafkaConsumer

        # no group: aiokafka then assigns this consumer every partition of the topic
        self._consumer = AIOKafkaConsumer(self.topic, bootstrap_servers=self.bootstrap, group_id=None,
                                          enable_auto_commit=False, auto_offset_reset="earliest", fetch_max_wait_ms=100)
        await self._consumer.start()
        tps = await assigned(self._consumer, self.topic, timeout)
        await self._consumer.seek_to_beginning(*tps)
        end = await self._consumer.end_offsets(tps)
        self._task = asyncio.create_task(self._follow(tps, end), name="parley.subscriptions")

    async def _follow(self, tps: list, end: dict) -> None:
        pending = {tp for tp in tps if end.get(tp, 0) > 0}
        if not pending:
            self._set_ready()
        while True:
            try:
                batch = await self._consumer.getmany(timeout_ms=200, max_records=5000)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - keep following; aiokafka reconnects
                log.warning("subscriptions consumer error=%r", str(exc)[:200])
                await asyncio.sleep(1.0)
                continue
            for tp, records in batch.items():
                for r in records:
                    self.apply(r.key, r.value, r.offset)
            if pending:
                for tp in list(pending):
                    if await self._consumer.position(tp) >= end[tp]:
                        pending.discard(tp)
                if not pending:
                    self._set_ready()

    def _set_ready(self) -> None:
        if not self.ready.is_set():
            log.info("subscriptions loaded count=%d topic=%s", len(self.index), self.topic)
            self.ready.set()

    # -- writing

    async def _producer_started(self) -> Any:
        if self._producer is None:
            from aiokafka import AIOKafkaProducer

            self._producer = AIOKafkaProducer(bootstrap_servers=self.bootstrap, acks="all", linger_ms=0)
            await self._producer.start()
        return self._producer

    async def put(self, sub: Subscription) -> None:
        """Write `sub` to the topic (durable once this returns) and to the local mirror."""
        producer = await self._producer_started()
        value = json.dumps(sub.to_dict()).encode()
        meta = await producer.send_and_wait(self.topic, key=sub.id.encode(), value=value)
        self._written[sub.id] = meta.offset
        self.apply(sub.id, value)

    async def delete(self, sub_id: str) -> None:
        producer = await self._producer_started()
        meta = await producer.send_and_wait(self.topic, key=sub_id.encode(), value=None)
        self._written[sub_id] = meta.offset
        self.apply(sub_id, None)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001
                pass
            self._task = None
        for client in (self._consumer, self._producer):
            if client is not None:
                try:
                    await client.stop()
                except Exception:  # noqa: BLE001
                    pass
        self._consumer = self._producer = None
