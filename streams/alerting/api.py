"""The subscriptions REST API (aiohttp), served by `parley worker` (PARLEY_API_PORT) or `parley api`.

Every request carries ``X-API-Key``; the key names its owner (PARLEY_API_KEYS =
"owner1:key1,owner2:key2", keys plain or hashed: see `streams.alerting.keys`). An
owner sees only its own subscriptions: another owner's id answers 404, as an unknown
id does. Channels are checked by `streams.alerting.guard` before anything is written. The OpenAPI 3 document is served
at ``/openapi.json``::

    curl -s -H 'X-API-Key: k1' localhost:8088/subscriptions -d '{"name": "caucasus",
         "query": "~ceasefire country:ARM", "channels": [{"type": "webhook", "url": "https://example.org/hook"}]}'
    curl -N -H 'X-API-Key: k1' localhost:8088/subscriptions/<id>/events     # Server-Sent Events

Writes go to the compacted ``subscriptions`` topic (durable when the call
returns) and to this process's mirror; other workers see them within a second.

Limits (`streams/alerting/limits_guard.py`, settings in `streams/alerting/config.py`):
requests per second per key and failed authentications per client address
(429 + ``Retry-After``), subscriptions per owner (403), concurrent event streams
per key (429). ``GET /subscriptions`` is paginated (``?limit=`` and ``?cursor=``,
the ``next`` of the previous page); an event stream resumes after ``Last-Event-ID``.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any, Callable, Mapping

from aiohttp import web

from processors.alert_records import iso
from processors.errors import InputError, QueryError, SubscriptionError
from processors.paging import page, parse_limit
from processors.subscriptions import Subscription, unencodable_text

from ..notify.sse import SseHub, sse_frame
from .guard import ChannelGuard
from .keys import KeyRing
from .limits_guard import ApiGuard, ApiLimits
from .openapi import OPENAPI
from .registry import SubscriptionRegistry

__all__ = ["make_api"]

EDITABLE = ("name", "query", "channels", "throttle", "digest", "active", "rule")
MAX_BODY = 64 * 1024


def _error(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


def _invalid(exc: Exception) -> web.Response:
    if isinstance(exc, QueryError):
        return _error(400, str(exc).split("\n", 1)[0], field="query", position=exc.position, detail=str(exc))
    if isinstance(exc, SubscriptionError):
        return _error(400, str(exc), field=exc.field, reason=exc.reason)
    if isinstance(exc, _Bad) and exc.field:
        return _error(400, str(exc), field=exc.field)
    return _error(400, str(exc))


def make_api(registry: SubscriptionRegistry, keys: KeyRing | Mapping[str, str], hub: SseHub, *,
             clock: Callable[[], float] = time.time, new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
             heartbeat: float = 15.0, guard: ChannelGuard | None = None,
             checks: Callable[[], Mapping[str, bool]] = dict, limits: ApiLimits | None = None,
             ticks: Callable[[], float] = time.monotonic) -> web.Application:
    """The aiohttp application. `keys` says who owns a key (a `KeyRing`, or {plain key: owner});
    `guard` refuses unsafe channels (private webhook targets, Kafka topics outside the prefix)
    before a subscription is written; without one, the defaults apply (no allow-list, prefix
    ``parley.alerts.out.``). `limits` are the per-key and per-address limits (`ApiLimits`
    defaults without); `ticks` is the limiters' clock.

    ``GET /health`` needs no key and is ready (200) when the subscriptions are loaded and
    every one of `checks()` (e.g. ``{"tagging": True}`` from the worker) holds; else 503,
    same body. With a valid key it also tells that owner's subscription count (never
    everyone's).
    """
    ring = keys if isinstance(keys, KeyRing) else KeyRing.from_mapping(keys)
    if guard is None:
        from ..config import Settings
        from .config import AlertSettings

        guard = ChannelGuard.from_settings(Settings(), AlertSettings())
    limiter = ApiGuard(limits or ApiLimits())
    creating: dict[str, asyncio.Lock] = {}  # owner -> lock: the quota check and the write are one step

    @web.middleware
    async def auth(request: web.Request, handler: Callable) -> web.StreamResponse:
        if request.path in ("/openapi.json", "/health"):
            return await handler(request)
        key = request.headers.get("X-API-Key", "")
        owner = await ring.owner(key)  # plain or hashed keys (streams/alerting/keys.py)
        if owner is None:
            refused = limiter.failed_auth(request.remote or "?", ticks())
            return refused or _error(401, "missing or unknown X-API-Key header; ask the operator for a key "
                                          "(PARLEY_API_KEYS)")
        refused = limiter.key_request(key, ticks())
        if refused is not None:
            return refused
        request["owner"] = owner
        request["api_key"] = key
        return await handler(request)

    async def body(request: web.Request) -> dict[str, Any]:
        raw = await request.read()
        if len(raw) > MAX_BODY:
            raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY, actual_size=len(raw))
        try:
            data = json.loads(raw or b"{}")
        except ValueError as exc:
            raise _Bad(f"body is not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise _Bad("body must be a JSON object")
        bad = unencodable_text(data)
        if bad is not None:  # e.g. a lone surrogate "\ud800": valid JSON, not valid UTF-8 text
            raise _Bad(f"{bad} is not valid text (it cannot be encoded as UTF-8: a lone surrogate?)",
                       field=bad.split("[", 1)[0].split(".", 1)[0])
        unknown = sorted(set(data) - set(EDITABLE))
        if unknown:
            raise _Bad(f"unknown field(s): {', '.join(unknown)}; allowed: {', '.join(EDITABLE)}")
        return data

    def own(request: web.Request) -> Subscription:
        sub = registry.get(request.match_info["id"])
        if sub is None or sub.owner != request["owner"]:
            raise web.HTTPNotFound(text=json.dumps({"error": "no such subscription"}), content_type="application/json")
        return sub

    def now() -> str:
        return iso(clock()).replace(".000Z", "Z")

    async def openapi(request: web.Request) -> web.Response:
        return web.json_response(OPENAPI)

    def owned(owner: str) -> list[Subscription]:
        return [s for s in registry.all() if s.owner == owner]

    async def health(request: web.Request) -> web.Response:
        """Readiness and its checks for anyone; with a valid key, also that owner's subscription
        count (never everyone's). A wrong key counts as a failed authentication of the address."""
        parts = {"subscriptions": registry.ready.is_set(), **checks()}
        ready = all(parts.values())
        body: dict[str, Any] = {"ready": ready, "checks": parts}
        key = request.headers.get("X-API-Key", "")
        if key:
            owner = await ring.owner(key)
            if owner is not None:
                body["subscriptions"] = len(owned(owner))
            else:
                refused = limiter.failed_auth(request.remote or "?", ticks())
                if refused is not None:
                    return refused
        return web.json_response(body, status=200 if ready else 503)

    async def list_subs(request: web.Request) -> web.Response:
        try:
            limit = parse_limit(request.query.get("limit"), default=limiter.limits.page_size,
                                maximum=limiter.limits.max_page_size)
            subs, nxt = page(owned(request["owner"]), lambda s: [s.created_at, s.id], limit=limit,
                             cursor=request.query.get("cursor"))
        except InputError as exc:
            return _error(400, str(exc), field="limit" if "limit" in str(exc) else "cursor")
        out: dict[str, Any] = {"subscriptions": [s.to_dict() for s in subs]}
        if nxt is not None:  # absent on the last page
            out["next"] = nxt
        return web.json_response(out)

    async def create(request: web.Request) -> web.Response:
        try:
            data = await body(request)
            if "name" not in data or "query" not in data:
                raise _Bad("name and query are required")
            sub = Subscription.create(owner=request["owner"], clock=clock, new_id=new_id, **data)
            await guard.check(sub.channels)
        except (_Bad, QueryError, SubscriptionError, TypeError) as exc:
            return _invalid(exc)
        async with creating.setdefault(request["owner"], asyncio.Lock()):
            refused = limiter.subscription_quota(len(owned(request["owner"])))
            if refused is not None:
                return refused
            await registry.put(sub)
        return web.json_response(sub.to_dict(), status=201, headers={"Location": f"/subscriptions/{sub.id}"})

    async def get(request: web.Request) -> web.Response:
        return web.json_response(own(request).to_dict())

    async def update(request: web.Request) -> web.Response:
        sub = own(request)
        try:
            data = await body(request)
            base = sub.to_dict()
            if request.method == "PUT":  # replace: what is not given takes its default
                missing = [k for k in ("name", "query") if k not in data]
                if missing:
                    raise _Bad(f"PUT replaces the subscription: {', '.join(missing)} required (or use PATCH)")
                base = {k: base[k] for k in ("id", "owner", "created_at")}
            new = Subscription.from_dict({**base, **data, "updated_at": now()})
            if "channels" in data:
                await guard.check(new.channels)
        except (_Bad, QueryError, SubscriptionError, TypeError) as exc:
            return _invalid(exc)
        await registry.put(new)
        return web.json_response(new.to_dict())

    def set_active(active: bool) -> Callable:
        async def handler(request: web.Request) -> web.Response:
            sub = own(request)
            new = Subscription.from_dict({**sub.to_dict(), "active": active, "updated_at": now()})
            await registry.put(new)
            return web.json_response(new.to_dict())

        return handler

    async def delete(request: web.Request) -> web.Response:
        sub = own(request)
        await registry.delete(sub.id)
        return web.Response(status=204)

    async def events(request: web.Request) -> web.StreamResponse:
        sub = own(request)
        key = request["api_key"]
        refused = limiter.open_stream(key)
        if refused is not None:
            return refused
        # Last-Event-ID (the header EventSource sends on reconnect; ?last_event_id= for clients that cannot)
        last = request.headers.get("Last-Event-ID") or request.query.get("last_event_id")
        loop = asyncio.get_running_loop()
        q = hub.connect(sub.id)
        missed = hub.since(sub.id, last)  # taken with connect, no await between: nothing lost or doubled
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                           "X-Accel-Buffering": "no"})
        try:
            await resp.prepare(request)
            await resp.write(b": connected to " + sub.id.encode() + b"\n\n")
            for eid, record in missed:
                await resp.write(sse_frame(record, eid))
            wrote = loop.time()
            while True:
                try:
                    eid, record = await asyncio.wait_for(q.get(), timeout=min(heartbeat, 1.0))
                except asyncio.TimeoutError:
                    # a client that left frees its stream slot within a second, not at the next heartbeat
                    if request.transport is None or request.transport.is_closing():
                        break
                    if loop.time() - wrote >= heartbeat:
                        await resp.write(b": keep-alive\n\n")
                        wrote = loop.time()
                    continue
                await resp.write(sse_frame(record, eid))
                wrote = loop.time()
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            hub.disconnect(sub.id, q)
            limiter.close_stream(key)
        return resp

    app = web.Application(middlewares=[auth], client_max_size=MAX_BODY)
    app.router.add_get("/openapi.json", openapi)
    app.router.add_get("/health", health)
    app.router.add_get("/subscriptions", list_subs)
    app.router.add_post("/subscriptions", create)
    app.router.add_get("/subscriptions/{id}", get)
    app.router.add_put("/subscriptions/{id}", update)
    app.router.add_patch("/subscriptions/{id}", update)
    app.router.add_delete("/subscriptions/{id}", delete)
    app.router.add_post("/subscriptions/{id}/pause", set_active(False))
    app.router.add_post("/subscriptions/{id}/resume", set_active(True))
    app.router.add_get("/subscriptions/{id}/events", events)
    return app


class _Bad(ValueError):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
