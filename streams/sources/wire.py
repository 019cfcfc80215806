"""Wire-story-like English articles for failure tests and throughput benchmarks (deterministic).

Unlike :mod:`streams.sources.synthetic` (one or two sentences each), these read like a news
agency's diplomacy desk: a dateline, a lead, quotes with attribution, background, numbers and
a closing paragraph, about 1 KB of text each (0.8-1.4 KB), so tagging and indexing cost what a real article costs.
Every sentence was written for Parley (no real article is quoted); the places and parties are
real, the events are invented. Each article gets a distinct mix of paragraphs and figures, so
no two are near-copies (each is its own story for alert grouping).

    >>> arts = list(wire_articles(3, seed=1, marker="Velmora", every=2))
    >>> sorted(arts[0]) == ['id', 'lang', 'published', 'source', 'text', 'title', 'url']
    True
    >>> ["Velmora" in a["text"] for a in arts]
    [True, False, True]
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Iterator

__all__ = ["wire_articles"]

SIDES = [
    ("Armenia", "Azerbaijan"), ("Ethiopia", "Eritrea"), ("Colombia", "Venezuela"), ("Sudan", "South Sudan"),
    ("India", "Pakistan"), ("Serbia", "Kosovo"), ("Thailand", "Cambodia"), ("Peru", "Ecuador"),
    ("Rwanda", "the Democratic Republic of Congo"), ("Georgia", "Abkhazia"), ("Morocco", "Algeria"),
    ("Kyrgyzstan", "Tajikistan"), ("Guyana", "Venezuela"), ("Somalia", "Somaliland"), ("Mali", "Niger"),
]
VENUES = ["Geneva", "Doha", "Oslo", "Vienna", "Nairobi", "Addis Ababa", "Istanbul", "Muscat", "Havana", "Jeddah",
          "Helsinki", "Kuala Lumpur", "Astana", "Luanda", "Brasilia", "Cairo"]
MEDIATORS = ["the United Nations", "the African Union", "Norway", "Qatar", "Switzerland", "Turkey", "Oman",
             "the European Union", "the Vatican", "Kenya", "Brazil", "Indonesia"]
ROLES = ["foreign minister", "chief negotiator", "deputy foreign minister", "special envoy", "defence minister",
         "national security adviser"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["desk.example", "wire.example", "bulletin.example", "courier.example"]

LEADS = [
    "Delegations from {a} and {b} opened a {nth} round of talks in {v} on {day}, with {m} acting as mediator.",
    "Negotiators for {a} and {b} agreed in {v} on {day} to extend a ceasefire along the disputed frontier by {n} days.",
    "The {role} of {a} met counterparts from {b} in {v} on {day} to discuss a prisoner exchange brokered by {m}.",
    "{a} and {b} signed a framework accord in {v} on {day} that commits both to withdraw heavy weapons within {n} km.",
    "Talks between {a} and {b} in {v} broke off on {day} after {n} hours, officials on both sides said.",
    "Envoys of {a} and {b} held a first direct meeting in {v} on {day}, the first such contact in {n} months.",
]
QUOTES = [
    '"We came here to listen, and we have listened," the {role} of {a} told reporters after the session.',
    '"There is no agreement until everything is agreed," a spokesperson for {m} said in a written statement.',
    '"The ceasefire is holding in most sectors, but not in all of them," a monitor from {m} said by telephone.',
    '"Our people want the guns to fall silent before the harvest," the {role} of {b} said on state television.',
    '"Nobody should expect a breakthrough this week," a diplomat briefed on the talks said, asking not to be named.',
    '"The text on the table is shorter than last time, which is a good sign," an adviser to the delegation said.',
]
BACKGROUND = [
    "The two sides fought a {n}-week war over the border districts, and a truce agreed later has been broken repeatedly.",
    "More than {k} people remain displaced by the fighting, according to figures from relief agencies.",
    "Previous rounds in {v2} ended without a joint statement, though both delegations described them as useful.",
    "{m} has offered to deploy {n} unarmed observers once a line of separation is agreed.",
    "Trade across the frontier, worth about {k} million dollars a year before the clashes, has been frozen since spring.",
    "A commission on missing persons set up under an earlier accord has met only {n} times.",
    "Parliament in {a} must ratify any final settlement, and the opposition has said it will vote against it.",
    "Local leaders in the border villages have asked both governments for a demining programme before any return.",
]
DETAILS = [
    "The draft seen by reporters runs to {n} pages and covers prisoners, demining and the reopening of roads.",
    "A hotline between the two armies, installed last year, was used {n} times during the past week.",
    "Officials said a technical working group would meet again in {v2} within {n} days.",
    "Observers counted {n} violations of the truce in the week before the talks, most of them small-arms fire.",
    "The mediators proposed a phased exchange of {n} detainees, starting with the wounded and the elderly.",
    "Both delegations agreed to let humanitarian convoys pass through {n} crossing points.",
]
CLOSINGS = [
    "The talks are expected to resume on {day2}.",
    "No date was set for the next meeting.",
    "Foreign ministers of both countries are due to meet again on the sidelines of a regional summit next month.",
    "The mediators said they would report to the Security Council by the end of the month.",
]
NTH = ["second", "third", "fourth", "fifth", "sixth", "new"]


def wire_articles(n: int, *, seed: int = 0, marker: str | None = None, every: int = 10,
                  start: datetime = datetime(2026, 11, 2, 6, 0, tzinfo=timezone.utc),
                  prefix: str = "wire") -> Iterator[dict]:
    """`n` articles with ids ``<prefix>-<seed>-<i>``; with `marker`, every `every`-th (i % every == 0)
    names it as the venue's district, so a subscription on that word matches exactly those."""
    rng = random.Random(seed)
    for i in range(n):
        a, b = rng.choice(SIDES)
        if rng.random() < 0.5:
            a, b = b, a
        v, v2 = rng.sample(VENUES, 2)
        day_i = rng.randrange(7)
        slots = {"a": a, "b": b, "v": v, "v2": v2, "m": rng.choice(MEDIATORS), "role": rng.choice(ROLES),
                 "day": DAYS[day_i], "day2": DAYS[(day_i + 2) % 7], "nth": rng.choice(NTH),
                 "n": rng.randint(2, 90), "k": f"{rng.randint(2, 400) * 1000:,}"}
        def fill(template: str) -> str:  # a fresh figure each time; sentences start upper-case
            text = template.format(**{**slots, "n": rng.randint(2, 90)})
            return text[0].upper() + text[1:]

        paragraphs = [f"{v.upper()}, {DAYS[day_i]} - " + fill(rng.choice(LEADS))]
        if marker and i % every == 0:
            paragraphs.append(f"The meeting took place in the {marker} district of {v}, under heavy security.")
        body = (rng.sample(QUOTES, 2) + rng.sample(BACKGROUND, rng.randint(2, 4)) + rng.sample(DETAILS, rng.randint(2, 3)))
        rng.shuffle(body)
        paragraphs += [fill(p) for p in body]
        paragraphs.append(fill(rng.choice(CLOSINGS)))
        paragraphs.append(f"(Reporting by the {rng.choice(['diplomacy', 'regional', 'conflict'])} desk; file {seed}-{i}-"
                          f"{rng.getrandbits(32):08x})")
        when = start + timedelta(minutes=7 * i + rng.randint(0, 6))
        source = rng.choice(SOURCES)
        yield {"id": f"{prefix}-{seed}-{i}", "url": f"https://{source}/{when:%Y/%m/%d}/{prefix}-{seed}-{i}",
               "source": source, "lang": "en", "published": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
               "title": f"{a} and {b} {rng.choice(['resume talks', 'extend truce', 'meet', 'trade proposals'])} in {v}",
               "text": "\n\n".join(paragraphs)}
