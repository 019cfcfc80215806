"""Spike and breaking-news decisions for one subscription, and the alerts they send.

`decide_rule(sub, stored, record, now=...)` is the rule subscriptions' counterpart of
`AlertState.decide`: it reads the subscription's saved state (a Faust table value),
counts one match record (or a ``tick``) and returns the alerts to send and the state to
save. Alert ids are deterministic (subscription, group, direction and the times of the
crossing), so a record replayed after a restart makes the same alert id, which delivery
and the alerts index collapse into one.

A spike or breaking alert keeps the fields a keyword alert has (`article`: the article
that crossed the threshold, `snippet`: one line saying what happened), so every channel
renders it, and adds `count`, `baseline`, `articles` (the link-ready list) and the rule.

>>> sub = {"id": "s1", "name": "n", "owner": "o", "rule": {"kind": "breaking", "sources": 2, "within_s": 600}}
>>> rec = lambda i, src: {"subscription_id": "s1", "article": {"id": i, "source": src, "published": "2026-12-01T10:00:00Z"},
...                       "fingerprint": {"sketch": [1, 2, 3], "signature": "x"}, "matched_at": "2026-12-01T10:01:00Z"}
>>> out1, state = decide_rule(sub, None, rec("a1", "x.org"), now=0)
>>> out2, state = decide_rule(sub, state, rec("a2", "y.org"), now=0)
>>> out1, [(a["kind"], a["count"], a["sources"]) for a in out2]
([], [('breaking', 2, ['x.org', 'y.org'])])
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from .alert_records import iso
from .breaking import BreakingState
from .rules import BreakingRule, SpikeRule, parse_rule
from .spike import SpikeState, _epoch, event_time

__all__ = ["decide_rule", "load_state", "apply_rule", "spike_alert", "breaking_alert", "rule_summary"]


def _id(prefix: str, *parts: Any) -> str:
    return prefix + hashlib.blake2b("\x00".join(map(str, parts)).encode(), digest_size=12).hexdigest()


def _sub_ref(sub: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": sub["id"], "name": sub.get("name"), "owner": sub.get("owner")}


def rule_summary(rule: SpikeRule | BreakingRule) -> str:
    if isinstance(rule, BreakingRule):
        return f"{rule.sources} sources within {rule.within_s // 60} min"
    group = f" per {rule.group_by.replace('_', ' ')}" if rule.group_by else ""
    return (f"{rule.direction} x{rule.height:g} within {rule.window_s // 60} min{group}, at least "
            f"{rule.min_current} ({rule.min_reference} before), counting {rule.unit}s")


def load_state(rule: SpikeRule | BreakingRule, stored: Mapping[str, Any] | None) -> SpikeState | BreakingState:
    """The rule's state from its saved JSON (a fresh one when none, or saved under other settings)."""
    if isinstance(rule, SpikeRule):
        return SpikeState.from_dict(rule, stored)
    return BreakingState.from_dict(rule, stored)


def apply_rule(sub: Mapping[str, Any], rule: SpikeRule | BreakingRule, state: SpikeState | BreakingState,
               record: Mapping[str, Any], *, now: float) -> list[dict[str, Any]]:
    """Count one match record (or a ``{"tick": true, "at": ts}``) into `state`; the alerts it completes."""
    if record.get("tick"):
        if not isinstance(state, SpikeState):
            return []
        at = record.get("at")
        fires = state.tick(float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else now)
        return [spike_alert(sub, rule, f, record, now) for f in fires]  # type: ignore[arg-type]
    ts = event_time(record, _epoch(record.get("matched_at")) or now)
    if isinstance(state, SpikeState):
        return [spike_alert(sub, state.rule, f, record, now) for f in state.observe(record, ts=ts)]
    return [breaking_alert(sub, state.rule, f, record, now) for f in state.observe(record, ts=ts)]


def decide_rule(sub: Mapping[str, Any], stored: Mapping[str, Any] | None, record: Mapping[str, Any], *,
                now: float) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(alerts to send, state to save) for one match record or tick of rule subscription `sub`."""
    rule = parse_rule(sub.get("rule"))
    if rule is None:
        raise ValueError(f"subscription {sub.get('id')!r} has no spike or breaking rule")
    state = load_state(rule, stored)
    return apply_rule(sub, rule, state, record, now=now), state.to_dict()


def spike_alert(sub: Mapping[str, Any], rule: SpikeRule, fire: Mapping[str, Any], record: Mapping[str, Any],
                now: float) -> dict[str, Any]:
    at, w = fire["at"], rule.window_s
    crossing = None if record.get("tick") else dict(record.get("article") or {})
    group = "" if fire["group"] == "all" else f" ({rule.group_by.replace('_', ' ')} {fire['group']})"
    ratio = round(fire["count"] / fire["baseline"], 2) if fire["baseline"] else None
    times = f"{ratio:g}x" if ratio is not None else "from none"
    snippet = (f"{'Surge' if fire['direction'] == 'up' else 'Drop'}{group}: {fire['count']} {rule.unit}(s) in the "
               f"{w // 60} min to {iso(at)}, {fire['baseline']} in the {w // 60} min before ({times}).")
    return {
        "id": _id("sp-", sub["id"], fire["group"], fire["direction"], at, fire["first_at"]),
        "kind": "spike", "revision": 0, "subscription": _sub_ref(sub), "rule": rule.to_dict(),
        "group": fire["group"], "direction": fire["direction"], "count": fire["count"],
        "baseline": fire["baseline"], "ratio": ratio, "unit": rule.unit,
        "window": {"start": iso(at - w), "end": iso(at)}, "reference_window": {"start": iso(at - 2 * w),
                                                                              "end": iso(at - w)},
        "first_at": iso(fire["first_at"]), "articles": list(fire["articles"]),
        "article": crossing or (fire["articles"][0] if fire["articles"] else {}),
        "crossed_by": (crossing or {}).get("id"), "snippet": snippet, "snippet_marked": snippet, "highlights": [],
        "terms": [], "tags": list(record.get("tags") or ()), "countries": list(record.get("countries") or ()),
        "events": list(record.get("events") or ()), "other_sources": [], "created_at": iso(now),
        "ingested_at": record.get("ingested_at"), "matched_at": record.get("matched_at"),
    }


def breaking_alert(sub: Mapping[str, Any], rule: BreakingRule, fire: Mapping[str, Any], record: Mapping[str, Any],
                   now: float) -> dict[str, Any]:
    n = len(fire["sources"])
    snippet = (f"Breaking: {n} sources in {max(0, int(fire['at'] - fire['first_at'])) // 60} min since the first "
               f"report at {iso(fire['first_at'])}, in {', '.join(fire['langs']) or 'unknown languages'}.")
    return {
        "id": _id("bn-", sub["id"], fire["story_id"]), "kind": "breaking", "revision": 0,
        "subscription": _sub_ref(sub), "rule": rule.to_dict(), "story_id": fire["story_id"],
        "count": n, "baseline": None, "first_at": iso(fire["first_at"]), "sources": list(fire["sources"]),
        "langs": list(fire["langs"]), "articles": list(fire["articles"]), "events": list(fire["events"]),
        "article": dict(record.get("article") or {}), "crossed_by": (record.get("article") or {}).get("id"),
        "snippet": snippet, "snippet_marked": snippet, "highlights": [], "terms": [],
        "tags": list(record.get("tags") or ()), "countries": list(record.get("countries") or ()),
        "other_sources": list(fire["sources"][1:]), "created_at": iso(now),
        "ingested_at": record.get("ingested_at"), "matched_at": record.get("matched_at"),
    }
