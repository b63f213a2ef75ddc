"""The build's stages: an article whose extraction fails names its file, and a build can go on without it.

No input is known that makes the trained pipeline raise, so the extractor is wrapped to
raise on the articles of one file (the real pipeline extracts every other one).
"""

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

import kzgraph.extract
import kzgraph.spill
from kzgraph.cli import main
from kzgraph.cli.common import EXIT_INPUT, EXIT_SKIPPED
from kzgraph.errors import ExtractionError
from kzgraph.namespaces import KZ, KZD
from kzgraph.pipeline import build_corpus, read_corpus

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "corpus").glob("*.txt"))[:2]
MARKER = "Failing-extraction-marker"


@pytest.fixture(scope="module")
def nlp():
    return kzgraph.extract.build_nlp()


@pytest.fixture
def failing(monkeypatch):
    """The extractor, made to raise when it comes to an article holding MARKER."""
    real = kzgraph.extract.extract_articles

    def extract_articles(nlp, articles):
        articles = list(articles)
        for article, extraction in zip(articles, real(nlp, articles)):
            if MARKER in article.body:
                raise ValueError("the parser gave up\non this text")
            yield extraction

    monkeypatch.setattr(kzgraph.extract, "extract_articles", extract_articles)


@pytest.fixture
def folder(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(SAMPLES[0], texts / "good.txt")
    bad = SAMPLES[1].read_text(encoding="utf-8").rstrip("\n")
    (texts / "bad.txt").write_text(f"{bad}\n{MARKER} closes the text.\n", encoding="utf-8")
    return texts


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_failed_extraction_is_one_error_naming_the_file(folder, nlp, failing, jobs):
    with pytest.raises(ExtractionError) as raised:
        build_corpus(read_corpus([folder]), nlp=nlp, jobs=jobs)
    message = str(raised.value)
    assert "bad.txt" in message and "good.txt" not in message
    assert "ValueError: the parser gave up on this text" in message and "\n" not in message


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_keep_going_builds_without_the_file_that_failed(folder, nlp, failing, jobs):
    result = build_corpus(read_corpus([folder]), nlp=nlp, jobs=jobs, keep_going=True)
    assert [type(p) for p in result.skipped] == [ExtractionError] and "bad.txt" in str(result.skipped[0])
    assert result.files == 1
    articles = {s for s, p, o in result.triples if o == KZ.Article}
    assert KZD["article/good/0"] in articles and not any("/bad/" in str(a) for a in articles)


@pytest.mark.parametrize("keep_going", [False, True])
def test_cli_build_failed_extraction_is_one_line_never_a_traceback(folder, failing, monkeypatch, capsys,
                                                                   keep_going):
    out = folder.parent / "graph.ttl"
    argv = ["kzgraph", "build", str(folder), "-o", str(out), "-j", "1", "--no-cache"]
    monkeypatch.setattr(sys, "argv", argv + (["--keep-going"] if keep_going else []))
    with pytest.raises(SystemExit) as exited:
        main()
    errors = capsys.readouterr().err.strip().splitlines()
    assert "Traceback" not in "\n".join(errors)
    assert len(errors) == 1 and str(folder / "bad.txt") in errors[0] and errors[0].startswith("kzgraph: error:")
    if keep_going:
        assert exited.value.code == EXIT_SKIPPED and errors[0].endswith("; skipped")
        graph = out.read_text(encoding="utf-8")
        assert 'kz:sourceFile "good.txt"' in graph and "bad.txt" not in graph
    else:
        assert exited.value.code == EXIT_INPUT and not out.exists()


def test_pipeline_a_corpus_gives_its_texts_to_the_build_file_by_file(folder, nlp):
    corpus = read_corpus([folder])
    assert corpus.article_count == 2
    result = build_corpus(corpus, nlp=nlp)
    assert corpus.characters > 0 and result.characters == corpus.characters and result.files == 2
    assert any(o == KZ.Sentence for _, _, o in result.triples)


def test_cli_build_temporary_folder_that_cannot_be_written_is_one_line_and_keeps_the_graph(folder, monkeypatch,
                                                                                          capsys):
    """What a build keeps on disk goes to the temporary folder; when that cannot be written
    (gone, full), the build ends with one line naming it, and the previous graph stays."""
    out = folder.parent / "graph.ttl"
    out.write_text("keep me", encoding="utf-8")
    gone = folder.parent / "gone"
    monkeypatch.setattr(tempfile, "tempdir", str(gone))
    monkeypatch.setattr(kzgraph.spill, "SPOOL_BYTES", 0)  # the texts read wait on disk
    monkeypatch.setattr(sys, "argv", ["kzgraph", "build", str(folder), "-o", str(out), "-j", "1", "--no-cache"])
    with pytest.raises(SystemExit) as exited:
        main()
    errors = capsys.readouterr().err.strip().splitlines()
    assert exited.value.code == EXIT_INPUT and len(errors) == 1
    assert errors[0].startswith(f"kzgraph: error: {gone}: cannot write") and "TMPDIR" in errors[0]
    assert out.read_text(encoding="utf-8") == "keep me"
