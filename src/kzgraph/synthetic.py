"""Generated graphs of kzgraph's shape (docs/graph-shape.md), of any size, for benchmarks and
for tests that need more than the sample: states, organizations, persons holding posts,
articles of sentences, and meetings, visits and agreements that cite them. The same seed
and size always give the same Turtle."""

from __future__ import annotations

import random

from kzgraph.emit import roles_key
from kzgraph.namespaces import KZD

TRIPLES_PER_ARTICLE = 68
"""About how many triples one generated article (with its events and new people) adds."""

_HEADER = """@prefix kz: <https://kzgraph.org/ontology#> .
@prefix kzd: <https://kzgraph.org/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
_FIRST = ["Aigerim", "Yerzhan", "Lars", "Pedro", "Maria", "Arman", "Helene", "Roman", "Yvette", "Antonio",
          "Mukhtar", "Tatiana", "Doreen", "Volker", "Kassym", "Gilbert"]
_LAST = ["Sultanova", "Ashikbayev", "Holm", "Alves", "Issetov", "Andresen", "Vassilenko", "Cooper",
         "Guterres", "Tleuberdi", "Valovaya", "Martin", "Turk", "Houngbo", "Kosherbayev", "Nowak"]


def generate(triples: int, *, seed: int = 7) -> str:
    """Turtle of a graph of kzgraph's shape with about this many triples."""
    rng = random.Random(seed)
    articles = max(1, triples // TRIPLES_PER_ARTICLE)
    states = max(4, min(200, articles // 4))
    orgs = max(2, states // 4)
    out = [_HEADER]
    actors = []
    for i in range(states):
        code = chr(65 + i // 26) + chr(65 + i % 26)
        out.append(f'kzd:state\\/{code} a kz:State ; rdfs:label "State {i}"@en ; skos:altLabel "Statish {i}"@en ; '
                   f'kz:isoCode "{code}" .')
        actors.append(f"kzd:state\\/{code}")
    for i in range(orgs):
        out.append(f'kzd:org\\/o{i} a kz:Organization, kz:InternationalOrganization ; rdfs:label "Organization {i}"@en ; '
                   f'skos:altLabel "O{i}"@en .')
        actors.append(f"kzd:org\\/o{i}")
    persons = []
    for a in range(articles):
        year = 2018 + a % 9
        date = f"{year}-{1 + a % 12:02d}-{1 + a % 28:02d}"
        article = f"kzd:article\\/f{a}\\/0"
        out.append(f'{article} a kz:Article ; rdfs:label "Article {a}"@en ; kz:title "Article {a}"@en ; '
                   f'kz:date "{date}"^^xsd:date ; kz:sourceFile "f{a}.txt" ; kz:position 0 .')
        sentences = [f"{article}\\/s{s}" for s in range(3)]
        for s, sentence in enumerate(sentences):
            out.append(f'{sentence} a kz:Sentence ; kz:partOf {article} ; kz:position {s} ; '
                       f'kz:text "Sentence {s} of article {a}, where officials met and signed."@en .')
        for _ in range(2 if a % 3 else 3):
            n = len(persons)
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {n}"
            person = f"kzd:person\\/p{n}"
            owner = rng.choice(actors)
            out.append(f'{person} a kz:Person ; rdfs:label "{name}"@en ; skos:altLabel "{name.split()[1]} {n}"@en ; '
                       f'kz:holdsPost kzd:post\\/q{n} ; kz:represents {owner} ; kz:mentionedIn {article} .')
            out.append(f'kzd:post\\/q{n} a kz:Post ; rdfs:label "Minister {n}"@en ; kz:title "Minister {n}"@en ; '
                       f'kz:postIn {owner} ; kz:article {article} ; kz:sentence {sentences[0]} .')
            persons.append(person)
        known = persons[-40:]
        meeting = rng.sample(known, min(len(known), rng.choice((2, 2, 3, 4))))
        key = _key([("participant", p) for p in meeting] + [("host", meeting[0])])
        out.append(f'kzd:meeting\\/m{a} a kz:Meeting ; rdfs:label "Meeting {a}"@en ; kz:kind "meeting" ; '
                   f'kz:participant {", ".join(meeting)} ; kz:host {meeting[0]} ; kz:date "{date}"^^xsd:date ; '
                   f'kz:rolesKey "{key}" ; kz:article {article} ; kz:sentence {sentences[0]} .')
        visitor, destination = rng.choice(known), actors[rng.randrange(states)]
        out.append(f'kzd:visit\\/v{a} a kz:Visit ; rdfs:label "Visit {a}"@en ; kz:kind "visit" ; '
                   f'kz:visitor {visitor} ; kz:destination {destination} ; '
                   f'kz:rolesKey "{_key([("visitor", visitor), ("destination", destination)])}" ; '
                   f'kz:date "{date}"^^xsd:date ; kz:article {article} ; kz:sentence {sentences[1]} .')
        if a % 2 == 0:
            parties = rng.sample(actors[:states], 2)
            out.append(f'kzd:agreement\\/g{a} a kz:Agreement ; rdfs:label "Agreement {a}"@en ; kz:kind "treaty" ; '
                       f'kz:party {", ".join(parties)} ; kz:date "{date}"^^xsd:date ; '
                       f'kz:rolesKey "{_key([("party", p) for p in parties])}" ; '
                       f'kz:article {article} ; kz:sentence {sentences[2]} .')
    return "\n".join(out) + "\n"


def _key(roles: list[tuple[str, str]]) -> str:
    """The kz:rolesKey of (role, actor written as a prefixed name) pairs."""
    return roles_key((role, str(KZD) + actor[len("kzd:"):].replace("\\", "")) for role, actor in roles)
