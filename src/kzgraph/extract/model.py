"""What extraction yields, as plain dataclasses (no rdflib): mentions, posts, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kzgraph.gazetteers import Gazetteer


@dataclass(frozen=True)
class Ref:
    """An actor an extraction points at: a state (ISO code), an organization or a person."""

    kind: str  # "state" | "org" | "person"
    key: str   # ISO code, organization key, or the person's name as written


@dataclass
class Mention:
    """An actor named in one sentence, with character offsets into the sentence text."""

    ref: Ref
    text: str
    start: int
    end: int
    form: str = "name"  # name | acronym | demonym | capital | city | title


@dataclass
class Post:
    """A title a person holds as one sentence gives it, and whose post it is."""

    title: str
    head: str                      # the post's gazetteer label, e.g. "Ambassador"
    owner: Ref | None = None       # the state or organization the post belongs to
    accredited_to: Ref | None = None
    implied: bool = False          # the title names no owner: the article or world knowledge may tell
    plural: bool = False           # written in the plural ("the presidents of A and B")


@dataclass
class PersonMention(Mention):
    """A person named in a sentence, with the post the sentence gives them."""

    post: Post | None = None


@dataclass
class Event:
    """A visit, meeting or agreement read from one sentence."""

    kind: str                          # "visit" | "meeting" | "agreement"
    sentence: int                      # index of the sentence in the article
    roles: dict[str, list[Ref]] = field(default_factory=dict)
    date: str | None = None
    date_inferred: bool = False
    date_last: str | None = None       # the last day, when the text dates it by a range of days
    name: str = ""
    detail: str = ""                   # e.g. "telephone conversation", "memorandum"
    place: str | None = None           # a city named as the venue
    offices: dict[str, str] = field(default_factory=dict)  # state key -> the title it acts through, unnamed


@dataclass
class SentenceRecord:
    """A sentence with everything found in it."""

    text: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class ArticleExtraction:
    """Everything read from one article."""

    sentences: list[SentenceRecord]
    events: list[Event]
    posts: list[tuple[str, Post, int]]  # (person name as written, post, sentence index)


def adopt_qualified(post: Post, known: list[Post]) -> None:
    """Give an implied post the owner of the same person's qualified posts (known), that
    of one with the same title first."""
    same = [p for p in known if p.head == post.head]
    adopt(post, (same or known)[0].owner)


def adopt(post: Post, owner: Ref | None) -> None:
    """Give an implied post the owner the text names."""
    if owner is not None:
        post.owner, post.implied = owner, False


def body_state(key: str, gazetteer: Gazetteer) -> str | None:
    """The state an organization key names a body of: the state of a national body found
    by pattern ("body:Senate|KZ"), or of a government body of the gazetteer; else None."""
    if key.startswith("body:"):
        return key.rsplit("|", 1)[1]
    if key.startswith("name:"):
        return None
    try:
        entry = gazetteer.get("organization", key)
    except KeyError:
        return None
    return entry.state if entry.kind_detail == "government-body" else None
