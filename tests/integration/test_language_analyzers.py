"""Articles in the languages of issue 10 are indexed with the analyzer the language registry
names, and found by a query in another inflected or segmented form where that analyzer can.

Real Elasticsearch (with Parley's analysis plugin, see scripts/services.py), the templates
`parley setup` puts, the documents the sink writes (`article_doc`). Sentences written for
this test.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest

from processors.languages import codes, language
from streams.sinks.elasticsearch import ElasticsearchSink
from streams.sinks.es_docs import article_doc, article_index


@pytest.fixture
def prefix(es_client, es_url):
    name = f"itlang{uuid.uuid4().hex[:8]}"
    _setup(es_url, name)
    yield name
    es_client.options(ignore_status=404).indices.delete(index=f"{name}-*", expand_wildcards="all")
    es_client.options(ignore_status=404).indices.delete_index_template(name=f"{name}-*")


def _setup(es_url: str, prefix: str) -> None:
    """What `parley setup` does: the index templates, from the registry."""
    async def run() -> None:
        sink = ElasticsearchSink(es_url, prefix=prefix)
        try:
            await sink.setup()
        finally:
            await sink.close()

    asyncio.run(run())


def _index(es_client, prefix: str, lang: str, text: str) -> str:
    article = {"id": f"it-{lang}-{uuid.uuid4().hex[:6]}", "lang": lang, "text": text, "published": "2026-01-15"}
    index = article_index(article, prefix)
    es_client.index(index=index, id=article["id"], document=article_doc(article), refresh="wait_for")
    return index


def _hits(es_client, prefix: str, query: str) -> int:
    body = {"multi_match": {"query": query, "fields": ["title^2", "text.*"], "type": "best_fields"}}
    return es_client.search(index=f"{prefix}-articles-*", query=body)["hits"]["total"]["value"]


def test_every_tagged_language_has_the_registry_analyzer_in_the_index(es_client, prefix):
    index = _index(es_client, prefix, "he", "הצדדים הסכימו על הפסקת אש.")
    text = es_client.indices.get_mapping(index=index)[index]["mappings"]["properties"]["text"]["properties"]
    for code in codes("tagged"):
        assert text[code]["analyzer"] == language(code).analyzer, code
    assert text["other"]["analyzer"] == "standard"


@pytest.mark.parametrize("lang,text,query", [
    # Armenian (Lucene's armenian analyzer, Snowball): "the negotiations" found by "of the negotiations"
    ("hy", "Կողմերը համաձայնեցին վերսկսել բանակցությունները Ժնևում:", "բանակցությունների"),
    # Thai (thai analyzer: dictionary word breaks): "ceasefire" inside an unspaced sentence
    ("th", "รัฐบาลและกลุ่มติดอาวุธตกลงหยุดยิงเป็นเวลาสามวัน", "หยุดยิง"),
    # Korean (cjk analyzer: bigrams): "ceasefire" inside "ceasefire agreement" + object particle
    ("ko", "양측은 휴전협정을 연장하기로 합의했다.", "휴전"),
])
def test_an_inflected_or_segmented_form_finds_the_article(es_client, prefix, lang, text, query):
    index = _index(es_client, prefix, lang, text)
    assert es_client.search(index=index)["hits"]["hits"][0]["_source"]["text"] == {lang: text}
    assert _hits(es_client, prefix, query) == 1


def test_without_its_analyzer_the_segmented_query_would_miss(es_client, prefix):
    """The Thai case above is the analyzer's doing: the standard analyzer keeps the run whole."""
    def tokens(analyzer: str) -> list[str]:
        return [t["token"] for t in es_client.indices.analyze(analyzer=analyzer, text="ตกลงหยุดยิงเป็นเวลาสามวัน")["tokens"]]

    assert tokens("standard") == ["ตกลงหยุดยิงเป็นเวลาสามวัน"]
    assert {"หยุด", "ยิง"} <= set(tokens("thai"))


def test_a_language_with_the_standard_analyzer_is_found_by_its_words(es_client, prefix):
    """Hebrew, Polish, Vietnamese...: no Lucene analyzer (Polish would need analysis-stempel), so the
    registry says standard: whole words match, inflected forms do not."""
    _index(es_client, prefix, "pl", "Rozmowy pokojowe wznowiono w Genewie po dwóch tygodniach.")
    assert _hits(es_client, prefix, "pokojowe") == 1
    assert _hits(es_client, prefix, "pokojowych") == 0
