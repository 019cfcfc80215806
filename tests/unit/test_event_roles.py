"""Who is a party and who mediates (shared/spec/events-guide.md): the role words of every
language that name a mediator, a host or a third side. Sentences written for these tests."""

from __future__ import annotations

import pytest

from processors import tag_article


def _events(text: str, family: str | None = None, **extra) -> list[dict]:
    out = tag_article({"id": "t1", "text": text, **extra})["events"]
    return [e for e in out if family is None or e["family"] == family]


def test_an_inflected_persian_talks_word_ends_the_sides_before_the_mediation():
    # "مذاکراتی که" (talks that ...): the suffixed noun is an event word, so the sides named
    # before it are not taken for the mediator named after "با میانجیگری"
    text = "ایران و عراق در مذاکراتی که با میانجیگری عمان در مسقط برگزار شد، بر سر آتش‌بس توافق کردند."
    truces = _events(text, "ceasefire", lang="fa")
    assert truces and truces[0]["mediators"] == ["OMN"]
