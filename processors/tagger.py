"""Tag the three families of taxonomy.md in one normalised text.

The way it decides, for an analyst reading the evidence:

1. One pass of every lexicon (lexicon.py) finds trigger words and context cues;
   a `block` phrase ("trêve hivernale", "price war") cancels what it overlaps.
2. Each trigger is judged in its sentence and its neighbours (a window):
   - ceasefire: needs an armed conflict around it (a conflict cue, an armed
     group, or a peace-process trigger in the window) and no out-of-scope
     domain (sports, business, labour, politics) dominating the sentence;
   - peace_process: a strong trigger ("peace talks") needs a state, an
     organisation or a conflict in the window; a weak one ("negotiations")
     needs a ceasefire, an armed group or a conflict next to it; a ceasefire
     that the sentence says was mediated is also a peace-process event;
   - diplomatic_meeting: needs two different sides (states, organisations,
     or a state and a foreign armed group) in the sentence, or in the window
     when the sentence itself names an official.
3. Status, stage and mode come from cue words in the trigger's sentence;
   actors, place, date and figures from the extractors' mentions in it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .lexicon import Cue, find_cues
from .matcher import Match
from .model import ActorMention, DateMention, Event, Evidence, FigureMention, PlaceMention

__all__ = ["tag_text", "Mentions"]

# When a sentence carries several cues, the first in these lists wins.
_CF_STATUS_ORDER = ("violated", "ended", "extended", "called_for", "proposed", "agreed", "in_effect")
_STAGE_ORDER = ("collapsed", "stalled", "signed", "implemented", "agreed", "progress", "proposed", "scheduled", "held")
_MEET_STATUS_ORDER = ("cancelled", "scheduled", "proposed")

_CAMEO_MEET = {"call": "041", "visit": "042", "summit": "043", "multilateral": "043", "bilateral": "040"}
_CAMEO_STAGE = {
    "proposed": "036", "scheduled": "036", "held": "046", "progress": "046", "agreed": "046",
    "signed": "057", "implemented": "057", "stalled": "125", "collapsed": "125",
}
_CAMEO_CF = {
    "called_for": "0256", "proposed": "0356", "agreed": "0871", "in_effect": "0871",
    "extended": "0871", "violated": "196", "ended": "0871", "historical": "0871",
}

# Domains whose words, without a conflict cue in the same sentence, make a trigger a look-alike.
_TRIGGERS = frozenset({"cf", "peace", "talks", "meet"})
_HARD_NEG = frozenset({"sports", "business", "labour", "celebrity", "religion", "domestic", "exercise"})

# Words before (or, for postpositions, after) a place that make it a venue, not a party.
_VENUE_BEFORE = re.compile(
    r"(?:\b(?:in|at|di|à|au|en|em|no|na|in der|im|в|во|у|kota|fi)|في|در|在|於)\s*$"
)
_VENUE_AFTER = re.compile(r"^(?:\s*(?:میں|में|で|にて)|'(?:da|de|ta|te)\b|’(?:da|de|ta|te)\b)")
_FORMER = re.compile(
    r"(?:\b(?:former|ex|mantan|bekas|ancien|ancienne|expresidente|exministro|ehemalige[nr]?|бывш\w*|колишн\w*|eski)\b[\w .-]*$)"
    r"|(?:السابق|سابق|前任|元)"
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")


@dataclass(slots=True)
class Mentions:
    """What the extractors found in the text, handed to the tagger."""

    actors: Sequence[ActorMention] = ()
    places: Sequence[PlaceMention] = ()
    dates: Sequence[DateMention] = ()
    figures: Sequence[FigureMention] = ()
    cues: Sequence[Match[Cue]] | None = None   # find_cues(folded), if the caller already has it
    # (ranges) -> (places, dates, figures) found in those character ranges, called once
    # the rules know which sentences hold events
    extract: Callable[[list[tuple[int, int]]], tuple[Sequence[PlaceMention], Sequence[DateMention],
                                                     Sequence[FigureMention]]] | None = None


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    cues: list[Match[Cue]] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    cats: set[str] = field(default_factory=set)
    parties: set[str] | None = None   # filled on first use by _Doc.sides
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)

    def has(self, cat: str) -> bool:
        return cat in self.cats

    def values(self, cat: str) -> set[str]:
        return {m.payload.value for m in self.cues if m.payload.cat == cat and m.payload.value}

    def neg_domains(self) -> set[str]:
        return self.values("neg")


class _Doc:
    def __init__(self, text: str, folded: str, lang: str, bounds: list[tuple[int, int]],
                 mentions: Mentions, published: date | None) -> None:
        self.text = text
        self.folded = folded
        self.lang = lang
        self.published = published
        self.mentions = mentions
        self.sents = [_Sentence(s, e) for s, e in bounds] or [_Sentence(0, len(text))]
        self._starts = [s.start for s in self.sents]
        cues = find_cues(folded) if mentions.cues is None else mentions.cues
        blocks = [m for m in cues if m.payload.cat == "block"]
        # a context word inside a trigger is not context: "جنگ" (war) in "جنگ بندی" (ceasefire)
        inside = bytearray(len(folded) + 1)
        for t in cues:
            if t.payload.cat in _TRIGGERS:
                inside[t.start + 1:t.end] = b"\x01" * (t.end - t.start - 1)
        kept = []
        for m in cues:
            cat = m.payload.cat
            if cat == "block" or (cat == "conflict" and inside[m.start + 1] and inside[m.end - 1]):
                continue
            if blocks and any(b.start < m.end and m.start < b.end for b in blocks):
                continue
            kept.append(m)
        kept.sort(key=_start)
        self._assign(kept, "cues")
        self._assign(mentions.actors, "actors")
        self._assign(mentions.places, "places")
        self._assign(mentions.dates, "dates")
        self._assign(mentions.figures, "figures")
        for sent in self.sents:
            sent.cats = {m.payload.cat for m in sent.cues}
        # states named outright (a name, an adjective, a person): a capital or a metonym
        # ("Moscow said") speaks for its state only when the state is named too
        self.named_states = {a.code for a in mentions.actors
                             if a.code and a.kind in ("country", "person") and a.via not in ("capital", "metonym")}
        self._venue: dict[int, bool] = {}
        self._contexts: dict[int, _Context] = {}
        self.conflict_sentences = sum(1 for s in self.sents if s.has("conflict"))
        self.neg = Counter(d for s in self.sents for d in s.neg_domains())

    def add_extras(self, found: tuple[Sequence[PlaceMention], Sequence[DateMention], Sequence[FigureMention]]) -> None:
        places, dates, figures = found
        self._assign(places, "places")
        self._assign(dates, "dates")
        self._assign(figures, "figures")

    def context(self, i: int) -> "_Context":
        ctx = self._contexts.get(i)
        if ctx is None:
            ctx = self._contexts[i] = _context(i, self)
        return ctx

    def _assign(self, items: Sequence, attr: str) -> None:
        """Hand each item (sorted by start) to the sentence that contains its start."""
        sents, i, last = self.sents, 0, len(self.sents) - 1
        for item in items:
            while i < last and sents[i + 1].start <= item.start:
                i += 1
            getattr(sents[i], attr).append(item)

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def window(self, i: int, radius: int) -> list[_Sentence]:
        return self.sents[max(0, i - radius): i + radius + 1]

    def sentence_text(self, i: int) -> str:
        s = self.sents[i]
        return self.text[s.start:s.end]

    # --- actors -----------------------------------------------------------------------------

    def is_venue(self, a: ActorMention) -> bool:
        """A state named as the place where something happens ("talks in Angola"), or a
        capital that stands for no state the article names."""
        known = self._venue.get(a.start)
        if known is None:
            if a.kind == "country" and a.via in ("capital", "metonym") and a.code not in self.named_states:
                known = True
            else:
                before = self.folded[max(0, a.start - 12):a.start]
                after = self.folded[a.end:a.end + 6]
                known = bool(_VENUE_BEFORE.search(before) or _VENUE_AFTER.search(after))
            self._venue[a.start] = known
        return known

    def is_former(self, a: ActorMention) -> bool:
        """A person introduced as a former office-holder ("former President", "mantan")."""
        return a.kind == "person" and bool(_FORMER.search(self.folded[max(0, a.start - 40):a.start]))

    def _parties(self, s: _Sentence) -> set[str]:
        parties: set[str] = set()
        for a in s.actors:
            key = _party_key(a)
            if key is None or (a.kind == "country" and self.is_venue(a)) or self.is_former(a):
                continue
            parties.add(key)
        return parties

    def sides(self, sents: Sequence[_Sentence]) -> set[str]:
        """The distinct parties named in `sents`: ISO3 codes and organisation codes.

        An armed group counts as the state it fights in, so a government meeting
        its own rebels is one side, and mediators meeting Hamas are two.
        """
        for s in sents:
            if s.parties is None:
                s.parties = self._parties(s)
        if len(sents) == 1:
            return sents[0].parties
        return set().union(*(s.parties for s in sents))


def _start(m: Match) -> int:
    return m.start


def _party_key(a: ActorMention) -> str | None:
    if a.kind in ("country", "org"):
        return a.code
    if a.kind == "person":
        return a.code
    if a.kind == "group":
        return a.state or f"group:{a.name}"
    return None


def _pick(found: set[str], order: Sequence[str]) -> str | None:
    for value in order:
        if value in found:
            return value
    return None


# --- the three families ----------------------------------------------------------------------


def _looks_out_of_scope(s: _Sentence, doc: _Doc) -> bool:
    """A sentence about sports, business, labour, ... with no conflict cue of its own."""
    if s.has("conflict") or any(a.kind == "group" for a in s.actors):
        return False
    if s.neg_domains() & _HARD_NEG:
        return True
    # an article dominated by an out-of-scope domain and without armed conflict
    top = sum(n for d, n in doc.neg.items() if d in _HARD_NEG)
    return top >= 3 and doc.conflict_sentences <= 1


def _ceasefire_ok(i: int, doc: _Doc) -> bool:
    s = doc.sents[i]
    if _looks_out_of_scope(s, doc):
        return False
    win = doc.window(i, 2)
    conflict = any(w.has("conflict") or w.has("peace") for w in win) or any(
        a.kind == "group" for w in win for a in w.actors)
    named = bool(doc.sides(win))
    if conflict and (named or not doc.neg):
        return True
    # a state or an organisation with the truce and nothing out of scope anywhere
    return named and (doc.conflict_sentences >= 2 or not doc.neg)


def _peace_ok(i: int, trigger: Cue, doc: _Doc) -> bool:
    s = doc.sents[i]
    if _looks_out_of_scope(s, doc):
        return False
    if trigger.cat == "peace":
        win = doc.window(i, 2)
        if doc.sides(win):
            return True
        # no state or organisation around: only in an article that is about an armed conflict
        return not doc.neg and (any(w.has("conflict") or w.has("cf") for w in win) or doc.conflict_sentences >= 2)
    # weak trigger ("negotiations", "agreement"): only next to a ceasefire, an armed group or a conflict
    win = doc.window(i, 1)
    near_cf = any(w.has("cf") for w in win)
    near_conflict = any(w.has("conflict") for w in win) and doc.conflict_sentences >= 2
    near_group = any(a.kind == "group" for w in win for a in w.actors)
    return (near_cf or near_group or near_conflict) and len(doc.sides(doc.window(i, 2))) >= 1


def _meeting_ok(i: int, doc: _Doc) -> bool:
    s = doc.sents[i]
    if _looks_out_of_scope(s, doc):
        return False
    if len(doc.sides([s])) >= 2:
        return True
    if (s.has("official") or s.actors) and len(doc.sides(doc.window(i, 1))) >= 2:
        return True
    # "the two sides", "kedua negara", "双方": the parties are named in the sentences around
    return s.has("both") and len(doc.sides(doc.window(i, 2))) >= 2


def _negotiated_ceasefires(events: list[Event], doc: _Doc) -> list[Event]:
    """A ceasefire agreed in a meeting or call two sentences away was negotiated: also a
    peace-process milestone (taxonomy: "a ceasefire that the text says was negotiated")."""
    if any(e.family == "peace_process" for e in events):
        return events
    meetings = [doc.index(e.evidence.start) for e in events if e.family == "diplomatic_meeting" and e.evidence]
    for e in events:
        if e.family == "ceasefire" and e.status in ("agreed", "extended") and e.evidence:
            i = doc.index(e.evidence.start)
            if any(abs(i - j) <= 2 for j in meetings):
                trigger = next(m for m in doc.sents[i].cues if m.start == e.evidence.start)
                events.append(_peace_event(i, trigger, doc, stage="agreed"))
                break
    return events


def _talks_are_meeting(i: int, peace: Event, doc: _Doc) -> bool:
    """Talks held between two sides at a venue, or with a mediator, are also a meeting."""
    if peace.family != "peace_process" or peace.stage not in ("held", "agreed", "signed", "progress"):
        return False
    s = doc.sents[i]
    venue = bool(s.places) or any(a.kind == "country" and doc.is_venue(a) for a in s.actors)
    if not venue:
        return False
    return len(doc.sides(doc.window(i, 1) if s.has("mediate") or s.has("both") else [s])) >= 2


def tag_text(text: str, folded: str, lang: str, bounds: list[tuple[int, int]],
             mentions: Mentions, published: date | None = None) -> list[Event]:
    """The events of one text, at most one per family and sentence, in text order.

    With `mentions.extract`, places, dates and figures are found only once the rules
    have accepted a trigger, and only in its sentence and the neighbours.
    """
    doc = _Doc(text, folded, lang, bounds, mentions, published)
    decisions: list[tuple[int, Match[Cue] | None, Match[Cue] | None, list[Match[Cue]]]] = []
    for i, s in enumerate(doc.sents):
        if not s.cats & _TRIGGERS:
            continue
        cf = next((m for m in s.cues if m.payload.cat == "cf"), None)
        if cf is not None and not _ceasefire_ok(i, doc):
            cf = None
        # a strong trigger ("peace talks") speaks for the sentence before a weak one ("talks")
        peace = sorted((m for m in s.cues if m.payload.cat in ("peace", "talks")), key=lambda m: m.payload.cat != "peace")
        trigger = next((m for m in peace if _peace_ok(i, m.payload, doc)), None)
        meet = [m for m in s.cues if m.payload.cat == "meet"] if s.has("meet") and _meeting_ok(i, doc) else []
        if cf or trigger or meet:
            decisions.append((i, cf, trigger, meet))
    if mentions.extract is not None and decisions:
        doc.add_extras(mentions.extract(_ranges({i for i, *_ in decisions}, doc)))

    events: list[Event] = []
    for i, cf, trigger, meet in decisions:
        s = doc.sents[i]
        peace_here = False
        if cf is not None:
            events.append(_ceasefire_event(i, cf, doc))
            if s.has("mediate"):
                events.append(_peace_event(i, cf, doc, stage="agreed"))
                peace_here = True
        if trigger is not None and not peace_here:
            events.append(_peace_event(i, trigger, doc))
        if meet:
            events.append(_meeting_event(i, meet, doc))
        elif trigger is not None and _talks_are_meeting(i, events[-1], doc):
            events.append(_meeting_event(i, [trigger], doc))
    return _negotiated_ceasefires(events, doc)


def _ranges(indices: set[int], doc: _Doc, radius: int = 1) -> list[tuple[int, int]]:
    """Character ranges of the sentences in `indices` and their neighbours, merged."""
    wanted = sorted({j for i in indices for j in range(max(0, i - radius), min(len(doc.sents), i + radius + 1))})
    ranges: list[tuple[int, int]] = []
    for j in wanted:
        s = doc.sents[j]
        if ranges and j - 1 in wanted:
            ranges[-1] = (ranges[-1][0], s.end)
        else:
            ranges.append((s.start, s.end))
    return ranges


# --- building events ----------------------------------------------------------------------------


def _base(family: str, i: int, trigger: Match[Cue], doc: _Doc) -> Event:
    """An event of `family` triggered in sentence i, with who, where, when and how many
    from that sentence (figures from its neighbours too)."""
    s = doc.sents[i]
    ctx = doc.context(i)
    ev = Event(family=family, actors=ctx.actors, where=ctx.where, when=ctx.when,
               figures=dict(ctx.figures), mediators=ctx.mediators)
    ev.evidence = Evidence(
        text=doc.text[trigger.start:trigger.end], start=trigger.start, end=trigger.end,
        sentence=doc.text[s.start:s.end],
    )
    return ev


@dataclass(slots=True)
class _Context:
    """What every event of one sentence shares."""

    actors: list[dict]
    mediators: list[str]
    where: dict | None
    when: dict | None
    figures: dict[str, int]


def _context(i: int, doc: _Doc) -> _Context:
    s = doc.sents[i]
    seen: set[tuple] = set()
    actors = []
    for a in s.actors:
        key = (a.kind, a.code, a.name)
        if key not in seen and not (a.kind == "country" and doc.is_venue(a)):
            seen.add(key)
            actors.append(_actor_dict(a))
    where = when = None
    if s.places:
        p = s.places[0]
        where = {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}
    if s.dates:
        d = s.dates[0]
        when = {"date": d.date, "precision": d.precision, "text": doc.text[d.start:d.end]}
    figures: dict[str, int] = {}
    for w in doc.window(i, 1):
        for f in w.figures:
            figures.setdefault(f.kind, f.value)
    return _Context(actors, _mediators(s, doc), where, when, figures)


def _mediators(s: _Sentence, doc: _Doc) -> list[str]:
    """States and organisations named next to a mediation word: "mediated by Qatar and
    Egypt", "under Omani mediation", "بوساطة مصرية", "在中方的斡旋下"."""
    cues = [m for m in s.cues if m.payload.cat == "mediate"]
    out: list[str] = []
    for a in s.actors:
        key = _party_key(a)
        if a.kind == "country" and doc.is_venue(a):
            continue
        if key and not key.startswith("group:") and key not in out and any(
                m.start - 30 <= a.start <= m.end + 60 for m in cues):
            out.append(key)
    return out


def _actor_dict(a: ActorMention) -> dict:
    d = {"kind": a.kind, "code": a.code, "name": a.name}
    if a.role:
        d["role"] = a.role
    if a.state:
        d["state"] = a.state
    return d


def _ceasefire_event(i: int, trigger: Match[Cue], doc: _Doc) -> Event:
    s = doc.sents[i]
    ev = _base("ceasefire", i, trigger, doc)
    status = _pick(s.values("cf.status"), _CF_STATUS_ORDER)
    if status is None and doc.published and ev.when and ev.when["precision"] == "year":
        if int(ev.when["date"][:4]) < doc.published.year:
            status = "historical"
    if status is None:
        years = [int(y) for y in _YEAR.findall(doc.text[s.start:s.end])]
        if doc.published and years and max(years) < doc.published.year - 1:
            status = "historical"
    ev.status = status or "in_effect"
    ev.cameo = [_CAMEO_CF[ev.status]]
    return ev


def _peace_event(i: int, trigger: Match[Cue], doc: _Doc, stage: str | None = None) -> Event:
    s = doc.sents[i]
    ev = _base("peace_process", i, trigger, doc)
    found = s.values("stage")
    if trigger.payload.cat == "peace" and trigger.payload.value:
        found.add(trigger.payload.value)
    ev.stage = stage or _pick(found, _STAGE_ORDER) or ("scheduled" if s.has("fut") else "held")
    cameo = [_CAMEO_STAGE[ev.stage]]
    if s.has("mediate"):
        cameo.append("045")
    ev.cameo = cameo
    return ev


def _meeting_event(i: int, triggers: list[Match[Cue]], doc: _Doc) -> Event:
    s = doc.sents[i]
    trigger = triggers[0]
    ev = _base("diplomatic_meeting", i, trigger, doc)
    modes = {m.payload.value for m in triggers if m.payload.value}
    parties = doc.sides([s])
    ev.mode = _pick(modes, ("call", "summit", "visit", "multilateral", "bilateral")) or (
        "multilateral" if len(parties) >= 3 else "bilateral"
    )
    ev.status = _pick(s.values("meet.status"), _MEET_STATUS_ORDER) or ("held")
    cameo = ["036"] if ev.status in ("scheduled", "proposed") else [_CAMEO_MEET.get(ev.mode, "040")]
    if s.has("mediate"):
        cameo.append("045")
    ev.cameo = cameo
    return ev
