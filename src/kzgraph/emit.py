"""From extractions to RDF triples: IRIs minted from identities, every fact tied to its sentence.

States are keyed by ISO code, organizations by gazetteer id or by body and state,
persons by their canonical full name; events and posts by a hash of what identifies
them. Every event and post links to its Article and Sentence (PROV-O subproperties).

An organization is typed with the class of its gazetteer kind as well as
kz:Organization (see ORGANIZATION_CLASSES); a national body keyed by body and state is
a kz:GovernmentBody of that state. Only names and acronyms become skos:altLabel; a
demonym ("Kazakh") is an adjective, not a name, and becomes kz:demonym; a capital, a city or
a title that stands for an actor does not name it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache
from typing import NamedTuple

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kzgraph.alignment import implied_lines
from kzgraph.corpus import Article
from kzgraph.dataset import describe
from kzgraph.eventcodes import load_event_codes
from kzgraph.events import date_interval
from kzgraph.extract.model import ArticleExtraction, Event, Post, Ref, adopt_qualified, body_state
from kzgraph.gazetteers import Gazetteer
from kzgraph.linking import PersonLinker, identity
from kzgraph.links import state_wikidata
from kzgraph.officeholders import Holding, load_office_holders
from kzgraph.reports import Report, merge_reports
from kzgraph.spill import Spool
from kzgraph.triplefile import TripleFile
from kzgraph.namespaces import KZ, KZD, TIME


class Triples(TripleFile):
    """The triples of a graph, each added with those its alignments imply (``alignment``)."""

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        terms = self.n3(s), self.n3(p), self.n3(o)
        self.add_line(" ".join(terms))
        for line in implied_lines(*terms):
            self.add_line(line)


class _Terms:
    """The terms of a namespace, each made once: an rdflib Namespace makes a new URIRef
    on every access, which costs more than adding the triple."""

    def __init__(self, namespace: Namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = self._namespace[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)


_KZ = _Terms(KZ)
_TYPE, _LABEL, _ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_EVENT_CLASS = {"visit": KZ.Visit, "meeting": KZ.Meeting, "agreement": KZ.Agreement}
_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}

ORGANIZATION_CLASSES = {
    "intergovernmental": KZ.InternationalOrganization,
    "un-body": KZ.InternationalOrganization,
    "eu-body": KZ.InternationalOrganization,
    "financial": KZ.FinancialInstitution,
    "government-body": KZ.GovernmentBody,
    "company": KZ.Company,
    "university": KZ.University,
    "ngo": KZ.NonGovernmentalOrganization,
}
"""The class an organization's gazetteer kind gives it, besides kz:Organization ("other": none).
A financial institution that belongs to no state is a multilateral one, also a
kz:InternationalOrganization."""

NAME_FORMS = frozenset({"name", "acronym"})
"""Mention forms that name an actor and so become skos:altLabel (not demonym, capital, city or title)."""

TEXT_LANGUAGE = "en"
"""The language tag of the text literals a graph holds: its labels, names, titles and
sentences are read from English texts."""

MEMO_LIMIT = 20_000
"""Terms and literals remembered while the triples are made, at most."""
KEPT_HELD = 2_048
"""Articles whose findings wait for the triples in memory as they are (those after them
wait pickled, on disk past a few MB): a corpus of any size holds no more than these."""

LEAD_LENGTH = 90
"""About how many characters of its lead label an article without a title."""

_DATELINE = re.compile(
    r"""^(?:[A-Z][A-Z\u2019'-]+(?:\s[A-Z][A-Z\u2019'-]+)*      # ASTANA, NEW YORK, XI'AN
         (?:[.,]\s+[A-Z][\w\u2019'-]*)*                      # . KAZINFORM | , Kazakhstan, February
         (?:\s\d{1,2})?                                       # 2
         (?:\s*[.,]?\s*[\u2014\u2013-]\s+|\.\s+)                # then a dash or a full stop
       | [A-Z][\w\u2019'.]*(?:,\s[A-Z][\w\u2019'.]*)+\s[\u2014\u2013-]\s+  # Washington, DC -
    )""", re.VERBOSE)
_AGENCY = re.compile(r"[A-Z]{4,}\s+(?:[\u2014\u2013-]\s+|(?=\d))")  # "KAZINFORM 47 documents" after "XI'AN."


def slug(text: str) -> str:
    """A readable IRI segment: ASCII letters and digits joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


@lru_cache(maxsize=1 << 16)
def person_segment(name: str) -> str:
    """A person's IRI segment, the same in every graph whatever else was built with it: the
    name the table of office holders knows them by, else the identity of the name over its
    spellings (``linking.identity``: "Erlan Idrisov" and "Erlan Idrissov" are one)."""
    known = load_office_holders().known_as(name)
    return slug(known) if known else identity(name)


def publisher_segment(name: str) -> str:
    """A publisher's IRI segment: the slug of its name ("Kazinform", "KAZINFORM": kazinform),
    or a digest of it for a name in letters a slug drops ("Қазинформ")."""
    plain = slug(name)
    return plain if plain != "x" or name.strip().casefold() == "x" else digest(name.casefold())


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


TWIN_ROLES = frozenset({"visitor", "destination", "participant", "host", "party"})
"""The roles whose actors two events must share to be twins."""


def roles_key(roles: Iterable[tuple[str, str]]) -> str:
    """The ``kz:rolesKey`` of an event: a digest of its (role name, actor IRI) pairs, the same
    for two events exactly when they have the same actors in the same roles (the twin query
    pairs events by it)."""
    return digest(*sorted({f"{role}={actor}" for role, actor in roles if role in TWIN_ROLES}))


@cache
def typed_date(iso: str) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by precision."""
    return Literal(iso, datatype=_DATE_TYPES.get(len(iso), XSD.string))


def office_iri(state: str, post: str) -> URIRef:
    """The node of an office of the table of office holders: a post of a state."""
    return KZD[f"office/{state}/{slug(post)}"]


def term_iri(holding: Holding) -> URIRef:
    """The node of one term of office of the table."""
    return KZD[f"term/{holding.state}/{slug(holding.post)}/{holding.start.isoformat()}"]


def add_date(g: Triples, subject: URIRef, iso: str, until: str | None = None) -> None:
    """kz:date as the text gave it, and the first and last day of the interval it covers
    (kz:intervalStart, kz:intervalEnd, xsd:date), which compare whatever the precision;
    until: the last day of a range of days the text gave ("14-16 May")."""
    g.add((subject, _KZ.date, typed_date(iso)))
    _, first, last = date_interval(iso)
    if first is not None:
        g.add((subject, _KZ.intervalStart, typed_date(first)))
        g.add((subject, _KZ.intervalEnd, typed_date(until or last)))


class _Literals(dict):
    """Literals made once per value (and type: ``True`` and ``1`` are different literals);
    ``text`` gives English text (names, labels, titles, sentences) tagged ``@en``."""

    def __missing__(self, key: tuple[type | str, object]) -> Literal:
        literal = self[key] = Literal(key[1], lang=key[0]) if key[0] == TEXT_LANGUAGE else Literal(key[1])
        return literal

    def __call__(self, value: object) -> Literal:
        return self[type(value), value]

    def text(self, value: str) -> Literal:
        return self[TEXT_LANGUAGE, value]


class _Mention(NamedTuple):
    """What the triples need of a mention (its text only when it names or is a demonym)."""

    ref: Ref
    text: str | None
    form: str


class _Kept(NamedTuple):
    """What the triples need of an article's extraction: its mentions, each once, in the
    order first met; the text of each sentence an event or post cites; its events and posts."""

    mentions: tuple[_Mention, ...]
    texts: dict[int, str]
    events: list[Event]
    posts: list[tuple[str, Post, int]]


class GraphEmitter:
    """Collects article extractions, then writes them as the triples of one graph.

    Of each article it keeps only what the triples need (no body, no sentence no event
    or post cites, each mention once), on disk until the triples are made; in memory it
    holds only what ties articles together: the names of persons each mentions, the
    qualified posts, the dates of articles and the names of their files. So what a build
    holds grows far slower than its texts."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._kept = Spool(held=KEPT_HELD)
        self._linker = PersonLinker(load_office_holders().by_surname)
        self._qualified: list[tuple[str, str, Post]] = []  # (article key, holder's name, post)
        self._article_dates: dict[str, str | None] = {}
        self._files: set[str] = set()

    def add(self, article: Article, extraction: ArticleExtraction) -> None:
        key = article.key
        cited = {e.sentence for e in extraction.events} | {s for _, _, s in extraction.posts}
        title = (article.title or lead_title(s.text for s in extraction.sentences)
                 or f"{article.file} #{article.position + 1}")
        mentions: dict[_Mention, None] = {}
        for sentence in extraction.sentences:
            for m in sentence.mentions:
                if m.ref.kind == "person":
                    self._linker.add(key, m.ref.key)
                text = m.text if m.form in NAME_FORMS or m.form == "demonym" else None
                mentions.setdefault(_Mention(m.ref, text, m.form))
        for event in extraction.events:
            for refs in event.roles.values():
                for ref in refs:
                    if ref.kind == "person":
                        self._linker.add(key, ref.key)
        self._qualified.extend((key, name, post) for name, post, _ in extraction.posts
                               if post.owner is not None and not post.implied)
        self._article_dates[key] = article.date
        self._files.add(article.file)
        texts = {n: extraction.sentences[n].text for n in sorted(cited)}
        self._kept.add((replace(article, title=title, body=""),
                        _Kept(tuple(mentions), texts, extraction.events, extraction.posts)))

    def org_label(self, key: str) -> str:
        if key.startswith("body:"):
            body, iso = key[5:].rsplit("|", 1)
            return f"{body} of {self._state_label(iso)}"
        if key.startswith("name:"):
            return re.sub(r"^(?:the|The)\s+", "", key[5:])
        return self.gaz.get("organization", key).label

    def classes(self, ref: Ref) -> tuple[URIRef, ...]:
        """The classes of the actor ref names: kz:State, kz:Person, or kz:Organization and
        the class of its kind (ORGANIZATION_CLASSES; a national body is a kz:GovernmentBody)."""
        if ref.kind != "org":
            return ({"state": KZ.State, "person": KZ.Person}[ref.kind],)
        if ref.key.startswith("body:"):
            return KZ.Organization, KZ.GovernmentBody
        if ref.key.startswith("name:"):
            return (KZ.Organization,)  # found by pattern: its kind is not known
        entry = self.gaz.get("organization", ref.key)
        found = [KZ.Organization]
        if entry.kind_detail in ORGANIZATION_CLASSES:
            found.append(ORGANIZATION_CLASSES[entry.kind_detail])
        if entry.kind_detail == "financial" and entry.state is None:
            found.append(KZ.InternationalOrganization)
        return tuple(found)

    def _same_as(self, ref: Ref) -> tuple[str, ...]:
        """The IRIs of the same actor elsewhere: a state's Wikidata item (links.py), a
        gazetteer organization's same_as; none for persons here (the table of office
        holders links those it names: see ``_offices``)."""
        if ref.kind == "state":
            found = state_wikidata().get(ref.key)
            return (found,) if found else ()
        if ref.kind == "org" and not ref.key.startswith(("body:", "name:")):
            return self.gaz.get("organization", ref.key).same_as
        return ()

    def _state_label(self, iso: str) -> str:
        try:
            return self.gaz.get("state", iso).label
        except KeyError:
            return iso

    def iri(self, ref: Ref, article: str, persons: dict[tuple[str, str], str]) -> URIRef:
        if ref.kind == "state":
            return KZD[f"state/{ref.key}"]
        if ref.kind == "org":
            key = ref.key if not ref.key.startswith(("body:", "name:")) else slug(self.org_label(ref.key))
            return KZD[f"org/{key}"]
        return KZD[f"person/{person_segment(persons.get((article, ref.key), ref.key))}"]

    # ---------------------------------------------------------------- triples

    def triples(self) -> TripleFile:
        """The triples of the articles added, kept on disk (given once: the emitter lets go of
        them); then ``triple_count`` says how many they are, and ``class_counts`` how many
        members each class has (by the class as N-Triples writes it)."""
        g = Triples()
        persons = self._linker.resolve()
        labels: dict[URIRef, str] = {}
        self._labels = labels
        self._literal = _Literals()
        alt: dict[URIRef, set[str]] = defaultdict(set)
        demonyms: dict[URIRef, set[str]] = defaultdict(set)
        kinds: dict[URIRef, tuple[URIRef, ...]] = {}
        iris: dict[tuple[str, str, str], URIRef] = {}
        reports: list[Report] = []
        self._post_days: dict[URIRef, set[str]] = defaultdict(set)
        self._publishers: dict[URIRef, set[str]] = defaultdict(set)  # names written alike share a node
        qualified = self._qualified_posts(persons)
        for article, extraction in self._kept.drain():  # one article at a time
            if len(iris) + len(self._literal) > MEMO_LIMIT:  # memos, not kept whole: they would grow with the texts
                iris.clear()
                self._literal.clear()
            key = article.key
            self._settle_implied_owners(extraction, key, persons, qualified)
            a_iri = KZD[f"article/{key}"]
            self._article(g, article, key, a_iri, extraction)

            def node(ref: Ref, surface: str | None = None) -> URIRef:
                memo = (ref.kind, ref.key, key if ref.kind == "person" else "")
                iri = iris.get(memo)
                if iri is None:
                    iri = iris[memo] = self.iri(ref, key, persons)
                if iri not in labels:
                    labels[iri], kinds[iri] = self._label(ref, key, persons), self.classes(ref)
                    for same in self._same_as(ref):
                        g.add((iri, OWL.sameAs, URIRef(same)))
                    if ref.kind == "state":
                        g.add((iri, _KZ.isoCode, self._literal(ref.key)))
                    elif ref.kind == "org" and (state := body_state(ref.key, self.gaz)):
                        g.add((iri, _KZ.inState, KZD[f"state/{state}"]))
                if surface and surface != labels[iri]:
                    alt[iri].add(surface)
                g.add((iri, _KZ.mentionedIn, a_iri))
                return iri

            for m in extraction.mentions:
                iri = node(m.ref, m.text.strip() if m.form in NAME_FORMS else None)
                if m.form == "demonym":
                    demonyms[iri].add(m.text.strip())
            for name, post, s_index in extraction.posts:
                holder = node(Ref("person", name))
                self._post(g, holder, post, key, s_index, a_iri, node)
            for event in extraction.events:
                report = self._report(g, event, key, node)
                if report is not None:
                    reports.append(report)
        for event_reports in merge_reports(reports):
            self._event(g, event_reports)
        for p_iri, days in self._post_days.items():
            g.add((p_iri, _KZ.intervalStart, typed_date(min(days))))
            g.add((p_iri, _KZ.intervalEnd, typed_date(max(days))))
        self._offices(g, labels)
        for publisher, names in self._publishers.items():
            g.add((publisher, _TYPE, _KZ.Publisher))
            g.add((publisher, _LABEL, self._literal.text(min(names))))
        for iri, label in labels.items():
            for kind in kinds[iri]:
                g.add((iri, _TYPE, kind))
            g.add((iri, _LABEL, self._literal.text(label)))
            for other in sorted(alt[iri] - {label}):
                g.add((iri, _ALT_LABEL, self._literal.text(other)))
            for demonym in sorted(demonyms.get(iri, ())):
                g.add((iri, _KZ.demonym, self._literal.text(demonym)))
        description = describe(g.lines(), sorted(self._files))
        g.update(description.triples)
        self.class_counts = description.classes + Counter(o.n3() for _, p, o in description.triples if p == _TYPE)
        self.triple_count = description.count + len(description.triples)
        return g

    def _label(self, ref: Ref, article: str, persons) -> str:
        if ref.kind == "state":
            return self._state_label(ref.key)
        if ref.kind == "org":
            return self.org_label(ref.key)
        return persons.get((article, ref.key), ref.key)

    def _article(self, g: Triples, article: Article, key: str, a_iri: URIRef, extraction: _Kept) -> None:
        g.add((a_iri, _TYPE, _KZ.Article))
        title = self._literal.text(article.title)  # made whole by ``add``
        g.add((a_iri, _LABEL, title))
        g.add((a_iri, _KZ.title, title))
        g.add((a_iri, _KZ.sourceFile, self._literal(article.file)))
        if article.url:
            g.add((a_iri, _KZ.url, Literal(article.url, datatype=XSD.anyURI)))
        if article.publisher:
            publisher = KZD[f"publisher/{publisher_segment(article.publisher)}"]
            g.add((a_iri, _KZ.publisher, publisher))
            self._publishers[publisher].add(article.publisher)
        if article.language:
            g.add((a_iri, _KZ.language, Literal(article.language, datatype=XSD.language)))
        g.add((a_iri, _KZ.position, self._literal(article.position)))
        if article.date:
            add_date(g, a_iri, article.date)
            if article.date_inferred:
                g.add((a_iri, _KZ.dateInferred, self._literal(True)))
        for index, text in extraction.texts.items():
            s_iri = KZD[f"article/{key}/s{index}"]
            g.add((s_iri, _TYPE, _KZ.Sentence))
            g.add((s_iri, _KZ.text, self._literal.text(text.strip())))
            g.add((s_iri, _KZ.partOf, a_iri))
            g.add((s_iri, _KZ.position, self._literal(index)))

    def _provenance(self, g: Triples, subject: URIRef, key: str, a_iri: URIRef, index: int) -> None:
        g.add((subject, _KZ.article, a_iri))
        g.add((subject, _KZ.sentence, KZD[f"article/{key}/s{index}"]))

    def _qualified_posts(self, persons) -> dict[URIRef, list[Post]]:
        """The qualified posts of each person, by their node."""
        explicit: dict[URIRef, list[Post]] = defaultdict(list)
        for key, name, post in self._qualified:
            explicit[self.iri(Ref("person", name), key, persons)].append(post)
        return explicit

    def _settle_implied_owners(self, extraction: _Kept, key: str, persons, qualified) -> None:
        """A title no article qualified takes the owner the same person's qualified title
        has in any article ("President Erdogan" here, "President of Turkey Erdogan" there)."""
        for name, post, _ in extraction.posts:
            known = qualified.get(self.iri(Ref("person", name), key, persons)) if post.implied else None
            if known:
                adopt_qualified(post, known)

    def _post(self, g, holder, post, key, index, a_iri, node) -> None:
        owner = node(post.owner) if post.owner else None
        p_iri = KZD[f"post/{digest(str(holder), post.title, str(owner))}"]
        title = self._literal.text(post.title)
        g.add((p_iri, _TYPE, _KZ.Post))
        g.add((p_iri, _LABEL, title))
        g.add((p_iri, _KZ.title, title))
        g.add((holder, _KZ.holdsPost, p_iri))
        if owner is not None:
            g.add((p_iri, _KZ.postIn, owner))
            g.add((holder, _KZ.represents, owner))
        if post.accredited_to:
            g.add((p_iri, _KZ.accreditedTo, node(post.accredited_to)))
        self._provenance(g, p_iri, key, a_iri, index)
        article_date = self._article_dates.get(key)
        if article_date:
            self._post_days[p_iri].update(date_interval(article_date)[1:])
        if post.owner is not None and post.owner.kind == "state":
            self._check_office(g, p_iri, holder, post.title, post.owner.key, article_date)

    def _check_office(self, g: Triples, p_iri: URIRef, holder: URIRef, title: str, iso: str,
                      day: str | None) -> None:
        """Tie a post of a state to the office of the table its title names ("Kazakh
        President": President of Kazakhstan), and flag it kz:conflictsWithTable when the
        table has someone else in that office all through the article's date."""
        post = self._table_post(title, iso)
        terms = load_office_holders().of_office(iso, post)
        offices = {h.post for h in terms}
        if len(offices) != 1:
            return
        g.add((p_iri, _KZ.ofOffice, office_iri(iso, offices.pop())))
        _, first, last = date_interval(day)
        if first is None:
            return
        during = [h for h in terms if h.start.isoformat() <= last and (h.end is None or first <= h.end.isoformat())]
        if during and all(KZD[f"person/{slug(h.name)}"] != holder for h in during):
            g.add((p_iri, _KZ.conflictsWithTable, self._literal(True)))

    @cache
    def _table_post(self, title: str, iso: str) -> str | None:
        """The gazetteer post a title ends with, by its longest name, once the name of its
        state is cut off ("Deputy Prime Minister - Minister of Foreign Affairs of the Republic
        of Kazakhstan": Minister of Foreign Affairs)."""
        folded, best = title.casefold(), (0, None)
        try:
            state_names = self.gaz.get("state", iso).names
        except KeyError:
            state_names = ()
        for name in sorted(state_names, key=len, reverse=True):
            for suffix in (f" of the {name.casefold()}", f" of {name.casefold()}"):
                if folded.endswith(suffix):
                    folded = folded[:-len(suffix)]
                    break
        for entry in self.gaz.entries("post"):
            for name in entry.names:
                n = name.casefold()
                if (folded == n or folded.endswith(" " + n)) and len(n) > best[0]:
                    best = (len(n), entry.label)
        return best[1]

    def _offices(self, g: Triples, labels: dict[URIRef, str]) -> None:
        """The table of office holders as dated terms: each office (a post of a state) and
        each term of it, with its holder's name, the holder's node when the texts name them,
        and the days it began and ended (none while it goes on) as OWL-Time instants. Holders
        the texts do not name stay names: the graph's persons are the texts' persons; a
        holder the texts name is owl:sameAs the Wikidata item the table gives them, if any."""
        for holding in load_office_holders().holdings:
            state = KZD[f"state/{holding.state}"]
            office = office_iri(holding.state, holding.post)
            title = f"{holding.post} of {self._state_label(holding.state)}"
            g.add((office, _TYPE, _KZ.Office))
            g.add((office, _LABEL, self._literal.text(title)))
            if holding.post == "Minister of Foreign Affairs":
                g.add((office, _ALT_LABEL, self._literal.text(f"Foreign Minister of {self._state_label(holding.state)}")))
            g.add((office, _KZ.officeOf, state))
            term = term_iri(holding)
            g.add((term, _TYPE, _KZ.Term))
            g.add((term, _LABEL, self._literal.text(f"{holding.name}, {title}")))
            g.add((term, _KZ.office, office))
            g.add((term, _KZ.holderName, self._literal.text(holding.name)))
            person = KZD[f"person/{slug(holding.name)}"]
            if person in labels:
                g.add((term, _KZ.holder, person))
                if holding.wikidata:  # a person is linked out only through the table
                    g.add((person, OWL.sameAs, URIRef(holding.wikidata)))
            g.add((term, TIME.hasBeginning, self._instant(g, holding.start.isoformat())))
            if holding.end is not None:
                g.add((term, TIME.hasEnd, self._instant(g, holding.end.isoformat())))

    def _instant(self, g: Triples, day: str) -> URIRef:
        """The OWL-Time instant of a day (one node per day: a term that ends the day the
        next begins shares it)."""
        instant = KZD[f"instant/{day}"]
        g.add((instant, _TYPE, TIME.Instant))
        g.add((instant, TIME.inXSDDate, typed_date(day)))
        return instant

    def _report(self, g: Triples, event: Event, key: str, node) -> Report | None:
        """The report of event, its actors and place resolved; None when it is not an
        encounter (a meeting or agreement of fewer than two distinct actors)."""
        roles = {role: list(dict.fromkeys(node(ref) for ref in refs)) for role, refs in event.roles.items()}
        if event.kind in ("meeting", "agreement") and len(next(iter(roles.values()))) < 2:
            return None  # two names of one person, or one party: not an encounter
        place = None
        if event.place:
            place = slug(event.place)
            p_iri = KZD[f"place/{place}"]
            g.add((p_iri, _TYPE, _KZ.Place))
            g.add((p_iri, _LABEL, self._literal.text(event.place)))
            city = self.gaz.city_state(event.place)
            if city is not None:
                g.add((p_iri, _KZ.inState, KZD[f"state/{city.id if city.kind == 'state' else city.state}"]))
        acting = {iri for iris in roles.values() for iri in iris}
        terms = tuple(term for iso, title in sorted(event.offices.items()) if KZD[f"state/{iso}"] in acting
                      and (term := self._term_on(title, iso, event.date or self._article_dates.get(key))))
        return Report(event.kind, tuple(sorted((r, tuple(sorted(iris))) for r, iris in roles.items())),
                      key, event.sentence, event.date, event.date_inferred, event.detail, event.name, place, roles,
                      terms, event.date_last)

    def _term_on(self, title: str, iso: str, day: str | None) -> URIRef | None:
        """The term of the table's office a title names (of state iso) that covers all of
        day, when the table has one: who "the President of Kazakhstan" was that day."""
        post = self._table_post(title, iso)
        _, first, last = date_interval(day)
        if post is None or first is None:
            return None
        during = [h for h in load_office_holders().of_office(iso, post)
                  if h.start.isoformat() <= first and (h.end is None or last <= h.end.isoformat())]
        return term_iri(during[0]) if len(during) == 1 else None

    def _event(self, g: Triples, reports: list[Report]) -> None:
        """One event from all its reports: its IRI minted from what it is (kind, mode,
        participants, date at the precision known, place, an agreement's name), every
        report's article and sentence kept as provenance."""
        lead = reports[0]
        place = next((r.place for r in reports if r.place), None)
        detail = min((r.detail for r in reports if r.detail and r.detail != lead.kind),
                     default=lead.detail)
        name = max((r.name for r in reports), key=lambda n: (len(n), n))
        ident = "|".join(f"{r}={','.join(map(str, iris))}" for r, iris in lead.roles)
        e_iri = KZD[f"{lead.kind}/{digest(lead.kind, repr(lead.identity[1]), ident, lead.date or '', place or '', lead.identity[3])}"]
        roles = lead.named
        g.add((e_iri, _TYPE, _EVENT_CLASS[lead.kind]))
        g.add((e_iri, _LABEL, self._literal.text(self._event_label(lead.kind, detail, name, roles))))
        for role, iris in lead.roles:
            for iri in iris:
                g.add((e_iri, _KZ[role], iri))
        g.add((e_iri, _KZ.rolesKey, self._literal(roles_key((r, str(i)) for r, iris in lead.roles for i in iris))))
        if lead.date:
            add_date(g, e_iri, lead.date, lead.date_last)
            if lead.date_inferred:
                g.add((e_iri, _KZ.dateInferred, self._literal(True)))
        if detail:
            g.add((e_iri, _KZ.kind, self._literal(detail)))
        code = load_event_codes().code(lead.kind, detail, len({i for _, iris in lead.roles for i in iris}))
        g.add((e_iri, _KZ.cameoCode, self._literal(code.cameo)))
        g.add((e_iri, _KZ.ploverCategory, self._literal(code.plover)))
        if code.plover_mode:
            g.add((e_iri, _KZ.ploverMode, self._literal(code.plover_mode)))
        if place:
            g.add((e_iri, _KZ.location, KZD[f"place/{place}"]))
        for report in reports:
            self._provenance(g, e_iri, report.article, KZD[f"article/{report.article}"], report.sentence)
            for term in report.terms:
                g.add((e_iri, _KZ.actorTerm, term))

    def _event_label(self, kind: str, detail: str, name: str, roles: dict[str, list[URIRef]]) -> str:
        def names(iris: Iterable[URIRef]) -> str:
            return " and ".join(self._labels.get(i, i.rsplit("/", 1)[-1]) for i in iris)

        if kind == "agreement":
            what = (name if len(name.split()) > 1 else name or detail or "agreement").strip()
            if " between " in what.casefold():
                return what
            return f"{what[:1].upper()}{what[1:]} between {names(roles['party'])}"
        if kind == "visit":
            return f"Visit of {names(roles['visitor'])} to {names(roles['destination'])}"
        return f"{detail.capitalize()} of {names(roles['participant'])}"


def lead_title(sentences: Iterable[str], limit: int = LEAD_LENGTH) -> str:
    """A title for an article that has none: its first sentence, without a dateline
    ("ASTANA –", "Washington, DC -") or a final full stop, cut at a word boundary to
    about limit characters with an ellipsis. Empty when no sentence has lower-case words.

        >>> lead_title(["ASTANA – Kazakhstan and Germany signed ten documents."])
        'Kazakhstan and Germany signed ten documents'
    """
    texts = [" ".join(text.split()) for text in sentences]
    joined, ends = "", []
    for text in texts:
        if text:
            joined = f"{joined} {text}" if joined else text
            ends.append(len(joined))
    dateline = _DATELINE.match(joined)
    start = dateline.end() if dateline else 0
    if dateline:
        agency = _AGENCY.match(joined, start)
        start = agency.end() if agency else start
    for end in ends:
        if end <= start:
            continue
        lead = joined[start:end].strip()
        if any(c.islower() for c in lead):
            break
        start = end  # a line of capitals or figures: not the lead
    else:
        return ""
    lead = lead.removesuffix(".")
    if len(lead) <= limit:
        return lead
    cut = lead[:limit + 1].rsplit(" ", 1)[0] if " " in lead[:limit + 1] else lead[:limit]
    return cut.rstrip(" ,;:—–-") + "…"
