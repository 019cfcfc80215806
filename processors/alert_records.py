"""Alert records and the per-subscription decision: new alert, update, throttled, digest.

Two records travel through Kafka (plain JSON dicts):

- a *match* (`match_record`): one subscription matched one tagged article; built by
  the match stage from an `AlertMatch`, keyed by subscription id so that every
  decision about one subscription is taken in one place;
- an *alert* (`AlertState.decide` output): what the user hears about, keyed by its
  id. The id is deterministic, ``alert_id(subscription id, story id)``, so a
  replay of the same article never makes a second alert.

`AlertState` holds what one subscription remembers: its recent stories
(`StoryWindow`: one story, one alert; later copies of a story become an
``update`` that lists the other sources), its `Throttle` and its `DigestBuffer`.
It round-trips through JSON (`to_dict`/`from_dict`) for a Faust table.

>>> st = AlertState(clock=lambda: 0.0)
>>> sub = {"id": "s1", "name": "n", "owner": "o"}
>>> m = {"subscription_id": "s1", "article": {"id": "a1", "source": "x.org"}, "fingerprint": {"sketch": [1, 2], "signature": None}}
>>> [r["kind"] for r in st.decide(sub, m)], [r["kind"] for r in st.decide(sub, dict(m, article={"id": "a2", "source": "y.org"}))]
(['alert'], ['update'])
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from .fingerprint import Fingerprint, StoryWindow, fingerprint
from .pacing import DigestBuffer, Throttle

__all__ = ["alert_id", "digest_id", "match_record", "compact_events", "AlertState", "iso"]

ARTICLE_FIELDS = ("id", "url", "title", "lang", "source", "published")
MAX_EVENTS = 5
MAX_DIGEST_ALERTS = 200
THROTTLED = "-"  # story marker: the story was throttled, its later copies stay quiet


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def alert_id(subscription_id: str, story_id: str) -> str:
    """Deterministic: the same subscription and story always give the same alert id."""
    return "al-" + hashlib.blake2b(f"{subscription_id}\x00{story_id}".encode(), digest_size=12).hexdigest()


def digest_id(subscription_id: str, bucket: str) -> str:
    return "dg-" + hashlib.blake2b(f"{subscription_id}\x00{bucket}".encode(), digest_size=12).hexdigest()


def compact_events(events: Any) -> list[dict[str, Any]]:
    """The few event facts an alert shows: family, status/stage, countries, orgs, date."""
    out = []
    for ev in (events or ())[:MAX_EVENTS]:
        when = ev.get("when") or {}
        out.append({k: v for k, v in {
            "family": ev.get("family"), "status": ev.get("status"), "stage": ev.get("stage"),
            "countries": ev.get("countries") or None, "orgs": ev.get("orgs") or None,
            "date": when.get("date"), "where": (ev.get("where") or {}).get("name"),
        }.items() if v})
    return out


def match_record(article: Mapping[str, Any], match: Any, *, now: float, fp: Fingerprint | None = None) -> dict[str, Any]:
    """The JSON record of one `AlertMatch` of `article` (built once per article: pass `fp`)."""
    fp = fp or fingerprint(article)
    return {
        "subscription_id": match.subscription_id,
        "article": {k: article.get(k) for k in ARTICLE_FIELDS},
        "tags": list(article.get("tags") or ()),
        "countries": list(article.get("countries") or ()),
        "events": compact_events(article.get("events")),
        "snippet": match.snippet,
        "highlights": [list(h) for h in match.highlights],
        "snippet_marked": match.marked(),
        "terms": list(match.terms),
        "fingerprint": {"sketch": list(fp.sketch), "signature": fp.signature},
        "ingested_at": article.get("ingested_at"),
        "matched_at": iso(now),
    }


class AlertState:
    """One subscription's memory: stories, throttle, digest buffer. Clock injected.

    `story_cap` bounds the stories kept (the oldest go first), so a subscription that
    matches everything keeps a state of bounded size in its Faust table.
    """

    def __init__(self, *, window_s: float = 86400, story_cap: int = 200, clock: Callable[[], float] = time.time,
                 stories: StoryWindow | None = None, throttle: Throttle | None = None,
                 digest: DigestBuffer | None = None) -> None:
        self.clock = clock
        self.story_cap = story_cap
        self.stories = stories or StoryWindow(window_s, clock=clock)
        self.throttle = throttle or Throttle(clock=clock)
        self.digest = digest or DigestBuffer(clock=clock)
        self.pacing_changes = 0

    def decide(self, sub: Mapping[str, Any], match: Mapping[str, Any], *, now: float | None = None) -> list[dict[str, Any]]:
        """What to emit for one match of subscription `sub` (a `Subscription.to_dict()`).

        Returns ``[]`` (throttled, queued for a digest, or a copy already counted),
        ``[alert]`` or ``[update]``.
        """
        now = self.clock() if now is None else now
        art = match["article"]
        fp = Fingerprint(tuple(match["fingerprint"]["sketch"]), match["fingerprint"].get("signature"), 0)
        story = self.stories.assign(fp, str(art["id"]), art.get("source"), now=now)
        self._cap(now)
        sid = str(sub["id"])
        earlier = self.stories.alert_for(story.story_id, sid)
        if earlier == THROTTLED:
            return []
        if earlier:
            st = self.stories.get(story.story_id)
            if story.reason == "same_article":
                return []  # a replay of the very article that made the alert
            others = [s for s in (st.sources if st else ()) if s]
            return [{"id": earlier, "kind": "update", "subscription": _sub_ref(sub),
                     "revision": max(0, len(st.article_ids) - 1) if st else 1,
                     "other_sources": others[1:] if others else [], "updated_at": iso(now),
                     "article_ids": list(st.article_ids) if st else [str(art["id"])]}]
        if not self.throttle.allow_for(sub.get("throttle"), sid, now=now):
            self.stories.mark_alerted(story.story_id, sid, THROTTLED)
            return []
        if sub.get("throttle") or sub.get("digest"):
            self.pacing_changes += 1
        aid = alert_id(sid, story.story_id)
        self.stories.mark_alerted(story.story_id, sid, aid)
        alert = {
            "id": aid, "kind": "alert", "revision": 0, "subscription": _sub_ref(sub), "story_id": story.story_id,
            "article": dict(art), "snippet": match.get("snippet", ""), "snippet_marked": match.get("snippet_marked", ""),
            "highlights": match.get("highlights", []), "terms": match.get("terms", []), "tags": match.get("tags", []),
            "countries": match.get("countries", []), "events": match.get("events", []),
            "other_sources": list(story.other_sources), "created_at": iso(now),
            "ingested_at": match.get("ingested_at"), "matched_at": match.get("matched_at"),
        }
        if sub.get("digest"):
            self.digest.add(sid, sub["digest"], alert, now=now)
            return []
        return [alert]

    def pacing_version(self) -> int:
        """Grows when the throttle counted an alert or the digest buffer changed: state a
        restart must not forget (stories may be checkpointed less often)."""
        return self.pacing_changes

    def due_digests(self, sub: Mapping[str, Any], *, now: float | None = None) -> list[dict[str, Any]]:
        """Digest records for the buckets of `sub` that have closed (one message each)."""
        now = self.clock() if now is None else now
        out = []
        for slot in self.digest.due(now=now):
            self.pacing_changes += 1
            alerts = slot["alerts"]
            out.append({"id": digest_id(str(sub["id"]), slot["bucket"]), "kind": "digest", "revision": 0,
                        "subscription": _sub_ref(sub), "bucket": slot["bucket"], "count": len(alerts),
                        "alerts": alerts[:MAX_DIGEST_ALERTS], "created_at": iso(now)})
        return out

    def _cap(self, now: float) -> None:
        """Keep at most `story_cap` stories; trims a quarter at a time (a rebuild is O(stories))."""
        if len(self.stories) > self.story_cap + max(1, self.story_cap // 4):
            d = self.stories.to_dict()
            d["stories"] = d["stories"][-self.story_cap:]
            self.stories = StoryWindow.from_dict(d, clock=self.clock)

    def to_dict(self) -> dict[str, Any]:
        return {"stories": self.stories.to_dict(), "throttle": self.throttle.to_dict(), "digest": self.digest.to_dict()}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None, *, window_s: float = 86400, story_cap: int = 200,
                  clock: Callable[[], float] = time.time) -> AlertState:
        if not d:
            return cls(window_s=window_s, story_cap=story_cap, clock=clock)
        stories = StoryWindow.from_dict(d["stories"], clock=clock) if d.get("stories") else None
        return cls(window_s=window_s, story_cap=story_cap, clock=clock, stories=stories,
                   throttle=Throttle.from_dict(d.get("throttle") or {}, clock=clock),
                   digest=DigestBuffer.from_dict(d.get("digest") or {}, clock=clock))


def _sub_ref(sub: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": sub["id"], "name": sub.get("name"), "owner": sub.get("owner")}
