"""The document every tagging stage reads: the text, its sentences, and what the
extractors and the lexicon pass found in each sentence.

A sentence keeps the cues (lexicon matches), actors, places, dates and figures that
start inside it, so each stage asks "what is in sentence i" without searching the text.
The document also answers the role questions the stages share: is this state named as
a venue ("talks in Angola"), is this person a former office-holder, which span of a
sentence is a dateline ("JAKARTA –", "CAIRO, Egypt:", "【ソウル=...】").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from ..datafiles import Form, read_rows, read_word_lists
from ..languages import is_spaceless_char, language
from ..lexicon import Cue, anaphors, find_cues, languages, main_script, script
from ..matcher import Match, script_of
from ..model import ActorMention, DateMention, FigureMention, PlaceMention
from ..textutil import fold

HISTORICAL_DAYS = 90   # a step dated this long before publication is background, not the news

__all__ = ["Document", "Sentence", "TRIGGERS", "party_key"]

#: lexicon categories that can start an event
TRIGGERS = frozenset({"cf", "peace", "talks", "meet"})
#: categories that qualify an event (its status, stage, tense, reference): they count only in
#: a text of a language whose lexicon lists them, so French "reporté*" (postponed) does not
#: cancel an English meeting that was "reported"
_QUALIFIERS = frozenset({"cf.status", "stage", "meet.status", "fut", "say", "aim", "under", "thanks", "content",
                         "accept", "terms", "anniversary", "receive"})
#: between a state and its mediation word ("中方的斡旋", "Egypt's mediation"): a genitive at most
_OWN_GAP = re.compile(r"(?:的|の|의|['’]s)?\s?")
#: categories whose words count only in their own language when another language is
#: written in the same script: the triggers, and mediation ("a mediados de", in mid-, is
#: Portuguese "mediados", mediated)
_SAME_SCRIPT_OWN = TRIGGERS | {"mediate"}
#: the categories whose cues the Document may leave out (see Document.__init__)
_DROPPABLE = _SAME_SCRIPT_OWN | _QUALIFIERS | {"block", "link", "conflict"}

# A state's name in a time zone: "日本時間", "北京时间", "Moscow time", "waktu Indonesia" is not.
# A locative ending glued to the name itself, which the name's `name*` pattern takes in:
# Korean 에서 (워싱턴에서, in Washington), Armenian -ում (Երևանում, in Yerevan).
_VENUE_ENDING = re.compile(r"(?:에서|ում)$")

# Words before (or, for postpositions, after) a place that make it a venue, not a party, and
# words that make a person a former office-holder: data/context_words.tsv (see there).
_CONTEXT_WORDS = Path(__file__).resolve().parents[1] / "data" / "context_words.tsv"
_CONTEXT_KINDS = ("venue_before", "venue_after", "venue_suffix", "venue_prefix", "host_before", "host_after", "former",
                  "clock_before", "clock_after", "not_venue", "venue_ending")


@lru_cache(maxsize=1)
def _context_rows() -> tuple[tuple[int, list[str]], ...]:
    """The rows of data/context_words.tsv, (line number, columns), read once for every reader."""
    return tuple(read_rows(_CONTEXT_WORDS))


@lru_cache(maxsize=2)
def _context_forms(backwards: bool = False) -> dict[str, tuple[list[str], list[str]]]:
    """{kind: (regexes of forms in spaced scripts, of forms in Arabic script or unspaced ones)};
    `backwards`: of the forms reversed (the open ending of a form* first), to be matched
    against reversed text. Read once (the regexes of this module and of frames share it):
    do not change the lists."""
    out: dict[str, tuple[list[str], list[str]]] = {k: ([], []) for k in _CONTEXT_KINDS}
    for lineno, cols in _context_rows():
        if len(cols) != 3 or cols[1] not in out:
            raise ValueError(f"{_CONTEXT_WORDS.name}:{lineno}: expected 'lang<TAB>kind<TAB>forms' with kind one of "
                             f"{_CONTEXT_KINDS}")
        spaced, glued = out[cols[1]]
        for raw in cols[2].split("|"):
            rx, is_glued = _form_regex(raw, backwards)
            bucket = glued if is_glued else spaced
            if rx not in bucket:
                bucket.append(rx)
    return out


def _form_regex(raw: str, backwards: bool) -> tuple[str, bool]:
    """The regex of one context_words.tsv form (folded; reversed when `backwards`, its open
    ending first), and whether it is written in Arabic script or an unspaced one (glued to
    the name it qualifies)."""
    form = Form.parse(raw)
    word = fold(form.text)
    if backwards:
        rx = (r"\w*" if form.prefix else "") + re.escape(word[::-1])
    else:
        rx = re.escape(word) + (r"\w*" if form.prefix else "")
    return rx, script_of(word[0]) in ("arabic", "cjk") or is_spaceless_char(word[0])


def _context_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    w = _context_forms()
    alt = "|".join
    before = re.compile(rf"(?:\b(?:{alt(w['venue_before'][0])})|{alt(w['venue_before'][1])})\s*$")
    after_words = w["venue_after"][0] + w["venue_after"][1]
    suffixes = alt(w["venue_suffix"][0] + w["venue_suffix"][1])
    after = re.compile(rf"^(?:\s*(?:{alt(after_words)})|['’](?:{suffixes})\b)")
    former = re.compile(rf"(?:\b(?:{alt(w['former'][0])})\b[\w .-]*$)|(?:{alt(w['former'][1])})")
    prefix = re.compile(rf"(?:{alt(w['venue_prefix'][0] + w['venue_prefix'][1])})(?=\w)")
    return before, after, former, prefix


def _destination_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words before a state that hosts (where a visit goes: "visit to", "відвідає", "访问"; who
    hosts: "hosted by") and after it ("ziyareti", "کا دورہ", "を訪問", "for hosting"); quotes
    may stand between ('إلى "مصر"')."""
    w = _context_forms()
    alt = "|".join
    to = re.compile(rf"(?:\b(?:{alt(w['host_before'][0])})|{alt(w['host_before'][1])})[\s\"“”«»'‘’]*$")
    after = re.compile(rf"[\s\"“”«»'‘’]*(?:{alt(w['host_after'][0] + w['host_after'][1])})")   # used with match()
    return to, after


def _backwards_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """_VENUE_BEFORE and _VISIT_TO read backwards: matched once against the text before a
    name reversed ("ni sklat" for "talks in "), they say what searching the text before it
    forwards, at each of its 20 positions, says, in a tenth of the time (1.5-2 us a name)."""
    w = _context_forms(backwards=True)
    alt = "|".join
    venue = re.compile(rf"\s*(?:(?:{alt(w['venue_before'][0])})\b|{alt(w['venue_before'][1])})")
    visit = re.compile(rf"[\s\"“”«»'‘’]*(?:(?:{alt(w['host_before'][0])})\b|{alt(w['host_before'][1])})")
    return venue, visit


@lru_cache(maxsize=64)
def _venue_before_backwards(lang: str) -> re.Pattern[str]:
    """_VENUE_BEFORE_BACKWARDS for a text in `lang`: a venue word of a spaced script counts
    only in its own language when that language lists its own (Somali 'in' is 'that', not
    the English 'in': "wuxuu sheegay in Ruushka ..." names no venue); forms of unspaced and
    Arabic scripts, and every form for a language that lists no spaced one, as before."""
    spaced, glued = [], []
    for _, cols in _context_rows():
        if len(cols) != 3 or cols[1] != "venue_before":
            continue
        for raw in cols[2].split("|"):
            rx, is_glued = _form_regex(raw, backwards=True)
            if is_glued:
                glued.append(rx)
            elif cols[0] == lang:
                spaced.append(rx)
    if not spaced or not glued:
        return _VENUE_BEFORE_BACKWARDS
    alt = "|".join
    return re.compile(rf"\s*(?:(?:{alt(spaced)})\b|{alt(glued)})")


def _clock_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words after a state or place named for its clock ("Moscow time", "日本時間", "Türkiye
    saatiyle"; used with match() at its end) and before it ("hora de Brasília", "بتوقيت القدس",
    "(giờ Việt Nam)"; searched up to its start), as data/context_words.tsv lists them; a clock
    time with a preposition ("03h30 em") also names a clock."""
    w = _context_forms()
    alt = "|".join
    after = re.compile(rf"\s*(?:(?:{alt(w['clock_after'][0])})\b|{alt(w['clock_after'][1])})")
    before = re.compile(rf"(?:(?<!\w)(?:{alt(w['clock_before'][0])})|{alt(w['clock_before'][1])}"
                        rf"|\b\d{{1,2}}[:h.]\d{{2}}(?:\s+(?:em|in|à|a|en|di))?)\s*$")
    return after, before


_VENUE_BEFORE, _VENUE_AFTER, _FORMER, _VENUE_PREFIX = _context_regexes()
_TIME_ZONE, _TIME_ZONE_BEFORE = _clock_regexes()
_VISIT_TO, _VISIT_AFTER = _destination_regexes()
# used with match() on the reversed text before a name: before[::-1]
_VENUE_BEFORE_BACKWARDS, _VISIT_TO_BACKWARDS = _backwards_regexes()
# how far before a place its venue words may start ("in", "dans le sud du", "en el norte de")
_VENUE_REACH = 20
# A dateline opens a report: a few words (a city, a country, an agency) and a dash, or an
# upper-case city and a colon, or a bracketed CJK dateline. What it names is where the
# report was filed, not a party.
_DATELINE = re.compile(   # used with match(text, pos): anchored at the sentence start
    r"(?:[【\[][^】\]\n]{1,40}[】\]]\s*[-–—]?"
    r"|[^\s\-–—:|.!?()]+(?:[ ,]+[^\s\-–—:|.!?()]+){0,3}\s*(?:\([^()\n]{1,40}\))?\s*[-–—|]"
    r"|[A-ZÀ-Ý]{2,}[A-ZÀ-Ý .']*(?:,\s*[^\s:,]+(?:\s[^\s:,]+)?)?\s*(?:\([^()\n]{1,40}\))?\s*:)(?=\s|(?<=\)[–—]))"   # "CITY (Agency / 13 July)—The": a dash may touch the word after an agency
)

_DATELINE_END = re.compile(r"[-–—|:\]】]")   # a character each form of _DATELINE must hold


# A link to another article: "Baca juga: <headline>" on a line of its own (after bullets)
_LINE_OPENING = re.compile(r"[\s*•·・>»|\-–—]*")
_LINK_COLON = re.compile(r"\s*[:：]")


# A heading of links in brackets, "[Related news]", "【関連記事】": the lines under it, up to
# an empty line, are other articles' headlines
_LINK_HEADING_OPEN = re.compile(r"[\s*•·・>»|\-–—]*[\[【]\s*")
_LINK_HEADING_CLOSE = re.compile(r"\s*[\]】]")
_EMPTY_LINE = re.compile(r"\n[ \t\r]*\n")


def _link_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end of line) when the `link` cue at start..end opens its line and a colon
    follows it: the rest of the line names another article, not this one's news. A cue
    in brackets that opens its line heads a list of links: (start, the next empty line)."""
    line = text.rfind("\n", 0, start) + 1
    if _LINK_HEADING_OPEN.fullmatch(text, line, start) and _LINK_HEADING_CLOSE.match(text, end):
        empty = _EMPTY_LINE.search(text, end)
        return start, len(text) if empty is None else empty.start()
    if _LINE_OPENING.fullmatch(text, line, start) is None or _LINK_COLON.match(text, end) is None:
        return None
    stop = text.find("\n", end)
    return start, len(text) if stop < 0 else stop


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    # what starts in the sentence; an empty tuple until something does (most sentences
    # hold nothing, and an article has dozens of them)
    cues: Sequence[Match[Cue]] = ()
    actors: Sequence[ActorMention] = ()
    cats: frozenset[str] | set[str] = frozenset()
    by_cat: dict[str, list[Match[Cue]]] | None = None   # the cues by category, in text order
    parties: set[str] | None = None   # filled on first use by Document.sides
    places: Sequence[PlaceMention] = ()
    dates: Sequence[DateMention] = ()
    figures: Sequence[FigureMention] = ()
    dateline_end: int = -1            # end of the dateline that opens this sentence, if any
    memo: dict | None = None          # what the stages work out once per sentence (see `remember`)

    def remember(self) -> dict:
        """This sentence's memo, made on first use (most sentences never need one)."""
        if self.memo is None:
            self.memo = {}
        return self.memo

    def has(self, cat: str) -> bool:
        return cat in self.cats

    def cues_of(self, cat: str) -> Sequence[Match[Cue]]:
        """The sentence's cues of one category, in text order (the rules ask by category,
        many times per sentence)."""
        return self.by_cat.get(cat, ()) if self.by_cat else ()

    def values(self, cat: str) -> set[str]:
        cues = self.cues_of(cat)   # (most sentences have none of the category: no comprehension)
        return {m.payload.value for m in cues if m.payload.value} if cues else set()

    def neg_domains(self) -> set[str]:
        return self.values("neg")


class Document:
    """One article's text, split into sentences that hold what was found in them."""

    def __init__(self, text: str, folded: str, lang: str, bounds: list[tuple[int, int]],
                 actors: Sequence[ActorMention], cues: Sequence[Match[Cue]] | None = None,
                 published: date | None = None, published_precision: str = "day") -> None:
        self.text = text
        self.folded = folded
        self.lang = lang
        self.published = published
        self.published_precision = published_precision
        self.sents = [Sentence(s, e) for s, e in bounds] or [Sentence(0, len(text))]
        self._starts = [s.start for s in self.sents]
        cues = find_cues(folded) if cues is None else cues
        blocks: list[Match[Cue]] = []
        links: list[tuple[int, int]] = []
        # a context word inside a trigger is not context: "جنگ" (war) in "جنگ بندی" (ceasefire)
        inside = bytearray(len(folded) + 1)
        for m in cues:
            cat = m.payload.cat
            if cat in TRIGGERS:
                inside[m.start + 1:m.end] = b"\x01" * (m.end - m.start - 1)
            elif cat == "block":
                blocks.append(m)
            elif cat == "link" and (span := _link_line(text, m.start, m.end)):
                links.append(span)
        kept = []
        own_langs = _kin(lang) if lang in _lexicon_languages() else None
        own_script = main_script(lang) if own_langs else None
        for m in cues:
            cat = m.payload.cat
            # (one set test first: most cues are of none of the categories that may drop them)
            if cat in _DROPPABLE:
                if (own_langs and (cat in _QUALIFIERS or cat in _SAME_SCRIPT_OWN) and own_langs.isdisjoint(m.payload.langs)
                        and (cat in _QUALIFIERS or script(m.payload.pattern) == own_script)):
                    continue
                if cat in ("block", "link") or (cat == "conflict" and inside[m.start + 1] and inside[m.end - 1]):
                    continue
            if links and any(s <= m.start < e for s, e in links):
                continue
            if blocks and any(b.start < m.end and m.start < b.end for b in blocks):
                continue
            kept.append(m)
        kept.sort(key=_start)   # (a C getter: sorting calls it per cue)
        self._assign_cues(kept)
        self.links = links
        actors = self._off_links(actors)   # who a linked headline names is no party to this article's events
        self._assign(actors, "actors")
        # states named outright (a name, an adjective, a person): a capital or a metonym
        # ("Moscow said") speaks for its state only when the state is named too
        self.named_states = {a.code for a in actors
                             if a.code and a.kind in ("country", "person") and a.via not in ("capital", "metonym")}
        self._venue: dict[int, bool] = {}
        self._party: dict[int, bool] = {}
        self._venue_place: dict[int, bool] = {}
        self._private: dict[tuple[int, int], bool] = {}
        self._destination: dict[tuple[int, int], bool] = {}
        self._sides_around: dict[tuple[int, int], set[str]] = {}
        self.conflict_sentences = sum(1 for s in self.sents if s.has("conflict"))
        self.neg = Counter(d for s in self.sents if "neg" in s.cats for d in s.neg_domains())
        self.anaphors = _anaphor_forms(own_langs) if own_langs else {}

    def add_extracted(self, places: Sequence[PlaceMention], dates: Sequence[DateMention],
                      figures: Sequence[FigureMention]) -> None:
        """Places, dates and figures found (only where events can be) after the rules ran."""
        self._assign(self._off_links(places), "places")
        self._assign(self._off_links(dates), "dates")
        self._assign(self._off_links(figures), "figures")

    def _off_links(self, items: Sequence) -> Sequence:
        """`items` without those on a line that links to another article."""
        links = self.links
        if not links:
            return items
        return [x for x in items if not any(s <= x.start < e for s, e in links)]

    def _assign(self, items: Sequence, attr: str) -> None:
        """Hand each item (sorted by start) to the sentence that contains its start
        (the first sentence for an item before it)."""
        starts, last = self._starts, len(self.sents) - 1
        i, group = 0, []
        following = starts[1] if last else float("inf")   # where the next sentence starts
        for item in items:
            if item.start >= following:   # the items of one sentence come one after the other
                self._hand(i, group, attr)
                i, group = bisect_right(starts, item.start, i) - 1, []
                following = starts[i + 1] if i < last else float("inf")
            group.append(item)
        self._hand(i, group, attr)

    def _assign_cues(self, cues: list[Match[Cue]]) -> None:
        """`_assign(cues, "cues")`, each sentence's cues also grouped by category (`by_cat`,
        `cats`) in the same pass: an article has a hundred cues, and this is per cue."""
        starts, last = self._starts, len(self.sents) - 1
        following = starts[1] if last else float("inf")
        i, group, by_cat = 0, [], {}
        s = self.sents[0]
        for m in cues:
            if m.start >= following:
                if group:
                    s.cues, s.by_cat, s.cats = group, by_cat, set(by_cat)
                i = bisect_right(starts, m.start, i) - 1
                following = starts[i + 1] if i < last else float("inf")
                s, group, by_cat = self.sents[i], [], {}
            group.append(m)
            held = by_cat.get(m.payload.cat)
            if held is None:
                by_cat[m.payload.cat] = [m]
            else:
                held.append(m)
        if group:
            s.cues, s.by_cat, s.cats = group, by_cat, set(by_cat)

    def _hand(self, i: int, group: list, attr: str) -> None:
        if group:
            s = self.sents[i]
            held = getattr(s, attr)
            if held:
                held.extend(group)
            else:
                setattr(s, attr, group)

    def window(self, i: int, radius: int) -> list[Sentence]:
        return self.sents[max(0, i - radius): i + radius + 1]

    def long_before(self, d: DateMention) -> bool:
        """Is `d` well before publication (an earlier year, or more than HISTORICAL_DAYS)?"""
        if self.published is None:
            return False
        year = int(d.date[:4])
        if d.precision == "year":
            return year < self.published.year
        month = int(d.date[5:7])
        day = int(d.date[8:10]) if d.precision == "day" else 1
        try:
            return (self.published - date(year, month, day)).days > HISTORICAL_DAYS
        except ValueError:
            return False

    # --- roles -----------------------------------------------------------------------------

    def dateline_end(self, s: Sentence) -> int:
        """The end of the dateline that opens sentence `s` (its start if there is none)."""
        if s.dateline_end < 0:
            stop = min(s.end, s.start + 90)
            # every dateline ends in a dash, a bar, a colon or a closing bracket: most
            # sentences have none of them near their start, and this look is cheaper
            m = _DATELINE.match(self.text, s.start, stop) if _DATELINE_END.search(self.text, s.start, stop) else None
            s.dateline_end = m.end() if m and m.end() < s.end - 10 else s.start
        return s.dateline_end

    def in_dateline(self, s: Sentence, pos: int) -> bool:
        end = s.dateline_end   # (known after the first question: no second call)
        return pos < (end if end >= 0 else self.dateline_end(s))

    def is_venue(self, a: ActorMention) -> bool:
        """A state named as the place where something happens ("talks in Angola"), or a
        capital that stands for no state the article names."""
        known = self._venue.get(a.start)
        if known is None:
            if a.kind == "country" and a.via in ("capital", "metonym") and a.code not in self.named_states:
                known = True
            else:
                before = self.folded[max(0, a.start - _VENUE_REACH):a.start]
                after = self.folded[a.end:a.end + 6]
                known = bool((_venue_before_backwards(self.lang).match(before[::-1])
                              and not self._own_word_before(before))
                             or _VENUE_AFTER.search(after) or _VENUE_ENDING.search(self.folded, a.start, a.end)
                             or self._locative(a.start, a.end))
            self._venue[a.start] = known
        return known

    def is_venue_place(self, start: int, end: int) -> bool:
        """Is the place at [start, end) introduced as a venue ("in Doha", "di Baku", "在多哈"), or
        does its span (a name with the clitics the gazetteer matched with it) carry a locative
        ("בדוחא", "በዶሃ", "도하에서")?"""
        known = self._venue_place.get(start)
        if known is None:
            before = self.folded[max(0, start - _VENUE_REACH):start]
            known = self._venue_place[start] = bool(
                (_venue_before_backwards(self.lang).match(before[::-1]) and not self._own_word_before(before))
                or _VENUE_AFTER.search(self.folded[end:end + 6])
                or _VENUE_ENDING.search(self.folded, start, end) or self._prefixed(start, end))
        return known

    def _own_word_before(self, before: str) -> bool:
        """Is the word right before a name one that the text's language spells like another
        language's venue word (data/context_words.tsv `not_venue`: Swahili "na", and, is
        Portuguese "na", in the): "Urusi na Ukraine" names two sides, no venue."""
        words = _kin_words("not_venue", self.lang)
        if not words:
            return False
        last = before.rsplit(None, 1)
        return bool(last) and before[-1:].isspace() and last[-1] in words

    def _locative(self, start: int, end: int) -> bool:
        """Does the name at [start, end) end in a locative ending of the text's language
        (data/context_words.tsv `venue_ending`: Azerbaijani "Əbu-Dabidə", in Abu Dhabi) glued
        to a place the gazetteer knows? Only then: "Kanada" ends in "da" too."""
        endings = _kin_words("venue_ending", self.lang)
        if not endings:
            return False
        span = self.folded[start:end]
        ending = next((e for e in endings if span.endswith(e) and len(span) - len(e) >= _LOCATIVE_STEM), None)
        if ending is None:
            return False
        from ..places import find_places   # the gazetteer, built once

        cut = end - len(ending)
        found = find_places(self.text[start:cut], self.folded[start:cut], self.lang)
        return bool(found) and found[0].start == 0 and found[0].end == cut - start

    def _prefixed(self, start: int, end: int) -> bool:
        """Does the place at [start, end) start with a locative prefix glued to its name ("ב" of
        "בדוחא")? Only if what follows is the name itself ("בגדד" is Baghdad, not "in Gdd")."""
        m = _VENUE_PREFIX.match(self.folded, start, end)
        if m is None:
            return False
        from ..places import find_places   # the gazetteer, built once

        rest = self.text[m.end():end]
        found = find_places(rest, self.folded[m.end():end], self.lang)
        return bool(found) and found[0].start == 0 and found[0].end == len(rest)

    def is_destination(self, a: ActorMention) -> bool:
        """Is the state `a` the host: where a visit goes ("visit to Poland", "відвідає Польщу",
        "İran ziyareti") or who hosts ("hosted by Oman")? It stays a party, unlike a venue."""
        key = (a.start, a.end)   # asked by every meeting and talks of the sentence, twice
        known = self._destination.get(key)
        if known is None:
            before = self.folded[max(0, a.start - _VENUE_REACH):a.start]
            known = self._destination[key] = bool(
                _VISIT_TO_BACKWARDS.match(before[::-1]) or _VISIT_AFTER.match(self.folded, a.end, a.end + _VENUE_REACH))
        return known

    def is_time_zone(self, start: int, end: int) -> bool:
        """Is the place or state at [start, end) named for its clock ("03h30 no horário de
        Brasília", "日本時間", "Moscow time"), not as a place of the event?"""
        return bool(_TIME_ZONE.match(self.folded, end)
                    or _TIME_ZONE_BEFORE.search(self.folded, max(0, start - 14), start))

    def is_former(self, a: ActorMention) -> bool:
        """A person introduced as a former office-holder ("former President", "mantan")."""
        return a.kind == "person" and bool(_FORMER.search(self.folded[max(0, a.start - 40):a.start]))

    def is_party(self, s: Sentence, a: ActorMention) -> bool:
        """Can this actor mention be a party: not a venue, not a former office-holder,
        not the dateline of the report, not a time zone ("日本時間の6日", "Moscow time")."""
        known = self._party.get(a.start)
        if known is None:
            known = self._party[a.start] = not (
                (a.kind == "country" and ((self.is_venue(a) and not self._mediates_there(s, a))
                                          or self.is_time_zone(a.start, a.end)))
                or self.is_former(a) or self.in_dateline(s, a.start) or self.of_private_people(s, a))
        return known

    def _mediates_there(self, s: Sentence, a: ActorMention) -> bool:
        """A state after a venue word whose own mediation follows ("在中方的斡旋下", under
        China's mediation: 在 ... 下 is "under", not "in"): it mediates, it is no venue."""
        return any(0 <= c.start - a.end <= 2 and _OWN_GAP.fullmatch(self.folded, a.end, c.start)
                   for c in s.cues_of("mediate"))

    def of_private_people(self, s: Sentence, a: ActorMention) -> bool:
        """A state named next to a word for private people or firms ("Chinese investors",
        "investisseurs chinois", "پاکستانی تاجروں", "นักลงทุนจีน"): it says where they come from and
        names no official of that state."""
        if a.kind != "country":
            return False
        key = (a.start, a.end)   # asked for each party and again for each meeting's sentence
        known = self._private.get(key)
        if known is None:
            before, after = _private_regexes(self.lang)
            known = self._private[key] = bool(
                before.match(self.folded[max(s.start, a.start - _PRIVATE_REACH):a.start][::-1])
                or after.match(self.folded[a.end:min(s.end, a.end + _PRIVATE_REACH)]))
        return known

    def sides_around(self, i: int, radius: int) -> set[str]:
        """`sides(window(i, radius))`, worked out once per sentence and radius: the rules of
        each family ask it of the same windows. Read-only, as `sides` is."""
        key = (i, radius)
        known = self._sides_around.get(key)
        if known is None:
            known = self._sides_around[key] = self.sides(self.window(i, radius))
        return known

    def _parties(self, s: Sentence) -> set[str]:
        parties: set[str] = set()
        for a in s.actors:
            key = party_key(a)
            if key is not None and self.is_party(s, a):
                parties.add(key)
        return parties

    def sides(self, sents: Sequence[Sentence]) -> set[str]:
        """The distinct parties named in `sents`: ISO3 codes and organisation codes.

        An armed group counts as the state it fights in, so a government meeting
        its own rebels is one side, and mediators meeting Hamas are two.
        """
        for s in sents:
            if s.parties is None:
                s.parties = self._parties(s)
        if len(sents) == 1:
            return sents[0].parties
        return set().union(*[s.parties for s in sents])


_PRIVATE_WORDS = Path(__file__).resolve().parents[1] / "data" / "actors" / "private_words.tsv"
_PRIVATE_REACH = 40   # "hommes d'affaires ", "masu zuba jari "


@lru_cache(maxsize=64)
def _private_regexes(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a private people's word right before a state's mention, read backwards, one right after
    it), from the words of `lang` and its kin in data/actors/private_words.tsv (all languages'
    words for a language the file lacks). A word of a Latin or Cyrillic script is a whole word;
    one of a script that glues clitics or writes no spaces ("والشركات", "นักลงทุนจีน") may touch
    what is around it. One language's words, not every language's: all 30 languages' words made
    this a third of the tagger's time. The first regex is matched (at one position) against
    the text before the state reversed: searched along the text, at each of its 40 positions,
    it cost 7 us a state."""
    rows = read_word_lists(_PRIVATE_WORDS)
    kin = _kin(lang)
    own = [row for row in rows if row[0] in kin]
    forms = []
    for _, language_forms in own or rows:
        for form in language_forms:
            text = fold(form.text)
            spaced = script_of(text[0]) == "other"
            forms.append((spaced, text, form.prefix))
    forms.sort(key=lambda f: len(re.escape(f[1])), reverse=True)
    # a word, then only spaces up to the state; read backwards: the spaces, then the word
    # reversed (its open ending, if any, first; "(?<!\w)" and "(?!\w)" change places)
    words = "|".join((r"(?<!\w)" if spaced else "") + re.escape(text)
                     + (r"\w*" if prefix else (r"(?!\w)" if spaced else "")) for spaced, text, prefix in forms)
    backwards = "|".join((r"\w*" if prefix else (r"(?<!\w)" if spaced else "")) + re.escape(text[::-1])
                         + (r"(?!\w)" if spaced else "") for spaced, text, prefix in forms)
    # after it, an ending of the state's own word ("chinesisch|e Investoren"), spaces, or a
    # particle of attribution (中国の投資家, 中国的投资者)
    return (re.compile(rf"\s*(?:{backwards})"),
            re.compile(rf"\w{{0,3}}?\s*(?:の|的)?\s*(?:{words})"))


_LOCATIVE_STEM = 3   # letters a place name keeps before its locative ending


@lru_cache(maxsize=128)
def _kin_words(kind: str, lang: str) -> tuple[str, ...]:
    """The forms of one kind in data/context_words.tsv of `lang` and its kin, folded, in file
    order: `venue_ending` (locative endings), `not_venue` (words that only spell another
    language's venue word)."""
    kin = _kin(lang)
    return tuple(fold(form) for _, cols in _context_rows()
                 if len(cols) == 3 and cols[1] == kind and cols[0] in kin for form in cols[2].split("|"))


@lru_cache(maxsize=64)
def _anaphor_forms(langs: frozenset[str]) -> dict[str, frozenset[str] | tuple[str, ...]]:
    """The demonstratives of `langs` by position; forms of several words or in scripts
    written without spaces (söz konusu, 该, この) are matched as the text's ending
    before the trigger ("pre_glued", a tuple: `str.endswith` takes it whole)."""
    out: dict[str, set[str]] = {}
    table = anaphors()
    for lang in langs:
        for pos, forms in table.get(lang, {}).items():
            for form in forms:
                glued = " " in form or bool(_HAN_KANA.search(form))
                key = pos + "_glued" if pos == "pre" and glued else pos
                out.setdefault(key, set()).add(form)
    return {k: tuple(sorted(v)) if k == "pre_glued" else frozenset(v) for k, v in out.items()}


_HAN_KANA = re.compile("[\u3040-\u30ff\u3400-\u9fff]")


@lru_cache(maxsize=None)
def _kin(lang: str) -> frozenset[str]:
    """`lang` and the languages close enough to share its qualifier words (the registry's kin: id/ms, ru/uk)."""
    lg = language(lang)
    return frozenset({lang, *(lg.kin if lg else ())})


@lru_cache(maxsize=1)
def _lexicon_languages() -> frozenset[str]:
    return frozenset(languages())


_start = attrgetter("start")


def party_key(a: ActorMention) -> str | None:
    """What an actor mention stands for as a side: a state or organisation code; an
    armed group stands for the state it fights in."""
    if a.kind in ("country", "org", "person"):
        return a.code
    if a.kind == "group":
        return a.state or f"group:{a.name}"
    return None
