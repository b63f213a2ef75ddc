"""SHACL validation of a kzgraph graph against ``ontology/shapes.ttl``.

The shapes are translated into SPARQL queries run in Oxigraph (kzgraph.shacl_sparql), which
give pySHACL's results many times faster; shapes beyond that translation are checked with
pySHACL. The data graph is never changed: the checks work on a copy into which the
ontology is mixed, so that ``sh:class kz:Actor`` accepts a ``kz:Person``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kzgraph.errors import OntologyError, StoreError
from kzgraph.namespaces import PREFIXES
from kzgraph.triplestore import GRAPH_ASSERTED, load_file, to_oxigraph, to_rdflib

SHAPES_NS = "https://kzgraph.org/shapes#"
_LABEL, _TYPE = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(RDF.type))


@dataclass(frozen=True)
class Violation:
    """One validation result.

    focus (URIRef): the node that breaks a rule.
    rule (URIRef): the shape or SPARQL constraint it breaks (e.g. kzs:Meeting-participant).
    message (str): what the rule asks for.
    path (URIRef | None): the property involved, when there is one.
    value: the offending value, when there is one.
    severity (str): Violation, Warning or Info.
    """

    focus: URIRef
    rule: URIRef
    message: str
    path: URIRef | None = None
    value: object = None
    severity: str = "Violation"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validate().

    conforms (bool): True when the graph breaks no shape.
    violations (tuple[Violation, ...]): every result, sorted by focus node and rule.
    results (Graph | _ResultsGraph): the report as RDF (sh:ValidationReport), or what makes it.
    labels (dict): focus node -> (first label, class names), to name nodes in the text report.
    """

    conforms: bool
    violations: tuple[Violation, ...]
    results: object
    labels: dict

    @property
    def results_graph(self) -> Graph:
        """The report as RDF (sh:ValidationReport), as pySHACL writes it."""
        return self.results if isinstance(self.results, Graph) else self.results.graph()

    def text(self, source: str = "the graph", namespaces: Mapping[str, str] | None = None) -> str:
        """A report for people: one block per failing node, one line per broken rule."""
        from kzgraph.query import short_term

        names = {**(namespaces or PREFIXES), "kzs": SHAPES_NS}
        if self.conforms:
            return f"{source} conforms to the shapes\n"
        by_focus: dict[URIRef, list[Violation]] = defaultdict(list)
        for violation in self.violations:
            by_focus[violation.focus].append(violation)
        count = len(self.violations)
        lines = [f"{source} does not conform: {count} violation{'s' if count != 1 else ''} "
                 f"on {len(by_focus)} node{'s' if len(by_focus) != 1 else ''}"]
        for focus, found in by_focus.items():
            label, classes = self.labels.get(focus, (None, ()))
            named = short_term(focus, names)
            if label:
                named += f' "{label}"'
            if classes:
                named += f" ({', '.join(short_term(c, names) for c in classes)})"
            lines.append(named)
            for v in found:
                where = f"{short_term(v.path, names)}: " if v.path is not None else ""
                value = f" (value: {short_term(v.value, names)})" if v.value is not None else ""
                lines.append(f"  - {where}{v.message}{value} [{short_term(v.rule, names)}]")
        return "\n".join(lines) + "\n"


def validate(graph: Graph | Path, shapes: Graph, ontology: Graph | Path | None = None) -> ValidationReport:
    """Check graph (an rdflib Graph or an RDF file) against shapes, with the ontology's
    classes mixed into a copy: in Oxigraph, each constraint a SPARQL query (see
    kzgraph.shacl_sparql), or with pySHACL when the shapes use what that does not translate.

    Raises:
        OntologyError: the shapes cannot be used.
        StoreError: graph or ontology is a file that is missing or not valid RDF.
    """
    from kzgraph.shacl_sparql import Untranslatable, translate

    try:
        checks = translate(shapes)
    except Untranslatable:
        from kzgraph.stores import load_graph

        def rdflib(source):
            return load_graph(source) if isinstance(source, (Path, str)) else source
        return validate_pyshacl(rdflib(graph), shapes, rdflib(ontology) if ontology is not None else None)
    store = ox.Store()
    for source in (graph, ontology):
        if isinstance(source, Graph):
            store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), GRAPH_ASSERTED) for s, p, o in source)
        elif source is not None:
            if not Path(source).is_file():
                raise StoreError(f"{source}: no such file")
            load_file(store, Path(source), GRAPH_ASSERTED, bulk=True)
    results = []
    for check in checks:
        try:
            rows = store.query(check.query, default_graph=GRAPH_ASSERTED)
        except SyntaxError as exc:
            raise OntologyError(f"cannot validate with these shapes: {check.shape}: {exc}") from exc
        named = "value" in [v.value for v in rows.variables]  # minCount, maxCount: no value
        results += [(check, to_rdflib(row["focus"]), to_rdflib(row["value"]) if named else None) for row in rows]
    violations = [Violation(focus=focus, rule=check.constraint or check.shape, message=str(check.message),
                            path=check.path if isinstance(check.path, URIRef) else None, value=value,
                            severity=check.severity.rsplit("#", 1)[-1]) for check, focus, value in results]
    violations.sort(key=lambda v: (str(v.focus), str(v.rule), str(v.value)))
    return ValidationReport(conforms=not violations, violations=tuple(violations),
                            results=_ResultsGraph(results, shapes),
                            labels=_labels(store, {v.focus for v in violations}))


def _labels(store: ox.Store, nodes) -> dict:
    """focus node -> (its first label or None, its classes), as ValidationReport.labels."""
    labels = {}
    for node in nodes:
        subject = to_oxigraph(node)
        names = [q.object.value for q in store.quads_for_pattern(subject, _LABEL, None, GRAPH_ASSERTED)
                 if isinstance(q.object, ox.Literal)]
        classes = tuple(sorted(URIRef(q.object.value) for q in store.quads_for_pattern(subject, _TYPE, None, GRAPH_ASSERTED)
                               if isinstance(q.object, ox.NamedNode)))
        labels[node] = (min(names, default=None), classes)
    return labels


class _ResultsGraph:
    """The SHACL validation report as RDF, as pySHACL writes it, made when first asked for."""

    def __init__(self, results: list, shapes: Graph) -> None:
        self._results, self._shapes, self._graph = results, shapes, None

    def graph(self) -> Graph:
        if self._graph is None:
            graph = Graph()
            report = BNode()
            graph.add((report, RDF.type, SH.ValidationReport))
            graph.add((report, SH.conforms, Literal(not self._results)))
            for check, focus, value in self._results:
                result = BNode()
                graph.add((report, SH.result, result))
                graph.add((result, RDF.type, SH.ValidationResult))
                graph.add((result, SH.focusNode, focus))
                graph.add((result, SH.resultMessage, check.message))
                graph.add((result, SH.resultSeverity, check.severity))
                graph.add((result, SH.sourceConstraintComponent, check.component))
                graph.add((result, SH.sourceShape, check.shape))
                if check.constraint is not None:
                    graph.add((result, SH.sourceConstraint, check.constraint))
                if value is not None:
                    graph.add((result, SH.value, value))
                if isinstance(check.path, BNode):  # copied, as pySHACL does
                    path = BNode()
                    graph.add((result, SH.resultPath, path))
                    for p, o in self._shapes.predicate_objects(check.path):
                        graph.add((path, p, o))
                elif check.path is not None:
                    graph.add((result, SH.resultPath, check.path))
            self._graph = graph
        return self._graph


def validate_pyshacl(graph: Graph, shapes: Graph, ontology: Graph | None = None) -> ValidationReport:
    """Check graph against shapes with pySHACL (the reference), the ontology mixed into a copy.

    Raises:
        OntologyError: the shapes cannot be used (pySHACL rejects them).
    """
    import pyshacl  # imported here: slow to import, only validation needs it

    try:
        conforms, results, _ = pyshacl.validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
            abort_on_first=False, allow_warnings=False, meta_shacl=False, inplace=False)
    except Exception as exc:  # pySHACL raises its own ReportableRuntimeError family
        raise OntologyError(f"cannot validate with these shapes: {exc}") from exc
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        rule = results.value(result, SH.sourceConstraint) or results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        violations.append(Violation(
            focus=focus, rule=rule, message=str(message) if message is not None else "",
            path=path if isinstance(path, URIRef) else None,
            value=results.value(result, SH.value),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"))
    violations.sort(key=lambda v: (str(v.focus), str(v.rule), str(v.value)))
    labels = {}
    for focus in {v.focus for v in violations}:
        names = [str(label) for label in graph.objects(focus, RDFS.label) if isinstance(label, Literal)]
        classes = tuple(sorted(o for o in graph.objects(focus, RDF.type) if isinstance(o, URIRef)))
        labels[focus] = (min(names, default=None), classes)
    return ValidationReport(conforms=bool(conforms), violations=tuple(violations), results=results, labels=labels)
