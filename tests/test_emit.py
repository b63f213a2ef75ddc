"""From extractions to triples: organization classes from the gazetteer's kinds,
alternative labels from names only, and a lead for an article without a title."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kzgraph.corpus import Article
from kzgraph.emit import GraphEmitter, lead_title
from kzgraph.extract.model import ArticleExtraction, Mention, Ref, SentenceRecord
from kzgraph.gazetteers import load_gazetteer
from kzgraph.namespaces import KZ, KZD


def emit(mentions: list[Mention], sentences: list[str] | None = None, title: str = "A title") -> Graph:
    """The graph of one article in a.txt whose first sentence names mentions."""
    sentences = sentences or ["One sentence."]
    article = Article(source=Path("a.txt"), position=0, title=title, date=None, date_inferred=False,
                      body=" ".join(sentences))
    records = [SentenceRecord(text, mentions if i == 0 else []) for i, text in enumerate(sentences)]
    emitter = GraphEmitter(load_gazetteer())
    emitter.add(article, ArticleExtraction(records, [], []))
    graph = Graph()
    for triple in emitter.triples():
        graph.add(triple)
    return graph


def org(key: str, text: str = "", form: str = "name") -> Mention:
    return Mention(Ref("org", key), text or key, 0, len(text or key), form)


@pytest.mark.parametrize("key, iri, classes", [
    ("un", "org/un", {KZ.InternationalOrganization}),
    ("who", "org/who", {KZ.InternationalOrganization}),                      # un-body
    ("european-commission", "org/european-commission", {KZ.InternationalOrganization}),  # eu-body
    ("imf", "org/imf", {KZ.FinancialInstitution, KZ.InternationalOrganization}),  # belongs to no state
    ("kfw", "org/kfw", {KZ.FinancialInstitution}),                            # German
    ("bundestag", "org/bundestag", {KZ.GovernmentBody}),
    ("body:Ministry of Foreign Affairs|KZ", "org/ministry-of-foreign-affairs-of-kazakhstan", {KZ.GovernmentBody}),
    ("kazmunaygas", "org/kazmunaygas", {KZ.Company}),
    ("uliege", "org/uliege", {KZ.University}),
    ("icrc", "org/icrc", {KZ.NonGovernmentalOrganization}),
    ("taliban", "org/taliban", set()),                                         # kind "other"
    ("name:Kazakh-German Business Council", "org/kazakh-german-business-council", set()),  # kind unknown
])
def test_emit_organization_is_typed_with_the_class_of_its_kind(key, iri, classes):
    g = emit([org(key)])
    kz_types = {t for t in g.objects(KZD[iri], RDF.type) if t.startswith(str(KZ))}
    assert kz_types == {KZ.Organization} | classes


def test_emit_national_body_lies_in_its_state():
    g = emit([org("body:Ministry of Foreign Affairs|KZ")])
    assert g.value(KZD["org/ministry-of-foreign-affairs-of-kazakhstan"], KZ.inState) == KZD["state/KZ"]


@pytest.mark.parametrize("key, state", [("senate-kz", "KZ"), ("bundestag", "DE")])
def test_emit_government_body_of_the_gazetteer_lies_in_its_state(key, state):
    assert emit([org(key)]).value(KZD[f"org/{key}"], KZ.inState) == KZD[f"state/{state}"]


def test_emit_company_of_a_state_does_not_lie_in_it_as_a_body():
    assert emit([org("kazmunaygas")]).value(KZD["org/kazmunaygas"], KZ.inState) is None


def test_emit_alt_labels_are_names_and_acronyms_only_demonyms_apart():
    kz = Ref("state", "KZ")
    forms = [("Republic of Kazakhstan", "name"), ("Kazakh", "demonym"), ("Astana", "capital"),
             ("Almaty", "city"), ("the Kazakh Foreign Minister", "title")]
    g = emit([Mention(kz, text, 0, len(text), form) for text, form in forms]
             + [org("un", "UN", "acronym"), org("un", "United Nations Organization")])
    assert set(map(str, g.objects(KZD["state/KZ"], SKOS.altLabel))) == {"Republic of Kazakhstan"}
    assert set(map(str, g.objects(KZD["state/KZ"], KZ.demonym))) == {"Kazakh"}
    assert set(map(str, g.objects(KZD["org/un"], SKOS.altLabel))) == {"UN", "United Nations Organization"}


def test_emit_article_without_title_is_named_by_its_lead():
    lead = ("ASTANA \u2013 Kazakhstan and Germany signed ten documents at the 15th meeting of the "
            "Kazakh-German Business Council on strategic cooperation on Aug. 28 in Berlin.")
    g = emit([], [lead, "Among them is a framework agreement."], title="")
    article = KZD["article/a/0"]
    expected = "Kazakhstan and Germany signed ten documents at the 15th meeting of the Kazakh-German\u2026"
    assert g.value(article, RDFS.label) == Literal(expected, lang="en")
    assert g.value(article, KZ.title) == Literal(expected, lang="en")
    assert g.value(article, KZ.sourceFile) == Literal("a.txt")


def test_emit_article_with_no_words_keeps_the_file_name():
    g = emit([], ["2026"], title="")
    assert g.value(KZD["article/a/0"], RDFS.label) == Literal("a.txt #1", lang="en")


@pytest.mark.parametrize("sentences, title", [
    (["ASTANA \u2014 Kazakhstan will hold an early presidential election."],
     "Kazakhstan will hold an early presidential election"),
    (["Washington, DC - Today, U.S. Secretary of State John Kerry visited Kazakhstan."],
     "Today, U.S. Secretary of State John Kerry visited Kazakhstan"),
    (["ASTANA.", "KAZINFORM - Cooperation of the two parliaments will grow."],
     "Cooperation of the two parliaments will grow"),
    (["XI\u2019AN.", "KAZINFORM 47 documents were signed."], "47 documents were signed"),
    (["ASTANA, Kazakhstan, February 2.", "The ministers met in Ankara."], "The ministers met in Ankara"),
    (["EU leaders met in Brussels."], "EU leaders met in Brussels"),
    (["A summit of the CSTO took place in Astana."], "A summit of the CSTO took place in Astana"),
    (["BREAKING NEWS", "The summit opened."], "The summit opened"),
    ([""], ""),
])
def test_emit_lead_title_drops_the_dateline(sentences, title):
    assert lead_title(sentences) == title


def test_emit_lead_title_is_cut_at_a_word_boundary():
    title = lead_title(["word " * 30], limit=22)
    assert title == "word word word word\u2026"
    assert len(lead_title(["Kazakhstan " * 20])) <= 91


def test_title_unqualified_in_one_article_takes_the_owner_another_article_gives(tmp_path):
    from kzgraph.pipeline import build_graph

    (tmp_path / "a.txt").write_text("President of Chile Rosa Medina opened the forum in Santiago.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("President Rosa Medina thanked the organisers.\n", encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    person = KZD["person/rosa-medina"]
    assert set(graph.objects(person, KZ.represents)) == {KZD["state/CL"]}


@pytest.mark.parametrize("name, detail, label", [
    ("", "memorandum", "Memorandum between Kazakhstan and Turkiye"),
    ("agreement", "agreement", "Agreement between Kazakhstan and Turkiye"),
    ("Agreement on military cooperation", "agreement",
     "Agreement on military cooperation between Kazakhstan and Turkiye"),
    ("Treaty between Kazakhstan and Turkiye on extradition", "treaty",
     "Treaty between Kazakhstan and Turkiye on extradition"),
])
def test_emit_agreement_is_labelled_by_what_it_is_and_its_parties(name, detail, label):
    from kzgraph.extract.model import Event

    article = Article(source=Path("a.txt"), position=0, title="A title", date="2024-03-05", date_inferred=False,
                      body="One sentence.")
    parties = [Ref("state", "KZ"), Ref("state", "TR")]
    event = Event("agreement", 0, {"party": parties}, date="2024-03-05", name=name, detail=detail)
    emitter = GraphEmitter(load_gazetteer())
    emitter.add(article, ArticleExtraction([SentenceRecord("One sentence.", [])], [event], []))
    graph = Graph()
    for triple in emitter.triples():
        graph.add(triple)
    agreement = next(graph.subjects(RDF.type, KZ.Agreement))
    assert str(graph.value(agreement, RDFS.label)) == label
