"""Near-duplicate stories: one story, one alert.

`fingerprint(article)` gives two keys:

- a bottom-k MinHash sketch (k=64) of the article's word 3-shingles, over
  normalised words (`processors.tokens`; Han/kana runs become character bigrams),
  whose overlap estimates the Jaccard similarity of two texts: the same wire
  story from several outlets, lightly edited, scores well above 0.5, two
  different stories near 0;
- an event signature: a hash of the tagger's events that pin a story down (family,
  sorted countries, status/stage, and a day-precise date; background
  `historical` events and events without countries or a day are left out), so
  a translated copy, whose words share nothing, still collides when the tagger
  found the same events.

Why a hand-written bottom-k sketch rather than `datasketch`: datasketch needs
numpy and scipy for an array of 64 integers, and its LSH index is a pickled
object, while this state must live in a Faust table as JSON; one blake2b hash per
shingle and a sort is ~0.3 ms for a 3 KB article.

`StoryWindow` keeps the stories seen in the last `window_s` seconds (injected
clock) and says which story an incoming article belongs to; it remembers which
subscriptions already alerted on each story, so the caller appends the new
source to that alert instead of sending another one.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .tokens import has_spaceless, tokenize

__all__ = ["Fingerprint", "fingerprint", "event_signature", "StoryWindow", "StoryAssignment", "Story"]

SKETCH_SIZE = 64
SHINGLE = 3


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Fingerprint:
    sketch: tuple[int, ...]  # the k smallest shingle hashes, ascending
    signature: str | None
    shingles: int

    def similarity(self, other: Fingerprint) -> float:
        """Estimated Jaccard similarity of the two shingle sets (bottom-k estimator)."""
        if not self.sketch or not other.sketch:
            return 0.0
        a, b = set(self.sketch), set(other.sketch)
        k = min(max(len(self.sketch), len(other.sketch)), SKETCH_SIZE)
        union_k = sorted(a | b)[:k]
        return sum(1 for h in union_k if h in a and h in b) / len(union_k)

    def to_dict(self) -> dict[str, Any]:
        return {"sketch": list(self.sketch), "signature": self.signature, "shingles": self.shingles}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Fingerprint:
        return cls(tuple(d["sketch"]), d.get("signature"), int(d.get("shingles", 0)))


def _units(text: str) -> list[str]:
    out: list[str] = []
    for t in tokenize(text):
        w = t.norm
        if len(w) > 2 and has_spaceless(w):
            out.extend(w[i:i + 2] for i in range(len(w) - 1))
        else:
            out.append(w)
    return out


def event_signature(article: Mapping[str, Any]) -> str | None:
    """A hash of the events that identify the story, or None if none qualifies."""
    keys = set()
    for ev in article.get("events") or ():
        when = ev.get("when") or {}
        status = ev.get("status") or ev.get("stage") or ""
        countries = sorted({str(c).upper() for c in ev.get("countries") or ()})
        if status == "historical" or not countries or when.get("precision") != "day" or not when.get("date"):
            continue
        keys.add("|".join([str(ev.get("family")), "+".join(countries), str(status), str(when["date"])]))
    if not keys:
        return None
    return hashlib.blake2b("\n".join(sorted(keys)).encode(), digest_size=12).hexdigest()


def fingerprint(article: Mapping[str, Any], *, k: int = SKETCH_SIZE) -> Fingerprint:
    """The fingerprint of a tagged article (its `title` and `text`, and its `events`)."""
    units = _units(article.get("title") or "") + _units(article.get("text") or "")
    if len(units) < SHINGLE:
        shingles = {" ".join(units)} if units else set()
    else:
        shingles = {" ".join(units[i:i + SHINGLE]) for i in range(len(units) - SHINGLE + 1)}
    hashes = sorted({_h64(s) for s in shingles})[:k]
    return Fingerprint(tuple(hashes), event_signature(article), len(shingles))


@dataclass
class Story:
    id: str
    first_seen: float
    last_seen: float
    sketch: tuple[int, ...]
    signature: str | None
    sources: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    alerts: dict[str, str] = field(default_factory=dict)  # subscription id -> alert id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "first_seen": self.first_seen, "last_seen": self.last_seen,
                "sketch": list(self.sketch), "signature": self.signature, "sources": list(self.sources),
                "article_ids": list(self.article_ids), "alerts": dict(self.alerts)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Story:
        return cls(d["id"], float(d["first_seen"]), float(d["last_seen"]), tuple(d["sketch"]), d.get("signature"),
                   list(d.get("sources") or ()), list(d.get("article_ids") or ()), dict(d.get("alerts") or {}))


@dataclass(frozen=True)
class StoryAssignment:
    story_id: str
    new: bool
    reason: str  # "new", "text" (near-duplicate words), "events" (same event signature), "same_article"
    similarity: float
    other_sources: tuple[str, ...]  # sources of the story seen before this article


class StoryWindow:
    """Stories first seen within the last `window_s` seconds.

    A story lives `window_s` from its first article: a wire story still being
    re-published days later opens a new story (and so a new alert) once a window
    has passed. `threshold` is the estimated Jaccard similarity from which two
    texts are one story.

    >>> w = StoryWindow(3600, clock=lambda: 0.0)
    >>> a = {"text": "The two ministers met in Baku on Monday to discuss the border commission."}
    >>> w.assign(fingerprint(a), "a1", "x.com").new, w.assign(fingerprint(a), "a2", "y.com").story_id
    (True, 'story:a1')
    """

    def __init__(self, window_s: float = 86400, *, threshold: float = 0.5, clock: Callable[[], float] = time.time,
                 story_id: Callable[[str], str] = lambda article_id: f"story:{article_id}") -> None:
        self.window_s = window_s
        self.threshold = threshold
        self.clock = clock
        self.story_id = story_id
        self._stories: dict[str, Story] = {}
        self._by_hash: dict[int, set[str]] = {}
        self._by_sig: dict[str, str] = {}
        self._by_article: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._stories)

    def get(self, story_id: str) -> Story | None:
        return self._stories.get(story_id)

    def assign(self, fp: Fingerprint, article_id: str, source: str | None = None, *, now: float | None = None) -> StoryAssignment:
        """The story `article_id` belongs to, creating one if it is new."""
        now = self.clock() if now is None else now
        self.expire(now)
        sid = self._by_article.get(article_id)
        if sid is not None:
            st = self._stories[sid]
            return StoryAssignment(sid, False, "same_article", 1.0, tuple(s for s in st.sources if s != source))
        best, best_sim, reason = None, 0.0, "new"
        if fp.signature is not None and fp.signature in self._by_sig:
            best, best_sim, reason = self._by_sig[fp.signature], 1.0, "events"
        else:
            shared: Counter[str] = Counter()
            for h in fp.sketch:
                for s in self._by_hash.get(h, ()):
                    shared[s] += 1
            need = 2 if len(fp.sketch) >= 8 else 1
            for s, n in shared.most_common(20):
                if n < need:
                    break
                sim = fp.similarity(Fingerprint(self._stories[s].sketch, None, 0))
                if sim >= self.threshold and sim > best_sim:
                    best, best_sim, reason = s, sim, "text"
        if best is None:
            return self._new(fp, article_id, source, now)
        st = self._stories[best]
        others = tuple(st.sources)
        st.last_seen = now
        st.article_ids.append(article_id)
        if source and source not in st.sources:
            st.sources.append(source)
        self._by_article[article_id] = best
        if fp.signature is not None:
            self._by_sig.setdefault(fp.signature, best)
        return StoryAssignment(best, False, reason, best_sim, tuple(s for s in others if s != source))

    def _new(self, fp: Fingerprint, article_id: str, source: str | None, now: float) -> StoryAssignment:
        sid = self.story_id(article_id)
        st = Story(sid, now, now, fp.sketch, fp.signature, [source] if source else [], [article_id])
        self._index(st)
        return StoryAssignment(sid, True, "new", 0.0, ())

    def _index(self, st: Story) -> None:
        self._stories[st.id] = st
        for h in st.sketch:
            self._by_hash.setdefault(h, set()).add(st.id)
        if st.signature is not None:
            self._by_sig.setdefault(st.signature, st.id)
        for a in st.article_ids:
            self._by_article[a] = st.id

    def alert_for(self, story_id: str, subscription_id: str) -> str | None:
        """The alert already sent for this story to this subscription, if any."""
        st = self._stories.get(story_id)
        return st.alerts.get(subscription_id) if st else None

    def mark_alerted(self, story_id: str, subscription_id: str, alert_id: str) -> None:
        self._stories[story_id].alerts[subscription_id] = alert_id

    def expire(self, now: float | None = None) -> int:
        """Forget stories first seen more than `window_s` ago; returns how many."""
        now = self.clock() if now is None else now
        cutoff, n = now - self.window_s, 0
        while self._stories:  # stories are kept in order of first_seen: stop at the first live one
            st = next(iter(self._stories.values()))
            if st.first_seen > cutoff:
                break
            n += 1
            del self._stories[st.id]
            for h in st.sketch:
                ids = self._by_hash.get(h)
                if ids is not None:
                    ids.discard(st.id)
                    if not ids:
                        del self._by_hash[h]
            if st.signature is not None and self._by_sig.get(st.signature) == st.id:
                del self._by_sig[st.signature]
            for a in st.article_ids:
                if self._by_article.get(a) == st.id:
                    del self._by_article[a]
        return n

    def to_dict(self) -> dict[str, Any]:
        return {"window_s": self.window_s, "threshold": self.threshold,
                "stories": [s.to_dict() for s in self._stories.values()]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, clock: Callable[[], float] = time.time) -> StoryWindow:
        w = cls(d["window_s"], threshold=d.get("threshold", 0.5), clock=clock)
        for s in d.get("stories") or ():
            w._index(Story.from_dict(s))
        return w
