"""The standard vocabularies a kzgraph graph states without reasoning.

The ontology aligns kzgraph's classes and properties with schema.org, FOAF, W3C ORG, PROV-O,
Dublin Core, SEM and OWL-Time (``rdfs:subClassOf``, ``rdfs:subPropertyOf``). A store loaded with the
default export, with no reasoner, should still find a ``schema:Person`` or a
``prov:wasDerivedFrom``: so the graph states, beside each ``kz:`` type and property, the
outside terms the ontology makes it imply (transitively). The tables below are that closure;
a test checks them against ``ontology/kzgraph.ttl``.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SDO

from kzgraph.namespaces import KZ, SEM, TIME

ALIGNED_CLASSES: dict[URIRef, tuple[URIRef, ...]] = {
    KZ.Actor: (PROV.Agent,),
    KZ.Agreement: (SEM["Event"], SDO.Event),
    KZ.Article: (PROV.Entity, SDO.NewsArticle),
    KZ.Company: (ORG.Organization, PROV.Agent, FOAF.Organization, SDO.Corporation, SDO.Organization),
    KZ.Event: (SEM["Event"], SDO.Event),
    KZ.FinancialInstitution: (ORG.FormalOrganization, ORG.Organization, PROV.Agent, FOAF.Organization, SDO.Organization),
    KZ.GovernmentBody: (ORG.Organization, PROV.Agent, FOAF.Organization, SDO.GovernmentOrganization, SDO.Organization),
    KZ.InternationalOrganization: (ORG.FormalOrganization, ORG.Organization, PROV.Agent, FOAF.Organization, SDO.Organization),
    KZ.Meeting: (SEM["Event"], SDO.Event),
    KZ.NonGovernmentalOrganization: (ORG.Organization, PROV.Agent, FOAF.Organization, SDO.NGO, SDO.Organization),
    KZ.Office: (ORG.Post,),
    KZ.Organization: (ORG.Organization, PROV.Agent, FOAF.Organization, SDO.Organization),
    KZ.Person: (PROV.Agent, FOAF.Person, SDO.Person),
    KZ.Place: (SDO.Place,),
    KZ.Post: (ORG.Post,),
    KZ.Publisher: (PROV.Agent, FOAF.Agent),
    KZ.Sentence: (PROV.Entity,),
    KZ.State: (PROV.Agent, SDO.Country),
    KZ.Term: (TIME.Interval,),
    KZ.University: (ORG.Organization, PROV.Agent, FOAF.Organization, SDO.CollegeOrUniversity, SDO.Organization),
    KZ.Visit: (SEM["Event"], SDO.Event),
}
ALIGNED_PROPERTIES: dict[URIRef, tuple[URIRef, ...]] = {
    KZ.article: (PROV.wasDerivedFrom,),
    KZ.date: (DCTERMS.date,),
    KZ.destination: (SEM["hasPlace"],),
    KZ.hasSentence: (DCTERMS.hasPart,),
    KZ.holdsPost: (ORG.holds,),
    KZ.host: (SEM["hasActor"],),
    KZ.inState: (SDO.containedInPlace,),
    KZ.isoCode: (SDO.identifier,),
    KZ.language: (DCTERMS.language, SDO.inLanguage),
    KZ.location: (SEM["hasPlace"], SDO.location),
    KZ.mentions: (SDO.mentions,),
    KZ.partOf: (DCTERMS.isPartOf,),
    KZ.participant: (SEM["hasActor"],),
    KZ.party: (SEM["hasActor"],),
    KZ.position: (SDO.position,),
    KZ.postHolder: (ORG.heldBy,),
    KZ.publisher: (DCTERMS.publisher, SDO.publisher),
    KZ.sentence: (PROV.wasDerivedFrom,),
    KZ.text: (SDO.text,),
    KZ.title: (DCTERMS.title,),
    KZ.url: (SDO.url,),
    KZ.visitor: (SEM["hasActor"],),
}


_TYPE = RDF.type.n3()
_CLASS_TEXTS = {c.n3(): tuple(x.n3() for x in xs) for c, xs in ALIGNED_CLASSES.items()}
_PROPERTY_TEXTS = {p.n3(): tuple(x.n3() for x in xs) for p, xs in ALIGNED_PROPERTIES.items()}


def implied_lines(subject: str, predicate: str, obj: str) -> list[str]:
    """The N-Triples lines (without their final `` .``) of the outside-vocabulary triples
    that the triple of the terms given as N-Triples writes them implies through the
    ontology's alignments."""
    if predicate == _TYPE:
        return [f"{subject} {predicate} {c}" for c in _CLASS_TEXTS.get(obj, ())]
    return [f"{subject} {q} {obj}" for q in _PROPERTY_TEXTS.get(predicate, ())]
