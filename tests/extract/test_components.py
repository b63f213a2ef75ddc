"""Each extraction pattern on sentences written for these tests (not from the sample corpus)."""

from pathlib import Path

import pytest

from kzgraph.corpus import Article
from kzgraph.extract import build_nlp, extract_article
from kzgraph.extract.model import PersonMention, Ref


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def run(nlp, body: str, day: str = "2025-04-10"):
    article = Article(Path("t.txt"), 0, "", day, False, body)
    return extract_article(nlp, article)


def persons(extraction) -> dict[str, PersonMention]:
    return {m.ref.key: m for s in extraction.sentences for m in s.mentions if isinstance(m, PersonMention)}


def events(extraction, kind: str):
    return [e for e in extraction.events if e.kind == kind]


def test_components_title_before_name_gives_person_and_owner(nlp):
    found = persons(run(nlp, "Ambassador of Kazakhstan to Japan Daulet Nurpeisov opened the exhibition."))
    person = found["Daulet Nurpeisov"]
    assert person.post.owner == Ref("state", "KZ")
    assert person.post.accredited_to == Ref("state", "JP")


def test_components_appositive_title_after_name(nlp):
    found = persons(run(nlp, "The talks were joined by Maria Lindqvist, Director-General of the World Health Organization."))
    assert "Maria Lindqvist" in found
    assert found["Maria Lindqvist"].post.owner.kind == "org"


def test_components_demonym_title_names_the_state(nlp):
    found = persons(run(nlp, "Norwegian Foreign Minister Erik Dahl arrived on Monday."))
    assert found["Erik Dahl"].post.owner == Ref("state", "NO")


def test_components_meeting_with_two_named_officials(nlp):
    text = ("Foreign Minister of Kazakhstan Aigerim Sultanova met with Minister of Foreign Affairs "
            "of Chile Pablo Rojas on 3 April.")
    (meeting,) = events(run(nlp, text), "meeting")
    assert set(r.key for r in meeting.roles["participant"]) == {"Aigerim Sultanova", "Pablo Rojas"}
    assert meeting.date == "2025-04-03"


def test_components_telephone_conversation_is_a_meeting(nlp):
    text = "Prime Minister of Kazakhstan Nurlan Beisenov had a telephone conversation with Prime Minister of Italy Carla Ferri."
    (meeting,) = events(run(nlp, text), "meeting")
    assert meeting.detail == "telephone conversation"


def test_components_visit_list_gives_one_visit_per_state(nlp):
    text = "Deputy Foreign Minister of Kazakhstan Timur Aliyev visited Peru, Chile and Argentina in March."
    visits = events(run(nlp, text), "visit")
    assert {v.roles["destination"][0].key for v in visits} == {"PE", "CL", "AR"}
    assert all(v.roles["visitor"][0].key == "Timur Aliyev" for v in visits)
    assert all(v.date == "2025-03" for v in visits)


def test_components_visit_to_a_city_goes_to_its_state(nlp):
    text = "During his visit to Geneva, Ambassador of Kazakhstan Askar Omarov addressed the delegates."
    (visit,) = events(run(nlp, text), "visit")
    assert visit.roles["destination"] == [Ref("state", "CH")]


def test_components_agreement_signed_between_two_states(nlp):
    text = "Kazakhstan and Mongolia signed an agreement on mutual visa exemption."
    (agreement,) = events(run(nlp, text), "agreement")
    assert set(r.key for r in agreement.roles["party"]) == {"KZ", "MN"}
    assert agreement.name.startswith("agreement on mutual visa exemption")


def test_components_strategy_of_one_state_is_no_agreement(nlp):
    assert not events(run(nlp, "The government adopted a new strategy for digital development."), "agreement")


def test_components_no_event_without_cue(nlp):
    result = run(nlp, "Ambassador of Kazakhstan to Japan Daulet Nurpeisov spoke about culture.")
    assert not result.events


def test_components_pattern_organization_and_ministry_identity(nlp):
    result = run(nlp, "The Ministry of Foreign Affairs of the Republic of Kazakhstan and the Kazakh-Omani Business Council met.")
    orgs = {m.ref.key for s in result.sentences for m in s.mentions if m.ref.kind == "org"}
    assert "body:Ministry of Foreign Affairs|KZ" in orgs
    assert "name:Kazakh-Omani Business Council" in orgs


@pytest.mark.parametrize("sentence, name", [
    ("Senators praised the work of the Kazakhstan – Japan Parliamentary Friendship Group.",
     "Kazakhstan – Japan Parliamentary Friendship Group"),
    ("The fifth session of the Joint Commission between Kazakhstan and Hungary opened on Monday.",
     "Joint Commission between Kazakhstan and Hungary"),
    ("The Cooperation Committee between the European Union and Uzbekistan met in Brussels.",
     "Cooperation Committee between the European Union and Uzbekistan"),
])
def test_a_body_named_for_its_two_sides_keeps_them_in_its_name(nlp, sentence, name):
    orgs = {m.ref.key for s in run(nlp, sentence).sentences for m in s.mentions if m.ref.kind == "org"}
    assert "name:" + name in orgs


def test_a_dash_that_breaks_a_sentence_joins_no_name(nlp):
    result = run(nlp, "ASTANA – Kazakhstan Council members met the delegation of Japan – Foreign Office staff.")
    orgs = {m.ref.key for s in result.sentences for m in s.mentions if m.ref.kind == "org"}
    assert not any("–" in key for key in orgs)
