"""Stage 4: resolve each merged frame into the event Parley reports.

- value: the latest state the article reports for the event, over all its mentions (a
  truce agreed and then violated is `violated`); a ceasefire dated well before the
  publication date, with nothing saying it still holds or was broken, is `historical`; one
  that no word of the text qualifies is one talked about, `proposed` (in force is said);
- mode: a call, a summit (leaders who sign together hold one), a visit (two states, met in one
  of them), else bilateral or multilateral by the number of parties;
- parties include the mediators; evidence is the mention that states the most;
- id: stable over re-tagging, from the article, the family and the key arguments.
"""

from __future__ import annotations

import hashlib
from datetime import date

from ..dates import year_told
from ..model import ActorMention, Event, Evidence
from .document import Document, party_key
from .frames import MEET_STATUS_ORDER, Frame
from .mentions import CF_STATUS_ORDER

__all__ = ["resolve_frames", "event_id"]

# the latest state wins: a ceasefire violated or ended overrides its agreement, and one
# broken and then declared over is over ("accused Hamas of violating it ... ended the truce")
_CF_LATEST = ("ended", "violated", "extended", "in_effect", "agreed", "proposed", "called_for", "historical")
_MODES = ("call", "summit", "visit", "multilateral", "bilateral")
_STILL_RELEVANT = frozenset({"violated", "extended"})   # news about an old truce, not background

_CAMEO_MEET = {"call": "041", "visit": "042", "summit": "043", "multilateral": "043", "bilateral": "040"}
_CAMEO_STAGE = {
    "proposed": "036", "scheduled": "036", "held": "046", "progress": "046", "agreed": "046",
    "signed": "057", "implemented": "057", "stalled": "125", "collapsed": "125",
}
_CAMEO_CF = {
    "called_for": "0256", "proposed": "0356", "agreed": "0871", "in_effect": "0871",
    "extended": "0871", "violated": "196", "ended": "0871", "historical": "0871",
}

assert set(_CF_LATEST) == set(CF_STATUS_ORDER)


def resolve_frames(frames: list[Frame], doc: Document) -> list[Event]:
    """The events of `doc`, in the order of their first mention. Talks known only from the
    truce they produced, long before publication, are background: the truce is reported
    (`historical`), its negotiation is not an event of its own."""
    kept = [f for f in frames if not (f.family == "peace_process" and _long_before(f, doc)
                                      and all(m.trigger.payload.cat == "cf" for m in f.mentions))]
    return [_event(f, doc) for f in sorted(kept, key=lambda f: f.head.trigger.start)]


def _event(f: Frame, doc: Document) -> Event:
    mediators = list(f.mediators)
    actors = _actor_dicts(f.actors)
    parties = set(f.parties) | set(mediators)
    ev = Event(family=f.family, actors=actors, where=_where(f), when=_when(f, doc),
               figures=dict(f.figures), mediators=mediators)
    ev.evidence = _evidence(f, doc, f.head)
    ev.mentions = [_evidence(f, doc, m) for m in f.mentions]
    mediated = any(doc.sents[m.sent].has("mediate") for m in f.mentions)
    later = _dated_after_publication(f, doc)
    if f.family == "ceasefire":
        ev.status = _ceasefire_status(f, doc)
        if later and ev.status == "in_effect":
            ev.status = "agreed"     # a truce that takes effect after the report was agreed
        ev.cameo = [_CAMEO_CF[ev.status]]
    elif f.family == "peace_process":
        ev.stage = _stage(f)
        if later and ev.stage == "held":
            ev.stage = "scheduled"
        ev.cameo = [_CAMEO_STAGE[ev.stage]] + (["045"] if mediated else [])
    else:
        stated = {v for v, said in zip(f.values, f.stated) if said and v}
        ev.status = _first(stated or set(f.values), MEET_STATUS_ORDER) or "held"
        if later and ev.status == "held":
            ev.status = "scheduled"  # a meeting dated after the report has not happened yet
        elif ev.status == "scheduled" and _dated_before_publication(f, doc):
            ev.status = "held"       # nor is one dated in a month before the report's still to come
        ev.mode = _mode(f, parties)
        if ev.mode in ("bilateral", "multilateral") and _leaders_sign(f, doc):
            ev.mode = "summit"
        ev.cameo = (["036"] if ev.status in ("scheduled", "proposed") else [_CAMEO_MEET[ev.mode]]) + (
            ["045"] if mediated else [])
    return ev


def _ceasefire_status(f: Frame, doc: Document) -> str:
    status = _first(set(f.values), _CF_LATEST)
    if status in _STILL_RELEVANT:
        return status
    if _long_before(f, doc):
        return "historical"
    # a truce that no word of the text qualifies (agreed, in force, holding, broken, ended) is
    # one talked about: sought, negotiated or offered ("the talks focus on a humanitarian
    # pause", "received a written ceasefire from Kyiv"); one in force is told in words that say so
    return status or "proposed"


def _long_before(f: Frame, doc: Document) -> bool:
    return f.when is not None and doc.long_before(f.when)


_PRECISION_CHARS = {"day": 10, "month": 7, "year": 4}


def _dated_after_publication(f: Frame, doc: Document) -> bool:
    """Is the frame's own date (not one carried from an earlier sentence) later than the
    publication date, at the date's precision?"""
    if doc.published is None or f.when is None or f.when_carried:
        return False
    # a date another family's frame lent ("agreed to a truce from the 6th ... these talks,
    # being held in Minsk"): the truce's date, not the meeting's own
    if not any(doc.sents[m.sent].start <= f.when.start < doc.sents[m.sent].end for m in f.mentions):
        return False
    pub = doc.published.isoformat()[:_PRECISION_CHARS.get(doc.published_precision, 10)]
    n = min(len(f.when.date), len(pub))
    return n >= 7 and f.when.date[:n] > pub[:n]


def _dated_before_publication(f: Frame, doc: Document) -> bool:
    """Is the frame's own date in a month (or year) before the publication's ("the talks
    will review what has come of the summit held last May")? Only a date that tells its
    year or that it is past: "in January" or "on December 12" told in June is taken for the
    last one, which a plan does not mean. A day earlier in the same month may still be a
    plan's ("scheduled for Monday, then postponed")."""
    if doc.published is None or doc.published_precision not in ("day", "month") or f.when is None \
            or f.when_carried:
        return False
    if not any(doc.sents[m.sent].start <= f.when.start < doc.sents[m.sent].end for m in f.mentions):
        return False
    n = min(len(f.when.date), 7)
    return f.when.date[:n] < doc.published.isoformat()[:n] and year_told(doc.folded, f.when.start, f.when.end, doc.lang)


def _stage(f: Frame) -> str:
    """The stage of the talks: the furthest step any mention states in words, a breakdown
    first; only when none does, what the triggers imply or the default."""
    stated = {v for v, said in zip(f.values, f.stated) if said and v}
    return _first(stated or {v for v in f.values if v}, _FRAME_STAGE_ORDER) or "held"


# over an event's mentions, talks proposed in one and given a date or place in another are
# scheduled: the later state (as a meeting's), where one sentence's cues pick the proposal
# (STAGE_ORDER with "scheduled" before "proposed")
_FRAME_STAGE_ORDER = ("collapsed", "stalled", "signed", "implemented", "agreed", "progress", "scheduled", "proposed",
                      "held")


def _mode(f: Frame, parties: set[str]) -> str:
    """A call, a summit or a visit as the text says; else three or more parties meet
    multilaterally; else two states meeting in one of them that does not mediate is a
    visit; else bilateral."""
    mode = _first(f.modes, _MODES)
    if mode == "visit" and _both_sides_at_the_mediator(f, parties):
        mode = _first(f.modes - {"visit"}, _MODES)
    if mode in ("call", "summit", "visit"):
        return mode
    if len(parties) >= 3:
        return "multilateral"
    states = {p for p in parties if len(p) == 3 and p.isupper() and p.isalpha()} - _ORG_CODES
    host = (f.where or {}).get("country") if f.where_rank >= 2 else None
    if len(states) == 2 and host in states and host not in f.mediators:
        return "visit"
    return "bilateral"


# the roles of a state's (or organisation's) head: a meeting of such heads is a summit
_HEAD_ROLES = frozenset({"president", "prime_minister", "chancellor", "king", "emir", "crown_prince", "leader"})


def _leaders_sign(f: Frame, doc: Document) -> bool:
    """Do the heads of two or more of the meeting's parties sign there ("the Armenian prime
    minister and the Azerbaijani president signed a declaration at the White House", "a
    signing ceremony of the two presidents")? Leaders who meet to sign hold a summit; their
    ministers or envoys signing ("signed by representatives of both sides") do not."""
    heads = {k for a in f.actors if a.role in _HEAD_ROLES and (k := party_key(a))}
    if len(heads) < 2:
        return False
    return any("signed" in doc.sents[m.sent].values("stage") for m in f.mentions)


def _both_sides_at_the_mediator(f: Frame, parties: set[str]) -> bool:
    """A visit is one side travelling to the other: sides that travel to a state that
    mediates between them (Russia and Ukraine to talks in Istanbul that Turkey hosts and
    mediates) meet it there multilaterally, however their travel is worded."""
    host = (f.where or {}).get("country") if f.where_rank >= 2 else None
    if host is None or host not in f.mediators:
        return False
    # the sides its own sentences name (not those the conflict lent it)
    named = {k for a in f.actors if (k := party_key(a))} & parties
    return len(named - set(f.mediators)) >= 2


# three-letter organisation codes that look like ISO3 states
_ORG_CODES = frozenset({"OIC", "OAS", "SCO", "CIS", "GCC", "WHO", "NAM", "IMF", "WTO", "OSCE"})


def _where(f: Frame) -> dict | None:
    return dict(f.where) if f.where else None


def _when(f: Frame, doc: Document) -> dict | None:
    d = f.when
    if d is None:
        return None
    return {"date": d.date, "precision": d.precision, "text": doc.text[d.start:d.end]}


def _evidence(f: Frame, doc: Document, m) -> Evidence:
    s = doc.sents[m.sent]
    t = m.trigger
    return Evidence(text=doc.text[t.start:t.end], start=t.start, end=t.end, sentence=doc.text[s.start:s.end],
                    sentence_start=s.start, sentence_end=s.end)


def _actor_dicts(actors: list[ActorMention]) -> list[dict]:
    seen: set[tuple] = set()
    out = []
    for a in actors:
        key = (a.kind, a.code, a.name)
        if key in seen:
            continue
        seen.add(key)
        d = {"kind": a.kind, "code": a.code, "name": a.name}
        if a.role:
            d["role"] = a.role
        if a.state:
            d["state"] = a.state
        out.append(d)
    return out


def _first(found: set[str], order: tuple[str, ...]) -> str | None:
    return next((v for v in order if v in found), None)


def event_id(article_id: str, event: dict) -> str:
    """A frame's id: the same event of the same article gets the same id when the
    article is tagged again, so its Elasticsearch document is replaced, not duplicated."""
    where = (event.get("where") or {}).get("country") or ""
    when = (event.get("when") or {}).get("date") or ""
    parties = ",".join(sorted(set(event.get("countries") or []) | set(event.get("orgs") or [])))
    key = "\x1f".join((article_id, event["family"], parties, where, when))
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
