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
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD, NamespaceManager, split_uri

_INDENT = "    "
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_NUMERIC = frozenset({XSD.double, XSD.decimal, XSD.float, OWL.rational})
_INTEGER, _BOOLEAN = XSD.integer, XSD.boolean
_SKOLEM = "/.well-known/genid/"
_TYPE, _LABEL, _NIL, _CLASS = str(RDF.type), str(RDFS.label), str(RDF.nil), str(RDFS.Class)
_IRI = (URIRef, str)
"""How an IRI may be given: as an rdflib URIRef or as a plain string (a Literal is neither)."""


class _Unsupported(Exception):
    """The graph holds something this writer leaves to rdflib."""


class _Names:
    """Prefixed names of IRIs (given as plain strings), and the prefixes they use."""

    def __init__(self, manager: NamespaceManager) -> None:
        self.manager = manager
        self._bound = tuple(str(namespace) for _, namespace in manager.namespaces())
        self._splits: dict[str, tuple[str, ...]] = {}  # rdflib's split of an IRI -> bound namespaces as long
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
        if not verb and not self._may_have_prefix(iri):
            return None
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

    def _may_have_prefix(self, iri: str) -> bool:
        """False when the manager surely has no prefixed name for iri. Its name can only use a
        bound namespace that starts iri and reaches at least as far as rdflib's split of iri;
        ruling that out here spares rdflib's namespace index, which grows (slowly) with every
        new split it is asked about."""
        try:
            namespace, _ = split_uri(iri)
        except ValueError:
            return True  # rdflib's own rules for an IRI it cannot split
        candidates = self._splits.get(namespace)
        if candidates is None:
            candidates = self._splits[namespace] = tuple(b for b in self._bound if len(b) >= len(namespace))
        return any(iri.startswith(bound) for bound in candidates)

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
    """The canonical Turtle of triples (IRIs as URIRefs or plain strings, literals as
    Literals), prefixed names taken from manager; None when the graph holds something only
    rdflib's serializer writes the same."""
    chunks = canonical_turtle_chunks(triples, manager)
    return None if chunks is None else "".join(chunks)


def canonical_turtle_chunks(triples: Iterable[tuple], manager: NamespaceManager) -> Iterator[str] | None:
    """``canonical_turtle`` as pieces of text, one subject at a time, so that the whole text
    need not be held at once; None as there. Every term is named before the first piece."""
    try:
        subjects, order, names = _prepared(triples, manager)
    except _Unsupported:
        return None
    return _pieces(subjects, order, names)


def _prepared(triples: Iterable[tuple], manager: NamespaceManager) -> tuple[dict, list[str], _Names]:
    """The triples grouped by subject and predicate, the subjects in their order, and the
    names of every term (which tells the prefixes used); raises _Unsupported."""
    # IRIs become plain strings (fast to hash and compare), one for each IRI however many
    # triples name it; literals stay Literals
    strings: dict[URIRef, str] = {}
    subjects: dict[str, dict[str, list]] = {}
    references: dict[str, int] = {}  # object IRI -> number of triples it is the object of
    for s, p, o in triples:
        if type(s) is not str:
            if type(s) is not URIRef:
                raise _Unsupported
            s = strings.get(s) or strings.setdefault(s, str(s))  # a URIRef never equals a plain string in a dict
        if type(p) is not str:
            if type(p) is not URIRef:
                raise _Unsupported
            p = strings.get(p) or strings.setdefault(p, str(p))
        if type(o) in _IRI:
            if type(o) is not str:
                o = strings.get(o) or strings.setdefault(o, str(o))
            references[o] = references.get(o, 0) + 1
        elif type(o) is not Literal:
            raise _Unsupported
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
    order = classes + sorted((s for s in subjects if s not in top), key=lambda s: (references.get(s, 0), s))
    del references, top, strings
    for s in order:  # every name made (and every prefix found) before the text is written
        names.iri(s)
        for p, objects in subjects[s].items():
            names.iri(p, verb=True)
            for o in objects:
                if type(o) is str:
                    names.iri(o)
                elif o.datatype is not None or o.language:
                    if len(objects) > 1 and not _one_language(objects):
                        raise _Unsupported  # rdflib orders such literals by value
                    if o.datatype in _NUMERIC:
                        raise _Unsupported
                    if o.datatype is not None:
                        names.pname(str(o.datatype))
    return subjects, order, names


def _pieces(subjects: dict[str, dict[str, list]], order: list[str], names: _Names) -> Iterator[str]:
    # the header lists the prefixes the body uses
    yield "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(names.prefixes.items()))
    for s in order:
        yield (f"\n{names.iri(s)}\n{_INDENT}"
               + f" ;\n{_INDENT}".join(_predicate(names, p, objects) for p, objects in _ordered(subjects[s]))
               + " ;\n.\n")


def _ordered(properties: dict[str, list]) -> list[tuple[str, list]]:
    """rdf:type, rdfs:label, then the other predicates by IRI."""
    first = [p for p in (_TYPE, _LABEL) if p in properties]
    others = sorted(p for p in properties if p not in first)
    return [(p, properties[p]) for p in first + others]


def _predicate(names: _Names, predicate: str, objects: list) -> str:
    verb = names.iri(predicate, verb=True)
    if len(objects) == 1:
        return f"{verb} {_term(names, objects[0])}"
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
