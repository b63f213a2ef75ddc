"""The trained pipeline under the rules: its files checked, another pipeline by name, the
same graph from any number of processes, and articles read independently of each other."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from kzgraph.corpus import Article
from kzgraph.errors import ModelError
from kzgraph.extract import DEFAULT_MODEL, build_nlp, extract_article
from kzgraph.extract.trained import check_digests, recorded_digests

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def model_folder() -> Path:
    return Path(spacy.load(DEFAULT_MODEL, exclude=["ner", "parser", "tagger"]).path)


def test_installed_pipeline_has_the_recorded_digests():
    check_digests(model_folder())  # raises when a file differs


def test_a_changed_weight_file_is_named_in_a_one_line_error(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(model_folder(), copy)
    weights = copy / "ner" / "model"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\0")
    with pytest.raises(ModelError) as caught:
        check_digests(copy)
    message = str(caught.value)
    assert str(weights) in message and "\n" not in message
    assert set(recorded_digests()) >= {"tok2vec/model", "parser/model", "ner/model"}


def test_build_with_a_pipeline_that_is_not_installed_fails_on_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Kazakhstan and Mongolia signed an agreement.\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    done = subprocess.run([sys.executable, "-m", "kzgraph", "build", str(tmp_path / "a.txt"), "-o", str(out),
                           "--model", "en_no_such_pipeline"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "en_no_such_pipeline" in done.stderr
    assert not out.exists()


def test_two_processes_give_the_same_bytes_as_one(tmp_path):
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    for jobs, out in (("1", one), ("2", two)):
        done = subprocess.run([sys.executable, "-m", "kzgraph", "build", str(ROOT / "corpus"), "-o", str(out),
                               "--jobs", jobs], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert one.read_bytes() == two.read_bytes()


def test_an_article_reads_the_same_alone_and_among_others(nlp):
    text = ("Foreign Minister Daniyar Sarsen met Development Bank President Karl Weiss in Astana.\n"
            "Sarsen said cooperation was growing.")
    other = "The Development of Cooperation was discussed. cooperation development bank"
    alone = extract_article(nlp, Article(Path("a.txt"), 0, "", "2024-05-06", False, text))
    from kzgraph.pipeline import extract_articles
    together = extract_articles(nlp, [Article(Path("b.txt"), 0, "", "2024-05-06", False, other),
                                      Article(Path("a.txt"), 0, "", "2024-05-06", False, text)])[1]
    assert alone == together
