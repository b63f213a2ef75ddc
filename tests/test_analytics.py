"""Projections and metrics on small graphs whose answers are known by hand, the
``kzgraph analyze`` command, and a check of its figures on the sample graph against an
independent SPARQL count."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kzgraph import analytics
from kzgraph.errors import KzGraphError
from kzgraph.namespaces import KZ, KZD
from kzgraph.stores import load_graph

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
SAMPLE = ROOT / "graphs" / "kzgraph.ttl"

KZ_STATE = str(KZD["state/KZ"])
NO_STATE = str(KZD["state/NO"])
UN = str(KZD["org/un"])
SULTANOVA = str(KZD["person/aigerim-sultanova"])
HOLM = str(KZD["person/lars-holm"])
ALVES = str(KZD["person/pedro-alves"])


def short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def weighted(edges) -> nx.Graph:
    G = nx.Graph()
    for a, b, w in edges:
        G.add_edge(a, b, weight=w)
    for n in G:
        G.nodes[n].update(label=n, kind="Person")
    return G


def by_iri(rows):
    return {r["iri"]: r for r in rows}


@pytest.fixture(scope="module")
def fixture_graph() -> Graph:
    return load_graph(FIXTURE)


# ---------------------------------------------------------------- metrics on textbook graphs

def test_analytics_path_degree_betweenness_pagerank():
    G = weighted([("a", "b", 1), ("b", "c", 1), ("c", "d", 1)])
    rows = by_iri(analytics.metrics(G))
    assert [rows[n]["degree"] for n in "abcd"] == [1, 2, 2, 1]
    # b lies on the shortest paths a-c and a-d: 2 of the 3 pairs it could lie between
    assert rows["b"]["betweenness"] == pytest.approx(2 / 3, abs=1e-6)
    assert rows["a"]["betweenness"] == 0
    assert rows["b"]["pagerank"] == pytest.approx(rows["c"]["pagerank"], abs=1e-6)
    assert rows["b"]["pagerank"] > rows["a"]["pagerank"]
    assert sum(r["pagerank"] for r in rows.values()) == pytest.approx(1, abs=1e-4)


def test_analytics_star_centre_ranks_first():
    G = weighted([("hub", leaf, 1) for leaf in ("l1", "l2", "l3", "l4", "l5")])
    rows = analytics.metrics(G)
    assert rows[0]["iri"] == "hub" and rows[0]["rank"] == 1
    assert rows[0]["degree"] == 5 and rows[0]["betweenness"] == pytest.approx(1.0)
    assert all(r["betweenness"] == 0 and r["degree"] == 1 for r in rows[1:])
    assert all(rows[0]["pagerank"] > r["pagerank"] for r in rows[1:])


def test_analytics_weighted_degree_orders_the_ranking():
    # c has fewer links than b but more shared events
    G = weighted([("a", "b", 1), ("b", "d", 1), ("a", "c", 5)])
    rows = analytics.metrics(G)
    assert [r["iri"] for r in rows[:2]] == ["a", "c"]
    assert by_iri(rows)["a"]["weighted_degree"] == 6
    assert by_iri(rows)["c"]["degree"] == 1 and by_iri(rows)["c"]["weighted_degree"] == 5


def two_cliques() -> nx.Graph:
    left, right = ["l0", "l1", "l2", "l3"], ["r0", "r1", "r2", "r3"]
    edges = [(a, b, 1) for group in (left, right) for i, a in enumerate(group) for b in group[i + 1:]]
    return weighted(edges + [("l0", "r0", 1)])


def test_analytics_two_cliques_bridge_and_communities():
    G = two_cliques()
    rows = analytics.metrics(G)
    # the bridge ends carry every path between the cliques
    assert {r["iri"] for r in rows[:2]} == {"l0", "r0"}
    top = by_iri(rows)
    assert top["l0"]["betweenness"] == top["r0"]["betweenness"]
    assert top["l0"]["betweenness"] > 0.5 and top["l1"]["betweenness"] == 0
    community = {r["iri"]: r["community"] for r in rows}
    assert len(set(community.values())) == 2
    assert len({community[n] for n in ("l0", "l1", "l2", "l3")}) == 1
    assert community["l0"] != community["r0"]


def test_analytics_communities_are_stable_and_numbered_by_size():
    G = two_cliques()
    G.add_edges_from([("r3", "x1", {"weight": 1}), ("x1", "x2", {"weight": 1})])
    for n in G:
        G.nodes[n].setdefault("label", n)
    first, second = analytics.communities(G), analytics.communities(G)
    assert first == second
    sizes = [sum(1 for c in first.values() if c == k) for k in sorted(set(first.values()))]
    assert sizes == sorted(sizes, reverse=True)


def test_analytics_sampled_betweenness_above_the_limit(monkeypatch):
    G = nx.barbell_graph(6, 3)
    nx.set_node_attributes(G, {n: str(n) for n in G}, "label")
    exact = nx.betweenness_centrality(G)
    monkeypatch.setattr(analytics, "EXACT_BETWEENNESS_LIMIT", 5)
    monkeypatch.setattr(analytics, "BETWEENNESS_SAMPLES", 4)
    sampled = analytics.betweenness(G)
    assert sampled == analytics.betweenness(G)  # seeded
    assert sampled != exact
    monkeypatch.setattr(analytics, "BETWEENNESS_SAMPLES", 10_000)  # k = n: every source
    assert analytics.betweenness(G) == pytest.approx(exact)


def test_analytics_metrics_of_empty_and_edgeless_graphs():
    assert analytics.metrics(nx.Graph()) == []
    G = nx.Graph()
    G.add_nodes_from([("a", {"label": "a"}), ("b", {"label": "b"})])
    rows = analytics.metrics(G)
    assert [r["pagerank"] for r in rows] == [0.5, 0.5]


# ---------------------------------------------------------------- projections of the fixture

def test_analytics_actor_network_of_fixture(fixture_graph):
    G = analytics.actor_network(fixture_graph)
    # UN takes part in no event; Sultanova is participant and host of m2 but counts once
    assert sorted(G) == sorted([SULTANOVA, HOLM, ALVES, KZ_STATE, NO_STATE])
    edges = {frozenset((short(a), short(b))): d for a, b, d in G.edges(data=True)}
    assert set(edges) == {frozenset(p) for p in [
        ("aigerim-sultanova", "lars-holm"), ("aigerim-sultanova", "pedro-alves"),
        ("aigerim-sultanova", "NO"), ("pedro-alves", "KZ"), ("KZ", "NO")]}
    assert all(d["weight"] == 1 for d in edges.values())
    assert edges[frozenset(("KZ", "NO"))]["relations"] == {"agreement": 1}
    assert edges[frozenset(("aigerim-sultanova", "pedro-alves"))]["kinds"] == ["talks"]
    visit = edges[frozenset(("pedro-alves", "KZ"))]["evidence"][0]
    assert visit["article"] == "UN chief visits Astana" and visit["year"] == 2024
    assert visit["sentence"].startswith("UN Secretary-General Pedro Alves visited Kazakhstan")
    person = G.nodes[SULTANOVA]
    assert person["kind"] == "Person" and person["label"] == "Aigerim Sultanova"
    assert person["posts"] == ["Foreign Minister of Kazakhstan"] and person["aliases"] == ["Sultanova"]
    assert person["represents"] == [KZ_STATE] and person["years"] == [2024, 2025]
    assert G.nodes[KZ_STATE]["kind"] == "State"


def test_analytics_state_network_lifts_people_to_what_they_represent(fixture_graph):
    G = analytics.state_network(fixture_graph)
    assert sorted(G) == sorted([KZ_STATE, NO_STATE, UN])
    assert G.edges[KZ_STATE, NO_STATE]["weight"] == 3  # m1, v1, g1
    assert G.edges[KZ_STATE, NO_STATE]["relations"] == {"agreement": 1, "meeting": 1, "visit": 1}
    assert G.edges[KZ_STATE, UN]["weight"] == 2  # v2, m2
    assert not G.has_edge(NO_STATE, UN)
    assert G.nodes[UN]["represented_by"] == ["Pedro Alves"]


def test_analytics_bipartite_links_actors_to_organizations_only(fixture_graph):
    B = analytics.bipartite_actor_org(fixture_graph)
    assert {frozenset(e) for e in B.edges} == {frozenset((ALVES, UN))}
    assert B.nodes[UN]["bipartite"] == 1 and B.nodes[ALVES]["bipartite"] == 0
    assert B.edges[ALVES, UN]["relations"] == {"represents": 1}
    assert nx.is_bipartite(B)


def test_analytics_merge_folds_officials_into_their_state(fixture_graph):
    M = analytics.actor_network(fixture_graph, merge={SULTANOVA: KZ_STATE})
    assert set(M) == {KZ_STATE, NO_STATE, HOLM, ALVES}
    assert M.edges[KZ_STATE, NO_STATE]["weight"] == 2      # v1 (her visit) and g1
    assert M.edges[KZ_STATE, ALVES]["weight"] == 2         # v2 and m2, counted once each
    assert M.edges[KZ_STATE, HOLM]["relations"] == {"meeting": 1}
    assert M.nodes[KZ_STATE]["represented_by"] == ["Aigerim Sultanova"]
    assert M.nodes[KZ_STATE]["events"] == 5


def test_analytics_year_slices_agree_both_ways(fixture_graph):
    G = analytics.actor_network(fixture_graph)
    assert analytics.years(G) == [2024, 2025]
    for year, nodes in ((2024, {ALVES, KZ_STATE, SULTANOVA}),
                        (2025, {SULTANOVA, HOLM, NO_STATE, KZ_STATE})):
        sliced = analytics.slice_by_year(G, year)
        direct = analytics.slice_by_year(fixture_graph, year)
        assert set(sliced) == set(direct) == nodes
        assert {frozenset(e) for e in sliced.edges} == {frozenset(e) for e in direct.edges}
        for a, b in sliced.edges:
            assert sliced.edges[a, b]["weight"] == direct.edges[a, b]["weight"]
            assert sliced.edges[a, b]["years"] == [year]
    assert analytics.slice_by_year(G, 1999).number_of_nodes() == 0


def test_analytics_ego_network_radius_and_centres(fixture_graph):
    G = analytics.actor_network(fixture_graph)
    assert set(analytics.ego_network(G, HOLM, 1)) == {HOLM, SULTANOVA}
    assert set(analytics.ego_network(G, HOLM, 2)) == {HOLM, SULTANOVA, NO_STATE, ALVES}
    ego = analytics.ego_network(G, [HOLM, KZ_STATE], 1)
    assert set(ego) == {HOLM, SULTANOVA, KZ_STATE, NO_STATE, ALVES}
    assert ego.nodes[HOLM]["ego"] and not ego.nodes[SULTANOVA]["ego"]
    with pytest.raises(KzGraphError, match="not in the network"):
        analytics.ego_network(G, str(KZD["state/XX"]))


def test_analytics_find_node_by_label_alias_code_and_curie(fixture_graph):
    G = analytics.actor_network(fixture_graph)
    assert analytics.find_node(G, "kazakhstan") == KZ_STATE
    assert analytics.find_node(G, "KZ") == KZ_STATE
    assert analytics.find_node(G, "kzd:state/NO") == NO_STATE
    assert analytics.find_node(G, "Sultanova") == SULTANOVA
    with pytest.raises(KzGraphError):
        analytics.find_node(G, "Atlantis")


def test_analytics_counterparts_ranked_by_shared_events(fixture_graph):
    rows = analytics.counterparts(analytics.state_network(fixture_graph), KZ_STATE)
    assert [(r["label"], r["shared_events"]) for r in rows] == [("Norway", 3), ("United Nations", 2)]
    assert rows[0]["relations"] == "agreement:1 meeting:1 visit:1"
    assert (rows[1]["first_date"], rows[1]["last_date"]) == ("2024", "2024")


# ---------------------------------------------------------------- projections: edge cases

def tiny_graph() -> tuple[Graph, dict[str, URIRef]]:
    g = Graph()
    kinds = {"p1": KZ.Person, "p2": KZ.Person, "p3": KZ.Person, "lone": KZ.Person,
             "A": KZ.State, "B": KZ.State}
    iri = {k: KZD[("state/" if v == KZ.State else "person/") + k] for k, v in kinds.items()}
    for key, cls in kinds.items():
        g.add((iri[key], RDF.type, cls))
        g.add((iri[key], RDFS.label, Literal(key)))
    g.add((iri["p1"], KZ.represents, iri["A"]))
    g.add((iri["p2"], KZ.represents, iri["A"]))
    g.add((iri["p3"], KZ.represents, iri["B"]))
    g.add((iri["lone"], SKOS.altLabel, Literal("Loner")))

    def event(name, cls, date, *actors, role=KZ.participant):
        e = KZD[f"meeting/{name}"]
        g.add((e, RDF.type, cls))
        if date:
            g.add((e, KZ.date, Literal(date, datatype=XSD.gYear if len(date) == 4 else XSD.date)))
        for a in actors:
            g.add((e, role, iri[a]))

    event("e1", KZ.Meeting, "2020-01-02", "p1", "p2", "p3")     # triangle; p1-p2 same state
    event("e2", KZ.Meeting, "2021", "p1", "p3")                  # p1-p3 twice
    event("e3", KZ.Meeting, None, "p1", "lone")                   # undated; lone represents nothing
    event("e4", KZ.Agreement, "2021", "A", "B", role=KZ.party)
    return g, iri


def test_analytics_events_link_every_pair_and_count_repeats():
    g, iri = tiny_graph()
    G = analytics.actor_network(g)
    assert G.edges[str(iri["p1"]), str(iri["p3"])]["weight"] == 2
    assert G.edges[str(iri["p2"]), str(iri["p3"])]["weight"] == 1
    assert G.edges[str(iri["A"]), str(iri["B"])]["relations"] == {"agreement": 1}
    assert G.nodes[str(iri["lone"])]["years"] == []  # undated event: in the network, in no year
    assert str(iri["lone"]) not in analytics.slice_by_year(G, 2020)


def test_analytics_state_network_drops_same_state_and_unrepresented_people():
    g, iri = tiny_graph()
    S = analytics.state_network(g)
    assert sorted(S) == sorted([str(iri["A"]), str(iri["B"])])
    # e1 (p1,p2 of A with p3 of B), e2 (p1 with p3), e4 (A with B): three events, no self-loop
    assert S.edges[str(iri["A"]), str(iri["B"])]["weight"] == 3
    assert nx.number_of_selfloops(S) == 0
    assert analytics.state_network(g, year=2021).edges[str(iri["A"]), str(iri["B"])]["weight"] == 2


def test_analytics_unknown_network_is_an_error():
    with pytest.raises(KzGraphError, match="unknown network"):
        analytics.project(Graph(), "planets")


# ---------------------------------------------------------------- kzgraph analyze

def kzgraph(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kzgraph", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_analytics_cli_table_csv_and_json():
    table = kzgraph("analyze", str(FIXTURE))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["rank", "label", "kind"]
    assert "Aigerim Sultanova" in lines[2] and lines[2].split()[0] == "1"
    rows = list(csv.DictReader(io.StringIO(kzgraph("analyze", str(FIXTURE), "--format", "csv").stdout)))
    assert len(rows) == 5 and rows[0]["iri"] == SULTANOVA and rows[0]["degree"] == "3"
    data = json.loads(kzgraph("analyze", str(FIXTURE), "--format", "json", "--year", "2024").stdout)
    assert {r["label"] for r in data} == {"Aigerim Sultanova", "Pedro Alves", "Kazakhstan"}


def test_analytics_cli_ego_counterparts_to_file(tmp_path):
    out = tmp_path / "kz.json"
    result = kzgraph("analyze", str(FIXTURE), "--network", "states", "--ego", "Kazakhstan",
                     "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["label"], r["shared_events"]) for r in rows] == [("Norway", 3), ("United Nations", 2)]


def test_analytics_cli_top_limits_rows():
    data = json.loads(kzgraph("analyze", str(FIXTURE), "--top", "2", "--format", "json").stdout)
    assert len(data) == 2


@pytest.mark.parametrize("args", [("missing.ttl",), (str(FIXTURE), "--ego", "Atlantis"),
                                  (str(FIXTURE), "--network", "planets")])
def test_analytics_cli_input_errors_exit_2(args):
    result = kzgraph("analyze", *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.strip() and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the sample graph

ROLES = "kz:participant kz:visitor kz:destination kz:host kz:party"
EVENT_TYPES = "kz:Meeting kz:Visit kz:Agreement"


def sample_graph() -> Graph:
    if not SAMPLE.is_file():
        pytest.fail(f"{SAMPLE.relative_to(ROOT)} is missing: build it with `kzgraph build` first")
    return load_graph(SAMPLE)


def test_analytics_sample_kazakhstan_counterparts_match_sparql():
    """State level: Kazakhstan's counterparts by shared events, counted independently from
    three plain SPARQL queries (a person stands for the states and organizations it
    represents)."""
    g = sample_graph()
    prefix = f"PREFIX kz: <{KZ}>\n"
    actors_of: dict[str, set[str]] = {}
    for row in g.query(prefix + f"""SELECT DISTINCT ?e ?a WHERE {{
            VALUES ?cls {{ {EVENT_TYPES} }} VALUES ?r {{ {ROLES} }}
            ?e a ?cls ; ?r ?a . FILTER isIRI(?a) }}"""):
        actors_of.setdefault(str(row.e), set()).add(str(row.a))
    units = {str(row.s) for row in g.query(prefix + """SELECT ?s WHERE {
            VALUES ?k { kz:State kz:Organization } ?s a ?k }""")}
    represents: dict[str, set[str]] = {}
    for row in g.query(prefix + """SELECT DISTINCT ?p ?c WHERE {
            { ?p kz:represents ?c } UNION { ?p kz:holdsPost ?post . ?post kz:postIn ?c } }"""):
        represents.setdefault(str(row.p), set()).add(str(row.c))
    expected: dict[str, int] = {}
    for actors in actors_of.values():
        sides = set()
        for a in actors:
            sides |= {a} if a in units else represents.get(a, set()) & units
        if KZ_STATE in sides:
            for other in sides - {KZ_STATE}:
                expected[other] = expected.get(other, 0) + 1
    assert expected, "Kazakhstan has no counterparts in the sample graph"
    result = kzgraph("analyze", "--network", "states", "--ego", "KZ", "--top", "0", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["iri"]: r["shared_events"] for r in rows} == expected
    counts = [r["shared_events"] for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] == max(expected.values())
    print("Kazakhstan's top counterparts:", [(r["label"], r["shared_events"]) for r in rows[:10]])


def test_analytics_sample_actor_degrees_match_sparql():
    """Actor level: every actor's number of distinct co-actors and of shared events."""
    g = sample_graph()
    query = f"""
    PREFIX kz: <{KZ}>
    SELECT ?a (COUNT(DISTINCT ?b) AS ?deg) WHERE {{
      VALUES ?cls {{ {EVENT_TYPES} }} VALUES ?r1 {{ {ROLES} }} VALUES ?r2 {{ {ROLES} }}
      ?e a ?cls ; ?r1 ?a ; ?r2 ?b .
      FILTER (isIRI(?a) && isIRI(?b) && ?a != ?b)
    }} GROUP BY ?a"""
    degree = {str(row.a): int(row.deg) for row in g.query(query)}
    result = kzgraph("analyze", "--top", "0", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["iri"]: r["degree"] for r in rows if r["degree"]} == degree
    direct = f"""
    PREFIX kz: <{KZ}>
    SELECT ?b (COUNT(DISTINCT ?e) AS ?n) WHERE {{
      VALUES ?cls {{ {EVENT_TYPES} }} VALUES ?r1 {{ {ROLES} }} VALUES ?r2 {{ {ROLES} }}
      ?e a ?cls ; ?r1 <{KZ_STATE}> ; ?r2 ?b . FILTER (isIRI(?b) && ?b != <{KZ_STATE}>)
    }} GROUP BY ?b"""
    expected = {str(row.b): int(row.n) for row in g.query(direct)}
    ego = kzgraph("analyze", "--ego", "Kazakhstan", "--top", "0", "--format", "json")
    assert ego.returncode == 0, ego.stderr
    assert {r["iri"]: r["shared_events"] for r in json.loads(ego.stdout)} == expected
