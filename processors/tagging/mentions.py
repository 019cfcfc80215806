"""Stage 1: event mentions. Each trigger the lexicon pass found is judged in its
sentence and its neighbours (a window); what passes becomes a `Mention`.

- ceasefire: needs an armed conflict around it (a conflict cue, an armed group, or a
  peace-process trigger in the window) and no out-of-scope domain (sports, business,
  labour, politics) dominating the sentence;
- peace_process: a strong trigger ("peace talks") needs a state, an organisation or a
  conflict in the window; a weak one ("negotiations") needs a ceasefire, an armed group
  or a conflict next to it; a ceasefire that the sentence says was mediated is also a
  peace-process mention;
- diplomatic_meeting: needs two different sides (states, organisations, or a state and a
  foreign armed group) in the sentence, or in the window when the sentence itself names
  an official; talks held between two sides at a venue are a meeting too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import Cue
from ..matcher import Match
from .document import TRIGGERS, Document, Sentence

__all__ = ["Mention", "find_mentions", "meeting_window", "add_talks_meetings", "extraction_ranges", "CF_STATUS_ORDER",
           "STAGE_ORDER"]

# When one sentence carries several cues, the first in these lists wins.
CF_STATUS_ORDER = ("violated", "ended", "extended", "called_for", "proposed", "agreed", "in_effect", "historical")
STAGE_ORDER = ("collapsed", "stalled", "signed", "implemented", "agreed", "progress", "proposed", "scheduled", "held")

_HARD_NEG = frozenset({"sports", "business", "labour", "celebrity", "religion", "domestic", "exercise"})
_TALKS_HELD = frozenset({"held", "agreed", "signed", "progress"})


@dataclass(slots=True)
class Mention:
    """One trigger of one family in one sentence, accepted by the rules."""

    family: str
    sent: int                              # index of its sentence
    trigger: Match[Cue]
    triggers: list[Match[Cue]] = field(default_factory=list)   # every trigger of the family there
    stage: str | None = None               # a stage the rule fixed ("agreed" for a mediated truce)
    talks: bool = True                     # a peace trigger of its own was accepted in its sentence
    refers_back: bool = False              # "the agreement" of the sentence before (see _fate_of_the_truce)


def _looks_out_of_scope(s: Sentence, doc: Document) -> bool:
    """A sentence about sports, business, labour, ... with no conflict cue of its own."""
    memo = s.remember()
    known = memo.get("out_of_scope")
    if known is None:
        known = memo["out_of_scope"] = _out_of_scope(s, doc)
    return known


def _out_of_scope(s: Sentence, doc: Document) -> bool:
    if s.has("conflict") or (s.actors and any(a.kind == "group" for a in s.actors)):
        return False
    if "neg" in s.cats and s.neg_domains() & _HARD_NEG:
        return True
    # an article dominated by an out-of-scope domain and without armed conflict (the count
    # first: it is the article's, and most articles with a trigger tell of more conflict)
    return doc.conflict_sentences <= 1 and sum(n for d, n in doc.neg.items() if d in _HARD_NEG) >= 3


def _ceasefire_ok(i: int, doc: Document) -> bool:
    s = doc.sents[i]
    if _looks_out_of_scope(s, doc):
        return False
    win = doc.window(i, 2)
    conflict = any(w.has("conflict") or w.has("peace") for w in win) or any(
        a.kind == "group" for w in win for a in w.actors)
    named = bool(doc.sides_around(i, 2))
    if conflict and (named or not doc.neg):
        return True
    # a state or an organisation with the truce and nothing out of scope anywhere
    return named and (doc.conflict_sentences >= 2 or not doc.neg)


def _peace_ok(i: int, trigger: Cue, doc: Document, process: bool = False) -> bool:
    s = doc.sents[i]
    if _looks_out_of_scope(s, doc):
        return False
    if trigger.cat == "peace":
        if doc.sides_around(i, 2):
            return True
        win = doc.window(i, 2)
        # no state or organisation around: only in an article that is about an armed conflict
        return not doc.neg and (any(w.has("conflict") or w.has("cf") for w in win) or doc.conflict_sentences >= 2)
    # weak trigger ("negotiations", "agreement"): only next to a ceasefire, an armed group or a conflict
    win = doc.window(i, 1)
    near_cf = any(w.has("cf") for w in win)
    near_conflict = any(w.has("conflict") for w in win) and doc.conflict_sentences >= 2
    near_group = any(a.kind == "group" for w in win for a in w.actors)
    # or in an article that has told of a peace process: "the talks" are that process's, unless
    # they broke down ("the talks ended without result"), as coalition or trade talks often do
    process = process and not s.values("stage") & _BREAKDOWNS
    return (near_cf or near_group or near_conflict or process) and len(doc.sides_around(i, 2)) >= 1


_BREAKDOWNS = frozenset({"stalled", "collapsed"})


def _meeting_ok(i: int, doc: Document) -> bool:
    s = doc.sents[i]
    if _looks_out_of_scope(s, doc):
        return False
    if len(doc.sides([s])) >= 2:
        return True
    if _meets_private_people(s, doc):
        return False
    if (s.has("official") or s.actors) and len(doc.sides(meeting_window(i, doc))) >= 2:
        return True
    # "the two sides", "kedua negara", "双方": the parties are named in the sentences around
    return s.has("both") and len(doc.sides_around(i, 2)) >= 2


def meeting_window(i: int, doc: Document) -> list[Sentence]:
    """The sentences that may lend sides to a meeting in sentence `i` that names fewer than
    two: it and the ones around it. A sentence before that tells of a meeting of its own lends
    none when sentence `i` names a side that meeting does not have: that is another meeting
    ("After the bilateral meeting, he saw his Nigerian guest off. He had just returned from
    Turkey, where he attended an international meeting"); with no side of its own, sentence `i`
    may be that meeting again ("The meeting of the officials will take place in Doha")."""
    win = doc.window(i, 1)
    if i > 0 and doc.sents[i - 1].has("meet"):
        own, before = doc.sides([doc.sents[i]]), doc.sides([doc.sents[i - 1]])
        if before and own and not own <= before:
            win = win[1:]
    return win


def _meets_private_people(s: Sentence, doc: Document) -> bool:
    """A sentence with fewer than two sides of its own that names foreign private people or
    firms ("the prime minister will also meet Chinese investors and Pakistani traders"): those
    are whom its meeting is with, so the sentences around it lend it no second side."""
    return bool(s.actors) and any(doc.of_private_people(s, a) for a in s.actors)


def _next_round(i: int, doc: Document, found: list[Mention]) -> bool:
    """"They agreed to hold another meeting next month": a meeting planned in a sentence that
    names no sides, after talks or a meeting the article reported, is the next round of
    those talks (the merge stage gives it their sides). Asked only when the sentence has no
    peace-process trigger: a border commission's meeting is a step of the peace process."""
    s = doc.sents[i]
    if not (s.has("fut") or "scheduled" in s.values("meet.status")) or _looks_out_of_scope(s, doc) \
            or _meets_private_people(s, doc):
        return False
    return any(m.family in ("diplomatic_meeting", "peace_process") and m.sent < i for m in found)


def _deals_of_the_talks(doc: Document, found: list[Mention]) -> list[Mention]:
    """"The agreement was signed in Doha": an agreement noun with a word of its stage, in an
    article that reports peace talks (before or after it), is a step of those talks (the
    merge stage joins it to them unless its date or place says it is another)."""
    if not any(m.family == "peace_process" for m in found):
        return found
    taken = {m.sent for m in found if m.family == "peace_process"}
    truces = {m.sent for m in found if m.family == "ceasefire"}
    added = []
    for i, s in enumerate(doc.sents):
        if i in taken or "deal" not in s.cats or "stage" not in s.cats:
            continue
        deal = s.cues_of("deal")[0]
        inside = lambda c: deal.start <= c.start and c.end <= deal.end   # noqa: E731
        # a truce's own sentence is a step of the talks only when it says the truce agreement
        # was signed: the sides put their names to a text the talks wrote ("a humanitarian
        # truce agreement was signed in Jeddah"); a truce agreed, holding or broken is the
        # truce's news (its negotiation is _negotiated_truces' and the mediation rule's)
        stages = _SIGNED if i in truces else _DEAL_STAGES
        if any(c.payload.value in stages and not inside(c) for c in s.cues_of("stage")) \
                and not _looks_out_of_scope(s, doc):
            added.append(Mention("peace_process", i, deal, [deal]))
    return sorted(found + added, key=lambda m: m.sent) if added else found


_DEAL_STAGES = frozenset({"signed", "agreed", "implemented", "stalled", "collapsed"})
_SIGNED = frozenset({"signed"})


def _first_accepted(peace: list[Match[Cue]], i: int, doc: Document, process: bool) -> Match[Cue] | None:
    """The first of the sentence's peace and talks cues that `_peace_ok` accepts, asked once per
    category: its answer depends on the category of the cue, not on the cue."""
    verdicts: dict[str, bool] = {}
    for m in peace:
        ok = verdicts.get(m.payload.cat)
        if ok is None:
            ok = verdicts[m.payload.cat] = _peace_ok(i, m.payload, doc, process)
        if ok:
            return m
    return None


def find_mentions(doc: Document) -> list[Mention]:
    """The accepted event mentions of `doc`, in text order (at most one per family and sentence)."""
    out: list[Mention] = []
    process, looked = False, 0   # (the mentions before `looked` are known not to be peace talks)
    for i, s in enumerate(doc.sents):
        if not s.cats & TRIGGERS and "deal" not in s.cats:
            continue
        cf = s.cues_of("cf")[0] if "cf" in s.cats else None
        if cf is not None and not _ceasefire_ok(i, doc):
            cf = None
        # a strong trigger ("peace talks") speaks for the sentence before a weak one ("talks")
        # and a word of talks for the sentence before a word of mediation ("停戦を目指す協議で、仲介役")
        # (the sort is stable: the cues of one key stay in text order, as in s.cues)
        peace = [*s.cues_of("peace"), *s.cues_of("talks")]
        if len(peace) > 1:
            peace.sort(key=lambda m: (_is_mediation(m, s), m.payload.cat != "peace"))
        if not process:
            process = any(m.family == "peace_process" and m.trigger.payload.cat == "peace" for m in out[looked:])
            looked = len(out)
        trigger = _first_accepted(peace, i, doc, process)
        next_round = False
        if s.has("meet") and not _meeting_ok(i, doc):
            next_round = trigger is None and _next_round(i, doc, out)
            meet = list(s.cues_of("meet")) if next_round else []
        else:
            meet = list(s.cues_of("meet"))
        if meet and s.has("receive"):
            meet = [c for c in meet if not _receives_a_step(s, c)]
        if cf is not None:
            out.append(Mention("ceasefire", i, cf, [cf]))
            if s.has("mediate"):
                # a mediated truce the sentence says was agreed (or is in force, broken or
                # ended since) was agreed in those talks; mediation of a truce the sentence
                # says nothing of, or of extending one, or of one only proposed or called for,
                # is talks at the stage the sentence's own words say
                status = s.values("cf.status")
                # (not when the talks broke down and the truce with them: "the talks failed, and
                # the group ended the truce" is the talks' collapse, not their agreement)
                stage = "agreed" if status & _AGREED_SINCE and not status & _NOT_YET_AGREED \
                    and not (status & _TRUCE_OVER and _talks_broke_down(s, cf)) else None
                out.append(Mention("peace_process", i, cf, [cf] + ([trigger] if trigger is not None else []),
                                   stage=stage, talks=trigger is not None))
                trigger = None
            # a truce offered where the article tells of talks or mediation is a proposal
            # in those negotiations (taxonomy: talks offered are a peace-process milestone)
            elif trigger is None and "proposed" in s.values("cf.status") and any(
                    w.has("talks") or w.has("peace") or w.has("mediate") for w in doc.sents):
                out.append(Mention("peace_process", i, cf, [cf], stage="proposed", talks=False))
            # a step taken under the truce deal ("Hamas freed three hostages as part of the
            # ceasefire deal") carries the deal out (taxonomy: mechanisms that carry out a
            # deal are `implemented`), though the sentence names no talks
            elif trigger is None and s.has("under") and _carried_out_under(s, cf, doc.text):
                out.append(Mention("peace_process", i, cf, [cf], stage="implemented", talks=False))
        if trigger is not None:
            out.append(Mention("peace_process", i, trigger, [trigger]))
        if meet:
            out.append(Mention("diplomatic_meeting", i, meet[0], meet))
            # a meeting planned in an article about peace talks is their next round, a step
            # of the peace process too ("they agreed to meet again in two weeks")
            plan = (next_round or s.has("fut") or "scheduled" in s.values("meet.status")) and \
                "cancelled" not in s.values("meet.status")
            # (a truce of the sentence that is itself its talks' step, mediated or offered,
            # already made the sentence's one peace-process mention)
            if plan and trigger is None and (cf is None or (_truce_as_purpose(s, cf) and not any(
                    m.sent == i and m.family == "peace_process" for m in out))) \
                    and any(m.family == "peace_process" for m in out):
                out.append(Mention("peace_process", i, meet[0], meet, stage="scheduled", talks=False))
    return _deals_of_the_talks(doc, _fate_of_the_truce(doc, out))


def _talks_broke_down(s: Sentence, cf: Match[Cue]) -> bool:
    """Does a word of breakdown of the sentence (stage `stalled`, `collapsed`) tell of its talks
    rather than of its truce: nearer a word of talks than the truce's own ("the talks failed,
    and the group ended the truce"; not "the collapse of the US-brokered ceasefire")?"""
    talks = [*s.cues_of("talks"), *s.cues_of("peace")]
    if not talks:
        return False

    def gap(a: Match[Cue], b: Match[Cue]) -> int:
        return max(a.start - b.end, b.start - a.end, 0)

    return any(c.payload.value in _BREAKDOWNS and min(gap(c, t) for t in talks) < gap(c, cf)
               for c in s.cues_of("stage"))


def _carried_out_under(s: Sentence, cf: Match[Cue], text: str) -> bool:
    """Does the sentence tell of a step of implementation (lexicon stage `implemented`: freed,
    released, withdrew) taken under the truce `cf` names: the truce inside a framework phrase
    ("as part of the ceasefire deal", "в рамках соглашения", "ateşkes anlaşması kapsamında")
    and the step outside it? Not a step still to come or only sought ("will free", "to free")."""
    from .frames import _under_a_deal, _within   # (frames imports this module)
    if s.has("fut") or s.has("aim"):
        return False
    spans = _under_a_deal(s, text)
    if not spans or not _within(cf, spans):
        return False
    return any(c.payload.value == "implemented" and not _within(c, spans) for c in s.cues_of("stage"))


# what a word of receiving takes: a step of the talks, not a visitor
_STEP_CATS = ("cf", "deal", "peace", "talks")
_RECEIVED_AFTER = 20    # "welcomed the ceasefire", "recibió la nueva propuesta de paz"
_RECEIVED_BEFORE = 12   # "युद्धविराम का स्वागत", "ateşkesi kabul etti", "停戦合意を歓迎"


def _receives_a_step(s: Sentence, c: Match[Cue]) -> bool:
    """Is the meeting word c a word of receiving or welcoming (lexicon `receive`) whose object
    is a truce, a deal or talks, not a visitor ("welcomed the ceasefire", "recibió la
    propuesta de acuerdo", "ateşkesi kabul etti", "युद्धविराम समझौते का स्वागत किया")? That is
    a word of approval, or of a proposal received, not a reception: no meeting. The object
    comes right after the word (`pre`, within _RECEIVED_AFTER characters and no one named in
    between: "welcomed the Qatari envoy for talks" receives the envoy) or right before it
    (`post`, within _RECEIVED_BEFORE)."""
    for w in s.cues_of("receive"):
        if not (w.start < c.end and c.start < w.end):
            continue
        for cat in _STEP_CATS:
            for o in s.cues_of(cat):
                if w.payload.value == "pre" and 0 <= o.start - w.end <= _RECEIVED_AFTER:
                    if not any(w.end <= a.start and a.end <= o.start for a in s.actors) and not any(
                            w.end <= x.start and x.end <= o.start for x in s.cues_of("official")):
                        return True
                elif w.payload.value == "post" and 0 <= w.start - o.end <= _RECEIVED_BEFORE:
                    return True
    return False


def _truce_as_purpose(s: Sentence, cf: Match[Cue]) -> bool:
    """Is the sentence's truce, one already reached, only what its meeting is for ("agreed to
    hold follow-up meetings so that the ceasefire is carried out", "تاکہ جنگ بندی کے نفاذ"):
    named right after a word of purpose (or before one, in languages that put it after), so
    the meeting planned is still the next round of the talks that reached it? Not a truce the
    sentence only hopes to reach ("hoping to reach a ceasefire soon"): that is sought, and
    the meeting is not yet a round of anything."""
    from .frames import _aimed, truce_only_sought   # (frames imports this module)
    return s.has("aim") and _aimed(s, cf.start, cf.end) and not truce_only_sought(s)


def _fate_of_the_truce(doc: Document, found: list[Mention]) -> list[Mention]:
    """"They reached a ceasefire agreement in January. But Israel broke the agreement in
    March": an agreement noun with a word of what became of a truce (violated, ended,
    extended), in one of the two sentences after one that tells of a truce, is that truce
    (its date is when that became of it, not the truce's own)."""
    truces = {m.sent for m in found if m.family == "ceasefire"}
    added: dict[int, Mention] = {}
    for i in sorted(truces):
        for j in range(i + 1, min(i + 1 + _FATE_REACH, len(doc.sents))):
            if j in truces:
                break   # a truce of its own: "the agreement" after it is that one's
            s = doc.sents[j]
            if j not in added and s.has("deal") and s.values("cf.status") & _FATES and not _looks_out_of_scope(s, doc):
                deal = s.cues_of("deal")[0]
                added[j] = Mention("ceasefire", j, deal, [deal], refers_back=True)
    return sorted(found + list(added.values()), key=lambda m: m.sent) if added else found


_FATES = frozenset({"violated", "ended", "extended"})
_FATE_REACH = 2   # sentences after the truce


def add_talks_meetings(mentions: list[Mention], doc: Document) -> list[Mention]:
    """Once places are known: talks held at a venue between two sides are a meeting too,
    and a ceasefire agreed next to a meeting was negotiated."""
    meeting_sents = {m.sent for m in mentions if m.family == "diplomatic_meeting"}
    out: list[Mention] = []
    for m in mentions:
        out.append(m)
        if m.family != "peace_process" or not m.talks or m.sent in meeting_sents:
            continue
        # the talks word itself, not the truce they brokered, nor a word of mediation ("the
        # mediators", "وساطة", "斡旋"): mediation is not a meeting by itself
        talk = next((t for t in m.triggers if t.payload.cat != "cf" and not _is_mediation(t, doc.sents[m.sent])), None)
        if talk is not None and _talks_are_meeting(m.sent, talk, doc, m.stage):
            out.append(Mention("diplomatic_meeting", m.sent, talk, [talk]))
            meeting_sents.add(m.sent)
    return _negotiated_ceasefires(out, doc)


_NOT_YET_AGREED = frozenset({"extended", "proposed", "called_for"})
_AGREED_SINCE = frozenset({"agreed", "in_effect", "violated", "ended"})
_TRUCE_OVER = frozenset({"violated", "ended"})


def _is_mediation(t: Match[Cue], s) -> bool:
    cues = s.cues_of("mediate")   # (none in most sentences: no generator)
    return bool(cues) and any(c.start < t.end and t.start < c.end for c in cues)


def _talks_are_meeting(i: int, trigger: Match[Cue], doc: Document, stage: str | None) -> bool:
    """Talks held between two sides at a venue, or with a mediator, are also a meeting."""
    s = doc.sents[i]
    stages = s.values("stage")
    if trigger.payload.cat == "peace" and trigger.payload.value:
        stages.add(trigger.payload.value)
    stage = stage or _first(stages, STAGE_ORDER) or ("scheduled" if s.has("fut") else "held")
    if stage not in _TALKS_HELD:
        return False
    # a city, or a region introduced as the venue ("talks in Darfur"): a region the talks are
    # about ("a plan for the Gaza Strip") is not where they were held
    venue = (any((p.kind == "city" or doc.is_venue_place(p.start, p.end)) and not _war_zone(s, p.start)
                 for p in s.places)
             or any(a.kind == "country" and doc.is_venue(a) and not _war_zone(s, a.start) for a in s.actors))
    if not venue:
        return False
    return len(doc.sides_around(i, 1) if s.has("mediate") or s.has("both") else doc.sides([s])) >= 2


def _war_zone(s: Sentence, start: int) -> bool:
    """Is the place at `start` named right after a word of armed conflict ("the war in Yemen",
    "perang di Yaman", "combats à Khartoum"): the area of the fighting, not where talks are held."""
    return any(c.end <= start <= c.end + _WAR_ZONE_GAP for c in s.cues_of("conflict"))


_WAR_ZONE_GAP = 8   # " in ", " di ", " au ", " в ", " في "


def _first(found: set[str], order: tuple[str, ...]) -> str | None:
    return next((v for v in order if v in found), None)


def _negotiated_ceasefires(mentions: list[Mention], doc: Document) -> list[Mention]:
    """A ceasefire agreed in a meeting or call two sentences away, or at a meeting its own
    sentence names ("at the contact group's session in Minsk they agreed on a truce", though
    no two sides are named there for a meeting of their own), was negotiated: also a
    peace-process milestone (taxonomy: "a ceasefire that the text says was negotiated")."""
    if any(m.family == "peace_process" for m in mentions):
        return mentions
    # a meeting still planned ("the prime ministers are to meet in New York") negotiated nothing yet
    meetings = [m.sent for m in mentions if m.family == "diplomatic_meeting" and not _planned(doc.sents[m.sent])]
    for m in mentions:
        if m.family == "ceasefire" and (_near(m.sent, meetings) or _at_a_meeting(doc.sents[m.sent])) and _first(
                doc.sents[m.sent].values("cf.status"), CF_STATUS_ORDER) in ("agreed", "extended"):
            mentions.append(Mention("peace_process", m.sent, m.trigger, [m.trigger], stage="agreed", talks=False))
            mentions.sort(key=lambda x: x.sent)
            break
    return mentions


def _at_a_meeting(s) -> bool:
    """Does the sentence name a meeting that has taken place (a meeting word, no plan)?"""
    return s.has("meet") and not _planned(s)


def _planned(s) -> bool:
    """Does the sentence tell of a meeting to come: a future word or a status word of a
    meeting scheduled, proposed or cancelled?"""
    return s.has("fut") or bool(s.values("meet.status"))


def _near(i: int, others: list[int], radius: int = 2) -> bool:
    return any(abs(i - j) <= radius for j in others)


def extraction_ranges(mentions: list[Mention], doc: Document, radius: int = 2) -> list[tuple[int, int]]:
    """Character ranges of the mentions' sentences and their neighbours, merged: where
    places, dates and figures are worth looking for."""
    n = len(doc.sents)
    wanted = sorted({j for m in mentions for j in range(max(0, m.sent - radius), min(n, m.sent + radius + 1))})
    ranges: list[tuple[int, int]] = []
    prev = -2
    for j in wanted:
        s = doc.sents[j]
        if ranges and j == prev + 1:
            ranges[-1] = (ranges[-1][0], s.end)
        else:
            ranges.append((s.start, s.end))
        prev = j
    return ranges
