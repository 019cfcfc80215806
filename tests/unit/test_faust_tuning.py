"""streams/faust_tuning: the watch that seeks a table's changelog partition again when recovery never hears from it."""

from __future__ import annotations

import asyncio
from collections import namedtuple

from streams.faust_tuning import reseek, stalled_partitions

TP = namedtuple("TP", "topic partition")
A, B, C = TP("x-changelog", 0), TP("x-changelog", 1), TP("x-changelog", 2)


def test_a_partition_silent_since_recovery_started_is_stalled():
    assert stalled_partitions(100.0, 80.0, {A: 5, B: 3}, {B: 95.0}, {}, stall=15) == [A]


def test_partitions_with_nothing_left_or_recent_events_are_not():
    assert stalled_partitions(100.0, 80.0, {A: 0, B: 2}, {B: 90.0}, {}, stall=15) == []
    assert stalled_partitions(100.0, 80.0, {A: 4}, {}, {}, stall=25) == []


def test_a_partition_seeked_again_gets_another_full_period():
    assert stalled_partitions(100.0, 50.0, {A: 4, C: 1}, {}, {A: 90.0}, stall=15) == [C]
    assert stalled_partitions(106.0, 50.0, {A: 4}, {}, {A: 90.0}, stall=15) == [A]


def test_no_recovery_no_stall():
    assert stalled_partitions(100.0, None, {A: 4}, {}, {}, stall=1) == []


class Consumer:
    """Records what the watch asks of Faust's consumer."""

    def __init__(self):
        self._paused_partitions = {A}
        self._read_offset = {A: 38}
        self.calls = []

    async def seek_wait(self, offsets):
        self.calls.append(("seek", dict(offsets)))

    def resume_partitions(self, tps):
        self.calls.append(("resume", set(tps)))
        self._paused_partitions -= set(tps)


def test_reseek_seeks_to_what_recovery_applied_forgets_the_read_offset_and_resumes():
    c = Consumer()
    asyncio.run(reseek(c, [A, B], {A: 33, B: -1}))
    assert c.calls == [("seek", {A: 33}), ("resume", {A}), ("seek", {B: 0}), ("resume", {B})]
    assert c._read_offset[A] is None and c._paused_partitions == set()
