"""Stage 2: one frame per mention, its arguments taken from the trigger's clause.

Arguments are chosen by nearness to the trigger inside its sentence (the place and
date nearest the trigger, not the first in the sentence), leaving out what a dateline
names ("JAKARTA –" is where the report was filed). What the sentence lacks may come
from its context:

- a date: the date the previous four sentences set, the nearest first ("Pada 2020 lalu,
  ..." dates what follows; a statement's own date and the start of a period, "since
  October 2023", do not), kept as *carried*, so that
  it never splits frames in the merge stage;
- parties: for "both sides" / "kedua negara" / "双方", the sides named in the sentences
  before; for a meeting whose sentence names one side, the sides around it;
- a place: a state named as a venue ("talks in Angola"), else the dateline's city when
  its state is one of the parties (a meeting reported from the host's capital).

A mention is *anaphoric* when a demonstrative stands next to its trigger ("the talks",
"pertemuan tersebut", "该会谈", "эта встреча"): it refers back to an event already
framed, and the merge stage attaches it to that frame without taking its parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from ..datafiles import Form, read_rows, read_word_lists
from ..dates import bare_weekday, is_anniversary, starts_a_period, starts_from
from ..matcher import ANYWHERE_SCRIPTS, script_of
from ..model import ActorMention, DateMention, PlaceMention
from ..textutil import fold
from .document import _VENUE_BEFORE, TRIGGERS, _context_forms, Document, Sentence, party_key
from .mentions import CF_STATUS_ORDER, STAGE_ORDER, Mention, meeting_window

__all__ = ["Frame", "build_frames", "is_anaphoric", "country_name", "mention_value", "place_dict", "MEET_STATUS_ORDER",
           "sides_between", "one_side_accepts"]

MEET_STATUS_ORDER = ("cancelled", "scheduled", "proposed")
_PLANNED = frozenset({"scheduled", "proposed"})
_PLAN_VALUES = frozenset({"scheduled", "proposed", "called_for", "cancelled"})
_BEFORE_IMPLEMENTATION = frozenset({"proposed", "scheduled", "agreed", "signed"})
# stages that a future cue ("akan", "will") turns into a plan
_DONE_STAGES = frozenset({"held", "implemented", "signed", "progress"})
# what has happened: a meeting or talks held, a step taken, a truce broken or over
_DONE = frozenset({"held", "implemented", "signed", "progress", "stalled", "collapsed", "violated", "ended"})

_ANAPHOR_GAP = 3         # characters between a demonstrative and its trigger
_AGREED_TO_GAP = 12       # characters between "agreed" and the step agreed on ("agreed to advance")
_TRUCE_AREA_GAP = 16     # characters between a truce word and the area it covers ("truce in the Gaza Strip")
_AREA_BEFORE_TRUCE_GAP = 4   # ... and between an area and the truce word after it ("Gaza ceasefire", "东部的停火")
# a mediator is named right before a mediation word ("Qatari-mediated", "中方的斡旋") or
# after it ("mediated by Qatar and Egypt", "بوساطة مصرية")
_MEDIATOR_BEFORE, _MEDIATOR_AFTER = 40, 60


@dataclass(slots=True)
class Frame:
    """An event being assembled: its mentions and the arguments found for them."""

    family: str
    mentions: list[Mention]
    actors: list[ActorMention] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)
    mediators: list[str] = field(default_factory=list)
    where: dict | None = None
    where_rank: int = 0          # 3 a place in the clause, 2 a state named as venue, 1 the dateline
    where_marked: bool = False   # introduced as a venue ("in Doha"): a different one is a different event
    when: DateMention | None = None
    when_carried: bool = False
    figures: dict[str, int] = field(default_factory=dict)
    anaphoric: bool | None = None   # refers back ("pertemuan tersebut", "the talks"): joins the latest frame
    values: list[str | None] = field(default_factory=list)   # the status or stage each mention states
    stated: list[bool] = field(default_factory=list)         # ... in words of its own, not by default
    sides_inherited: bool = False   # its sentences name no side: it took the conflict's
    one_of_list: bool = False       # one bilateral meeting of "bilateral meetings with A, B and C"
    modes: set[str] = field(default_factory=set)
    thanked_for: bool = False       # what a word of thanks or praise is for: an event already told

    @property
    def head(self) -> Mention:
        return self.mentions[0]


def build_frames(mentions: list[Mention], doc: Document) -> list[Frame]:
    """One frame per mention, in text order."""
    return [_frame(m, doc) for m in mentions]


def _frame(m: Mention, doc: Document) -> Frame:
    s = doc.sents[m.sent]
    t = m.trigger.start
    f = Frame(m.family, [m])
    f.actors = _party_mentions(m, doc)
    f.parties = {k for a in f.actors if (k := party_key(a))}
    f.mediators = list(_mediators_of(s, doc))
    if m.family == "diplomatic_meeting" and f.mediators and s.has("topic"):
        off = _topic_only_mediators(s, f.mediators, doc)
        f.mediators = [k for k in f.mediators if k not in off]
    f.where, f.where_rank, f.where_marked = _where(m, s, f.parties, f.mediators, doc)
    value = mention_value(m, s, doc.text)
    f.when, f.when_carried = _when(m.sent, t, doc, planned=value == "scheduled", family=m.family)
    f.values = [value]
    f.stated = [value is not None and _stated(m, s)]
    if f.when_carried and value in _PLANNED and doc.published and f.when.date < doc.published.isoformat()[:len(f.when.date)]:
        f.when, f.when_carried = None, False      # a plan is not dated by the past its context tells
    done = value in _DONE or value == "agreed" and m.family == "peace_process"
    if f.when_carried and done and doc.published and f.when.date[:7 if doc.published_precision == "month" else 10] \
            > doc.published.isoformat()[:len(f.when.date)]:
        f.when, f.when_carried = None, False      # nor what has happened by the future its context tells
    if f.when is not None and not f.when_carried:
        f.when = _weekday_ahead(f.when, s, doc, planned=value == "scheduled")
    if m.family == "diplomatic_meeting":
        f.modes = {t.payload.value for t in m.triggers if t.payload.value and not _summit_as_setting(s, t, doc)
                   and not _summit_beside_a_bilateral(t, m.triggers)}
    if m.refers_back:
        f.anaphoric, f.when, f.when_carried = True, None, False
    elif m.family == "peace_process" and s.has("content") and m.trigger.payload.value == "implemented" \
            and value in _NO_STAGE_SAID and _deals_content(s, m.trigger.start, m.trigger.end):
        # "the proposal includes a prisoner exchange": part of the deal told before, whose
        # stage it shares (it states none of its own; "the deal, which includes an exchange,
        # was signed" keeps the signing)
        f.anaphoric, f.values, f.stated = True, [None], [False]
    elif s.has("thanks") and value not in _PLAN_VALUES and _thanked_for(s, m.trigger, doc.text):
        # (a plan told after thanks, "thanked him for the invitation and said he would visit
        # Moscow in May", is news of its own)
        f.anaphoric = f.thanked_for = True   # (its date stays for an event told first here)
    return f


def _thanked_for(s: Sentence, trigger, text: str) -> bool:
    """Is the trigger what a word of thanks or praise in its sentence is for ("thanked Oman for
    hosting the talks", "expressed gratitude to the mediators"; `post`, before the word, in
    languages that put it there: "회담을 주최한 오만에 감사를 표했다"), in the same clause?
    Thanks and praise look back on an event the article has told; they report no new one.
    Not the call in which the thanks were said ("Trump called me and thanked me"), nor talks
    of another clause ("he thanked me, but I said the talks were not my work alone")."""
    for c in s.cues_of("thanks"):
        gap = (c.end, trigger.start) if c.payload.value == "pre" else (trigger.end, c.start)
        if gap[0] <= gap[1] and not any(text[i] in _CLAUSE_ENDS and not _in_a_list(s, i)
                                        for i in range(*gap)):
            return True
    return False


_LIST_COMMA_GAP = 4   # a case ending between a name and the comma after it ("Կատարի, Եգիպտոսի")


def _in_a_list(s: Sentence, i: int) -> bool:
    """Is the punctuation mark at i a comma between names ("Qatar, Egypt and Turkey")?"""
    return any(0 <= i - a.end <= _LIST_COMMA_GAP for a in s.actors)


def mention_value(m: Mention, s: Sentence, text: str) -> str | None:
    """The status or stage one mention states, from the cue words of its sentence
    (None for a ceasefire that no cue qualifies); `text` is the article's text."""
    fut = s.has("fut")
    if m.family == "ceasefire":
        status = _nearest(s, "cf.status", m.trigger, CF_STATUS_ORDER, goals=s.has("aim"))
        if status is None and truce_only_sought(s):
            return "proposed"   # "hoping to reach a ceasefire": sought, not agreed
        if status in (None, "agreed") and not fut and s.has("under") and _within(m.trigger, _under_a_deal(s, text)):
            status = "in_effect"   # "released as part of the ceasefire": a truce carried out is in force
        if status == "agreed" and s.has("terms") and _agrees_to_terms(s, m.trigger, text):
            status = "proposed"   # "Israel agreed to the terms of the truce": one side's yes
        if status in (None, "agreed") and s.has("anniversary") and _an_anniversary(s, m.trigger, text):
            status = "historical"   # "the 70th anniversary of the armistice": the truce is background
        if fut and status == "in_effect":
            return "agreed"     # "will take effect on Sunday": agreed, not yet in force
        if fut and status == "extended":
            return None         # "could be extended": no new state
        if status in _TRUCE_FATES and _aimed(s, m.trigger.start, m.trigger.end):
            return None         # "talks to restore the truce failed": the talks failed, not the truce
        return status
    if m.family == "peace_process":
        found = _values(s, "stage", m.trigger) - _aimed_steps(s) - _outshone_steps(s) - _topic_steps(s, text)
        own = m.trigger.payload.value if m.trigger.payload.cat == "peace" else None
        fixed = m.stage
        framework = _under_a_deal(s, text) if s.has("under") else []
        if framework:
            # "released as part of the US-brokered ceasefire deal": the deal is the framework
            # of what the sentence reports, which carries it out; its words are not the stage
            found -= _framework_steps(s, framework)
            if _within(m.trigger, framework):
                own = fixed = None
        if own and _within_longer_step(s, m.trigger.start, m.trigger.end):
            own = None          # "close to a peace agreement": the agreement is not reached
        if own in _ACHIEVED and _aimed(s, m.trigger.start, m.trigger.end):
            own = None          # "talks aimed at a peace agreement": the agreement is their goal
        if own in _ACHIEVED and s.has("topic") and _on_topic(s, text, m.trigger.start, m.trigger.end):
            own = None          # "met to discuss the peace agreement": the agreement is their topic
        if own == "implemented" and any(c.end <= m.trigger.start for c in s.cues_of("talks")):
            own = None          # "negotiations on the exchange of prisoners": its topic, not done yet
        if s.has("content") and _deals_content(s, m.trigger.start, m.trigger.end):
            # "the proposal includes a prisoner exchange and a withdrawal": what a deal holds
            own = None if own == "implemented" else own
            found -= _content_steps(s)
        # a step of implementation (an exchange, a withdrawal, monitors) that the sentence
        # says was agreed, proposed or planned is at that stage, not carried out yet
        if own and not (own == "implemented" and found & _BEFORE_IMPLEMENTATION):
            found.add(own)
        if "agreed" in (found | {fixed}) and one_side_agrees_to_terms(s, text):
            found.discard("agreed")    # "Israel agreed to the terms of the truce": one side's yes to a
            found.add("proposed")      # truce offered, as the truce itself (no deal of the talks yet)
            fixed = "proposed" if fixed == "agreed" else fixed
        if "agreed" in (found | {fixed}) and _only_accepted(s, "stage", [m.trigger] if own == "agreed" else []):
            found.discard("agreed")    # "Hamas accepted the ceasefire deal": the talks moved on, no deal yet
            found.add("progress")
            fixed = None if fixed == "agreed" else fixed
        if {"agreed", "progress"} <= found and _agreed_to_progress(s):
            found.discard("agreed")    # "agreed to advance the talks" is progress, not a deal
        if framework and not fixed and not found & _BEFORE_IMPLEMENTATION:
            found.add("implemented")
        stage = fixed or _pick(found, STAGE_ORDER) or ("scheduled" if fut else "held")
        if fut and fixed is None and stage in _DONE_STAGES:
            stage = "scheduled"
        return stage
    # a trigger that is itself a status word ("посетит" will visit, "يتوجه" heads to) says it
    # a status word qualifies the meeting it stands near, not a truce named later in the sentence
    status = _pick(_values(s, "meet.status", m.trigger, own=True, within=_MEET_CUE_REACH), MEET_STATUS_ORDER)
    return status or ("scheduled" if fut else "held")


_ACHIEVED = frozenset({"agreed", "signed", "implemented"})
# what a truce's own sentence may say became of it; not of a truce that is only the goal of
# something else ("negotiations to bring back a ceasefire have failed")
_TRUCE_FATES = frozenset({"in_effect", "violated", "ended", "extended"})
_REACHED = frozenset({"agreed"})   # a truce agreed can be a goal; one in effect is not
_AIM_BEFORE = 30   # "aimed at eventually reaching a", "旨在最终达成"
_AIM_AFTER = 12    # "anlaşmaya varmak için", "合意を目指す"


def _aimed(s: Sentence, start: int, end: int) -> bool:
    """Is the step written at start..end a goal, not a step taken: a word of purpose right
    before it ("aimed at", "in order to reach", "旨在") or, in languages that put it after,
    right after it ("için", "に向け", "위해")?"""
    return _governed(s, "aim", start, end, _AIM_BEFORE, _AIM_AFTER)


def _governed(s: Sentence, cat: str, start: int, end: int, before: int, after: int) -> bool:
    """Does a word of `cat` govern the words at start..end: a `pre` one ending at most `before`
    characters ahead of them, or a `post` one (languages that put it after) starting at most
    `after` characters behind them?"""
    for c in s.cues_of(cat):
        if ((c.payload.value == "pre" and 0 <= start - c.end <= before)
                or (c.payload.value == "post" and 0 <= c.start - end <= after)):
            return True
    return False


def _deals_content(s: Sentence, start: int, end: int) -> bool:
    """Is the step written at start..end what a deal or proposal holds, not a step taken: a
    word of content right before it ("includes", "provides for", "prevé", "предусматривает",
    "يتضمن") or, in languages that put it after, right after it ("öngörüyor", "शामिल है",
    "を含む")?"""
    return _governed(s, "content", start, end, _CONTENT_BEFORE, _CONTENT_AFTER)


def _content_steps(s: Sentence) -> set[str]:
    """Steps of implementation that the sentence names only as what a deal holds: every
    'implemented' cue within reach of a word of content, or one after another such step
    ("includes a prisoner exchange and the withdrawal of troops")."""
    steps = [c for c in s.cues_of("stage") if c.payload.value == "implemented"]
    if steps and all(_deals_content(s, c.start, c.end) or any(
            _deals_content(s, o.start, o.end) for o in s.cues_of("peace") if o.end <= c.start) for c in steps):
        return {"implemented"}
    return set()


_NO_STAGE_SAID = frozenset({"held", "scheduled"})   # mention_value's defaults
_CONTENT_BEFORE = 30   # "includes the release of all hostages and a prisoner exchange"
_CONTENT_AFTER = 25    # "esir takasını öngörüyor", "बंधकों की रिहाई शामिल है"


def truce_only_sought(s: Sentence) -> bool:
    """Does the sentence name a truce's agreement only as a goal ("hoping to reach a truce",
    "ateşkese varmak için")?"""
    if not s.has("aim"):
        return False
    agreed = [c for c in s.cues_of("cf.status") if c.payload.value == "agreed"]
    return bool(agreed) and all(_aimed(s, c.start, c.end) for c in agreed)


def truce_only_discussed(s: Sentence, text: str) -> bool:
    """Does the sentence name a truce's agreement only as what talks or a meeting discuss
    ("met to discuss extending the ceasefire agreement", "untuk membahas perpanjangan
    kesepakatan gencatan senjata")? `text` is the article's text."""
    if not s.has("topic"):
        return False
    agreed = [c for c in s.cues_of("cf.status") if c.payload.value == "agreed"]
    return bool(agreed) and all(_on_topic(s, text, c.start, c.end) for c in agreed)


def _aimed_steps(s: Sentence) -> set[str]:
    """The achievements (agreed, signed, implemented) the sentence names only as goals."""
    if not s.has("aim"):
        return set()
    steps = [c for c in s.cues_of("stage") if c.payload.value in _ACHIEVED]
    goals = {c.payload.value for c in steps if _aimed(s, c.start, c.end)}
    return goals - {c.payload.value for c in steps if not _aimed(s, c.start, c.end)}


_TOPIC_AFTER = 40   # "to discuss the second phase of the deal", "untuk membahas perpanjangan kesepakatan"


def _on_topic(s: Sentence, text: str, start: int, end: int) -> bool:
    """Is start..end in what the sentence's talks discuss: after a word that introduces a
    topic (lexicon `topic`, `pre`: "to discuss", "لبحث", "untuk membahas") that follows the
    talks or meeting, in the same clause; or right before one that follows its topic and
    precedes the talks (`post`: "anlaşma hakkında müzakereler", "합의에 대해 논의")? Only the
    topic of talks: "spoke about how the two sides signed the agreement" reports a signing."""
    talks = [c for cat in ("meet", "talks") for c in s.cues_of(cat)]
    for t in s.cues_of("topic"):
        if t.payload.value == "post":
            if 0 <= t.start - end <= _TOPIC_BEFORE and any(c.start >= t.end for c in talks):
                return True
        elif (0 <= start - t.end <= _TOPIC_AFTER and any(c.end <= t.start for c in talks)
              and not any(ch in _CLAUSE_ENDS for ch in text[t.end:start])):
            return True
    return False


def _topic_steps(s: Sentence, text: str) -> set[str]:
    """The achievements (agreed, signed, implemented) the sentence names only as what is
    discussed ("met to discuss the second phase of the deal": talks held, no deal agreed)."""
    if not s.has("topic"):
        return set()
    steps = [c for c in s.cues_of("stage") if c.payload.value in _ACHIEVED]
    topics = {c.payload.value for c in steps if _on_topic(s, text, c.start, c.end)}
    return topics - {c.payload.value for c in steps if not _on_topic(s, text, c.start, c.end)}


_CLAUSE_ENDS = frozenset(",;:،؛，、；。")

_UNDER_BEFORE = 30   # "as part of the US-brokered ceasefire deal", "в рамках соглашения"
_UNDER_AFTER = 25    # "ateşkes anlaşmasının ilk aşaması kapsamında", "합의에 따라"
# what a framework phrase may not hold: a deal only sought, offered, planned or talked about
# ("as part of efforts to reach a deal", "in line with the proposed deal") is no framework
_NOT_A_FRAMEWORK = frozenset({"aim", "talks", "meet", "topic", "fut"})
_UNSETTLED = frozenset({"proposed", "called_for", "scheduled"})


def _framework_nouns(s: Sentence) -> list:
    """The sentence's words for a deal in force: agreement nouns, truces, and peace triggers of
    an agreement reached or carried out, in text order."""
    nouns = [*s.cues_of("deal"), *s.cues_of("cf"),
             *(c for c in s.cues_of("peace") if c.payload.value in _ACHIEVED)]
    return sorted(nouns, key=lambda c: c.start)


def _under_a_deal(s: Sentence, text: str) -> list[tuple[int, int]]:
    """The spans of the sentence that name a deal as the framework of what it reports: a
    word of 'under, as part of, in line with' (lexicon `under`) and the deal it introduces,
    after it (`pre`: "as part of the ceasefire deal", "в рамках соглашения", "في إطار
    الاتفاق") or before it (`post`: "anlaşma kapsamında", "합의에 따라", "समझौते के तहत"),
    with the nouns joined to that deal ("the deal on a ceasefire"), in one clause."""
    nouns = _framework_nouns(s)
    if not nouns:
        return []
    spans = []
    for u in s.cues_of("under"):
        if u.payload.value == "post":
            near = [n for n in nouns if 0 <= u.start - n.end <= _UNDER_AFTER]
            if not near:
                continue
            first = near[-1]
            for n in reversed(nouns[:nouns.index(first)]):
                if 0 <= first.start - n.end <= _COMPOUND_GAP:
                    first = n
            span = (first.start, u.end)
            gap = (near[-1].end, u.start)
        else:
            first = next((n for n in nouns if 0 <= n.start - u.end <= _UNDER_BEFORE), None)
            if first is None:
                continue
            last = first
            for n in nouns[nouns.index(first) + 1:]:
                if 0 <= n.start - last.end <= _COMPOUND_GAP:
                    last = n
            span = (u.start, last.end)
            gap = (u.end, first.start)
        if any(ch in _CLAUSE_ENDS for ch in text[span[0]:span[1]]):
            continue
        if any(c.payload.cat in _NOT_A_FRAMEWORK and span[0] <= c.start < span[1] and not _is_mediation_word(s, c)
               for c in s.cues):
            continue
        if any(c.payload.value in _UNSETTLED and span[0] <= c.start < span[1]
               for cat in ("stage", "cf.status") for c in s.cues_of(cat)):
            continue
        # a word of reaching or signing between the two ("as part of efforts that reached a
        # deal") tells of the deal, not of what was done under it; a mediation word ("the
        # US-brokered deal") names who brokered it
        if any(gap[0] <= c.start and c.end <= gap[1] and not _is_mediation_word(s, c) for c in s.cues_of("stage")):
            continue
        spans.append(span)
    return spans


#: at most this many characters between a framework deal and the mediation word after it
_FRAMEWORK_MEDIATION_GAP = 2


def _is_mediation_word(s: Sentence, c) -> bool:
    return any(d.start <= c.start and c.end <= d.end for d in s.cues_of("mediate"))


def _within(c, spans: list[tuple[int, int]]) -> bool:
    return any(a <= c.start and c.end <= b for a, b in spans)


def _framework_steps(s: Sentence, spans: list[tuple[int, int]]) -> set[str]:
    """The stages the sentence names only inside the framework phrases `spans` ("brokered"
    and "deal" in "as part of the US-brokered ceasefire deal"), or in a word of mediation
    right after one, which tells who brokered the framework ("under a deal brokered by the
    UAE"), not that a deal was reached."""
    steps = s.cues_of("stage")
    inside = [c for c in steps if _within(c, spans) or _brokered_framework(s, c, spans)]
    return {c.payload.value for c in inside} - {c.payload.value for c in steps if c not in inside}


def _brokered_framework(s: Sentence, c, spans: list[tuple[int, int]]) -> bool:
    return _is_mediation_word(s, c) and any(0 <= c.start - b <= _FRAMEWORK_MEDIATION_GAP for _, b in spans)


def _within_longer_step(s: Sentence, start: int, end: int) -> bool:
    """Does a longer stage cue hold start..end ("agreement" in "close to an agreement")?"""
    return any(c.start <= start and end <= c.end and c.end - c.start > end - start for c in s.cues_of("stage"))


def _outshone_steps(s: Sentence) -> set[str]:
    """The stages the sentence names only inside a longer stage phrase of another stage:
    "close to an agreement", "близки к соглашению", "קרובים להסכמה" are progress, and the
    agreement inside them is not reached."""
    cues = s.cues_of("stage")
    if len(cues) < 2:
        return set()
    inner = [_within_longer_step(s, c.start, c.end) for c in cues]
    return ({c.payload.value for c, i in zip(cues, inner) if i}
            - {c.payload.value for c, i in zip(cues, inner) if not i})


def _stated(m: Mention, s: Sentence) -> bool:
    """Does the mention's sentence say its status or stage in a cue word (not a default,
    nor a stage its trigger implies, such as "prisoner exchange")?"""
    cat = _VALUE_CATS.get(m.family, "meet.status")
    return m.stage is not None or bool(_values(s, cat, m.trigger, own=m.family == "diplomatic_meeting",
                                                    within=_MEET_CUE_REACH if m.family == "diplomatic_meeting" else None))


_VALUE_CATS = {"ceasefire": "cf.status", "peace_process": "stage"}


def _agreed_to_progress(s: Sentence) -> bool:
    """An agreement cue governing a progress cue right after it ("sepakat memajukan",
    "agreed to advance", "договорились ускорить")."""
    agreed = [c for c in s.cues_of("stage") if c.payload.value == "agreed"]
    progress = [c for c in s.cues_of("stage") if c.payload.value == "progress"]
    return any(0 <= p.start - a.end <= _AGREED_TO_GAP for a in agreed for p in progress)


_ACCEPT_BEFORE = 30   # "accepted the Egyptian ceasefire proposal", "chấp nhận đề xuất ngừng bắn"
_ACCEPT_AFTER = 12    # "د اوربند وړاندیز منلی", "停戦案を受け入れ"


def _accepts(s: Sentence, c) -> bool:
    """Is the cue c (an agreement word) what a word of accepting takes: the word itself
    ("accepted", "ยอมรับ") or what it accepts, after it (`pre`: "accepted the ceasefire
    agreement") or before it (`post`: "د اوربند موافقې په منل", "合意を受け入れ")?"""
    return (any(a.start < c.end and c.start < a.end for a in s.cues_of("accept"))
            or _governed(s, "accept", c.start, c.end, _ACCEPT_BEFORE, _ACCEPT_AFTER)
            or _agrees_to_a_proposal(s, c))


def _agrees_to_a_proposal(s: Sentence, c) -> bool:
    """Is the agreement word c a yes to a proposal, which is its object: a word of proposal
    within reach after it ("agreed to the Egyptian ceasefire proposal", "บรรลุข้อตกลง...
    เกี่ยวกับข้อเสนอหยุดยิง", "setuju dengan usulan") or, in languages that put the verb last,
    right before it ("停戦案に同意", "제안에 동의")? Agreeing to what one side proposed is
    accepting it. An agreement noun (lexicon `deal`) is such a yes only as the object of an
    agreement verb that is one ("reached an agreement on the proposal"): "the ceasefire
    agreement proposed by Qatar took effect" names a deal, accepted by no one."""
    proposals = [p for p in s.cues_of("stage") if p.payload.value == "proposed"]
    if _is_a_deal_noun(s, c):
        return any(v.end <= c.start and _agrees_to_a_proposal(s, v) for v in s.cues_of("stage")
                   if v.payload.value == "agreed" and not _is_a_deal_noun(s, v)
                   and any(p.start >= c.end and 0 <= p.start - v.end <= _ACCEPT_BEFORE for p in proposals))
    for p in proposals:
        if p.start < c.end and c.start < p.end:
            continue
        if 0 <= p.start - c.end <= _ACCEPT_BEFORE or 0 <= c.start - p.end <= _ACCEPT_AFTER:
            return True
    return False


def _is_a_deal_noun(s: Sentence, c) -> bool:
    return any(d.start <= c.start and c.end <= d.end for d in s.cues_of("deal"))


def _only_accepted(s: Sentence, cat: str, extra=()) -> bool:
    """Does the sentence tell of an agreement only as one side accepting a proposal, truce
    or deal ("Hamas said it accepted the ceasefire proposal", "đã chấp nhận đề xuất"): every
    agreement word of `cat` (and `extra`) is accepted, and no two sides accept it together
    ("both sides accepted", "the army and the RSF accepted")? One side's yes is a step of
    the talks, not yet a deal."""
    if not (s.has("accept") or "proposed" in s.values("stage")) or s.has("both"):
        return False
    agreed = [c for c in s.cues_of(cat) if c.payload.value == "agreed"] + list(extra)
    if not agreed or not all(_accepts(s, c) for c in agreed):
        return False
    # who accepts is named right before the word of accepting, or before what it accepts
    # in a language that puts the verb last ("د حماس لخوا د اوربند موافقې په منل")
    # (or before the proposal it agrees to, when that comes first: "حماس با پیشنهاد ... مصر
    # موافقت کرد", where the proposer is named after the proposal)
    first = min([a.start for a in s.cues_of("accept")] + [c.start for c in agreed]
                + [p.start for p in s.cues_of("stage") if p.payload.value == "proposed"
                   and any(0 <= c.start - p.end <= _ACCEPT_AFTER for c in agreed)])
    return len(_sides_in(s, _accepters_from(s, first), first)) < 2


def _accepters_from(s: Sentence, first: int) -> int:
    """Where the accepters of an agreement word at `first` may be named: the 40 characters
    before it, but after a word of saying there when a side is named between that word and
    the agreement ("the US president said Israel agreed": the speaker is no accepter; "Israel
    and Hamas said they agreed" names no side after the word, so its subjects still count)."""
    start = first - _ACCEPTER_BEFORE
    for c in s.cues_of("say"):
        if start <= c.end <= first and _sides_in(s, c.end, first):
            start = c.end
    return start


def _sides_in(s: Sentence, start: int, end: int) -> set[str]:
    """The sides (states, organisations, people, armed groups) named between start and end."""
    return {a.code if a.kind != "group" else a.name for a in s.actors
            if start <= a.start and a.end <= end and a.kind in ("country", "org", "person", "group")}


_ACCEPTER_BEFORE = 40   # "the army and the RSF accepted", "Israel and Hamas have accepted"


def _agrees_to_terms(s: Sentence, trigger, text: str) -> bool:
    """Does one side agree to a truce's terms ("Israel has agreed to the terms of a 60-day
    truce", "Իսրայելը համաձայնել է ... հրադադարի պայմաններին"): the truce is named with a
    word for its terms (lexicon `terms`, in its clause and at most a short phrase away: "the
    terms of a 60-day truce", "the truce's necessary conditions"), and no two sides agree
    together (no `both` word before the truce or its agreement word, fewer than two sides named
    in the 40 characters before the first of them or after an agreement word that follows the
    truce: "the terms of the truce agreed by Israel and Hamas")? One side's yes leaves the truce
    proposed."""
    agreed = [c for c in s.cues_of("cf.status") if c.payload.value == "agreed"]
    last = max([trigger.end] + [c.end for c in agreed])
    if any(c.start < last for c in s.cues_of("both")):
        return False   # "both sides agreed to the terms of the truce"
    if not _near_in_clause(s, "terms", trigger, _TERMS_GAP, text):
        return False
    first = min([trigger.start] + [c.start for c in agreed])
    sides = _sides_in(s, _accepters_from(s, first), first)
    for c in agreed:
        if c.start >= trigger.end:
            sides |= _sides_in(s, c.end, c.end + _ACCEPTER_BEFORE)
    return len(sides) < 2


_TERMS_GAP = 16   # "the terms of a 60-day truce", "հրադադարի անհրաժեշտ պայմաններին"


def one_side_agrees_to_terms(s: Sentence, text: str) -> bool:
    """Is the truce the sentence agrees to one side's yes to its terms (see _agrees_to_terms)?
    Such a truce is offered, not agreed, for the talks about it as for the truce itself."""
    return s.has("terms") and any(_agrees_to_terms(s, c, text) for c in s.cues_of("cf"))


def _an_anniversary(s: Sentence, trigger, text: str) -> bool:
    """Is the truce named as what an anniversary marks ("the 70th anniversary of the signing
    of the armistice", "停战协定签署70周年", "NCA လက်မှတ်ရေးထိုးခြင်း (၄)နှစ်ပြည့်"): a word of
    anniversary (lexicon `anniversary`) at most 30 characters before or after it, in its clause?
    The news is the anniversary; the truce it recalls is background."""
    return _near_in_clause(s, "anniversary", trigger, _ANNIVERSARY_GAP, text)


_ANNIVERSARY_GAP = 30   # "anniversary of the signing of the Korean ", "လက်မှတ်ရေးထိုးခြင်း (၄)"


def _near_in_clause(s: Sentence, cat: str, c, reach: int, text: str) -> bool:
    """Is a word of `cat` at most `reach` characters before or after the cue c (not on it),
    with no mark that ends a clause between them?"""
    for w in s.cues_of(cat):
        if w.end <= c.start:
            gap = text[w.end:c.start]
        elif c.end <= w.start:
            gap = text[c.end:w.start]
        else:
            continue
        if len(gap) <= reach and not any(ch in _CLAUSE_ENDS for ch in gap):
            return True
    return False


def one_side_accepts(s: Sentence) -> bool:
    """Is the agreement the sentence tells of one side accepting a deal (its agreement words
    all accepted by one side)?"""
    return _only_accepted(s, "stage")


def _values(s: Sentence, cat: str, trigger, own: bool = False, within: int | None = None) -> set[str]:
    """The values of `cat` cues in the sentence, leaving out those inside the trigger
    ("perjanjian" in "perjanjian damai" is the trigger's own word, not a stage cue) unless
    `own` (then only a cue strictly inside it is left out), and, given `within`, those
    farther than that many characters from the trigger."""
    start, end = trigger.start, trigger.end   # (the tests inline: asked for every mention, twice)
    found = set()
    for c in s.cues_of(cat):
        value = c.payload.value
        if not value:
            continue
        if start <= c.start and c.end <= end and not (own and c.start == start and c.end == end):
            continue   # inside the trigger
        if within is not None and max(c.start - end, start - c.end) > within:
            continue   # too far from it
        found.add(value)
    return found


_MEET_CUE_REACH = 80  # characters between a meeting's trigger and a status word about it
_COMPOUND_GAP = 6    # "acuerdo de alto el fuego", "agreement on a truce"


def _nearest(s: Sentence, cat: str, trigger, order: tuple[str, ...], goals: bool = False) -> str | None:
    """The value of the `cat` cue nearest the trigger (outside it), ties by `order`: in
    "we call for an end to the war, and the first step is a ceasefire" the call, not the
    end of the war, qualifies the ceasefire. With `goals`, an agreement written as a goal
    ("hoping to reach a ceasefire", "anlaşmaya varmak için") says nothing of the truce yet."""
    found = []
    for c in s.cues_of(cat):
        v = c.payload.value
        if not v or (trigger.start <= c.start and c.end <= trigger.end):
            continue
        if goals and v in _REACHED and _aimed(s, c.start, c.end):
            continue
        gap = c.start - trigger.end if c.start >= trigger.end else trigger.start - c.end
        found.append((gap, order.index(v) if v in order else len(order), v))
    if not found:
        return None
    found.sort()
    # "the previous truce collapsed": a background word says what the truce is only when no
    # other word says what became of it
    if found[0][2] == "historical" and len(found) > 1:
        found = [x for x in found if x[2] != "historical"]
    # "the ceasefire agreement was violated", "نقض توافق آتشبس": an agreement noun joined to
    # the trigger names the truce; a status word beyond it says what happened to it
    if found[0][2] == "agreed" and found[0][0] <= _COMPOUND_GAP:
        other = next((v for _, _, v in found if v not in ("agreed", "historical")), None)
        if other is not None:
            return other
    return found[0][2]


def _pick(found: set[str], order: tuple[str, ...]) -> str | None:
    return next((v for v in order if v in found), None)


def _is_party(s: Sentence, a: ActorMention, doc: Document) -> bool:
    memo = s.remember()
    known = memo.get("is_party")   # asked again for every mention of a window
    if known is None:
        known = memo["is_party"] = {}
    key = (a.start, a.end, a.kind)
    party = known.get(key)
    if party is None:
        party = known[key] = (
            bool(party_key(a)) and doc.is_party(s, a) and not _appositive(s, a, doc) and not _backer(s, a, doc)
            and not _of_a_former_official(s, a, doc) and not _a_setting(s, a, doc)
            and not _names_an_agreement(s, a, doc))
    return party


def _names_an_agreement(s: Sentence, a: ActorMention, doc: Document) -> bool:
    """A capital that names an agreement signed there ("the Minsk agreements", "MoU Helsinki",
    "l'accord d'Oslo", "اتفاق الدوحة"): it says which agreement, not who signed it."""
    if a.kind != "country" or a.via != "capital":
        return False
    for c in s.cues_of("deal"):
        gap = doc.folded[c.end:a.start] if c.end <= a.start else doc.folded[a.end:c.start]
        if len(gap) <= _AGREEMENT_GAP and _AGREEMENT_JOIN.fullmatch(gap):
            return True
    return False


_AGREEMENT_GAP = 4   # " of ", " d'", " de "
_AGREEMENT_JOIN = re.compile(r"[\s'’-]*(?:\w{1,2}[\s'’]+)?")


def _a_setting(s: Sentence, a: ActorMention, doc: Document) -> bool:
    """An organisation named as the setting of a meeting ("on the sidelines of the UN General
    Assembly", "в рамках саммита СНГ", "bên lề ... Liên hợp quốc"), not as one that takes part."""
    if a.kind != "org":
        return False
    start = _setting_before(s, a.start, doc)
    return start is not None and not any(b.code != a.code and start <= b.start < a.start for b in s.actors)


def _setting_before(s: Sentence, pos: int, doc: Document) -> int | None:
    """Where the words after the last setting word ("on the sidelines of", "в рамках") before
    `pos` begin, when one stands within reach in the same clause; else None."""
    lead_start = max(s.start, pos - _SETTING_REACH)
    lead = doc.folded[lead_start:pos]
    m = None
    for m in _setting_words().finditer(lead):
        pass
    if m is None or _CLAUSE_BREAK.search(lead, m.end()):
        return None
    return lead_start + m.end()


def _summit_as_setting(s: Sentence, t, doc: Document) -> bool:
    """A summit named as the setting of a meeting ("met on the sidelines of the G7 summit",
    "в рамках саммита СНГ", "शिखर सम्मेलन के इतर", "サミットの際"): the meeting held there
    is no summit of its own. The setting word comes before the summit (within reach, in
    its clause) or, as a postposition, right after it."""
    if t.payload.value != "summit":
        return False
    if _setting_before(s, t.start, doc) is not None:
        return True
    after = doc.folded[t.end:min(s.end, t.end + _SETTING_POST_GAP + 30)]
    gap = len(after) - len(after.lstrip())
    return gap <= _SETTING_POST_GAP and _setting_words().match(after, gap) is not None


def _summit_beside_a_bilateral(t, triggers) -> bool:
    """A summit named in a sentence that calls the meeting bilateral ("held a bilateral
    meeting on the last day of the summit", "pertemuan bilateral ... KTT"): the two met
    at the summit, which is not their meeting. A bilateral summit ("a bilateral summit",
    "قمة ثنائية") names one meeting, a summit: the words touch or overlap."""
    if t.payload.value != "summit":
        return False
    gap = _BILATERAL_SUMMIT_GAP
    return any(b.payload.value == "bilateral" and (b.end + gap < t.start or t.end + gap < b.start) for b in triggers)


_BILATERAL_SUMMIT_GAP = 2   # "bilateral summit", "summit bilateral"


_SETTING_POST_GAP = 2   # "峰会期间", "정상회의 계기로", "शिखर सम्मेलन के इतर"


_SETTING_REACH = 60   # "bên lề kỳ họp lần thứ 68 của Đại hội đồng ", "on the sidelines of the annual summit of the "
_SETTING_WORDS = Path(__file__).resolve().parents[1] / "data" / "actors" / "setting_words.tsv"


def _setting_words() -> re.Pattern[str]:
    """Any language's words for the setting of a meeting (data/actors/setting_words.tsv)."""
    return _any_language_words(_SETTING_WORDS)


@lru_cache(maxsize=4)
def _any_language_words(path: Path) -> re.Pattern[str]:
    """One alternation of every language's forms of a word list, longest first (a form
    with a trailing * takes any ending)."""
    forms = {re.escape(fold(form.text)) + (r"\w*" if form.prefix else "")
             for _, language_forms in read_word_lists(path) for form in language_forms}
    return re.compile("|".join(sorted(forms, key=len, reverse=True)))


def _of_a_former_official(s: Sentence, a: ActorMention, doc: Document) -> bool:
    """A state's adjective that qualifies a former office-holder ("former Nigerian President
    Olusegun Obasanjo", now an envoy of the African Union), or the state named right after a
    former office ("former President of Finland", "mantan Presiden Finlandia", "бывший
    президент Финляндии"): he does not act for that state."""
    if a.kind != "country":
        return False
    if a.via == "adjective" and any(
            p.kind == "person" and 0 <= p.start - a.end <= _ROLE_GAP and doc.is_former(p) for p in s.actors):
        return True
    return bool(_former_office().search(doc.folded, max(s.start, a.start - _FORMER_OFFICE_REACH), a.start))


_FORMER_OFFICE_REACH = 40   # "former Minister of Foreign Affairs of ", "ancien président de la "
_ROLES = Path(__file__).resolve().parents[1] / "data" / "actors" / "roles"


@lru_cache(maxsize=1)
def _former_office() -> re.Pattern[str]:
    """A former-word (data/context_words.tsv, kind former, spaced scripts), at most two words,
    an office (data/actors/roles/*.tsv) and at most two short words ("of", "de la") right
    before a name: "former President of ", "mantan Presiden ", "бывший премьер-министр "."""
    former = {rx for rx in _context_forms()["former"][0] if script_of(rx[0]) == "other"}
    offices = set()
    for path in sorted(_ROLES.glob("*.tsv")):
        for _, cols in read_rows(path):
            if len(cols) >= 2 and not cols[0].startswith("-"):
                form = Form.parse(cols[1])
                word = fold(form.text)
                if word and script_of(word[0]) == "other" and len(word) > 3:
                    offices.add(re.escape(word) + (r"\w*" if form.prefix else ""))
    alt = "|".join
    def longest_first(forms: set[str]) -> str:
        return alt(sorted(forms, key=lambda rx: (-len(rx), rx)))   # (ties by text: the same regex every run)
    return re.compile(rf"\b(?:{longest_first(former)})\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?:{longest_first(offices)})(?:\s+\w{{1,3}}){{0,2}}\s*$")


_ROLE_GAP = 24   # " President ", " Foreign Minister ", " Presiden "


def _backer(s: Sentence, a: ActorMention, doc: Document) -> bool:
    """A state named as the backer of a faction, not a side of its own: "pro-Russian
    separatists", "親ロシア派", or, next to an armed group, "the Iran-backed Houthis",
    "militan Houthi yang didukung Iran", "الحوثي المدعومة من إيران"."""
    if a.kind != "country":
        return False
    pro, before, after = _backer_regexes()
    lead = doc.folded[max(0, a.start - 40):a.start][::-1]   # read backwards from the name
    if pro.match(lead):
        return True
    if m := before.match(lead):     # the group, then "backed by" the state
        groups = [g for g in s.actors if g.kind == "group"]
        start = a.start - m.end()
        if any(0 <= start - g.end <= _BACKED_GAP for g in groups):
            return True
        # "the coalition led by Saudi Arabia and backed by the US": what is backed is no
        # event ("a truce backed by the US" is one the US stands behind, as a party)
        if not any(c.payload.cat in TRIGGERS and 0 <= start - c.end <= _BACKED_GAP for c in s.cues):
            return True
    if m := after.match(doc.folded, a.end, min(len(doc.folded), a.end + 40)):   # "-backed", then the group
        groups = [g for g in s.actors if g.kind == "group"]
        return any(0 <= g.start - m.end() <= _BACKED_GAP for g in groups)
    return False


_BACKED_GAP = 16   # "Houthi yang didukung", "Iran-backed Houthi", "الحوثي المدعومة", "Husi militanları"
_BACKER_WORDS = Path(__file__).resolve().parents[1] / "data" / "actors" / "backer_words.tsv"
_BACKER_KINDS = ("pro", "backed_before", "backed_after")


@lru_cache(maxsize=1)
def _backer_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(pro-, backed-by, -backed) regexes of data/actors/backer_words.tsv. The first two read
    the text before a name backwards (reversed), so that each is one match at the name, not a
    search along the text before it."""
    forms: dict[str, dict[bool, set[str]]] = {k: {True: set(), False: set()} for k in _BACKER_KINDS}
    for lineno, cols in read_rows(_BACKER_WORDS):
        if len(cols) != 3 or cols[1] not in forms:
            raise ValueError(f"{_BACKER_WORDS.name}:{lineno}: expected 'lang<TAB>kind<TAB>forms', kind one of {_BACKER_KINDS}")
        backwards = cols[1] != "backed_after"
        for raw in cols[2].split("|"):
            form = Form.parse(raw)
            word = fold(form.text)
            spaced = script_of(word[0]) == "other"
            more = r"\w*" if form.prefix else ""
            forms[cols[1]][spaced].add(more + re.escape(word[::-1]) if backwards else re.escape(word) + more)

    def alt(kind: str, spaced: bool) -> str:
        return "|".join(sorted(forms[kind][spaced], key=len, reverse=True)) or "(?!)"
    # "pro-" and "pro " end a word; "親", "亲", "thân" may touch the name
    pro = re.compile(rf"(?:(?:[-‑–]|\s+)(?:{alt('pro', True)})\b|(?:{alt('pro', False)}))")
    # "backed by Iran", "supported by neighbouring Rwanda", "المدعومة من إيران"
    before = re.compile(rf"[لو]?(?:\s+\w{{3,14}})?(?:\s+eht)?\s*(?:(?:{alt('backed_before', True)})\b"
                        rf"|(?:{alt('backed_before', False)}))")
    after = re.compile(rf"[-‑–]?\s*(?:(?:{alt('backed_after', True)})\b|(?:{alt('backed_after', False)}))")
    return pro, before, after




def _appositive(s: Sentence, a: ActorMention, doc: Document) -> bool:
    """A state named right after one of its places: "Brussels, Belgium", "Quito (Ecuador)";
    or right before one of its cities, as the city's own qualifier: "the Omani capital
    Muscat", "벨라루스 수도 민스크에서", "قطر کے دارالحکومت دوحہ میں" (a host that acts as
    host is named in words of its own: "Istanbul, Turkey's city", then Turkey hosting, is)."""
    if a.kind != "country":
        return False
    if a.via == "capital" and any(   # ... and that city itself ("the Belarusian capital Minsk")
            b.kind == "country" and b.code == a.code and _qualifies(doc, s, b, a.start) for b in s.actors):
        return True
    for p in s.places:
        if p.country != a.code or p.kind != "city":
            continue
        if p.end <= a.start <= p.end + 3 and doc.text[p.end:a.start].strip(" ") in (",", "(", "،", "、", ""):
            return True
        if _qualifies(doc, s, a, p.start):
            return True
    return False


def _qualifies(doc: Document, s: Sentence, a: ActorMention, city_start: int) -> bool:
    """Is the state `a` named right before the city that starts at city_start, as its qualifier
    (not "the president of Japan in Tokyo", where the city is a venue of its own)?"""
    if not a.end <= city_start <= a.end + _OWN_CITY_GAP or _CLAUSE_BREAK.search(doc.text, a.end, city_start):
        return False
    gap = doc.folded[a.end:city_start]
    return (bool(_POSSESSIVE_ONLY.match(gap) or _capital_words().search(gap))
            and not _VENUE_BEFORE.search(doc.folded, max(a.end, city_start - 12), city_start)
            and not any(b is not a and a.end <= b.start < city_start for b in s.actors))


_POSSESSIVE_ONLY = re.compile(r"\s*(?:['’]s?)?\s*$")
_CAPITAL_WORDS = Path(__file__).resolve().parents[1] / "data" / "actors" / "capital_words.tsv"


def _capital_words() -> re.Pattern[str]:
    """Any language's word for a capital or a city (data/actors/capital_words.tsv)."""
    return _any_language_words(_CAPITAL_WORDS)


_OWN_CITY_GAP = 16   # "capital of ", " 수도 ", "'s capital ", " کے دارالحکومت ", " na kasar "
_CLAUSE_MARKS = r",;:.!?()\[\]\"“”«»،؛"   # punctuation between clauses (inside a regex class)
_CLAUSE_BREAK = re.compile(rf"[{_CLAUSE_MARKS}]|\b(?:and|dan|và|и|i|y|et|und|e|ve|və|da|iyo|na)\b")


def _party_mentions(m: Mention, doc: Document) -> list[ActorMention]:
    i = m.sent
    s = doc.sents[i]
    memo = s.remember()
    own = memo.get("parties")
    if own is None:
        own = memo["parties"] = [a for a in s.actors if _is_party(s, a, doc)]
    if m.family == "diplomatic_meeting":
        own = _off_the_topic(s, own)
    if len(own) >= 2 and len({party_key(a) for a in own}) >= 2:
        return list(own)
    extra: list[Sentence] = []
    if m.family == "diplomatic_meeting" and (s.has("official") or s.actors):
        extra = meeting_window(i, doc)
    if s.has("both"):   # "the two sides": named before, or for a meeting also just after
        extra = doc.window(i, 2) if m.family == "diplomatic_meeting" else doc.sents[max(0, i - 2):i + 1]
    if not extra or len(doc.sides(extra)) < 2:
        return list(own)
    if s.has("both"):   # "the two sides" are the sides, not those their sentences say mediate
        return [a for w in extra for a in w.actors if _is_party(w, a, doc) and party_key(a) not in _mediators_of(w, doc)]
    return [a for w in extra for a in w.actors if _is_party(w, a, doc)]


def _off_the_topic(s: Sentence, own: list[ActorMention]) -> list[ActorMention]:
    """A meeting's parties are those who meet, not the states named in what they discuss
    ("Qatar's prime minister travels to Egypt for talks on an exchange deal with Israel"):
    a state named after a word that introduces the topic (lexicon `topic`, value `pre`: "to
    discuss", "لبحث", "untuk membahas") is no party of the meeting, nor one named right
    before such a word in a language that puts it after its topic (`post`: "Ukrayna hakkında",
    "北朝鮮について"). Only while two who meet remain; an organisation named in the topic (a
    truce "sponsored by the UN") is left alone."""
    if not s.has("topic"):
        return own
    kept = [a for a in own if not _state_on_topic(s, a)]
    return kept if len(kept) < len(own) and len({party_key(a) for a in kept}) >= 2 else own


def _state_on_topic(s: Sentence, a: ActorMention, text: str | None = None) -> bool:
    """Is the state `a` named in what the sentence's meeting discusses: after a `pre` topic
    word (given the text, in its clause: no punctuation between them), or right before a
    `post` one with no other name in between? (An organisation is never only a topic.)"""
    if a.kind == "org":
        return False
    cues = s.cues_of("topic")
    first = min((c.end for c in cues if c.payload.value != "post"), default=None)
    if first is not None and a.start >= first:
        if text is None or not _CLAUSE_PUNCT.search(text, first, a.start):
            return True
    return any(0 <= c.start - a.end <= _TOPIC_BEFORE and not any(a.end <= b.start < c.start for b in s.actors)
               for c in cues if c.payload.value == "post")


_CLAUSE_PUNCT = re.compile(rf"[{_CLAUSE_MARKS}、，]")


def _topic_only_mediators(s: Sentence, mediators: list[str], doc: Document) -> list[str]:
    """The mediators a meeting's sentence names as a party in what the meeting discusses ("the
    meeting on Afghanistan in Doha, hosted by the UN secretary-general with the envoys for
    Afghanistan": Afghanistan is its subject; not a venue there, "... to discuss it in Doha"):
    a state talked about does not mediate the talk."""
    return [k for k in mediators if any(party_key(a) == k and doc.is_party(s, a) and _state_on_topic(s, a, doc.text)
                                        for a in s.actors)]


_TOPIC_BEFORE = 12   # "Ukrayna hakkında", "北朝鮮への対応について", "यूक्रेन के बारे में"


def _mediators_of(s: Sentence, doc: Document) -> list[str]:
    memo = s.remember()
    mediators = memo.get("mediators")
    if mediators is None:
        mediators = memo["mediators"] = _mediators(s, doc)
    return mediators


def _mediators(s: Sentence, doc: Document) -> list[str]:
    """States and organisations named next to a mediation word: "mediated by Qatar and
    Egypt", "Egypt, Qatar and Turkiye, mediators of the truce", "under Omani mediation",
    "بوساطة مصرية", "在中方的斡旋下". A side named before an event word ("Israel and Hamas
    agreed a truce mediated by ...") is a party, not a mediator, and so is one named after
    an event word ("the US-brokered truce between Israel and Hamas")."""
    cues = s.cues_of("mediate")
    if not cues:
        return []
    events = [m.start for m in s.cues if m.payload.cat in TRIGGERS or m.payload.cat == "cf.status"]
    out: list[str] = []
    between: list[str] = []
    sides = sides_between(s, doc)
    candidates = [a for a in s.actors if party_key(a) and a.kind != "group" and doc.is_party(s, a)]
    agents = [c.start for c in s.cues_of("agent")]
    near = _listed_next_to(cues, candidates, events, doc.text, agents)
    for a in candidates:    # an armed group fights; it does not mediate
        key = party_key(a)
        if key in out or id(a) not in near:
            continue
        # "mediated by Qatar between Pakistan and Afghanistan": the sides do not mediate,
        # unless no one else is named ("mediation shared between Qatar and Egypt")
        if any(lo <= a.start and a.end <= hi for lo, hi in sides):
            if key not in between:
                between.append(key)
        else:
            out.append(key)
    if out or not between or _mediation_between(cues, sides, doc.text):
        return out
    return between


def _mediation_between(cues, spans: list[tuple[int, int]], text: str) -> bool:
    """Does a mediation word govern the sentence's one list of sides right after it ("another
    attempt at mediation between Bangkok and Phnom Penh", "mediacji między", "وساطة بين") or,
    with a postposition, right before it ("X ile Y arasında arabuluculuk", "之间斡旋")? Those
    are the sides, not the mediators. Not when a word stands between ("mediation shared
    between Qatar and Egypt"), nor when the sentence lists other sides too ("joint mediation
    between Qatar and Egypt ... a ceasefire between Israel and Hamas"): then it lists the
    mediators."""
    return len(spans) == 1 and any((lo >= c.end and len(text[c.end:lo].split()) <= 1)
                                   or (hi <= c.start and len(text[hi:c.start].split()) <= 1)
                                   for c in cues for lo, hi in spans)


def _listed_next_to(cues, actors: list[ActorMention], events: list[int], text: str,
                    agents: list[int] = ()) -> set[int]:
    """The actors (by id) named next to a mediation word: the nearest one after it (within
    _MEDIATOR_AFTER characters) or before it (within _MEDIATOR_BEFORE), with no event word in
    between, and those listed with it ("by Qatar, Egypt and the US"): each further one
    within _LISTED_GAP characters of the one before. A word that introduces its mediator
    (lexicon value `after`: "with the participation of", "при участии", "بمشاركة") looks
    only after itself; one of a head-final language that follows its mediator (value `before`:
    Korean 중재, Turkish arabulucu) only before, past any talks named in between. "仲介役のOSCEの代表は、ウクライナ政府と..."
    names one mediator, not Ukraine. A name marked as its clause's agent ("پاکستان اور افغانستان
    نے قطر اور ترکی کی ثالثی میں": Pakistan and Afghanistan, by Qatar and Turkey's mediation)
    is not listed with the mediator after it."""
    out: set[int] = set()
    introducers = [c for c in cues if c.payload.value == "after"]
    for m in cues:
        if m.payload.value != "after" and any(c.start <= m.start and m.end <= c.end for c in introducers):
            continue    # "hosted" inside "hosted by": the longer phrase says where the mediator is
        final = m.payload.value == "before"   # head-final: "BƏƏ və ABŞ mübadilədə vasitəçi kimi"
        after = [] if final else [a for a in actors if m.start <= a.start
                                  and not any(m.end <= e < a.start for e in events)]
        after.sort(key=lambda a: a.start)
        prev_end = None
        last_joined = False   # the list's last name came after its conjunction ("... Egypt and the US")
        listed: list[ActorMention] = []
        for a in after:
            if prev_end is None and a.start > m.end + _MEDIATOR_AFTER:
                break
            if prev_end is not None and not _joins_a_list(text, prev_end, a.start, agents):
                break
            if last_joined and _LIST_COMMA.search(text, prev_end, a.start):
                break   # "mediated by Qatar and Egypt, and Israel and Hamas agreed": a new clause
            if prev_end is not None:
                last_joined = not _LIST_COMMA.search(text, prev_end, a.start) and bool(
                    _WORD.search(text, prev_end, a.start))
            listed.append(a)
            prev_end = a.end
        # "Under Egyptian mediation, Israel and Hamas agreed": past a comma the clause goes on with
        # its subject, unless the names stand apart ("the mediators, Qatar and Egypt, said")
        if not (listed and _LIST_COMMA.search(text, m.end, listed[0].start)
                and not _APPOSITION_END.match(text, listed[-1].end)):
            out.update(id(a) for a in listed)
        if m.payload.value == "after":
            continue    # "with the participation of", "при участии": who stands before is a side
        before = [a for a in actors if a.end <= m.start and m.start - a.end <= _MEDIATOR_BEFORE
                  and (final or not any(a.end <= e < m.start for e in events))]
        before.sort(key=lambda a: -a.end)
        next_start = None
        for a in before:
            if next_start is not None and not _joins_a_list(text, a.end, next_start, agents):
                break
            out.add(id(a))
            next_start = a.start
    return out


_LISTED_GAP = 12   # ", ", " and ", ", and the ", " و", "、", " dan "
_JOINING_WORD = 4  # "and", "dan", "və", "oraz", "the", "و", "እና": a longer word ends the list ("መሪዎች", leaders)


def _joins_a_list(text: str, start: int, end: int, agents: list[int] = ()) -> bool:
    """Do the characters between two names join them in one list: short (_LISTED_GAP), with no
    agent marker, and only punctuation and short words such as conjunctions and articles? A
    word for "the country of" right before the next name ("Masar da kuma kasar Qatar", "Mesir
    dan negara Qatar") belongs to that name, not to the gap."""
    if any(start <= g < end for g in agents):
        return False
    if _short_joining_gap(text, start, end):
        return True
    if end - start > _LISTED_GAP + _COUNTRY_WORD_LEN:
        return False
    country = _country_words().search(fold(text[start:end]))
    return country is not None and _short_joining_gap(text, start, start + country.start())


def _short_joining_gap(text: str, start: int, end: int) -> bool:
    return _gap(text, start, end) <= _LISTED_GAP and all(
        len(w) + len(_SYLLABLE.findall(w)) <= _JOINING_WORD for w in _WORD.findall(text, start, end))


_COUNTRY_WORD_LEN = 16   # the longest word for "the country of" (country_words.tsv) with its spaces


_COUNTRY_WORDS = Path(__file__).resolve().parents[1] / "data" / "actors" / "country_words.tsv"


@lru_cache(maxsize=1)
def _country_words() -> re.Pattern[str]:
    """Any language's word for "(the) country / state (of)" at the end of a gap, before a
    state's name (data/actors/country_words.tsv): a whole word in a spaced script."""
    forms = set()
    for _, language_forms in read_word_lists(_COUNTRY_WORDS):
        for form in language_forms:
            word = fold(form.text)
            glued = script_of(word[0]) in ANYWHERE_SCRIPTS | {"arabic", "myanmar", "ethiopic"}
            forms.add(("" if glued else r"(?<!\w)") + re.escape(word) + (r"\w*" if form.prefix else ""))
    return re.compile("(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\s*$")


_WORD = re.compile(r"\w+")
_LIST_COMMA = re.compile("[,;،؛、，]")
_APPOSITION_END = re.compile(r"\s*(?:[,;:.!?()\[\]\"“”«»—–،؛、，。]|$)")
_SYLLABLE = re.compile("[\u1200-\u139f\uac00-\ud7af]")   # an Ethiopic letter or a Hangul block is a syllable: it counts twice


def _gap(text: str, start: int, end: int) -> int:
    """The length of text[start:end], a Han or kana character counting as three (a word
    of a script written without spaces says as much as a short Latin word)."""
    return (end - start) + 2 * len(_HAN_KANA_CHAR.findall(text, start, end))


_HAN_KANA_CHAR = re.compile("[\u3040-\u30ff\u3400-\u9fff]")


def sides_between(s: Sentence, doc: Document) -> list[tuple[int, int]]:
    """Spans of the sentence that name the sides of something: the states listed right after
    "between" ("entre", "zwischen", "antara", "между", "بين", "میان", "kati ya") or right
    before a postposition that means it ("arasında", "کے درمیان", "के बीच", "之间", "の間")."""
    memo = s.remember()
    spans = memo.get("sides_between")
    if spans is None:   # asked by the frames and the merge of every event of the sentence
        spans = memo["sides_between"] = _sides_between(s, doc)
    return spans


def _sides_between(s: Sentence, doc: Document) -> list[tuple[int, int]]:
    spans = []
    text = doc.text
    actors = sorted((a for a in s.actors if party_key(a)), key=lambda a: a.start)
    if not actors:
        return spans   # no side to list (and the patterns cost 15 us a sentence)
    # a word after the last side's start lists none: the scan stops there (a word it cuts
    # short at that end is one of those)
    for m in _BETWEEN_PRE.finditer(text, s.start, min(s.end, actors[-1].start + 1)):
        chain_end = None
        for a in actors:
            if a.start < m.end():
                continue
            limit = _SIDES_REACH if chain_end is None else _LISTED_GAP
            if _gap(text, chain_end or m.end(), a.start) > limit:
                break
            chain_end = a.end
        if chain_end is not None:
            spans.append((m.end(), chain_end))
    for m in _BETWEEN_POST.finditer(text, s.start, s.end):
        chain_start = None
        for a in reversed(actors):
            if a.end > m.start():
                continue
            limit = _SIDES_REACH if chain_start is None else _LISTED_GAP
            if _gap(text, a.end, chain_start or m.start()) > limit:
                break
            chain_start = a.start
        if chain_start is not None:
            spans.append((chain_start, m.start()))
    return spans


_BETWEEN_PRE = re.compile(
    r"(?:\b(?:between|entre|zwischen|antara|между|між|kati ya|tra|fra)\b)"
    r"|(?:(?<![\w])و?بين(?![\w]))|(?:(?<![\w])میان(?![\w]))"
    # pl, vi, ha, so; Hebrew בין (after ו "and"); Thai ระหว่าง (no spaces)
    r"|(?:\b(?:między|giữa|tsakanin|u dhexeeya|u dhexeysa)\b)|(?:(?<![\w])ו?בין(?![\w]))|ระหว่าง",
    re.IGNORECASE)
# (each alternative opens with a letter, "\barasında" written "a(?<!\wa)rasında", so that the scan
# skips to where one of those letters stands: a third of the time of trying every position)
# ... and the postpositions: hy միջև, ps ترمنځ, am መካከል, my အကြား, ko 간의/사이 after a space (a bare
# 간 is also "went": "워싱턴에 간 대통령")
_BETWEEN_POST = re.compile(r"a(?<!\wa)rasında\w*|کے\s+درمیان|के\s+बीच|之间|之間|の間|間で"
                           r"|միջև|تر\s?منځ|መካከል|အကြား|간(?<=\s간)의|사(?<=\s사)이[의에]")
_SIDES_REACH = 24   # "between the government of Sudan and ...": the first side's words


def _where(m: Mention, s: Sentence, parties: set[str], mediators: list[str],
           doc: Document) -> tuple[dict | None, int, bool]:
    """Where the event is: for a meeting or talks, the venue nearest the trigger (a place
    introduced as one first), else a state named as a venue, else the dateline's city when
    its state takes part; for a ceasefire, the area it covers (a place next to a truce
    word, the state an armed group fights in, a state named as the scene), never the city
    where it was negotiated nor a mediator's state."""
    t = m.trigger.start
    places, truce_areas = _clear_places(s, doc)
    if mediators:   # a mediator's state is where a truce was negotiated ("a truce in Jeddah, mediated by ..."), not its area
        truce_areas = [p for p in truce_areas if p.country not in mediators]
        if m.family == "ceasefire":
            places = [p for p in places if p.country not in mediators]
    if m.family == "ceasefire":
        # a capital or seat of government speaks for its state ("Moscow accused Kyiv of
        # breaking the truce", "Tel Aviv violated the agreement"): not the truce's area
        seats = [a for a in s.actors if a.via in ("capital", "metonym")]
        area = [p for p in places if p in truce_areas or not (
            (p.kind != "region" and doc.is_venue_place(p.start, p.end))
            or any(a.start < p.end and p.start < a.end for a in seats))]
        # the truce covers the war of the sides the sentence names: a city of a state that is
        # none of them is where it was negotiated or signed ("signed in Pretoria", "在昆明举行和谈")
        own = _own_sides(s, parties, mediators)
        if _warring_sides(s, parties, mediators):
            area = [p for p in area if p.kind == "region" or p.country in own]
        # a state named right after a truce word ("a truce in Sudan", "هدنة في السودان") is its
        # area, before a city elsewhere in the sentence (where it was agreed)
        scene = [a for a in s.actors if a.kind == "country" and a.code and a.code not in mediators
                 and a.via not in ("capital", "metonym") and doc.is_venue(a) and _after_truce_word(s, a.start, a.end)]
        if scene and not any(p in truce_areas for p in area):
            a = min(scene, key=lambda a: abs(a.start - t))
            return {"name": country_name(a.code), "country": a.code}, 3, False
        if area:   # not the city it was signed in; an area named as such before a city
            p = min(area, key=lambda p: (bool(own) and p.country not in own, p.kind != "region", abs(p.start - t)))
            return _place(p), 3, False
        groups = [a.state for a in s.actors if a.kind == "group" and a.state]
        if groups:
            return {"name": country_name(groups[0]), "country": groups[0]}, 2, False
        # a venue of a third state is where the truce was made; a seat of government, its state
        places = [p for p in places if (not own or p.country in own)
                  and not any(a.start < p.end and p.start < a.end for a in seats)]
    elif truce_areas:   # (most sentences name no truce area: the list as it is)
        places = [p for p in places if p not in truce_areas]
    venues = [a for a in s.actors if a.kind == "country" and a.code and doc.is_venue(a)
              and not doc.in_dateline(s, a.start) and not doc.is_time_zone(a.start, a.end)
              # a seat that speaks ("the Kremlin said") is no venue; one introduced as such is
              and (a.via != "metonym" or doc.is_venue_place(a.start, a.end))
              and (m.family != "ceasefire" or _truce_scene(s, a, parties, mediators))
              and (m.family == "ceasefire" or not _after_truce_word(s, a.start, a.end))]
    if places:
        # a venue: a place introduced as one, a city before a region (talks "in Pretoria",
        # not "the rebels in Tigray")
        marked = [p for p in places if doc.is_venue_place(p.start, p.end)]
        # a place named in passing (a side's region, "the Tigray front") is no venue when the
        # sentence introduces another state as one ("talks in South Africa"); a city of that
        # state tells it more precisely
        states = {a.code for a in venues + _destinations(m, s, doc) if a.via not in ("capital", "metonym")}
        inside = [p for p in places if p.country in states]
        if marked or inside or not states or m.family == "ceasefire":
            p = min(marked or inside or places, key=lambda p: (p.kind != "city", abs(p.start - t)))
            return _place(p), 3, bool(marked)
    # a state named as venue, or as host ("Sybiha will visit Poland", "چین کا دورہ", "Oman, for
    # hosting the talks"), the nearest the trigger; a host is not marked (a city told elsewhere
    # is more precise)
    hosts = [a for a in _destinations(m, s, doc) if a not in venues]
    if venues or hosts:
        a = min(venues + hosts, key=lambda a: abs(a.start - t))
        return {"name": country_name(a.code), "country": a.code}, 2, a in venues and a.via not in ("capital", "metonym")
    dateline = [p for p in s.places if doc.in_dateline(s, p.start) and p.country in parties] if s.places else ()
    if dateline and m.family != "ceasefire":
        return _place(dateline[0]), 1, False
    return None, 0, False


def _destinations(m: Mention, s: Sentence, doc: Document) -> list[ActorMention]:
    """The states a meeting's or talks' sentence names as where a visit goes."""
    if m.family == "ceasefire":
        return []
    return [a for a in s.actors if a.kind == "country" and a.code and a.via not in ("adjective",)
            and not doc.in_dateline(s, a.start) and doc.is_destination(a)]


def _own_sides(s: Sentence, parties: set[str], mediators: list[str]) -> set[str]:
    """The states sentence `s` names as sides of something (its parties that do not mediate,
    an armed group's state)."""
    return (parties - set(mediators)) | {a.state for a in s.actors if a.kind == "group" and a.state}


def _warring_sides(s: Sentence, parties: set[str], mediators: list[str]) -> set[str]:
    """The states fighting the war a truce of sentence `s` stops, when the sentence names both
    sides (an armed group and the state it fights in, or two states that do not mediate);
    else empty."""
    own = _own_sides(s, parties, mediators)
    if len(own) >= 2 or any(a.kind == "group" for a in s.actors):
        return own
    return set()


def _truce_scene(s: Sentence, a: ActorMention, parties: set[str], mediators: list[str]) -> bool:
    """Can the state `a`, named as a venue in a truce's sentence, be the truce's area? Not a
    mediator's; not a third state's when the sentence names the sides ("En Arabie saoudite, un
    accord de cessez-le-feu entre l'armée et les FSR"), unless it is named as the truce's own
    scene ("a truce in Sudan")."""
    if a.code in mediators or a.via in ("capital", "metonym"):   # "Tel Aviv broke the truce": a side
        return False
    own = _own_sides(s, parties, mediators)
    return not own or a.code in own or _after_truce_word(s, a.start, a.end)


def _clear_places(s: Sentence, doc: Document) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """The sentence's places outside its dateline and time zones, and those of them right
    after a truce word (worked out once per sentence: each of its mentions asks)."""
    memo = s.remember()
    known = memo.get("clear_places")
    if known is None:
        # a seat of government ("the White House said") is a place only as a venue ("at the White House")
        places = [p for p in s.places if not doc.in_dateline(s, p.start) and not doc.is_time_zone(p.start, p.end)
                  and (p.kind != "seat" or doc.is_venue_place(p.start, p.end))]
        # (no place follows or precedes a truce word in a sentence without one)
        known = memo["clear_places"] = places, ([p for p in places if _after_truce_word(s, p.start, p.end)]
                                                if places and "cf" in s.cats else [])
    return known


def _after_truce_word(s: Sentence, pos: int, end: int | None = None) -> bool:
    """Does a ceasefire word end just before `pos` ("ceasefire in Gaza", "停火"), or, given the
    place's `end`, start right after it, as the area is named before its truce where modifiers
    precede the noun ("the Gaza ceasefire", "ウクライナ東部の停戦", "加沙停火")?"""
    memo = s.remember()
    ends = memo.get("cf_ends")
    if ends is None:
        ends = memo["cf_ends"] = [c.end for c in s.cues_of("cf")]
    if not ends:
        return False   # no truce word in the sentence
    if any(0 <= pos - e <= _TRUCE_AREA_GAP for e in ends):
        return True
    return end is not None and any(0 <= c.start - end <= _AREA_BEFORE_TRUCE_GAP for c in s.cues_of("cf"))


def place_dict(p: PlaceMention) -> dict:
    return {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}


_place = place_dict


def _when(i: int, t: int, doc: Document, planned: bool = False,
          family: str | None = None) -> tuple[DateMention | None, bool]:
    s = doc.sents[i]
    dates = _event_dates(s, doc) if s.dates else ()   # (most sentences hold no date: no call)
    if dates and family != "ceasefire":
        # "talks on extending the truce that expired in October": the end of a truce dates
        # only the truce, and so does its start ("agreed to a truce from midnight on Sunday")
        dates = [d for d in dates if not _dates_the_truce_only(s, d, doc)]
    if dates:
        # "visited Hanoi to mark the 25th anniversary of relations": the anniversary dates
        # what it commemorates, told after it (before it where modifiers come first: "NCA
        # 서명 4주년"), not the visit
        dates = [d for d in dates if not _commemorates_another(d, t, doc)]
    if dates:
        # a date after a word of saying that follows the trigger dates the statement
        # ("... agreed to advance the talks," Michel said in a statement on 22 May)
        says = [c.end for c in s.cues_of("say") if c.start >= t]
        own = [d for d in dates if not any(e <= d.start for e in says)] if says else dates
        # and so does a date before a word of saying that precedes the trigger ("据周三发布的
        #声明称, 他本周将访问美国", "on Monday the ministry said the talks would resume")
        said = [c.start for c in s.cues_of("say") if c.end <= t]
        if said:
            own = [d for d in own if not any(d.end <= b for b in said)]
        if own:
            return min(own, key=lambda d: abs(d.start - t)), False
    carried = None
    for j in range(i - 1, max(-1, i - 1 - _CARRIED_SENTENCES), -1):
        before = doc.sents[j]
        dates = _carried_dates(before, doc) if before.dates else ()
        if carried is None:
            carried = dates[-1] if dates else None
        else:   # "this week" told more precisely before it ("on 7 August"): the precise one
            finer = [d for d in dates if len(d.date) > len(carried.date) and d.date.startswith(carried.date)]
            if finer:
                return finer[-1], True
    if carried is not None:
        return carried, True
    # nothing but the day the statement was made ("... agreed to a truce, Egyptian sources
    # said on Monday"): what happened or was proposed was reported that day; what is
    # scheduled was not
    statement = [] if planned else [d for d in _event_dates(doc.sents[i], doc)
                                    if (family == "ceasefire" or not _dates_the_truce_only(doc.sents[i], d, doc))
                                    and not _commemorates_another(d, t, doc)]
    if statement:
        return min(statement, key=lambda d: abs(d.start - t)), False
    return None, False


# languages that put the verb, and so its future tense, after the time it is told at
# ("月曜日に再開する予定", "pazartesi yeniden başlayacak", "सोमवार को शुरू होगी")
_VERB_FINAL = frozenset({"ja", "ko", "tr", "az", "hy", "hi", "ur", "fa", "ps", "am", "my", "so"})


def _weekday_ahead(when: DateMention, s: Sentence, doc: Document, planned: bool) -> DateMention:
    """A weekday alone that dates a planned event or that a future tense governs ("the talks
    will resume on Monday", "les pourparlers reprendront dimanche") is the coming one, not
    the last: the event is scheduled, or a future cue stands before the weekday (after it
    too in a verb-final language)."""
    pub = doc.published
    if pub is None or doc.published_precision != "day" or when.precision != "day" or not (planned or s.has("fut")):
        return when
    if when.date >= pub.isoformat() or not bare_weekday(doc.folded, when.start, when.end, doc.lang):
        return when
    verb_final = doc.lang in _VERB_FINAL
    # not across a word of saying: "... would hold, the ministry said on Monday" dates the statement
    says = [c.start for c in s.cues_of("say") if c.end <= when.start]
    if not planned and not any(verb_final or c.end <= when.start and not any(c.end <= b for b in says)
                               for c in s.cues_of("fut")):
        return when
    ahead = date.fromisoformat(when.date) + timedelta(days=7)
    return DateMention(ahead.isoformat(), "day", when.start, when.end)


def _carried_dates(s: Sentence, doc: Document) -> list[DateMention]:
    """The dates of sentence `s` that can date the events told after it: not a statement's
    date nor the start of a period (once per sentence: each mention of the next four asks)."""
    memo = s.remember()
    dates = memo.get("carried_dates")
    if dates is None:
        dates = memo["carried_dates"] = [d for d in _event_dates(s, doc) if not _dates_a_statement(s, d)
                                         and not starts_a_period(doc.folded, d.start, d.end, doc.lang)
                                         and not _dates_the_truce_only(s, d, doc)
                                         and not (d.precision == "year"
                                                  and is_anniversary(doc.folded, d.start, d.end, doc.lang))]
    return dates


def _dates_a_truce_end(s: Sentence, d: DateMention, doc: Document) -> bool:
    """Does `d` date the end of a truce, the word that says it ended standing right before
    it ("the truce that expired in October", "gencatan senjata yang berakhir pada Oktober
    2022") or, in a verb-final language, right after it? Background to the talks of the
    sentence and to the events told after it, not their date."""
    for c in s.cues_of("cf.status"):
        if c.payload.value != "ended":
            continue
        if d.start >= c.end and d.start - c.end <= _TRUCE_END_GAP \
                and _END_TO_DATE.fullmatch(doc.folded, c.end, d.start):
            return True
        if doc.lang in _VERB_FINAL and c.start >= d.end and c.start - d.end <= _TRUCE_END_GAP_AFTER:
            return True
    return False


def _dates_a_truce_start(s: Sentence, d: DateMention, doc: Document) -> bool:
    """Does `d` tell when a truce begins, a word for 'from' joining the two ("agreed to a
    ceasefire from midnight on Sunday", "перемирие с 6 сентября", "gencatan senjata mulai
    Minggu", or before the truce where the verb comes last: "6日午前0時から停戦", "6일
    오후 6시부터 시작되는 휴전")? The day it starts is not the day it was agreed on, nor that of
    the talks of its sentence."""
    if not s.has("cf"):
        return False
    span = starts_from(doc.folded, d.start, d.end, doc.lang)
    if span is None:
        return False
    a, b = span
    for c in s.cues:
        if not (c.payload.cat == "cf" or c.payload.cat == "cf.status" and c.payload.value == "in_effect"):
            continue
        if c.end <= a and a - c.end <= _TRUCE_START_GAP:
            lo, hi = c.end, a
        elif doc.lang in _START_AFTER and c.start >= b and c.start - b <= _TRUCE_START_GAP_AFTER:
            lo, hi = b, c.start
        else:
            continue
        # no talks or meeting in between or right after the truce: "truce talks from Monday",
        # "3月12日から停戦協議" date the talks
        if not any(o.payload.cat in TRIGGERS and o.payload.cat != "cf"
                   and (o.start < hi and lo < o.end or c.end <= o.start <= c.end + _TALKS_AFTER_TRUCE)
                   for o in s.cues):
            return True
    return False


def _dates_the_truce_only(s: Sentence, d: DateMention, doc: Document) -> bool:
    """Does `d` date a truce's end or start, and so neither the talks of its sentence nor the
    events told after it?"""
    return _dates_a_truce_end(s, d, doc) or _dates_a_truce_start(s, d, doc)


def _commemorates_another(d: DateMention, t: int, doc: Document) -> bool:
    """Is `d` an anniversary (its count of years) that does not stand where what it
    commemorates does, as seen from the trigger at `t`: after it ("the 10th anniversary of the
    accord") or, where modifiers come first, before it ("停战协议签署70周年")?"""
    if d.precision != "year" or not is_anniversary(doc.folded, d.start, d.end, doc.lang):
        return False
    return t >= d.end if doc.lang in _MODIFIER_FIRST else t < d.start


def _dates_a_statement(s: Sentence, d: DateMention) -> bool:
    """Does `d` date the statement that sentence `s` reports ("据周三发布的声明称, ...",
    "On Monday the ministry said ...": a date before a word of saying, all the events
    told after it), so that it dates none of the events after `s` either?"""
    says = [c.start for c in s.cues_of("say") if c.start >= d.end]
    if not says:
        return False
    first_event = min((c.start for c in s.cues if c.payload.cat in TRIGGERS), default=None)
    return first_event is not None and first_event > says[0]


def _event_dates(s: Sentence, doc: Document) -> list[DateMention]:
    """The dates of the sentence that can date an event (once per sentence: the mentions
    of the sentence and of the ones after it ask)."""
    memo = s.remember()
    dates = memo.get("event_dates")
    if dates is None:
        # a weekday the sentence's future tense governs is the coming one, for the events of
        # the sentence and for those after it that it dates
        dates = memo["event_dates"] = [_weekday_ahead(d, s, doc, planned=False) for d in s.dates
                                       if _event_date(s, d, doc)]
    return dates


def _event_date(s: Sentence, d: DateMention, doc: Document) -> bool:
    """Not the report's own date: a dateline's, a timestamp's ("08.11.2022 | 10:15",
    "9月5日 23時04分") or the page's date line at the very top of the text."""
    if doc.in_dateline(s, d.start):
        return False
    if any(e.end <= d.start and _RANGE.fullmatch(doc.text, e.end, d.start) for e in s.dates):
        return False     # the end of a range ("7日至8日", "7-8 August"): the event began on its start
    if d.start < _PAGE_DATE_CHARS and doc.text[d.start].isdigit() and _PAGE_LABEL.fullmatch(doc.text, 0, d.start):
        return False
    return not _CLOCK.match(doc.text, d.end, d.end + 12)


_TRUCE_END_GAP = 8         # characters between "expired" / "berakhir" and the date it governs ("expired on")
_TRUCE_END_GAP_AFTER = 3   # ... and between a date and the end word after it ("10月に終了")
# only a preposition (or nothing) between an end word and its date: not a new clause
_END_TO_DATE = re.compile(r"\s*(?:\w{1,5}\s+)?", re.UNICODE)
_TRUCE_START_GAP = 24        # characters between a truce (or "takes effect") and the 'from' of its start
_TRUCE_START_GAP_AFTER = 12  # ... and between a start and the truce after it ("6日午前0時から停戦")
# where the truce may follow the time it starts at: verb-final languages, and Chinese (从6日起停火)
_START_AFTER = _VERB_FINAL | {"zh"}
_MODIFIER_FIRST = _START_AFTER   # what an anniversary commemorates comes before it (the same languages)
_TALKS_AFTER_TRUCE = 3       # a talks word this close after a truce word makes it their topic (停戦協議)
_RANGE = re.compile(r"\s*(?:[-–—~〜～]|至|到|to|until|till|through|bis|au|al|a|hasta|até|hingga|sampai|sd|s/d|до|по|تا|إلى|حتى|से|تک)\s*",
                    re.IGNORECASE)
# how far back a date sets the time of what follows: a report's lead dates the few
# sentences that tell the same day's news after it
_CARRIED_SENTENCES = 4
_PAGE_DATE_CHARS = 16     # "date 2024-02 ...", "Published: 2024-02-05" opening a page's text
_PAGE_LABEL = re.compile(r"\s*(?:\w+\s*:|date|datum|fecha|data|tanggal|تاريخ|дата)?\s*", re.IGNORECASE)
_CLOCK = re.compile(r"[\s,|·\-–—]*(?:[0-2]?\d[:.h時][0-5]\d|\d{1,2}時)")


def is_anaphoric(f: Frame, doc: Document) -> bool:
    """Does the frame's (only) mention refer back ("the talks", "pertemuan tersebut")?
    Asked by the merge stage only when an earlier frame of the family exists."""
    if f.anaphoric is None:
        f.anaphoric = _anaphoric(f.head, doc, f.parties)
    return f.anaphoric


def _anaphoric(m: Mention, doc: Document, parties: set[str]) -> bool:
    """Is a demonstrative of the text's language right before or after the trigger?"""
    forms = doc.anaphors
    if not forms:
        return False
    f, t = doc.folded, m.trigger
    before = f[max(0, t.start - 24):t.start].rstrip()
    words = before.rsplit(None, 1)
    prev_word = words[-1].lstrip(_PUNCT) if words else ""
    if prev_word in forms.get("pre", ()) or before.endswith(forms.get("pre_glued", ())):
        return True
    words = f[t.end:t.end + 24].split(None, 1)
    if words and words[0].rstrip(_PUNCT) in forms.get("post", ()):
        return True
    # "the meeting" whose own sentence names fewer than two sides (those the frame has may be
    # borrowed from the sentences around) is the one already reported
    return prev_word in forms.get("article", ()) and (len(parties) < 2 or (
        m.family == "diplomatic_meeting" and len(doc.sides([doc.sents[m.sent]])) < 2))


_PUNCT = "\"'“”‘’«»()[]{},.;:!?-–—"


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The English short name of an ISO3 state ("PSE" -> "Palestine")."""
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name.split(",")[0]
