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

``ntriples_turtle_chunks`` writes the same text from triples whose terms are numbers into a
table of terms written as in N-Triples (what the rules of ``kzgraph reason`` infer), naming
each distinct term once, sorting the triples as numbers that tell the place of each term
(in arrays), and making no rdflib term for each triple. ``sorted_lines_turtle`` writes it from N-Triples lines read in sorted
order, holding one subject's triples at a time (and a count for each IRI that is an
object): the subjects' pieces are put in their order on disk (``spill``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import count, groupby, repeat
from operator import floordiv, itemgetter, mod

import numpy

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD, NamespaceManager, split_uri

from kzgraph.spill import SortedRuns, split_line

_INDENT = "    "
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_NOT_IN_IRI = re.compile(r'[<>" {}|\\^`]')  # what rdflib refuses to write in an IRI
_NUMERIC = frozenset({XSD.double, XSD.decimal, XSD.float, OWL.rational})
_INTEGER, _BOOLEAN = XSD.integer, XSD.boolean
_SKOLEM = "/.well-known/genid/"
_XMLNS = "http://www.w3.org/XML/1998/namespace"  # rdflib splits IRIs in it after it, whatever follows
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
        self._reaching: dict[str, tuple[str, ...]] = {}  # an IRI to its last slash -> bound namespaces it starts
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
        after = iri[:iri.rfind("/") + 1]
        reaching = self._reaching.get(after)
        if reaching is None:  # bound namespaces that reach past the last slash of iri
            reaching = self._reaching[after] = tuple(b for b in self._bound if b.startswith(after))
        if not iri.startswith(reaching) and not iri.startswith(_XMLNS):
            return False  # rdflib's split is after that slash, past every bound namespace iri starts with
        try:
            namespace, _ = split_uri(iri)
        except ValueError:
            return True  # rdflib's own rules for an IRI it cannot split
        candidates = self._splits.get(namespace)
        if candidates is None:
            candidates = self._splits[namespace] = tuple(b for b in self._bound if len(b) >= len(namespace))
        return any(iri.startswith(bound) for bound in candidates)

    def forget(self) -> None:
        """Let go of the names made so far (not of the prefixes found), and of the manager's."""
        self._names.clear()
        self._labels.clear()
        self.manager.reset()

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
                label = "()" if iri == _NIL else label or _full_iri(iri)
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


def _full_iri(iri: str) -> str:
    """``<iri>``, or rdflib's error for an IRI it does not write."""
    return URIRef(iri).n3() if _NOT_IN_IRI.search(iri) else f"<{iri}>"


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
    del top, strings
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


# ---------------------------------------------------------------- terms as in N-Triples

_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))')
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_STRING = str(XSD.string)
_TYPE_NT, _LABEL_NT, _CLASS_NT = f"<{_TYPE}>", f"<{_LABEL}>", f"<{_CLASS}>"
_SUBJECT, _PREDICATE, _OBJECT = itemgetter(0), itemgetter(1), itemgetter(2)
_FIRST = _KEY = itemgetter(0)


@dataclass
class NumberedTriples:
    """Triples grouped by predicate, whose subjects and objects are numbers into a table of
    terms; predicates and terms are written as in N-Triples (``<iri>``, ``"text"@en``,
    ``"1"^^<datatype>``). A million triples of numbers in arrays are sorted far faster than a
    million triples of strings. Iterating gives the triples of terms."""

    terms: list[str]
    pairs: dict[str, numpy.ndarray]  # predicate -> array of (subject number, object number) rows

    @classmethod
    def of(cls, triples: Iterable[tuple[str, str, str]]) -> NumberedTriples:
        """The triples of terms, numbered."""
        number, pairs = defaultdict(count().__next__), defaultdict(list)
        for s, p, o in triples:
            pairs[p].append((number[s], number[o]))
        return cls(list(number), {p: numpy.array(found, numpy.int64) for p, found in pairs.items()})

    def __len__(self) -> int:
        return sum(map(len, self.pairs.values()))

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        terms = self.terms
        for p, pairs in self.pairs.items():
            for s, o in pairs.tolist():
                yield terms[s], p, terms[o]

    def predicate_counts(self) -> dict[str, int]:
        """How many triples each predicate has."""
        return {p: len(pairs) for p, pairs in self.pairs.items()}


def ntriples_turtle_chunks(triples: NumberedTriples, manager: NamespaceManager) -> list[str] | None:
    """``canonical_turtle_chunks`` of numbered triples: the same text, made without a term
    object for each triple; None where that gives None."""
    try:
        return _ntriples_pieces(_prepared_ntriples(triples, manager))
    except _Unsupported:
        return None


def rdflib_term(term: str) -> URIRef | BNode | Literal:
    """The rdflib term of a term written as in N-Triples (as ``kzgraph.triplestore.to_rdflib``
    gives it)."""
    if term[0] == "<":
        return URIRef(term[1:-1])
    if term[0] == "_":
        return BNode(term[2:])
    end = term.rindex('"')
    text = term[1:end]
    if "\\" in text:
        text = _ESCAPE.sub(_unescape, text)
    return _literal(text, term[end + 1:])


def n3_term(term: str) -> URIRef | BNode | Literal:
    """The rdflib term of a term as its ``n3()`` writes it: as in N-Triples, but a text
    with a line break in triple quotes."""
    if not term.startswith('"""'):
        return rdflib_term(term)
    end = term.rindex('"""')
    return _literal(_ESCAPE.sub(_unescape, term[3:end]), term[end + 3:])


def _literal(text: str, suffix: str) -> Literal:
    """The literal of text followed by suffix (``@tag``, ``^^<datatype>`` or nothing)."""
    if suffix.startswith("@"):
        return Literal(text, lang=suffix[1:])
    datatype = suffix[3:-1] if suffix else _STRING
    return Literal(text, datatype=None if datatype == _STRING else URIRef(datatype))


def _unescape(match: re.Match) -> str:
    short, long, char = match.groups()
    return _ECHARS[char] if char is not None else chr(int(short or long, 16))


@dataclass
class _Sorted:
    """Triples as numbers that sort them as the text orders them, and how each part is written.

    A triple's number is (subject's place * predicates + predicate's place) * objects + object's
    place, places in the order of the text: subjects in rdflib's order, predicates rdf:type,
    rdfs:label then by IRI, objects IRIs first, then literals by their text."""

    keys: list[int]
    subjects: list[str]  # how each subject is written, in order
    predicates: list[str]  # the same of each predicate
    objects: list[str]  # each object as in N-Triples, in order
    object_labels: list[str]
    special: list[bool]  # whether each object is a tagged or typed literal
    literals: dict  # the literals made rdflib terms (for their checks)
    names: _Names


def _prepared_ntriples(triples: NumberedTriples, manager: NamespaceManager) -> _Sorted:
    """The triples sorted and every term named (which tells the prefixes used); raises _Unsupported."""
    terms = triples.terms
    predicates = sorted(triples.pairs, key=lambda p: (p != _TYPE_NT, p != _LABEL_NT, p[1:-1]))
    if any(p[0] != "<" for p in predicates):
        raise _Unsupported
    columns = [triples.pairs[p] for p in predicates]
    every = numpy.concatenate(columns) if columns else numpy.zeros((0, 2), numpy.int64)
    references = numpy.bincount(every[:, 1], minlength=len(terms)).tolist()  # literals counted too: none is a subject
    subjects = numpy.unique(every[:, 0]).tolist()
    if any(terms[s][0] != "<" for s in subjects):
        raise _Unsupported
    typed = columns[0] if predicates and predicates[0] == _TYPE_NT else numpy.zeros((0, 2), numpy.int64)
    class_numbers = [o for o in numpy.unique(typed[:, 1]).tolist() if terms[o] == _CLASS_NT]
    classes = set(numpy.unique(typed[numpy.isin(typed[:, 1], class_numbers), 0]).tolist())
    def iri(number: int) -> str:
        return terms[number][1:-1]

    others = sorted((s for s in subjects if s not in classes), key=iri)
    others.sort(key=references.__getitem__)  # by how often each is an object (0 if never), then by IRI
    order = sorted(classes, key=iri) + others
    names = _Names(manager)
    subject_labels = [names.iri(terms[s][1:-1]) for s in order]  # every name made (and prefix found) before the text
    predicate_labels = [names.iri(p[1:-1], verb=True) for p in predicates]
    labels, texts, literals = {}, {}, {}
    objects = numpy.flatnonzero(references).tolist()
    for o in objects:
        _name_object(terms[o], names, labels, texts, literals)
    objects = sorted((o for o in objects if terms[o][0] == "<"), key=iri) + \
        sorted((o for o in objects if terms[o][0] != "<"), key=lambda o: texts[terms[o]])
    n = len(objects)
    subject_places = numpy.zeros(len(terms), numpy.int64)
    subject_places[order] = numpy.arange(len(order), dtype=numpy.int64) * (len(predicates) * n)
    object_places = numpy.zeros(len(terms), numpy.int64)
    object_places[objects] = numpy.arange(n, dtype=numpy.int64)
    numbers = numpy.concatenate([subject_places[c[:, 0]] + place * n + object_places[c[:, 1]]
                                 for place, c in enumerate(columns)]) if columns else numpy.zeros(0, numpy.int64)
    numbers.sort()
    objects = [terms[o] for o in objects]
    return _Sorted(numbers.tolist(), subject_labels, predicate_labels, objects, [labels[o] for o in objects],
                   [_tagged_or_typed(o, literals) for o in objects], literals, names)


def _ntriples_pieces(triples: _Sorted) -> list[str]:
    """The text: the prefixes, then the body; raises _Unsupported (a check left to here, where
    each predicate's objects are at hand)."""
    header = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(triples.names.prefixes.items()))
    n, width = len(triples.objects), len(triples.predicates)
    subjects, predicates, labels, special = triples.subjects, triples.predicates, triples.object_labels, triples.special
    between, among, apart = f" ;\n{_INDENT}", f" ,\n{_INDENT * 2}", f"\n{_INDENT * 2}"
    text: list[str] = []
    put = text.append
    checked = set()  # the predicates of a subject with several objects, one of them tagged or typed
    last_s = last_sp = first = gap = -1
    for sp, o in zip(map(floordiv, triples.keys, repeat(n)), map(mod, triples.keys, repeat(n))):
        if sp == last_sp:  # another object of the predicate: its objects go one a line
            text[gap] = apart
            put(among)
            put(labels[o])
            if special[o] or special[first]:
                checked.add(sp)
            continue
        s, p = divmod(sp, width)
        if s != last_s:
            if last_s >= 0:
                put(" ;\n.\n")
            put(f"\n{subjects[s]}\n{_INDENT}")
            last_s = s
        else:
            put(between)
        put(predicates[p])
        gap = len(text)
        put(" ")
        put(labels[o])
        last_sp, first = sp, o
    if text:
        put(" ;\n.\n")
    for sp in checked:  # rdflib orders literals other than of one language by value
        run = triples.keys[bisect_left(triples.keys, sp * n):bisect_left(triples.keys, (sp + 1) * n)]
        if not _one_language([triples.literals.get(o) or rdflib_term(o) for o in
                              map(triples.objects.__getitem__, map(mod, run, repeat(n)))]):
            raise _Unsupported
    return [header, "".join(text)]


def _name_object(o: str, names: _Names, labels: dict, texts: dict, literals: dict) -> None:
    """Label of object o, and the text a literal sorts by (in texts); a literal other than
    plain or tagged text without escapes goes through its rdflib term (kept in literals)."""
    if o[0] == "<":
        labels[o] = names.iri(o[1:-1])
    elif o[0] == "_":
        raise _Unsupported
    else:
        end = o.rindex('"')
        if "\\" not in o and (end == len(o) - 1 or o[end + 1] == "@"):
            labels[o] = o  # the same in Turtle (Oxigraph writes language tags in lower case)
            texts[o] = o[1:end]
        else:
            node = literals[o] = rdflib_term(o)
            labels[o] = names.literal(node)
            texts[o] = str(node)


def _tagged_or_typed(o: str, literals: dict) -> bool:
    node = literals.get(o)
    if node is not None:
        return node.datatype is not None or bool(node.language)
    return o[0] == '"' and o[-1] != '"'


# ---------------------------------------------------------------- from sorted N-Triples lines

NAMES_KEPT = 20_000  # names of IRIs remembered before they are let go
PIECES_RUN = 20_000  # subjects' pieces sorted in memory at once


def sorted_lines_turtle(lines: Callable[[], Iterable[str]], manager: NamespaceManager) -> Iterator[str] | None:
    """``canonical_turtle_chunks`` of the triples whose lines (as ``triplefile.TripleFile``
    writes them: subjects and predicates IRIs, terms as ``n3()`` writes them) lines() gives, each
    once, in sorted order (it is called twice); None where that gives None. Every piece
    is made before the first is given."""
    pieces = SortedRuns(key=_FIRST, run_items=PIECES_RUN)
    try:
        references = _references(lines())
        names = _Names(manager)
        for subject, group in groupby(map(split_line, lines()), _SUBJECT):
            pieces.add(((references.get(subject, 0), subject[1:-1]), _subject_piece(names, subject, group)))
            if len(names._labels) > NAMES_KEPT:
                names.forget()
    except _Unsupported:
        pieces.close()
        return None
    return _header_then(names, pieces)


def _references(lines: Iterable[str]) -> dict[str, int]:
    """How many triples each IRI is the object of; raises _Unsupported for a member of
    rdfs:Class (which would be written first)."""
    references: dict[str, int] = {}
    for line in lines:
        _, p, o = split_line(line)
        if o[0] == "<":
            references[o] = references.get(o, 0) + 1
            if o == _CLASS_NT and p == _TYPE_NT:
                raise _Unsupported
    return references


def _subject_piece(names: _Names, subject: str, group: Iterable[tuple[str, str, str]]) -> str:
    """The text of one subject and its triples."""
    objects_of: dict[str, list[tuple]] = {}
    for _, p, o in group:
        objects_of.setdefault(p, []).append(_object(names, o))
    parts = []
    for p in sorted(objects_of, key=lambda p: (p != _TYPE_NT, p != _LABEL_NT, p[1:-1])):
        verb = names.iri(p[1:-1], verb=True)
        objects = objects_of[p]
        if len(objects) == 1:
            parts.append(f"{verb} {objects[0][1]}")
            continue
        tags = {tag for _, _, tag in objects}
        if tags - {None} and (len(tags) > 1 or _TYPED in tags):
            raise _Unsupported  # rdflib orders such literals by value (see ``_one_language``)
        objects.sort(key=_KEY)
        parts.append(f"{verb}\n{_INDENT * 2}" + f" ,\n{_INDENT * 2}".join(label for _, label, _ in objects))
    return f"\n{names.iri(subject[1:-1])}\n{_INDENT}" + f" ;\n{_INDENT}".join(parts) + " ;\n.\n"


_TYPED = "^"


def _object(names: _Names, o: str) -> tuple[tuple[bool, str], str, str | None]:
    """How object o sorts and is written, and its language tag (``_TYPED`` for a typed
    literal, None for an IRI or plain text); see ``_name_object``."""
    if o[0] == "<":
        return (False, o[1:-1]), names.iri(o[1:-1]), None
    if o[0] == "_":
        raise _Unsupported
    end = o.rindex('"')
    if "\\" not in o and "\n" not in o and (end == len(o) - 1 or o[end + 1] == "@"):
        return (True, o[1:end]), o, o[end + 2:] or None
    node = n3_term(o)
    tag = _TYPED if node.datatype is not None else node.language
    return (True, str(node)), names.literal(node), tag


def _header_then(names: _Names, pieces: SortedRuns) -> Iterator[str]:
    try:
        yield "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(names.prefixes.items()))
        yield from (piece for _, piece in pieces)
    finally:
        pieces.close()
