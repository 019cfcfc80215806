"""Faults injected into a `parley worker` subprocess by the integration tests (never in production:
only a test puts this directory on PYTHONPATH, and only PARLEY_TEST_FAULT turns a fault on).

silent-changelog: the first time a table recovery resumes changelog partitions that still hold
records to read, one of them is left paused, so recovery never hears from it: what the cluster
tier once saw happen by itself (test_recovery_watch.py).
silent-changelog-until-rebalance: the same partition stays paused, whoever resumes it, until the
consumer group has rebalanced.
"""

import os

FAULT = os.environ.get("PARLEY_TEST_FAULT")

if FAULT in ("silent-changelog", "silent-changelog-until-rebalance"):
    from faust.transport import consumer as _consumer

    _original = _consumer.Consumer.resume_partitions
    _fault: dict = {}   # once injected: the partition, the group generation then, and "first"

    def resume_partitions(self, tps):
        tps = set(tps)
        recovery = self.app.tables.recovery
        if "tp" not in _fault and recovery.in_recovery:
            waiting = sorted((tp for tp in tps if recovery.active_remaining().get(tp, 0) > 0), key=str)
            if waiting:
                _fault.update(tp=waiting[0], generation=self.app.consumer_generation_id, first=True)
                print(f"test fault: left {waiting[0].topic} partition {waiting[0].partition} paused", flush=True)
        if "tp" in _fault:
            hold = _fault.pop("first", False) or (
                FAULT.endswith("until-rebalance") and self.app.consumer_generation_id == _fault["generation"])
            if hold:
                tps.discard(_fault["tp"])
        return _original(self, tps)

    _consumer.Consumer.resume_partitions = resume_partitions
