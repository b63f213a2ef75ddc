"""The extraction cache of incremental builds: a rebuild equals a clean build, byte for byte."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kzgraph.cache import ExtractionCache, cache_folder, decode, encode, extraction_settings
from kzgraph.corpus import read_source
from kzgraph.extract import DEFAULT_MODEL
from kzgraph.extract.model import ArticleExtraction, PersonMention
from kzgraph.inputs import Source
from kzgraph.pipeline import build_corpus, read_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))[:3]
ADDED = ("Peru and Kazakhstan sign a trade agreement\n\n"
         "ASTANA, 3 May 2024 - Foreign Minister of Peru Luis Ortega visited Astana and met "
         "President Kassym-Jomart Tokayev. The two ministers signed an agreement on trade.\n")


@pytest.fixture(scope="module")
def nlp():
    from kzgraph.extract import build_nlp

    return build_nlp()


@pytest.fixture(scope="module")
def settings():
    return extraction_settings(DEFAULT_MODEL)


def texts(folder: Path) -> Path:
    folder.mkdir()
    for path in CORPUS:
        shutil.copy(path, folder / path.name)
    return folder


def built(folder: Path, nlp, cache: ExtractionCache | None = None) -> bytes:
    return build_corpus(read_corpus([folder], cache=cache), nlp=nlp).turtle().encode("utf-8")


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.json") if p.name != "manifest.json")


def change(folder: Path) -> None:
    path = folder / CORPUS[1].name
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    path.write_text(text.replace("Kazakhstan", "Kyrgyzstan", 1), encoding="utf-8")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize("edit, hits", [
    (lambda folder: (folder / "added.txt").write_text(ADDED, encoding="utf-8"), len(CORPUS)),
    (change, len(CORPUS) - 1),
    (lambda folder: (folder / CORPUS[0].name).unlink(), len(CORPUS) - 1),
])
def test_cache_rebuild_after_an_edit_equals_a_clean_build(tmp_path, nlp, settings, edit, hits):
    folder = texts(tmp_path / "texts")
    store = tmp_path / "g.ttl.cache"
    first = ExtractionCache(store, settings)
    assert built(folder, nlp, first) == built(folder, nlp) and first.hits == 0
    edit(folder)
    again = ExtractionCache(store, settings)
    incremental = built(folder, nlp, again)
    assert again.hits == hits
    assert incremental == built(folder, nlp)
    files = len(list(folder.iterdir()))
    assert len(entries(store)) == files  # entries of removed or changed files are gone
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == files and manifest["settings"] == settings


def test_cache_of_another_pipeline_is_not_used(tmp_path, nlp, settings):
    import spacy.util

    folder = texts(tmp_path / "texts")
    store = tmp_path / "g.ttl.cache"
    built(folder, nlp, ExtractionCache(store, settings))
    package = spacy.util.get_package_path(DEFAULT_MODEL)
    other = extraction_settings(str(next(p for p in package.iterdir() if (p / "config.cfg").is_file())))
    assert other is not None and other != settings
    renewed = ExtractionCache(store, other)
    built(folder, nlp, renewed)
    assert renewed.hits == 0
    first = ExtractionCache(store, settings)
    read_corpus([folder], cache=first)
    assert first.hits == 0


def inner(extractions: str):
    """Damage of an entry's extractions only: its articles can still be used."""
    def damage(entry: bytes) -> bytes:
        data = json.loads(entry)
        data["extractions"] = extractions
        return json.dumps(data).encode()
    return damage


@pytest.mark.parametrize("damage", [
    b"", b"{not json", b"[]", b'{"settings": 1}', b"\xff\xfe\x00", b'{"t": "Path", "v": []}',
    inner("[]"), inner("{not json"), inner('[{"t": "Ref", "v": ["state", "KZ"]}]'), inner('[{"t": "Path", "v": []}]'),
])
def test_cache_damaged_entry_is_extracted_again(tmp_path, nlp, settings, damage):
    folder = texts(tmp_path / "texts")
    store = tmp_path / "g.ttl.cache"
    clean = built(folder, nlp, ExtractionCache(store, settings))
    entry = store / entries(store)[0]
    entry.write_bytes(damage(entry.read_bytes()) if callable(damage) else damage)
    again = ExtractionCache(store, settings)
    assert built(folder, nlp, again) == clean
    assert again.hits == len(CORPUS) - 1
    renewed = ExtractionCache(store, settings)
    assert built(folder, nlp, renewed) == clean and renewed.hits == len(CORPUS)


def test_cache_entry_of_other_settings_or_path_is_not_used(tmp_path, nlp, settings):
    folder = texts(tmp_path / "texts")
    store = tmp_path / "g.ttl.cache"
    built(folder, nlp, ExtractionCache(store, settings))
    source = Source(folder / CORPUS[0].name, Path(CORPUS[0].name).stem)
    (tmp_path / "link").symlink_to(folder)
    same = ExtractionCache(store, settings)
    assert same.read(source) == read_source(source) and same.extractions(source.path) is not None
    for other, moved in [({**settings, "kzgraph": "0.0.0-other"}, source),
                         (None, source),
                         (settings, Source(source.path, "elsewhere/" + source.name)),
                         (settings, Source(tmp_path / "link" / source.path.name, source.name))]:
        cache = ExtractionCache(store, other)
        assert cache.read(moved) == read_source(moved)
        assert cache.hits == 0 and cache.extractions(moved.path) is None


def test_cache_file_changed_while_read_is_not_kept(tmp_path, settings, monkeypatch):
    import kzgraph.cache

    path = tmp_path / "a.txt"
    path.write_text(ADDED, encoding="utf-8")
    reads = []

    def read_then_change(source):
        reads.append(source)
        articles = read_source(source)
        path.write_text(ADDED.replace("Peru", "Chile"), encoding="utf-8")
        return articles

    monkeypatch.setattr(kzgraph.cache, "read_source", read_then_change)
    cache = ExtractionCache(tmp_path / "store", settings)
    articles = cache.read(Source(path, "a"))
    cache.put(path, articles, [ArticleExtraction([], [], [])] * len(articles))
    cache.finish()
    assert reads and entries(tmp_path / "store") == []


def test_cache_json_gives_back_equal_extractions(nlp):
    from kzgraph.pipeline import extract_articles

    extractions = extract_articles(nlp, [a for _, articles in read_corpus(CORPUS).by_file() for a in articles])
    back = decode(json.dumps(encode(extractions)))
    assert back == extractions
    assert all(type(e) is ArticleExtraction for e in back)
    persons = [m for e in back for s in e.sentences for m in s.mentions if isinstance(m, PersonMention)]
    assert persons and all(isinstance(p.ref.__hash__(), int) for p in persons)
    assert {type(post) for e in back for post in e.posts} == {tuple}


@pytest.mark.parametrize("data", [
    {"t": "system", "v": []}, {"t": "Path", "v": ["/"]}, {"t": "Ref", "v": ["state"]},
    {"t": "Ref", "v": ["state", "KZ", "extra"]}, {"t": "__class__", "v": []}, {"t": "Ref", "v": ["state", ["KZ"]]},
    {"t": "SentenceRecord", "v": ["text", ["not a mention"]]}, {"t": "Mention", "v": [None, "x", 0, True, "name"]},
    {"t": "ArticleExtraction", "v": [[], [], [["a", None, 1]]]},
])
def test_cache_json_makes_only_extraction_types_as_declared(data):
    with pytest.raises(ValueError):
        decode(json.dumps(data))


def kzgraph(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kzgraph", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_build_reuses_the_cache_unless_told_not_to(tmp_path):
    folder = texts(tmp_path / "texts")
    out = tmp_path / "graphs" / "g.ttl"
    first = kzgraph("build", str(folder), "-o", str(out), cwd=tmp_path)
    graph = out.read_bytes()
    assert first.returncode == 0 and "from the cache" not in first.stdout
    assert cache_folder(out).is_dir() and len(entries(cache_folder(out))) == len(CORPUS)
    second = kzgraph("build", str(folder), "-o", str(out), cwd=tmp_path)
    assert second.returncode == 0 and f"({len(CORPUS)} from the cache)" in second.stdout
    assert out.read_bytes() == graph
    clean = kzgraph("build", str(folder), "-o", str(out), "--no-cache", cwd=tmp_path)
    assert clean.returncode == 0 and "from the cache" not in clean.stdout
    assert out.read_bytes() == graph and len(entries(cache_folder(out))) == len(CORPUS)


PROBE = """import runpy, sys
sys.argv = ["kzgraph", *sys.argv[1:]]
try:
    runpy.run_module("kzgraph", run_name="__main__")
except SystemExit as end:
    print("exit", end.code, "spaCy imported:", "spacy" in sys.modules)
"""


@pytest.mark.parametrize("jobs, added, imported", [
    ("2", False, False),  # all from the cache: no pipeline is loaded
    ("2", True, False),   # the file added is extracted by a process of its own, which loads the pipeline
    ("1", True, True),    # one process does all
])
def test_cli_build_from_the_cache_loads_spacy_only_where_it_extracts(tmp_path, jobs, added, imported):
    folder = texts(tmp_path / "texts")
    out = tmp_path / "g.ttl"
    assert kzgraph("build", str(folder), "-o", str(out), cwd=tmp_path).returncode == 0
    if added:
        (folder / "added.txt").write_text(ADDED, encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", PROBE, "build", str(folder), "-o", str(out), "-j", jobs],
                           cwd=tmp_path, capture_output=True, text=True)
    assert probe.stdout.strip().splitlines()[-1] == f"exit 0 spaCy imported: {imported}", probe.stderr
    assert f"({len(CORPUS)} from the cache)" in probe.stdout
    clean = tmp_path / "clean.ttl"
    assert kzgraph("build", str(folder), "-o", str(clean), "--no-cache", cwd=tmp_path).returncode == 0
    assert out.read_bytes() == clean.read_bytes()


def test_cli_build_warns_when_the_cache_cannot_be_written(tmp_path):
    folder = texts(tmp_path / "texts")
    out = tmp_path / "g.ttl"
    cache_folder(out).write_text("a file where the cache would go\n", encoding="utf-8")
    result = kzgraph("build", str(folder), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0 and out.is_file()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "warning" in lines[0] and "cache was not saved" in lines[0]
    assert cache_folder(out).read_text(encoding="utf-8") == "a file where the cache would go\n"


def test_cli_build_of_a_pipe_reads_it_once_and_keeps_no_entry(tmp_path):
    import threading

    pipe = tmp_path / "talks.txt"
    os.mkfifo(pipe)

    def feed():
        with open(pipe, "w", encoding="utf-8") as handle:
            handle.write(ADDED)

    writer = threading.Thread(target=feed)
    writer.start()
    out = tmp_path / "g.ttl"
    result = kzgraph("build", str(pipe), "-o", str(out), cwd=tmp_path)
    writer.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Peru" in out.read_text(encoding="utf-8")
    assert entries(cache_folder(out)) == []
