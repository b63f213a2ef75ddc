"""Canonical Turtle written directly, without rdflib's serializer.

The text is the one rdflib's ``longturtle`` serializer writes with ``canon=True``:
subjects ordered as rdflib orders them (``rdfs:Class`` members first, then by how often
the node is an object, then by IRI), ``rdf:type`` and ``rdfs:label`` before the other
predicates, objects sorted, ``PREFIX`` lines for the prefixes used. rdflib gets there by
a round trip through sorted N-Triples; writing the text in one pass is many times faster.

Only graphs of IRIs and of literals whose form is plain here are handled (no blank nodes,
no floats or decimals, no typed literals among several objects of a predicate, nor
tagged ones unless all of them have one language tag,
no predicate lacking a prefix); ``canonical_turtle`` returns None for anything else, and
the caller falls back on rdflib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD, NamespaceManager

_INDENT = "    "
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_NUMERIC = frozenset({XSD.double, XSD.decimal, XSD.float, OWL.rational})
_INTEGER, _BOOLEAN = XSD.integer, XSD.boolean
_SKOLEM = "/.well-known/genid/"
_TYPE, _LABEL, _NIL, _CLASS = str(RDF.type), str(RDFS.label), str(RDF.nil), str(RDFS.Class)


class _Unsupported(Exception):
    """The graph holds something this writer leaves to rdflib."""


class _Names:
    """Prefixed names of IRIs (given as plain strings), and the prefixes they use."""

    def __init__(self, manager: NamespaceManager) -> None:
        self.manager = manager
        self.prefixes: dict[str, str] = {}
        self._names: dict[str, str | None] = {}
        self._verbs: dict[str, str | None] = {}
        self._labels: dict[str, str] = {}
        self._verb_labels: dict[str, str] = {}

    def pname(self, iri: str, verb: bool = False) -> str | None:
        """``prefix:local`` for iri, or None when it has none (it is written ``<iri>``)."""
        names = self._verbs if verb else self._names
        if iri not in names:
            names[iri] = self._compute(iri, verb)
        return names[iri]

    def _compute(self, iri: str, verb: bool) -> str | None:
        if _SKOLEM in iri:
            raise _Unsupported
        try:
            prefix, namespace, local = self.manager.compute_qname(iri, generate=False)
        except KeyError:
            if verb:  # rdflib would make up a prefix for it
                raise _Unsupported from None
            return None
        except Exception:  # not a valid or splittable IRI
            return None
        local = _LONE_PERCENT.sub("\\%", local.replace("(", "\\(").replace(")", "\\)"))
        if local.endswith("."):
            return None
        if prefix.startswith("_") or self.prefixes.get(prefix, namespace) != namespace:
            raise _Unsupported  # rdflib would rename the prefix
        self.prefixes[prefix] = namespace
        return f"{prefix}:{local}"

    def iri(self, iri: str, verb: bool = False) -> str:
        """How iri is written as a subject or object, or as a predicate (verb). As in rdflib,
        rdf:nil (written ``()``) still counts its prefix as used; rdf:type as ``a`` does not."""
        labels = self._verb_labels if verb else self._labels
        label = labels.get(iri)
        if label is None:
            if verb and iri == _TYPE:
                label = "a"
            else:
                label = self.pname(iri, verb)
                label = "()" if iri == _NIL else label or URIRef(iri).n3()
            labels[iri] = label
        return label

    def literal(self, node: Literal) -> str:
        """How node is written; the prefix of its datatype counts as used in any case."""
        datatype = node.datatype
        if datatype is not None:
            if datatype in _NUMERIC:
                raise _Unsupported
            name = self.pname(str(datatype)) or f"<{datatype}>"
            if datatype == _INTEGER and node.value is not None:
                return str(node)
            if datatype == _BOOLEAN and node.value is not None:
                return str(node).lower()
        text = _quote(str(node))
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^{name}" if datatype is not None else text


def _quote(text: str) -> str:
    """A Turtle string, quoted and escaped as rdflib does it."""
    if "\n" not in text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'
    escaped = text.replace("\\", "\\\\")
    if '"""' in text:
        escaped = escaped.replace('"""', '\\"\\"\\"')
    if escaped[-1] == '"' and escaped[-2] != "\\":
        escaped = escaped[:-1] + '\\"'
    return '"""' + escaped.replace("\r", "\\r") + '"""'


def canonical_turtle(triples: Iterable[tuple], manager: NamespaceManager) -> str | None:
    """The canonical Turtle of triples, prefixed names taken from manager; None when the
    graph holds something only rdflib's serializer writes the same."""
    try:
        return _write(triples, manager)
    except _Unsupported:
        return None


def _write(triples: Iterable[tuple], manager: NamespaceManager) -> str:
    # IRIs become plain strings (fast to hash and compare); literals stay Literals
    subjects: dict[str, dict[str, list]] = {}
    references: dict[str, int] = {}  # object IRI -> number of triples it is the object of
    for s, p, o in triples:
        if type(s) is not URIRef or type(p) is not URIRef:
            raise _Unsupported
        if type(o) is URIRef:
            o = str(o)
            references[o] = references.get(o, 0) + 1
        elif type(o) is not Literal:
            raise _Unsupported
        s, p = str(s), str(p)  # a URIRef never equals a plain string in a dict
        properties = subjects.get(s)
        if properties is None:
            properties = subjects[s] = {}
        objects = properties.get(p)
        if objects is None:
            properties[p] = [o]
        else:
            objects.append(o)
    names = _Names(manager)
    classes = sorted(s for s, properties in subjects.items() if _CLASS in properties.get(_TYPE, ()))
    top = set(classes)
    rest = sorted((s for s in subjects if s not in top), key=lambda s: (references.get(s, 0), s))
    body = []
    for s in classes + rest:
        body.append(f"\n{names.iri(s)}\n{_INDENT}")
        body.append(f" ;\n{_INDENT}".join(_predicate(names, p, objects)
                                           for p, objects in _ordered(subjects[s])))
        body.append(" ;\n.\n")
    # the header lists the prefixes the body has used
    header = [f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(names.prefixes.items())]
    return "".join(header + body)


def _ordered(properties: dict[str, list]) -> list[tuple[str, list]]:
    """rdf:type, rdfs:label, then the other predicates by IRI."""
    first = [p for p in (_TYPE, _LABEL) if p in properties]
    others = sorted(p for p in properties if p not in first)
    return [(p, properties[p]) for p in first + others]


def _predicate(names: _Names, predicate: str, objects: list) -> str:
    verb = names.iri(predicate, verb=True)
    if len(objects) == 1:
        return f"{verb} {_term(names, objects[0])}"
    if any(type(o) is Literal and (o.datatype is not None or o.language) for o in objects) \
            and not _one_language(objects):
        raise _Unsupported  # rdflib orders such literals by value
    labels = [_term(names, o) for o in sorted(objects, key=_object_key)]
    return f"{verb}\n{_INDENT * 2}" + f" ,\n{_INDENT * 2}".join(labels)


def _one_language(objects: list) -> bool:
    """Whether objects are all literals tagged with one language (rdflib orders them by text)."""
    first = objects[0]
    return type(first) is Literal and first.language is not None and first.datatype is None and all(
        type(o) is Literal and o.language == first.language for o in objects)


def _object_key(node: str | Literal) -> tuple[bool, str]:
    """IRIs before literals; plain literals by their text."""
    return type(node) is Literal, str(node)


def _term(names: _Names, node: str | Literal) -> str:
    return names.iri(node) if type(node) is str else names.literal(node)
