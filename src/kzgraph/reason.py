"""OWL 2 RL reasoning: what the ontology lets a reader infer from the asserted graph.

The closure is computed by owlrl on a copy of the asserted graph merged with the
ontology; the caller's graphs are never changed. What comes back is only the new
knowledge about kzgraph's own nodes (``kzd:``), so it can be stored, exported and
queried apart from what the texts assert:

- class and property alignments (a ``kz:Person`` is also a ``foaf:Person`` and a
  ``schema:Person``; ``kz:date`` is also ``dcterms:date``; ...);
- inverse properties (``kz:participatedIn``, ``kz:representedBy``, ``kz:madeVisit``, ...);
- property chains (``kz:visited``: the destination of a visit an actor made;
  ``kz:engagedWith``: two actors in one event; ``kz:represents`` from a post's owner).

Dropped as noise: anything about a blank node or about vocabulary terms (the TBox
closure), ``rdf:type owl:Thing``/``rdfs:Resource``, ``x owl:sameAs x``, a triple restated
with the outside alias (a Wikidata item) a node is ``owl:sameAs``, and the trivial
pair of an actor with itself that a chain through one event yields.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kzgraph.namespaces import KZ, KZD, bind_namespaces

if TYPE_CHECKING:
    from kzgraph.turtle import NumberedTriples

_OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
"""The vocabulary owlrl uses to report inconsistencies (``err:error`` messages)."""

_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual})
_REFLEXIVE_NOISE = frozenset({OWL.sameAs, KZ.engagedWith, KZ.metWith})


@dataclass(frozen=True)
class ReasoningResult:
    """What reasoning produced.

    inferred (Graph | frozenset | NumberedTriples): the inferred triples only, none of them
        asserted or in the ontology (a Graph from owlrl; from kzgraph.rules, a set of triples
        whose IRIs are plain strings and literals rdflib Literals, or ``NumberedTriples``).
    inconsistencies (tuple[str, ...]): owlrl's messages about contradictions (e.g. a node
        typed with two disjoint classes); empty when the graph is consistent.
    seconds (float): how long the closure took.
    asserted (int): how many distinct triples it started from.
    """

    inferred: Graph | frozenset | NumberedTriples
    inconsistencies: tuple[str, ...]
    seconds: float
    asserted: int


def expand(asserted: Graph, ontology: Graph) -> ReasoningResult:
    """Compute the OWL 2 RL closure of asserted + ontology and return only what is new.

    Args:
        asserted: the graph built from the texts (not modified).
        ontology: the kzgraph ontology (not modified).

    Returns:
        A ReasoningResult whose ``inferred`` graph holds the new triples about kzgraph nodes.
    """
    import owlrl  # imported here: it is slow to import and only reasoning needs it

    work = Graph()
    for triple in asserted:
        work.add(triple)
    for triple in ontology:
        work.add(triple)
    started = time.perf_counter()
    # improved_datatypes=False: owlrl would otherwise switch a process-global setting
    # for the duration of expand() and not restore it if the closure fails.
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, improved_datatypes=False,
                           axiomatic_triples=False, datatype_axioms=False).expand(work)
    seconds = time.perf_counter() - started

    messages = sorted({str(m) for m in work.objects(None, _OWLRL_ERRORS.error)})
    inferred = bind_namespaces(Graph())
    aliases = {o for o in asserted.objects(None, OWL.sameAs) if not str(o).startswith(str(KZD))}
    for s, p, o in work:
        if o in aliases and p != OWL.sameAs:
            continue  # a kzgraph node's triple restated with its outside alias (owl:sameAs)
        if _keep(s, p, o) and (s, p, o) not in asserted and (s, p, o) not in ontology:
            inferred.add((s, p, o))
    return ReasoningResult(inferred=inferred, inconsistencies=tuple(messages), seconds=seconds,
                           asserted=len(asserted))


def _keep(s, p, o) -> bool:
    """True for an inferred triple worth keeping: about a kzgraph node, not trivial."""
    if not isinstance(s, URIRef) or not s.startswith(str(KZD)):
        return False
    if isinstance(o, BNode) or not isinstance(o, (URIRef, Literal)):
        return False
    if p == RDF.type and o in _TRIVIAL_TYPES:
        return False
    if p in _REFLEXIVE_NOISE and s == o:
        return False
    return True
