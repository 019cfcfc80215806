"""textutil's character-class tests: `holds` answers as a regex search does, only faster."""

from __future__ import annotations

import re

import pytest

from processors.textutil import holds, may_hold

CLASSES = [
    re.compile("[a-z\u00c0-\u024f]"),                       # Latin letters, Latin-1 ones included
    re.compile("[\u0400-\u052f]"),                           # Cyrillic
    re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]"),  # Arabic, presentation forms included
    re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"),  # Han and kana
    re.compile("[\u00d7\u00f7]"),                            # two signs in the Latin-1 block
    re.compile("[\U0001f600-\U0001f64f]"),                   # emoji, outside the BMP
]

TEXTS = [
    "",
    "talks in geneva, 2024.",
    "1, 2, 3 -- 4.",
    "переговоры в женеве",
    "переговоры в женеве about gaza",
    "وقف إطلاق النار في غزة",
    "ﻻ presentation form",
    "双方在日内瓦举行会谈。",
    "3 × 4 ÷ 2",
    "Ą ą ɏ",
    "a smile \U0001f600 here",
    "a lone \ud800 surrogate",
]


@pytest.mark.parametrize("text", TEXTS)
def test_holds_answers_as_the_regex_does(text: str) -> None:
    for rx in CLASSES:
        assert holds(text, rx) == (rx.search(text) is not None), (text, rx.pattern)
        # may_hold never says no where there is one
        assert may_hold(text, rx) or rx.search(text) is None


def test_may_hold_rules_out_a_script_without_reading_the_text() -> None:
    cyrillic, arabic, han = CLASSES[1], CLASSES[2], CLASSES[3]
    text = "переговоры в женеве, 12 мая. " * 100
    assert not may_hold(text, arabic) and not may_hold(text, han) and may_hold(text, cyrillic)
    # a Latin letter is told apart from the spaces, digits and punctuation of the same block
    assert not may_hold(text, CLASSES[0]) and may_hold(text + "x", CLASSES[0])


def _fold_as_before(text: str) -> str:
    """fold as it was written before its fast paths: one regex substitution of the fold
    table's characters, then str.translate of Traditional Chinese."""
    from processors import textutil

    if text.isascii():
        return text.lower()
    t = textutil._FOLD_CHARS.sub(textutil._fold_char, text)
    if textutil._HAN.search(t):
        t = t.translate(textutil._T2S)
    low = t.lower()
    if len(low) == len(t):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in t)


def test_fold_fast_paths_equal_the_plain_substitution_on_adversarial_text() -> None:
    import random

    from processors import textutil

    rng = random.Random(11)
    t2s = sorted(textutil._T2S_STR)
    pool = (list(textutil._FOLD_STR) + list(textutil._FOLD_STR.values()) + t2s[:300] + t2s[-300:]
            + [chr(c) for c in range(0x20, 0x250)] + list("İIıẞß٣४０１\ud800\udbff\udc00\U0001f600\u200c\u200d.")
            + list("هدنةوقف إطلاق النار 停火協議 會見 アメリカ 휴전 ተኩስ አቁም перемирие ατέλεια"))
    for n in range(600):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 200)))
        if n % 3 == 0:
            text = "Talks " + text   # and once more from a fresh object: _blocks is cached by identity
        assert textutil.fold(text) == _fold_as_before(text), repr(text)
        assert len(textutil.fold(text)) == len(text)
