"""SHACL validation of a kzgraph graph against ``ontology/shapes.ttl`` with pySHACL.

The data graph is never changed: pySHACL works on its own copy (``inplace=False``), into
which the ontology is mixed so that ``sh:class kz:Actor`` accepts a ``kz:Person``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kzgraph.errors import OntologyError
from kzgraph.namespaces import PREFIXES

SHAPES_NS = "https://kzgraph.org/shapes#"


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
    results_graph (Graph): pySHACL's report as RDF (sh:ValidationReport).
    labels (dict): focus node -> (label, class names), to name nodes in the text report.
    """

    conforms: bool
    violations: tuple[Violation, ...]
    results_graph: Graph
    labels: dict

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


def validate(graph: Graph, shapes: Graph, ontology: Graph | None = None) -> ValidationReport:
    """Check graph against shapes (with the ontology's classes mixed into a copy).

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
        label = graph.value(focus, RDFS.label)
        classes = tuple(sorted(o for o in graph.objects(focus, RDF.type) if isinstance(o, URIRef)))
        labels[focus] = (str(label) if isinstance(label, Literal) else None, classes)
    return ValidationReport(conforms=bool(conforms), violations=tuple(violations),
                            results_graph=results, labels=labels)
