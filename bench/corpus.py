"""A generator of varied, realistic-looking news articles for benchmarks (written here, seeded).

Sentences come in three kinds, mixed per article: events between two states (about a quarter),
sentences naming one state (about a quarter) and filler with no actor at all (about half): what
wire copy looks like. Articles run from 3 to 30 sentences.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

STATES = [("the United States", "American", "Washington"), ("Russia", "Russian", "Moscow"),
          ("China", "Chinese", "Beijing"), ("India", "Indian", "New Delhi"), ("Pakistan", "Pakistani", "Islamabad"),
          ("Iran", "Iranian", "Tehran"), ("Turkey", "Turkish", "Ankara"), ("Japan", "Japanese", "Tokyo"),
          ("Brazil", "Brazilian", "Brasilia"), ("Germany", "German", "Berlin"), ("France", "French", "Paris"),
          ("Britain", "British", "London"), ("Egypt", "Egyptian", "Cairo"), ("Israel", "Israeli", "Jerusalem"),
          ("Saudi Arabia", "Saudi", "Riyadh"), ("Ukraine", "Ukrainian", "Kyiv"), ("Nigeria", "Nigerian", "Abuja"),
          ("Mexico", "Mexican", "Mexico City"), ("Indonesia", "Indonesian", "Jakarta"), ("Kenya", "Kenyan", "Nairobi"),
          ("Afghanistan", "Afghan", "Kabul"), ("South Korea", "South Korean", "Seoul"), ("Australia", "Australian",
                                                                                       "Canberra")]
EVENTS = [
    "{a} signed a {money} trade agreement with {b} {when}.",
    "{A} and {b} held joint naval exercises in the region {when}.",
    "{A} accused {b} of violating the ceasefire along the border.",
    "{adj_a} officials met their counterparts from {b} {when} to discuss energy cooperation.",
    "{A} imposed new sanctions on {b} {when}, citing security concerns.",
    "The {adj_a} foreign minister visited {cap_b} {when} for talks on regional security.",
    "{A} agreed to sell {count} fighter jets to {b}.",
    "{A} condemned {b} for the missile test carried out {when}.",
    "{cap_a} urged {b} to release the detained journalists.",
    "{A} suspended {money} in military aid to {b} {when}.",
    "{A} expelled two {adj_b} diplomats {when}.",
    "{A} praised {b} for its role in the peace talks.",
    "{A} will host the {adj_b} president next month.",
    "{A} did not sign the proposed defence pact with {b}.",
    "{adj_a} troops clashed with {adj_b} forces near the disputed border {when}.",
    "{A} could impose tariffs on {adj_b} steel if talks fail.",
]
ONE_ACTOR = [
    "{A} reported economic growth of {pct} percent in the last quarter.",
    "The {adj_a} parliament debated the new budget {when}.",
    "Officials in {cap_a} said the election would be held on schedule.",
    "{A} announced a plan to build {count} new power plants.",
    "Floods in {A} displaced thousands of people {when}.",
    "The central bank of {A} left interest rates unchanged.",
]
FILLER = [
    "Analysts said the outcome remained uncertain.",
    "The talks are expected to continue for several days.",
    "Markets rose slightly on the news, with the main index up {pct} percent.",
    "The weather delayed several flights at the main airport.",
    "Critics argued that the measures would hurt small businesses.",
    "The report runs to more than {count}00 pages.",
    "Local media gave few details about the meeting.",
    "A spokesman declined to comment further on the matter.",
    "The agreement still needs the approval of the legislature.",
    "Prices of wheat and rice have climbed over the past year.",
    "The decision drew mixed reactions from observers.",
    "Schools will reopen after the holiday on Monday.",
]
WHEN = ["on Monday", "on Tuesday", "last week", "in March 2016", "on October 4, 2018", "earlier this month",
        "in 2015", "yesterday", "last year", "in June 2019"]


def _sentence(rng: random.Random, kind: str) -> str:
    a, b = rng.sample(STATES, 2)
    template = rng.choice({"event": EVENTS, "one": ONE_ACTOR, "filler": FILLER}[kind])
    text = template.format(a=a[0], A=a[0][0].upper() + a[0][1:], b=b[0], adj_a=a[1], adj_b=b[1], cap_a=a[2],
                           cap_b=b[2], when=rng.choice(WHEN), money=f"${rng.randint(1, 20)} billion",
                           count=rng.choice(["two", "four", "12", "36"]), pct=rng.randint(1, 9))
    return text


def articles(n: int, *, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` articles as JSONL records (id, published, text)."""
    rng = random.Random(seed)
    start = date(2014, 1, 1)
    for i in range(n):
        length = rng.choice([3, 5, 8, 12, 20, 30])
        kinds = rng.choices(["event", "one", "filler"], weights=[1, 1, 2], k=length)
        text = " ".join(_sentence(rng, k) for k in kinds)
        published = start + timedelta(days=rng.randint(0, 3650))
        yield {"id": f"synth-{i:07d}", "published": published.isoformat(), "text": text}


def write(path: Path, n: int, *, seed: int = 7) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for record in articles(n, seed=seed):
            f.write(json.dumps(record) + "\n")
    return path
