"""SPARQL queries kept as ``.rq`` files: load them, bind their parameters, run them, format results.

A query file opens with comment lines::

    # title: Meetings of a person
    # description: Every meeting of a person, with its date and counterparts.
    # param: person = "Yermek Kosherbayev"@en — the person: a name (label or alternative label) or an IRI

and gives each parameter its default *inside the query*, in a one-row ``VALUES`` clause
(``VALUES ?person { "Yermek Kosherbayev"@en }``, or ``VALUES (?from ?to) { (… …) }`` for
several), so the file runs as it is in any SPARQL engine. ``--param person=...`` sets that
variable in the *parsed* query (its VALUES clause and the triple patterns that use it),
with a term typed like the default: a string stays a string, a name takes the default's
language tag (the graph's names are tagged ``@en``), ``"2024-01-01"^^xsd:date``
asks for a valid date, an IRI default asks for an IRI. User text never becomes query text.
Setting the term in the patterns also lets rdflib's planner, which orders the patterns of
a group by how many constants they hold, start from the parameter.

Entity parameters are names matched with ``rdfs:label|skos:altLabel`` (exact, case
sensitive); a value written as an IRI (``<https://…>``, ``https://…`` or ``kzd:person/…``)
is replaced by that node's ``rdfs:label``, so either a name or an IRI can be passed.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDFS, SKOS, XSD

from kzgraph.errors import KzGraphError, QueryError, QueryLimitError
from kzgraph.namespaces import PREFIXES, bind_namespaces

FORMATS = ("table", "csv", "tsv", "json")
DEFAULT_TIMEOUT = 30.0
"""Seconds a query may run before it is stopped."""
DEFAULT_MAX_ROWS = 100_000
"""Rows (or triples) a query returns at most."""
MAX_CELL = 70
"""Longest cell the table format shows before cutting it with an ellipsis."""

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<default>.+?)"
                    r"(?:\s+(?:—|--)\s+(?P<meaning>.*))?$")


@dataclass(frozen=True)
class Param:
    """A query parameter.

    name (str): the SPARQL variable it sets (without ``?``).
    default (URIRef | Literal): the value the query runs with when none is given.
    meaning (str): what it is, for ``kzgraph query --list`` and error messages.
    """

    name: str
    default: URIRef | Literal
    meaning: str = ""

    @property
    def kind(self) -> str:
        """'iri', 'string', or the local name of the default's datatype ('date', 'integer', ...)."""
        if isinstance(self.default, URIRef):
            return "iri"
        if self.default.language:
            return f"@{self.default.language}"
        datatype = self.default.datatype
        if datatype is None or datatype == XSD.string:
            return "string"
        return datatype.split("#")[-1]


@dataclass(frozen=True)
class Query:
    """A SPARQL query with its header.

    name (str): the file stem, or ``-e`` for a query given on the command line.
    text (str): the SPARQL text, header included.
    title (str), description (str): from the header (empty when missing).
    params (dict[str, Param]): declared parameters, in file order.
    form (str): SELECT, ASK, CONSTRUCT or DESCRIBE.
    source (str): where the text came from, for messages.
    """

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: dict[str, Param] = field(default_factory=dict)
    form: str = "SELECT"
    source: str = ""
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limits:
    """What a query may do.

    timeout (float | None): seconds it may run (None: no limit).
    max_rows (int | None): rows or triples it returns at most; the rest are dropped and the
        result is marked truncated (None: no cap).
    allow_service (bool): whether SERVICE may send parts of the query to other servers.
    """

    timeout: float | None = DEFAULT_TIMEOUT
    max_rows: int | None = DEFAULT_MAX_ROWS
    allow_service: bool = False


@dataclass
class QueryResult:
    """What a query returned.

    form (str): SELECT, ASK, CONSTRUCT or DESCRIBE.
    variables (list[str]): the projected variables of a SELECT, in order.
    rows (list[tuple]): one tuple of terms (None when unbound) per solution of a SELECT.
    boolean (bool | None): the answer of an ASK.
    graph (Graph | None): the triples of a CONSTRUCT or DESCRIBE.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False


# ---------------------------------------------------------------- loading

def list_queries(directory: Path) -> list[Query]:
    """Every ``*.rq`` file in directory, loaded, sorted by name."""
    return [load_query(path) for path in sorted(Path(directory).glob("*.rq"))]


def load_query(name_or_path: str | Path, directory: Path | None = None) -> Query:
    """Load a query from a file path, or by name (``meetings-of-person``) from directory.

    Raises:
        QueryError: no such query, or its text or header is not valid.
    """
    path = Path(name_or_path)
    if not path.is_file():
        stem = path.name[:-3] if path.name.endswith(".rq") else path.name
        candidate = Path(directory) / f"{stem}.rq" if directory is not None else None
        if candidate is None or str(path.parent) not in (".", "") or not candidate.is_file():
            known = sorted(p.stem for p in Path(directory).glob("*.rq")) if directory else []
            hint = f" (known queries: {', '.join(known)})" if known else ""
            raise QueryError(f"{name_or_path}: no such query file or query name{hint}")
        path = candidate
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read: {exc}") from exc
    return parse_query(text, name=path.stem, source=str(path))


def parse_query(text: str, *, name: str = "-e", source: str = "query") -> Query:
    """Read the header of a SPARQL text and check that the query parses.

    Raises:
        QueryError: the SPARQL does not parse (the message gives line and column), or a
            declared parameter has no matching one-value VALUES clause.
    """
    title, description, raw_params = "", "", []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            raw_params.append((number, value))
    prepared = _prepare(text, source)
    params: dict[str, Param] = {}
    for number, value in raw_params:
        param = _parse_param(value, prepared, f"{source}:{number}")
        if param.name in params:
            raise QueryError(f"{source}:{number}: parameter {param.name!r} is declared twice")
        params[param.name] = param
    defaults = _values_defaults(prepared.algebra)
    for param in params.values():
        found = defaults.get(param.name)
        if found is None:
            raise QueryError(f"{source}: parameter {param.name!r} needs its default in the query, in a "
                             f"one-row VALUES clause: VALUES ?{param.name} {{ {param.default.n3()} }}")
        if found != param.default or type(found) is not type(param.default):
            raise QueryError(f"{source}: parameter {param.name!r}: the header says {param.default.n3()} "
                             f"but the VALUES clause says {found.n3()}")
    form = prepared.algebra.name.replace("Query", "").upper()
    services = tuple(sorted({str(node.term) for node in _walk(prepared.algebra)
                             if node.name == "ServiceGraphPattern"}))
    return Query(name=name, text=text, title=title, description=description, params=params,
                 form=form, source=source, services=services)


def _parse_param(value: str, prepared, where: str) -> Param:
    from rdflib.util import from_n3

    match = _PARAM.match(value)
    if not match:
        raise QueryError(f"{where}: a parameter line reads `# param: name = default — meaning`")
    raw = match.group("default").strip()
    try:
        default = from_n3(raw, nsm=prepared.prologue.namespace_manager)
    except Exception as exc:  # from_n3 raises several types for a bad term
        raise QueryError(f"{where}: default {raw!r} is not a SPARQL term: {exc}") from exc
    if not isinstance(default, (URIRef, Literal)):
        raise QueryError(f"{where}: default {raw!r} must be an IRI or a literal")
    return Param(name=match.group("name"), default=default, meaning=(match.group("meaning") or "").strip())


def _prepare(text: str, source: str, values: Mapping[str, URIRef | Literal] | None = None):
    """Parse and translate text with rdflib, turning its errors into QueryError with a position.

    values (name -> term) are set before translation: in the one-row VALUES clauses of
    those variables, and in the triple patterns that use them, so that rdflib's planner
    (which orders patterns by how many constants they hold) starts from the bound ones.
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
        if values:
            _substitute(parsed, {Variable(name): term for name, term in values.items()})
        return translateQuery(parsed, initNs=PREFIXES)
    except ParseBaseException as exc:
        line = text.splitlines()[exc.lineno - 1] if 0 < exc.lineno <= len(text.splitlines()) else ""
        message = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$", "", str(exc.msg))
        found = exc.found if hasattr(exc, "found") else ""
        detail = f"{message}, found {found}" if found and "found" not in message else message
        raise QueryError(f"{source}:{exc.lineno}:{exc.col}: SPARQL syntax error: {detail}\n"
                         f"  {line}\n  {' ' * (exc.col - 1)}^") from exc
    except Exception as exc:  # rdflib raises plain Exception for e.g. an unknown prefix
        message = " ".join(str(exc).split())
        position = _position_of_prefix(text, message)
        raise QueryError(f"{source}{position}: SPARQL error: {message}") from exc


def _substitute(parsed, values: dict[Variable, URIRef | Literal]) -> None:
    """Set variables to terms in a parse tree: in one-row VALUES clauses and in the subject
    and object of triple patterns. Terms go into the tree as terms, never as text."""
    for node in _walk(parsed):
        if node.name == "TriplesBlock":
            for block in node["triples"]:
                for i, term in enumerate(list(block)):
                    if i % 3 != 1 and isinstance(term, Variable) and term in values:
                        block[i] = values[term]
        elif node.name == "InlineData":
            variables = list(node["var"])
            rows = list(node["value"])
            if len(variables) == 1 and len(rows) == 1 and variables[0] in values:
                node["value"] = [values[variables[0]]]
            elif len(variables) > 1 and len(rows) == 1 and any(v in values for v in variables):
                row = list(rows[0])
                node["value"] = [[values.get(v, cell) for v, cell in zip(variables, row)]]


def _position_of_prefix(text: str, message: str) -> str:
    """':line:column' of the first use of the unknown prefix a message names, or ''."""
    match = re.search(r"Unknown namespace prefix\s*:\s*(\S+)", message)
    if not match:
        return ""
    use = re.compile(rf"(?<![\w<\"'#:]){re.escape(match.group(1))}:")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        found = use.search(line)
        if found:
            return f":{number}:{found.start() + 1}"
    return ""


def _walk(node) -> Iterator:
    """Every CompValue in an rdflib parse tree or algebra tree."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _walk(value)


def _values_defaults(algebra) -> dict[str, URIRef | Literal]:
    """Variable name -> value for every variable set by a one-row VALUES clause."""
    defaults: dict[str, URIRef | Literal] = {}
    for node in _walk(algebra):
        if node.name == "values" and len(node.res) == 1:
            for variable, value in node.res[0].items():
                defaults.setdefault(str(variable), value)
    return defaults


# ---------------------------------------------------------------- parameters

def bind_params(query: Query, given: Mapping[str, str], graph=None) -> dict[str, URIRef | Literal]:
    """Turn ``name -> text`` pairs from the user into typed terms for query's parameters.

    A value is typed like the parameter's default, and takes its language tag (a name
    given as ``-p state=Kazakhstan`` matches the label ``"Kazakhstan"@en``). For a string
    parameter, a value written as an IRI is replaced by the text of that node's rdfs:label
    in graph (an rdflib Graph or a GraphStore).

    Raises:
        QueryError: an unknown parameter name, or a value that is not valid for its type.
    """
    bound: dict[str, URIRef | Literal] = {}
    for name, value in given.items():
        param = query.params.get(name)
        if param is None:
            takes = ", ".join(query.params) or "no parameters"
            raise QueryError(f"{query.name}: unknown parameter {name!r} (it takes: {takes})")
        bound[name] = _typed(param, value, graph)
    return bound


def _typed(param: Param, value: str, graph) -> URIRef | Literal:
    default = param.default
    if isinstance(default, URIRef):
        return _as_iri(value, param)
    datatype, language = default.datatype, default.language
    if language or datatype is None or datatype == XSD.string:
        if graph is not None and _looks_like_iri(value):
            iri = _as_iri(value, param)
            label = graph.value(iri, RDFS.label) if isinstance(graph, Graph) else graph.label_of(iri)
            if label is None:
                raise QueryError(f"parameter {param.name}: {iri.n3()} has no rdfs:label in the graph")
            value = str(label)
        return Literal(value, lang=language) if language else Literal(value, datatype=datatype)
    term = Literal(value, datatype=datatype)
    if term.ill_typed:
        raise QueryError(f"parameter {param.name}: {value!r} is not a valid xsd:{param.kind} "
                         f"(e.g. {default})")
    return term


def _looks_like_iri(value: str) -> bool:
    if value.startswith("<") and value.endswith(">"):
        return True
    if re.match(r"^https?://\S+$", value):
        return True
    prefix, colon, rest = value.partition(":")
    return bool(colon) and prefix in PREFIXES and bool(rest) and " " not in value


def _as_iri(value: str, param: Param) -> URIRef:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    else:
        prefix, colon, rest = text.partition(":")
        if colon and prefix in PREFIXES and not rest.startswith("//"):
            text = str(PREFIXES[prefix]) + rest
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", text):
        raise QueryError(f"parameter {param.name}: {value!r} is not an IRI "
                         f"(write <https://…>, https://… or a prefixed name such as kzd:state/KZ)")
    return URIRef(text)


def label_suggestions(graph, value: str, limit: int = 3) -> list[str]:
    """Labels close to value when value is not itself a label or alternative label in graph
    (an rdflib Graph or a GraphStore)."""
    import difflib

    if isinstance(graph, Graph):
        labels = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(None, p)}
    else:
        labels = graph.labels()
    if value in labels:
        return []
    by_lower = {label.lower(): label for label in sorted(labels)}
    matches = difflib.get_close_matches(value.lower(), list(by_lower), n=limit, cutoff=0.75)
    return [by_lower[m] for m in matches]


# ---------------------------------------------------------------- running

def run_query(graph, query: Query, bindings: Mapping[str, URIRef | Literal] | None = None,
              limits: Limits = Limits()) -> QueryResult:
    """Run query on graph with parameter values (typed terms, e.g. from bind_params).

    graph is a GraphStore (evaluated by Oxigraph), a SparqlEndpoint (evaluated there) or an
    rdflib Graph (evaluated by rdflib, the reference the tests compare Oxigraph with). A parameter not in bindings keeps its
    default. User text never becomes query text: a value is first a typed term; rdflib gets it
    set in the parsed query, Oxigraph gets it in place of the default term of its VALUES cell,
    written by Oxigraph's own N-Triples serializer (which escapes every quote and brace).

    Raises:
        QueryLimitError: the query ran past limits.timeout.
        QueryError: an unknown parameter, SERVICE without limits.allow_service, or the query
            fails while running.
    """
    where = query.source or query.name
    values = {name: param.default for name, param in query.params.items()}
    for name, term in (bindings or {}).items():
        if name not in query.params:
            raise QueryError(f"{query.name}: unknown parameter {name!r}")
        values[name] = term
    if query.services and not limits.allow_service:
        raise QueryError(f"{where}: SERVICE {query.services[0]} would send part of the query to another "
                         f"server; kzgraph refuses it unless asked to (--allow-service)")
    if isinstance(graph, Graph):
        prepared = _prepare(query.text, where, values)
        work = lambda: _run_rdflib(graph, prepared, limits)  # noqa: E731
    else:
        given = {name: term for name, term in (bindings or {}).items()}
        work = lambda: _run_oxigraph(graph, query, given, limits)  # noqa: E731
    return _within(work, limits, where)


def _within(work, limits: Limits, where: str):
    """work() in a thread of its own, given up after limits.timeout seconds.

    Oxigraph releases the interpreter while it evaluates, so the caller regains control at
    the time limit; the abandoned evaluation ends with the process.
    """
    outcome: dict = {}

    def target():
        try:
            outcome["result"] = work()
        except Exception as exc:  # handed over to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="kzgraph-query", daemon=True)
    thread.start()
    thread.join(limits.timeout)
    if thread.is_alive():
        raise QueryLimitError(f"{where}: the query ran past its time limit of {limits.timeout:g} s "
                              f"and was stopped (--timeout sets another limit)")
    error = outcome.get("error")
    if isinstance(error, KzGraphError):
        raise error
    if error is not None:  # evaluation errors surface as assorted types
        message = " ".join(str(error).split()) or type(error).__name__
        raise QueryError(f"{where}: the query failed: {message}") from error
    return outcome["result"]


def _capped(items, limits: Limits) -> tuple[list, bool]:
    """The first limits.max_rows items and whether there were more."""
    if limits.max_rows is None:
        return list(items), False
    taken = []
    for item in items:
        if len(taken) == limits.max_rows:
            return taken, True
        taken.append(item)
    return taken, False


def _run_rdflib(graph: Graph, prepared, limits: Limits) -> QueryResult:
    from rdflib.plugins import sparql

    logging.getLogger("rdflib").setLevel(logging.ERROR)
    sparql.SPARQL_LOAD_GRAPHS = False  # FROM and FROM NAMED never fetch a graph from the web
    result = graph.query(prepared)
    form = result.type
    if form == "ASK":
        return QueryResult(form=form, boolean=bool(result.askAnswer))
    if form in ("CONSTRUCT", "DESCRIBE"):
        triples, truncated = _capped(iter(result), limits)
        out = bind_namespaces(Graph())
        for triple in triples:
            out.add(triple)
        return QueryResult(form=form, graph=out, truncated=truncated)
    rows, truncated = _capped((tuple(row) for row in result), limits)
    return QueryResult(form="SELECT", variables=[str(v) for v in result.vars], rows=rows, truncated=truncated)


def _run_oxigraph(store, query: Query, bindings: Mapping[str, URIRef | Literal], limits: Limits) -> QueryResult:
    import pyoxigraph as ox

    from kzgraph.triplestore import to_oxigraph, to_rdflib

    text = _set_values(query.text, {name: str(to_oxigraph(term)) for name, term in bindings.items()})
    try:
        result = store.query(text, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(form="ASK", boolean=bool(result))
        if isinstance(result, (ox.QueryTriples, list)):  # a list from an endpoint
            triples, truncated = _capped(result, limits)
            out = bind_namespaces(Graph())
            for triple in triples:
                out.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return QueryResult(form=query.form, graph=out, truncated=truncated)
        variables = [v.value for v in result.variables]
        solutions, truncated = _capped(result, limits)
    except SyntaxError as exc:
        raise QueryError(f"{query.source or query.name}: SPARQL error: {' '.join(str(exc).split())}") from exc
    rows = [tuple(to_rdflib(solution[i]) for i in range(len(variables))) for solution in solutions]
    return QueryResult(form="SELECT", variables=variables, rows=rows, truncated=truncated)


_TOKEN = re.compile(r"""
    (?P<string>'{3}.*?'{3}|"{3}.*?"{3}|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<word>[^\s(){}\[\].,;"'<>#]+)
  | (?P<punct>\S)
""", re.VERBOSE | re.DOTALL)


def uses_service(text: str) -> bool:
    """True when SPARQL text has the keyword SERVICE (outside strings, IRIs and comments)."""
    return any(m.lastgroup == "word" and m.group().upper() == "SERVICE" for m in _TOKEN.finditer(text))


def _set_values(text: str, terms: Mapping[str, str]) -> str:
    """text with the cells of the variables in terms, in its one-row VALUES clauses, replaced
    by their terms (each already written as an N-Triples term)."""
    if not terms:
        return text
    tokens = [m for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    edits: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.lastgroup != "word" or token.group().upper() != "VALUES":
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].group() == "(":
            variables, j = [], j + 1
            while j < len(tokens) and tokens[j].lastgroup == "var":
                variables.append(tokens[j].group()[1:])
                j += 1
            j += 1  # ")"
            inner = True
        elif j < len(tokens) and tokens[j].lastgroup == "var":
            variables, j, inner = [tokens[j].group()[1:]], j + 1, False
        else:
            continue
        if j >= len(tokens) or tokens[j].group() != "{":
            continue
        j += 1
        if inner:
            if j >= len(tokens) or tokens[j].group() != "(":
                continue
            j += 1
        cells = []
        while j < len(tokens) and tokens[j].group() not in (")", "}"):
            start = tokens[j]
            end = start
            if start.lastgroup == "string" and j + 1 < len(tokens):
                suffix = tokens[j + 1].group()
                if suffix.startswith(("@", "^^")):  # a language tag or a datatype
                    j += 2 if suffix == "^^" else 1
                    end = tokens[min(j, len(tokens) - 1)]
            cells.append((start.start(), end.end()))
            j += 1
        if len(cells) != len(variables):
            continue
        close = j + 1 if inner else j
        if close >= len(tokens) or tokens[close].group() != "}":
            continue  # more than one row: not a parameter's default
        edits += [(*cell, terms[variable]) for variable, cell in zip(variables, cells) if variable in terms]
    for start, end, term in sorted(edits, reverse=True):
        text = text[:start] + term + text[end:]
    return text


# ---------------------------------------------------------------- formatting

def format_result(result: QueryResult, fmt: str = "table", namespaces: Mapping[str, str] | None = None) -> str:
    """Result as text: a readable table, or the SPARQL 1.1 CSV, TSV or JSON results format.

    CONSTRUCT and DESCRIBE results are Turtle (JSON-LD for ``json``).

    Raises:
        QueryError: a format that does not apply to this kind of result.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("csv", "tsv"):
            raise QueryError(f"--format {fmt} applies to SELECT and ASK results; "
                             f"a {result.form} gives triples (use table for Turtle or json for JSON-LD)")
        if fmt == "json":
            return result.graph.serialize(format="json-ld", indent=2) + "\n"
        from kzgraph.stores import serialize_turtle

        return serialize_turtle(result.graph)
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}, indent=2) + "\n"
        if fmt == "csv":
            return f"boolean\r\n{str(result.boolean).lower()}\r\n"
        if fmt == "tsv":
            return f"?boolean\n{str(result.boolean).lower()}\n"
        return ("yes" if result.boolean else "no") + "\n"
    return {"json": _json, "csv": _csv, "tsv": _tsv, "table": _table}[fmt](result, namespaces or PREFIXES)


def term_to_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results form."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _json(result: QueryResult, namespaces) -> str:
    bindings = [{var: term_to_json(term) for var, term in zip(result.variables, row) if term is not None}
                for row in result.rows]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _csv(result: QueryResult, namespaces) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return buffer.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _tsv(result: QueryResult, namespaces) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def short_term(term, namespaces: Mapping[str, str]) -> str:
    """A term for people: a prefixed name for an IRI in a known namespace, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        best = ""
        for prefix, namespace in namespaces.items():
            ns = str(namespace)
            if term.startswith(ns) and len(ns) > len(best) and len(term) > len(ns):
                best, name = ns, f"{prefix}:{term[len(ns):]}"
        return name if best else f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _table(result: QueryResult, namespaces) -> str:
    header = result.variables
    cells = [[_cut(short_term(t, namespaces)) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    numeric = [bool(result.rows) and all(isinstance(r[i], Literal) and r[i].datatype in _NUMBERS
                                         for r in result.rows if r[i] is not None)
               for i in range(len(header))]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in cells]
    count = len(result.rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


_NUMBERS = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long,
            XSD.nonNegativeInteger, XSD.positiveInteger}


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"
