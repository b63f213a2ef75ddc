"""What the readers of one article share: a sentence with what was found in it, and the
patterns that say where an event is held and when a gathering is named again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzgraph.extract.mentions import SentenceMentions
from kzgraph.extract.model import PersonMention, Ref
from kzgraph.extract.tokens import Span


@dataclass
class Sentence:
    """A sentence of the article with its mentions and the persons taking part in it."""

    span: Span
    found: SentenceMentions
    persons: list[PersonMention]
    excluded: set[str]  # person names inside "on behalf of X"-like phrases


VENUE_BEFORE = re.compile(r"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?(?:[\w’'-]+\s+)?(?:(?:capital|city)\s+of\s+)?$")
"""Before a city or capital, the words that make it where something happens ("in the capital of")."""
ANAPHORA = re.compile(r"\bthe (?:summit|event|meeting|session|forum|conference|plenary)\b(?! of)", re.IGNORECASE)
"""A gathering named again ("the summit")."""


def unique(refs: list[Ref]) -> list[Ref]:
    """refs without repeats, in their order."""
    seen: list[Ref] = []
    for ref in refs:
        if ref not in seen:
            seen.append(ref)
    return seen


BOTH_SIDES = re.compile(r"\b(?:(?:the|both) (?:two )?(?:countries[’'] |states[’'] |nations[’'] )?(?:leaders|presidents|heads of state|"
                        r"sides|parties|ministers|prime ministers|foreign ministers|counterparts)|(?:leaders|presidents|"
                        r"heads|foreign ministers|prime ministers|ministers) of (?:the|both) (?:two )?(?:countries|states|nations))\b",
                        re.IGNORECASE)
"""A plural subject that refers back to the sides of the event just reported."""
