"""Gazetteer records as spaCy entity-ruler patterns (ORTH phrases; posts match any case)."""

from __future__ import annotations

from kzgraph.gazetteers import Gazetteer


def gazetteer_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Phrase patterns matched as written: STATE, DEMONYM, CAPITAL, CITY, ORG, and post
    titles written in capitals only ("PM", which must not match "3 pm")."""
    patterns: list[dict] = []
    for state in gazetteer.entries("state"):
        patterns += [{"label": "STATE", "pattern": n, "id": state.id} for n in state.names]
        patterns += [{"label": "DEMONYM", "pattern": n, "id": state.id} for n in state.demonyms]
        patterns += [{"label": "CAPITAL", "pattern": n, "id": state.id} for n in state.capitals]
    for city in gazetteer.entries("city"):
        patterns += [{"label": "CITY", "pattern": n, "id": city.state} for n in city.names if city.state]
    for org in gazetteer.entries("organization"):
        patterns += [{"label": "ORG", "pattern": n, "id": org.id} for n in org.names]
    patterns += [{"label": "POST", "pattern": n, "id": p.id}
                 for p in gazetteer.entries("post") for n in p.names if n.isupper()]
    return patterns


def post_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Post titles as phrases matched in any case ("foreign minister", "Foreign Minister")."""
    return [{"label": "POST", "pattern": n.lower(), "id": p.id}
            for p in gazetteer.entries("post") for n in p.names if not n.isupper()]
