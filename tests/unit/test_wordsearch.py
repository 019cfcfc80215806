"""The automaton passes the finders share (wordsearch.SharedScan, matcher.blanked) give
each finder exactly what a pass of its own would."""

import random

from processors.matcher import blanked, padded_text
from processors.textutil import fold, sentence_bounds
from processors.wordsearch import SharedScan, WordSet, spaced

_WORDS = ["ateşkes*", "gencatan senjata", "talks", "talk*", "peace talks", "as", "un", "hudna", "هدنه", "перемири*",
          "s", "ta", "alks"]
_FORMS = {"as": "AS", "un": "UN"}


def _entries(words, tag):
    return [(w, f"{tag}:{w}", _FORMS.get(w)) for w in words]


def _texts(n: int = 300) -> list[str]:
    rng = random.Random(11)
    pieces = ["ateşkesin", "Gencatan senjata", "peace talks", "talks", "talking", "AS", "as", "UN", "un", "hudna",
              "الهدنة", "والهدنه", "перемирие", "s", "ta", ",", ".", " ", "  ", "-", "停火", "\n"]
    return ["".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 25))) for _ in range(n)]


def test_sets_sharing_a_scan_find_what_their_own_automata_find():
    first, second = _WORDS[::2], _WORDS[1::2] + ["talks"]   # "talks" in both: one key, two sets
    scan = SharedScan()
    shared = [WordSet(_entries(first, "a"), shared=scan), WordSet(_entries(second, "b"), shared=scan)]
    own = [WordSet(_entries(first, "a")), WordSet(_entries(second, "b"))]
    found = 0
    for text in _texts():
        padded = " " + spaced(fold(text)) + " "
        for s, o in zip(shared, own):
            got = s.find(text, padded)
            assert got == o.find(text, " " + spaced(fold(text)) + " "), text
            found += len(got)
    assert found > 500   # the texts do hold matches


def test_a_scan_answers_for_the_text_it_is_given():
    scan = SharedScan()
    ws = WordSet(_entries(["talks"], "a"), shared=scan)
    one, two = " peace talks ", " no match here "
    assert ws.find(one, one) == [(6, 11, "a:talks")]
    assert ws.find(two, two) == []
    assert ws.find(one, one) == [(6, 11, "a:talks")]


def test_a_set_that_joins_after_a_scan_is_searched_too():
    scan = SharedScan()
    first = WordSet(_entries(["talks"], "a"), shared=scan)
    text = " peace talks "
    assert first.find(text, text) == [(6, 11, "a:talks")]
    late = WordSet(_entries(["peace"], "b"), shared=scan)
    assert late.find(text, text) == [(0, 5, "b:peace")]
    assert first.find(text, text) == [(6, 11, "a:talks")]


def test_a_blanked_text_gets_a_padded_form_with_the_matches_spacing_would_give():
    # the padded form holds NUL in the middle of long blanked stretches (a faster scan):
    # patterns with separators in a row, next to a stretch, still match as in all spaces
    ws = WordSet(_entries(_WORDS + ["peace - talks", "un , as", "'s - - ta", "talks -", "- hudna"], "a"))
    rng = random.Random(5)
    texts = _texts(600)
    with_nul = found = 0
    for i in range(0, len(texts), 3):
        text = "".join(texts[i:i + 3])
        folded = fold(text)
        padded_text(folded)   # the lexicon pass made it
        cuts = sorted(rng.sample(range(len(folded) + 1), min(len(folded) + 1, 6)))
        ranges = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
        out = blanked(folded, ranges)
        assert len(out) == len(folded)
        assert all(out[i] == " " for i in range(len(out)) if not any(s <= i < e for s, e in ranges))
        padded, plain = padded_text(out), " " + spaced(out) + " "
        assert len(padded) == len(plain)
        assert all(p == q or (p == "\0" and q == " ") for p, q in zip(padded, plain))
        got = ws.find(out, padded)
        assert got == ws.find(out, plain), text
        with_nul += "\0" in padded
        found += len(got)
    assert with_nul > 50 and found > 200   # the test does cover long stretches and matches


def test_a_pattern_of_separators_only_or_too_many_in_a_row_is_refused():
    import pytest

    for bad in ("--", "peace" + " - " * 4 + "talks"):
        with pytest.raises(ValueError, match="separators in a row"):
            WordSet(_entries([bad], "a"))


def test_sentence_ends_that_need_their_context():
    # two Ethiopic word spaces are typed for the full stop; one is a word space
    assert len(sentence_bounds("ሰላም ድርድር ተጀመረ፡፡ ተኩስ አቁም ተፈረመ።")) == 2
    assert len(sentence_bounds("ሰላም፡ድርድር ተጀመረ። ተኩስ")) == 2
    # an Armenian word before a colon ends a sentence; a clock does not
    assert len(sentence_bounds("Հանդիպումը կայացավ: Ժամը 2:30 էր")) == 2
    assert len(sentence_bounds("Talks: at 2:30 in Geneva.")) == 1
    # a full stop glued between two Persian or Korean words ends a sentence; a one-letter
    # Arabic-script abbreviation and a Latin domain name do not
    assert len(sentence_bounds("مذاکرات در ژنو برگزار شد.وزیران دیدار کردند")) == 2
    assert len(sentence_bounds("회담이 열렸습니다.장관은")) == 2
    assert len(sentence_bounds("سال ۵۰۰ ق.م در آنجا")) == 1
    assert len(sentence_bounds("see news.example for the talks")) == 1
    # a full stop before a lower-case word ends an abbreviation, not a sentence
    assert len(sentence_bounds("Rau odbył m.in. rozmowy z ministrem. Potem wyjechał.")) == 2
    assert len(sentence_bounds("Договор согласован в марте 2025 г. и парафирован сторонами.")) == 1
    assert len(sentence_bounds("The talks ended. talks resume later")) == 1
    assert len(sentence_bounds("The talks ended. Talks resume later")) == 2


def test_a_scan_built_for_good_takes_no_other_set():
    import pytest

    scan = SharedScan()
    WordSet(_entries(["talks"], "a"), shared=scan)
    scan.build()
    with pytest.raises(ValueError, match="built for good"):
        WordSet(_entries(["peace"], "b"), shared=scan)


def test_han_sets_sharing_a_scan_find_what_their_own_automata_find():
    from processors.wordsearch import HanSet

    words = ["停火", "会谈", "停火协议", "协议", "谈", "和平", "会", "정상회담", "회담", "ซ่", "和平会谈"]
    first, second = words[::2], words[1::2] + ["会谈"]   # "会谈" in both: one key, two sets
    scan = SharedScan()
    shared = [HanSet(_entries(first, "a"), shared=scan), HanSet(_entries(second, "b"), shared=scan)]
    own = [HanSet(_entries(first, "a")), HanSet(_entries(second, "b"))]
    rng = random.Random(3)
    pieces = ["停火", "协议", "会谈", "和平", "双方", "。", " ", "정상회담을", "ซ่อม", "𠀀", "A", "谈判"]
    found = 0
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        for s, o in zip(shared, own):
            got = s.find(text, text)
            assert got == o.find(text, text), text
            found += len(got)
    assert found > 500


def test_spaced_equals_one_regex_substitution_on_adversarial_text() -> None:
    # spaced's byte-level pass for the ASCII separators (texts longer than wordsearch._SHORT)
    # and its short path against the plain substitution
    import random

    from processors import wordsearch

    rng = random.Random(9)
    pool = (list(wordsearch.SEPARATOR_CHARS) + [chr(c) for c in range(0, 0x180)]
            + list("\ud800\udbff\udc00\udfff\U0001f600\U00020000\u200c\u200d\u0660\u0966\uff10٫٬")
            + list("مفاوضات перемирие שלום ተኩስ Հայ नई") + ["\ud83d\ude00", "\x00\x00"])
    for n in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 3 * wordsearch._SHORT)))
        if n % 2:
            text += "é"   # never ASCII
        expected = wordsearch._SEPARATOR_RE.sub(" ", text)
        assert wordsearch.spaced(text) == expected, repr(text)
        assert len(wordsearch.spaced(text)) == len(text)
