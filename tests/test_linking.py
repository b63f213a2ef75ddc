"""Tying short forms of names to full names."""

from kzgraph.linking import PersonLinker, is_full_name, surname


def test_linking_full_name_detection():
    assert is_full_name("Aigerim Sultanova")
    assert not is_full_name("Sultanova")
    assert not is_full_name("A. Sultanova")
    assert not is_full_name("Al Rashidi")


def test_linking_surname_and_initial_forms_resolve_to_full_name():
    linker = PersonLinker()
    for name in ("Dana Omarova", "Omarova", "D.Omarova", "D. Omarova"):
        linker.add("a/0", name)
    resolved = linker.resolve()
    assert {resolved[("a/0", n)] for n in ("Omarova", "D.Omarova", "D. Omarova")} == {"Dana Omarova"}
    assert surname("D.Omarova") == "omarova"


def test_linking_wrong_initial_does_not_link():
    linker = PersonLinker()
    linker.add("a/0", "Dana Omarova")
    linker.add("a/0", "K. Omarova")
    assert linker.resolve()[("a/0", "K. Omarova")] == "K. Omarova"


def test_linking_prefers_full_name_of_same_article():
    linker = PersonLinker()
    linker.add("a/0", "John Smith")
    linker.add("b/0", "Mary Smith")
    linker.add("b/0", "Mary Smith")
    linker.add("a/0", "Smith")
    linker.add("b/0", "Smith")
    resolved = linker.resolve()
    assert resolved[("a/0", "Smith")] == "John Smith"
    assert resolved[("b/0", "Smith")] == "Mary Smith"


def test_linking_shorter_full_name_merges_into_longer():
    linker = PersonLinker()
    linker.add("a/0", "Seyyed Hassan Rahimi")
    linker.add("b/0", "Hassan Rahimi")
    assert linker.resolve()[("b/0", "Hassan Rahimi")] == "Seyyed Hassan Rahimi"


def test_linking_a_surname_alone_names_the_office_holder_the_table_knows_whatever_the_corpus_holds():
    holders = {"omarova": "Dana Omarova"}
    linker = PersonLinker(lambda name: holders.get(surname(name)))
    linker.add("a/0", "Omarova")  # alone in its article
    linker.add("b/0", "Aliya Omarova")  # another Omarova elsewhere in the corpus
    linker.add("b/0", "Omarova")
    resolved = linker.resolve()
    assert resolved[("a/0", "Omarova")] == "Dana Omarova"
    assert resolved[("b/0", "Omarova")] == "Aliya Omarova"  # the article's own full name comes first
