"""Consistency checks for the actor lexicon CSVs in detente/data/actors/.

Plain ``csv`` only, so these run without spaCy or any detente code.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "detente" / "data" / "actors"

ACTOR_TYPES = {"state", "igo", "ngo", "group", "region"}
ALIAS_KINDS = {"name", "adjective", "capital", "seat"}

# States with no usable adjective/demonym alias:
#   VAT  - the Holy See has no demonym; "Vatican" is already a name alias and works adjectivally.
#   DMA  - "Dominican" belongs to the Dominican Republic (DOM), which it names far more often.
#   COG  - "Congolese" and a bare "Congo" belong to DR Congo (COD), which they name far more often; the
#          Republic of the Congo is "Congo-Brazzaville" or "the Republic of Congo".
NO_ADJECTIVE = {"VAT", "DMA", "COG"}

# States with no capital alias:
#   city-states whose capital has the country's own name, so it is already a `name` alias:
#     SGP Singapore, MCO Monaco, SMR San Marino, VAT Vatican City, LUX Luxembourg, DJI Djibouti;
#   capitals too ambiguous to use as a metonym: SYC "Victoria", GRD "St. George's" (many places);
#   ("Georgetown", "Kingston" and "Malé" are kept: a name that goes on, "Georgetown University",
#   names no one, and "in Kingston" is a place);
#   a capital that as a metonym stands for something else: BEL "Brussels" (the EU).
NO_CAPITAL = {"SGP", "MCO", "SMR", "VAT", "LUX", "DJI", "SYC", "GRD", "BEL"}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    return _read("actors.csv")[1]


@pytest.fixture(scope="module")
def aliases() -> list[dict[str, str]]:
    return _read("aliases.csv")[1]


@pytest.fixture(scope="module")
def leaders() -> list[dict[str, str]]:
    return _read("leaders.csv")[1]


@pytest.fixture(scope="module")
def roles() -> list[dict[str, str]]:
    return _read("roles.csv")[1]


@pytest.fixture(scope="module")
def actor_codes(actors: list[dict[str, str]]) -> set[str]:
    return {r["code"] for r in actors}


# Codes from the CAMEO actor table (/work/shared/reference/cameo_actors.tsv: roles, international
# codes, known groups, religions, PLOVER sectors), copied here so the test needs nothing outside the repo.
_CAMEO_ROLE_CODES = frozenset(
    "GOV MIL COP JUD OPP REB INS SEP SPY UAF PTY AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED "
    "REF SET MOD RAD IGO IMG INT MNC NGM NGO UIS PKO UNO AMN IRC GRP REL ATH BAH BUD CHR CON HIN JAN "
    "JEW MOS PAG SIK TAO ZRO ADR ITR NRM PRM UNK JRN PRE SOC ISM".split()
)


@pytest.fixture(scope="module")
def cameo_roles() -> frozenset[str]:
    return _CAMEO_ROLE_CODES


# ---------------------------------------------------------------- headers and basic shape


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("actors.csv", ["code", "name", "type"]),
        ("aliases.csv", ["code", "alias", "kind"]),
        ("leaders.csv", ["name", "aliases", "code", "title", "valid_from", "valid_to"]),
        ("roles.csv", ["term", "role"]),
        ("regions.csv", ["region", "members"]),
        ("realms.csv", ["realm", "members"]),
    ],
)
def test_headers_exact(name: str, header: list[str]) -> None:
    fields, rows = _read(name)
    assert fields == header
    assert rows, f"{name} is empty"
    for row in rows:
        assert None not in row, f"{name}: extra fields in {row}"
        assert all(v is not None for v in row.values()), f"{name}: short row {row}"


@pytest.mark.parametrize("name", ["actors.csv", "aliases.csv", "leaders.csv", "roles.csv", "regions.csv", "realms.csv"])
def test_no_exact_duplicate_rows(name: str) -> None:
    _, rows = _read(name)
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        key = tuple(row.values())
        assert key not in seen, f"{name}: duplicate row {row}"
        seen.add(key)


@pytest.mark.parametrize("name", ["actors.csv", "aliases.csv", "leaders.csv", "roles.csv", "regions.csv", "realms.csv"])
def test_no_stray_whitespace(name: str) -> None:
    _, rows = _read(name)
    for row in rows:
        for key, value in row.items():
            assert value == value.strip(), f"{name}: whitespace around {key}={value!r}"


# ---------------------------------------------------------------- actors.csv


def test_actor_codes_unique_and_typed(actors: list[dict[str, str]]) -> None:
    codes = [r["code"] for r in actors]
    assert len(codes) == len(set(codes))
    for r in actors:
        assert r["type"] in ACTOR_TYPES, r
        assert r["name"], r
        code = r["code"]
        assert code.isupper() and code.isalnum(), r
        if r["type"] == "state":
            assert len(code) == 3, r
        elif r["type"] == "igo":
            assert code.startswith("IGO") and len(code) == 6, r
        elif r["type"] == "ngo":
            assert code.startswith("NGO") and len(code) == 6, r
        elif r["type"] == "group":
            assert len(code) == 6, r


def test_group_prefixes_are_states_or_img(actors: list[dict[str, str]]) -> None:
    states = {r["code"] for r in actors if r["type"] == "state"}
    for r in actors:
        if r["type"] == "group":
            assert r["code"][:3] in states | {"IMG"}, r


def test_un_members_and_observers_present(actors: list[dict[str, str]]) -> None:
    states = {r["code"] for r in actors if r["type"] == "state"}
    # 193 UN members + Holy See, Palestine (observers) + Taiwan + Kosovo
    assert len(states) == 197
    for code in ("USA", "RUS", "CHN", "GBR", "FRA", "PAK", "IND", "AFG", "VAT", "PSE", "TWN", "KSV",
                 "SSD", "MNE", "TLS", "KOR", "PRK", "COD", "COG"):
        assert code in states, code


def test_required_igos_and_groups(actor_codes: set[str]) -> None:
    required = """IGOUNO IGOIMF IGOWBK IGONAT IGOEEC IGOSCO IGOBRI IGOASN IGOAFU IGOARL IGOOPC IGOWTO
    IGOIAE IGOICC IGOICJ IGOWHO IGOGCC IGOOAS IGOOIC IGOCIS IGOWAS IGOSAA IGOSCE IGOCOE IGOGOS IGOGTW
    IGONON IGOITP NGOICR NGOAMN NGOHRW NGOMSF AFGTAL PAKTTP IMGISI IMGISK IMGAQD SOMSHB NGABKH
    LBNHEZ PSEHMS YEMHOU PAKLET PAKJEM TURPKK COLFAR AFGHQN""".split()
    for code in required:
        assert code in actor_codes, code


# ---------------------------------------------------------------- aliases.csv


def test_alias_codes_exist(aliases: list[dict[str, str]], actor_codes: set[str]) -> None:
    missing = {r["code"] for r in aliases} - actor_codes
    assert not missing, sorted(missing)


def test_alias_kinds(aliases: list[dict[str, str]]) -> None:
    for r in aliases:
        assert r["kind"] in ALIAS_KINDS, r
        assert r["alias"], r


def test_alias_belongs_to_one_code(aliases: list[dict[str, str]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for r in aliases:
        owners[r["alias"].strip().casefold()].add(r["code"])
    clashes = {a: sorted(c) for a, c in owners.items() if len(c) > 1}
    assert not clashes, clashes


def test_alias_not_repeated_within_code(aliases: list[dict[str, str]]) -> None:
    seen: set[tuple[str, str]] = set()
    for r in aliases:
        key = (r["code"], r["alias"])
        assert key not in seen, f"{r['alias']!r} listed twice for {r['code']}"
        seen.add(key)


def test_aliases_have_no_leading_article(aliases: list[dict[str, str]]) -> None:
    for r in aliases:
        assert not r["alias"].lower().startswith(("the ", "a ", "an ")), r


def test_every_state_has_name_adjective_capital(
    actors: list[dict[str, str]], aliases: list[dict[str, str]]
) -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for r in aliases:
        kinds[r["code"]].add(r["kind"])
    for a in actors:
        if a["type"] != "state":
            continue
        code = a["code"]
        assert "name" in kinds[code], f"{code} has no name alias"
        if code not in NO_ADJECTIVE:
            assert "adjective" in kinds[code], f"{code} has no adjective alias"
        if code not in NO_CAPITAL:
            assert "capital" in kinds[code], f"{code} has no capital alias"


def test_exemption_lists_are_tight(aliases: list[dict[str, str]]) -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for r in aliases:
        kinds[r["code"]].add(r["kind"])
    for code in NO_ADJECTIVE:
        assert "adjective" not in kinds[code], f"{code} has an adjective; drop it from NO_ADJECTIVE"
    for code in NO_CAPITAL:
        assert "capital" not in kinds[code], f"{code} has a capital; drop it from NO_CAPITAL"


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("United States", "USA"), ("US", "USA"), ("U.S.", "USA"), ("America", "USA"),
        ("American", "USA"), ("Washington", "USA"), ("White House", "USA"), ("Pentagon", "USA"),
        ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Kremlin", "RUS"), ("Moscow", "RUS"),
        ("UK", "GBR"), ("Britain", "GBR"), ("British", "GBR"), ("Downing Street", "GBR"),
        ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
        ("Burma", "MMR"), ("Myanmar", "MMR"), ("North Korea", "PRK"), ("DPRK", "PRK"),
        ("South Korea", "KOR"), ("ROK", "KOR"), ("Pakistani", "PAK"), ("Islamabad", "PAK"),
        ("Rawalpindi", "PAK"), ("New Delhi", "IND"), ("South Block", "IND"), ("Kyiv", "UKR"),
        ("Kiev", "UKR"), ("Jerusalem", "ISR"), ("Ramallah", "PSE"), ("Taipei", "TWN"),
        ("Kosovo", "KSV"), ("Congo", "COD"), ("Congo-Brazzaville", "COG"), ("DRC", "COD"), ("Georgia", "GEO"),
        ("Elysee", "FRA"), ("Zhongnanhai", "CHN"), ("Emirati", "ARE"), ("Saudi", "SAU"),
        ("United Nations", "IGOUNO"), ("UN", "IGOUNO"), ("Security Council", "IGOUNO"),
        ("NATO", "IGONAT"), ("European Union", "IGOEEC"), ("EU", "IGOEEC"), ("SCO", "IGOSCO"),
        ("BRICS", "IGOBRI"), ("IMF", "IGOIMF"), ("Taliban", "AFGTAL"), ("Afghan Taliban", "AFGTAL"),
        ("Pakistani Taliban", "PAKTTP"), ("TTP", "PAKTTP"), ("Tehreek-e-Taliban Pakistan", "PAKTTP"),
        ("Islamic State", "IMGISI"), ("ISIS", "IMGISI"), ("ISIL", "IMGISI"), ("IS", "IMGISI"),
        ("Daesh", "IMGISI"), ("ISKP", "IMGISK"), ("IS-K", "IMGISK"), ("al-Qaeda", "IMGAQD"),
        ("Hezbollah", "LBNHEZ"), ("Hamas", "PSEHMS"), ("Houthis", "YEMHOU"), ("Ansar Allah", "YEMHOU"),
        ("Lashkar-e-Taiba", "PAKLET"), ("Jaish-e-Mohammed", "PAKJEM"), ("PKK", "TURPKK"),
        ("Haqqani network", "AFGHQN"), ("Red Cross", "NGOICR"), ("Amnesty International", "NGOAMN"),
    ],
)
def test_spot_check_aliases(aliases: list[dict[str, str]], alias: str, code: str) -> None:
    owners = {r["code"] for r in aliases if r["alias"] == alias}
    assert owners == {code}, (alias, owners)


def test_all_caps_aliases_are_not_lowercase_word_collisions(aliases: list[dict[str, str]]) -> None:
    # Short all-caps aliases are matched case-sensitively; make sure nobody added their
    # lowercase/titlecase twin (e.g. "Us", "Is", "Who") by mistake.
    risky = {"us", "is", "who", "un", "it", "am", "an", "as"}
    for r in aliases:
        if r["alias"].casefold() in risky:
            assert r["alias"].isupper(), r


# ---------------------------------------------------------------- leaders.csv


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _names(row: dict[str, str]) -> set[str]:
    names = {row["name"].strip().casefold()}
    names |= {a.strip().casefold() for a in row["aliases"].split("|") if a.strip()}
    return names


def test_leader_codes_exist(leaders: list[dict[str, str]], actor_codes: set[str]) -> None:
    for r in leaders:
        code = r["code"]
        assert r["name"] and r["title"], r
        if code.startswith(("IGO", "NGO")):
            assert code in actor_codes, r
        else:
            assert len(code) == 6, r
            assert code[:3] in actor_codes, r


def test_leader_dates(leaders: list[dict[str, str]]) -> None:
    for r in leaders:
        start = _d(r["valid_from"])
        assert len(r["valid_from"]) == 10, r
        if r["valid_to"]:
            assert len(r["valid_to"]) == 10, r
            assert start <= _d(r["valid_to"]), r
        assert date(1900, 1, 1) <= start <= date(2026, 12, 31), r      # from Theodore Roosevelt on


def test_leader_aliases_well_formed(leaders: list[dict[str, str]]) -> None:
    for r in leaders:
        parts = r["aliases"].split("|") if r["aliases"] else []
        for a in parts:
            assert a and a == a.strip(), r
        assert len(parts) == len(set(parts)), r
        assert r["name"] not in parts, r
        assert "khan" not in {a.casefold() for a in parts}, r


def _overlap(a: dict[str, str], b: dict[str, str]) -> bool:
    # Inclusive at both ends, as Leader.in_office() reads the dates: a term ending on 2021-08-14
    # and one starting on 2021-08-15 do not overlap, but two that share 2021-08-15 do.
    far = date(9999, 12, 31)
    a0, b0 = _d(a["valid_from"]), _d(b["valid_from"])
    a1 = _d(a["valid_to"]) if a["valid_to"] else far
    b1 = _d(b["valid_to"]) if b["valid_to"] else far
    return max(a0, b0) <= min(a1, b1)


def test_leader_alias_never_ambiguous_across_codes(leaders: list[dict[str, str]]) -> None:
    by_alias: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in leaders:
        for n in _names(r):
            by_alias[n].append(r)
    problems = []
    for alias, rows in by_alias.items():
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a["code"] != b["code"] and _overlap(a, b):
                    problems.append((alias, a["name"], a["code"], b["name"], b["code"]))
    assert not problems, problems


def test_leader_aliases_do_not_shadow_other_entries(
    leaders: list[dict[str, str]], aliases: list[dict[str, str]], roles: list[dict[str, str]]
) -> None:
    # Leader names, actor aliases and role terms share one matcher; an identical string in two
    # tables would make the match depend on load order.
    alias_set = {r["alias"].strip().casefold() for r in aliases}
    role_set = {r["term"].strip().casefold() for r in roles}
    for r in leaders:
        for n in _names(r):
            assert n not in alias_set, (n, r["name"])
            assert n not in role_set, (n, r["name"])
    assert not alias_set & role_set, sorted(alias_set & role_set)


def test_leader_surnames_that_name_other_things_are_absent(leaders: list[dict[str, str]]) -> None:
    # A bare surname resolves to its holder even outside the term, so these would misfire on
    # "The Hague", Jerome Powell, Munir Akram, "gallant", "truss", ...
    banned = {"hague", "powell", "khan", "munir", "gallant", "truss", "saar", "kim", "lee", "park",
              "wang", "li", "singh", "moon", "yoon", "rice", "gates", "carter", "austin", "may", "brown"}
    for r in leaders:
        bad = _names(r) & banned
        assert not bad, (r["name"], bad)


def _holders(leaders: list[dict[str, str]], code: str, on: str) -> list[dict[str, str]]:
    day = _d(on)
    out = []
    for r in leaders:
        if r["code"] != code:
            continue
        end = _d(r["valid_to"]) if r["valid_to"] else date(9999, 12, 31)
        if _d(r["valid_from"]) <= day <= end:
            out.append(r)
    return out


@pytest.mark.parametrize(
    ("code", "on", "title", "alias"),
    [
        ("USAGOV", "2018-06-01", "President", "Trump"),
        ("USAGOV", "2003-03-20", "President", "Bush"),
        ("USAGOV", "2012-06-01", "President", "Obama"),
        ("USAGOV", "2022-02-24", "President", "Biden"),
        ("USAGOV", "2025-06-01", "President", "Trump"),
        ("USAGOV", "2015-06-01", "Secretary of State", "Kerry"),
        ("USAGOV", "2025-06-01", "Secretary of State", "Rubio"),
        ("USAGOV", "2025-06-01", "Secretary of Defense", "Hegseth"),
        ("PAKGOV", "2019-01-01", "Prime Minister", "Imran Khan"),
        ("PAKGOV", "2015-01-01", "Prime Minister", "Nawaz Sharif"),
        ("PAKGOV", "2025-05-10", "Prime Minister", "Shehbaz Sharif"),
        ("PAKGOV", "2005-01-01", "President", "Musharraf"),
        ("PAKMIL", "2020-01-01", "Chief of Army Staff", "Bajwa"),
        ("PAKMIL", "2025-05-10", "Chief of Army Staff", "Asim Munir"),
        ("INDGOV", "2016-10-16", "Prime Minister", "Modi"),
        ("INDGOV", "2010-01-01", "Prime Minister", "Manmohan Singh"),
        ("INDGOV", "2025-05-10", "Foreign Minister", "Jaishankar"),
        ("INDGOV", "2025-05-10", "Defence Minister", "Rajnath Singh"),
        ("RUSGOV", "2016-10-16", "President", "Putin"),
        ("RUSGOV", "2010-01-01", "President", "Medvedev"),
        ("RUSGOV", "2010-01-01", "Prime Minister", "Putin"),
        ("RUSGOV", "2016-10-16", "Foreign Minister", "Lavrov"),
        ("CHNGOV", "2016-10-16", "President", "Xi Jinping"),
        ("CHNGOV", "2008-01-01", "President", "Hu Jintao"),
        ("AFGGOV", "2010-01-01", "President", "Karzai"),
        ("AFGGOV", "2019-01-01", "President", "Ghani"),
        ("AFGGOV", "2023-01-01", "Supreme Leader", "Akhundzada"),
        ("IRNGOV", "2016-10-16", "President", "Rouhani"),
        ("ISRGOV", "2016-10-16", "Prime Minister", "Netanyahu"),
        ("UKRGOV", "2023-01-01", "President", "Zelensky"),
        ("PRKGOV", "2018-06-12", "Supreme Leader", "Kim Jong Un"),
        ("GBRGOV", "2016-10-16", "Prime Minister", "Theresa May"),
        ("FRAGOV", "2016-10-16", "President", "Hollande"),
        ("DEUGOV", "2016-10-16", "Chancellor", "Merkel"),
        ("ITAGOV", "2016-10-16", "Prime Minister", "Renzi"),
        ("JPNGOV", "2016-10-16", "Prime Minister", "Abe"),
        ("KORGOV", "2016-10-16", "President", "Park Geun-hye"),
        ("CANGOV", "2016-10-16", "Prime Minister", "Trudeau"),
        ("AUSGOV", "2016-10-16", "Prime Minister", "Turnbull"),
        ("BRAGOV", "2016-10-16", "President", "Temer"),
        ("ARGGOV", "2016-10-16", "President", "Macri"),
        ("MEXGOV", "2016-10-16", "President", "Peña Nieto"),
        ("IDNGOV", "2016-10-16", "President", "Jokowi"),
        ("ZAFGOV", "2016-10-16", "President", "Zuma"),
        ("TURGOV", "2016-10-16", "President", "Erdogan"),
        ("SAUGOV", "2016-10-16", "King", "King Salman"),
        ("IGOUNO", "2016-10-16", "Secretary-General", "Ban Ki-moon"),
        ("IGONAT", "2016-10-16", "Secretary General", "Stoltenberg"),
        ("IGOEEC", "2016-10-16", "President of the European Commission", "Juncker"),
    ],
)
def test_leader_spot_checks(
    leaders: list[dict[str, str]], code: str, on: str, title: str, alias: str
) -> None:
    rows = [r for r in _holders(leaders, code, on) if r["title"] == title]
    assert rows, f"no {title} for {code} on {on}"
    assert any(alias.casefold() in _names(r) for r in rows), (code, on, title, [r["name"] for r in rows])


G20_AND_FOCUS = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS",
    "SAU", "ZAF", "TUR", "GBR", "USA", "PAK", "AFG", "IRN", "ISR", "UKR", "PRK",
]
HEAD_TITLES = {
    "President", "Prime Minister", "Chancellor", "Premier", "King", "King and Prime Minister",
    "Supreme Leader", "Chief Executive", "Caretaker Prime Minister", "Acting President",
    "Acting Prime Minister", "Supreme Leader (Chairman of the National Defence Commission)",
    "Supreme Leader (Taliban regime)", "Chairman of the Interim Administration",
}


@pytest.mark.parametrize("country", G20_AND_FOCUS)
@pytest.mark.parametrize("on", ["2005-06-01", "2016-10-16", "2024-01-15"])
def test_head_of_government_or_state_exists(
    leaders: list[dict[str, str]], country: str, on: str
) -> None:
    rows = [r for r in _holders(leaders, country + "GOV", on) if r["title"] in HEAD_TITLES]
    assert rows, f"no head of state/government for {country} on {on}"


@pytest.mark.parametrize("country", [c for c in G20_AND_FOCUS if c != "AFG"])
@pytest.mark.parametrize("on", ["2016-10-16", "2024-01-15"])
def test_foreign_minister_exists(leaders: list[dict[str, str]], country: str, on: str) -> None:
    rows = [
        r for r in _holders(leaders, country + "GOV", on)
        if "Foreign" in r["title"] or r["title"] == "Secretary of State"
    ]
    assert rows, f"no foreign minister for {country} on {on}"


# ---------------------------------------------------------------- roles.csv


def test_role_terms_unique_and_lowercase(roles: list[dict[str, str]]) -> None:
    terms = [r["term"] for r in roles]
    assert len(terms) == len(set(terms))
    for t in terms:
        assert t == t.lower().strip() and t, t


def test_role_codes_valid(roles: list[dict[str, str]], cameo_roles: frozenset[str]) -> None:
    bad = [r for r in roles if r["role"] not in cameo_roles]
    assert not bad, bad


@pytest.mark.parametrize(
    ("term", "role"),
    [
        ("government", "GOV"), ("governments", "GOV"), ("foreign minister", "GOV"),
        ("defence minister", "GOV"), ("defense minister", "GOV"), ("secretary of state", "GOV"),
        ("officials", "GOV"), ("army", "MIL"), ("troops", "MIL"), ("armed forces", "MIL"),
        ("police", "COP"), ("security forces", "COP"), ("judge", "JUD"), ("supreme court", "JUD"),
        ("lawmakers", "LEG"), ("mps", "LEG"), ("rebels", "REB"), ("insurgents", "REB"),
        ("militants", "REB"), ("opposition", "OPP"), ("companies", "BUS"), ("journalists", "MED"),
        ("students", "EDU"), ("protesters", "CVL"), ("refugees", "REF"),
    ],
)
def test_role_spot_checks(roles: list[dict[str, str]], term: str, role: str) -> None:
    mapping = {r["term"]: r["role"] for r in roles}
    assert mapping.get(term) == role


def test_region_members_are_states_of_regions(actors: list[dict[str, str]]) -> None:
    types = {r["code"]: r["type"] for r in actors}
    for row in _read("regions.csv")[1]:
        assert types.get(row["region"]) == "region", row
        members = row["members"].split()
        assert members and len(set(members)) == len(members), row
        assert all(types.get(m) == "state" for m in members), row


def test_realm_members_are_states_in_one_realm(actors: list[dict[str, str]]) -> None:
    types = {r["code"]: r["type"] for r in actors}
    seen: set[str] = set()
    for row in _read("realms.csv")[1]:
        members = row["members"].split()
        assert row["realm"].islower() and members, row
        assert all(types.get(m) == "state" and m not in seen for m in members), row
        seen.update(members)
