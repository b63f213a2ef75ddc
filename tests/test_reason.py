"""OWL 2 RL reasoning: what it adds on the fixture (known by hand), what it must leave out,
that it never touches the inputs, a query that answers only after reasoning, and the
rules of kzgraph.rules giving owlrl's closure on the fixture, the sample and a generated graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SDO, XSD

from kzgraph.cli import cli
from kzgraph.emit import person_segment
from kzgraph.namespaces import KZ, KZD
from kzgraph.query import load_query, run_query
from kzgraph.reason import expand
from kzgraph.rules import materialize
from kzgraph.stores import load_graph, serialize_turtle
from kzgraph.synthetic import generate
from kzgraph.triplestore import load_files

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
SAMPLE = ROOT / "graphs" / "kzgraph.ttl"
SAMPLE_INFERRED = ROOT / "graphs" / "kzgraph-inferred.ttl"
QUERIES = ROOT / "queries"
ONTOLOGY = ROOT / "ontology" / "kzgraph.ttl"

AIGERIM, LARS, PEDRO = KZD["person/aigerim-sultanova"], KZD["person/lars-holm"], KZD["person/pedro-alves"]
KZ_STATE, NO_STATE, UN = KZD["state/KZ"], KZD["state/NO"], KZD["org/un"]
M1, M2, V1, V2, G1 = (KZD["meeting/m1"], KZD["meeting/m2"], KZD["visit/v1"], KZD["visit/v2"],
                      KZD["agreement/g1"])


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_graph(ROOT / "ontology" / "kzgraph.ttl")


@pytest.fixture(scope="module")
def fixture_result(ontology):
    return expand(load_graph(FIXTURE), ontology)


def test_reason_adds_class_alignments(fixture_result):
    inferred = fixture_result.inferred
    for person in (AIGERIM, LARS, PEDRO):
        assert (person, RDF.type, FOAF.Person) in inferred
        assert (person, RDF.type, SDO.Person) in inferred
        assert (person, RDF.type, KZ.Actor) in inferred
        assert (person, RDF.type, PROV.Agent) in inferred
    assert (UN, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")) in inferred
    assert (KZ_STATE, RDF.type, SDO.Country) in inferred
    for event in (M1, M2, V1, V2, G1):
        assert (event, RDF.type, KZ.Event) in inferred
        assert (event, RDF.type, SDO.Event) in inferred


def test_reason_adds_inverse_and_subproperty_links(fixture_result):
    inferred = fixture_result.inferred
    # visitor and party are sub-properties of participant; participatedIn is its inverse
    assert (V1, KZ.participant, AIGERIM) in inferred
    assert (G1, KZ.participant, NO_STATE) in inferred
    assert (AIGERIM, KZ.participatedIn, V1) in inferred
    assert (AIGERIM, KZ.participatedIn, M1) in inferred
    assert (NO_STATE, KZ.partyTo, G1) in inferred
    assert (AIGERIM, KZ.hosted, M2) in inferred
    assert (KZ_STATE, KZ.representedBy, AIGERIM) in inferred
    assert (UN, KZ.representedBy, PEDRO) in inferred
    assert (KZD["post/p1"], KZ.postHolder, AIGERIM) in inferred
    assert (KZD["article/a/0"], KZ.mentions, LARS) in inferred
    assert (KZD["article/a/0"], SDO.mentions, LARS) in inferred
    assert (M1, URIRef("http://purl.org/dc/terms/date"), Literal("2025-05-02", datatype=XSD.date)) in inferred
    assert (M1, PROV.wasDerivedFrom, KZD["article/a/0/s0"]) in inferred


def test_reason_follows_property_chains(fixture_result):
    inferred = fixture_result.inferred
    # kz:visited = inverse of kz:visitor, then kz:destination
    assert set(inferred.objects(AIGERIM, KZ.visited)) == {NO_STATE}
    assert set(inferred.objects(PEDRO, KZ.visited)) == {KZ_STATE}
    assert set(inferred.subjects(KZ.visited, None)) == {AIGERIM, PEDRO}
    # kz:engagedWith = participatedIn then participant (symmetric, no pair of a node with itself)
    assert set(inferred.objects(AIGERIM, KZ.engagedWith)) == {LARS, PEDRO}
    assert set(inferred.objects(LARS, KZ.engagedWith)) == {AIGERIM}
    assert set(inferred.objects(KZ_STATE, KZ.engagedWith)) == {NO_STATE}
    assert not [s for s, o in inferred.subject_objects(KZ.engagedWith) if s == o]


def test_reason_keeps_only_new_facts_about_kzgraph_nodes(fixture_result, ontology):
    asserted = load_graph(FIXTURE)
    inferred = fixture_result.inferred
    assert len(inferred) > 100
    for s, p, o in inferred:
        assert (s, p, o) not in asserted and (s, p, o) not in ontology
        assert isinstance(s, URIRef) and s.startswith(str(KZD)), s
        assert not isinstance(o, BNode)
        assert not (p == RDF.type and o in (OWL.Thing, RDFS.Resource))
        assert not (p == OWL.sameAs and s == o)
    assert fixture_result.inconsistencies == ()


def test_reason_never_adds_event_roles_the_texts_do_not_support(fixture_result):
    inferred = fixture_result.inferred
    # roles a scorer reads by local name: only kz:participant may be added, and only from
    # a sub-property the event already has
    for role in (KZ.represents, KZ.visitor, KZ.party, KZ.destination, KZ.host):
        assert not list(inferred.triples((None, role, None))), role
    asserted = load_graph(FIXTURE)
    for event, actor in inferred.subject_objects(KZ.participant):
        assert any((event, role, actor) in asserted for role in (KZ.visitor, KZ.party, KZ.host))
    # no event gets a second class it did not have
    for event in (M1, M2, V1, V2, G1):
        kz_classes = {c for c in asserted.objects(event, RDF.type)} | \
                     {c for c in inferred.objects(event, RDF.type) if c.startswith(str(KZ))}
        assert kz_classes - {KZ.Event} == set(asserted.objects(event, RDF.type))


def test_reason_does_not_change_its_inputs(ontology):
    asserted = load_graph(FIXTURE)
    before_a, before_o = set(asserted), set(ontology)
    expand(asserted, ontology)
    assert set(asserted) == before_a and set(ontology) == before_o


def test_reason_reports_inconsistencies(ontology):
    asserted = load_graph(FIXTURE)
    asserted.add((NO_STATE, RDF.type, KZ.Organization))  # State and Organization are disjoint
    result = expand(asserted, ontology)
    assert result.inconsistencies
    assert any("Norway" in m or "state/NO" in m or "disjoint" in m.lower() for m in result.inconsistencies)


def test_reason_only_query_answers_after_reasoning(fixture_result):
    q = load_query("visited-states-inferred", QUERIES)
    asserted = load_graph(FIXTURE)
    before = run_query(asserted, q, {"state": Literal("Norway", lang="en")})
    assert before.rows == []
    merged = asserted + fixture_result.inferred
    after = run_query(merged, q, {"state": Literal("Norway", lang="en")})
    assert [(str(r[0]), r[1]) for r in after.rows] == [("Aigerim Sultanova", AIGERIM)]
    after = run_query(merged, q, {"state": Literal("Kazakhstan", lang="en")})
    assert [r[1] for r in after.rows] == [PEDRO]


@pytest.mark.parametrize("source", ["fixture", "sample", "generated"])
def test_reason_rules_give_owlrl_closure(source, ontology, tmp_path):
    """The rules infer exactly what owlrl (the reference) keeps, from a store or a file."""
    if source == "generated":
        path = tmp_path / "generated.ttl"
        path.write_text(generate(6000), encoding="utf-8")
    else:
        path = FIXTURE if source == "fixture" else SAMPLE
    reference = expand(load_graph(path), ontology)
    ours = materialize(load_files(path), ONTOLOGY)
    assert len(reference.inferred) > len(load_graph(path)) // 5  # the standard terms are stated, not inferred
    assert {as_rdflib(triple) for triple in ours.inferred} == set(reference.inferred)
    assert len(ours.inferred) == len(reference.inferred)
    assert ours.inconsistencies == reference.inconsistencies == ()
    from_file = materialize(path, ONTOLOGY)
    assert from_file.inferred == ours.inferred and from_file.asserted == ours.asserted == len(load_graph(path))


def as_rdflib(triple: tuple) -> tuple:
    """A triple of the rules, whose IRIs are plain strings, in rdflib terms."""
    return tuple(URIRef(term) if type(term) is str else term for term in triple)


def test_reason_rules_give_iris_as_strings_and_literals_as_rdflib_terms():
    inferred = materialize(load_files(FIXTURE), ONTOLOGY).inferred
    assert (str(AIGERIM), str(KZ.visited), str(NO_STATE)) in inferred
    assert (str(M1), "http://purl.org/dc/terms/date", Literal("2025-05-02", datatype=XSD.date)) in inferred
    assert {type(term) for triple in inferred for term in triple} == {str, Literal}


def test_reason_rules_report_disjoint_classes(tmp_path):
    path = tmp_path / "clash.ttl"
    path.write_text(FIXTURE.read_text(encoding="utf-8") + "kzd:state\\/NO a kz:Organization .\n", encoding="utf-8")
    result = materialize(load_files(path), ONTOLOGY)
    assert result.inconsistencies == (
        "https://kzgraph.org/id/state/NO is both a https://kzgraph.org/ontology#State and a "
        "https://kzgraph.org/ontology#Organization, which are disjoint classes",)


def test_reason_rules_leave_the_store_as_it_was():
    store = load_files(FIXTURE)
    before = sorted(map(str, store.store))
    materialize(store, ONTOLOGY)
    assert sorted(map(str, store.store)) == before


def test_reason_cli_engines_write_the_same_bytes(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(generate(3000), encoding="utf-8")
    runner = CliRunner()
    rules = runner.invoke(cli, ["reason", str(graph)])
    assert rules.exit_code == 0, rules.output
    owl = runner.invoke(cli, ["reason", str(graph), "--engine", "owlrl", "-o", str(tmp_path / "owlrl.ttl")])
    assert owl.exit_code == 0, owl.output
    assert (tmp_path / "g-inferred.ttl").read_bytes() == (tmp_path / "owlrl.ttl").read_bytes()
    assert rules.output.splitlines()[1:] == owl.output.splitlines()[1:]


def _sample() -> Graph:
    if not SAMPLE.is_file():
        pytest.fail(f"{SAMPLE.relative_to(ROOT)} is missing: build it with `kzgraph build` first")
    return load_graph(SAMPLE)


def test_sample_reasoning_infers_what_the_texts_imply(ontology):
    sample = _sample()
    result = expand(sample, ontology)
    inferred = result.inferred
    kosherbayev = KZD["person/" + person_segment("Yermek Kosherbayev")]
    cooper = KZD["person/" + person_segment("Yvette Cooper")]
    # "As part of his visit to the United Kingdom, ... Yermek Kosherbayev" (002, 27.02.2026)
    assert (kosherbayev, KZ.visited, KZD["state/GB"]) in inferred
    assert (kosherbayev, RDF.type, FOAF.Person) in sample  # stated: the default export carries it
    # "... held a bilateral meeting with the UK Foreign Secretary Yvette Cooper"
    assert (kosherbayev, KZ.engagedWith, cooper) in inferred
    assert (cooper, KZ.engagedWith, kosherbayev) in inferred
    assert result.inconsistencies == ()


def test_sample_inferred_file_is_current(ontology):
    """graphs/kzgraph-inferred.ttl is what `kzgraph reason` gives for graphs/kzgraph.ttl today."""
    if not SAMPLE_INFERRED.is_file():
        pytest.fail(f"{SAMPLE_INFERRED.relative_to(ROOT)} is missing: run `kzgraph reason` first")
    fresh = serialize_turtle(expand(_sample(), ontology).inferred)
    assert SAMPLE_INFERRED.read_text(encoding="utf-8") == fresh
