"""Latency tuning Faust does not expose as a setting.

Faust's aiokafka driver creates the worker consumer with ``fetch_max_wait_ms=1500``
hard-coded. aiokafka keeps one fetch request in flight per broker, and a partition
whose buffered records were just consumed joins only the *next* request; so when the
in-flight request covers only idle partitions, a record arriving on a busy one waits
until the broker answers that request: up to 1.5 s per Kafka hop. Alerts cross four
hops (raw -> tagged -> matches -> alerts), so this alone could spend the whole
one-second budget. A 50 ms wait costs an idle worker ~20 small fetch requests/s.
"""

from __future__ import annotations

from typing import Any

__all__ = ["set_fetch_max_wait"]


def set_fetch_max_wait(ms: int) -> None:
    """Make Faust's worker consumers wait at most `ms` for data (process-wide; call before the worker starts)."""
    from faust.transport.drivers import aiokafka as driver

    cls = driver.AIOKafkaConsumerThread
    original = getattr(cls, "_parley_original_create", None) or cls._create_worker_consumer

    def _create_worker_consumer(self: Any, transport: Any) -> Any:
        consumer = original(self, transport)
        consumer._fetch_max_wait_ms = ms  # read by aiokafka when the consumer starts its fetcher
        return consumer

    cls._parley_original_create = original
    cls._create_worker_consumer = _create_worker_consumer
