"""One identity per article (design.md "Keys are stable"): the Kafka key every entry point
gives it is the ``id`` the tagger gives it, which the Elasticsearch sink writes as ``_id``."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from processors import tag_article
from processors.errors import InputError
from processors.identity import article_id, canonical_url, content_hash
from processors.normalize import normalize
from streams.sinks.base import default_doc_id
from streams.sources.articles import article_key, parse_body
from streams.sources.feeds import FeedPoller, FeedSpec, MemorySeenStore, Response

# the shapes that used to disagree: a padded id, an id that is a URL, a text-only article with
# a title or untidy whitespace (the key hashed the raw text, the tagger the normalised one)
ARTICLES = [
    {"id": " local-7 ", "text": "Envoys of Armenia and Azerbaijan met in Geneva."},
    {"id": "HTTPS://Wire.Example/a/?utm_source=x", "text": "Envoys met in Doha."},
    {"url": "https://wire.example/b#top", "id": "  ", "text": "Envoys met in Doha."},
    {"title": "Talks", "text": "Envoys of Armenia and Azerbaijan met in Geneva.\r\n"},
    {"text": "  Envoys met\u00a0in Doha.\x00\n\n"},
    {"html": "<html><body><p>Envoys met in Geneva.</p></body></html>", "title": "Geneva"},
    {"text": "", "html": "<p>Talks resumed.</p>"},
]


def test_the_rule() -> None:
    assert article_id({"id": " local-7 ", "url": "https://x.example/a", "text": "t"}) == "local-7"
    assert article_id({"id": "HTTPS://Wire.Example/a/?utm_source=x", "text": "t"}) == "https://wire.example/a"
    assert article_id({"url": " afp:2024-0613-001 ", "text": "t"}) == "afp:2024-0613-001"
    assert article_id({"url": "", "text": "Envoys met in Doha."}) == content_hash("Envoys met in Doha.")
    assert article_id({"text": "Envoys met\r\n in Doha.\u200b "}) == article_id({"text": "Envoys met in Doha."})
    assert article_id({"text": "Envoys met in Doha."}) != article_id({"text": "Envoys met in Dohar."})
    assert article_id({"text": " ", "html": "<p>x</p>"}) == content_hash("<p>x</p>")
    assert canonical_url("mailto:a@b.example") is None
    with pytest.raises(InputError, match="'id' must be a string"):
        article_id({"id": 7, "text": "t"})


@pytest.mark.parametrize("article", ARTICLES, ids=range(len(ARTICLES)))
def test_every_entry_point_and_the_sink_agree(article: dict) -> None:
    key = article_key(article)                                 # ingest, feeds, POST /articles
    assert normalize(article).id == key                        # the tagger's id
    tagged = tag_article(article)
    assert default_doc_id(tagged) == key                       # the Elasticsearch _id


def test_http_body_keys_are_the_tagged_ids() -> None:
    sent = ARTICLES[:-1]  # (the endpoint refuses "text": "" beside html)
    body = "\n".join(json.dumps(a) for a in sent).encode()
    assert [article_key(a) for a in parse_body(body)] == [tag_article(a)["id"] for a in sent]


def test_feed_seen_marks_are_the_keys_sent() -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>T</title>'
            b"<link>https://Wire.Example/s/1/?utm_medium=rss</link><description>Envoys met.</description>"
            b"</item></channel></rss>")
    sent: list[str] = []
    store = MemorySeenStore()
    get = lambda url, headers: Response(200, {}, feed if url.endswith("feed") else b"<p>Envoys met in Doha.</p>")
    poller = FeedPoller(store, lambda a, on_error: sent.append(article_key(a)) or sent[-1], get=get, fetch_workers=1)
    assert poller.poll(FeedSpec("https://wire.example/feed")).new == 1
    assert sent == ["https://wire.example/s/1"] and store.keys == {"https://wire.example/s/1"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
       .filter(lambda t: t.strip()),
       st.sampled_from(["", "\r\n", "  ", "\x00", "\u200b"]))
def test_padding_and_invisible_characters_do_not_change_a_text_identity(text: str, noise: str) -> None:
    article = {"text": noise + text + noise}
    try:
        tagged_id = normalize(article).id
    except InputError:  # nothing left to tag: dead-lettered, never indexed
        return
    assert article_key(article) == tagged_id == article_key({"text": text})
