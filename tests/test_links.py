"""Links out: every state's Wikidata item from a checked table keyed by ISO code, every
gazetteer organization's from the gazetteer, and reasoning that does not restate the graph
with those aliases."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kzgraph.errors import GazetteerError
from kzgraph.gazetteers import load_gazetteer
from kzgraph.links import WIKIDATA, parse_state_wikidata, state_wikidata
from kzgraph.namespaces import KZ, KZD
from kzgraph.reason import expand

ROOT = Path(__file__).parents[1]
HEADER = "iso\twikidata\tun_status\tname\n"


def test_links_every_gazetteer_state_has_its_wikidata_item():
    states = {line.split('"id": "')[1][:2] for line in
              (ROOT / "src/kzgraph/data/gazetteers/states.jsonl").read_text(encoding="utf-8").splitlines()}
    table = state_wikidata()
    assert set(table) == states
    assert table["KZ"] == WIKIDATA + "Q232"
    assert table["VA"] == WIKIDATA + "Q237"  # an observer


@pytest.mark.parametrize("text, problem", [
    ("iso\tqid\n", "state-wikidata.tsv:1: the header"),
    (HEADER + "KZ\tQ232\tmember\n", "state-wikidata.tsv:2: 3 fields"),
    (HEADER + "KZ\t232\tmember\tKazakhstan\n", "state-wikidata.tsv:2: not an ISO code"),
    (HEADER + "kz\tQ232\tmember\tKazakhstan\n", "state-wikidata.tsv:2: not an ISO code"),
    (HEADER + "KZ\tQ232\tfriend\tKazakhstan\n", "state-wikidata.tsv:2: not an ISO code"),
    (HEADER + "KZ\tQ232\tmember\tKazakhstan\nKG\tQ232\tmember\tKyrgyzstan\n", "state-wikidata.tsv:3: KG or Q232"),
])
def test_links_malformed_table_is_refused_naming_the_line(text, problem):
    with pytest.raises(GazetteerError) as error:
        parse_state_wikidata(text)
    assert str(error.value).startswith(problem)


@pytest.fixture(scope="module")
def sample() -> Graph:
    return Graph().parse(ROOT / "graphs" / "kzgraph.ttl")


def test_links_every_state_and_gazetteer_organization_in_the_sample_has_its_link(sample):
    gazetteer = load_gazetteer()
    states = set(sample.subjects(RDF.type, KZ.State))
    assert states
    for state in states:
        iso = str(sample.value(state, KZ.isoCode))
        assert set(sample.objects(state, OWL.sameAs)) == {URIRef(state_wikidata()[iso])}
    linked = 0
    for org in set(sample.subjects(RDF.type, KZ.Organization)):
        key = org.removeprefix(str(KZD) + "org/")
        try:
            entry = gazetteer.get("organization", key)
        except KeyError:
            assert not set(sample.objects(org, OWL.sameAs)), org  # not in the gazetteer: no link
            continue
        assert set(map(str, sample.objects(org, OWL.sameAs))) == set(entry.same_as), org
        linked += bool(entry.same_as)
    assert linked > 10


def test_links_reasoning_does_not_restate_triples_with_the_alias():
    asserted = Graph().parse(data="""
        @prefix kz: <https://kzgraph.org/ontology#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <https://kzgraph.org/id/state/KZ> a kz:State ; owl:sameAs <http://www.wikidata.org/entity/Q232> .
        <https://kzgraph.org/id/visit/v> a kz:Visit ; kz:destination <https://kzgraph.org/id/state/KZ> .
        """, format="turtle")
    inferred = expand(asserted, Graph().parse(ROOT / "ontology" / "kzgraph.ttl")).inferred
    assert len(inferred) > 0
    assert not any(URIRef(WIKIDATA + "Q232") in (s, o) for s, _, o in inferred)
