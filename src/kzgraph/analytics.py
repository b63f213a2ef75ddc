"""Network analytics: project the RDF graph onto networkx graphs and measure them.

Three projections, all undirected ``nx.Graph`` objects keyed by IRI strings:

- :func:`actor_network`: persons, states and organizations that take part in an event
  (``kz:participant``, ``kz:visitor``, ``kz:destination``, ``kz:host``, ``kz:party``);
  every pair of actors of one meeting, visit or agreement is linked.
- :func:`state_network`: the same events lifted to states and organizations: a person
  stands for whatever it ``kz:represents`` (or holds a ``kz:postIn``); persons who
  represent nothing drop out.
- :func:`bipartite_actor_org`: persons and states (``bipartite=0``) against
  organizations (``bipartite=1``), linked by shared events and by membership.

Node attributes: ``kind`` (Person, State, Organization; Actor when untyped), ``label``,
``iri``, ``aliases``, ``posts``, ``represents``, ``years``, ``events`` (how many events),
``evidence``. Edge attributes: ``weight`` (number of shared events, plus one for a
membership), ``relations`` ({"meeting": 2, ...}), ``kinds``, ``dates``, ``years`` and
``evidence`` (one record per event: relation, kind, date, year, sentence, article).

The module never prints; problems are raised as :class:`kzgraph.errors.KzGraphError`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable, Iterator

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kzgraph.errors import KzGraphError
from kzgraph.namespaces import KZ, KZD

SEED = 42
"""Seed for every randomised step (Louvain, sampled betweenness), so results are stable."""

EXACT_BETWEENNESS_LIMIT = 3000
"""Above this many nodes betweenness is estimated from ``BETWEENNESS_SAMPLES`` sources."""
BETWEENNESS_SAMPLES = 200

ACTOR_CLASSES = {KZ.Person: "Person", KZ.State: "State", KZ.Organization: "Organization"}
"""Actor classes in the order used to pick one kind for a node."""
EVENT_CLASSES = {KZ.Meeting: "meeting", KZ.Visit: "visit", KZ.Agreement: "agreement"}
"""Event classes and the relation name their links carry."""
ACTOR_ROLES = (KZ.participant, KZ.visitor, KZ.destination, KZ.host, KZ.party)
"""Properties that tie an actor to an event."""

NETWORKS = ("actors", "states", "bipartite")

_YEAR = re.compile(r"^(\d{4})")


@dataclass(frozen=True)
class Event:
    """One meeting, visit or agreement as read from the graph.

    iri (str): the event. relation (str): meeting, visit or agreement. kind (str): kz:kind.
    label (str): rdfs:label. date (str | None): lexical kz:date. year (int | None).
    sentence (str | None): evidence text. article (str | None): article title.
    actors (tuple[str, ...]): sorted actor IRIs.
    """

    iri: str
    relation: str
    kind: str
    label: str
    date: str | None
    year: int | None
    sentence: str | None
    article: str | None
    actors: tuple[str, ...]

    def record(self) -> dict:
        """The evidence record stored on edges and nodes."""
        return {"event": self.iri, "relation": self.relation, "kind": self.kind,
                "label": self.label, "date": self.date, "year": self.year,
                "sentence": self.sentence, "article": self.article}


# ---------------------------------------------------------------- reading the graph

def _text(graph: Graph, subject, *predicates) -> str | None:
    """The smallest literal value of the first predicate that has one (deterministic)."""
    for predicate in predicates:
        values = sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal))
        if values:
            return values[0]
    return None


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def year_of(date: str | None) -> int | None:
    """The year of a lexical xsd:date, xsd:gYearMonth or xsd:gYear (None if there is none)."""
    match = _YEAR.match(date or "")
    return int(match.group(1)) if match else None


def read_events(graph: Graph) -> list[Event]:
    """Every typed meeting, visit and agreement with its actors, sorted by IRI."""
    events = []
    for cls, relation in EVENT_CLASSES.items():
        for event in set(graph.subjects(RDF.type, cls)):
            if not isinstance(event, URIRef):
                continue
            actors = {str(a) for role in ACTOR_ROLES for a in graph.objects(event, role)
                      if isinstance(a, URIRef)}
            date = _text(graph, event, KZ.date)
            sentence = article = None
            for node in sorted(graph.objects(event, KZ.sentence)):
                sentence = _text(graph, node, KZ.text)
                break
            for node in sorted(graph.objects(event, KZ.article)):
                article = _text(graph, node, KZ.title, RDFS.label)
                break
            events.append(Event(
                iri=str(event), relation=relation, kind=_text(graph, event, KZ.kind) or relation,
                label=_text(graph, event, RDFS.label) or _local_name(str(event)), date=date,
                year=year_of(date), sentence=sentence, article=article, actors=tuple(sorted(actors))))
    events.sort(key=lambda e: e.iri)
    return events


def read_actor(graph: Graph, iri: str) -> dict:
    """The node attributes of one actor: kind, label, iri, aliases, posts, represents."""
    node = URIRef(iri)
    types = set(graph.objects(node, RDF.type))
    kind = next((name for cls, name in ACTOR_CLASSES.items() if cls in types), "Actor")
    posts, represents = set(), {str(o) for o in graph.objects(node, KZ.represents)}
    for post in graph.objects(node, KZ.holdsPost):
        title = _text(graph, post, KZ.title, RDFS.label)
        if title:
            posts.add(title)
        represents.update(str(o) for o in graph.objects(post, KZ.postIn))
    label = _text(graph, node, RDFS.label) or _local_name(iri)
    aliases = sorted({str(o) for o in graph.objects(node, SKOS.altLabel)} - {label})
    return {"kind": kind, "label": label, "iri": iri, "aliases": aliases,
            "posts": sorted(posts), "represents": sorted(represents)}


# ---------------------------------------------------------------- building projections

def _link_events(actors: dict[str, dict], links: Iterable[tuple[Event, set[str]]]) -> nx.Graph:
    """A graph whose nodes are the given actors that take part in a link and whose edges
    join every pair of one event's (mapped) actors."""
    node_events: dict[str, list[Event]] = defaultdict(list)
    edge_events: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event, members in links:
        for member in members:
            node_events[member].append(event)
        for pair in combinations(sorted(members), 2):
            edge_events[pair].append(event)
    G = nx.Graph()
    for iri in sorted(node_events):
        summary = _summary(node_events[iri])
        del summary["weight"]
        G.add_node(iri, **actors[iri], **summary)
    for (a, b), events in sorted(edge_events.items()):
        G.add_edge(a, b, **_summary(events))
    return G


def _summary(events: list[Event]) -> dict:
    """Counts, dates, years and evidence of a list of events, de-duplicated by IRI."""
    unique = sorted({e.iri: e for e in events}.values(), key=lambda e: (e.date or "", e.iri))
    return {
        "weight": len(unique),
        "events": len(unique),
        "relations": dict(sorted(Counter(e.relation for e in unique).items())),
        "kinds": sorted({e.kind for e in unique}),
        "dates": sorted({e.date for e in unique if e.date}),
        "years": sorted({e.year for e in unique if e.year is not None}),
        "evidence": [e.record() for e in unique],
    }


def _select(events: list[Event], year: int | None) -> list[Event]:
    return events if year is None else [e for e in events if e.year == year]


def actor_network(graph: Graph, *, year: int | None = None,
                  merge: dict[str, str] | None = None) -> nx.Graph:
    """Persons, states and organizations linked by shared meetings, visits and agreements.

    Args:
        graph: a kzgraph RDF graph (docs/graph-shape.md).
        year: keep only events dated in this year.
        merge: actor -> actor it is counted as (e.g. officials -> their state); the labels
            of merged actors are listed in the target's ``represented_by``.

    Returns:
        An undirected graph; actors that take part in no (kept) event are left out.
    """
    merge = merge or {}
    events = _select(read_events(graph), year)
    info = {iri: read_actor(graph, iri) for iri in sorted({a for e in events for a in e.actors})}
    for target in set(merge.values()) - set(info):
        info[target] = read_actor(graph, target)
    G = _link_events(info, ((e, {merge.get(a, a) for a in e.actors}) for e in events))
    merged: dict[str, set[str]] = defaultdict(set)
    for source, target in merge.items():
        if source in info and target in G:
            merged[target].add(info[source]["label"])
    for node, labels in merged.items():
        G.nodes[node]["represented_by"] = sorted(labels)
    return G


def state_network(graph: Graph, *, year: int | None = None) -> nx.Graph:
    """States and organizations linked by the events they or their people share.

    A person is replaced by the states and organizations it represents; two people of the
    same state meeting each other give no edge. Node attribute ``represented_by`` lists the
    labels of the people lifted into a node.
    """
    events = _select(read_events(graph), year)
    info = {iri: read_actor(graph, iri) for iri in sorted({a for e in events for a in e.actors})}
    lifted: dict[str, set[str]] = {}
    for iri, attrs in info.items():
        if attrs["kind"] in ("State", "Organization"):
            lifted[iri] = {iri}
        else:
            lifted[iri] = set(attrs["represents"])
    targets = {t for ts in lifted.values() for t in ts}
    actors = {t: info[t] if t in info else read_actor(graph, t) for t in targets}
    actors = {t: a for t, a in actors.items() if a["kind"] in ("State", "Organization")}
    people: dict[str, set[str]] = defaultdict(set)
    for iri, attrs in info.items():
        if attrs["kind"] == "Person":
            for target in lifted[iri]:
                people[target].add(attrs["label"])

    def links() -> Iterator[tuple[Event, set[str]]]:
        for event in events:
            members = {t for a in event.actors for t in lifted.get(a, ()) if t in actors}
            if members:
                yield event, members

    G = _link_events(actors, links())
    for node in G:
        G.nodes[node]["represented_by"] = sorted(people.get(node, ()))
    return G


def bipartite_actor_org(graph: Graph, *, year: int | None = None) -> nx.Graph:
    """Persons and states (``bipartite=0``) linked to organizations (``bipartite=1``).

    An edge joins an actor and an organization that share an event (weight: shared events)
    or a person and the organization it represents (relation ``represents``, weight 1).
    Pairs within one side are not linked.
    """
    actors_net = actor_network(graph, year=year)
    B = nx.Graph()
    for a, b, data in sorted(actors_net.edges(data=True)):
        kinds = {actors_net.nodes[a]["kind"], actors_net.nodes[b]["kind"]}
        if "Organization" in kinds and len(kinds) == 2:
            B.add_edge(a, b, **data)
    for person, attrs in actors_net.nodes(data=True):
        if attrs["kind"] != "Person":
            continue
        for org in attrs["represents"]:
            if read_actor(graph, org)["kind"] != "Organization":
                continue
            if B.has_edge(person, org):
                data = B.edges[person, org]
            else:
                B.add_edge(person, org, weight=0, events=0, relations={}, kinds=[], dates=[],
                           years=[], evidence=[])
                data = B.edges[person, org]
            data["weight"] += 1
            data["relations"] = dict(sorted({**data["relations"], "represents": 1}.items()))
    for node in list(B):
        attrs = dict(actors_net.nodes[node]) if node in actors_net else {
            **read_actor(graph, node), **{k: v for k, v in _summary([]).items() if k != "weight"}}
        attrs["bipartite"] = 1 if attrs["kind"] == "Organization" else 0
        B.add_node(node, **attrs)
    # rebuild in sorted order so iteration (and anything drawn from it) is deterministic
    S = nx.Graph()
    S.add_nodes_from(sorted(B.nodes(data=True)))
    S.add_edges_from(sorted(B.edges(data=True)))
    return S


def project(graph: Graph, network: str = "actors", *, year: int | None = None) -> nx.Graph:
    """The named projection: ``actors``, ``states`` or ``bipartite``."""
    builders = {"actors": actor_network, "states": state_network, "bipartite": bipartite_actor_org}
    try:
        builder = builders[network]
    except KeyError:
        raise KzGraphError(f"unknown network {network!r} (known: {', '.join(NETWORKS)})") from None
    return builder(graph, year=year)


# ---------------------------------------------------------------- sub-networks

def ego_network(G: nx.Graph, center: str | Iterable[str], radius: int = 1) -> nx.Graph:
    """The nodes within radius hops of center (one node or several) and the edges among them.

    Center nodes get the attribute ``ego=True``. Raises KzGraphError if a center is missing.
    """
    centers = [center] if isinstance(center, str) else sorted(center)
    missing = [c for c in centers if c not in G]
    if missing or not centers:
        raise KzGraphError(f"not in the network: {', '.join(missing) or '(no centre given)'}")
    keep: set[str] = set()
    for c in centers:
        keep.update(nx.single_source_shortest_path_length(G, c, cutoff=radius))
    E = nx.Graph()
    E.add_nodes_from((n, {**G.nodes[n], "ego": n in centers}) for n in sorted(keep))
    E.add_edges_from(sorted((a, b, dict(d)) for a, b, d in G.subgraph(keep).edges(data=True)))
    return E


def slice_by_year(graph_or_G: Graph | nx.Graph, year: int, network: str = "actors") -> nx.Graph:
    """Only what happened in year.

    From an RDF graph, build the named projection from that year's events. From a
    projection, keep the evidence dated in that year, recount weights and relations, and
    keep the nodes whose events include that year.
    """
    if isinstance(graph_or_G, Graph):
        return project(graph_or_G, network, year=year)
    G = graph_or_G
    S = nx.Graph()
    for node, attrs in G.nodes(data=True):
        if year in attrs.get("years", ()):
            S.add_node(node, **_resummarise(attrs, year))
    for a, b, attrs in G.edges(data=True):
        if year in attrs.get("years", ()) and a in S and b in S:
            S.add_edge(a, b, **_resummarise(attrs, year))
    return S


def _resummarise(attrs: dict, year: int) -> dict:
    evidence = [r for r in attrs.get("evidence", ()) if r.get("year") == year]
    out = dict(attrs)
    out.update({
        "weight": len(evidence), "events": len(evidence),
        "relations": dict(sorted(Counter(r["relation"] for r in evidence).items())),
        "kinds": sorted({r["kind"] for r in evidence}),
        "dates": sorted({r["date"] for r in evidence if r["date"]}),
        "years": [year], "evidence": evidence,
    })
    return out


def find_node(G: nx.Graph, key: str) -> str:
    """Resolve key to a node: an IRI, a ``kzd:`` name, an ISO state code or a label/alias
    (case-insensitive). Raises KzGraphError when nothing or several nodes match."""
    candidates = [key]
    if key.startswith("kzd:"):
        candidates.append(str(KZD) + key[4:])
    if re.fullmatch(r"[A-Za-z]{2}", key):
        candidates.append(str(KZD) + "state/" + key.upper())
    for candidate in candidates:
        if candidate in G:
            return candidate
    wanted = key.casefold()
    hits = sorted(n for n, a in G.nodes(data=True) if a.get("label", "").casefold() == wanted)
    if not hits:
        hits = sorted(n for n, a in G.nodes(data=True)
                      if wanted in (x.casefold() for x in a.get("aliases", ())))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise KzGraphError(f"{key!r} names several nodes: {', '.join(hits)}")
    raise KzGraphError(f"{key!r} is not in the network")


# ---------------------------------------------------------------- metrics

def communities(G: nx.Graph, *, seed: int = SEED) -> dict[str, int]:
    """Louvain communities numbered 0.. by size (largest first), ties by smallest node."""
    if G.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(G, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {node: i for i, members in enumerate(ordered) for node in members}


def betweenness(G: nx.Graph, *, seed: int = SEED) -> dict[str, float]:
    """Normalised betweenness by hop count: exact up to EXACT_BETWEENNESS_LIMIT nodes,
    estimated from BETWEENNESS_SAMPLES seeded sources above."""
    n = G.number_of_nodes()
    if n > EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(G, k=min(BETWEENNESS_SAMPLES, n), seed=seed)
    return nx.betweenness_centrality(G)


def metrics(G: nx.Graph, *, seed: int = SEED, with_betweenness: bool = True) -> list[dict]:
    """One row per node, ranked by weighted degree, then degree, PageRank and label.

    Row keys: rank, iri, label, kind, degree, weighted_degree, betweenness (None when
    with_betweenness is false: it is the one slow measure), pagerank, community.
    """
    if G.number_of_nodes() == 0:
        return []
    strength = dict(G.degree(weight="weight"))
    between = betweenness(G, seed=seed) if with_betweenness else dict.fromkeys(G)
    rank = nx.pagerank(G, weight="weight") if G.number_of_edges() else {
        n: 1 / G.number_of_nodes() for n in G}
    community = communities(G, seed=seed)
    rows = [{
        "iri": n, "label": a.get("label", n), "kind": a.get("kind", ""),
        "degree": G.degree(n), "weighted_degree": strength[n],
        "betweenness": None if between[n] is None else round(between[n], 6), "pagerank": round(rank[n], 6),
        "community": community[n],
    } for n, a in G.nodes(data=True)]
    rows.sort(key=lambda r: (-r["weighted_degree"], -r["degree"], -r["pagerank"], r["label"], r["iri"]))
    return [{"rank": i, **row} for i, row in enumerate(rows, 1)]


def counterparts(G: nx.Graph, node: str) -> list[dict]:
    """The neighbours of node ranked by shared events (edge weight), then label.

    Row keys: rank, iri, label, kind, shared_events, relations ("meeting:2 visit:1"),
    first_date, last_date.
    """
    if node not in G:
        raise KzGraphError(f"{node} is not in the network")
    rows = []
    for other in G.neighbors(node):
        edge, attrs = G.edges[node, other], G.nodes[other]
        dates = edge.get("dates", [])
        rows.append({
            "iri": other, "label": attrs.get("label", other), "kind": attrs.get("kind", ""),
            "shared_events": edge.get("weight", 1),
            "relations": " ".join(f"{k}:{v}" for k, v in edge.get("relations", {}).items()),
            "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else "",
        })
    rows.sort(key=lambda r: (-r["shared_events"], r["label"], r["iri"]))
    return [{"rank": i, **row} for i, row in enumerate(rows, 1)]


def years(G: nx.Graph) -> list[int]:
    """Every year some node of G took part in an event, ascending."""
    return sorted({y for _, a in G.nodes(data=True) for y in a.get("years", ())})
