"""The rule a subscription runs: a keyword alert (the default), a spike, or breaking news.

A subscription's ``rule`` is None (one alert per matching story) or a JSON object:

- ``{"kind": "spike", "window_s": 3600, "height": 3, "direction": "up", "min_current": 5,
  "min_reference": 0, "group_by": "country_pair", "unit": "event", "grace_s": 300}``:
  fires when the matches of the query in the last `window_s` (the current window) are
  `height` times those of the `window_s` before it (the reference window), or fewer by
  that factor (`direction` ``down``; ``both``), with at least `min_current` and
  `min_reference` in each; ElastAlert2's spike rule (`timeframe`, `spike_height`,
  `spike_type`, `threshold_cur`, `threshold_ref`, `query_key`), see `processors.spike`.
  `group_by` (None, ``country``, ``country_pair``, ``family``, ``lang``, ``source``)
  keeps one pair of windows per value; `unit` counts ``article``s or event frames
  (``event``), each once per source and story (a story in three languages counts once).
  Articles are placed by their `published` time; one more than `grace_s` (default 300, or
  the window if shorter) behind the newest time the rule has seen is late and not counted.
- ``{"kind": "breaking", "sources": 3, "within_s": 1800}``: fires once per story (near-duplicate
  text or the same events, in any language) that `sources` distinct sources report
  within `within_s` of its first report, see `processors.breaking`.

Impossible settings raise `SubscriptionError(field="rule")` with what to change.

>>> parse_rule({"kind": "spike", "window_s": 3600, "height": 3}).min_current
1
>>> parse_rule({"kind": "spike", "window_s": 3600, "height": 1})
Traceback (most recent call last):
...
processors.errors.SubscriptionError: rule.height must be a number above 1 (got 1): at 1 or below, direction 'up' fires on a flat stream
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .errors import SubscriptionError

__all__ = ["SpikeRule", "BreakingRule", "parse_rule", "GROUP_BY", "DIRECTIONS", "UNITS", "RULE_KINDS"]

GROUP_BY = (None, "country", "country_pair", "family", "lang", "source")
DIRECTIONS = ("up", "down", "both")
UNITS = ("article", "event")
RULE_KINDS = ("spike", "breaking")
MIN_WINDOW_S, MAX_WINDOW_S = 60, 7 * 86400
MAX_HEIGHT = 1000.0
MAX_COUNT = 1_000_000
MAX_SOURCES = 1000
DEFAULT_GRACE_S = 300  # or the window, if shorter


def _bad(message: str) -> SubscriptionError:
    return SubscriptionError(message, field="rule")


def _int(d: Mapping[str, Any], name: str, default: int, lo: int, hi: int, hint: str = "") -> int:
    v = d.get(name, default)
    if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
        raise _bad(f"rule.{name} must be a whole number from {lo} to {hi} (got {v!r}){hint}")
    return v


@dataclass(frozen=True)
class SpikeRule:
    window_s: int
    height: float
    direction: str = "up"
    min_current: int = 1
    min_reference: int = 0
    group_by: str | None = None
    unit: str = "article"
    grace_s: int = 300
    kind: str = "spike"

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SpikeRule:
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(d) - known)
        if unknown:
            raise _bad(f"unknown rule field(s): {', '.join(map(str, unknown))}; a spike rule takes "
                       f"{', '.join(sorted(known))}")
        window = _int(d, "window_s", -1, MIN_WINDOW_S, MAX_WINDOW_S, " (seconds: 60 s to 7 days)")
        h = d.get("height")
        if isinstance(h, bool) or not isinstance(h, (int, float)) or not math.isfinite(h) or h > MAX_HEIGHT:
            raise _bad(f"rule.height must be a number above 1 and at most {MAX_HEIGHT:g} (got {h!r})")
        if h <= 1:
            raise _bad(f"rule.height must be a number above 1 (got {h!r}): at 1 or below, direction 'up' fires "
                       "on a flat stream")
        direction = d.get("direction", "up")
        if direction not in DIRECTIONS:
            raise _bad(f"rule.direction must be one of {', '.join(DIRECTIONS)} (got {direction!r})")
        min_cur = _int(d, "min_current", 1, 0, MAX_COUNT)
        min_ref = _int(d, "min_reference", 0, 0, MAX_COUNT)
        if direction == "up" and min_cur == 0:
            raise _bad("rule.min_current must be at least 1 for direction 'up': with 0, an empty window "
                       "after an empty one is a spike")
        if direction == "down" and min_ref == 0:
            raise _bad("rule.min_reference must be at least 1 for direction 'down': a drop needs something "
                       "to drop from")
        group_by = d.get("group_by")
        if group_by not in GROUP_BY:
            raise _bad(f"rule.group_by must be null or one of {', '.join(g for g in GROUP_BY if g)} (got {group_by!r})")
        unit = d.get("unit", "article")
        if unit not in UNITS:
            raise _bad(f"rule.unit must be one of {', '.join(UNITS)} (got {unit!r})")
        grace = _int(d, "grace_s", min(DEFAULT_GRACE_S, window), 0, window, f" (seconds, at most the window, {window})")
        return cls(window, float(h), direction, min_cur, min_ref, group_by, unit, grace)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.height == int(self.height):
            d["height"] = int(self.height)
        return {"kind": d.pop("kind"), **d}


@dataclass(frozen=True)
class BreakingRule:
    sources: int = 3
    within_s: int = 1800
    kind: str = "breaking"

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> BreakingRule:
        unknown = sorted(set(d) - set(cls.__dataclass_fields__))
        if unknown:
            raise _bad(f"unknown rule field(s): {', '.join(map(str, unknown))}; a breaking rule takes kind, "
                       "sources, within_s")
        n = _int(d, "sources", 3, 2, MAX_SOURCES, " (one source alone is not breaking news)")
        within = _int(d, "within_s", 1800, MIN_WINDOW_S, 86400, " (seconds: 60 s to 1 day)")
        return cls(n, within)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "sources": self.sources, "within_s": self.within_s}


def parse_rule(value: Any) -> SpikeRule | BreakingRule | None:
    """The rule of a subscription's ``rule`` field (None: a keyword alert)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _bad('rule must be null or an object such as {"kind": "spike", "window_s": 3600, "height": 3}')
    kind = value.get("kind")
    if kind == "spike":
        return SpikeRule.from_dict(value)
    if kind == "breaking":
        return BreakingRule.from_dict(value)
    raise _bad(f"rule.kind must be one of {', '.join(RULE_KINDS)} (got {kind!r})")
