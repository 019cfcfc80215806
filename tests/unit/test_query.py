"""The alert query language: parsing, errors with positions, and matching one article.

Every example sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from processors.article_view import ArticleView
from processors.errors import ParleyError, QueryError
from processors.query import MAX_DEPTH, MAX_QUERY_CHARS, MAX_TERMS, parse_query


def view(text: str = "", lang: str | None = "en", title: str = "", **extra) -> ArticleView:
    return ArticleView.from_tagged({"text": text, "lang": lang, "title": title, **extra})


def hit(query: str, text: str = "", lang: str | None = "en", **extra) -> bool:
    return parse_query(query).matches(view(text, lang, **extra))


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize("query, tree", [
    ("ceasefire", ("atom", ("word", "ceasefire"))),
    ("a1 b2", ("and", [("atom", ("word", "a1")), ("atom", ("word", "b2"))])),
    ("a1 AND b2", ("and", [("atom", ("word", "a1")), ("atom", ("word", "b2"))])),
    ("a1 OR b2 c3", ("or", [("atom", ("word", "a1")), ("and", [("atom", ("word", "b2")), ("atom", ("word", "c3"))])])),
    ("(a1 OR b2) c3", ("and", [("or", [("atom", ("word", "a1")), ("atom", ("word", "b2"))]), ("atom", ("word", "c3"))])),
    ("a1 NOT b2", ("and", [("atom", ("word", "a1")), ("not", ("atom", ("word", "b2")))])),
    ("a1 NOT NOT b2", ("and", [("atom", ("word", "a1")), ("not", ("not", ("atom", ("word", "b2"))))])),
    ("peace and not war", ("and", [("atom", ("word", "peace")), ("atom", ("word", "and")),
                                   ("atom", ("word", "not")), ("atom", ("word", "war"))])),
    ('"peace talks"', ("atom", ("phrase", (("peace", False), ("talks", False))))),
    ('"peace talk*"', ("atom", ("phrase", (("peace", False), ("talk", True))))),
    ("negotiat*", ("atom", ("prefix", "negotiat"))),
    ("cessez-le-feu", ("atom", ("phrase", (("cessez", False), ("le", False), ("feu", False))))),
    ("~ceasefire", ("atom", ("concept", "ceasefire"))),
    ("~Peace_Talks", ("atom", ("concept", "peace_talks"))),
    ("tag:Ceasefire", ("atom", ("filter", "tag", "ceasefire"))),
    ("country:arm", ("atom", ("filter", "country", "ARM"))),
    ('source:"www.Example-News.org"', ("atom", ("filter", "source", "example-news.org"))),
    ("停火", ("atom", ("substr", "停火"))),
    ("ＣＥＡＳＥＦＩＲＥ", ("atom", ("word", "ceasefire"))),
])
def test_parse_tree(query, tree):
    assert parse_query(query).tree == tree


def test_issue_example_parses_and_anchors_on_the_rare_parts():
    q = parse_query('"border commission" OR (tag:peace_process AND country:ARM AND country:AZE)')
    assert q.labels() == ['"border commission"', "tag:peace_process", "country:ARM", "country:AZE"]
    assert q.anchors() == [("filter", "country", "ARM"), ("phrase", (("border", False), ("commission", False)))]


@pytest.mark.parametrize("query, position, message", [
    ('ceasefire "border', 10, "unclosed quote that starts at position 10"),
    ("truce AND (talks OR «treve", 20, "unclosed quote that starts at position 20"),
    ("NOT", 0, "NOT at position 0 needs a term after it"),
    ("truce NOT )", 6, "NOT at position 6 needs a term after it"),
    ("truce AND", 6, "AND at position 6 needs a term after it"),
    ("truce OR", 6, "OR at position 6 needs a term after it"),
    ("OR truce", 0, "OR at position 0 needs a term before it"),
    ("truce AND OR talks", 6, "AND at position 6 needs a term after it"),
    ("(truce talks", 0, "unclosed parenthesis that opens at position 0"),
    ("truce (talks (summit)", 6, "unclosed parenthesis that opens at position 6"),
    ("truce )", 6, "unexpected ')' at position 6"),
    ("truce ()", 6, "empty parentheses"),
    ("", 0, "the query is empty"),
    ("   ", 0, "the query is empty"),
    ('truce ""', 6, "empty phrase"),
    ("cuntry:ARM", 0, "unknown filter 'cuntry': did you mean 'country'?"),
    ("truce sorce:bbc.com", 6, "unknown filter 'sorce': did you mean 'source'?"),
    ("tag:cesefire", 4, "unknown tag 'cesefire': did you mean 'ceasefire'?"),
    ("status:violatd", 7, "did you mean 'violated'?"),
    ("stage:sined", 6, "did you mean 'signed'?"),
    ("mode:cal", 5, "did you mean 'call'?"),
    ("country:Armenia", 8, "did you mean ARM?"),
    ("country:QQQ", 8, "unknown country code 'QQQ'"),
    ("lang:english", 5, "not a language code"),
    ("tag:", 0, "filter 'tag' at position 0 needs a value"),
    ("~ceasfire", 0, "unknown concept '~ceasfire': did you mean '~ceasefire'?"),
    ("truce ~", 6, "needs a concept name"),
    ("ne*", 0, "the prefix 'ne*' is too short"),
    ("neg*otiation", 3, "'*' can only end a word"),
    ("truce !!!", 6, "has no letters or digits"),
    ("NOT tag:ceasefire", 0, "the NOT at position 0 alone would match almost every article"),
    ("truce OR NOT talks", 9, "the NOT at position 9 alone"),
])
def test_errors_say_where_and_what(query, position, message):
    with pytest.raises(QueryError) as e:
        parse_query(query)
    assert message in e.value.args[0]
    assert e.value.position == position
    assert isinstance(e.value, ParleyError) and e.value.reason == "bad_query"
    assert "^" in str(e.value) or not e.value.query


def test_not_with_a_required_part_is_accepted():
    q = parse_query("(truce OR talks) NOT tag:ceasefire")
    assert q.anchors() == [("word", "talks"), ("word", "truce")]


def test_limits():
    with pytest.raises(QueryError, match="characters long") as e:
        parse_query("a" * (MAX_QUERY_CHARS + 1))
    assert e.value.position == MAX_QUERY_CHARS
    parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS)))
    with pytest.raises(QueryError, match=f"more than {MAX_TERMS} terms") as e:
        parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    assert e.value.position == len(" ".join(f"w{i}" for i in range(MAX_TERMS))) + 1
    parse_query("(" * MAX_DEPTH + "truce" + ")" * MAX_DEPTH)
    with pytest.raises(QueryError, match="nests more than"):
        parse_query("(" * (MAX_DEPTH + 1) + "truce" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(QueryError, match="nests more than"):
        parse_query("truce " + "NOT " * (MAX_DEPTH + 1) + "talks")


# ---------------------------------------------------------------- operators and filters

TEXT = "The foreign ministers met in Baku and agreed to convene the border commission next month."


def test_operators():
    assert hit("ministers baku", TEXT)
    assert hit("ministers AND baku", TEXT)
    assert not hit("ministers AND geneva", TEXT)
    assert hit("geneva OR baku", TEXT)
    assert not hit("geneva OR tbilisi", TEXT)
    assert hit("baku NOT geneva", TEXT)
    assert not hit("baku NOT ministers", TEXT)
    assert hit("(geneva OR baku) AND (commission OR summit)", TEXT)
    assert not hit("(geneva OR baku) AND NOT (commission OR summit)", TEXT)


def test_phrase_prefix_and_lowercase_words():
    assert hit('"border commission"', TEXT)
    assert not hit('"commission border"', TEXT)
    assert hit('"border comm*"', TEXT)
    assert hit("minist*", TEXT)
    assert not hit("ministr*", TEXT)
    assert hit("met and agreed", TEXT)  # 'and' is a word here, and it is in the text
    assert not hit("met and rejected", TEXT)


def test_phrase_does_not_run_from_title_into_text():
    assert not hit('"talks resumed"', "Resumed after a pause.", title="Peace talks")
    assert hit('"peace talks"', "Nothing here.", title="Peace talks resumed")


ARTICLE = {
    "tags": ["ceasefire", "peace_process"],
    "countries": ["ARM", "AZE"],
    "actors": [{"kind": "org", "code": "OIC", "name": "OIC"}],
    "source": "https://www.example-news.co.uk/world/1",
    "events": [
        {"family": "ceasefire", "status": "violated", "countries": ["ARM", "AZE"]},
        {"family": "peace_process", "stage": "signed", "countries": ["ARM", "AZE"], "orgs": ["EU"]},
        {"family": "diplomatic_meeting", "mode": "call", "status": "held",
         "actors": [{"kind": "country", "code": "RUS", "name": "Russia"}]},
    ],
}


@pytest.mark.parametrize("query, expected", [
    ("tag:ceasefire", True), ("tag:diplomatic_meeting", True), ("tag:peace_process", True),
    ("status:violated", True), ("status:held", True), ("status:agreed", False),
    ("stage:signed", True), ("stage:collapsed", False),
    ("mode:call", True), ("mode:summit", False),
    ("country:ARM", True), ("country:aze", True), ("country:RUS", True), ("country:TUR", False),
    ("actor:OIC", True), ("actor:eu", True), ("actor:RUS", True), ("actor:UN", False),
    ("lang:hy", True), ("lang:en", False),
    ("source:example-news.co.uk", True), ("source:www.example-news.co.uk", True), ("source:co.uk", False),
    ("source:other.org", False),
    ("tag:ceasefire AND country:ARM AND NOT stage:collapsed", True),
])
def test_filters(query, expected):
    assert hit(query, "Սա հայերեն տեքստ է։", lang="hy", **ARTICLE) is expected


# ---------------------------------------------------------------- normalisation and inflection


@pytest.mark.parametrize("query, text, lang", [
    ("negociacion", "La negociación terminó sin acuerdo.", "es"),
    ("NÉGOCIATION", "une négociation difficile", "fr"),
    ("ateşkes", "ATEŞKES imzalandı.", "tr"),
    ("ateskes", "Ateşkes imzalandı.", "tr"),
    ("ceasefire", "ＣＥＡＳＥＦＩＲＥ ｈｏｌｄｓ", "en"),
    ("ＵＮ", "The UN envoy arrived.", "en"),
    ("istanbul", "İSTANBUL'da görüşme yapıldı.", "tr"),
    ("Zürich", "talks in zurich", "en"),
    ("елка", "Ёлка стоит.", "ru"),
])
def test_case_accent_width_insensitive(query, text, lang):
    assert hit(query, text, lang)


@pytest.mark.parametrize("lang, query, text", [
    ("en", "negotiation", "Negotiations resumed in Geneva on Tuesday."),
    ("en", "talks", "The envoy said one more talk could settle it."),
    ("id", "perundingan", "Kedua delegasi berunding selama tiga jam di Jakarta."),
    ("id", "kesepakatan", "Poin itu sudah disepakati kedua negara."),
    ("ru", "перемирие", "Стороны нарушили условия перемирия ночью."),
    ("ru", "переговоры", "Делегации готовятся к новым переговорам."),
    ("ar", "هدنة", "أعلن الطرفان التزامهما بالهدنة حتى نهاية الأسبوع."),
    ("ar", "مفاوضات", "استؤنفت المفاوضات بين الوفدين أمس."),
    ("tr", "müzakere", "Taraflar müzakereleri yeniden başlattı."),
    ("tr", "anlaşma", "Bakanlar anlaşmayı imzaladı."),
    ("fr", "négociation", "Les négociations reprendront lundi."),
    ("es", "negociación", "Las negociaciones continuarán en Oslo."),
    ("de", "Waffenstillstand", "Die Bedingungen des Waffenstillstands wurden verletzt."),
    ("de", "Verhandlung", "Die Verhandlungen wurden vertagt."),
    ("pt", "negociação", "As negociações foram retomadas."),
    ("uk", "переговори", "Делегації домовилися про продовження переговорів."),
])
def test_inflected_forms_in_the_article_language(lang, query, text):
    assert hit(query, text, lang), (query, text)


def test_stemming_needs_the_article_language():
    assert hit("negotiation", "Negotiations resumed.", "en")
    assert not hit("negotiation", "Negotiations resumed.", None)
    assert hit("negotiations", "Negotiations resumed.", None)  # the same word needs no stemmer


def test_stems_do_not_join_different_words():
    assert not hit("ceasefire", "The fire ceased at dawn.", "en")
    assert not hit("summit", "They submitted a plan.", "en")
    assert not hit("talks", "They walked out.", "en")


@pytest.mark.parametrize("query, text, lang", [
    ("停火", "双方宣布停火协议今天生效。", "zh"),
    ("停火协议", "双方宣布停火协议今天生效。", "zh"),
    ("和平谈判", "和平谈判将于下周在日内瓦举行。", "zh"),
    ("停戦", "両国は停戦に合意した。", "ja"),
    ("首脳会談", "東京で日中首脳会談が開かれた。", "ja"),
    ("ｻﾐｯﾄ", "来月のサミットで協議する。", "ja"),  # half-width katakana in the query
    ("หยุดยิง", "ทั้งสองฝ่ายตกลงหยุดยิงเมื่อวานนี้", "th"),
])
def test_scripts_without_spaces_match_as_substrings(query, text, lang):
    assert hit(query, text, lang)


def test_substring_absent():
    assert not hit("停火", "双方举行了和平谈判。", "zh")


CEASEFIRE_SENTENCES = [
    ("en", "Both armies said the cease-fire would start at midnight."),
    ("id", "Kedua pihak menyepakati gencatan senjata selama tiga hari."),
    ("ms", "Kedua-dua pihak bersetuju dengan gencatan senjata."),
    ("es", "El alto el fuego entró en vigor anoche."),
    ("fr", "Le cessez-le-feu a été violé dans la nuit."),
    ("de", "Die Waffenruhe hält seit Montag."),
    ("pt", "O cessar-fogo foi prorrogado por uma semana."),
    ("it", "Il cessate il fuoco è stato rispettato."),
    ("ar", "أعلن الجانبان وقف إطلاق النار في المنطقة."),
    ("ar", "صمدت الهدنة رغم التوتر."),
    ("fa", "آتش‌بس از نیمه‌شب برقرار شد."),
    ("ur", "دونوں ملکوں نے جنگ بندی پر اتفاق کیا۔"),
    ("ru", "Стороны договорились о перемирии на три дня."),
    ("uk", "Сторони оголосили про припинення вогню."),
    ("tr", "Taraflar ateşkese uydu."),
    ("hi", "दोनों देशों ने युद्धविराम की घोषणा की।"),
    ("zh", "双方同意从周一起停火。"),
    ("ja", "両軍は停戦に合意した。"),
    ("ko", "양측은 휴전을 선언했다."),
    ("pl", "Strony ogłosiły zawieszenie broni."),
]


@pytest.mark.parametrize("lang, text", CEASEFIRE_SENTENCES)
def test_concept_ceasefire_in_many_languages(lang, text):
    assert hit("~ceasefire", text, lang)
    assert not hit("~ceasefire", "The ministers discussed trade and fisheries.", "en")


def test_other_concepts():
    assert hit("~peace_talks", "Les pourparlers de paix reprendront à Genève.", "fr")
    assert hit("~peace_talks", "Раунд мирных переговоров завершился.", "ru")
    assert hit("~summit", "Die Staats- und Regierungschefs trafen sich zum Gipfel.", "de")
    assert hit("~summit", "Presidents met at the summit in Lima.", "en")
    assert hit("~truce", "La tregua durará tres días.", "es")
    assert not hit("~truce", "Both sides observed a cessation of hostilities.", "en")  # ~ceasefire is wider
    assert hit("~ceasefire", "Both sides observed a cessation of hostilities.", "en")
    assert hit("~peace_agreement", "Стороны подписали мирное соглашение.", "ru")
    assert hit("~mediation", "Qatar mediated between the two sides.", "en")


def test_concept_in_title_and_combination():
    assert hit("~ceasefire AND country:ARM", "Nothing else.", "en", title="Ceasefire holds", countries=["ARM"])
    assert not hit("~ceasefire AND country:ARM", "Nothing else.", "en", title="Ceasefire holds", countries=["AZE"])


def test_prefixes_inside_a_phrase():
    q = parse_query('"gencat* senj*"')
    assert q.tree == ("atom", ("phrase", (("gencat", True), ("senj", True))))
    assert hit('"gencat* senj*"', "Gencatan senjata berlaku.", "id")
    assert not hit('"gencat* senj*"', "Senjata gencatan.", "id")
    with pytest.raises(QueryError, match="too short") as e:
        parse_query('"ab* senjata"')
    assert e.value.position == 1
    with pytest.raises(QueryError, match="can only end a word"):
        parse_query("gencat*senjata")


def test_concept_files_load_and_cover_many_languages():
    from processors.concepts import concept_names, concept_patterns

    assert {"ceasefire", "truce", "peace_talks", "summit"} <= set(concept_names())
    langs = {lang for lang, _ in concept_patterns("ceasefire")}
    assert len(langs) >= 15
    for name in concept_names():
        assert all("*" not in p[:-1] for _, p in concept_patterns(name))


def test_docstring_examples():
    import doctest

    from processors import alerts, concepts, fingerprint, pacing, query, query_atoms, subscriptions, tokens

    for mod in (alerts, concepts, fingerprint, pacing, query, query_atoms, subscriptions, tokens):
        assert doctest.testmod(mod).failed == 0, mod.__name__
