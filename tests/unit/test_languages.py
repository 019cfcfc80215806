"""The language registry (processors/data/languages.tsv): every registered language has every
piece, or says which fallback it uses; every data file belongs to a registered language; what
the registry says is what the modules that read it do."""

from __future__ import annotations

import pytest

from processors import languages as reg
from processors.datafiles import Form, read_rows
from processors.languages import PIECES, codes, data_files, has_own, language, registry, resolve

TAGGED = codes("tagged")
ALL = codes()


def test_the_registry_reads_and_lists_the_thirty_tagged_languages() -> None:
    assert len(TAGGED) == 30
    assert {"ko", "vi", "th", "he", "hy", "az", "am", "so", "ha", "my", "ps", "pl"} <= set(TAGGED)
    assert {"en", "id", "ms", "fr", "es", "pt", "de", "ar", "ru", "uk", "tr", "fa", "zh", "ja", "hi", "ur",
            "it", "sw"} <= set(TAGGED)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("piece", PIECES)
def test_every_language_has_each_piece_or_names_its_fallback(code: str, piece: str) -> None:
    source = language(code).sources[piece]
    if source == "own":
        assert has_own(piece, code), f"{code}: the registry says it has its own {piece}, but {data_files(piece, code)[0]} is missing"
        return
    assert source in ("*", "-") or language(source) is not None, f"{code} {piece}: unknown fallback {source!r}"
    if source not in ("*", "-"):
        # a fallback must itself have the piece: no chain of fallbacks, no silent English
        assert has_own(piece, source), f"{code} {piece}: fallback {source} has no {piece} of its own"
    # the fallback is used only until the file exists, and then resolve() picks the file up
    assert resolve(piece, code) == (code if has_own(piece, code) else (None if source in ("*", "-") else source))


@pytest.mark.parametrize("code", TAGGED)
def test_every_tagged_language_has_the_facts_the_stages_need(code: str) -> None:
    lg = language(code)
    assert lg.script in reg.SCRIPT_RANGES, f"{code}: script {lg.script!r} has no Unicode ranges"
    assert lg.analyzer, f"{code}: a tagged language needs an Elasticsearch analyzer (standard if none exists)"
    assert lg.langid in ("lingua", "cld2")
    assert all(k in registry() for k in lg.kin)
    if lg.stemmer:
        kind, _, arg = lg.stemmer.partition(":")
        assert kind in ("snowball", "simplemma", "light10")


def test_italian_and_swahili_have_their_own_dates_and_figures() -> None:
    for code in ("it", "sw"):
        assert resolve("dates", code) == code and resolve("figures", code) == code


def test_a_new_language_falls_back_explicitly_until_its_file_exists() -> None:
    for code in ("ko", "vi", "th", "he", "hy", "az", "am", "so", "ha", "my", "ps", "pl"):
        for piece in ("dates", "figures"):
            assert resolve(piece, code) in (code, language(code).sources[piece])
        assert resolve("countries", code) in (code, None)   # None: every language's patterns


def test_a_data_file_that_appears_is_picked_up(tmp_path, monkeypatch) -> None:
    """No code or registry change: the file's presence is what counts."""
    monkeypatch.setattr(reg, "DATA_DIR", tmp_path)
    reg.has_own.cache_clear()
    reg.resolve.cache_clear()
    try:
        assert resolve("dates", "th") == "en"
        (tmp_path / "dates").mkdir()
        (tmp_path / "dates" / "th.tsv").write_text("month\t1\tมกราคม\n", encoding="utf-8")
        reg.has_own.cache_clear()
        reg.resolve.cache_clear()
        assert resolve("dates", "th") == "th"
    finally:
        reg.has_own.cache_clear()
        reg.resolve.cache_clear()


def test_every_data_file_belongs_to_a_registered_language() -> None:
    for sub in ("lexicon", "dates", "figures", "actors/countries", "actors/countries/generated", "actors/roles"):
        for path in (reg.DATA_DIR / sub).glob("*.tsv"):
            assert path.stem in registry(), f"{path}: {path.stem} is not in processors/data/languages.tsv"
    for path in (reg.DATA_DIR / "concepts").glob("*.tsv"):
        for row in read_rows(path):
            assert row.cols[0].strip() in registry(), f"{path.name}:{row.lineno}: language {row.cols[0]!r} is not registered"


def test_the_modules_read_the_registry() -> None:
    from processors import actors, dates, langid, lexicon, tokens
    from streams.sinks.es_docs import text_languages

    assert set(actors.LANGS) == {c for c in ALL if has_own("countries", c) or has_own("roles", c)}
    assert set(dates.LANGS) == {c for c in ALL if has_own("dates", c)}
    assert set(lexicon.languages()) == {c for c in ALL if has_own("lexicon", c)}
    assert set(langid.LINGUA_LANGUAGES) == {c for c in ALL if language(c).langid == "lingua"}
    assert set(tokens.stem_languages()) == {c for c in ALL if language(c).stemmer}
    assert text_languages() == {c for c in ALL if language(c).analyzer}


def test_the_stemmer_the_registry_names_is_the_one_used() -> None:
    from processors.tokens import stem_key

    assert stem_key("բանակցությունները", "hy") == stem_key("բանակցությունների", "hy")   # Snowball armenian
    assert stem_key("rozmowami", "pl") == stem_key("rozmowy", "pl")                        # Snowball polish
    assert stem_key("휴전", "ko") is None                                                     # none: as written


def test_spaceless_scripts_match_inside_words() -> None:
    from processors.matcher import PatternSet

    ps = PatternSet([("หยุดยิง", "cf"), ("အပစ်အခတ်ရပ်စဲ", "cf"), ("hy", "x")])
    assert [(m.start, m.end) for m in ps.find("รัฐบาลตกลงหยุดยิงสามวัน")] == [(10, 17)]
    assert [(m.start, m.end) for m in ps.find("နှစ်ဖက်အပစ်အခတ်ရပ်စဲရေး")] == [(7, 20)]
    assert ps.find("why") == []   # Latin keeps its word boundaries
    assert reg.is_spaceless("th") and reg.is_spaceless("my") and reg.is_spaceless("zh")
    assert not reg.is_spaceless("ko") and not reg.is_spaceless("xx")


def test_spaceless_scripts_found_after_text_in_other_scripts() -> None:
    """A text is searched for Han/Thai or Myanmar patterns only when it holds their letters:
    each script is found wherever it stands, and a text of other scripts has none."""
    from processors.matcher import PatternSet

    ps = PatternSet([("停火", "cf"), ("အပစ်အခတ်ရပ်စဲ", "cf"), ("trêve", "cf")])
    mixed = "Une trêve à Genève — перемирие, 双方同意停火, ပြီးနောက် အပစ်အခတ်ရပ်စဲ"
    han, myanmar = mixed.index("停火"), mixed.index("အပစ်")
    found = [(m.start, m.end) for m in ps.find(mixed)]
    assert found == [(4, 9), (han, han + 2), (myanmar, myanmar + len("အပစ်အခတ်ရပ်စဲ"))]
    assert [(m.start, m.end) for m in ps.find("переговоры о перемирии, trêve")] == [(24, 29)]


@pytest.mark.parametrize("raw,text,exact,prefix,ambiguous", [
    ("=morgen", "morgen", True, False, False),
    ("UN", "UN", True, False, False),
    ("perundingan*", "perundingan", False, True, False),
    ("mei?", "mei", False, False, True),
])
def test_one_convention_for_case_and_wildcards(raw, text, exact, prefix, ambiguous) -> None:
    assert Form.parse(raw) == Form(text, exact, prefix, ambiguous)


def test_a_malformed_registry_row_is_a_clear_error(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "languages.tsv"
    rows = reg.REGISTRY_FILE.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(rows) if line.startswith("code\t"))
    bad.write_text("\n".join(rows[: header + 1] + ["xx\tBroken\ttagged"]) + "\n", encoding="utf-8")
    monkeypatch.setattr(reg, "REGISTRY_FILE", bad)
    reg.registry.cache_clear()
    try:
        with pytest.raises(reg.RegistryError, match=r"languages.tsv:\d+: 3 columns"):
            reg.registry()
    finally:
        monkeypatch.undo()
        reg.registry.cache_clear()


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    from processors import datafiles

    for mod in (reg, datafiles):
        assert doctest.testmod(mod).failed == 0, mod.__name__


def test_context_words_are_data_folded_like_the_text_they_meet() -> None:
    """Venue and former-office words (data/context_words.tsv) match the folded text: the Urdu
    postposition and the Traditional Chinese 於 were written unfolded in code and never matched."""
    from processors.tagging.document import _FORMER, _VENUE_AFTER, _VENUE_BEFORE
    from processors.textutil import fold

    assert _VENUE_AFTER.search(fold(" میں ملاقات"))       # "کابل میں": in Kabul
    assert _VENUE_BEFORE.search(fold("雙方於"))
    assert _VENUE_BEFORE.search(fold("talks in ")) and not _VENUE_BEFORE.search(fold("talksin "))
    assert _VENUE_AFTER.search("'da görüştü") and not _VENUE_AFTER.search("'dan")
    assert _FORMER.search(fold("бывшего премьер-министра ")) and _FORMER.search(fold("元首相の"))
    for row in read_rows(reg.DATA_DIR / "context_words.tsv"):
        assert row.cols[0] in registry(), f"context_words.tsv:{row.lineno}: {row.cols[0]} is not registered"


def test_the_gazetteer_takes_the_same_case_convention(tmp_path) -> None:
    from processors.actors import load_patterns

    (tmp_path / "countries").mkdir()
    (tmp_path / "countries" / "en.tsv").write_text("XXA\tname\t=testland\nXXB\tname\tOtherland\nXXC\tname\tplainland\n",
                                                  encoding="utf-8")
    folded, cased = load_patterns(tmp_path)
    assert {p for p, _ in cased} == {"testland", "Otherland"}
    assert "plainland" in {p for p, _ in folded}


def test_a_case_sensitive_form_in_a_lexicon_is_a_clear_error(tmp_path, monkeypatch) -> None:
    from processors import lexicon

    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "en.tsv").write_text("cf\t-\t=Truce\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    monkeypatch.setattr(lexicon, "languages", lambda: ["en"])
    with pytest.raises(ValueError, match=r"lexicon/en.tsv:1: .*case-sensitive"):
        list(lexicon._rows())


def test_an_anaphor_without_its_position_is_a_clear_error(tmp_path, monkeypatch) -> None:
    """A demonstrative's value is where it stands to its trigger: a row whose columns slipped
    ("anaphor<TAB>konusu<TAB>konusu" for "söz konusu") is refused with its line, not ignored."""
    from processors import lexicon

    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "tr.tsv").write_text("anaphor\tpre\tbu\nanaphor\tkonusu\tkonusu\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    monkeypatch.setattr(lexicon, "languages", lambda: ["tr"])
    with pytest.raises(ValueError, match=r"lexicon/tr.tsv:2: an anaphor's value is its position"):
        list(lexicon._rows())
