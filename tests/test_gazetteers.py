"""Tests of the gazetteer data files and their loader (kzgraph.gazetteers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzgraph.errors import GazetteerError
from kzgraph.gazetteers import ORGANIZATION_KINDS, SERVES, Entry, Gazetteer, load_gazetteer

# The 193 member states of the United Nations, by ISO 3166-1 alpha-2 code.
UN_MEMBERS = frozenset("""
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA
NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV
UG UA AE GB US UY UZ VU VE VN YE ZM ZW
""".split())
# UN observer states, and states the gold guidelines treat as such.
OTHER_STATES = frozenset({"VA", "PS", "XK", "TW"})


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def write_jsonl(folder: Path, name: str, *records: dict | str) -> Path:
    """Write records (dicts as JSON, strings as they are) one per line into folder/name."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- packaged data


def test_gazetteers_packaged_data_loads(gaz: Gazetteer) -> None:
    assert len(gaz.entries("state")) == len(UN_MEMBERS | OTHER_STATES)
    assert len(gaz.entries("city")) >= 300
    assert len(gaz.entries("organization")) >= 250
    assert len(gaz.entries("post")) >= 100
    assert load_gazetteer() is gaz  # cached


def test_gazetteers_every_un_member_state_is_present(gaz: Gazetteer) -> None:
    assert len(UN_MEMBERS) == 193
    ids = {entry.id for entry in gaz.entries("state")}
    assert UN_MEMBERS - ids == set()


def test_gazetteers_states_are_sovereign_only(gaz: Gazetteer) -> None:
    ids = {entry.id for entry in gaz.entries("state")}
    assert ids == UN_MEMBERS | OTHER_STATES  # no territories such as Puerto Rico or Hong Kong


def test_gazetteers_entries_are_sorted_by_id(gaz: Gazetteer) -> None:
    for kind in ("state", "city", "organization", "post"):
        ids = [entry.id for entry in gaz.entries(kind)]
        assert ids == sorted(ids)
        assert len(ids) == len(set(ids))


@pytest.mark.parametrize("code,label", [
    ("GB", "United Kingdom"), ("US", "United States"), ("CN", "China"), ("IR", "Iran"),
    ("TR", "Turkiye"), ("VA", "Vatican City"), ("MK", "North Macedonia"),
    ("AE", "United Arab Emirates"), ("KR", "South Korea"), ("KP", "North Korea"),
    ("RU", "Russia"), ("CZ", "Czech Republic"), ("SY", "Syria"), ("VN", "Vietnam"),
    ("LA", "Laos"), ("MD", "Moldova"), ("BO", "Bolivia"), ("VE", "Venezuela"),
    ("TZ", "Tanzania"), ("KG", "Kyrgyzstan"), ("PS", "Palestine"), ("XK", "Kosovo"),
    ("TW", "Taiwan"), ("KZ", "Kazakhstan"),
])
def test_gazetteers_state_labels_follow_the_guidelines(gaz: Gazetteer, code: str, label: str) -> None:
    assert gaz.get("state", code).label == label


def test_gazetteers_state_entry_shape(gaz: Gazetteer) -> None:
    kz = gaz.get("state", "KZ")
    assert isinstance(kz, Entry)
    assert kz.kind == "state" and kz.alpha3 == "KAZ"
    assert kz.names[0] == "Kazakhstan"
    assert "Republic of Kazakhstan" in kz.names  # from pycountry
    assert {"Kazakh", "Kazakhstani"} <= set(kz.demonyms)
    assert {"Astana", "Nur-Sultan"} <= set(kz.capitals)
    assert "Kazakh" not in kz.names and "Astana" not in kz.names
    assert gaz.get("state", "XK").alpha3 == "XKX"


def test_gazetteers_pycountry_names_are_merged_without_catalogue_forms(gaz: Gazetteer) -> None:
    assert "Czechia" in gaz.get("state", "CZ").names
    assert "Russian Federation" in gaz.get("state", "RU").names
    assert "State of Palestine" in gaz.get("state", "PS").names  # pycountry writes "the State of Palestine"
    assert not any("," in name for name in gaz.get("state", "KR").names)  # not "Korea, Republic of"
    assert not any("(" in name for name in gaz.get("state", "VA").names)


def test_gazetteers_cities_and_organizations_refer_to_known_states(gaz: Gazetteer) -> None:
    for entry in gaz.entries("city"):
        assert gaz.get("state", entry.state)
    for entry in gaz.entries("organization"):
        assert entry.kind_detail in ORGANIZATION_KINDS
        if entry.state is not None:
            assert gaz.get("state", entry.state)
        if entry.seat is not None:
            assert gaz.get("state", entry.seat) and entry.kind_detail != "government-body"
    assert gaz.get("organization", "eu").seat == "BE" and gaz.get("organization", "un").seat == "US"


def test_gazetteers_posts_say_whom_they_serve(gaz: Gazetteer) -> None:
    assert {entry.kind_detail for entry in gaz.entries("post")} == SERVES


def test_gazetteers_same_as_are_wikidata_entities(gaz: Gazetteer) -> None:
    for kind in ("state", "organization"):
        for entry in gaz.entries(kind):
            for iri in entry.same_as:
                assert iri.startswith("http://www.wikidata.org/entity/Q"), (entry.id, iri)
    assert gaz.get("organization", "un").same_as == ("http://www.wikidata.org/entity/Q1065",)


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize("surface,code", [
    ("Kazakhstan", "KZ"), ("Republic of Kazakhstan", "KZ"), ("Great Britain", "GB"),
    ("Britain", "GB"), ("UK", "GB"), ("U.K.", "GB"), ("USA", "US"), ("U.S.", "US"),
    ("United States of America", "US"), ("America", "US"), ("Türkiye", "TR"),
    ("Turkey", "TR"), ("Korea", "KR"), ("Republic of Korea", "KR"), ("DPRK", "KP"),
    ("PRC", "CN"), ("People's Republic of China", "CN"), ("Holy See", "VA"),
    ("Vatican", "VA"), ("Kyrgyz Republic", "KG"), ("Islamic Republic of Iran", "IR"),
    ("Viet Nam", "VN"), ("Ivory Coast", "CI"), ("Swaziland", "SZ"), ("UAE", "AE"),
    ("Kingdom of Saudi Arabia", "SA"), ("Georgia", "GE"), ("Chinese Taipei", "TW"),
])
def test_gazetteers_lookup_state_by_name_or_alias(gaz: Gazetteer, surface: str, code: str) -> None:
    found = gaz.lookup("state", surface)
    assert found is not None and found.id == code


def test_gazetteers_lookup_strips_a_leading_the(gaz: Gazetteer) -> None:
    assert gaz.lookup("state", "the United States").id == "US"
    assert gaz.lookup("state", "The Kingdom of Saudi Arabia").id == "SA"
    assert gaz.lookup("organization", "the European Union").id == "eu"
    assert gaz.lookup("city", "The Hague") is None  # a capital, not a listed city
    assert gaz.city_state("The Hague").id == "NL"


def test_gazetteers_lookup_ignores_case_for_proper_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("state", "CHINA").id == "CN"
    assert gaz.lookup("state", "Republic Of Kazakhstan").id == "KZ"
    assert gaz.lookup("organization", "SHANGHAI COOPERATION ORGANIZATION").id == "sco"
    assert gaz.lookup("post", "foreign minister").id == "minister-of-foreign-affairs"


@pytest.mark.parametrize("kind,surface", [
    ("state", "us"), ("state", "Us"), ("organization", "who"), ("organization", "Who"),
    ("state", "turkey"), ("state", "china"), ("state", "chad"), ("post", "mp"),
])
def test_gazetteers_lookup_keeps_ordinary_words_out(gaz: Gazetteer, kind: str, surface: str) -> None:
    assert gaz.lookup(kind, surface) is None


def test_gazetteers_lookup_normalises_apostrophes_and_spaces(gaz: Gazetteer) -> None:
    assert gaz.lookup("state", "People\u2019s Republic of China").id == "CN"
    assert gaz.lookup("state", "  Republic  of\nKazakhstan ").id == "KZ"
    assert gaz.lookup("post", "Charg\u00e9 d\u2019Affaires").id == "charge-d-affaires"


def test_gazetteers_names_hold_both_apostrophes(gaz: Gazetteer) -> None:
    names = gaz.get("state", "CN").names
    assert names.index("People\u2019s Republic of China") == names.index("People's Republic of China") + 1
    assert "Xi\u2019an" in gaz.get("city", "xi-an").names


def test_gazetteers_lookup_unknown_is_none(gaz: Gazetteer) -> None:
    assert gaz.lookup("state", "Atlantis") is None
    assert gaz.lookup("state", "Central Asia") is None
    assert gaz.lookup("state", "") is None


@pytest.mark.parametrize("word,code", [
    ("Kazakh", "KZ"), ("Kazakhstani", "KZ"), ("Norwegian", "NO"), ("British", "GB"),
    ("American", "US"), ("Chinese", "CN"), ("Turkish", "TR"), ("Russian", "RU"),
    ("Korean", "KR"), ("South Korean", "KR"), ("North Korean", "KP"), ("Emirati", "AE"),
    ("Dutch", "NL"), ("Swiss", "CH"), ("Afghan", "AF"), ("Iraqi", "IQ"),
])
def test_gazetteers_state_by_demonym(gaz: Gazetteer, word: str, code: str) -> None:
    assert gaz.state_by_demonym(word).id == code


def test_gazetteers_ambiguous_demonyms_are_left_out(gaz: Gazetteer) -> None:
    assert gaz.state_by_demonym("Congolese") is None
    assert gaz.state_by_demonym("Guinean") is None
    assert gaz.state_by_demonym("Kazakhstan") is None  # a name, not a demonym


@pytest.mark.parametrize("word,code", [
    ("Astana", "KZ"), ("Nur-Sultan", "KZ"), ("London", "GB"), ("Washington", "US"),
    ("Beijing", "CN"), ("Ankara", "TR"), ("Kyiv", "UA"), ("Kiev", "UA"), ("Brussels", "BE"),
    ("Tashkent", "UZ"), ("Bishkek", "KG"), ("Pristina", "XK"),
])
def test_gazetteers_state_by_capital(gaz: Gazetteer, word: str, code: str) -> None:
    assert gaz.state_by_capital(word).id == code


def test_gazetteers_state_by_capital_is_not_any_city(gaz: Gazetteer) -> None:
    assert gaz.state_by_capital("Almaty") is None
    assert gaz.state_by_capital("Geneva") is None


@pytest.mark.parametrize("name,code", [
    ("Geneva", "CH"), ("Almaty", "KZ"), ("Alma-Ata", "KZ"), ("Shymkent", "KZ"), ("Aktau", "KZ"),
    ("Samarkand", "UZ"), ("Xi'an", "CN"), ("Shanghai", "CN"), ("St. Petersburg", "RU"),
    ("Sochi", "RU"), ("Dubai", "AE"), ("Istanbul", "TR"), ("New York", "US"),
    ("Davos", "CH"), ("Strasbourg", "FR"), ("Astana", "KZ"), ("Baku", "AZ"), ("Vienna", "AT"),
])
def test_gazetteers_city_state(gaz: Gazetteer, name: str, code: str) -> None:
    assert gaz.city_state(name).id == code


def test_gazetteers_city_state_unknown_is_none(gaz: Gazetteer) -> None:
    assert gaz.city_state("Kazakhstan") is None
    assert gaz.city_state("Gotham") is None


@pytest.mark.parametrize("surface,org_id", [
    ("UN", "un"), ("U.N.", "un"), ("United Nations", "un"), ("WHO", "who"),
    ("World Health Organization", "who"), ("SCO", "sco"), ("CICA", "cica"),
    ("Turkic Council", "ots"), ("Cooperation Council of Turkic-Speaking States", "ots"),
    ("EAEU", "eaeu"), ("Eurasian Economic Union", "eaeu"), ("OHCHR", "ohchr"),
    ("UN Security Council", "un-security-council"), ("UNECE", "unece"), ("IOFS", "iofs"),
    ("European Union", "eu"), ("European Council", "european-council"),
    ("State Department", "us-state-department"), ("World Bank", "world-bank"),
])
def test_gazetteers_lookup_organization(gaz: Gazetteer, surface: str, org_id: str) -> None:
    assert gaz.lookup("organization", surface).id == org_id


def test_gazetteers_organization_entry_shape(gaz: Gazetteer) -> None:
    un = gaz.get("organization", "un")
    assert un.kind == "organization" and un.kind_detail == "intergovernmental" and un.state is None
    assert un.names[:2] == ("United Nations", "UN")
    assert gaz.get("organization", "us-state-department").state == "US"


@pytest.mark.parametrize("surface,post_id,serves", [
    ("Minister of Foreign Affairs", "minister-of-foreign-affairs", "state"),
    ("Foreign Minister", "minister-of-foreign-affairs", "state"),
    ("Deputy Prime Minister", "deputy-prime-minister", "state"),
    ("First Deputy Minister of Foreign Affairs", "first-deputy-minister-of-foreign-affairs", "state"),
    ("Ambassador Extraordinary and Plenipotentiary", "ambassador-extraordinary-and-plenipotentiary", "state"),
    ("Secretary-General", "secretary-general", "organization"),
    ("Secretary General", "secretary-general", "organization"),
    ("Director-General", "director-general", "organization"),
    ("Rector", "rector", "organization"),
    ("Special Envoy", "special-envoy", "either"),
    ("President", "president", "either"),
])
def test_gazetteers_lookup_post(gaz: Gazetteer, surface: str, post_id: str, serves: str) -> None:
    post = gaz.lookup("post", surface)
    assert post.id == post_id and post.kind_detail == serves


def test_gazetteers_get_unknown_id_raises_key_error(gaz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        gaz.get("state", "QQ")
    with pytest.raises(KeyError):
        gaz.get("organization", "no-such-body")


def test_gazetteers_unknown_kind_raises_value_error(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError, match="unknown gazetteer kind"):
        gaz.entries("person")
    with pytest.raises(ValueError):
        gaz.lookup("country", "Kazakhstan")


# --------------------------------------------------------------------------- override folder


def test_gazetteers_folder_overrides_only_its_files(tmp_path: Path) -> None:
    write_jsonl(tmp_path, "posts.jsonl", {"id": "envoy", "label": "Envoy", "serves": "either", "aliases": []})
    gaz = load_gazetteer(tmp_path)
    assert [entry.id for entry in gaz.entries("post")] == ["envoy"]
    assert gaz.get("state", "KZ").label == "Kazakhstan"  # packaged
    assert load_gazetteer(str(tmp_path)) is gaz  # cached per folder


def test_gazetteers_folder_accepts_a_user_assigned_code_with_alpha3(tmp_path: Path) -> None:
    write_jsonl(tmp_path, "states.jsonl",
                {"id": "XK", "label": "Kosovo", "alpha3": "XKX"},
                {"id": "KZ", "label": "Kazakhstan", "demonyms": ["Kazakh"], "capitals": ["Astana"]})
    write_jsonl(tmp_path, "cities.jsonl", {"id": "almaty", "label": "Almaty", "state": "KZ"})
    write_jsonl(tmp_path, "organizations.jsonl", {"id": "un", "label": "United Nations", "kind": "intergovernmental"})
    gaz = load_gazetteer(tmp_path)
    assert [entry.id for entry in gaz.entries("state")] == ["KZ", "XK"]
    assert gaz.city_state("Almaty").id == "KZ"


# --------------------------------------------------------------------------- errors


STATE_KZ = {"id": "KZ", "label": "Kazakhstan", "demonyms": ["Kazakh"], "capitals": ["Astana"]}
STATE_NO = {"id": "NO", "label": "Norway", "demonyms": ["Norwegian"], "capitals": ["Oslo"]}


@pytest.mark.parametrize("file,records,line,problem", [
    ("states.jsonl", [STATE_KZ, '{"id": "NO", "label": "Norway",'], 2, "invalid JSON"),
    ("states.jsonl", ['["KZ", "Kazakhstan"]'], 1, "expected a JSON object"),
    ("states.jsonl", [{"label": "Kazakhstan"}], 1, "'id' must be a non-empty string"),
    ("states.jsonl", [{"id": "KZ", "label": "  "}], 1, "'label' must be a non-empty string"),
    ("states.jsonl", [STATE_KZ, STATE_NO, dict(STATE_KZ, label="Qazaqstan", demonyms=[], capitals=[])], 3,
     "duplicate state id 'KZ'"),
    ("states.jsonl", [{"id": "QQ", "label": "Atlantis"}], 1, "unknown ISO 3166-1 code 'QQ'"),
    ("states.jsonl", [{"id": "XK", "label": "Kosovo"}], 1, "needs 'alpha3'"),
    ("states.jsonl", [{"id": "kz", "label": "Kazakhstan"}], 1, "must be an ISO 3166-1 alpha-2 code"),
    ("states.jsonl", [{"id": "KZ", "label": "Kazakhstan", "alpha3": "KZX"}], 1, "differs from ISO's 'KAZ'"),
    ("states.jsonl", [dict(STATE_KZ, flag="blue")], 1, "unknown field 'flag'"),
    ("states.jsonl", [dict(STATE_KZ, aliases=["Qazaqstan", ""])], 1, "empty or non-string item"),
    ("states.jsonl", [dict(STATE_KZ, aliases=["Qazaqstan", 7])], 1, "empty or non-string item"),
    ("states.jsonl", [dict(STATE_KZ, aliases="Qazaqstan")], 1, "must be a list of strings"),
    ("states.jsonl", [STATE_KZ, dict(STATE_NO, aliases=["Republic of Kazakhstan"])], 2,
     "'Republic of Kazakhstan' of state NO is already used by state KZ"),
    ("states.jsonl", [STATE_KZ, dict(STATE_NO, demonyms=["kazakh"])], 2, "already used by state KZ"),
    ("states.jsonl", [STATE_KZ, dict(STATE_NO, capitals=["Astana"])], 2, "already used by state KZ"),
    ("cities.jsonl", [{"id": "almaty", "label": "Almaty", "state": "QQ"}], 1, "unknown state 'QQ'"),
    ("cities.jsonl", [{"id": "almaty", "label": "Almaty"}], 1, "'state' must be a non-empty string"),
    ("cities.jsonl", [{"id": "Almaty", "label": "Almaty", "state": "KZ"}], 1, "must be a lower-case slug"),
    ("cities.jsonl", [{"id": "astana", "label": "Astana", "state": "KZ"}], 1, "already used by state KZ"),
    ("cities.jsonl", [{"id": "almaty", "label": "Almaty", "state": "KZ"},
                      {"id": "alma-ata", "label": "Alma-Ata", "state": "KZ", "aliases": ["Almaty"]}], 2,
     "already used by city 'almaty'"),
    ("organizations.jsonl", [{"id": "un", "label": "United Nations", "kind": "club"}], 1,
     "unknown organization kind 'club'"),
    ("organizations.jsonl", [{"id": "mfa", "label": "Foreign Ministry", "kind": "government-body", "state": "QQ"}], 1,
     "unknown state 'QQ'"),
    ("organizations.jsonl", [{"id": "un", "label": "United Nations", "kind": "intergovernmental", "seat": "New York"}],
     1, "unknown state 'New York'"),
    ("organizations.jsonl", [{"id": "turkey-inc", "label": "Turkey", "kind": "company"}], 1,
     "already used by state TR"),
    ("organizations.jsonl", [{"id": "un", "label": "United Nations", "kind": "intergovernmental",
                              "same_as": ["Q1065"]}], 1, "not an http(s) IRI"),
    ("posts.jsonl", [{"id": "king", "label": "King", "serves": "people"}], 1, "'serves' must be one of"),
    ("posts.jsonl", [{"id": "king", "label": "King"}], 1, "'serves' must be a non-empty string"),
])
def test_gazetteers_error_names_file_and_line(tmp_path: Path, file: str, records: list, line: int,
                                              problem: str) -> None:
    path = write_jsonl(tmp_path, file, *records)
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer(tmp_path)
    message = str(caught.value)
    assert f"{path.name}:{line}:" in message
    assert problem in message


def test_gazetteers_error_skips_blank_lines_but_counts_them(tmp_path: Path) -> None:
    write_jsonl(tmp_path, "posts.jsonl", {"id": "king", "label": "King", "serves": "state"}, "", "{oops")
    with pytest.raises(GazetteerError, match=r"posts\.jsonl:3: invalid JSON"):
        load_gazetteer(tmp_path)


def test_gazetteers_error_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "posts.jsonl").write_bytes(b'{"id": "king", "label": "K\xe4nig", "serves": "state"}\n')
    with pytest.raises(GazetteerError, match=r"posts\.jsonl: not UTF-8"):
        load_gazetteer(tmp_path)


def test_gazetteers_error_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="not found"):
        load_gazetteer(tmp_path / "nowhere")
