"""Plain data the core hands around. Every span is (start, end) character offsets
into the article's normalised text (`NormalizedArticle.text`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "NormalizedArticle",
    "ActorMention",
    "PlaceMention",
    "DateMention",
    "FigureMention",
    "Evidence",
    "Event",
    "FAMILIES",
]

FAMILIES = ("diplomatic_meeting", "peace_process", "ceasefire")


@dataclass(slots=True)
class NormalizedArticle:
    """An article reduced to clean text, ready to tag."""

    id: str                      # its id, else canonical URL, else a content hash (processors.identity)
    text: str                    # title + body, markup removed, control characters removed
    title: str = ""
    url: str | None = None
    published: str | None = None  # ISO 8601 as given (date or datetime), or None
    source: str | None = None
    lang_hint: str | None = None  # the `lang` field of the input, if any
    truncated: bool = False       # cut at normalize.MAX_CHARS
    original_chars: int = 0


@dataclass(slots=True)
class ActorMention:
    """A state, an organisation or a person named in the text.

    kind: "country" (code = ISO3), "org" (code = short code such as "UN"),
    "person" (code = the ISO3 of the state they represent, or the org code for an
    organisation's official, when known), "group" (a non-state armed group:
    code None, `state` = the ISO3 of the state it fights in).
    """

    kind: Literal["country", "org", "person", "group"]
    code: str | None
    name: str
    start: int
    end: int
    role: str | None = None        # for people: "president", "foreign_minister", ...
    via: str | None = None         # how it was found: "name", "adjective", "capital", "metonym", "role"
    state: str | None = None       # for armed groups (and their leaders): ISO3 of the state they fight in


@dataclass(slots=True)
class PlaceMention:
    name: str                      # the canonical (English) name
    country: str | None            # ISO3
    lat: float
    lon: float
    start: int
    end: int
    kind: Literal["city", "region", "country", "seat"] = "city"   # seat: "White House", "Kremlin"


@dataclass(slots=True)
class DateMention:
    date: str                      # ISO date "2022-06-27", "2022-05" or "2022" per precision
    precision: Literal["day", "month", "year"]
    start: int
    end: int


@dataclass(slots=True)
class FigureMention:
    kind: Literal["killed", "wounded", "troops", "peacekeepers", "prisoners", "hostages", "displaced"]
    value: int
    start: int
    end: int


@dataclass(slots=True)
class Evidence:
    text: str                      # the trigger words as written
    start: int
    end: int
    sentence: str
    sentence_start: int = 0        # where `sentence` starts and ends in the text
    sentence_end: int = 0


@dataclass(slots=True)
class Event:
    family: str
    status: str | None = None      # diplomatic_meeting / ceasefire
    stage: str | None = None       # peace_process
    mode: str | None = None        # diplomatic_meeting
    cameo: list[str] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    where: dict | None = None
    when: dict | None = None
    figures: dict[str, int] = field(default_factory=dict)
    evidence: Evidence | None = None
    mediators: list[str] = field(default_factory=list)  # codes of the states/organisations mediating
    mentions: list[Evidence] = field(default_factory=list)  # every sentence that reports this event
