"""Rate limits and circuit breakers, the pure parts: plain state, clock passed in.

- `TokenBucket`: `rate` tokens a second up to `burst`; `take(now)` spends one or
  says how long to wait (the ``Retry-After`` of a 429).
- `KeyedBuckets`: one bucket per key (API key, client address), at most
  `max_keys` of them (the least recently used is forgotten, which only ever
  refills a bucket: a flood of new keys cannot grow memory).
- `CircuitBreaker`: per delivery target. After `failures` consecutive failed
  attempts it opens for `cooldown` seconds; then one probe may go (half-open):
  success closes it, failure opens it again.

>>> b = TokenBucket(rate=1, burst=2, now=0.0)
>>> b.take(0.0), b.take(0.0), b.take(0.0)
(0.0, 0.0, 1.0)
>>> br = CircuitBreaker(failures=2, cooldown=10)
>>> br.failure(0.0); br.failure(1.0); br.allow(2.0), br.retry_at(2.0)
(False, 11.0)
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["TokenBucket", "KeyedBuckets", "CircuitBreaker", "retry_after_header"]


def retry_after_header(wait: float) -> str:
    """Whole seconds for a ``Retry-After`` header (at least 1)."""
    return str(max(1, math.ceil(wait)))


@dataclass
class TokenBucket:
    """`rate` tokens per second, at most `burst` saved up; starts full."""

    rate: float
    burst: float
    now: float = 0.0
    tokens: float = -1.0

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = float(self.burst)

    def _refill(self, now: float) -> None:
        if now > self.now:
            self.tokens = min(float(self.burst), self.tokens + (now - self.now) * self.rate)
            self.now = now

    def take(self, now: float, cost: float = 1.0) -> float:
        """Spend `cost` tokens: 0.0 if allowed, else the seconds until it would be (nothing spent)."""
        self._refill(now)
        if self.tokens >= cost:
            self.tokens -= cost
            return 0.0
        if self.rate <= 0:
            return math.inf
        return (cost - self.tokens) / self.rate


class KeyedBuckets:
    """A `TokenBucket` per key, the `max_keys` most recently used ones kept.

    >>> kb = KeyedBuckets(rate=1, burst=1, max_keys=2)
    >>> kb.take("a", 0.0), kb.take("a", 0.0), kb.take("b", 0.0)
    (0.0, 1.0, 0.0)
    """

    def __init__(self, *, rate: float, burst: float, max_keys: int = 10_000) -> None:
        self.rate, self.burst, self.max_keys = rate, burst, max(1, max_keys)
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def take(self, key: str, now: float, cost: float = 1.0) -> float:
        """0.0 if `key` may go on, else seconds to wait. Disabled (rate <= 0): always 0.0."""
        if not self.enabled:
            return 0.0
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(self.rate, self.burst, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.take(now, cost)

    def __len__(self) -> int:
        return len(self._buckets)


class CircuitBreaker:
    """Closed -> (``failures`` in a row) open -> (``cooldown`` later) half-open -> closed or open.

    Half-open lets one probe through at a time (`allow` returns True once until
    `success`/`failure` reports its outcome).
    """

    def __init__(self, *, failures: int = 5, cooldown: float = 30.0) -> None:
        self.threshold = max(1, failures)
        self.cooldown = cooldown
        self.consecutive = 0
        self.opened_at: float | None = None
        self.probing = False

    def state(self, now: float) -> str:
        if self.opened_at is None:
            return "closed"
        return "open" if now < self.opened_at + self.cooldown else "half-open"

    def allow(self, now: float) -> bool:
        """May an attempt go to the target now? (Claims the probe when half-open.)"""
        state = self.state(now)
        if state == "closed":
            return True
        if state == "half-open" and not self.probing:
            self.probing = True
            return True
        return False

    def retry_at(self, now: float) -> float:
        """When an attempt refused by `allow` is worth trying again."""
        if self.opened_at is None:
            return now
        reopen = self.opened_at + self.cooldown
        # half-open with a probe in flight: look again soon, the probe decides within one timeout
        return reopen if reopen > now else now + min(self.cooldown, 5.0)

    def success(self) -> None:
        self.consecutive = 0
        self.opened_at = None
        self.probing = False

    def failure(self, now: float) -> None:
        self.consecutive += 1
        if self.probing or self.consecutive >= self.threshold:
            self.opened_at = now
        self.probing = False
