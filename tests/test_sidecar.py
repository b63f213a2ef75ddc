"""Where articles come from: the SOURCES.tsv listing of a folder and a saved page's own
metadata give an article's URL, publisher, language and date; a bad listing stops the
build with one line naming it; the extraction cache follows the listing."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, XSD

from kzgraph.cache import ExtractionCache, cache_folder, extraction_settings
from kzgraph.cli import cli
from kzgraph.corpus import read_source
from kzgraph.extract import DEFAULT_MODEL
from kzgraph.inputs import find_sources
from kzgraph.namespaces import KZ, KZD
from kzgraph.pipeline import build_corpus, read_corpus
from kzgraph.sidecar import Listed, SidecarError, read_sidecar

HEADER = "file\turl\tpublisher\tdate\tlanguage\n"
TEXT = ("Kazakhstan and Peru sign a trade agreement\n\n"
        "Foreign Minister of Peru Luis Ortega visited Astana and met President Kassym-Jomart Tokayev. "
        "The two sides signed an agreement on trade.\n")
PAGE = ("<!DOCTYPE html><html lang=\"en-GB\"><head><title>Peru visit</title>"
        "<meta property=\"og:site_name\" content=\"Steppe  Herald\">"
        "<link rel=\"canonical\" href=\"https://herald.example/peru\"></head><body><article>"
        "<h1>Kazakhstan and Peru sign a trade agreement</h1>"
        f"<p>{TEXT.splitlines()[2]}</p></article></body></html>")


@pytest.fixture(scope="module")
def nlp():
    from kzgraph.extract import build_nlp

    return build_nlp()


def folder_with(tmp_path: Path, listing: str | None) -> Path:
    folder = tmp_path / "texts"
    (folder / "peru").mkdir(parents=True)
    (folder / "peru" / "visit.txt").write_text(TEXT, encoding="utf-8")
    if listing is not None:
        (folder / "SOURCES.tsv").write_text(listing, encoding="utf-8")
    return folder


def test_sidecar_is_read_and_names_files_by_their_path_in_the_folder(tmp_path):
    folder = folder_with(tmp_path, HEADER + "# a comment\n\n"
                         "peru/visit.txt\thttps://news.example/peru\tKazinform\t2024-05-03\ten\n")
    assert read_sidecar(folder / "SOURCES.tsv", "SOURCES.tsv") == {
        PurePosixPath("peru/visit.txt"): Listed("https://news.example/peru", "Kazinform", "2024-05-03", "en")}
    listing = find_sources([folder])
    assert [s.path.name for s in listing.sources] == ["visit.txt"]  # the listing is no article
    assert listing.skipped == [] and listing.problems == []
    assert listing.sources[0].listed.publisher == "Kazinform"


@pytest.mark.parametrize("listing", [
    "peru/visit.txt\thttps://news.example/peru\t2024-05-03\n",               # no header: file, url, date
    "file\tdate\turl\nperu/visit.txt\t2024-05-03\thttps://news.example/peru\n",  # a header in another order
])
def test_sidecar_header_is_optional_and_names_its_columns(tmp_path, listing):
    folder = folder_with(tmp_path, listing)
    assert read_sidecar(folder / "SOURCES.tsv", "SOURCES.tsv") == {
        PurePosixPath("peru/visit.txt"): Listed("https://news.example/peru", None, "2024-05-03", None)}


@pytest.mark.parametrize("listing, message", [
    ("file\turl\tauthor\n", "SOURCES.tsv:1: the header must name"),
    ("peru/visit.txt\thttps://news.example/peru\n", "SOURCES.tsv:1: 2 fields, not 5"),
    (HEADER + "peru/visit.txt\thttps://news.example/peru\tKazinform\n", "SOURCES.tsv:2: 3 fields, not 5"),
    (HEADER + "\npapers/gone.txt\t\t\t\t\n", "SOURCES.tsv:3: papers/gone.txt: no such file"),
    (HEADER + "peru/visit.txt\tnews.example/peru\t\t\t\n", "SOURCES.tsv:2: 'news.example/peru' is not an http"),
    (HEADER + "peru/visit.txt\t\t\t2024-02-30\t\n", "SOURCES.tsv:2: '2024-02-30' is not a date"),
    (HEADER + "peru/visit.txt\t\t\t\tEnglish language\n", "SOURCES.tsv:2: 'English language' is not a language"),
    (HEADER + "../visit.txt\t\t\t\t\n", "SOURCES.tsv:2: '../visit.txt' is not a path inside"),
    (HEADER + "peru/visit.txt\t\t\t\t\nperu/visit.txt\t\t\t\ten\n", "SOURCES.tsv:3: peru/visit.txt is listed twice"),
])
def test_sidecar_malformed_is_an_error_naming_its_line(tmp_path, listing, message):
    folder = folder_with(tmp_path, listing)
    with pytest.raises(SidecarError, match=message):
        read_sidecar(folder / "SOURCES.tsv", "SOURCES.tsv")
    problems = find_sources([folder]).problems
    assert len(problems) == 1 and f"{folder}/{message}" in str(problems[0])


@pytest.mark.parametrize("keep_going", [False, True])
def test_cli_build_with_a_malformed_sidecar_exits_2_and_writes_nothing(tmp_path, keep_going):
    folder = folder_with(tmp_path, HEADER + "peru/visit.txt\thttps://news.example/peru\tKazinform\n")
    output = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(output), "--no-progress",
                                      *(["--keep-going"] if keep_going else [])])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"{folder / 'SOURCES.tsv'}:2: 3 fields, not 5" in lines[0]
    assert "Traceback" not in result.output
    assert not output.exists()


def test_build_emits_the_listed_provenance_with_standard_terms(tmp_path, nlp):
    folder = folder_with(tmp_path, HEADER + "peru/visit.txt\thttps://news.example/peru\tKazinform\t2024-05-03\ten\n")
    graph = build_corpus(read_corpus([folder]), nlp=nlp).graph
    article = KZD["article/peru/visit/0"]
    publisher = KZD["publisher/kazinform"]
    assert graph.value(article, KZ.url) == Literal("https://news.example/peru", datatype=XSD.anyURI)
    assert graph.value(article, SDO.url) == Literal("https://news.example/peru", datatype=XSD.anyURI)
    assert graph.value(article, KZ.publisher) == graph.value(article, DCTERMS.publisher) == publisher
    assert graph.value(article, SDO.publisher) == publisher
    assert (publisher, RDF.type, KZ.Publisher) in graph
    assert graph.value(publisher, RDFS.label) == Literal("Kazinform", lang="en")
    assert graph.value(article, KZ.language) == Literal("en", datatype=XSD.language)
    assert graph.value(article, DCTERMS.language) == Literal("en", datatype=XSD.language)
    assert graph.value(article, KZ.date) == Literal("2024-05-03", datatype=XSD.date)  # the text gives none
    assert graph.value(article, KZ.dateInferred) is None


def test_sidecar_date_does_not_replace_the_texts_own(tmp_path):
    folder = folder_with(tmp_path, HEADER + "peru/visit.txt\t\t\t2020\t\n")
    (folder / "peru" / "visit.txt").write_text(TEXT.replace("\n\n", "\n\nASTANA, 3 May 2024 - ", 1),
                                               encoding="utf-8")
    article, = read_source(find_sources([folder]).sources[0])
    assert article.date == "2024-05-03" and not article.date_inferred


def test_page_gives_its_publisher_and_language(tmp_path):
    page = tmp_path / "peru.html"
    page.write_text(PAGE, encoding="utf-8")
    article, = read_source(find_sources([page]).sources[0])
    assert (article.url, article.publisher, article.language) == ("https://herald.example/peru", "Steppe Herald",
                                                                  "en-GB")
    (tmp_path / "SOURCES.tsv").write_text(HEADER + "peru.html\t\tHerald Agency\t\t\n", encoding="utf-8")
    article, = read_source(find_sources([tmp_path]).sources[0])
    assert (article.url, article.publisher, article.language) == ("https://herald.example/peru", "Herald Agency",
                                                                  "en-GB")


def test_cache_follows_the_sidecar_rebuild_equals_a_clean_build(tmp_path, nlp):
    folder = folder_with(tmp_path, HEADER + "peru/visit.txt\thttps://news.example/peru\tKazinform\t\ten\n")
    settings = extraction_settings(DEFAULT_MODEL)
    cache = cache_folder(tmp_path / "graph.ttl")

    def built(fresh: bool) -> tuple[bytes, int]:
        corpus = read_corpus([folder], cache=ExtractionCache(cache, settings, fresh=fresh))
        result = build_corpus(corpus, nlp=nlp)
        return result.turtle().encode("utf-8"), result.cached

    first, _ = built(fresh=True)
    (folder / "SOURCES.tsv").write_text(HEADER + "peru/visit.txt\thttps://news.example/peru-2\tTengri\t\ten\n",
                                        encoding="utf-8")
    again, cached = built(fresh=False)
    clean, _ = built(fresh=True)
    assert cached == 0  # the listing changed: the file is read again
    assert again == clean != first
    assert b"https://news.example/peru-2" in again and b"Kazinform" not in again
    assert built(fresh=False) == (clean, 1)



def test_publisher_iri_is_its_name_written_alike_or_a_digest_of_other_letters():
    from kzgraph.emit import publisher_segment

    assert publisher_segment("Kazinform") == publisher_segment("KAZINFORM ") == "kazinform"
    assert publisher_segment("Қазинформ") != publisher_segment("Егемен Қазақстан")
    assert publisher_segment("Қазинформ") != "x"
