"""Producing articles to ``articles.raw`` with kafka-python (used by ingest, feeds, benchmarks).

    with ArticleProducer(settings) as producer:
        key = producer.send(article)      # key = article_key(article)
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ..config import Settings
from ..kafka_admin import KafkaUnavailableError
from ..topics import RAW
from .articles import article_key

__all__ = ["ArticleProducer"]


class ArticleProducer:
    """A thin kafka-python producer: JSON bytes keyed by article id, acks from all in-sync replicas,
    idempotent (a send retried after a broker failover is not written twice)."""

    def __init__(self, settings: Settings, *, topic: str | None = None, producer: Any = None,
                 key: Callable[[dict[str, Any]], str] = article_key) -> None:
        self.settings = settings
        self.topic = topic or settings.topic(RAW)
        self._key = key
        self._producer = producer or self._connect(settings)
        self.sent = 0

    @staticmethod
    def _connect(settings: Settings) -> Any:
        from kafka import KafkaProducer
        from kafka.errors import KafkaError

        try:
            return KafkaProducer(
                bootstrap_servers=settings.bootstrap_servers,
                client_id="parley-ingest",
                acks="all",
                enable_idempotence=True,
                linger_ms=20,
                batch_size=256 * 1024,
                max_request_size=settings.max_message_bytes,
                retries=5,
                bootstrap_timeout_ms=10000,
            )
        except KafkaError as exc:
            raise KafkaUnavailableError.at(settings, exc) from exc

    def send(self, article: dict[str, Any], *, key: str | None = None,
             on_error: Callable[[BaseException], None] | None = None) -> str:
        """Queue ``article``; returns its key. ``on_error`` is called if the broker refuses it later.

        Raises kafka errors at once for a message above ``max_message_bytes``.
        """
        k = key or self._key(article)
        future = self.send_raw(k, json.dumps(article, ensure_ascii=False).encode("utf-8"))
        if on_error is not None:
            future.add_errback(on_error)
        return k

    def send_raw(self, key: str | bytes | None, value: bytes) -> Any:
        kb = key.encode("utf-8") if isinstance(key, str) else key
        future = self._producer.send(self.topic, key=kb, value=value)
        self.sent += 1
        return future

    def flush(self, timeout: float | None = 60.0) -> None:
        self._producer.flush(timeout=timeout)

    def close(self) -> None:
        self._producer.flush()
        self._producer.close()

    def __enter__(self) -> "ArticleProducer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
