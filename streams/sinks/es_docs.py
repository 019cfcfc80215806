"""From a tagged article (``processors.tag_article`` output) to Elasticsearch documents.

Pure functions, no client: the Elasticsearch sink calls them, tests call them
directly.

* One article document in the monthly index ``<prefix>-articles-YYYY.MM`` (month of
  ``published``, else of ``ingested_at``, the raw message's Kafka timestamp; both are
  stable across replays, so a replay lands on the same ``_id`` in the same index).
* One document per event frame (one real-world event, however many sentences report
  it) in ``<prefix>-events`` with ``_id = "<article id>#<event id>"``, the tagger's
  stable frame id (``processors.tagging.event_id``; the frame's position when a tagger
  gives none). Re-tagging an article rewrites the events it still has under the same
  ids; the sink deletes the others (:func:`stale_events_query`).
* Every document records the ``tagger`` ("parley/<version>") that produced it.
* Both carry ``@timestamp`` (TIME_FIELD), the time every dashboard filters on, always
  set: ``published``, else ``ingested_at`` (first seen), else the indexing time. A
  document without ``published`` would otherwise drop out of every time-filtered panel.

Language-aware text: the article text is stored once, under ``text.<lang>`` when the
language registry (processors/data/languages.tsv, column ``analyzer``) gives that language
an analyzer (``text.en`` english, ``text.id`` indonesian, ``text.ar`` arabic, ``text.zh``
and ``text.ko`` cjk, ``text.th`` thai, ``text.hy`` armenian, ``text.pl`` polish, ``text.he``
standard, ...) and under ``text.other`` (standard analyzer) otherwise. Search runs ``multi_match`` over ``text.*``. Why not
multi-fields (every analyzer on every document)? That analyses each article ~40
times, multiplies index size and stems text with the wrong language's rules;
index-per-language routing would multiply indices by months by languages. One
object field per language keeps one index per month and one analysis per article.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterator, Mapping

from processors.languages import registry

__all__ = [
    "TEMPLATE_KINDS",
    "TIME_FIELD",
    "doc_time",
    "load_template",
    "text_languages",
    "language_text_fields",
    "article_index",
    "article_doc",
    "event_docs",
    "bulk_actions",
    "countries_pair",
    "event_doc_ids",
    "stale_events_query",
    "parse_date",
    "MAX_ID_BYTES",
    "MAX_ARTICLE_ID_BYTES",
    "id_problem",
]

TEMPLATE_KINDS = ("articles", "events", "alerts", "deliveries")
TIME_FIELD = "@timestamp"

#: Elasticsearch refuses a longer ``_id``, and refuses it for the *whole* bulk request (400)
MAX_ID_BYTES = 512
#: an article's events are ``<id>#<event id>`` (20 hex digits, ``~<n>`` for a repeat):
#: 32 bytes stay free for them
MAX_ARTICLE_ID_BYTES = MAX_ID_BYTES - 32


@lru_cache(maxsize=None)
def _template_data(kind: str) -> str:
    return resources.files("streams").joinpath("templates", f"{kind}.json").read_text("utf-8")


def load_template(kind: str, prefix: str = "parley") -> dict[str, Any]:
    """The index template body for ``kind``, with index names rewritten for ``prefix``.

    The articles template gets one ``text.<lang>`` field per language the registry gives an
    analyzer (processors/data/languages.tsv), before ``text.other``.
    """
    body = json.loads(_template_data(kind))
    if kind == "articles":
        text = body["template"]["mappings"]["properties"]["text"]
        text["properties"] = {**language_text_fields(), **text["properties"]}
    if prefix != "parley":
        body["index_patterns"] = [prefix + p[len("parley"):] for p in body["index_patterns"]]
        aliases = body["template"].get("aliases")
        if aliases:
            body["template"]["aliases"] = {prefix + a[len("parley"):]: v for a, v in aliases.items()}
    return body


def language_text_fields() -> dict[str, dict[str, str]]:
    """``{lang: {"type": "text", "analyzer": ...}}`` for every language the registry gives an
    Elasticsearch analyzer (``standard`` where Lucene has none for it)."""
    return {code: {"type": "text", "analyzer": lg.analyzer} for code, lg in registry().items() if lg.analyzer}


@lru_cache(maxsize=1)
def text_languages() -> frozenset[str]:
    """Languages with a ``text.<lang>`` field of their own in the articles template."""
    return frozenset(language_text_fields())


def parse_date(value: Any) -> datetime | None:
    """An ISO 8601 string as an aware datetime (naive ones are UTC); None if it is not one."""
    if not isinstance(value, str) or not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def id_problem(doc_id: Any, *, limit: int = MAX_ARTICLE_ID_BYTES) -> str | None:
    """Why Elasticsearch would refuse ``doc_id`` as an article's ``_id``; None when it would not.

    >>> id_problem("https://example.org/a") is None
    True
    >>> id_problem("ы" * 300)
    'id is 600 bytes of UTF-8; Elasticsearch ids are limited to 512 bytes and Parley keeps 32 for event ids (<id>#<event id>), so article ids may have at most 480'
    """
    if not isinstance(doc_id, str):
        return f"id must be a string, not {type(doc_id).__name__}"
    if not doc_id:
        return "id is empty"
    try:
        size = len(doc_id.encode("utf-8"))
    except UnicodeEncodeError as exc:
        return f"id is not valid Unicode text (lone surrogate at position {exc.start})"
    if size > limit:
        reserve = MAX_ID_BYTES - limit
        extra = f" and Parley keeps {reserve} for event ids (<id>#<event id>), so article ids may have at most {limit}" \
            if reserve else ""
        return f"id is {size} bytes of UTF-8; Elasticsearch ids are limited to {MAX_ID_BYTES} bytes{extra}"
    return None


def article_index(article: Mapping[str, Any], prefix: str = "parley") -> str:
    """``<prefix>-articles-YYYY.MM`` for the month the article belongs to."""
    when = parse_date(article.get("published")) or parse_date(article.get("ingested_at"))
    if when is None:
        when = datetime(1970, 1, 1, tzinfo=timezone.utc)
    return f"{prefix}-articles-{when:%Y.%m}"


def doc_time(article: Mapping[str, Any], now: datetime | None = None) -> str:
    """The article's TIME_FIELD value: published, else first seen (ingested_at), else ``now``."""
    when = parse_date(article.get("published")) or parse_date(article.get("ingested_at"))
    return (when or now or datetime.now(timezone.utc)).isoformat()


def _iso_or_none(value: Any) -> str | None:
    dt = parse_date(value)
    return dt.isoformat() if dt else None


def _location(place: Mapping[str, Any] | None) -> dict[str, float] | None:
    if not place:
        return None
    lat, lon = place.get("lat"), place.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return {"lat": float(lat), "lon": float(lon)}
    return None


def _uniq(values: Any) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v not in (None, "")))


def _actor_fields(actors: list[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "actors": [{k: a.get(k) for k in ("kind", "code", "name", "role")} for a in actors],
        "actor_codes": _uniq(a.get("code") for a in actors),
        "actor_names": _uniq(a.get("name") for a in actors),
    }


def article_doc(article: Mapping[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    """The ``<prefix>-articles-*`` document of a tagged article."""
    events = list(article.get("events") or [])
    lang = str(article.get("lang") or "")
    text = article.get("text")
    now = now or datetime.now(timezone.utc)
    doc: dict[str, Any] = {
        TIME_FIELD: doc_time(article, now),
        "id": article["id"],
        "url": article.get("url"),
        "title": article.get("title"),
        "source": article.get("source"),
        "lang": lang or None,
        "lang_confidence": article.get("lang_confidence"),
        "published": _iso_or_none(article.get("published")),
        "ingested_at": _iso_or_none(article.get("ingested_at")),
        "indexed_at": now.isoformat(),
        "tags": list(article.get("tags") or []),
        "countries": list(article.get("countries") or []),
        **_actor_fields(list(article.get("actors") or [])),
        "orgs": _uniq(o for e in events for o in (e.get("orgs") or [])),
        "places": [
            {"name": p.get("name"), "country": p.get("country"), "location": _location(p)}
            for p in article.get("places") or []
        ],
        "statuses": _uniq(e.get("status") for e in events),
        "stages": _uniq(e.get("stage") for e in events),
        "modes": _uniq(e.get("mode") for e in events),
        "cameo": _uniq(c for e in events for c in (e.get("cameo") or [])),
        "event_count": len(events),
        "events": [
            {
                "id": e.get("id"),
                "family": e.get("family"),
                "status": e.get("status"),
                "stage": e.get("stage"),
                "mode": e.get("mode"),
                "countries": e.get("countries"),
                "where": (e.get("where") or {}).get("name"),
                "date": (e.get("when") or {}).get("date"),
                "evidence": (e.get("evidence") or {}).get("text"),
                "mention_count": len(_mentions(e)),
            }
            for e in events
        ],
        "truncated": bool(article.get("truncated", False)),
        "tagger": article.get("tagger"),
    }
    if isinstance(text, str) and text:
        doc["text"] = {(lang if lang in text_languages() else "other"): text}
    return doc


def countries_pair(event: Mapping[str, Any]) -> str | None:
    """The conflict or meeting an event belongs to, for dashboards: its states less its
    mediators, sorted and joined ("ARM-AZE"); one state alone for a conflict inside one
    country ("SDN"); None when no state is named."""
    mediators = set(event.get("mediators") or [])
    sides = sorted(set(event.get("countries") or []) - mediators)
    if not sides:
        return None
    return "-".join(sides)


def _mentions(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The frame's mentions as ``{text, start, end, sentence}``; a tagger without
    ``mentions`` gives its evidence as the one mention."""
    mentions = event.get("mentions")
    if mentions is None:
        mentions = [event["evidence"]] if event.get("evidence") else []
    return [{k: m.get(k) for k in ("text", "start", "end", "sentence")} for m in mentions if m]


def event_doc_ids(article: Mapping[str, Any]) -> list[str]:
    """The ``_id`` of each event document of the article, in event order:
    ``"<article id>#<event id>"`` (``#<n>``, the position, for an event without an id).

    Ids are unique within the article: a second frame with an id already taken (the
    tagger merges frames with the same key, so this is a safeguard) gets ``~<n>`` after
    it rather than overwriting the first.

    >>> event_doc_ids({"id": "a1", "events": [{"id": "9f"}, {}, {"id": "9f"}]})
    ['a1#9f', 'a1#1', 'a1#9f~2']
    """
    aid = article["id"]
    ids: list[str] = []
    taken: set[str] = set()
    for n, e in enumerate(article.get("events") or []):
        eid = f"{aid}#{e.get('id') or n}"
        if eid in taken:
            eid = f"{eid}~{n}"
        taken.add(eid)
        ids.append(eid)
    return ids


def event_docs(article: Mapping[str, Any], *, now: datetime | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(_id, doc)`` for each event frame of the article (``_id`` from :func:`event_doc_ids`)."""
    aid = article["id"]
    timestamp = doc_time(article, now)
    for eid, e in zip(event_doc_ids(article), article.get("events") or []):
        where = e.get("where") or {}
        when = e.get("when") or {}
        evidence = e.get("evidence") or {}
        mentions = _mentions(e)
        yield eid, {
            TIME_FIELD: timestamp,
            "event_id": eid,
            "family": e.get("family"),
            "status": e.get("status"),
            "stage": e.get("stage"),
            "mode": e.get("mode"),
            "cameo": list(e.get("cameo") or []),
            **_actor_fields(list(e.get("actors") or [])),
            "countries": list(e.get("countries") or []),
            "orgs": list(e.get("orgs") or []),
            "mediators": list(e.get("mediators") or []),
            "countries_pair": countries_pair(e),
            "where": {"name": where.get("name"), "country": where.get("country"), "location": _location(where)},
            "date": when.get("date"),
            "date_precision": when.get("precision"),
            "date_text": when.get("text"),
            "figures": dict(e.get("figures") or {}),
            "article_id": aid,
            "url": article.get("url"),
            "title": article.get("title"),
            "lang": article.get("lang"),
            "source": article.get("source"),
            "published": _iso_or_none(article.get("published")),
            "ingested_at": _iso_or_none(article.get("ingested_at")),
            "evidence": evidence.get("text"),
            "evidence_sentence": evidence.get("sentence"),
            "mentions": mentions,
            "mention_count": len(mentions),
            "tagger": article.get("tagger"),
        }


def stale_events_query(keep: Mapping[str, list[str]]) -> dict[str, Any]:
    """The query for the event documents of the articles in ``keep`` (article id -> the
    ``_id``s of the events its new tagging has) that the new tagging no longer has.

    One query for a whole batch: an event ``_id`` starts with its own article's id, so
    "of an article in the batch and not among the batch's new event ids" is exactly the
    union over the articles of "of this article and not among its new event ids".

    >>> stale_events_query({"a1": ["a1#9f"], "a2": []})["bool"]["must_not"]
    [{'ids': {'values': ['a1#9f']}}]
    """
    return {"bool": {
        "filter": [{"terms": {"article_id": list(keep)}}],
        "must_not": [{"ids": {"values": [eid for ids in keep.values() for eid in ids]}}],
    }}


def bulk_actions(
    articles: list[Mapping[str, Any]],
    *,
    prefix: str = "parley",
    doc_id: Callable[[Mapping[str, Any]], str] = lambda a: str(a["id"]),
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Bulk ``index`` actions (articles then their events) for a batch of tagged articles.

    ``index`` (not ``create``) so that a replay overwrites the same ``_id`` with the same
    document instead of failing or duplicating. An article that comes twice in the batch
    is indexed in its last version only, so that its events are those of one tagging.
    """
    actions: list[dict[str, Any]] = []
    events_index = f"{prefix}-events"
    latest: dict[str, Mapping[str, Any]] = {}
    for a in articles:
        latest.pop(doc_id(a), None)  # re-insert: the batch order of last occurrences
        latest[doc_id(a)] = a
    for aid, a in latest.items():
        if aid != a.get("id"):
            a = {**a, "id": aid}
        actions.append({"_op_type": "index", "_index": article_index(a, prefix), "_id": aid, "_source": article_doc(a, now=now)})
        for eid, doc in event_docs(a, now=now):
            actions.append({"_op_type": "index", "_index": events_index, "_id": eid, "_source": doc})
    return actions
