"""The notify and retry agents ack their records in offset order per partition, however their
jobs settle (issue 9 item 5: nothing lives only in a worker's memory).

faust-streaming (0.15.3) commits past an unacked offset when acks come out of order: with
offset 7 still in a lane (waiting on a hanging receiver, or for its ``not_before``) an ack of
offset 8 commits 9, and a killed worker's restart never sees offset 7 again. So Faust must
only ever be handed acks in order.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from streams.alerting.agents import OrderedAcks, make_notify_agent, make_retry_agent
from processors.subscriptions import Subscription

from test_alert_api import MemoryRegistry


def _event(value, partition: int, offset: int):
    return SimpleNamespace(value=value, message=SimpleNamespace(tp=("alerts", partition), partition=partition,
                                                                offset=offset, timestamp=None))


class _Stream:
    """``noack().events()`` and ``ack(event)`` of a Faust stream; records what was acked, in order."""

    def __init__(self, events) -> None:
        self.events_ = list(events)
        self.acked: list[tuple[int, int]] = []

    def noack(self):
        return self

    async def events(self):
        for event in self.events_:
            yield event

    async def ack(self, event) -> None:
        self.acked.append((event.message.partition, event.message.offset))


class _Lanes:
    """Holds every job until the test settles it."""

    def __init__(self) -> None:
        self.jobs: dict[str, object] = {}

    def pending(self) -> int:
        return len(self.jobs)

    def submit(self, job) -> None:
        self.jobs[job.alert["id"]] = job

    def submit_later(self, job, delay: float) -> None:
        self.submit(job)

    async def settle(self, alert_id: str) -> None:
        await self.jobs.pop(alert_id).done()


def test_ordered_acks_hand_faust_only_a_contiguous_run_per_partition():
    async def scenario():
        stream = _Stream([])
        acks = OrderedAcks(stream)
        e = {(p, o): _event({}, p, o) for p in (0, 1) for o in range(3)}
        done = {k: acks.track(ev) for k, ev in e.items()}
        await done[(0, 1)]()
        await done[(0, 2)]()
        await done[(1, 0)]()
        assert stream.acked == [(1, 0)]  # partition 0 waits for offset 0; partition 1 does not wait for it
        await done[(0, 0)]()
        assert stream.acked == [(1, 0), (0, 0), (0, 1), (0, 2)]
        await done[(0, 0)]()  # a second call is a no-op
        two = acks.track(_event({}, 1, 3), parts=2)
        await acks.ack(_event({}, 1, 4))  # dropped at once, but after offsets 1..3
        await done[(1, 2)]()
        await two()
        await done[(1, 1)]()
        assert stream.acked[4:] == [(1, 1), (1, 2)] and acks.pending() == 2  # offset 3 has one part left
        await two()
        assert stream.acked[4:] == [(1, 1), (1, 2), (1, 3), (1, 4)] and acks.pending() == 0

    asyncio.run(scenario())


def test_the_notify_agent_never_acks_an_alert_past_one_still_in_a_lane():
    registry = MemoryRegistry()
    registry.subs["s1"] = Subscription(id="s1", owner="o", name="n", query="x", channels=[
        {"type": "webhook", "url": "https://hooks.example.org/a"}])
    alert = lambda aid, kind="alert": {"id": aid, "kind": kind, "subscription": {"id": "s1"}}  # noqa: E731
    stream = _Stream([_event(alert("hung"), 0, 0), _event(alert("parked"), 0, 1), _event(alert("u", "update"), 0, 2),
                      _event(alert("other"), 1, 0)])
    lanes = _Lanes()

    async def scenario():
        await make_notify_agent(registry=registry, lanes=lanes, clock=lambda: 0.0)(stream)
        assert stream.acked == []
        await lanes.settle("parked")  # parked on alerts.retry while "hung" still waits on its receiver
        await lanes.settle("other")
        assert stream.acked == [(1, 0)]  # a restart now replays offsets 0.. of partition 0: "hung" is not lost
        await lanes.settle("hung")
        assert stream.acked == [(1, 0), (0, 0), (0, 1), (0, 2)]

    asyncio.run(scenario())


def test_the_retry_agent_never_acks_a_record_past_one_waiting_for_its_time():
    registry = MemoryRegistry()
    registry.subs["s1"] = Subscription(id="s1", owner="o", name="n", query="x", channels=[
        {"type": "webhook", "url": "https://hooks.example.org/a"}])
    rec = lambda aid: {"alert": {"id": aid, "kind": "alert", "subscription": {"id": "s1"}},  # noqa: E731
                       "channel_index": 0, "channel_type": "webhook", "attempt": 2, "first_at": 1.0, "not_before": 5.0}
    stream = _Stream([_event(rec("waiting"), 2, 7), _event(rec("reparked"), 2, 8), _event({"bad": True}, 2, 9)])
    lanes = _Lanes()

    async def scenario():
        await make_retry_agent(registry=registry, lanes=lanes, clock=lambda: 0.0)(stream)
        await lanes.settle("reparked")
        assert stream.acked == []
        await lanes.settle("waiting")
        assert stream.acked == [(2, 7), (2, 8), (2, 9)]

    asyncio.run(scenario())


def test_why_faust_must_see_acks_in_order():
    """Pins the faust-streaming behaviour `OrderedAcks` works around: with an offset right
    after the committed one still unacked, acks after it are committed over it. If a faust
    upgrade fixes this, this test fails and `OrderedAcks` is merely belt and braces."""
    from collections import defaultdict

    from faust.transport.consumer import Consumer
    from intervaltree import IntervalTree

    tp = ("alerts.retry", 0)
    consumer = SimpleNamespace(_acked=defaultdict(list), _acked_index=defaultdict(set),
                               _gap=defaultdict(IntervalTree), _committed_offset=defaultdict(lambda: None))
    consumer._acked[tp], consumer._acked_index[tp] = [1], {1}  # nothing committed yet, offset 0 in a lane
    assert Consumer._new_offset(consumer, tp) == 2  # commits over offset 0
    consumer._committed_offset[tp] = 2
    consumer._acked[tp], consumer._acked_index[tp] = [3, 4], {3, 4}  # offset 2 (the next to read) in a lane
    assert Consumer._new_offset(consumer, tp) == 5  # commits over offset 2


def test_after_a_rebalance_stream_partitions_never_committed_start_over_from_their_beginning():
    """Faust drops what its streams buffered before it seeks them to their committed offsets;
    a partition without one is not seeked back, so those records would be skipped until the
    next restart (the parked ``alerts.retry`` records of a killed worker were)."""
    from collections import defaultdict

    from faust.transport.consumer import Consumer
    from faust.types import TP

    from streams.faust_tuning import resume_after_rebalance, seek_uncommitted_to_beginning

    seek_uncommitted_to_beginning()
    seek_uncommitted_to_beginning()  # idempotent
    retry0, retry1, changelog = TP("p.alerts.retry", 0), TP("p.alerts.retry", 1), TP("p-delivered-changelog", 0)
    seeked: list = []

    class Thread:
        async def seek_to_beginning(self, *tps):
            seeked.extend((tp.topic, tp.partition) for tp in tps)

    paused: set = set()
    consumer = SimpleNamespace(app=SimpleNamespace(topics=SimpleNamespace(acking_topics={"p.alerts.retry"})),
                               assignment=lambda: {retry0, retry1, changelog}, _thread=Thread(),
                               _committed_offset=defaultdict(lambda: None), _read_offset=defaultdict(lambda: None),
                               pause_partitions=paused.update, resume_partitions=paused.difference_update)

    async def seek_to_committed():
        return {retry0: 3, retry1: None, changelog: None}

    consumer.seek_to_committed = seek_to_committed
    asyncio.run(Consumer.perform_seek(consumer))
    assert seeked == [("p.alerts.retry", 1)] and consumer._committed_offset[retry0] == 3
    assert consumer._read_offset[retry1] is None
    assert paused == {retry0, retry1}  # nothing fetched for them until the rebalance has ended (flow resumed)
    app = SimpleNamespace(on_rebalance_end=lambda: None, consumer=consumer)
    resume_after_rebalance(app)
    app.on_rebalance_end()
    assert paused == set()
