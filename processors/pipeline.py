"""Article in, tagged article out: the one function the rest of Parley calls.

>>> out = tag_article({"url": "https://example.org/a", "text": "Indonesia and Malaysia agreed a ceasefire ..."})  # doctest: +SKIP
>>> out["tags"], out["countries"]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from . import __version__
from .actors import find_actors
from .dates import find_dates
from .figures import find_figures
from .langid import detect
from .model import FAMILIES, Event, Evidence, NormalizedArticle
from .normalize import normalize
from .places import find_places
from .published import infer_published
from .lexicon import find_cues
from .matcher import blanked
from .tagging import (TRIGGERS, Document, add_talks_meetings, build_frames, event_id, extraction_ranges, find_mentions,
                      merge_frames, resolve_frames)
from .textutil import fold, kept_positions, sentence_bounds, strip_optional_marks

__all__ = ["tag_article", "TAGGER"]

TAGGER = f"parley/{__version__}"


def tag_article(article: Mapping[str, Any], *, include_text: bool = False) -> dict[str, Any]:
    """Tag one article (see the contract in design.md); raises InputError on bad input."""
    na = normalize(article)
    lang, confidence = detect(na.text, na.lang_hint)
    # the tagger reads the text without optional vowel marks; evidence is given in the text
    text = strip_optional_marks(na.text)
    folded = fold(text)
    actors = find_actors(text, folded, lang)
    cues = find_cues(folded)
    events: list[Event] = []
    if any(c.payload.cat in TRIGGERS for c in cues):   # most articles have no trigger word at all
        events = _events(na, text, folded, lang, sentence_bounds(text), actors, cues)
    places = [p for e in events if e.where for p in [e.where]]

    out: dict[str, Any] = {"id": na.id}
    if na.url:
        out["url"] = na.url
    for key in ("title", "source", "published"):
        value = getattr(na, key)
        if value:
            out[key] = value
    out["lang"] = lang
    out["lang_confidence"] = round(confidence, 3)
    out["tags"] = [f for f in FAMILIES if any(e.family == f for e in events)]
    if text is not na.text and events:
        _evidence_in(events, text, na.text)
    text = na.text
    event_dicts = [_event_dict(e) for e in events]
    for e in event_dicts:
        e["id"] = event_id(na.id, e)
    out["countries"] = sorted({c for e in event_dicts for c in e["countries"]})
    out["events"] = event_dicts
    out["actors"] = _unique_actors(actors)
    out["places"] = _unique_places(places)
    out["truncated"] = na.truncated
    if include_text:
        out["text"] = text
    out["tagger"] = TAGGER
    return out


def _events(na: NormalizedArticle, text: str, folded: str, lang: str, bounds: list[tuple[int, int]],
            actors: list, cues: list) -> list[Event]:
    """The tagging stages of processors/tagging, in order."""
    doc = Document(text, folded, lang, bounds, actors, cues)
    mentions = find_mentions(doc)
    if mentions:
        doc.published, doc.published_precision = _reference_date(na, text, lang)
        # places, dates and figures matter only where the rules found an event: one pass
        # over the text with everything else blanked (offsets unchanged). A place is taken
        # from its event's own sentence; dates and figures also from the two around it;
        # figures from the whole text when a truce is among the events (a war's toll told
        # anywhere is the article's only truce's: merge._assign_figures)
        near = extraction_ranges(mentions, doc, radius=0)
        around = extraction_ranges(mentions, doc, radius=2)
        ptext, pfolded = blanked(text, near), blanked(folded, near)
        mtext, mfolded = blanked(text, around), blanked(folded, around)
        doc.add_extracted(find_places(ptext, pfolded, lang, whole=folded),
                          find_dates(mtext, mfolded, lang, doc.published, doc.published_precision),
                          find_figures(text, folded, lang) if any(m.family == "ceasefire" for m in mentions)
                          else find_figures(mtext, mfolded, lang))
        mentions = add_talks_meetings(mentions, doc)
    frames = build_frames(mentions, doc)
    frames = merge_frames(frames, doc)
    return resolve_frames(frames, doc)


def _reference_date(na: NormalizedArticle, text: str, lang: str) -> tuple[date | None, str]:
    """The date relative dates count from: `published`, else the one the article's URL or
    dateline shows (not reported as `published`), with its precision."""
    published = parse_published(na.published)
    if published is not None:
        return published, "day"
    inferred = infer_published(na.url, text, lang)
    return inferred if inferred is not None else (None, "day")


def parse_published(value: Any) -> date | None:
    """The publication date of `published` (ISO date or datetime), or None."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            return None


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def _event_dict(e: Event) -> dict[str, Any]:
    iso3 = _iso3()
    countries: set[str] = set()
    orgs: set[str] = set()
    for a in e.actors:
        code = a.get("code")
        if a["kind"] == "org" and code:
            orgs.add(code)
        elif a["kind"] == "group" and a.get("state") in iso3:
            countries.add(a["state"])
        elif code in iso3 and a["kind"] in ("country", "person"):
            countries.add(code)
    for code in e.mediators:   # mediators are parties (events-guide.md)
        (countries if code in iso3 else orgs).add(code)
    ev = e.evidence
    return {
        "family": e.family,
        "status": e.status,
        "stage": e.stage,
        "mode": e.mode,
        "cameo": e.cameo,
        "actors": e.actors,
        "countries": sorted(countries),
        "orgs": sorted(orgs),
        "mediators": e.mediators,
        "where": e.where,
        "when": e.when,
        "figures": e.figures,
        "evidence": None if ev is None else _evidence_dict(ev),
        "mentions": [_evidence_dict(m) for m in e.mentions],
    }


def _evidence_in(events: list[Event], read: str, original: str) -> None:
    """Move evidence offsets from the text the tagger read (`read`: `original` without
    some characters) to `original`."""
    pos = kept_positions(original)

    def moved(ev: Evidence) -> None:
        start, end = pos[ev.start], pos[ev.end - 1] + 1 if ev.end > ev.start else pos[ev.end]
        s_start = pos[ev.sentence_start]
        s_end = pos[ev.sentence_end - 1] + 1 if ev.sentence_end > ev.sentence_start else pos[ev.sentence_end]
        ev.start, ev.end, ev.text = start, end, original[start:end]
        ev.sentence_start, ev.sentence_end, ev.sentence = s_start, s_end, original[s_start:s_end]

    for e in events:
        for ev in ([e.evidence] if e.evidence is not None else []) + list(e.mentions):
            moved(ev)


def _evidence_dict(ev: Evidence) -> dict[str, Any]:
    return {"text": ev.text, "start": ev.start, "end": ev.end, "sentence": ev.sentence}


def _unique_actors(actors) -> list[dict[str, Any]]:
    seen: dict[tuple, dict[str, Any]] = {}
    for a in actors:
        key = (a.kind, a.code, a.name)
        if key not in seen:
            d: dict[str, Any] = {"kind": a.kind, "code": a.code, "name": a.name}
            if a.role:
                d["role"] = a.role
            if a.state:
                d["state"] = a.state
            seen[key] = d
    return list(seen.values())


def _unique_places(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The places of the article's events, once each."""
    seen: dict[str, dict[str, Any]] = {}
    for p in places:
        seen.setdefault(p["name"], p)
    return list(seen.values())
