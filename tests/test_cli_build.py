"""`kzgraph build` end to end: exit codes, no half-written output, a fresh committed graph."""

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kzgraph.namespaces import KZ

ROOT = Path(__file__).resolve().parents[1]


def kzgraph(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kzgraph", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("content, problem", [
    (b"\x00\x01\x02 binary", "binary file"),
    ("Astana news \xe9t\xe9".encode("latin-1"), "not UTF-8"),
    (b"   \n\n", "empty"),
])
def test_cli_build_bad_input_exits_2_and_writes_nothing(tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.ttl"
    result = kzgraph("build", str(bad), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and problem in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_cli_build_missing_path_exits_2(tmp_path):
    result = kzgraph("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o.ttl"))
    assert result.returncode == 2 and "nowhere" in result.stderr and "Traceback" not in result.stderr


def test_cli_build_keeps_existing_output_when_input_is_bad(tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("keep me", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert kzgraph("build", str(tmp_path / "empty.txt"), "-o", str(out)).returncode == 2
    assert out.read_text(encoding="utf-8") == "keep me"


def test_cli_build_prints_counts_and_is_byte_identical_twice(tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    result = kzgraph("build", "corpus", "-o", str(first))
    assert result.returncode == 0, result.stderr
    assert "Person" in result.stdout and "Meeting" in result.stdout
    assert kzgraph("build", "corpus", "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_cli_build_committed_graph_is_what_a_build_gives_now(tmp_path):
    fresh = tmp_path / "fresh.ttl"
    assert kzgraph("build", "-o", str(fresh)).returncode == 0
    assert fresh.read_bytes() == (ROOT / "graphs" / "kzgraph.ttl").read_bytes(), \
        "graphs/kzgraph.ttl is stale: run `kzgraph build`"


def test_cli_build_end_to_end_graph_has_provenance_for_every_event():
    graph = Graph().parse(ROOT / "graphs" / "kzgraph.ttl")
    events = [s for cls in (KZ.Visit, KZ.Meeting, KZ.Agreement, KZ.Post) for s in graph.subjects(RDF.type, cls)]
    assert events
    for event in events:
        sentence = graph.value(event, KZ.sentence)
        article = graph.value(event, KZ.article)
        assert graph.value(sentence, KZ.text) is not None
        assert (sentence, KZ.partOf, article) in graph
        assert graph.value(article, KZ.sourceFile) is not None


def test_cli_build_one_node_per_person_across_the_corpus():
    graph = Graph().parse(ROOT / "graphs" / "kzgraph.ttl")
    names = [str(graph.value(s, RDFS.label)) for s in graph.subjects(RDF.type, KZ.Person)]
    assert len(names) == len(set(names))
    assert [n for n in names if "Tokayev" in n] == ["Kassym-Jomart Tokayev"]


def test_cli_build_progress_bar_on_request_only(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    for n in range(3):
        (texts / f"a{n}.txt").write_text(f"Foreign Minister of Peru Luis Ortega{n} visited Astana.\n", encoding="utf-8")
    shown = kzgraph("build", str(texts), "-o", str(tmp_path / "a.ttl"), "--progress")
    quiet = kzgraph("build", str(texts), "-o", str(tmp_path / "b.ttl"))
    assert shown.returncode == quiet.returncode == 0
    assert "extracting" in shown.stderr  # off a terminal, click prints the label only
    assert "extracting" not in quiet.stderr
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_cli_build_progress_bar_by_default_on_a_terminal(tmp_path):
    import os
    import pty

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Foreign Minister of Peru Luis Ortega visited Astana.\n", encoding="utf-8")
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "kzgraph", "build", str(texts), "-o", str(tmp_path / "a.ttl")],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, text=True)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once all is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    assert b"extracting" in shown and b"100%" in shown
