"""Burmese text in the Zawgyi font encoding, converted to Unicode.

Much Burmese news (and most of it before 2019) was typed in Zawgyi, a font that
puts its glyphs on the Unicode Myanmar code points in visual order: ``ေ`` before
the consonant, ``ၾ`` for the medial ra, ``ႏ`` for a narrow na. A lexicon written
in Unicode never matches it. `to_unicode` asks Google's Zawgyi detector
(``myanmartools``, a small Markov model shipped in the wheel) how likely a text is
Zawgyi and, when it is, converts it with the rules of ``python-myanmar``.

>>> to_unicode("ေတြ႕ဆံု")
'တွေ့ဆုံ'
>>> to_unicode("တွေ့ဆုံ")
'တွေ့ဆုံ'
>>> to_unicode("no Burmese here")
'no Burmese here'
"""

from __future__ import annotations

import re
import threading
from typing import Any, Final

__all__ = ["to_unicode", "ZAWGYI_THRESHOLD", "SAMPLE_CHARS"]

#: above this probability a text is taken for Zawgyi (the detector's own advice is 0.95;
#: Unicode Burmese scores near 0, Zawgyi near 1)
ZAWGYI_THRESHOLD: Final = 0.95

#: characters from the first Burmese letter that the detector reads
SAMPLE_CHARS: Final = 600
_MYANMAR: Final = re.compile("[\u1000-\u109f]")
_SPACE_BEFORE_SIGN: Final = re.compile(" +(?=[\u102b-\u103e])")
_lock = threading.Lock()
_detector: Any = None


def _get_detector() -> Any:
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from myanmartools import ZawgyiDetector

                _detector = ZawgyiDetector()
    return _detector


def to_unicode(text: str) -> str:
    """`text` with its Burmese converted from Zawgyi to Unicode when it is Zawgyi; else as is."""
    if text.isascii() or (first := _MYANMAR.search(text)) is None:
        return text
    # a text is typed in one encoding: a sample decides (the detector walks it character by
    # character in Python, ~1.5 µs each)
    sample = text[first.start():first.start() + SAMPLE_CHARS]
    if _get_detector().get_zawgyi_probability(sample) < ZAWGYI_THRESHOLD:
        return text
    from myanmar.converter import convert

    # Zawgyi typists put a space before a dot below or a vowel sign to place the glyph ("တွေ ့")
    return _SPACE_BEFORE_SIGN.sub("", convert(text, "zawgyi", "unicode"))
