"""Every query in queries/: its rows on the fixture (answers read off the fixture by hand),
with its defaults and with parameters, the same through kzgraph's two engines (Oxigraph,
which the commands use, and rdflib, the reference); the same rows and the same SPARQL JSON
results from a plain Oxigraph store loaded from the exported Turtle; and facts from the
sample corpus on graphs/kzgraph.ttl (tests named test_sample_*)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kzgraph.cli import cli
from kzgraph.export import export_graphs
from kzgraph.query import Limits, bind_params, load_query, run_query
from kzgraph.reason import expand
from kzgraph.stores import load_graph
from kzgraph.triplestore import GraphStore, to_rdflib

ROOT = Path(__file__).parents[1]
QUERIES = ROOT / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
UNIVERSITY = ROOT / "tests" / "data" / "university.ttl"
SAMPLE = ROOT / "graphs" / "kzgraph.ttl"

S0 = "Foreign Minister of Kazakhstan Aigerim Sultanova met Norwegian Foreign Minister Lars Holm in Oslo on May 2."


@pytest.fixture(scope="module")
def fixture_graph() -> Graph:
    return load_graph(FIXTURE)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_graph(ROOT / "ontology" / "kzgraph.ttl")


_STORES: dict[int, tuple[Graph, GraphStore]] = {}


def store_of(graph: Graph) -> GraphStore:
    """The graph loaded into an Oxigraph GraphStore (from its canonical Turtle), kept per graph."""
    if id(graph) not in _STORES or _STORES[id(graph)][0] is not graph:
        store = GraphStore(ox.Store(), [ox.NamedNode("https://kzgraph.org/graph/asserted")])
        store.store.load(input=export_graphs("turtle", graph), format=ox.RdfFormat.TURTLE, to_graph=store.graphs[0])
        _STORES[id(graph)] = (graph, store)
    return _STORES[id(graph)][1]


def ask(graph: Graph, name: str, *columns: str, **params: str) -> list[tuple]:
    """Run a query by name with params in Oxigraph and in rdflib; assert both give the same
    rows in the same order; return the chosen columns of each row as strings."""
    q = load_query(name, QUERIES)
    store = store_of(graph)
    reference = run_query(graph, q, bind_params(q, params, graph))
    result = run_query(store, q, bind_params(q, params, store))
    assert result.variables == reference.variables
    assert [tuple(map(same_key, r)) for r in result.rows] == [tuple(map(same_key, r)) for r in reference.rows], name
    index = [result.variables.index(c) for c in columns]
    return [tuple(None if row[i] is None else str(row[i]) for i in index) for row in result.rows]


# ---------------------------------------------------------------- expected rows on the fixture

def test_queries_cover_the_competency_questions():
    names = {p.stem for p in QUERY_FILES}
    assert {"visits-to-state", "officials-abroad", "meetings-of-person", "agreements-by-partner",
            "posts-of-person", "representatives", "international-organizations", "top-partner-states",
            "timeline", "evidence", "co-participants", "agreements-in-period"} <= names
    assert len(names) >= 12


def test_queries_visits_to_state(fixture_graph):
    cols = ("year", "visitorLabel", "visitorKind", "representsLabel", "date", "kind")
    assert ask(fixture_graph, "visits-to-state", *cols) == [
        ("2024", "Pedro Alves", "Person", "United Nations", "2024", "visit")]
    assert ask(fixture_graph, "visits-to-state", *cols, state="Norway") == [
        ("2025", "Aigerim Sultanova", "Person", "Kazakhstan", "2025-05-02", "visit")]
    assert ask(fixture_graph, "visits-to-state", *cols, state="United Nations") == []  # not a state


def test_queries_officials_abroad(fixture_graph):
    cols = ("officialLabel", "destinationLabel", "date")
    assert ask(fixture_graph, "officials-abroad", *cols) == [("Aigerim Sultanova", "Norway", "2025-05-02")]
    assert ask(fixture_graph, "officials-abroad", *cols, state="Norway") == []  # Lars Holm went nowhere
    assert ask(fixture_graph, "officials-abroad", *cols, state="United Nations") == []  # not a state


def test_queries_meetings_of_person(fixture_graph):
    cols = ("date", "counterpartLabel", "kind", "placeLabel")
    expected = [("2024", "Pedro Alves", "talks", None), ("2025-05-02", "Lars Holm", "meeting", "Oslo")]
    assert ask(fixture_graph, "meetings-of-person", *cols, person="Aigerim Sultanova") == expected
    assert ask(fixture_graph, "meetings-of-person", *cols, person="Sultanova") == expected  # alt label
    assert ask(fixture_graph, "meetings-of-person", *cols, person="kzd:person/aigerim-sultanova") == expected
    assert ask(fixture_graph, "meetings-of-person", *cols, person="Lars Holm") == [
        ("2025-05-02", "Aigerim Sultanova", "meeting", "Oslo")]
    assert ask(fixture_graph, "meetings-of-person", *cols) == []  # the default is a corpus person


def test_queries_agreements_by_partner(fixture_graph):
    cols = ("partnerLabel", "kind", "agreementLabel", "date")
    assert ask(fixture_graph, "agreements-by-partner", *cols) == [
        ("Norway", "visa regime", "mutual visa exemption agreement", "2025-05-02")]
    assert ask(fixture_graph, "agreements-by-partner", *cols, state="Norwegian") == [
        ("Kazakhstan", "visa regime", "mutual visa exemption agreement", "2025-05-02")]


def test_queries_posts_of_person(fixture_graph):
    cols = ("title", "postInLabel", "accreditedToLabel")
    assert ask(fixture_graph, "posts-of-person", *cols, person="Lars Holm") == [
        ("Norwegian Foreign Minister", "Norway", None)]
    assert ask(fixture_graph, "posts-of-person", *cols, person="kzd:person/pedro-alves") == [
        ("UN Secretary-General", "United Nations", None)]


def test_queries_representatives(fixture_graph):
    cols = ("personLabel", "title")
    assert ask(fixture_graph, "representatives", *cols) == [("Aigerim Sultanova", "Foreign Minister of Kazakhstan")]
    assert ask(fixture_graph, "representatives", *cols, state="UN") == [("Pedro Alves", "UN Secretary-General")]


def test_queries_international_organizations(fixture_graph):
    cols = ("organizationLabel", "throughLabel", "counterpartLabel", "events")
    # v2: Pedro Alves (UN) visits Kazakhstan; m2: talks of Pedro Alves and Aigerim Sultanova (KZ)
    assert ask(fixture_graph, "international-organizations", *cols) == [
        ("United Nations", "Pedro Alves", "Aigerim Sultanova", "1"),
        ("United Nations", "Pedro Alves", "Kazakhstan", "1")]
    assert ask(fixture_graph, "international-organizations", *cols, state="Norway") == []


def test_queries_international_organizations_leave_out_a_university():
    # the rector of the University of Oslo meets Sultanova and the university signs with Kazakhstan
    graph = load_graph(FIXTURE, UNIVERSITY)
    assert ("2025-05-03", "Ingrid Berg", "meeting", None) in ask(
        graph, "meetings-of-person", "date", "counterpartLabel", "kind", "placeLabel", person="Aigerim Sultanova")
    assert ("University of Oslo", "memorandum") in ask(graph, "agreements-in-period", "partyLabel", "agreementLabel",
                                                       to="2025-12-31")
    # but a university is not an international organization
    cols = ("organizationLabel", "throughLabel", "counterpartLabel", "events")
    assert ask(graph, "international-organizations", *cols) == [
        ("United Nations", "Pedro Alves", "Aigerim Sultanova", "1"),
        ("United Nations", "Pedro Alves", "Kazakhstan", "1")]


def test_queries_top_partner_states(fixture_graph):
    cols = ("partnerLabel", "contacts", "visits", "meetings", "agreements")
    # m1 (Sultanova and Holm), v1 (Sultanova to Norway), g1 (Kazakhstan and Norway)
    assert ask(fixture_graph, "top-partner-states", *cols) == [("Norway", "3", "1", "1", "1")]
    assert ask(fixture_graph, "top-partner-states", *cols, state="Norway") == [("Kazakhstan", "3", "1", "1", "1")]


def test_queries_timeline(fixture_graph):
    cols = ("date", "type", "eventLabel")
    assert ask(fixture_graph, "timeline", *cols) == []
    assert ask(fixture_graph, "timeline", *cols, **{"from": "2024-01-01", "to": "2025-12-31"}) == [
        ("2024", "Meeting", "Talks of Pedro Alves and Aigerim Sultanova"),
        ("2024", "Visit", "Visit of Pedro Alves to Kazakhstan"),
        ("2025-05-02", "Agreement", "mutual visa exemption agreement"),
        ("2025-05-02", "Meeting", "Meeting of Aigerim Sultanova and Lars Holm"),
        ("2025-05-02", "Visit", "Visit of Aigerim Sultanova to Norway")]
    # an event dated by its year is in when its year overlaps the period
    assert [r[1] for r in ask(fixture_graph, "timeline", *cols, **{"from": "2024-06-01", "to": "2024-06-30"})] == [
        "Meeting", "Visit"]
    assert len(ask(fixture_graph, "timeline", *cols, **{"from": "2025-05-02", "to": "2025-05-02"})) == 3
    assert ask(fixture_graph, "timeline", *cols, **{"from": "2025-05-03", "to": "2025-12-31"}) == []


def test_queries_evidence(fixture_graph):
    cols = ("factLabel", "type", "text", "articleTitle", "articleDate", "sourceFile")
    meeting = [("Meeting of Aigerim Sultanova and Lars Holm", "Meeting", S0, "Ministers meet in Oslo",
                "2025-05-02", "a.txt")]
    assert ask(fixture_graph, "evidence", *cols, actor="Sultanova", other="Lars Holm") == meeting
    assert ask(fixture_graph, "evidence", *cols, actor="Lars Holm", other="Aigerim Sultanova") == meeting
    assert ask(fixture_graph, "evidence", *cols, actor="Aigerim Sultanova", other="Kazakhstan") == [
        ("Foreign Minister of Kazakhstan", "Post", S0, "Ministers meet in Oslo", "2025-05-02", "a.txt")]
    assert ask(fixture_graph, "evidence", *cols, actor="Aigerim Sultanova", other="Norway") == [
        ("Visit of Aigerim Sultanova to Norway", "Visit", S0, "Ministers meet in Oslo", "2025-05-02", "a.txt")]
    assert ask(fixture_graph, "evidence", *cols) == []


def test_queries_co_participants(fixture_graph):
    assert ask(fixture_graph, "co-participants", "coParticipantLabel", "sharedEvents",
               person="Aigerim Sultanova") == [("Lars Holm", "1"), ("Pedro Alves", "1")]
    assert ask(fixture_graph, "co-participants", "coParticipantLabel", person="Lars Holm") == [
        ("Aigerim Sultanova",)]


def test_queries_agreements_in_period(fixture_graph):
    cols = ("date", "agreementLabel", "kind", "partyLabel")
    assert ask(fixture_graph, "agreements-in-period", *cols) == []  # 2022-2024 by default
    assert ask(fixture_graph, "agreements-in-period", *cols, to="2025-12-31") == [
        ("2025-05-02", "mutual visa exemption agreement", "visa regime", "Kazakhstan"),
        ("2025-05-02", "mutual visa exemption agreement", "visa regime", "Norway")]


def test_queries_events_by_year(fixture_graph):
    assert ask(fixture_graph, "events-by-year", "year", "type", "events") == [
        ("2024", "Meeting", "1"), ("2024", "Visit", "1"), ("2025", "Agreement", "1"), ("2025", "Meeting", "1"),
        ("2025", "Visit", "1")]


def test_queries_visited_states_inferred_needs_the_inferred_graph(fixture_graph, ontology):
    assert ask(fixture_graph, "visited-states-inferred", "actorLabel", state="Norway") == []
    merged = fixture_graph + expand(fixture_graph, ontology).inferred
    assert ask(merged, "visited-states-inferred", "actorLabel", state="Norway") == [("Aigerim Sultanova",)]


# ---------------------------------------------------------------- the same rows in Oxigraph

def oxigraph_store(turtle: str) -> ox.Store:
    store = ox.Store()
    store.load(input=turtle, format=ox.RdfFormat.TURTLE)
    return store


def same_key(term):
    """A comparable form of an rdflib term: kind, lexical form, datatype (xsd:string as none), language."""
    if term is None:
        return ("unbound",)
    if isinstance(term, Literal):
        datatype = None if term.datatype in (None, XSD.string) else str(term.datatype)
        return ("literal", str(term), datatype, term.language)
    return (type(term).__name__, str(term))


def compare_engines(graph: Graph, store: ox.Store) -> dict[str, int]:
    """Run every query with its defaults in rdflib (on graph), through kzgraph's Oxigraph engine
    and as plain text in a plain Oxigraph store; assert the same rows; return row counts."""
    counts = {}
    engine = GraphStore(store, [ox.DefaultGraph()])
    for path in QUERY_FILES:
        q = load_query(path)
        ours = run_query(graph, q, limits=Limits(timeout=None))  # rows compared, not speed
        rows = sorted(tuple(map(same_key, r)) for r in ours.rows)
        through_kzgraph = run_query(engine, q)
        assert through_kzgraph.variables == ours.variables, path.stem
        assert sorted(tuple(map(same_key, r)) for r in through_kzgraph.rows) == rows, path.stem
        solutions = store.query(path.read_text(encoding="utf-8"))
        assert [v.value for v in solutions.variables] == ours.variables, path.stem
        theirs = [tuple(to_rdflib(s[v]) for v in ours.variables) for s in solutions]
        assert rows == sorted(tuple(map(same_key, r)) for r in theirs), path.stem
        counts[path.stem] = len(rows)
    return counts


def test_queries_same_rows_in_oxigraph_from_the_exported_fixture(fixture_graph):
    counts = compare_engines(fixture_graph, oxigraph_store(export_graphs("turtle", fixture_graph)))
    assert counts["events-by-year"] == 5 and counts["international-organizations"] == 2


def test_queries_same_rows_in_oxigraph_with_inferred_triples(fixture_graph, ontology):
    inferred = expand(fixture_graph, ontology).inferred
    merged = fixture_graph + inferred
    store = oxigraph_store(export_graphs("turtle", fixture_graph, inferred))
    counts = compare_engines(merged, store)
    assert counts["visits-to-state"] == 1


def cli_json(graph_file: Path, query_file: Path) -> dict:
    result = CliRunner().invoke(cli, ["query", str(query_file), "--graph", str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def compare_json(graph_file: Path) -> None:
    """`kzgraph query FILE --format json` gives the bindings Oxigraph's own JSON writer gives."""
    store = ox.Store()
    store.load(path=str(graph_file), format=ox.RdfFormat.TURTLE)
    for path in QUERY_FILES:
        ours = cli_json(graph_file, path)
        theirs = json.loads(store.query(path.read_text(encoding="utf-8"))
                            .serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8"))
        assert ours["head"] == theirs["head"], path.stem

        def key(binding):
            return json.dumps(binding, sort_keys=True, ensure_ascii=False)

        assert sorted(map(key, ours["results"]["bindings"])) == sorted(map(key, theirs["results"]["bindings"])), \
            path.stem


def test_queries_json_results_match_oxigraph_on_the_fixture():
    compare_json(FIXTURE)


# ---------------------------------------------------------------- the sample corpus

@pytest.fixture(scope="module")
def sample_graph() -> Graph:
    if not SAMPLE.is_file():
        pytest.fail(f"{SAMPLE.relative_to(ROOT)} is missing: build it with `kzgraph build` first")
    return load_graph(SAMPLE)


def test_sample_queries_same_rows_in_oxigraph(sample_graph, ontology):
    counts = compare_engines(sample_graph, oxigraph_store(export_graphs("turtle", sample_graph)))
    assert all(counts[name] > 0 for name in counts if name not in ("visited-states-inferred", "event-twins")), counts
    inferred = expand(sample_graph, ontology).inferred
    counts = compare_engines(sample_graph + inferred, oxigraph_store(export_graphs("turtle", sample_graph, inferred)))
    assert counts["visited-states-inferred"] > 0


def test_sample_queries_json_results_match_oxigraph(sample_graph):
    compare_json(SAMPLE)


def test_sample_meeting_of_kosherbayev_and_cooper(sample_graph):
    # 002, 27.02.2026: "... Yermek Kosherbayev, held a bilateral meeting with the UK Foreign Secretary Yvette Cooper"
    assert ("2026-02-27", "Yvette Cooper") in ask(sample_graph, "meetings-of-person", "date", "counterpartLabel")
    rows = ask(sample_graph, "evidence", "type", "text", "articleTitle", "sourceFile")
    meeting = [r for r in rows if r[0] == "Meeting"]
    assert meeting and all("Yvette Cooper" in r[1] for r in meeting)
    assert meeting[0][2] == "Kazakhstan and United Kingdom Reaffirm Commitment to Deepening Strategic Partnership"
    assert meeting[0][3] == "002_98a66882711a9a9f.txt"


def test_sample_issetov_received_credentials_copies_from_andresen(sample_graph):
    # 002, 03.03.2026: "Arman Issetov received copies of credentials from ... Helene Sand Andresen"
    rows = ask(sample_graph, "meetings-of-person", "date", "counterpartLabel", person="Arman Issetov")
    assert ("2026-03-03", "Helene Sand Andresen") in rows
    assert ("Arman Issetov", "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan") in ask(
        sample_graph, "representatives", "personLabel", "title")


def test_sample_strategic_partnership_agreement_with_the_uk(sample_graph):
    # 002, 27.02.2026: "the Strategic Partnership and Cooperation Agreement signed in 2024"
    label = "Strategic Partnership and Cooperation Agreement between Kazakhstan and United Kingdom"
    expected = ("United Kingdom", label, "2024")
    assert expected in ask(sample_graph, "agreements-by-partner", "partnerLabel", "agreementLabel", "date")
    assert ("2024", label, "United Kingdom") in ask(
        sample_graph, "agreements-in-period", "date", "agreementLabel", "partyLabel")
    # 000: "On October 12 this year, Kazakhstan and Qatar signed the Protocol ..." (2022)
    assert ("2022-10-12", "Qatar") in ask(sample_graph, "agreements-in-period", "date", "partyLabel")


def test_sample_vassilenko_is_ambassador_to_belgium(sample_graph):
    # 002, 02.03.2026: "Ambassador of Kazakhstan to Belgium Roman Vassilenko met with the Rector ..."
    assert ask(sample_graph, "posts-of-person", "title", "postInLabel", "accreditedToLabel") == [
        ("Ambassador of Kazakhstan to Belgium", "Kazakhstan", "Belgium")]


def test_sample_visitors_and_officials_abroad(sample_graph):
    # 001 (2023): "The United States Secretary of State, Antony Blinken, also visited Kazakhstan"
    assert ("2023", "Antony Blinken", "Person") in ask(sample_graph, "visits-to-state", "year", "visitorLabel",
                                                       "visitorKind")
    trips = ask(sample_graph, "officials-abroad", "officialLabel", "destinationLabel", "date")
    # 002: "As part of his visit to the United Kingdom, the Minister ... Yermek Kosherbayev"
    assert ("Yermek Kosherbayev", "United Kingdom", "2026-02-27") in trips
    # 000 (2022): "Mukhtar Tleuberdi visited Austria, Armenia, ... the USA, and Vietnam."
    tleuberdi = {dest for who, dest, _ in trips if who == "Mukhtar Tleuberdi"}
    assert {"Austria", "Armenia", "Azerbaijan", "Belgium", "Vatican City", "Vietnam"} <= tleuberdi


def test_sample_ashikbayev_in_geneva(sample_graph):
    # 002, 26.02.2026: Yerzhan Ashikbayev met the heads of UN agencies in Geneva
    co = {label for label, in ask(sample_graph, "co-participants", "coParticipantLabel")}
    assert {"Tatiana Valovaya", "Tedros Adhanom Ghebreyesus", "Doreen Bogdan-Martin"} <= co
    orgs = ask(sample_graph, "international-organizations", "organizationLabel", "throughLabel", "counterpartLabel")
    assert ("World Health Organization", "Tedros Adhanom Ghebreyesus", "Yerzhan Ashikbayev") in orgs
    # 001 (2023): "meetings with UN Secretary-General Antonio Guterres"
    assert ("United Nations", "Antonio Guterres", "Kassym-Jomart Tokayev") in orgs


def test_sample_partners_and_timeline(sample_graph):
    partners = [label for label, in ask(sample_graph, "top-partner-states", "partnerLabel")]
    assert {"United Kingdom", "United States"} <= set(partners[:10])
    timeline = ask(sample_graph, "timeline", "date", "eventLabel")
    assert timeline and all("2026-02-26" <= date <= "2026-03-05" for date, _ in timeline)
    assert any("Yvette Cooper" in label for _, label in timeline)
