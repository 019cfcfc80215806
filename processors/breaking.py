"""Breaking news: one story reported by `sources` distinct sources within `within_s` of its
first report, the Europe Media Monitor's idea, as a subscription rule (`BreakingRule`).

A story is what `processors.fingerprint.StoryWindow` says: a near-duplicate text, or the
same event signature (family, countries, status and day-precise date of its events), which
the tagger gives alike for the Arabic, French and Russian copies of one story, so they are
one story and their source counts once. A story fires once, when its distinct sources reach
`sources`; the alert carries the first report's time, the sources and languages so far and
the story's events. Articles are placed by their `published` time (`spike.event_time`); the
first report is the earliest, even when it arrives after a later copy. The state is plain
JSON for a Faust table; a replayed article (same id) changes nothing.

>>> from processors.rules import BreakingRule
>>> st = BreakingState(BreakingRule(sources=2, within_s=600))
>>> m = lambda i, src: {"article": {"id": i, "source": src, "lang": "en"}, "events": [],
...                     "fingerprint": {"sketch": [1, 2, 3], "signature": "sig"}}
>>> st.observe(m("a1", "x.org"), ts=0), [f["sources"] for f in st.observe(m("a2", "y.org"), ts=60)]
([], [['x.org', 'y.org']])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fingerprint import Fingerprint, StoryWindow
from .rules import BreakingRule

__all__ = ["BreakingState"]

STORY_CAP = 1000
STORY_SKETCH = 16  # the bottom 16 of the bottom-64 sketch are a bottom-16 sketch: a quarter the state
MAX_ARTICLES = 50
MAX_EVENTS = 10
_REF_FIELDS = ("id", "url", "title", "lang", "source", "published")


class BreakingState:
    """Stories of the last `within_s` and what each has gathered; see the module docstring."""

    def __init__(self, rule: BreakingRule, d: Mapping[str, Any] | None = None) -> None:
        self.rule = rule
        d = d or {}
        self.stories = (StoryWindow.from_dict(d["stories"], clock=lambda: 0.0) if d.get("stories")
                        else StoryWindow(rule.within_s, clock=lambda: 0.0))
        self.info: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (d.get("info") or {}).items()}
        self.newest: float | None = d.get("newest")

    def observe(self, match: Mapping[str, Any], *, ts: float) -> list[dict[str, Any]]:
        """Add one match record at event time `ts`; returns the story it makes breaking, if any."""
        art = match.get("article") or {}
        fp = match.get("fingerprint") or {}
        now = ts if self.newest is None else max(ts, self.newest)
        self.newest = now
        got = self.stories.assign(Fingerprint(tuple(fp.get("sketch") or ())[:STORY_SKETCH], fp.get("signature"), 0),
                                  str(art.get("id")), art.get("source"), now=now)
        self._forget_expired()
        if got.reason == "same_article":
            return []
        story = self.stories.get(got.story_id)
        info = self.info.setdefault(got.story_id, {"first_at": ts, "sources": [], "langs": [], "articles": [],
                                                   "events": [], "fired": False})
        info["first_at"] = min(info["first_at"], ts)
        source = art.get("source") or art.get("url") or str(art.get("id"))
        if source not in info["sources"]:
            info["sources"].append(source)
        lang = art.get("lang")
        if lang and lang not in info["langs"]:
            info["langs"].append(lang)
        if len(info["articles"]) < MAX_ARTICLES:
            info["articles"].append({k: art.get(k) for k in _REF_FIELDS if art.get(k) is not None})
        for ev in match.get("events") or ():
            if ev not in info["events"] and len(info["events"]) < MAX_EVENTS:
                info["events"].append(ev)
        self._cap()
        if info["fired"] or len(info["sources"]) < self.rule.sources or ts - info["first_at"] > self.rule.within_s:
            return []
        info["fired"] = True
        return [{"story_id": got.story_id, "first_at": info["first_at"], "at": ts,
                 "sources": list(info["sources"]), "langs": list(info["langs"]),
                 "articles": list(info["articles"]), "events": list(info["events"]),
                 "article_ids": list(story.article_ids) if story else []}]

    def _forget_expired(self) -> None:
        if len(self.info) > len(self.stories):
            self.info = {k: v for k, v in self.info.items() if self.stories.get(k) is not None}

    def _cap(self) -> None:
        if len(self.stories) > STORY_CAP + STORY_CAP // 4:
            d = self.stories.to_dict()
            d["stories"] = d["stories"][-STORY_CAP:]
            self.stories = StoryWindow.from_dict(d, clock=lambda: 0.0)
            self._forget_expired()

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "breaking", "rule": self.rule.to_dict(), "stories": self.stories.to_dict(),
                "info": self.info, "newest": self.newest}

    @classmethod
    def from_dict(cls, rule: BreakingRule, d: Mapping[str, Any] | None) -> BreakingState:
        if not d or d.get("kind") != "breaking" or d.get("rule") != rule.to_dict():
            return cls(rule)
        return cls(rule, d)
