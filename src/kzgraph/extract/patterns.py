"""Gazetteer records as spaCy entity-ruler patterns (ORTH phrases; posts match any case)."""

from __future__ import annotations

from kzgraph.gazetteers import Gazetteer


def gazetteer_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Patterns labelled STATE, DEMONYM, CAPITAL, CITY, ORG and POST, with the record id."""
    patterns: list[dict] = []
    for state in gazetteer.entries("state"):
        patterns += [{"label": "STATE", "pattern": n, "id": state.id} for n in state.names]
        patterns += [{"label": "DEMONYM", "pattern": n, "id": state.id} for n in state.demonyms]
        patterns += [{"label": "CAPITAL", "pattern": n, "id": state.id} for n in state.capitals]
    for city in gazetteer.entries("city"):
        patterns += [{"label": "CITY", "pattern": n, "id": city.state} for n in city.names if city.state]
    for org in gazetteer.entries("organization"):
        patterns += [{"label": "ORG", "pattern": n, "id": org.id} for n in org.names]
    for post in gazetteer.entries("post"):
        for name in post.names:
            words = name.replace("-", " - ").split()
            attr = "ORTH" if name.isupper() else "LOWER"  # "PM" must not match "3 pm"
            patterns.append({"label": "POST", "id": post.id,
                             "pattern": [{attr: w if attr == "ORTH" else w.lower()} for w in words]})
    return patterns
