"""Spike detection: ElastAlert2's spike rule over the matches of one subscription.

Semantics (ElastAlert2 2.19.0, ``elastalert/ruletypes.py``: ``SpikeRule``, ``EventWindow``),
kept step for step so both fire on the same windows (bench/bench_spike.py checks it):

- per group there are two sliding windows of `window_s` each, sized by their newest
  entry: an entry joins the *current* window in time order; while the current window's
  newest and oldest entries are `window_s` or more apart, the oldest moves to the
  *reference* window, which drops its own oldest the same way;
- after every entry the counts are compared, ``up`` if ``current >= reference * height``,
  ``down`` if ``current <= reference / height``, never while ``current < min_current`` or
  ``reference < min_reference``, and never before the group has seen `2 * window_s` of
  time since its first entry (as ElastAlert2: once any group has, a new group still waits
  its own two windows);
- a spike alerts once: the reference window is emptied and the group waits two windows again;
- a tick (ElastAlert2's "placeholder", an entry counting 0) at the wall-clock time slides the
  windows when no article comes, so a drop (``down``) is seen; a group whose windows are both
  empty is forgotten at a tick (its first time is kept, as ElastAlert2 keeps it).

What Parley adds: an entry is a *unit*, counted once per source and story: with `unit`
``article``, a story is a near-duplicate text or the same event signature
(`processors.fingerprint`: family, countries, status and day-precise date of its events,
which the tagger finds alike in every language), so the Arabic, French and Russian copies
of one story from one source count once; with ``event``, each event frame (family,
countries, status or stage, date or else the publication day) counts once per source. An
article is placed by its ``published`` time, never later than it arrived (a future date
cannot push the windows forward); one more than `grace_s` behind the newest time the rule
has seen (an article's, or a tick's) is late: not counted, only tallied (``late``).
A record seen before (a replay after a restart) finds its unit already counted.

The state is plain JSON (`to_dict`/`from_dict`) for a Faust table.

>>> from processors.rules import SpikeRule
>>> st = SpikeState(SpikeRule(window_s=60, height=2, min_current=3))
>>> ref = lambda i: {"article": {"id": f"a{i}", "source": f"s{i}"}, "fingerprint": {"sketch": [i], "signature": None}}
>>> fired = [st.observe(ref(i), ts=t) for i, t in enumerate([0, 61, 122, 130, 131, 132])]
>>> [(f["direction"], f["count"], f["baseline"]) for f in fired[4]], fired[5]
([('up', 3, 1)], [])
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from .fingerprint import Fingerprint, StoryWindow
from .rules import SpikeRule

__all__ = ["SpikeState", "event_time", "unit_keys", "MAX_ALERT_ARTICLES"]

MAX_ALERT_ARTICLES = 50   # articles listed in one alert (the count says how many there were)
MAX_KEPT_REFS = 500       # article references kept per current window (counts are never capped)
STORY_CAP = 500           # stories remembered per rule for the article unit
STORY_SKETCH = 16         # the bottom 16 of a story's bottom-64 sketch: a bottom-16 sketch, a quarter the state
_REF_FIELDS = ("id", "url", "title", "lang", "source", "published")


def _epoch(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str) or not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        return None
    return dt.timestamp()


def event_time(match: Mapping[str, Any], arrived: float) -> float:
    """When the article counts: its ``published`` time, else (none, no zone, unreadable) and
    never later than `arrived`, the time it reached the rule."""
    published = _epoch((match.get("article") or {}).get("published"))
    return arrived if published is None else min(published, arrived)


def _h(*parts: Any) -> str:
    return hashlib.blake2b("\x00".join(map(str, parts)).encode(), digest_size=8).hexdigest()


def _pairs(countries: Iterable[Any]) -> list[str]:
    cs = sorted({str(c).upper() for c in countries if c})
    return [f"{a}-{b}" for a, b in itertools.combinations(cs, 2)]


def unit_keys(rule: SpikeRule, match: Mapping[str, Any], story_id: str | None) -> list[tuple[str, str]]:
    """(group, unit key) of every unit the match counts for."""
    art = match.get("article") or {}
    source = str(art.get("source") or art.get("url") or art.get("id") or "")
    g = rule.group_by

    def article_groups() -> list[str]:
        if g is None:
            return ["all"]
        if g == "country":
            vals = [str(c).upper() for c in match.get("countries") or ()]
        elif g == "country_pair":
            vals = [p for ev in match.get("events") or () for p in _pairs(ev.get("countries") or ())]
        elif g == "family":
            vals = [str(t) for t in match.get("tags") or ()]
        else:
            vals = [str(art.get(g) or "")] if art.get(g) else []
        return list(dict.fromkeys(vals)) or ["other"]

    if rule.unit == "article":
        return [(grp, _h(grp, source, story_id)) for grp in article_groups()]
    out: list[tuple[str, str]] = []
    day = str(art.get("published") or "")[:10]
    for ev in match.get("events") or ():
        status = ev.get("status") or ev.get("stage") or ""
        if status == "historical":
            continue
        countries = sorted({str(c).upper() for c in ev.get("countries") or ()})
        key = "|".join([str(ev.get("family")), "+".join(countries), str(status), str(ev.get("date") or day)])
        if g == "country":
            groups = countries
        elif g == "country_pair":
            groups = _pairs(countries)
        elif g == "family":
            groups = [str(ev.get("family"))]
        else:
            groups = article_groups()
        for grp in list(dict.fromkeys(groups)) or ["other"]:
            out.append((grp, _h(grp, source, key)))
    return list(dict.fromkeys(out))


class _Window:
    """ElastAlert2's `EventWindow`: entries [ts, count, ref] in time order, sized by the newest."""

    __slots__ = ("entries", "count", "window_s")

    def __init__(self, window_s: float, entries: list[list[Any]] | None = None) -> None:
        self.window_s = window_s
        self.entries = entries or []
        self.count = sum(e[1] for e in self.entries)

    def add(self, entry: list[Any]) -> list[list[Any]]:
        """Insert in time order (after equal times); returns the entries pushed out, oldest first."""
        bisect.insort_right(self.entries, entry, key=lambda e: e[0])
        self.count += entry[1]
        out = []
        while self.entries[-1][0] - self.entries[0][0] >= self.window_s:
            old = self.entries.pop(0)
            self.count -= old[1]
            out.append(old)
        return out

    def clear(self) -> None:
        self.entries, self.count = [], 0


class SpikeState:
    """One spike subscription's windows, counted units and stories; see the module docstring."""

    def __init__(self, rule: SpikeRule, d: Mapping[str, Any] | None = None) -> None:
        self.rule = rule
        d = d or {}
        w = float(rule.window_s)
        self.cur: dict[str, _Window] = {g: _Window(w, v["cur"]) for g, v in (d.get("groups") or {}).items()}
        self.ref: dict[str, _Window] = {g: _Window(w, v["ref"]) for g, v in (d.get("groups") or {}).items()}
        self.first: dict[str, float] = dict(d.get("first") or {})
        self.filled_once: bool = bool(d.get("filled_once"))
        self.newest: float | None = d.get("newest")
        self.seen: dict[str, float] = dict(d.get("seen") or {})
        self.late: int = int(d.get("late") or 0)
        self.counted: int = int(d.get("counted") or 0)
        horizon = 2 * w + rule.grace_s
        self.stories = (StoryWindow.from_dict(d["stories"], clock=lambda: 0.0) if d.get("stories")
                        else StoryWindow(horizon, clock=lambda: 0.0))

    # -- input

    def observe(self, match: Mapping[str, Any], *, ts: float) -> list[dict[str, Any]]:
        """Count one match record (see `processors.alert_records.match_record`) at event time
        `ts` (`event_time`); returns the spikes it completes (each one a dict, see `_fire`)."""
        if self.newest is not None and ts < self.newest - self.rule.grace_s:
            self.late += 1
            return []
        story_id = None
        if self.rule.unit == "article":
            fp = match.get("fingerprint") or {}
            art = match.get("article") or {}
            story_id = self.stories.assign(Fingerprint(tuple(fp.get("sketch") or ())[:STORY_SKETCH], fp.get("signature"), 0),
                                           str(art.get("id")), art.get("source"), now=ts).story_id
            self._cap_stories()
        ref = {k: (str(v)[:200] if isinstance(v, str) else v) for k, v in (match.get("article") or {}).items()
               if k in _REF_FIELDS}
        fired: list[dict[str, Any]] = []
        for group, unit in unit_keys(self.rule, match, story_id):
            if unit in self.seen:
                continue
            self.seen[unit] = ts
            self.counted += 1
            fired += self._handle(group, ts, 1, ref)
        self._advance(ts)
        return fired

    def tick(self, ts: float) -> list[dict[str, Any]]:
        """ElastAlert2's `garbage_collect(ts)`: forget groups with both windows empty, then add a
        zero entry at `ts` to every other group (the windows slide; a drop may be found)."""
        if self.newest is not None and ts <= self.newest:
            return []
        fired: list[dict[str, Any]] = []
        for group in list(self.cur):
            if group != "all" and self.cur[group].count == 0 and self.ref[group].count == 0:
                del self.cur[group], self.ref[group]
                continue
            fired += self._handle(group, ts, 0, None)
        self._advance(ts)
        return fired

    # -- ElastAlert2's handle_event / find_matches / clear_windows

    def _handle(self, group: str, ts: float, count: int, ref: Mapping[str, Any] | None) -> list[dict[str, Any]]:
        self.first.setdefault(group, ts)
        cur = self.cur.setdefault(group, _Window(float(self.rule.window_s)))
        refw = self.ref.setdefault(group, _Window(float(self.rule.window_s)))
        if ref is not None and len(cur.entries) >= MAX_KEPT_REFS:
            ref = {"id": ref.get("id")}
        for old in cur.add([ts, count, dict(ref) if ref is not None else None]):
            refw.add([old[0], old[1], None])
        if ts - self.first[group] < 2 * self.rule.window_s:
            return []  # ElastAlert2 without alert_on_new_data: each group waits two windows
        self.filled_once = True
        if not self._spiked(refw.count, cur.count):
            return []
        fire = self._fire(group, ts, cur, refw)
        refw.clear()
        self.first.pop(group, None)
        return [fire]

    def _spiked(self, ref: int, cur: int) -> bool:
        r = self.rule
        if cur < r.min_current or ref < r.min_reference:
            return False
        up, down = cur >= ref * r.height, cur <= ref / r.height
        return (r.direction in ("up", "both") and up) or (r.direction in ("down", "both") and down)

    def _fire(self, group: str, ts: float, cur: _Window, refw: _Window) -> dict[str, Any]:
        counted = [e for e in cur.entries if e[1]]
        start = counted[0][0] if counted else ts
        articles = [e[2] for e in reversed(counted) if e[2]][:MAX_ALERT_ARTICLES]
        return {"group": group, "direction": "up" if cur.count >= refw.count * self.rule.height else "down",
                "count": cur.count, "baseline": refw.count, "at": ts, "first_at": start,
                "articles": articles, "window_s": self.rule.window_s}

    # -- housekeeping

    def _advance(self, ts: float) -> None:
        self.newest = ts if self.newest is None else max(self.newest, ts)
        horizon = self.newest - 2 * self.rule.window_s - self.rule.grace_s
        if self.seen and min(self.seen.values()) < horizon:
            self.seen = {k: t for k, t in self.seen.items() if t >= horizon}

    def _cap_stories(self) -> None:
        if len(self.stories) > STORY_CAP + STORY_CAP // 4:
            d = self.stories.to_dict()
            d["stories"] = d["stories"][-STORY_CAP:]
            self.stories = StoryWindow.from_dict(d, clock=lambda: 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "spike", "rule": self.rule.to_dict(),
                "groups": {g: {"cur": self.cur[g].entries, "ref": self.ref[g].entries} for g in self.cur},
                "first": self.first, "filled_once": self.filled_once, "newest": self.newest, "seen": self.seen,
                "late": self.late, "counted": self.counted,
                "stories": self.stories.to_dict() if self.rule.unit == "article" else None}

    @classmethod
    def from_dict(cls, rule: SpikeRule, d: Mapping[str, Any] | None) -> SpikeState:
        """The state saved for `rule`; a state saved under other settings starts afresh (the
        windows of another height or grouping mean nothing for this one)."""
        if not d or d.get("kind") != "spike" or d.get("rule") != rule.to_dict():
            return cls(rule)
        return cls(rule, d)
