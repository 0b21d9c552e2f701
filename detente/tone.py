"""How negative a stretch of text sounds, from the VADER lexicon (``vaderSentiment``, MIT licence):
"X said that trust had been broken" is criticism of the side in view even when no event word names it.
The analyser is built once per process; nothing is downloaded (the lexicon ships in the package, and
``data/tone_words.csv`` adds words of diplomatic reproach it lacks)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Any


WORDS = Path(__file__).parent / "data" / "tone_words.csv"   # words of diplomatic reproach VADER lacks


@lru_cache(maxsize=1)
def _analyser() -> Any:
    """VADER, with the words of ``WORDS`` added on its scale (-4 to 4): "baseless", "meddling", "duplicity"."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    analyser = SentimentIntensityAnalyzer()
    with open(WORDS, encoding="utf-8", newline="") as f:
        analyser.lexicon.update({row["word"]: float(row["valence"]) for row in csv.DictReader(f)})
    return analyser


def tone(text: str) -> float:
    """VADER's compound score: -1 (most negative) to 1 (most positive)."""
    return float(_analyser().polarity_scores(text)["compound"])
