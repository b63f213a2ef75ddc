"""The query library: headers, parameters bound as typed terms (never pasted), parse errors
with positions, and the SPARQL 1.1 results formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kzgraph.errors import QueryError
from kzgraph.namespaces import KZD
from kzgraph.query import (QueryResult, bind_params, format_result, label_suggestions, list_queries,
                           load_query, parse_query, run_query)
from kzgraph.stores import load_graph

ROOT = Path(__file__).parents[1]
QUERIES = ROOT / "queries"
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"

PARAMETRIC = """# title: Labels of a kind
# description: Nodes of one class with their labels.
# param: name = "Aigerim Sultanova"@en — a label
# param: since = "2024-01-01"^^xsd:date — a first day
# param: limit = 3 — an integer
# param: node = <https://kzgraph.org/id/state/KZ> — an IRI
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX kzd: <https://kzgraph.org/id/>
SELECT ?x ?name ?since ?limit ?node WHERE {
  VALUES (?name ?since) { ("Aigerim Sultanova"@en "2024-01-01"^^xsd:date) }
  VALUES ?limit { 3 }
  VALUES ?node { <https://kzgraph.org/id/state/KZ> }
  ?x rdfs:label ?name .
}
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(FIXTURE)


def test_query_header_is_read(tmp_path):
    q = parse_query(PARAMETRIC, name="labels")
    assert q.title == "Labels of a kind"
    assert q.description == "Nodes of one class with their labels."
    assert list(q.params) == ["name", "since", "limit", "node"]
    assert q.params["name"].default == Literal("Aigerim Sultanova", lang="en")
    assert q.params["name"].meaning == "a label"
    assert q.params["since"].default == Literal("2024-01-01", datatype=XSD.date)
    assert q.params["limit"].default == Literal(3)
    assert q.params["node"].default == KZD["state/KZ"]
    assert [p.kind for p in q.params.values()] == ["@en", "date", "integer", "iri"]
    assert q.form == "SELECT"


def test_query_load_by_name_and_by_path():
    by_name = load_query("timeline", QUERIES)
    by_path = load_query(QUERIES / "timeline.rq")
    by_file_name = load_query("timeline.rq", QUERIES)
    assert by_name.text == by_path.text == by_file_name.text
    assert by_name.name == "timeline"


def test_query_unknown_name_lists_the_known_ones():
    with pytest.raises(QueryError, match=r"no-such-query: no such query.*known queries: .*timeline"):
        load_query("no-such-query", QUERIES)


def test_query_defaults_are_used_when_no_param_is_given(graph):
    result = run_query(graph, parse_query(PARAMETRIC))
    assert result.rows == [(KZD["person/aigerim-sultanova"], Literal("Aigerim Sultanova", lang="en"),
                            Literal("2024-01-01", datatype=XSD.date), Literal(3), KZD["state/KZ"])]


def test_query_params_are_bound_as_typed_terms(graph):
    q = parse_query(PARAMETRIC)
    bound = bind_params(q, {"name": "Lars Holm", "since": "2025-05-02", "limit": "7",
                            "node": "<https://kzgraph.org/id/state/NO>"})
    assert bound == {"name": Literal("Lars Holm", lang="en"), "since": Literal("2025-05-02", datatype=XSD.date),
                     "limit": Literal("7", datatype=XSD.integer), "node": KZD["state/NO"]}
    row, = run_query(graph, q, bound).rows
    assert row == (KZD["person/lars-holm"], Literal("Lars Holm", lang="en"), Literal("2025-05-02", datatype=XSD.date),
                   Literal(7), KZD["state/NO"])
    # one parameter overridden, the others keep their defaults; the text is not changed
    row, = run_query(graph, q, {"name": Literal("Pedro Alves", lang="en")}).rows
    assert row[0] == KZD["person/pedro-alves"] and row[2] == Literal("2024-01-01", datatype=XSD.date)
    assert q.text == PARAMETRIC


@pytest.mark.parametrize("value", ["kzd:state/NO", "https://kzgraph.org/id/state/NO",
                                   "<https://kzgraph.org/id/state/NO>"])
def test_query_iri_params_take_three_spellings(value):
    assert bind_params(parse_query(PARAMETRIC), {"node": value})["node"] == KZD["state/NO"]


@pytest.mark.parametrize("name, value, message", [
    ("since", "2025-13-01", "not a valid xsd:date"),
    ("since", "May 2", "not a valid xsd:date"),
    ("limit", "three", "not a valid xsd:integer"),
    ("node", "not an iri", "is not an IRI"),
    ("nope", "1", "unknown parameter 'nope'"),
])
def test_query_bad_param_values_are_refused(name, value, message):
    with pytest.raises(QueryError, match=message):
        bind_params(parse_query(PARAMETRIC), {name: value})


def test_query_name_params_accept_an_iri_and_use_its_label(graph):
    q = load_query("meetings-of-person", QUERIES)
    for value in ("kzd:person/lars-holm", "<https://kzgraph.org/id/person/lars-holm>"):
        assert bind_params(q, {"person": value}, graph) == {"person": Literal("Lars Holm", lang="en")}
    with pytest.raises(QueryError, match="has no rdfs:label"):
        bind_params(q, {"person": "kzd:person/nobody"}, graph)
    # without a graph to look in, the value stays a name, tagged like the graph's names
    assert bind_params(q, {"person": "Lars Holm"}) == {"person": Literal("Lars Holm", lang="en")}


def test_query_values_are_never_pasted_into_the_text(graph):
    q = load_query("meetings-of-person", QUERIES)
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("'
    result = run_query(graph, q, bind_params(q, {"person": hostile}))
    assert result.rows == []
    # a label that contains quotes and braces is matched as it is
    tricky = Graph()
    tricky += graph
    tricky.set((KZD["person/lars-holm"], URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(hostile, lang="en")))
    result = run_query(tricky, q, bind_params(q, {"person": hostile}))
    assert {r[-1] for r in result.rows} == {KZD["meeting/m1"]}


def test_query_values_reach_oxigraph_as_terms_never_as_text(graph, tmp_path):
    from kzgraph.export import export_graphs
    from kzgraph.triplestore import load_files

    q = load_query("meetings-of-person", QUERIES)
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("\\\n# \'\'\' """'
    tricky = Graph()
    tricky += graph
    tricky.set((KZD["person/lars-holm"], URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(hostile, lang="en")))
    path = tmp_path / "tricky.ttl"
    path.write_text(export_graphs("turtle", tricky), encoding="utf-8")
    store = load_files(path)
    assert run_query(store, q, bind_params(q, {"person": hostile[:-1]})).rows == []
    result = run_query(store, q, bind_params(q, {"person": hostile}))
    assert {r[-1] for r in result.rows} == {KZD["meeting/m1"]}
    assert q.text == load_query("meetings-of-person", QUERIES).text


@pytest.mark.parametrize("text, line, column", [
    ("SELECT ?x WHERE {\n  ?x ?p\n}", 2, 3),
    ("# title: broken\nSELECT ?x WHERE { ?x ?p ?o } ORDER ?x", 2, 30),
    ("SELEC ?x WHERE { ?x ?p ?o }", 1, 1),
])
def test_query_syntax_errors_give_line_and_column(text, line, column):
    with pytest.raises(QueryError) as info:
        parse_query(text, source="q.rq")
    message = str(info.value)
    assert message.startswith(f"q.rq:{line}:{column}: SPARQL syntax error")
    assert message.splitlines()[-1].index("^") == column + 1  # the caret sits under the column


def test_query_unknown_prefix_error_points_at_its_use():
    with pytest.raises(QueryError, match=r"^q.rq:3:8: SPARQL error: Unknown namespace prefix : foo"):
        parse_query("# foo: in a comment\nSELECT ?x WHERE {\n  ?x   foo:bar ?y }", source="q.rq")


@pytest.mark.parametrize("text, message", [
    ('# param: who = "A" — a name\nSELECT ?x WHERE { ?x ?p ?who }', "needs its default in the query"),
    ('# param: who = "A" — a name\nSELECT ?x WHERE { VALUES ?who { "B" } ?x ?p ?who }',
     'the header says "A" but the VALUES clause says "B"'),
    ('# param: who = "A" — x\n# param: who = "A" — y\nSELECT ?x WHERE { VALUES ?who { "A" } }', "declared twice"),
    ('# param: = "A"\nSELECT ?x WHERE { ?x ?p ?o }', "a parameter line reads"),
])
def test_query_header_and_values_must_agree(text, message):
    with pytest.raises(QueryError, match=message):
        parse_query(text, source="q.rq")


def test_query_suggests_labels_for_a_near_miss(graph):
    assert label_suggestions(graph, "aigerim sultanova") == ["Aigerim Sultanova"]
    assert label_suggestions(graph, "Aigerim Sultanova") == []
    assert label_suggestions(graph, "Zzzz Qqqq") == []


# ---------------------------------------------------------------- formats

ROWS = QueryResult(form="SELECT", variables=["iri", "text", "date", "n", "missing"], rows=[
    (KZD["state/KZ"], Literal('He said "hi",\tthen\nleft'), Literal("2024", datatype=XSD.gYear), Literal(3),
     None),
    (BNode("b0"), Literal("Астана", lang="kk"), Literal("plain"), Literal(12), Literal("x")),
])


def test_query_format_json_is_sparql_results_json():
    document = json.loads(format_result(ROWS, "json"))
    assert document["head"] == {"vars": ["iri", "text", "date", "n", "missing"]}
    first, second = document["results"]["bindings"]
    assert first == {
        "iri": {"type": "uri", "value": "https://kzgraph.org/id/state/KZ"},
        "text": {"type": "literal", "value": 'He said "hi",\tthen\nleft'},
        "date": {"type": "literal", "value": "2024", "datatype": str(XSD.gYear)},
        "n": {"type": "literal", "value": "3", "datatype": str(XSD.integer)},
    }
    assert second["iri"] == {"type": "bnode", "value": "b0"}
    assert second["text"] == {"type": "literal", "value": "Астана", "xml:lang": "kk"}
    assert second["date"] == {"type": "literal", "value": "plain"}


def test_query_format_csv_is_sparql_results_csv():
    text = format_result(ROWS, "csv")
    assert text.startswith("iri,text,date,n,missing\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["https://kzgraph.org/id/state/KZ", 'He said "hi",\tthen\nleft', "2024", "3", ""]
    assert rows[2] == ["_:b0", "Астана", "plain", "12", "x"]


def test_query_format_tsv_is_sparql_results_tsv():
    lines = format_result(ROWS, "tsv").split("\n")
    assert lines[0] == "?iri\t?text\t?date\t?n\t?missing"
    assert lines[1].split("\t") == ["<https://kzgraph.org/id/state/KZ>", '"He said \\"hi\\",\\tthen\\nleft"',
                                    f'"2024"^^<{XSD.gYear}>', f'"3"^^<{XSD.integer}>', ""]
    assert lines[2].split("\t") == ["_:b0", '"Астана"@kk', '"plain"', f'"12"^^<{XSD.integer}>', '"x"']
    assert lines[3] == "" and len(lines) == 4


def test_query_format_table_is_aligned_and_counts_rows():
    lines = format_result(ROWS, "table").splitlines()
    assert lines[0].split() == ["iri", "text", "date", "n", "missing"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].startswith("kzd:state/KZ ")
    assert 'He said "hi", then left' in lines[2]  # whitespace folded onto one line
    assert lines[-1] == "(2 rows)"
    # numbers are right-aligned: the 3 sits under the 2 of 12, text is left-aligned
    import re
    start, end = [m.span() for m in re.finditer(r"-+", lines[1])][3]
    assert end - start == 2
    assert lines[2][start:end] == " 3" and lines[3][start:end] == "12"
    text_start = [m.start() for m in re.finditer(r"-+", lines[1])][1]
    assert lines[3][text_start:].startswith("Астана")


def test_query_ask_and_construct(graph):
    ask = run_query(graph, parse_query("ASK { ?x a <https://kzgraph.org/ontology#Visit> }"))
    assert ask.form == "ASK" and ask.boolean is True
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    assert format_result(ask, "table") == "yes\n"
    construct = run_query(graph, parse_query(
        "PREFIX kz: <https://kzgraph.org/ontology#> CONSTRUCT { ?v kz:visitor ?p } WHERE { ?v kz:visitor ?p }"))
    assert construct.form == "CONSTRUCT" and len(construct.graph) == 2
    assert "kz:visitor" in format_result(construct, "table")
    with pytest.raises(QueryError, match="applies to SELECT and ASK"):
        format_result(construct, "csv")


def test_query_every_file_in_queries_has_a_header_and_parses():
    queries = list_queries(QUERIES)
    assert len(queries) >= 12
    for q in queries:
        assert q.title and q.description, q.name
        assert q.form == "SELECT", q.name
        for param in q.params.values():
            assert param.meaning, (q.name, param.name)
