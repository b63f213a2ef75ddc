"""Plural titles, owners of unqualified titles, and gatherings reported over several
sentences, on texts written for these tests (not from the sample corpus)."""

from pathlib import Path

import pytest

from kzgraph.corpus import Article
from kzgraph.extract import build_nlp, extract_article
from kzgraph.extract.model import PersonMention, Ref


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def run(nlp, body: str, day: str = "2025-06-02"):
    return extract_article(nlp, Article(Path("t.txt"), 0, "", day, False, body))


def posts(extraction) -> dict[str, list]:
    found: dict[str, list] = {}
    for name, post, _ in extraction.posts:
        found.setdefault(name, []).append(post)
    return found


def keys(event, role: str = "participant") -> set[str]:
    return {r.key for r in event.roles[role]}


def test_plural_title_lists_every_name_with_the_singular_post(nlp):
    ex = run(nlp, "The minister met with Canadian Senators Paul Girard, Anne Whitfield and Louis Tremblay.")
    found = posts(ex)
    assert set(found) == {"Paul Girard", "Anne Whitfield", "Louis Tremblay"}
    assert all(p[0].title == "Canadian Senator" and p[0].owner == Ref("state", "CA") for p in found.values())


def test_plural_title_without_names_gives_each_listed_state(nlp):
    ex = run(nlp, "The forum brought together the prime ministers of Estonia, Latvia and Lithuania.")
    (meeting,) = [e for e in ex.events if e.kind == "meeting"]
    assert keys(meeting) == {"EE", "LV", "LT"}


def test_unqualified_title_takes_the_owner_the_article_gives_elsewhere(nlp):
    ex = run(nlp, "President of Chile Rosa Medina opened the session.\nLater, President Rosa Medina spoke to reporters.")
    assert {p.owner for p in posts(ex)["Rosa Medina"]} == {Ref("state", "CL")}


def test_state_represented_by_a_person_owns_the_title(nlp):
    ex = run(nlp, "Portugal was represented by Prime Minister Tiago Moura.")
    (post,) = posts(ex)["Tiago Moura"]
    assert post.owner == Ref("state", "PT") and not post.implied


def test_the_foreign_state_a_meeting_names_owns_the_counterpart_s_title_not_the_home_official_s(nlp):
    ex = run(nlp, "Minister Aidar Bekov also met Foreign Minister Ingrid Holm of Norway.")
    assert posts(ex)["Ingrid Holm"][0].owner == Ref("state", "NO")
    assert posts(ex)["Aidar Bekov"][0].owner != Ref("state", "NO")


def test_unqualified_title_has_no_owner_without_evidence(nlp):
    (post,) = posts(run(nlp, "Prime Minister Asel Nurova chaired the cabinet."))["Asel Nurova"]
    assert post.owner is None and post.implied


def test_foreign_president_in_a_foreign_outlet_is_not_made_kazakh(nlp):
    text = ("LISBON, May 3 (Wire) - President Ana Silveira arrived in Astana on Tuesday "
            "for talks with Kazakh President Kassym-Jomart Tokayev.")
    ex = run(nlp, text)
    (post,) = posts(ex)["Ana Silveira"]
    assert post.owner != Ref("state", "KZ")  # the one foreign state of the exchange: Portugal, of the dateline
    visits = [e for e in ex.events if e.kind == "visit"]
    assert [(keys(e, "visitor"), keys(e, "destination")) for e in visits] == [({"Ana Silveira"}, {"KZ"})]


def test_office_holders_table_gives_the_owner_on_the_article_date(nlp):
    day = "2015-06-01"
    (post,) = posts(run(nlp, "Secretary of State John Kerry spoke to reporters.", day))["John Kerry"]
    assert post.owner == Ref("state", "US")
    (post,) = posts(run(nlp, "Secretary of State John Kerry spoke to reporters.", "2019-06-01"))["John Kerry"]
    assert post.owner == Ref("state", "US")  # out of office then, but the post he held was only ever the US's
    (post,) = posts(run(nlp, "Prime Minister John Kerry spoke to reporters.", "2019-06-01"))["John Kerry"]
    assert post.owner is None  # a post the table never gave him


def test_counterpart_of_a_home_official_abroad_belongs_to_the_host_state(nlp):
    text = ("Kazakh Foreign Minister Daniyar Sarsen arrived in Ottawa.\n"
            "In Ottawa, Foreign Minister of Kazakhstan Daniyar Sarsen met with Finance Minister Claire Dubois.")
    (post,) = posts(run(nlp, text))["Claire Dubois"]
    assert post.owner == Ref("state", "CA")


def test_gathering_reported_in_two_sentences_is_one_meeting(nlp):
    text = ("The summit in Astana was attended by President of Georgia Levan Beridze and President of Armenia Aram Petrosyan.\n"
            "In addition, the event was attended by Prime Minister of Mongolia Bat Erdene.")
    ex = run(nlp, text)
    meetings = [e for e in ex.events if e.kind == "meeting"]
    assert len(meetings) == 1
    assert keys(meetings[0]) == {"Levan Beridze", "Aram Petrosyan", "Bat Erdene"}
    visitors = {r.key for e in ex.events if e.kind == "visit" for r in e.roles["visitor"]}
    assert visitors == {"Levan Beridze", "Aram Petrosyan", "Bat Erdene"}
    assert {r.key for e in ex.events if e.kind == "visit" for r in e.roles["destination"]} == {"KZ"}


def test_separate_gatherings_stay_apart(nlp):
    text = ("President of Georgia Levan Beridze attended a summit of the Organization of Turkic States.\n"
            "Prime Minister of Mongolia Bat Erdene took part in a forum of the United Nations Development Programme.")
    meetings = [e for e in run(nlp, text).events if e.kind == "meeting"]
    assert all(len(keys(m)) < 3 for m in meetings)


def test_state_gives_way_to_the_person_holding_its_post(nlp):
    text = ("The summit brought together the presidents of Estonia and Latvia.\n"
            "Speaking at the summit, Estonian President Mart Kask called for unity.")
    (meeting,) = [e for e in run(nlp, text).events if e.kind == "meeting"]
    assert keys(meeting) == {"LV", "Mart Kask"}


def test_a_gathering_named_again_without_a_date_is_the_dated_one(nlp):
    text = ("A summit held in Riga on March 3 brought together the presidents of Estonia and Lithuania.\n"
            "Speaking at the summit, Latvian President Juris Ozols called for unity.")
    (meeting,) = [e for e in run(nlp, text, day="2025-03-04").events if e.kind == "meeting"]
    assert keys(meeting) == {"EE", "LT", "Juris Ozols"}
    assert meeting.date == "2025-03-03"


def test_a_declaration_a_summit_adopted_binds_the_states_that_attended_it(nlp):
    text = ("A summit of the Baltic Council held in the Latvian capital on May 4 adopted a joint declaration.\n"
            "The summit brought together the presidents of Estonia, Lithuania and Poland.")
    (agreement,) = [e for e in run(nlp, text).events if e.kind == "agreement"]
    assert keys(agreement, "party") == {"EE", "LT", "PL"}


def test_a_declaration_named_after_a_city_is_not_signed_by_its_state(nlp):
    ex = run(nlp, "Kazakhstan and Uzbekistan signed the Riga Declaration on transit.")
    (agreement,) = [e for e in ex.events if e.kind == "agreement"]
    assert keys(agreement, "party") == {"KZ", "UZ"}


def test_a_declaration_adopted_at_a_summit_nobody_is_named_at_gives_no_agreement(nlp):
    ex = run(nlp, "The summit of the Organization of Turkic States in Bishkek adopted a joint declaration.")
    assert [e for e in ex.events if e.kind == "agreement"] == []


def test_officials_of_international_bodies_travel_to_a_gathering_abroad(nlp):
    text = ("The summit in Astana was attended by President of Georgia Levan Beridze and "
            "UN Secretary-General Antonio Guterres.")
    visitors = {r.key for e in run(nlp, text).events if e.kind == "visit" for r in e.roles["visitor"]}
    assert visitors == {"Levan Beridze", "Antonio Guterres"}


def test_a_gathering_only_discussed_is_no_venue(nlp):
    text = ("Foreign Minister of Kazakhstan Daniyar Sarsen met with WHO Director-General Maria Lopez in Geneva.\n"
            "The sides discussed the participation of the WHO Director-General in the summit in Astana in April.")
    ex = run(nlp, text, day="2026-02-26")
    destinations = {r.key for e in ex.events if e.kind == "visit" for r in e.roles["destination"]}
    assert destinations == {"CH"}


@pytest.mark.parametrize("text", [
    "Tokayev visited Berlin, where he held talks with Chancellor Olaf Scholz.",
    "In Berlin, Tokayev held talks with German Chancellor Olaf Scholz.",
])
def test_a_top_office_holder_named_by_surname_alone_travels_and_meets(nlp, text):
    ex = run(nlp, text, day="2024-10-12")
    assert {(r.key, d.key) for e in ex.events if e.kind == "visit"
            for r in e.roles["visitor"] for d in e.roles["destination"]} == {("Tokayev", "DE")}
    assert [keys(e) for e in ex.events if e.kind == "meeting"] == [{"Tokayev", "Olaf Scholz"}]


def test_meetings_with_a_list_include_the_article_protagonist(nlp):
    text = ("Kazakh Foreign Minister Daniyar Sarsen began a visit to Canada.\n"
            "His programme in Ottawa began with meetings with Foreign Minister of Canada Claire Dubois "
            "and Minister of Trade of Canada Ian Reid.")
    meetings = [keys(e) for e in run(nlp, text).events if e.kind == "meeting"]
    assert sorted(map(sorted, meetings)) == [["Claire Dubois", "Daniyar Sarsen"], ["Daniyar Sarsen", "Ian Reid"]]


def test_hard_wrapped_lines_join_into_one_sentence(nlp):
    ex = run(nlp, "Kazakhstan’s Minister of Energy, Almas Serik, and President of\nPeru, Luis Ortega, met in Lima.")
    assert len(ex.sentences) == 1
    assert posts(ex)["Luis Ortega"][0].owner == Ref("state", "PE")


def test_bare_surname_of_a_named_person_is_a_mention(nlp):
    ex = run(nlp, "Prime Minister of Peru Luis Ortega arrived in Astana.\nOrtega thanked his hosts.")
    assert any(m.ref.key == "Ortega" for m in ex.sentences[1].mentions)


def test_longer_title_wins_over_the_organization_inside_it(nlp):
    (post,) = posts(run(nlp, "Mazhilis Chairman Aidos Bek received the guests."))["Aidos Bek"]
    assert post.head == "Chairman of the Mazhilis" and post.owner == Ref("state", "KZ")


def test_acronym_inside_a_title_owns_it_and_in_names_the_host(nlp):
    (post,) = posts(run(nlp, "UN Resident Coordinator in Peru Maria Solis opened the forum."))["Maria Solis"]
    assert post.owner == Ref("org", "un") and post.accredited_to == Ref("state", "PE")


def test_speaker_of_a_national_parliament_serves_its_state(nlp):
    (post,) = posts(run(nlp, "Speaker of the Russian State Duma Ivan Orlov spoke."))["Ivan Orlov"]
    assert post.owner == Ref("state", "RU")


def test_pope_is_part_of_the_name(nlp):
    ex = run(nlp, "Pope Leo XIV received the delegation.")
    names = {m.ref.key for s in ex.sentences for m in s.mentions if isinstance(m, PersonMention)}
    assert names == {"Pope Leo XIV"}


def test_organization_named_inside_a_gazetteer_title_owns_it(nlp):
    (post,) = posts(run(nlp, "President of the European Council Anna Berg arrived."))["Anna Berg"]
    assert post.owner is not None and post.owner.kind == "org"


def test_a_date_after_since_is_not_the_event_date(nlp):
    ex = run(nlp, "Foreign Minister of Peru Luis Ortega met with Foreign Minister of Kazakhstan Aidos Bek, "
                  "the first such meeting since the talks in 2011.", day="2025-06-02")
    (meeting,) = [e for e in ex.events if e.kind == "meeting"]
    assert meeting.date == "2025-06-02"


def test_an_event_reported_again_without_date_takes_the_reported_date(nlp):
    text = ("Ambassador of Peru Luis Ortega presented his credentials to President Aidos Bek.\n"
            "Ortega handed the letter of credence to President Aidos Bek on May 20.")
    meetings = [e for e in run(nlp, text, day="2025-06-02").events if e.kind == "meeting"]
    assert len(meetings) == 2 and {m.date for m in meetings} == {"2025-05-20"}


def test_agreement_with_an_organization_binds_it_and_the_state(nlp):
    ex = run(nlp, "Kazakhstan signed an agreement with the World Health Organization on 3 May.")
    (agreement,) = [e for e in ex.events if e.kind == "agreement"]
    assert keys(agreement, "party") == {"KZ", "who"}


def test_agreement_between_two_named_parties(nlp):
    ex = run(nlp, "Officials of Peru and Chile witnessed as a memorandum between the World Bank and "
                  "the Asian Development Bank was signed.")
    (agreement,) = [e for e in ex.events if e.kind == "agreement"]
    assert len(keys(agreement, "party")) == 2 and not keys(agreement, "party") & {"PE", "CL"}


def test_possessive_of_a_state_ending_in_s_and_a_two_part_portfolio(nlp):
    ex = run(nlp, "He met the Bahamas’ Minister for Foreign Affairs and Tourism Carl Roberts.")
    (post,) = posts(ex)["Carl Roberts"]
    assert post.owner == Ref("state", "BS") and post.title.endswith("and Tourism")


@pytest.mark.parametrize("text, name, state", [
    ("Deputy Prime Minister Asel Nurova led Kazakhstan's delegation.", "Asel Nurova", "KZ"),
    ("The delegation of Peru, led by Deputy Minister Ana Rojas, arrived in Astana.", "Ana Rojas", "PE"),
    ("Minister Karl Berg headed the Austrian delegation at the talks.", "Karl Berg", "AT"),
    ("The Chilean delegation was headed by Vice Minister Rosa Fuentes.", "Rosa Fuentes", "CL"),
    ("Deputy Minister Lars Holm, who led the Danish delegation, spoke first.", "Lars Holm", "DK"),
    ("On Tuesday, Vice Minister Ivo Peric, head of the Croatian delegation, met the hosts.", "Ivo Peric", "HR"),
])
def test_who_leads_a_state_delegation_holds_the_title_for_that_state(nlp, text, name, state):
    (post,) = posts(run(nlp, text))[name]
    assert post.owner == Ref("state", state)


def test_who_leads_a_state_delegation_without_a_title_heads_it_for_that_state(nlp):
    (post,) = posts(run(nlp, "Talgat Seitov led the Kazakh delegation at the forum in Doha."))["Talgat Seitov"]
    assert post.owner == Ref("state", "KZ") and post.head == "Head of Delegation"


def test_a_delegation_member_is_not_its_leader(nlp):
    ex = run(nlp, "Talgat Seitov joined the Kazakh delegation led by Minister Aida Balayeva.")
    assert "Talgat Seitov" not in posts(ex)


@pytest.mark.parametrize("text, owners", [
    ("The foreign ministers of Chile and Peru, Rosa Fuentes and Luis Paredes, met in Lima.",
     {"Rosa Fuentes": ("CL", "foreign minister of Chile"), "Luis Paredes": ("PE", "foreign minister of Peru")}),
    ("The presidents of Kazakhstan, Uzbekistan and Kyrgyzstan, Kassym-Jomart Tokayev, Shavkat Mirziyoyev and "
     "Sadyr Japarov, met in Tashkent.",
     {"Kassym-Jomart Tokayev": ("KZ", "president of Kazakhstan"), "Shavkat Mirziyoyev": ("UZ", "president of Uzbekistan"),
      "Sadyr Japarov": ("KG", "president of Kyrgyzstan")}),
])
def test_a_plural_title_of_several_states_gives_each_name_its_own_state(nlp, text, owners):
    ex = run(nlp, text)
    found = {name: (post.owner.key, post.title) for name, (post,) in posts(ex).items()}
    assert found == owners
    (meeting,) = [e for e in ex.events if e.kind == "meeting"]
    assert keys(meeting) == set(owners)


@pytest.mark.parametrize("text, name, owner", [
    ("European Council President Ana Costa arrived in Astana.", "Ana Costa", Ref("org", "european-council")),
    ("President of the European Council Ana Costa arrived in Astana.", "Ana Costa", Ref("org", "european-council")),
    ("Secretary of the Security Council Marat Seitov met the visitors.", "Marat Seitov", None),
])
def test_a_title_naming_a_body_belongs_to_it_in_any_of_its_forms_unless_it_is_a_state_post(nlp, text, name, owner):
    (post,) = posts(run(nlp, text))[name]
    assert post.owner == owner


@pytest.mark.parametrize("text, name, state", [
    ("His Highness Sheikh Khalid bin Saud Al Amiri, President of the UAE, received the guests.",
     "Khalid bin Saud Al Amiri", "AE"),
    ("The minister met His Excellency Mr. Rahim Aziz, Prime Minister of Malaysia.", "Rahim Aziz", "MY"),
])
def test_a_name_after_styles_of_address_holds_the_title_that_follows_it(nlp, text, name, state):
    (post,) = posts(run(nlp, text))[name]
    assert post.owner == Ref("state", state)


def test_a_first_name_that_is_also_a_month_begins_a_name_the_recogniser_reads_as_a_person(nlp):
    ex = run(nlp, "Dutch Foreign Minister Jan Peters arrived in Astana on Jan 5.")
    assert list(posts(ex)) == ["Jan Peters"]


def org_keys(extraction) -> set[str]:
    return {m.ref.key for s in extraction.sentences for m in s.mentions if m.ref.kind == "org"}


@pytest.mark.parametrize("body, key", [
    ("The Senate adopted the law on Thursday, the upper chamber's press service said.", "senate-kz"),
    ("Deputies of the Parliament of Kazakhstan discussed the budget.", "parliament-kz"),
    ("The Uzbek delegation visited the Kazakh Parliament in Astana.", "parliament-kz"),
    ("The ruling was published by Kazakhstan's Constitutional Court.", "constitutional-court-kz"),
    ("Lawmakers of the Uzbek Senate met their counterparts.", "body:Senate|UZ"),  # no entry of its own
])
def test_national_body_is_the_gazetteer_s_entry_when_it_lists_one(nlp, body, key):
    assert key in org_keys(run(nlp, body))
