"""How negative a stretch of text sounds, from the VADER lexicon (``vaderSentiment``, MIT licence):
"X said that trust had been broken" is criticism of the side in view even when no event word names it.
The analyser is built once per process; nothing is downloaded (the lexicon ships in the package)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _analyser() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    """VADER's compound score: -1 (most negative) to 1 (most positive)."""
    return float(_analyser().polarity_scores(text)["compound"])
