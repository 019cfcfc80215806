"""A truce whose own sentences name no area covers where its sides' war is fought, as the
rest of the article tells it (merge._truce_areas: _fought_over, _war_named_in). Sentences
written for these tests."""

from __future__ import annotations

import pytest

from processors import tag_article


def _truce(text: str) -> dict:
    events = tag_article({"id": "t1", "text": text, "published": "2025-03-05"})["events"]
    truces = [e for e in events if e["family"] == "ceasefire"]
    assert len(truces) == 1, events
    return truces[0]


@pytest.mark.parametrize("text, area", [
    # a genitive, not a venue word, joins the war word to its state
    ("Russia and Ukraine agreed to a ceasefire on Monday, officials said. "
     "The invasion of Ukraine has killed thousands of people.", "UKR"),
    ("Rusia dan Ukraina sepakat melakukan gencatan senjata pada hari Senin. "
     "Perang Ukraina telah menewaskan ribuan orang.", "UKR"),
    ("Rasha da Ukraine sun amince da tsagaita wuta ranar Litinin. "
     "Yakin Ukraine ya kashe dubban mutane.", "UKR"),
])
def test_a_truce_with_no_area_covers_the_state_the_article_names_after_a_war_word(text, area):
    assert (_truce(text)["where"] or {}).get("country") == area


def test_a_state_in_a_list_after_a_war_word_is_no_scene_of_the_war():
    # "the war, Ukraine and its allies say": a comma, not a preposition, joins them
    text = ("Russia and Ukraine agreed to a ceasefire on Monday, officials said. "
            "The war, Ukraine and its allies say, has killed thousands.")
    assert _truce(text)["where"] is None


def test_a_truce_with_no_area_covers_the_side_whose_towns_the_fighting_reaches():
    # Stepanakert, where the shelling was, lies in Azerbaijan; Brussels is where talks were held
    text = ("Armenia and Azerbaijan agreed to a ceasefire on Monday. Shelling near Stepanakert "
            "killed four soldiers before Armenia and Azerbaijan held peace talks in Brussels.")
    assert (_truce(text)["where"] or {}).get("country") == "AZE"


def test_a_venue_of_talks_in_a_sides_state_is_not_the_area_of_its_truce():
    # Gyumri is where the talks are held, named twice: not where the war is fought
    text = ("Armenia and Azerbaijan agreed to a ceasefire on Monday. Armenia and Azerbaijan held peace "
            "talks in Gyumri in May and will hold peace talks in Gyumri again in June.")
    assert _truce(text)["where"] is None
