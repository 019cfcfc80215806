"""Stage 3: merge the mentions of one real-world event into one frame.

Mentions of one family merge when nothing they say conflicts: their own dates agree at
the coarser precision, their places lie in the same state, their parties do not each
name a pair the other lacks, and one is not a plan while the other is done. An
anaphoric mention ("the talks", "pertemuan tersebut") joins the latest frame of its
family unless its own date says otherwise, and adds no parties of its own (the states
it mentions in passing, an occupier or a congratulated victory, are not the meeting's).

Then frames of different families that share a sentence lend each other what they
lack (place, date, parties), and figures of a neighbouring sentence go to the nearest
frame, a ceasefire first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from ..model import DateMention
from .document import Document, party_key
from .frames import (Frame, _dates_the_truce_only, country_name, is_anaphoric, one_side_accepts,
                     one_side_agrees_to_terms, place_dict, sides_between, truce_only_discussed, truce_only_sought)

__all__ = ["merge_frames"]

_PLANS = frozenset({"scheduled", "proposed", "called_for", "cancelled"})


def merge_frames(frames: list[Frame], doc: Document) -> list[Frame]:
    merged: list[Frame] = []
    by_family: dict[str, list[Frame]] = {}   # the merged frames of each family, in order
    for f in _split_bilaterals(_split_venues(frames, doc), doc):
        same = by_family.setdefault(f.family, [])
        target = None
        if same and f.thanked_for:
            # thanks look back on what has happened, not on a plan told since
            target = _thanked_event(f, same)
        elif same and is_anaphoric(f, doc) and not _dates_conflict(same[-1], f) \
                and not (f.family == "peace_process" and _plan_and_done(same[-1], f)):
            target = same[-1]
        if target is None:
            target = next((g for g in reversed(same) if _compatible(g, f, doc)), None)
        if target is None:
            merged.append(f)
            same.append(f)
        else:
            _absorb(target, f)
    _share_across_families(merged, doc)
    _negotiated_truces(merged, doc)
    _sides_of_the_conflict(merged)
    _other_side_of_a_truce(merged)
    _third_parties(merged, doc)
    _mediators_of_the_conflict(merged)
    _mediators_throughout(merged)
    _third_of_a_trilateral(merged)
    _states_beside_the_sides(merged)
    _sides_do_not_mediate(merged, doc)
    _conflict_states_do_not_mediate(merged)
    merged = _brokers_into_their_event(merged)
    _sides_of_brokered_deals(merged)
    _states_of_armed_groups_do_not_mediate(merged)
    _truce_areas(merged, doc)
    _scene_of_a_truce(merged, doc)
    _bystander_organisations(merged, doc)
    _places_carried(merged)
    _assign_figures(merged, doc)
    return merged


def _thanked_event(f: Frame, same: list[Frame]) -> Frame | None:
    """The event that thanks look back on: the latest of the family that is not a plan and
    that has every party the thanks name ("both ministers thanked the American side for
    hosting the talks" is for the talks the US took part in, not for a later-told meeting
    of the two alone); else the latest that is not a plan."""
    done = [g for g in reversed(same) if not _plan(g)]
    return next((g for g in done if len(f.parties) >= 2 and f.parties <= g.parties), done[0] if done else None)


def _negotiated_truces(frames: list[Frame], doc: Document) -> None:
    """Talks next to a sentence that says a truce was agreed (before or after) produced it: the
    talks reached an agreement (taxonomy: a negotiated ceasefire is a peace-process
    milestone, stage `agreed`)."""
    agreed = {m.sent for f in frames if f.family == "ceasefire" for m in f.mentions
              if "agreed" in doc.sents[m.sent].values("cf.status") and not truce_only_sought(doc.sents[m.sent])
              and not truce_only_discussed(doc.sents[m.sent], doc.text) and not one_side_accepts(doc.sents[m.sent])
              and not one_side_agrees_to_terms(doc.sents[m.sent], doc.text)}
    if not agreed:
        return
    for f in frames:
        if f.family != "peace_process" or set(f.values) & _BEYOND_AGREEMENT:
            continue
        if all(m.stage == "scheduled" for m in f.mentions):
            continue   # a round still to come ("agreed to meet again next week") reached nothing yet
        if any(abs(m.sent - j) <= 1 for m in f.mentions for j in agreed):
            f.values.append("agreed")
            f.stated.append(True)


_BEYOND_AGREEMENT = frozenset({"agreed", "signed", "implemented", "collapsed", "stalled"})


def _third_parties(frames: list[Frame], doc: Document) -> None:
    """"Russia got both countries to agree a truce": a state named before "both sides" /
    "kedua negara" / "双方" that is not one of the two sides the event's other mentions
    name brings the sides together, so it mediates."""
    for f in frames:
        if f.family == "diplomatic_meeting":
            continue
        for m in f.mentions:
            s = doc.sents[m.sent]
            if "both" not in s.cats:
                continue
            both = [c.start for c in s.cues_of("both")]
            others = {party_key(a) for o in f.mentions if o.sent != m.sent
                      for a in doc.sents[o.sent].actors if doc.is_party(doc.sents[o.sent], a)}
            if len(others - {None}) < 2:
                continue
            for a in s.actors:
                key = party_key(a)
                if (a.kind == "country" and key and key not in others and key not in f.mediators
                        and a.end <= both[0] and doc.is_party(s, a)):
                    f.mediators.append(key)


def _third_of_a_trilateral(frames: list[Frame]) -> None:
    """"Pashinyan will join trilateral talks with Trump and Aliyev": when the article's conflict
    has two sides (those its truce or peace talks name most) and a meeting or talks bring them
    together with one more state or organisation, and no one is said to mediate, that third one
    brings them together: it mediates (as the US, Russia or the EU do in trilateral formats)."""
    conflict = _conflict_sides(frames)
    if conflict is None:
        return
    fighting = _truce_sides(frames)
    for f in frames:
        if f.mediators or f.sides_inherited or not conflict < f.parties:
            continue
        third = f.parties - conflict
        if len(third) == 1 and not third & fighting:
            f.mediators.extend(third)


def _conflict_sides(frames: list[Frame]) -> frozenset[str] | None:
    """The two sides of the article's conflict: the pair its truces and talks name most."""
    pairs = Counter(frozenset(sides) for f in frames if f.family != "diplomatic_meeting"
                    if len(sides := f.parties - set(f.mediators)) == 2)
    top = pairs.most_common(2)
    if len(top) == 2 and top[0][1] == top[1][1]:
        return None   # two pairs named as often: which is the conflict is not told
    return top[0][0] if top else None


def _states_beside_the_sides(frames: list[Frame]) -> None:
    """"Egypt, Qatar and the US worked on the truce Israel and Hamas accepted": in an event
    that names both sides of the article's conflict, the other states taking part (not the
    organisations, which may only watch or supply) are there to bring the sides together:
    they mediate, as those of a trilateral do."""
    conflict = _conflict_sides(frames)
    if conflict is None:
        return
    for f in frames:
        if f.sides_inherited or not conflict < f.parties:
            continue
        orgs = {a.code for a in f.actors if a.kind == "org"}
        f.mediators.extend(sorted(f.parties - orgs - conflict - set(f.mediators)))


def _mediators_of_the_conflict(frames: list[Frame]) -> None:
    """Mediators broker a conflict's talks, its truce and the meetings between its sides:
    a frame whose own sides are sides of a mediated frame (and none of its mediators) is
    mediated by them too. A meeting of one side with a third party is not."""
    mediated = [(f, set(f.mediators), f.parties - set(f.mediators)) for f in frames if f.mediators]
    # "Qatar, one of the mediators with Egypt and the US, announced the truce": a frame
    # whose every party mediates names the mediators of the conflict the article is about;
    # they broker the talks or truce of a side even when one of them (the host) is named in
    # it too, but not a frame whose every side is one of them (their own doing)
    brokers = [f for f, _, sides in mediated if not sides and f.family != "diplomatic_meeting"]
    for g in frames:
        own_sides = g.parties - set(g.mediators)
        if not own_sides or g.sides_inherited:   # nothing in its own words ties it to the mediation
            continue
        if g.family == "ceasefire" and {v for v in g.values if v} == {"called_for"}:
            continue    # a call for a truce is one side's word, not a brokered event
        sources = [(f, mediators) for f, mediators, sides in mediated
                   if f is not g and own_sides <= sides and not _years_differ(f, g)]
        if not sources and g.family != "diplomatic_meeting" and own_sides - {
                m for b in brokers for m in b.mediators}:
            sources = [(b, set(b.mediators)) for b in brokers if b is not g and not _years_differ(b, g)]
        if not sources:
            continue
        pos = g.head.trigger.start
        f, mediators = min(sources, key=lambda fm: abs(fm[0].head.trigger.start - pos))
        mediators = {code for code in mediators if _may_mediate(g, code)}
        for code in f.mediators:
            if code not in g.mediators and code in mediators:
                g.mediators.append(code)
        g.parties |= mediators


def _truce_sides(frames: list[Frame]) -> set[str]:
    """Who fights: the parties of the article's truces that do not mediate them."""
    return {p for f in frames if f.family == "ceasefire" for p in f.parties - set(f.mediators)}


def _mediators_throughout(frames: list[Frame]) -> None:
    """A state or organisation the article names as a mediator keeps that role in the other
    events it takes part in with a side ("Egypt and Qatar mediate the Gaza truce ... Hamas's
    leader met Egyptian officials in Cairo"): it mediates them too, unless it fights (a side
    of a ceasefire the article reports)."""
    known = {code for f in frames for code in f.mediators}
    fighting = _truce_sides(frames)
    for f in frames:
        for code in sorted(f.parties & known - fighting - set(f.mediators)):
            if f.parties - known:
                f.mediators.append(code)


def _sides_do_not_mediate(frames: list[Frame], doc: Document) -> None:
    """A state that one of the frame's sentences names as a side ("talks between Pakistan and
    Afghanistan") does not mediate it, whatever another sentence's word order suggested
    (unless no one else would be left to mediate)."""
    for f in frames:
        if len(f.mediators) < 2:
            continue
        sides = set()
        for i in {m.sent for m in f.mentions}:
            s = doc.sents[i]
            spans = sides_between(s, doc)
            sides |= {party_key(a) for a in s.actors if any(lo <= a.start and a.end <= hi for lo, hi in spans)}
        kept = [m for m in f.mediators if m not in sides]
        if kept and len(kept) < len(f.mediators):
            f.mediators = kept


def _conflict_states_do_not_mediate(frames: list[Frame]) -> None:
    """A state that is one of the two sides of the article's conflict (the pair its truces and
    talks name most) mediates none of its events, whatever a list or a neighbouring sentence
    lent it ("Israel" in a list of the truce's brokers). An organisation in that pair stays:
    an armed group stands for its state, so a pair of a state and an organisation is
    often the state's civil war and the organisation that brokers it."""
    conflict = _conflict_sides(frames)
    if not conflict:
        return
    orgs = {a.code for f in frames for a in f.actors if a.kind == "org"}
    for f in frames:
        kept = [m for m in f.mediators if m not in conflict or m in orgs]
        if len(kept) < len(f.mediators):
            f.mediators = kept


def _states_of_armed_groups_do_not_mediate(frames: list[Frame]) -> None:
    """An armed group stands for the state it fights in (Hamas for Palestine, the RSF for
    Sudan): in an event that names such a group, that state is the group's side, not one
    of the mediators a list or a place name ("a truce in the Gaza Strip" after the list of
    its brokers) lent it."""
    for f in frames:
        fighting = {a.state for a in f.actors if a.kind == "group" and a.state}
        kept = [m for m in f.mediators if m not in fighting]
        if len(kept) < len(f.mediators):
            f.mediators = kept


def _brokers_into_their_event(frames: list[Frame]) -> list[Frame]:
    """A truce frame whose every party mediates ("Qatar, a mediator with Egypt
    and the US, announced the truce") tells of the truce its mediators broker: it joins
    the nearest truce they mediate between two sides. (Talks whose every party mediates
    may be the mediators' own meeting, and stay apart.)"""
    out = []
    for f in frames:
        target = None
        if f.family == "ceasefire" and f.mediators and not f.parties - set(f.mediators):
            pos = f.head.trigger.start
            cands = [g for g in out + frames if g is not f and g.family == f.family
                     and g.parties - set(g.mediators) and set(f.mediators) <= set(g.mediators)
                     and not _years_differ(f, g)]
            target = min(cands, key=lambda g: abs(g.head.trigger.start - pos), default=None)
        if target is None:
            out.append(f)
        else:
            when, carried = target.when, target.when_carried
            _absorb(target, f)
            target.when, target.when_carried = when, carried
    return out


def _bystander_organisations(frames: list[Frame], doc: Document) -> None:
    """"The African Union urged restraint after clashes between Ethiopia and the rebels. The
    fighting between the two sides ended the truce": a truce is between those who fight. An
    organisation that none of the truce's own sentences names, and that is not said to broker
    it, was only lent by a neighbouring sentence ("the two sides"): it is no party. (One the
    truce's sentences name, a monitor or a guarantor, stays.)"""
    for f in frames:
        if f.family != "ceasefire":
            continue
        named = {a.code for m in f.mentions for a in doc.sents[m.sent].actors if a.kind == "org"}
        lent = {a.code for a in f.actors if a.kind == "org"} - named - set(f.mediators)
        if lent and f.parties - lent:
            f.actors = [a for a in f.actors if not (a.kind == "org" and a.code in lent)]
            f.parties -= lent


def _years_differ(a: Frame, b: Frame) -> bool:
    return a.when is not None and b.when is not None and a.when.date[:4] != b.when.date[:4]


def _truce_areas(frames: list[Frame], doc: Document) -> None:
    """A ceasefire with no area of its own covers where its armed groups fight, else the
    state its sentences name as the scene ("serangan di Lebanon", "nchini Ethiopia"), else
    the side whose towns the fighting reaches or that the article names after a war word."""
    for f in frames:
        if f.family != "ceasefire" or f.where is not None:
            continue
        sents = [doc.sents[i] for i in sorted({m.sent for m in f.mentions})]
        sides = f.parties - set(f.mediators)
        codes = [a.state for s in sents for a in s.actors if a.kind == "group" and a.state]
        # a third state named as a venue is where the truce was made ("in Saudi Arabia, the army
        # accepted a truce"): not its area when the truce names its sides
        codes += [a.code for s in sents for a in s.actors
                  if a.kind == "country" and a.code and doc.is_venue(a) and a.via not in ("capital", "metonym")
                  and a.code not in f.mediators and (not sides or a.code in sides)]
        if not codes:
            # else the side of the war the article names as a scene ("strikes in Lebanon")
            scenes = Counter(a.code for s in doc.sents for a in s.actors
                             if a.kind == "country" and a.code in sides and doc.is_venue(a)
                             and a.via not in ("capital", "metonym"))
            codes = [code for code, _ in scenes.most_common(1)]
        if not codes and sides:
            # a state alone may have its war elsewhere ("Israel's strikes in Lebanon"): only
            # its own towns tell; of two sides, one named after a war word also does
            codes = _fought_over(doc, sides) or (_war_named_in(doc, sides) if len(sides) >= 2 else [])
        if codes:
            f.where, f.where_rank = {"name": country_name(codes[0]), "country": codes[0]}, 2


def _fought_over(doc: Document, sides: set[str]) -> list[str]:
    """The side whose towns and regions the article's event sentences (where places are read)
    name most, outside the dateline, where the place is no venue ("talks in Istanbul") and no
    seat of government that speaks for its state ("Moscow said"): where a war between the
    sides is fought ("shelling near Kharkiv"); empty when no such place is named or two
    sides are named alike."""
    counts = Counter(p.country for s in doc.sents for p in s.places
                     if p.country in sides and p.kind in ("city", "region")
                     and not doc.in_dateline(s, p.start) and not doc.is_time_zone(p.start, p.end)
                     and not doc.is_venue_place(p.start, p.end)
                     and not any(a.via in ("capital", "metonym") and a.start < p.end and p.start < a.end
                                 for a in s.actors))
    return _named_most(counts)


def _war_named_in(doc: Document, sides: set[str]) -> list[str]:
    """The side the article names right after a word of war or fighting most often ("the war
    in Ukraine", "yakin Ukraine", "combats au Soudan"): where the war is fought; empty when
    none is or two are named alike."""
    counts = Counter(a.code for s in doc.sents if s.has("conflict") for a in s.actors
                     if a.kind == "country" and a.code in sides and a.via == "name"
                     and any(c.end <= a.start <= c.end + _WAR_ZONE_GAP and _a_word_between(doc.text, c.end, a.start)
                             for c in s.cues_of("conflict")))
    return _named_most(counts)


_WAR_ZONE_GAP = 8   # " in ", " di ", " au ", " в ", " في " (as mentions._war_zone)


def _named_most(counts: Counter) -> list[str]:
    """The one state counted most, or none on a tie."""
    top = counts.most_common(2)
    if not top or len(top) == 2 and top[0][1] == top[1][1]:
        return []
    return [top[0][0]]


def _a_word_between(text: str, start: int, end: int) -> bool:
    """Do only letters and spaces (a preposition) join the war word to the state? Not a
    comma of a list ("the rebels, Russia and the OSCE")."""
    return all(ch.isalnum() or ch.isspace() or ch in "-'’" for ch in text[start:end])


def _scene_of_a_truce(frames: list[Frame], doc: Document) -> None:
    """A truce covers fighting in its area: the state it lies in fights there ("Israel agreed
    to a ceasefire in Gaza": the Palestinian side is a side too), unless the truce names no
    side at all. The area must be a place inside the state: a truce "in Saudi Arabia" may
    only have been made there. The state joins as the article names it (not by its capital)."""
    for f in frames:
        if f.family != "ceasefire" or f.where is None or not f.parties - set(f.mediators):
            continue
        code = f.where.get("country")
        if not code or code in f.parties or f.where.get("name") == country_name(code):
            continue    # a truce "in Saudi Arabia" may only have been made there
        named = [a for sx in doc.sents for a in sx.actors
                 if a.kind == "country" and a.code == code and a.via not in ("capital", "metonym")]
        if named:
            f.actors = f.actors + named[:1]
            f.parties.add(code)


def _places_carried(frames: list[Frame]) -> None:
    """Talks or a meeting whose sentences name no place took place where the event told just
    before it did ("They met in Jakarta. Bilateral meetings followed with India and Japan"):
    the place of the nearest frame with one, within the two sentences before (rank 1, so
    that nothing else is overridden and no merge was split by it). A plan takes the place
    of a plan only, an event that happened of one that happened. A phone or video call has
    no venue to carry."""
    for f in frames:
        if f.where is not None or f.family == "ceasefire" or f.modes == {"call"}:
            continue
        first = min(m.sent for m in f.mentions)
        near = [(max(m.sent for m in g.mentions if 0 <= first - m.sent <= _PLACE_CARRIED), g)
                for g in frames if g is not f and g.where is not None and _plan(g) == _plan(f)
                and not (f.family == "diplomatic_meeting" and g.family == "ceasefire")  # a truce's area is no venue
                and any(0 <= first - m.sent <= _PLACE_CARRIED for m in g.mentions)]
        if near:
            g = max(near, key=lambda sg: sg[0])[1]
            f.where, f.where_rank = g.where, 1


_PLACE_CARRIED = 2


def _plan(f: Frame) -> bool:
    return next((v for v in f.values if v), None) in _PLANS


def _sides_of_the_conflict(frames: list[Frame]) -> None:
    """Talks, a truce or a meeting ("the two sides reviewed the situation") whose sentences
    name no side belong to the conflict the article reports: they take the sides (not the
    mediators) of the nearest talks or truce that names them."""
    named = [f for f in frames if f.parties and f.family != "diplomatic_meeting"]
    for f in frames:
        if f.parties or not named:
            continue
        pos = f.head.trigger.start
        src = min(named, key=lambda g: (g.head.trigger.start > pos, abs(g.head.trigger.start - pos)))
        mediators = set(src.mediators)
        f.actors = [a for a in src.actors if party_key(a) not in mediators]
        f.parties = {k for a in f.actors if (k := party_key(a))}
        f.sides_inherited = True


def _other_side_of_a_truce(frames: list[Frame]) -> None:
    """A truce is between two sides: one whose sentences name only one side of the article's
    conflict ("the first Israeli air strike since the ceasefire began") holds between it and
    the other side of that conflict, taken from the nearest frame that names it."""
    conflict = _conflict_sides(frames)
    if conflict is None:
        return
    for f in frames:
        if f.family != "ceasefire" or f.sides_inherited or f.parties - set(f.mediators) - conflict:
            continue
        if f.where is not None and f.where.get("country") not in conflict:
            continue    # "Israel broke the truce in Lebanon": a truce of another front
        missing = conflict - f.parties
        if len(missing) != 1:
            continue
        pos = f.head.trigger.start
        sources = [g for g in frames if g is not f and missing & g.parties - set(g.mediators)]
        if not sources:
            continue
        src = min(sources, key=lambda g: abs(g.head.trigger.start - pos))
        f.actors = f.actors + [a for a in src.actors if party_key(a) in missing]
        f.parties |= missing


def _sides_of_brokered_deals(frames: list[Frame]) -> None:
    """Talks or a deal that name only those who broker them ("the agreement, negotiated by
    Saudi Arabia and the United States, takes effect on Monday") are between the sides of the
    conflict: they take the sides of the nearest talks or truce that names some (once the
    brokers' own statements have joined the truce they broker)."""
    named = [f for f in frames if f.family != "diplomatic_meeting" and f.parties - set(f.mediators)]
    for f in frames:
        if f.family == "diplomatic_meeting" or not f.parties or not set(f.mediators) >= f.parties or not named:
            continue
        pos = f.head.trigger.start
        src = min(named, key=lambda g: (g.head.trigger.start > pos, abs(g.head.trigger.start - pos)))
        mediators = set(src.mediators) | set(f.mediators)
        f.actors = f.actors + [a for a in src.actors if party_key(a) not in mediators]
        f.parties = {k for a in f.actors if (k := party_key(a))} | set(f.mediators)
        f.sides_inherited = True


def _split_venues(frames: list[Frame], doc: Document) -> list[Frame]:
    """"At their meetings on 6 October in Prague and 31 October in Sochi", "talks in Geneva on
    Monday and in Vienna on Friday": one trigger, as many meetings (or rounds of talks) as
    the dates and venues paired after it, each with its own place and date."""
    out: list[Frame] = []
    for f in frames:
        pairs = _venue_date_pairs(f, doc) if f.family != "ceasefire" and len(f.mentions) == 1 else None
        if not pairs:
            out.append(f)
            continue
        for place, when in pairs:
            g = _split_off(f, where=place_dict(place), where_rank=3, where_marked=True, when=when,
                           when_carried=False)
            out.append(g)
    return out


def _split_off(f: Frame, **changes) -> Frame:
    """One of the events a frame names together, as a frame of its own: it owns copies of every
    list and set (what later merges into one must not reach the others), has no figures yet
    (they are assigned after the merge) and refers back to nothing."""
    g = replace(f, mentions=list(f.mentions), actors=list(f.actors), parties=set(f.parties),
                mediators=list(f.mediators), values=list(f.values), stated=list(f.stated),
                modes=set(f.modes), figures={}, anaphoric=False)
    for name, value in changes.items():
        setattr(g, name, value)
    return g


def _venue_date_pairs(f: Frame, doc: Document) -> list[tuple] | None:
    """The (venue, date) pairs named after the frame's trigger, when there are two or more and
    they alternate (date, venue, date, venue or venue, date, venue, date) with distinct venues."""
    s, t = doc.sents[f.head.sent], f.head.trigger.end
    if len(s.places) < 2:
        return None   # (most sentences: not two venues)
    venues = [p for p in s.places if p.start >= t and doc.is_venue_place(p.start, p.end)]
    if len(venues) < 2 or len({p.name for p in venues}) < len(venues):
        return None
    dates = [d for d in s.dates if d.start >= t]
    if len(dates) != len(venues):
        return None
    items = sorted([("v", p) for p in venues] + [("d", d) for d in dates], key=lambda x: x[1].start)
    kinds = [k for k, _ in items]
    if any(kinds[i] == kinds[i + 1] for i in range(len(kinds) - 1)):
        return None
    pairs = list(zip(items[0::2], items[1::2]))
    return [(a[1], b[1]) if a[0] == "v" else (b[1], a[1]) for a, b in pairs]


def _split_bilaterals(frames: list[Frame], doc: Document) -> list[Frame]:
    """"Bilateral meetings with India, Japan and Canada" are three meetings: one side (named
    before the trigger, else the state the article names most) with each one named after it."""
    out: list[Frame] = []
    for f in frames:
        if f.modes == {"bilateral", "multilateral"} and len(f.parties) >= 3:
            out.extend(_bilateral_and_trilateral(f, doc))
            continue
        pairs = _bilateral_pairs(f, doc) if f.modes == {"bilateral"} and len(f.parties) >= 3 else None
        if not pairs:
            out.append(f)
            continue
        for subject, other in pairs:
            g = _split_off(f, actors=[subject, other], mediators=[], one_of_list=True,
                           parties={party_key(subject), party_key(other)})
            out.append(g)
    return out


def _bilateral_and_trilateral(f: Frame, doc: Document) -> list[Frame]:
    """"He will hold a bilateral meeting with the US president, then a trilateral one with him
    and the Azerbaijani president": two meetings. The trilateral one has every side; the
    bilateral one, the sentence's subject and the side named nearest its own word."""
    bi = next((t for t in f.head.triggers if t.payload.value == "bilateral"), None)
    if bi is None or not any(t.payload.value == "multilateral" for t in f.head.triggers):
        return [f]   # the two words are not of one sentence
    trilateral = replace(f, modes={"multilateral"})
    pairs = _bilateral_pairs(f, doc)
    if not pairs:
        return [trilateral]
    subject = pairs[0][0]
    others = [a for a in f.actors if party_key(a) and party_key(a) != party_key(subject)]
    nearest = min(others, key=lambda a: min(abs(a.start - bi.end), abs(bi.start - a.end)))
    g = _split_off(f, actors=[subject, nearest], mediators=[], modes={"bilateral"}, one_of_list=True,
                   parties={party_key(subject), party_key(nearest)})
    return [g, trilateral]


def _bilateral_pairs(f: Frame, doc: Document) -> list[tuple]:
    m = f.head
    s = doc.sents[m.sent]
    after = [a for a in f.actors if a.start >= m.trigger.end and party_key(a)]
    before = [a for a in f.actors if a.start < m.trigger.start and party_key(a)]
    others = {party_key(a) for a in after}
    if len(others) < 2:
        return []
    subjects = {party_key(a) for a in before} - others
    if len(subjects) == 1:
        subject = next(a for a in before if party_key(a) in subjects)
    else:
        # the article's protagonist: the state it names most often, outside the list
        named = Counter(party_key(a) for w in doc.sents for a in w.actors
                        if a.kind in ("country", "person") and party_key(a) and party_key(a) not in others)
        if not named:
            return []
        top = named.most_common(1)[0][0]
        subject = next(a for w in doc.sents for a in w.actors if party_key(a) == top)
    seen: set[str] = set()
    pairs = []
    for a in after:
        key = party_key(a)
        if key not in seen and key != party_key(subject):
            seen.add(key)
            pairs.append((subject, a))
    return pairs


def _dates_conflict(a: Frame, b: Frame) -> bool:
    """Do the frames' dates tell two times? Own dates, as `_same_date` says; a date carried
    from an earlier sentence is a weaker guess, so it conflicts only with an own date years
    away ("the last meeting was in 2015", in a report on this week's talks)."""
    if a.when is None or b.when is None or (a.when_carried and b.when_carried):
        return False
    if a.when_carried or b.when_carried:
        return abs(int(a.when.date[:4]) - int(b.when.date[:4])) >= _CARRIED_YEARS_APART
    return not _same_date(a.when, b.when)


_CARRIED_YEARS_APART = 2


def _same_date(a: DateMention, b: DateMention) -> bool:
    """Equal at the coarser precision, or days close enough to be one event told from
    two sides of it ("agreed on Monday, in force from Wednesday")."""
    n = min(len(a.date), len(b.date))
    if a.date[:n] == b.date[:n]:
        return True
    if n == 10:
        try:
            return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days) <= _SAME_EVENT_DAYS
        except ValueError:
            return False
    return False


_SAME_EVENT_DAYS = 3


def _better_date(f: Frame, g: Frame) -> bool:
    """Should frame `g`, absorbing `f`, take `f`'s date? When it has none; when its own is
    carried and `f`'s is not (unless the carried one tells the same time more precisely:
    "this week" carried from "on 7 August"); when `f`'s, own or carried, tells its own more
    precisely; and for a meeting, when `f`'s own is an earlier day of it."""
    if f.when is None:
        return False
    if g.when is None:
        return True
    if g.when_carried:
        return not f.when_carried and not _refines(g.when, f.when)
    if _refines(f.when, g.when):
        return True
    return not f.when_carried and g.family == "diplomatic_meeting" and _began_earlier(f.when, g.when)


def _refines(a: DateMention, b: DateMention) -> bool:
    """Is `a` the same time as `b`, told more precisely ("this week" ... "on 7 August")?"""
    return len(a.date) > len(b.date) and a.date.startswith(b.date)


def _began_earlier(a: DateMention, b: DateMention) -> bool:
    """Is `a` an earlier day of the same meeting as `b` ("the talks began on Saturday ...
    the talks ended on Sunday")? A meeting is dated by the day it began."""
    return a.precision == b.precision == "day" and a.date < b.date


def _plan_and_done(g: Frame, f: Frame) -> bool:
    """Is one of the two a plan and the other done ("the talks were held" ... "the
    demarcation is to be set up by the end of the year")?"""
    if not f.values[0]:
        return False   # (before the set: asked of every earlier frame of the family)
    gplans = {v in _PLANS for v in g.values if v}
    return bool(gplans and (f.values[0] in _PLANS) not in gplans)


def _compatible(g: Frame, f: Frame, doc: Document) -> bool:
    if _dates_conflict(g, f) or _then_and_now(g, f, doc):
        return False
    if g.where_marked and f.where_marked and g.where["country"] != f.where["country"]:
        return False
    if _plan_and_done(g, f):
        return False
    if f.family == "diplomatic_meeting" and _call_and_venue(g, f):
        return False
    if (f.one_of_list or g.one_of_list) and g.parties != f.parties:
        return False   # each meeting of a list stays apart, and apart from one that names them all
    if f.family != "ceasefire":
        if len(g.parties) >= 2 and len(f.parties) >= 2 and not (g.parties <= f.parties or f.parties <= g.parties):
            return False
    elif len(g.parties) >= 2 and len(f.parties) >= 2 and not g.parties & f.parties:
        return False
    return True


def _call_and_venue(g: Frame, f: Frame) -> bool:
    """Is one a phone or video call and the other a meeting held at a place ("the delegations
    began a new round of talks in Istanbul ... Erdogan said he had spoken by phone with both
    presidents")? Who talk on the phone are not at the venue: two events. (Not when the call
    names the same place: that is what both speak of, "discussed by phone the situation in
    Syria".)"""
    return any(a.modes == {"call"} and "call" not in b.modes and b.where_rank >= _VENUE_RANK
               and (a.where or {}).get("country") != b.where["country"] for a, b in ((g, f), (f, g)))


_VENUE_RANK = 2   # frames.Frame.where_rank: a place in the trigger's clause, or a state named as venue


def _then_and_now(g: Frame, f: Frame, doc: Document) -> bool:
    """Is one frame dated in its own words long before publication ("agreed in March 2024")
    and the other not dated at all? An undated step tells the news of the day; an old one
    dated in so many words is a step of its own, told as background."""
    if f.family != "peace_process":
        return False   # measured: a meeting or truce told this way is more often one event
    for a, b in ((g, f), (f, g)):
        if b.when is None and a.when is not None and not a.when_carried and doc.long_before(a.when):
            return True
    return False


def _absorb(g: Frame, f: Frame) -> None:
    g.mentions.extend(f.mentions)
    g.values.extend(f.values)
    g.stated.extend(f.stated)
    g.modes |= f.modes
    if not f.anaphoric or not g.parties:
        known = {(a.kind, a.code, a.name) for a in g.actors}
        g.actors.extend(a for a in f.actors if (a.kind, a.code, a.name) not in known)
        g.parties |= f.parties
    for m in f.mediators:
        if m not in g.mediators:
            g.mediators.append(m)
    # what thanks are for is placed where the event was told ("praised its support for the
    # efforts in Yemen" does not move talks held in Muscat)
    if (f.where_marked, f.where_rank) > (g.where_marked, g.where_rank) and not (f.thanked_for and g.where):
        g.where, g.where_rank, g.where_marked = f.where, f.where_rank, f.where_marked
    if not f.thanked_for and _better_date(f, g):   # (the day of the thanks is not the event's)
        # a day that tells a frame's own "this week" more precisely becomes its own
        own = not g.when_carried and g.when is not None and _refines(f.when, g.when)
        g.when, g.when_carried = f.when, f.when_carried and not own
    for kind, value in f.figures.items():
        g.figures.setdefault(kind, value)


def _share_across_families(frames: list[Frame], doc: Document) -> None:
    """A meeting and the talks or truce it produced, told in one sentence, share their
    place, date and (when one lacks them) parties (not the day a truce ended: "talks on
    the truce that expired in January" were not held in January)."""
    sents = [{m.sent for m in f.mentions} for f in frames]
    for i, a in enumerate(frames):
        for j, b in enumerate(frames):
            if a.family == b.family or a.family != "diplomatic_meeting" or not sents[i] & sents[j]:
                continue
            for x, y in ((a, b), (b, a)):
                # talks take the meeting's venue; a truce keeps its own area
                if (y.family != "ceasefire" and x.family != "ceasefire" and x.where_rank >= 2
                        and (x.where_marked, x.where_rank) > (y.where_marked, y.where_rank)):
                    y.where, y.where_rank, y.where_marked = x.where, x.where_rank, x.where_marked
                if x.when is not None and (y.when is None or (y.when_carried and not x.when_carried
                                                               and not _refines(y.when, x.when))) \
                        and not _truce_end(x, doc):
                    y.when, y.when_carried = x.when, x.when_carried
                if len(y.parties) < 2 <= len(x.parties):
                    y.actors = list(x.actors)
                    y.parties = set(x.parties)
                for m in x.mediators:
                    if m not in y.mediators and _may_mediate(y, m):
                        y.mediators.append(m)


def _may_mediate(f: Frame, code: str) -> bool:
    """May `code`, a mediator of the talks or truce beside it, be lent to frame f? Not to a
    meeting it takes no part in: who takes part in a meeting are the parties its own
    sentences name ("a Hamas delegation arrived in Cairo to discuss the truce" that Egypt,
    Qatar and the US mediate: Egypt hosts it, Qatar and the US are not there)."""
    return f.family != "diplomatic_meeting" or code in f.parties


def _truce_end(f: Frame, doc: Document) -> bool:
    """Is the truce frame `f` dated by the day it ended or starts, told in one of its sentences?"""
    if f.family != "ceasefire" or f.when is None or f.when_carried:
        return False
    return any(s.start <= f.when.start < s.end and _dates_the_truce_only(s, f.when, doc)
               for s in (doc.sents[m.sent] for m in f.mentions))


def _assign_figures(frames: list[Frame], doc: Document) -> None:
    """Each figure of a sentence within two of an event's sentences goes to one event:
    the dead, wounded and displaced of a war to its truce, troops to the truce or the
    deal that moves them, prisoners and hostages to the exchange (the talks or truce)
    nearest them, anything else to the nearest event.

    The toll of the war (dead, wounded, displaced) told farther from every event, where an
    article sums it up ("the fighting has killed at least 500 people"), is its only truce's,
    when it reports one: that is the war the truce pauses. A toll told near an event wins
    over it; of two far ones, the first.

    Soldiers as many as an event's prisoners or hostages are those captives ("157 prisoners
    of war were exchanged ... 157 of its soldiers came home"): no troops figure of their own."""
    if not frames:
        return
    at: dict[int, list[Frame]] = {}
    dist: dict[tuple[int, str], int] = {}      # (frame, kind) -> distance of the figure it holds
    for f in frames:
        for m in f.mentions:
            at.setdefault(m.sent, []).append(f)
    truces = [f for f in frames if f.family == "ceasefire"]
    for i, s in enumerate(doc.sents):
        if not s.figures:
            continue
        near = [(abs(j - i), f) for j in range(i - _FIGURE_RADIUS, i + _FIGURE_RADIUS + 1) for f in at.get(j, ())]
        if not near:
            if len(truces) == 1:
                for fig in s.figures:
                    if fig.kind in _WAR_TOLL:
                        truces[0].figures.setdefault(fig.kind, fig.value)
            continue
        for fig in s.figures:
            if fig.kind in _OF_THE_WAR:
                d, best = min(near, key=lambda dn: (_WAR_ORDER.index(dn[1].family), dn[0]))
            else:
                d, best = min(near, key=lambda dn: (dn[0], _EXCHANGE_ORDER.index(dn[1].family)))
            key = (id(best), fig.kind)
            if d < dist.get(key, _FIGURE_RADIUS + 1):    # the figure nearest the event's own words
                dist[key] = d
                best.figures[fig.kind] = fig.value
    for f in frames:
        troops = f.figures.get("troops")
        if troops is not None and troops in (f.figures.get("prisoners"), f.figures.get("hostages")):
            del f.figures["troops"]


_FIGURE_RADIUS = 2
_OF_THE_WAR = frozenset({"killed", "wounded", "displaced", "troops", "peacekeepers"})
_WAR_TOLL = frozenset({"killed", "wounded", "displaced"})
_WAR_ORDER = ("ceasefire", "peace_process", "diplomatic_meeting")
_EXCHANGE_ORDER = ("peace_process", "ceasefire", "diplomatic_meeting")
