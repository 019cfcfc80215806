"""The API's limits (`ApiGuard`; not to be confused with `streams.alerting.guard.ChannelGuard`,
which refuses unsafe delivery targets): requests per key, failed authentications per client address, SSE streams
per key, subscriptions per owner. The arithmetic is `processors.limits`; this module holds the
per-process state and builds the HTTP answers.

Every limit is per API process: two processes serving the API each allow the full
rate (put them behind one proxy with its own limit if that matters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from processors.limits import KeyedBuckets, retry_after_header

from .config import AlertSettings

__all__ = ["ApiLimits", "ApiGuard", "too_many"]


@dataclass(frozen=True)
class ApiLimits:
    #: requests per second per API key (token bucket), and how many it may save up; rate 0 = no limit
    rate: float = 20.0
    burst: float = 40.0
    #: requests with a missing or unknown key, per client address
    fail_rate: float = 1.0
    fail_burst: float = 10.0
    #: subscriptions per owner (0 = no limit)
    max_subscriptions: int = 100
    #: concurrent SSE streams per API key (0 = no limit)
    max_streams: int = 5
    #: GET /subscriptions page size when ?limit= is not given, and the largest ?limit= accepted
    page_size: int = 100
    max_page_size: int = 1000

    @classmethod
    def from_settings(cls, s: AlertSettings) -> "ApiLimits":
        return cls(rate=s.api_rate, burst=s.api_burst, fail_rate=s.api_fail_rate, fail_burst=s.api_fail_burst,
                   max_subscriptions=s.max_subscriptions, max_streams=s.max_streams,
                   page_size=max(1, min(s.page_size, cls.max_page_size)))


def too_many(message: str, wait: float, **extra: Any) -> web.Response:
    """429 with ``Retry-After`` (whole seconds)."""
    return web.json_response({"error": message, "retry_after": retry_after_header(wait), **extra}, status=429,
                             headers={"Retry-After": retry_after_header(wait)})


class ApiGuard:
    """Per-process limiter state of one API application."""

    def __init__(self, limits: ApiLimits) -> None:
        self.limits = limits
        self.per_key = KeyedBuckets(rate=limits.rate, burst=limits.burst)
        self.per_address = KeyedBuckets(rate=limits.fail_rate, burst=limits.fail_burst)
        self.streams: dict[str, int] = {}

    def key_request(self, key: str, now: float) -> web.Response | None:
        """None if a request with a valid `key` may go on, else the 429."""
        wait = self.per_key.take(key, now)
        if wait:
            return too_many(f"rate limit: {self.limits.rate:g} requests/s per API key (burst {self.limits.burst:g})",
                            wait)
        return None

    def failed_auth(self, address: str, now: float) -> web.Response | None:
        """A request without a valid key from `address`: None (answer 401) or the 429 once it keeps trying."""
        wait = self.per_address.take(address, now)
        if wait:
            return too_many("too many requests without a valid X-API-Key from this address", wait)
        return None

    def open_stream(self, key: str) -> web.Response | None:
        """Count one more SSE stream of `key`, or the 429 when it has its maximum open."""
        n = self.streams.get(key, 0)
        cap = self.limits.max_streams
        if cap and n >= cap:
            return too_many(f"at most {cap} concurrent event streams per API key: close one first", 5.0,
                            limit=cap)
        self.streams[key] = n + 1
        return None

    def close_stream(self, key: str) -> None:
        n = self.streams.get(key, 0) - 1
        if n > 0:
            self.streams[key] = n
        else:
            self.streams.pop(key, None)

    def subscription_quota(self, owned: int) -> web.Response | None:
        """None if an owner with `owned` subscriptions may create one more, else the 403."""
        cap = self.limits.max_subscriptions
        if cap and owned >= cap:
            return web.json_response(
                {"error": f"subscription limit reached: {cap} per owner; delete one first "
                          "(the operator sets PARLEY_MAX_SUBSCRIPTIONS)", "limit": cap}, status=403)
        return None
