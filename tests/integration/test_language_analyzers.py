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


def test_polish_inflected_forms_meet_through_stempel(es_client, prefix):
    """Polish: the analysis-stempel stemmer (scripts/services.py puts it beside Parley's plugin)."""
    _index(es_client, prefix, "pl", "Rozmowy pokojowe wznowiono w Genewie po dwóch tygodniach.")
    assert _hits(es_client, prefix, "rozmowami") == 1      # instrumental plural of "rozmowy"
    assert _hits(es_client, prefix, "pokojowych") == 1


def test_a_language_with_the_standard_analyzer_is_found_by_its_words(es_client, prefix):
    """Hebrew, Vietnamese, Hausa...: no Lucene analyzer, so the registry says standard: whole
    words match, other forms do not."""
    _index(es_client, prefix, "he", "שיחות השלום חודשו בז'נבה אחרי הפסקה של שבועיים.")
    assert _hits(es_client, prefix, "השלום") == 1
    assert _hits(es_client, prefix, "שלום") == 0


def test_setup_puts_standard_for_an_analyzer_the_cluster_lacks(es_client, es_url, prefix, monkeypatch):
    """A cluster without a plugin (the stock Docker image has no analysis-stempel) still takes the
    template: the field falls back to standard, and setup says so."""
    from streams.sinks import elasticsearch as sink_mod

    fields = {**sink_mod.language_text_fields(), "xx": {"type": "text", "analyzer": "no_such_analyzer"}}
    monkeypatch.setattr(sink_mod, "language_text_fields", lambda: fields)
    monkeypatch.setattr(sink_mod, "load_template", lambda kind, p: _with_field(kind, p, fields))

    async def run():
        sink = ElasticsearchSink(es_url, prefix=prefix)
        try:
            return await sink.setup()
        finally:
            await sink.close()

    report = dict(asyncio.run(run()))
    assert report["analyzer no_such_analyzer"].startswith("not on this cluster")
    template = es_client.indices.get_index_template(name=f"{prefix}-articles")["index_templates"][0]
    text = template["index_template"]["template"]["mappings"]["properties"]["text"]["properties"]
    assert text["xx"]["analyzer"] == "standard" and text["hy"]["analyzer"] == "armenian"


def _with_field(kind: str, prefix: str, fields: dict) -> dict:
    from streams.sinks.es_docs import load_template

    body = load_template(kind, prefix)
    if kind == "articles":
        body["template"]["mappings"]["properties"]["text"]["properties"] = {**fields, "other": {"type": "text", "analyzer": "standard"}}
    return body


def test_setup_adds_new_language_fields_to_an_index_whose_other_fields_changed(es_client, es_url):
    """An articles index made by the previous release: text.pl with `standard`, no text.he. The
    analyzer of text.pl cannot change in place, but text.he is added, so Hebrew articles indexed
    this month are searchable."""
    prefix = f"itold{uuid.uuid4().hex[:8]}"     # no template yet: the index is as the old release made it
    index = f"{prefix}-articles-2025.12"
    es_client.indices.create(index=index, settings={"number_of_replicas": 0}, mappings={
        "dynamic": False, "properties": {"text": {"properties": {"pl": {"type": "text", "analyzer": "standard"}}}}})
    try:
        _setup(es_url, prefix)
        text = es_client.indices.get_mapping(index=index)[index]["mappings"]["properties"]["text"]["properties"]
        assert text["he"]["analyzer"] == "standard" and text["pl"]["analyzer"] == "standard"
        assert text["hy"]["analyzer"] == "armenian"
    finally:
        es_client.options(ignore_status=404).indices.delete(index=f"{prefix}-*", expand_wildcards="all")
        es_client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")
