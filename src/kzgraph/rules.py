"""Reasoning that scales: the OWL 2 RL rules for the axioms the ontology uses, applied in
Python to sets of the store's triples until they add nothing more.

The rules read the axioms from the ontology, not from code, so a new subclass or inverse in
``ontology/kzgraph.ttl`` is followed without a change here:

============  ================================================================
cax-sco       ``rdfs:subClassOf``: a member of a class is a member of its superclasses
prp-spo1      ``rdfs:subPropertyOf``: a statement holds for the super-property too
prp-spo2      ``owl:propertyChainAxiom`` of two properties
prp-inv1/2    ``owl:inverseOf``, both ways
prp-symp      ``owl:SymmetricProperty``
prp-dom/rng   ``rdfs:domain`` and ``rdfs:range`` (a range gives a class to IRIs only)
cax-dw/adc    ``owl:disjointWith`` and ``owl:AllDisjointClasses``: reported, not inferred
============  ================================================================

Terms are kept as Oxigraph writes them in N-Triples (``<iri>``, ``"text"@en``, ``_:b``), so
a million triples are read without making a term object of each. Each round applies the
rules to the triples new in the last round only (semi-naive evaluation). What comes out is
what :func:`kzgraph.reason.expand` (owlrl, the reference) keeps for these axioms: new triples
about kzgraph's own nodes, none asserted, none in the ontology, none trivial.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, count, repeat
from pathlib import Path

import numpy
import pyoxigraph as ox

from kzgraph.namespaces import KZ, KZD
from kzgraph.reason import ReasoningResult
from kzgraph.triplestore import GRAPH_ASSERTED, GraphStore, load_file, read_ntriples, to_rdflib
from kzgraph.turtle import NumberedTriples

MAX_ROUNDS = 50
"""Rounds after which the fixpoint is given up as a sign of a broken rule."""

_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_TRIVIAL_TYPES = frozenset({"<http://www.w3.org/2002/07/owl#Thing>", "<http://www.w3.org/2000/01/rdf-schema#Resource>",
                            "<http://www.w3.org/2002/07/owl#NamedIndividual>"})
_REFLEXIVE_NOISE = frozenset({"<http://www.w3.org/2002/07/owl#sameAs>", f"<{KZ.engagedWith}>", f"<{KZ.metWith}>"})
_KZD = f"<{KZD}"

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
_AXIOMS = {
    "subclass": "SELECT ?a ?b WHERE { ?a rdfs:subClassOf ?b FILTER(isIRI(?a) && isIRI(?b)) }",
    "subproperty": "SELECT ?a ?b WHERE { ?a rdfs:subPropertyOf ?b FILTER(isIRI(?a) && isIRI(?b)) }",
    "inverse": "SELECT ?a ?b WHERE { ?a owl:inverseOf ?b FILTER(isIRI(?a) && isIRI(?b)) }",
    "symmetric": "SELECT ?a ?b WHERE { ?a a owl:SymmetricProperty BIND(?a AS ?b) FILTER(isIRI(?a)) }",
    "domain": "SELECT ?a ?b WHERE { ?a rdfs:domain ?b FILTER(isIRI(?a) && isIRI(?b)) }",
    "range": "SELECT ?a ?b WHERE { ?a rdfs:range ?b FILTER(isIRI(?a) && isIRI(?b)) }",
    "chain": """SELECT ?p ?a ?b WHERE { ?p owl:propertyChainAxiom ?chain . ?chain rdf:first ?a ; rdf:rest ?rest .
                ?rest rdf:first ?b ; rdf:rest rdf:nil FILTER(isIRI(?p) && isIRI(?a) && isIRI(?b)) }""",
    "disjoint": """SELECT DISTINCT ?a ?b WHERE {
                { ?a owl:disjointWith ?b } UNION
                { ?all a owl:AllDisjointClasses ; owl:members ?list .
                  ?list rdf:rest* ?at . ?at rdf:first ?a . ?at rdf:rest+/rdf:first ?b }
                FILTER(isIRI(?a) && isIRI(?b)) }""",
}
"""The axioms the rules follow, as pairs (a chain: the property and its two links)."""


@dataclass
class Axioms:
    """The ontology's axioms, terms in N-Triples form: each maps a term to what it implies."""

    superclasses: dict = field(default_factory=lambda: defaultdict(set))
    superproperties: dict = field(default_factory=lambda: defaultdict(set))
    inverses: dict = field(default_factory=lambda: defaultdict(set))
    symmetric: set = field(default_factory=set)
    domains: dict = field(default_factory=lambda: defaultdict(set))
    ranges: dict = field(default_factory=lambda: defaultdict(set))
    chains: list = field(default_factory=list)  # (property, first link, second link)
    disjoint: list = field(default_factory=list)  # (class, class)
    triples: frozenset = frozenset()  # every triple of the ontology
    numbered_triples: dict = field(default_factory=dict)  # see ``numbered``

    def numbered(self, number: dict[str, int]) -> Axioms:
        """The axioms with each class a term's number in number (which makes the missing
        ones), predicates left as they are; ``triples`` become, by predicate, the (subject,
        object) numbers of the ontology's triples about a kzgraph node whose terms are
        numbered (only those could be inferred)."""
        def classes(implied: dict) -> dict:
            return {a: {number[b] for b in bs} for a, bs in implied.items()}

        stated = defaultdict(set)
        for s, p, o in self.triples:
            if s.startswith(_KZD) and s in number and o in number:
                stated[p].add((number[s], number[o]))
        return replace(self, superclasses={number[a]: bs for a, bs in classes(self.superclasses).items()},
                       domains=classes(self.domains), ranges=classes(self.ranges),
                       disjoint=[(number[a], number[b]) for a, b in self.disjoint], triples=frozenset(),
                       numbered_triples=dict(stated))


def read_axioms(ontology: Path | str) -> Axioms:
    """The axioms of an ontology file."""
    store = ox.Store()
    load_file(store, Path(ontology), GRAPH_ASSERTED)
    found = {name: [tuple(str(term) for term in row) for row in
                    store.query(_PREFIXES + query, default_graph=GRAPH_ASSERTED)]
             for name, query in _AXIOMS.items()}
    dump = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=GRAPH_ASSERTED)
    axioms = Axioms(chains=found["chain"], disjoint=found["disjoint"], symmetric={a for a, _ in found["symmetric"]},
                    triples=frozenset(map(tuple, _rows(dump))))
    for name, target in (("subclass", axioms.superclasses), ("subproperty", axioms.superproperties),
                         ("domain", axioms.domains), ("range", axioms.ranges)):
        for a, b in found[name]:
            target[a].add(b)
    for a, b in found["inverse"]:
        axioms.inverses[a].add(b)
        axioms.inverses[b].add(a)
    return axioms


def materialize(asserted: GraphStore | Path | str, ontology: Path | str) -> ReasoningResult:
    """Run the rules on the triples of asserted (a store, only read, or an RDF file) with the
    ontology file, to a fixpoint.

    Returns:
        A ReasoningResult whose ``inferred`` holds the new triples about kzgraph nodes (a set
        of triples whose IRIs are plain strings: rdflib terms for a million triples would cost
        more than the reasoning), and whose ``inconsistencies`` name each node typed with two
        disjoint classes.

    Raises:
        StoreError: asserted is a file that is missing or not valid RDF.
    """
    result = materialize_ntriples(asserted, ontology)
    return replace(result, inferred=_plain(result.inferred))


def materialize_ntriples(asserted: GraphStore | Path | str, ontology: Path | str) -> ReasoningResult:
    """``materialize`` with the inferred triples as ``NumberedTriples``, which
    ``kzgraph.turtle.ntriples_turtle_chunks`` writes without making a term object of each.

    Raises:
        StoreError: asserted is a file that is missing or not valid RDF.
    """
    if isinstance(asserted, GraphStore):
        dumps = [asserted.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in asserted.graphs]
    else:
        dumps = read_ntriples(Path(asserted))
    facts: dict[str, set] = defaultdict(set)
    number = defaultdict(count().__next__)  # a number for each term, in the order met
    for dump in dumps:
        for s, p, o in _rows(dump):
            facts[p].add((number[s], number[o]))
    del dumps
    stated = sum(map(len, facts.values()))
    axioms = read_axioms(ontology).numbered(number)
    terms = list(number)
    started = time.perf_counter()
    literals = {n for n, term in enumerate(terms) if term[0] == '"'}
    kept = _kept(_closure(facts, axioms, literals), axioms, terms)
    seconds = time.perf_counter() - started
    members = defaultdict(set)
    for x, c in facts.get(_TYPE, ()):
        members[c].add(x)
    clashes = {(terms[x], terms[a], terms[b]) for a, b in axioms.disjoint
               for x in members.get(a, set()) & members.get(b, set())}
    messages = tuple(f"{x[1:-1]} is both a {a[1:-1]} and a {b[1:-1]}, which are disjoint classes"
                     for x, a, b in sorted(clashes))
    return ReasoningResult(inferred=NumberedTriples(terms, kept), inconsistencies=messages, seconds=seconds,
                           asserted=stated)


def _closure(facts: dict[str, set], axioms: Axioms, literals: set[int]) -> list[dict[str, set]]:
    """Add to facts (predicate -> (subject, object) pairs of term numbers) all that the rules
    infer from them (literals: the numbers of literals); what each round added (none of it in
    facts before, so no pair twice)."""
    firsts = {a for _, a, _ in axioms.chains}
    seconds_ = {b for _, _, b in axioms.chains}
    by_object = {p: _index(facts.get(p, ()), 1) for p in firsts}  # first link: its subjects by object
    by_subject = {p: _index(facts.get(p, ()), 0) for p in seconds_}  # second link: objects by subject
    delta = dict(facts)
    rounds = []
    for _ in range(MAX_ROUNDS):
        derived: dict[str, set] = defaultdict(set)
        for p, pairs in delta.items():
            for q in axioms.superproperties.get(p, ()):
                derived[q] |= pairs
            if p == _TYPE:
                for x, c in pairs:
                    for d in axioms.superclasses.get(c, ()):
                        derived[_TYPE].add((x, d))
            turned = None
            if p in axioms.inverses or p in axioms.symmetric:
                turned = {(y, x) for x, y in pairs if y not in literals}
                for q in axioms.inverses.get(p, ()):
                    derived[q] |= turned
                if p in axioms.symmetric:
                    derived[p] |= turned
            if p in axioms.domains:  # each subject once, however many objects it has
                subjects = {x for x, _ in pairs}
                for c in axioms.domains[p]:
                    derived[_TYPE].update(zip(subjects, repeat(c)))
            if p in axioms.ranges:
                objects = {y for _, y in pairs} - literals
                for c in axioms.ranges[p]:
                    derived[_TYPE].update(zip(objects, repeat(c)))
            for chained, first, second in axioms.chains:
                if p == first:
                    after = by_subject[second]
                    derived[chained].update((x, z) for x, y in pairs for z in after.get(y, ()))
                if p == second:
                    before = by_object[first]
                    derived[chained].update((x, z) for y, z in pairs for x in before.get(y, ()))
        delta = {}
        for p, pairs in derived.items():
            fresh = pairs - facts[p]
            if fresh:
                facts[p] |= fresh
                delta[p] = fresh
                if p in by_object:
                    _index(fresh, 1, by_object[p])
                if p in by_subject:
                    _index(fresh, 0, by_subject[p])
        if not delta:
            return rounds
        rounds.append(delta)
    raise RuntimeError(f"the rules did not reach a fixpoint in {MAX_ROUNDS} rounds")


def _index(pairs, key: int, index: dict | None = None) -> dict:
    """pairs grouped by their term at position key (0: subject, 1: object), into index."""
    index = defaultdict(set) if index is None else index
    for pair in pairs:
        index[pair[key]].add(pair[1 - key])
    return index


def _kept(rounds: list[dict[str, set]], axioms: Axioms, terms: list[str]) -> dict[str, numpy.ndarray]:
    """The inferred triples (what the rounds of the closure added) worth keeping (as
    kzgraph.reason._keep), by predicate as arrays of (subject, object) numbers: not in the
    ontology, about a kzgraph node, the object no blank node, not trivial."""
    def marks(test: Callable[[str], bool]) -> numpy.ndarray:
        return numpy.fromiter(map(test, terms), bool, len(terms))

    ours, blank = marks(lambda term: term.startswith(_KZD)), marks(lambda term: term[0] == "_")
    trivial = marks(_TRIVIAL_TYPES.__contains__)
    found: dict[str, list] = defaultdict(list)
    for added in rounds:
        for p, fresh in added.items():
            pairs = numpy.fromiter(chain.from_iterable(fresh), numpy.int64, 2 * len(fresh)).reshape(-1, 2)
            keep = ours[pairs[:, 0]] & ~blank[pairs[:, 1]]
            if p == _TYPE:
                keep &= ~trivial[pairs[:, 1]]
            elif p in _REFLEXIVE_NOISE:
                keep &= pairs[:, 0] != pairs[:, 1]
            found[p].append(pairs[keep])
    kept = {p: numpy.concatenate(parts) for p, parts in found.items()}
    for p in axioms.numbered_triples.keys() & kept.keys():  # the ontology may say something of a kzgraph node
        stated = [s * len(terms) + o for s, o in axioms.numbered_triples[p]]
        kept[p] = kept[p][~numpy.isin(kept[p][:, 0] * len(terms) + kept[p][:, 1], stated)]
    return {p: pairs for p, pairs in kept.items() if len(pairs)}


def _rows(ntriples: bytes) -> Iterator[list[str]]:
    """The [subject, predicate, object] of each line of Oxigraph's N-Triples, as text."""
    lines = ntriples.decode("utf-8").split(" .\n")  # Oxigraph escapes a line end in a literal
    lines.pop()  # after the last line's end
    return map(str.split, lines, repeat(" "), repeat(2))  # IRIs and blank node labels hold no spaces


def _plain(triples: NumberedTriples) -> frozenset:
    """The triples with IRIs as plain strings and literals as rdflib Literals."""
    out, literal_lines = [], []
    for s, p, o in triples:
        if o[0] == "<":
            out.append((s[1:-1], p[1:-1], o[1:-1]))
        else:
            literal_lines.append(f"{s} {p} {o} .")
    literals: dict = {}
    for t in ox.parse("\n".join(literal_lines), format=ox.RdfFormat.N_TRIPLES):
        o = literals.get(t.object)
        if o is None:
            o = literals[t.object] = to_rdflib(t.object)
        out.append((t.subject.value, t.predicate.value, o))
    return frozenset(out)
