"""Sanity checks for the verb/noun pattern lexicon in detente/data/verbs.jsonl (data only, stdlib only)."""
import csv
import json
import re
from pathlib import Path

DATA = Path(__file__).parent.parent / "detente" / "data"
VERBS = DATA / "verbs.jsonl"
CAMEO = DATA / "cameo.csv"

ALLOWED = {"id", "lemma", "pos", "particle", "prep", "object", "oprd", "target_prep", "code", "symmetric", "reverse",
           "if_negated", "if_alone", "source_roles", "subject", "clause", "note"}
REQUIRED = {"id", "lemma", "code"}
LIST_KEYS = ("lemma", "prep", "object", "oprd", "target_prep", "source_roles", "subject")


def _rows():
    rows = []
    with open(VERBS, encoding="utf-8") as f:
        for number, text in enumerate(f, start=1):
            if text.strip():
                rows.append((number, json.loads(text)))
    return rows


def _codes():
    with open(CAMEO, encoding="utf-8", newline="") as f:
        return {row["code"] for row in csv.DictReader(f)}


def test_every_line_parses_to_an_object():
    with open(VERBS, encoding="utf-8") as f:
        for number, text in enumerate(f, start=1):
            assert text.strip(), f"blank line {number}"
            assert isinstance(json.loads(text), dict), f"line {number} is not an object"


def test_keys():
    for number, row in _rows():
        assert REQUIRED <= set(row), f"line {number}: missing {sorted(REQUIRED - set(row))}"
        assert set(row) <= ALLOWED, f"line {number}: unknown keys {sorted(set(row) - ALLOWED)}"


def test_field_types():
    for number, row in _rows():
        assert re.fullmatch(r"[a-z0-9_]+", row["id"]), f"line {number}: id {row['id']!r} is not snake_case"
        for key in LIST_KEYS:
            if key in row:
                value = row[key]
                assert isinstance(value, list) and value, f"line {number}: {key} must be a non-empty list"
                assert all(isinstance(w, str) and w.strip() == w and (w or key == "source_roles") for w in value), \
                    f"line {number}: {key}"      # "" in source_roles: the state itself, with no role
                assert len(set(value)) == len(value), f"line {number}: duplicate words in {key}"
        if "particle" in row:
            assert isinstance(row["particle"], str) and row["particle"].islower(), f"line {number}: particle"
        for key in ("symmetric", "reverse", "clause"):
            if key in row:
                assert isinstance(row[key], bool), f"line {number}: {key} must be a boolean"
        assert isinstance(row["code"], str), f"line {number}: code must be a string"


def test_ids_unique():
    seen = {}
    for number, row in _rows():
        assert row["id"] not in seen, f"line {number}: id {row['id']!r} already on line {seen[row['id']]}"
        seen[row["id"]] = number


def test_codes_exist():
    codes = _codes()
    for number, row in _rows():
        assert row["code"] in codes, f"line {number}: code {row['code']!r} not in cameo.csv"
        assert row.get("if_negated", row["code"]) in codes, f"line {number}: if_negated not in cameo.csv"
        assert row.get("if_alone", row["code"]) in codes, f"line {number}: if_alone not in cameo.csv"


def test_lowercase_words():
    for number, row in _rows():
        for key in ("lemma", "prep", "object", "oprd", "target_prep"):
            for word in row.get(key, []):
                assert word == word.lower(), f"line {number}: {key} {word!r} is not lowercase"


def test_pos():
    for number, row in _rows():
        assert row.get("pos", "VERB") in {"VERB", "NOUN"}, f"line {number}: pos {row.get('pos')!r}"


def test_no_duplicate_constraint_sets():
    seen = {}
    for number, row in _rows():
        for lemma in row["lemma"]:
            key = (row.get("pos", "VERB"), lemma, row.get("particle"), frozenset(row.get("prep", [])),
                   frozenset(row.get("object", [])), frozenset(row.get("oprd", [])),
                   frozenset(row.get("subject", [])), row.get("clause", False))
            assert key not in seen, f"line {number}: {lemma!r} has the same constraints as line {seen[key]}"
            seen[key] = number


def test_no_shadowed_objects():
    """Two patterns that differ only in their object lists must not share an object word for one lemma:
    the later one would silently never win for that word."""
    seen = {}
    for number, row in _rows():
        for lemma in row["lemma"]:
            key = (row.get("pos", "VERB"), lemma, row.get("particle"), frozenset(row.get("prep", [])),
                   frozenset(row.get("oprd", [])), bool(row.get("object")), frozenset(row.get("subject", [])),
                   row.get("clause", False))
            for word in row.get("object", []):
                assert (key, word) not in seen, (
                    f"line {number}: {lemma!r} + object {word!r} already used on line {seen[(key, word)]}")
                seen[(key, word)] = number


def test_all_roots_covered():
    roots = {row["code"][:2] for _, row in _rows()}
    missing = {f"{n:02d}" for n in range(1, 21)} - roots
    assert not missing, f"no patterns for roots {sorted(missing)}"


def test_source_roles_and_object_classes_are_known():
    roles = {row["role"] for row in csv.DictReader(open(VERBS.parent / "actors" / "roles.csv", encoding="utf-8"))}
    for number, row in _rows():
        assert set(row.get("source_roles", [])) <= roles | {""}, f"line {number}: unknown role in source_roles"
        classes = {w for w in row.get("object", []) if w.startswith("@")}
        assert classes <= {"@organisation", "@country", "@capital"}, f"line {number}: unknown object class {classes}"

