"""HTTP endpoint of a worker: ``POST /articles`` puts articles on ``articles.raw``.

The body is one JSON object, a JSON array of objects, or JSON Lines; each article
needs ``text`` or ``html`` (plus optional ``url``/``id``, ``title``, ``lang``,
``published``, ``source``). Answers ``202 {"accepted": n, "ids": [...]}``, or
``400 {"error": "line 3: not JSON: ..."}`` and produces nothing when any item is bad.
``202`` means Kafka acknowledged every article (acks=all: every in-sync replica has it);
``503 {"error": ..., "not_acknowledged": [ids]}`` names those it did not (send them again)::

    curl -s localhost:6066/articles -d '{"url": "https://example.org/a", "text": "..."}'

With PARLEY_INGEST_KEYS set, a request needs ``X-API-Key`` with one of those keys
(401 otherwise); see `streams.config.Settings.ingest_keys`.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from typing import Any, Callable, Collection, Mapping, Protocol

from faust import web

from processors.errors import InputError

from .sources.articles import article_key, parse_body

__all__ = ["articles_view", "health_view"]


class KeyLookup(Protocol):
    """What `streams.alerting.keys.KeyRing` offers: the owner of a presented key, or None."""

    async def owner(self, presented: str) -> str | None: ...


async def _key_ok(given: str, keys: Collection[str] | KeyLookup) -> bool:
    if not given:
        return False
    if not isinstance(keys, Collection):  # a KeyRing: plain and hashed keys, constant-time, remembered
        return await keys.owner(given) is not None
    # compare with every key in constant time: how far a guess matched must not show in the timing
    given_b = given.encode("utf-8", "surrogateescape")
    return any([hmac.compare_digest(given_b, k.encode("utf-8", "surrogateescape")) for k in keys])


async def acknowledged(sent: list[tuple[str, Any]], timeout: float) -> tuple[list[str], list[tuple[str, str]]]:
    """(keys Kafka acknowledged, [(key, why not)]) for (key, future of the send) pairs, waiting
    at most `timeout` seconds: a producer retries a send while its partition has no leader or
    too few in-sync replicas, for longer than an HTTP client waits."""
    futures = [asyncio.ensure_future(f) for _, f in sent]
    if futures:
        await asyncio.wait(futures, timeout=timeout)
    acked, unacked = [], []
    for (key, _), fut in zip(sent, futures):
        if not fut.done():
            unacked.append((key, f"no answer within {timeout:g}s"))
        elif fut.cancelled() or fut.exception() is not None:
            exc = None if fut.cancelled() else fut.exception()
            unacked.append((key, f"{type(exc).__name__}: {exc}" if exc else "cancelled"))
        else:
            acked.append(key)
    return acked, unacked


def articles_view(raw_topic: Any, on_accepted: Callable[[int], None] = lambda n: None,
                  keys: Collection[str] | KeyLookup | None = None, ack_timeout: float = 30.0) -> type[web.View]:
    """A Faust view class producing to ``raw_topic``; register with ``app.page("/articles")``.

    `keys`: the ``X-API-Key`` values accepted, or a `KeyRing` (PARLEY_INGEST_KEYS=api: the API
    keys, hashed ones included); None: no key needed; empty: nobody may post.
    """

    class ArticlesView(web.View):
        async def post(self, request: web.Request) -> web.Response:
            if keys is not None and not await _key_ok(request.headers.get("X-API-Key", ""), keys):
                return self.json({"error": "missing or unknown X-API-Key header (PARLEY_INGEST_KEYS)"}, status=401)
            try:
                articles = parse_body(await request.read())
            except InputError as exc:
                return self.json({"error": str(exc), "hint": "send a JSON object or JSON Lines with 'text' or 'html'"}, status=400)
            sent = []
            for article in articles:
                key = article_key(article)
                future = await raw_topic.send(key=key.encode("utf-8"),
                                              value=json.dumps(article, ensure_ascii=False).encode("utf-8"))
                sent.append((key, future))
            acked, unacked = await acknowledged(sent, ack_timeout)
            on_accepted(len(acked))
            if unacked:
                return self.json({
                    "error": f"{len(unacked)} of {len(sent)} article(s) not acknowledged by Kafka "
                             f"({unacked[0][1]}); send them again (an article's id makes a resend replace it, "
                             "never duplicate it)",
                    "accepted": len(acked), "ids": acked, "not_acknowledged": [k for k, _ in unacked]}, status=503)
            return self.json({"accepted": len(acked), "ids": acked}, status=202)

        async def get(self, request: web.Request) -> web.Response:
            return self.json({"usage": "POST JSON object(s) or JSON Lines with 'text' or 'html' to /articles"})

    return ArticlesView


def health_view(checks: Callable[[], Mapping[str, bool]]) -> type[web.View]:
    """``GET /health`` of the worker: 200 ``{"ready": true, "checks": {...}}`` when every check
    holds (e.g. ``tagging``: its tagging processes are up), else 503 with the same body."""

    class HealthView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            parts = dict(checks())
            ready = all(parts.values())
            return self.json({"ready": ready, "checks": parts}, status=200 if ready else 503)

    return HealthView
