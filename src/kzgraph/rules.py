"""Reasoning that scales: the OWL 2 RL rules for the axioms the ontology uses, written as
SPARQL UPDATE and run in Oxigraph until they add nothing more.

The rules read the axioms from the ontology (in a named graph of its own), not from code,
so a new subclass or inverse in ``ontology/kzgraph.ttl`` is followed without a change here:

============  ================================================================
cax-sco       ``rdfs:subClassOf``: a member of a class is a member of its superclasses
prp-spo1      ``rdfs:subPropertyOf``: a statement holds for the super-property too
prp-spo2      ``owl:propertyChainAxiom`` of two properties
prp-inv1/2    ``owl:inverseOf``, both ways
prp-symp      ``owl:SymmetricProperty``
prp-dom/rng   ``rdfs:domain`` and ``rdfs:range`` (a range gives a class to IRIs only)
cax-dw/adc    ``owl:disjointWith`` and ``owl:AllDisjointClasses``: reported, not inferred
============  ================================================================

What comes out is what :func:`kzgraph.reason.expand` (owlrl, the reference) keeps for these
axioms: new triples about kzgraph's own nodes, none asserted, none trivial.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
from kzgraph.namespaces import KZD
from kzgraph.reason import ReasoningResult
from kzgraph.triplestore import GRAPH_ASSERTED, GRAPH_INFERRED, GraphStore, load_file, to_rdflib

GRAPH_ONTOLOGY = ox.NamedNode("https://kzgraph.org/graph/ontology")
MAX_ROUNDS = 50
"""Rounds after which the fixpoint is given up as a sign of a broken rule."""

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
DELTAS = (ox.NamedNode("https://kzgraph.org/graph/reasoning-delta-0"),
          ox.NamedNode("https://kzgraph.org/graph/reasoning-delta-1"))
"""The triples new in the last round, and those of this round: the two swap roles each round."""
_GRAPHS = {"asserted": GRAPH_ASSERTED.value, "inferred": GRAPH_INFERRED.value, "ontology": GRAPH_ONTOLOGY.value}

RULES = {
    "cax-sco": ("?x a ?super",
                "GRAPH <{ontology}> {{ ?class rdfs:subClassOf ?super FILTER(isIRI(?super)) }} "
                "GRAPH <{delta}> {{ ?x a ?class }}"),
    "prp-spo1": ("?x ?super ?y",
                 "GRAPH <{ontology}> {{ ?p rdfs:subPropertyOf ?super FILTER(isIRI(?super)) }} "
                 "GRAPH <{delta}> {{ ?x ?p ?y }}"),
    "prp-spo2-first": ("?x ?p ?z", "{chain} GRAPH <{delta}> {{ ?x ?p1 ?y }} ?y ?p2 ?z"),
    "prp-spo2-second": ("?x ?p ?z", "{chain} ?x ?p1 ?y GRAPH <{delta}> {{ ?y ?p2 ?z }}"),
    "prp-inv1": ("?y ?q ?x",
                 "GRAPH <{ontology}> {{ ?p owl:inverseOf ?q }} GRAPH <{delta}> {{ ?x ?p ?y FILTER(!isLiteral(?y)) }}"),
    "prp-inv2": ("?y ?p ?x",
                 "GRAPH <{ontology}> {{ ?p owl:inverseOf ?q }} GRAPH <{delta}> {{ ?x ?q ?y FILTER(!isLiteral(?y)) }}"),
    "prp-symp": ("?y ?p ?x",
                 "GRAPH <{ontology}> {{ ?p a owl:SymmetricProperty }} "
                 "GRAPH <{delta}> {{ ?x ?p ?y FILTER(!isLiteral(?y)) }}"),
    "prp-dom": ("?x a ?class",
                "GRAPH <{ontology}> {{ ?p rdfs:domain ?class FILTER(isIRI(?class)) }} GRAPH <{delta}> {{ ?x ?p ?y }}"),
    "prp-rng": ("?y a ?class",
                "GRAPH <{ontology}> {{ ?p rdfs:range ?class FILTER(isIRI(?class)) }} "
                "GRAPH <{delta}> {{ ?x ?p ?y FILTER(!isLiteral(?y)) }}"),
}
"""Rule name -> (what it adds, when): the two halves of a SPARQL INSERT ... WHERE. Each rule
reads one premise from the triples new in the last round (``{delta}``, semi-naive evaluation);
the chain rule, with two premises, is written twice. Other premises read the default graph,
asserted and inferred triples together."""

_CHAIN = ("GRAPH <{ontology}> {{ ?p owl:propertyChainAxiom ?chain . ?chain rdf:first ?p1 ; rdf:rest ?rest . "
          "?rest rdf:first ?p2 ; rdf:rest rdf:nil }}")
_INSERT = """INSERT {{ GRAPH <{next}> {{ {head} }} GRAPH <{inferred}> {{ {head} }} }}
USING <{asserted}> USING <{inferred}>
USING NAMED <{ontology}> USING NAMED <{delta}> USING NAMED <{asserted}> USING NAMED <{inferred}>
WHERE {{ {body}
  FILTER NOT EXISTS {{ GRAPH <{asserted}> {{ {head} }} }}
  FILTER NOT EXISTS {{ GRAPH <{inferred}> {{ {head} }} }} }}"""

_KEEP = f"""DELETE {{ GRAPH <{GRAPH_INFERRED.value}> {{ ?s ?p ?o }} }}
WHERE {{ GRAPH <{GRAPH_INFERRED.value}> {{ ?s ?p ?o }}
  FILTER(isBlank(?s) || !STRSTARTS(STR(?s), "{KZD}") || isBlank(?o)
         || (?p = rdf:type && ?o IN (owl:Thing, rdfs:Resource, owl:NamedIndividual))
         || (?p IN (owl:sameAs, <https://kzgraph.org/ontology#engagedWith>,
                    <https://kzgraph.org/ontology#metWith>) && ?s = ?o)
         || EXISTS {{ GRAPH <{GRAPH_ONTOLOGY.value}> {{ ?s ?p ?o }} }}) }}"""
"""Drops what owlrl's results also leave out (see kzgraph.reason._keep) and what the ontology
states (no rule adds an asserted triple)."""

_DISJOINT = f"""SELECT DISTINCT ?a ?b WHERE {{ GRAPH <{GRAPH_ONTOLOGY.value}> {{
  {{ ?a owl:disjointWith ?b }} UNION
  {{ ?all a owl:AllDisjointClasses ; owl:members ?list .
     ?list rdf:rest* ?at . ?at rdf:first ?a . ?at rdf:rest+/rdf:first ?b }}
  FILTER(isIRI(?a) && isIRI(?b)) }} }}"""
"""Pairs of disjoint classes in the ontology."""


def materialize(asserted: GraphStore, ontology: Path | str) -> ReasoningResult:
    """Run the rules on the asserted triples of asserted with the ontology file, to a fixpoint.

    Works on a copy in memory: asserted's store is not changed.

    Returns:
        A ReasoningResult whose ``inferred`` holds the new triples about kzgraph nodes (a set
        of triples whose IRIs are plain strings: rdflib terms for a million triples would cost
        more than the reasoning), and whose ``inconsistencies`` name each node typed with two
        disjoint classes.
    """
    work = ox.Store()
    for graph in asserted.graphs:  # copied as N-Triples: Oxigraph writes and reads them in bulk
        work.load(asserted.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph),
                  format=ox.RdfFormat.N_TRIPLES, to_graph=GRAPH_ASSERTED)
    load_file(work, Path(ontology), GRAPH_ONTOLOGY)
    started = time.perf_counter()
    for round_number in range(MAX_ROUNDS):
        # the first round's new triples are the asserted ones
        delta = GRAPH_ASSERTED if round_number == 0 else DELTAS[round_number % 2]
        new = DELTAS[(round_number + 1) % 2]
        names = {**_GRAPHS, "delta": delta.value, "next": new.value}
        for head, body in RULES.values():
            work.update(_PREFIXES + _INSERT.format(head=head, body=body.format(chain=_CHAIN.format(**names), **names),
                                                   **names))
        if delta != GRAPH_ASSERTED:
            work.update(f"DROP SILENT GRAPH <{delta.value}>")
        if next(iter(work.quads_for_pattern(None, None, None, new)), None) is None:
            break
    else:
        raise RuntimeError(f"the rules did not reach a fixpoint in {MAX_ROUNDS} rounds")
    work.update(_PREFIXES + _KEEP)
    seconds = time.perf_counter() - started
    inferred = _plain_triples(work.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=GRAPH_INFERRED))
    clashes = []
    for pair in work.query(_PREFIXES + _DISJOINT):
        a, b = pair["a"], pair["b"]
        both = f"SELECT ?x WHERE {{ ?x a {a} . ?x a {b} }}"  # a and b are IRIs from the ontology
        clashes += [(row["x"].value, a.value, b.value)
                    for row in work.query(both, default_graph=[GRAPH_ASSERTED, GRAPH_INFERRED])]
    messages = tuple(f"{x} is both a {a} and a {b}, which are disjoint classes" for x, a, b in sorted(set(clashes)))
    return ReasoningResult(inferred=inferred, inconsistencies=messages, seconds=seconds)


def _plain_triples(ntriples: bytes) -> frozenset:
    """The triples of Oxigraph's N-Triples (no blank nodes), IRIs as plain strings and literals
    as rdflib Literals: read as text, without making rdflib terms of the IRIs, which would
    cost more than the reasoning."""
    triples, literal_lines = [], []
    for line in ntriples.decode("utf-8").splitlines():
        s, p, o = line.split(" ", 2)  # `<s> <p> <o> .`: IRIs hold no spaces
        if o[0] == "<":
            triples.append((s[1:-1], p[1:-1], o[1:-3]))
        else:
            literal_lines.append(line)
    literals: dict = {}
    for t in ox.parse("\n".join(literal_lines), format=ox.RdfFormat.N_TRIPLES):
        o = literals.get(t.object)
        if o is None:
            o = literals[t.object] = to_rdflib(t.object)
        triples.append((t.subject.value, t.predicate.value, o))
    return frozenset(triples)

