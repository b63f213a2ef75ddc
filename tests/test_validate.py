"""SHACL validation: the fixture conforms, every shape is broken by a fixture under
tests/data/shapes/ (each declares the exact violations it must cause), the sample graph
conforms, the data graph is never changed, and the shapes translated into SPARQL give
pySHACL's report on the fixtures, the sample and a generated graph with violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from kzgraph.errors import OntologyError
from kzgraph.shacl_sparql import Untranslatable, translate
from kzgraph.stores import load_graph
from kzgraph.synthetic import generate
from kzgraph.validate import SHAPES_NS, validate, validate_pyshacl

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
BROKEN = sorted((ROOT / "tests" / "data" / "shapes").glob("*.ttl"))
SAMPLE = ROOT / "graphs" / "kzgraph.ttl"
KZD = "https://kzgraph.org/id/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_graph(ROOT / "ontology" / "shapes.ttl")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_graph(ROOT / "ontology" / "kzgraph.ttl")


def declared(path: Path) -> set[tuple[URIRef, URIRef]]:
    """(rule, focus node) pairs a broken fixture declares in its `# violates:` lines."""
    pairs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# violates:"):
            rule, focus = line.split(":", 1)[1].split()
            pairs.add((URIRef(rule.replace("kzs:", SHAPES_NS)), URIRef(focus.replace("kzd:", KZD))))
    return pairs


def named_rules(shapes: Graph) -> set[URIRef]:
    """Every named property shape and SPARQL constraint in the shapes file."""
    rules = {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    rules |= {s for s in shapes.subjects(RDF.type, SH.SPARQLConstraint) if isinstance(s, URIRef)}
    return rules


@pytest.mark.parametrize("extra", [(), (ROOT / "tests" / "data" / "university.ttl",)], ids=["alone", "university"])
def test_validate_fixture_conforms(shapes, ontology, extra):
    report = validate(load_graph(FIXTURE, *extra), shapes, ontology)
    assert report.conforms, report.text()
    assert report.violations == ()


def test_validate_every_node_shape_targets_a_class_of_the_ontology(shapes, ontology):
    targets = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class"))}
    expected = {URIRef("https://kzgraph.org/ontology#" + n) for n in
                ("Person", "State", "Organization", "InternationalOrganization", "Post", "Visit", "Meeting",
                 "Agreement", "Place", "Article", "Sentence", "Publisher", "Office", "Term")}
    expected.add(URIRef("http://www.w3.org/2006/time#Instant"))
    assert targets == expected
    assert targets <= classes


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_validate_broken_fixture_gives_exactly_its_declared_violations(broken, shapes, ontology):
    want = declared(broken)
    assert want, f"{broken.name} declares no `# violates:` lines"
    report = validate(load_graph(FIXTURE, broken), shapes, ontology)
    assert not report.conforms
    assert {(v.rule, v.focus) for v in report.violations} == want


def test_validate_every_rule_and_every_node_shape_is_broken_by_some_fixture(shapes):
    covered = set().union(*(declared(p) for p in BROKEN))
    assert named_rules(shapes) == {rule for rule, _ in covered}
    # each node shape is broken too: some declared focus node has the shape's target class
    data = load_graph(FIXTURE, *BROKEN)
    focus_classes = {c for _, focus in covered for c in data.objects(focus, RDF.type)}
    assert set(shapes.objects(None, SH.targetClass)) <= focus_classes


def test_validate_report_text_names_the_broken_event(shapes, ontology):
    broken = ROOT / "tests" / "data" / "shapes" / "meeting.ttl"
    report = validate(load_graph(FIXTURE, broken), shapes, ontology)
    text = report.text("merged.ttl")
    assert text.startswith("merged.ttl does not conform: 4 violations on 3 nodes")
    assert 'kzd:meeting/alone "Meeting of Aigerim Sultanova" (kz:Meeting)' in text
    assert "kz:participant: a meeting needs two or more kz:participant" in text
    assert "[kzs:Meeting-participant]" in text
    assert ("  - kz:host: the host is not among the meeting's kz:participant "
            "(value: kzd:person/pedro-alves) [kzs:Meeting-hostTakesPart]") in text.splitlines()


def test_validate_does_not_change_the_graph(shapes, ontology):
    data = load_graph(FIXTURE, ROOT / "tests" / "data" / "shapes" / "visit.ttl")
    before = set(data)
    validate(data, shapes, ontology)
    assert set(data) == before


def test_validate_class_checks_need_the_ontology(shapes):
    # without the ontology, a kz:Person is not known to be a kz:Actor
    report = validate(load_graph(FIXTURE), shapes, ontology=None)
    assert not report.conforms
    assert {v.rule.rsplit("#", 1)[-1] for v in report.violations} <= {"Visit-visitor", "Meeting-participant",
                                                                     "Meeting-host"}


def test_validate_unusable_shapes_raise_ontology_error():
    bad = Graph()
    bad.parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <https://kzgraph.org/ontology#State> ;
            sh:property [ sh:path 5 ; sh:minCount 1 ] .""", format="turtle")
    with pytest.raises(OntologyError, match="cannot validate with these shapes"):
        validate(load_graph(FIXTURE), bad)


def test_sample_graph_conforms(shapes, ontology):
    if not SAMPLE.is_file():
        pytest.fail(f"{SAMPLE.relative_to(ROOT)} is missing: build it with `kzgraph build` first")
    report = validate(load_graph(SAMPLE), shapes, ontology)
    assert report.conforms, report.text(str(SAMPLE.relative_to(ROOT)))


BROKEN_GENERATED = """
kzd:meeting\\/m1 kz:host kzd:state\\/AA ; kz:date "2020-13-45"^^xsd:date ; kz:location kzd:state\\/AB .
kzd:visit\\/v2 kz:destination kzd:state\\/AC, kzd:org\\/o1 ; rdfs:label "second"@en, "dritte"@de .
kzd:person\\/p3 kz:represents kzd:article\\/f1\\/0 ; skos:altLabel "", "x" .
kzd:state\\/AA kz:isoCode "aa" .
kzd:article\\/f2\\/0 kz:position -1 ; kz:title "plain" .
kzd:agreement\\/g4 kz:party kzd:person\\/p1 ; kz:kind "a", "b" .
kzd:post\\/q9 kz:postIn kzd:state\\/AA, kzd:state\\/AB .
kzd:post\\/orphan a kz:Post ; rdfs:label "Orphan"@en .
kzd:article\\/f3\\/0\\/s1 kz:text "word" .
"""
"""Violations added to a generated graph (which has no event codes, so breaks those shapes too)."""


def results(report) -> list:
    """The results of a report's RDF, each as its sorted (predicate, object) pairs, a path
    node by its own pairs: comparable across reports, whose result nodes are blank."""
    graph = report.results_graph
    described = []
    for result in graph.objects(None, SH.result):
        pairs = []
        for p, o in graph.predicate_objects(result):
            pairs.append((p, tuple(sorted(graph.predicate_objects(o))) if isinstance(o, BNode) else o))
        described.append(tuple(sorted(pairs)))
    return sorted(described)


@pytest.mark.parametrize("source", ["broken fixtures", "sample", "generated"])
def test_validate_in_sparql_gives_pyshacl_report(source, shapes, ontology, tmp_path):
    if source == "broken fixtures":
        data = load_graph(FIXTURE, *BROKEN)
    elif source == "sample":
        data = load_graph(SAMPLE)
    else:
        path = tmp_path / "generated.ttl"
        path.write_text(generate(3000) + BROKEN_GENERATED, encoding="utf-8")
        data = load_graph(path)
    ours, reference = validate(data, shapes, ontology), validate_pyshacl(data, shapes, ontology)
    assert ours.conforms == reference.conforms == (source == "sample")
    assert ours.violations == reference.violations
    assert ours.labels == reference.labels
    assert ours.text() == reference.text()
    assert results(ours) == results(reference)
    if source == "generated":
        rules = {v.rule.rsplit("#", 1)[-1] for v in ours.violations}
        assert {"date", "Visit-destination", "Meeting-hostTakesPart", "Post-holder", "Person-represents",
                "State-isoCode", "position", "altLabel", "label", "Article-title", "Sentence-text", "kind",
                "Post-postIn", "Agreement-party", "location", "cameoCode"} <= rules
        from_file = validate(path, shapes, ROOT / "ontology" / "kzgraph.ttl")
        assert from_file.violations == ours.violations and from_file.labels == ours.labels


def test_validate_translates_every_shape_of_the_shapes_file(shapes):
    checks = translate(shapes)
    assert {c.constraint or c.shape for c in checks} == named_rules(shapes)


def test_validate_shapes_beyond_the_translation_go_to_pyshacl(ontology):
    shapes = Graph()
    shapes.parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix kz: <https://kzgraph.org/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass kz:State ;
            sh:property [ sh:path kz:isoCode ; sh:maxLength 1 ; sh:message "short" ] .""", format="turtle")
    with pytest.raises(Untranslatable):
        translate(shapes)
    report = validate(load_graph(FIXTURE), shapes, ontology)
    assert not report.conforms
    assert {v.message for v in report.violations} == {"short"}
    assert report.violations == validate_pyshacl(load_graph(FIXTURE), shapes, ontology).violations
