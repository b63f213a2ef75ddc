"""The ontology as a Linked Data practitioner checks it: OWL 2 DL by the OWL API's profile
checker, every outside term declared, no state made an org:Organization, and the standard
vocabularies' types and properties in the default export without reasoning."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SDO

from kzgraph.alignment import ALIGNED_CLASSES, ALIGNED_PROPERTIES
from kzgraph.namespaces import KZ
from kzgraph.reason import expand

ROOT = Path(__file__).parents[1]
ONTOLOGY = ROOT / "ontology" / "kzgraph.ttl"
BUILT_IN = ("http://www.w3.org/2002/07/owl#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2001/XMLSchema#")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def owlapi() -> None:
    run = subprocess.run(["sh", str(ROOT / "scripts" / "ensure-owlapi.sh")], capture_output=True, text=True,
                         timeout=1800)
    if run.returncode != 0:
        pytest.fail(f"the OWL API is not available and could not be installed:\n{run.stdout}{run.stderr}")


def profile_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(ROOT / "scripts" / "owl-profile-check.sh"), str(path)],
                          capture_output=True, text=True, timeout=300)


def test_ontology_is_owl2_dl(owlapi):
    run = profile_check(ONTOLOGY)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith(": 0 OWL 2 DL profile violations")


def test_ontology_profile_check_finds_an_undeclared_outside_term(owlapi, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(ONTOLOGY.read_text(encoding="utf-8").replace(
        "schema:Country a owl:Class .", ""), encoding="utf-8")
    run = profile_check(broken)
    assert run.returncode == 1
    assert "schema.org/Country" in run.stdout
    assert run.stdout.strip().endswith(": 1 OWL 2 DL profile violations")


def test_ontology_declares_every_outside_term(ontology):
    declared = set(ontology.subjects(RDF.type, None))
    used = {t for triple in ontology for t in triple
            if isinstance(t, URIRef) and not str(t).startswith((str(KZ), *BUILT_IN)) and t != URIRef("https://kzgraph.org/ontology")}
    assert used and used <= declared, sorted(used - declared)


def _outside_supers(ontology: Graph, term: URIRef, relation: URIRef) -> set[URIRef]:
    found = set(ontology.transitive_objects(term, relation)) - {term}
    return {t for t in found if not str(t).startswith(str(KZ))}


def test_ontology_alignment_tables_are_the_ontologys_closure(ontology):
    for table, relation in ((ALIGNED_CLASSES, RDFS.subClassOf), (ALIGNED_PROPERTIES, RDFS.subPropertyOf)):
        expected = {t: _outside_supers(ontology, t, relation) for t in ontology.subjects(relation, None)
                    if str(t).startswith(str(KZ))}
        assert {t: set(v) for t, v in table.items()} == {t: v for t, v in expected.items() if v}


def test_ontology_no_state_becomes_an_org_organization(ontology):
    sample = Graph().parse(ROOT / "graphs" / "kzgraph.ttl")
    inferred = expand(sample, ontology).inferred
    everything = sample + inferred
    states = set(sample.subjects(RDF.type, KZ.State))
    assert states
    for cls in (ORG.Organization, FOAF.Organization, SDO.Organization, KZ.Organization):
        assert not {s for s in states if (s, RDF.type, cls) in everything}, cls


def test_ontology_default_export_holds_standard_terms_without_reasoning():
    sample = Graph().parse(ROOT / "graphs" / "kzgraph.ttl")
    for cls in (SDO.Person, FOAF.Person, SDO.Country, ORG.Organization, ORG.Post, SDO.Event, PROV.Entity):
        assert next(sample.subjects(RDF.type, cls), None) is not None, cls
    for prop in (PROV.wasDerivedFrom, ORG.holds, SDO.location, SDO.text):
        assert next(sample.subject_objects(prop), None) is not None, prop
    assert next(sample.subject_objects(OWL.sameAs), None) is not None
