"""SHACL validation in Oxigraph: each constraint of the shapes becomes one SPARQL query that
selects the focus nodes (and values) breaking it, so a graph of a million triples is checked
in seconds where pySHACL takes minutes.

The translation covers the part of SHACL Core that ``ontology/shapes.ttl`` uses: node shapes
with ``sh:targetClass`` and ``sh:property``, property shapes whose ``sh:path`` is an IRI or an
``sh:inversePath``, the constraints ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``,
``sh:languageIn``, ``sh:minLength``, ``sh:pattern``, ``sh:class``, ``sh:in``,
``sh:minInclusive``, ``sh:nodeKind sh:IRI`` and ``sh:or`` of ``sh:datatype``/``sh:class``,
and SPARQL constraints (``sh:sparql`` with ``sh:select``). Shapes using anything else raise
:class:`Untranslatable`, and the caller validates with pySHACL instead. The results are
pySHACL's, one for one (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

_SUBCLASS_OF = "rdf:type/rdfs:subClassOf*"
_PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")
_CASTS = {XSD.date, XSD.gYear, XSD.gYearMonth, XSD.boolean, XSD.integer}
"""Datatypes whose lexical form must be valid: a value that Oxigraph cannot cast is ill-typed."""
_PROPERTY_KEYS = {RDF.type, SH.path, SH.message, SH.name, SH.description, SH.minCount, SH.maxCount, SH.datatype,
                  SH.languageIn, SH.minLength, SH.pattern, SH.flags, SH["class"], SH["in"], SH.minInclusive,
                  SH.nodeKind, SH["or"]}
_NODE_KEYS = {RDF.type, SH.targetClass, SH.property, SH.sparql, SH.name, SH.description, RDFS.label, RDFS.comment}


class Untranslatable(Exception):
    """The shapes use a part of SHACL the translation does not cover."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: the rows it selects (?focus, and ?value when the result
    names a value) are its results, each described by the other fields."""

    query: str
    shape: URIRef
    component: URIRef
    message: Literal | None
    path: URIRef | BNode | None = None
    constraint: URIRef | None = None
    severity: URIRef = SH.Violation


def translate(shapes: Graph) -> list[Check]:
    """The checks of every node shape of shapes, in a stable order.

    Raises:
        Untranslatable: a shape uses what the translation does not cover.
    """
    checks = []
    for node_shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.targetClass))):
        if set(shapes.predicates(node_shape)) - _NODE_KEYS:
            raise Untranslatable(f"{node_shape}: {sorted(set(shapes.predicates(node_shape)) - _NODE_KEYS)}")
        targets = sorted(shapes.objects(node_shape, SH.targetClass))
        if not targets or not all(isinstance(t, URIRef) for t in targets):
            raise Untranslatable(f"{node_shape}: targets other than sh:targetClass")
        focus = "{ SELECT DISTINCT ?focus WHERE { " + " UNION ".join(
            f"{{ ?focus {_SUBCLASS_OF} {t.n3()} }}" for t in targets) + " } }"
        for shape in sorted(shapes.objects(node_shape, SH.property)):
            checks += _property_checks(shapes, shape, focus)
        for constraint in sorted(shapes.objects(node_shape, SH.sparql)):
            checks.append(_sparql_check(shapes, node_shape, constraint, focus))
    return checks


def _property_checks(shapes: Graph, shape, focus: str) -> list[Check]:
    keys = set(shapes.predicates(shape))
    if keys - _PROPERTY_KEYS or shapes.value(shape, SH.severity) is not None:
        raise Untranslatable(f"{shape}: {sorted(keys - _PROPERTY_KEYS)}")
    path = shapes.value(shape, SH.path)
    if isinstance(path, URIRef):
        values, result_path = f"?focus {path.n3()} ?value", path
    elif isinstance(path, BNode) and set(shapes.predicate_objects(path)) == {
            (SH.inversePath, shapes.value(path, SH.inversePath))} and isinstance(
            shapes.value(path, SH.inversePath), URIRef):
        values, result_path = f"?value {shapes.value(path, SH.inversePath).n3()} ?focus", path
    else:
        raise Untranslatable(f"{shape}: sh:path {path}")
    message = shapes.value(shape, SH.message)

    def check(component: URIRef, query: str) -> Check:
        return Check(_PREFIXES + query, shape, component, message, result_path)

    def failing(test: str) -> str:
        return f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} {values} FILTER(!({test})) }}"

    checks = []
    minimum = shapes.value(shape, SH.minCount)
    if minimum is not None:
        checks.append(check(SH.MinCountConstraintComponent, f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ {values} }} }} "
                                                            f"GROUP BY ?focus HAVING(COUNT(DISTINCT ?value) < {int(minimum)})"))
    maximum = shapes.value(shape, SH.maxCount)
    if maximum is not None:
        checks.append(check(SH.MaxCountConstraintComponent, f"SELECT ?focus WHERE {{ {focus} {values} }} "
                                                            f"GROUP BY ?focus HAVING(COUNT(DISTINCT ?value) > {int(maximum)})"))
    datatype = shapes.value(shape, SH.datatype)
    if datatype is not None:
        checks.append(check(SH.DatatypeConstraintComponent, failing(_datatype_test(datatype))))
    languages = shapes.value(shape, SH.languageIn)
    if languages is not None:
        tests = " || ".join(f"LANGMATCHES(LANG(?value), {Literal(str(tag)).n3()})" for tag in Collection(shapes, languages))
        checks.append(check(SH.LanguageInConstraintComponent, failing(f"isLiteral(?value) && ({tests or 'false'})")))
    length = shapes.value(shape, SH.minLength)
    if length is not None:
        checks.append(check(SH.MinLengthConstraintComponent,
                            failing(f"!isBlank(?value) && STRLEN(STR(?value)) >= {int(length)}")))
    pattern = shapes.value(shape, SH.pattern)
    if pattern is not None:
        flags = shapes.value(shape, SH.flags)
        regex = f"REGEX(STR(?value), {Literal(str(pattern)).n3()}{', ' + Literal(str(flags)).n3() if flags else ''})"
        checks.append(check(SH.PatternConstraintComponent, failing(f"!isBlank(?value) && {regex}")))
    cls = shapes.value(shape, SH["class"])
    if cls is not None:
        checks.append(check(SH.ClassConstraintComponent, failing(_class_test(cls))))
    allowed = shapes.value(shape, SH["in"])
    if allowed is not None:
        tests = " || ".join(f"sameTerm(?value, {term.n3()})" for term in Collection(shapes, allowed))
        checks.append(check(SH.InConstraintComponent, failing(tests or "false")))
    low = shapes.value(shape, SH.minInclusive)
    if low is not None:
        checks.append(check(SH.MinInclusiveConstraintComponent, failing(f"COALESCE(?value >= {low.n3()}, false)")))
    kind = shapes.value(shape, SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise Untranslatable(f"{shape}: sh:nodeKind {kind}")
        checks.append(check(SH.NodeKindConstraintComponent, failing("isIRI(?value)")))
    alternatives = shapes.value(shape, SH["or"])
    if alternatives is not None:
        checks.append(check(SH.OrConstraintComponent,
                            failing(" || ".join(_alternative(shapes, a) for a in Collection(shapes, alternatives)))))
    return checks


def _datatype_test(datatype) -> str:
    if datatype == RDF.langString:
        return "isLiteral(?value) && LANG(?value) != \"\""
    test = f"isLiteral(?value) && DATATYPE(?value) = {datatype.n3()}"
    if datatype == XSD.string:
        test += " && LANG(?value) = \"\""
    if datatype in _CASTS:
        test += f" && COALESCE(isLiteral({datatype.n3()}(STR(?value))), false)"
    return test


def _class_test(cls) -> str:
    return f"EXISTS {{ ?value {_SUBCLASS_OF} {cls.n3()} }}"


def _alternative(shapes: Graph, node) -> str:
    keys = set(shapes.predicates(node)) - {RDF.type}
    if keys == {SH.datatype}:
        return f"({_datatype_test(shapes.value(node, SH.datatype))})"
    if keys == {SH["class"]}:
        return _class_test(shapes.value(node, SH["class"]))
    raise Untranslatable(f"sh:or member with {sorted(keys)}")


def _sparql_check(shapes: Graph, node_shape, constraint, focus: str) -> Check:
    select = shapes.value(constraint, SH.select)
    if select is None or set(shapes.predicates(constraint)) - {RDF.type, SH.select, SH.message, SH.prefixes}:
        raise Untranslatable(f"{constraint}: a SPARQL constraint other than sh:select")
    prefixes = ""
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefixes += (f"PREFIX {shapes.value(declaration, SH.prefix)}: "
                         f"<{shapes.value(declaration, SH.namespace)}>\n")
    inner = str(select).replace("$this", "?focus")
    query = f"{_PREFIXES}{prefixes}SELECT DISTINCT ?focus ?value WHERE {{ {focus} {{ {inner} }} }}"
    return Check(query, node_shape, SH.SPARQLConstraintComponent, shapes.value(constraint, SH.message),
                 constraint=constraint)
