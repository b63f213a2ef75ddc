"""Outputs that cannot destroy data: every command that writes a file, run as a user runs
it, either writes its output safely or stops with a one-line error and exit code 2, and
in both cases leaves every other file it found exactly as it was (bytes and mode)."""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kzgraph.errors import OutputError
from kzgraph.outputs import Outputs

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
TEXT = ROOT / "tests" / "data" / "corpus" / "dateline_article.txt"
ONTOLOGY = ROOT / "ontology" / "kzgraph.ttl"
PREVIOUS = b"# the previous graph, which must survive\n"

CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def as_a_user(*, file_limit: int | None = None, umask: int = 0o022):
    """Set up the child process as an ordinary user's: file permissions bind even when
    the tests run as root (root's capability to ignore them is dropped before exec);
    file_limit caps the size of any file it writes, as a full disk would."""
    def setup() -> None:
        if os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
                if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "cannot drop root's file-permission capability")
        if file_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
        os.umask(umask)
    return setup


def kzgraph(cwd: Path, *args: str, stdout=subprocess.PIPE, **user) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kzgraph", *args], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, preexec_fn=as_a_user(**user), timeout=300)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under folder (hidden ones too), links not followed: kind, mode, and the
    bytes of a file or the text of a link. The Oxigraph store a command keeps beside a graph
    (GRAPH.oxigraph/, a copy of the graph for fast loading) and the extraction cache of a
    build (.GRAPH.cache/) are not the user's files."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        if any(part.endswith(".oxigraph") or part.startswith(".") and part.endswith(".cache")
               for part in path.relative_to(folder).parts):
            continue
        info = path.lstat()
        if stat.S_ISREG(info.st_mode):
            content = path.read_bytes()
        elif stat.S_ISLNK(info.st_mode):
            content = os.readlink(path)
        else:
            content = None
        seen[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), content)
    return seen


def assert_one_line_error(run: subprocess.CompletedProcess, *fragments: str) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("kzgraph: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def read_only(folder: Path) -> None:
    folder.chmod(0o555)


@pytest.fixture
def work(tmp_path):
    """A user's folder: texts/a.txt, a previous graph graphs/kzgraph.ttl (mode 0640) and a
    graph to reason over, export, analyze and draw (g.ttl); permissions restored after."""
    (tmp_path / "texts").mkdir()
    shutil.copy(TEXT, tmp_path / "texts" / "a.txt")
    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs" / "kzgraph.ttl").write_bytes(PREVIOUS)
    (tmp_path / "graphs" / "kzgraph.ttl").chmod(0o640)
    shutil.copy(FIXTURE, tmp_path / "g.ttl")
    yield tmp_path
    for folder in [tmp_path, *tmp_path.rglob("*")]:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)


# ---------------------------------------------------------------- refused or failed outputs

def _link(work: Path, name: str, to: str) -> None:
    (work / name).symlink_to(to)


def _hard_link(work: Path, name: str, to: str) -> None:
    os.link(work / to, work / name)


def _fifo(work: Path, name: str) -> None:
    os.mkfifo(work / name)


def _empty_folder(work: Path) -> None:
    (work / "nothing").mkdir()
    (work / "nothing" / "notes.md").write_text("not a text to read\n", encoding="utf-8")


REFUSED = {
    # id: (set-up, command line, what the message says, limit on file size)
    "build-output-is-the-input": (None, ["build", "texts/a.txt", "-o", "texts/a.txt"],
                                  ["texts/a.txt", "one of the inputs"], None),
    "build-output-in-the-input-folder": (None, ["build", "texts", "-o", "texts/a.txt"],
                                         ["texts/a.txt", "one of the inputs"], None),
    "build-output-links-to-the-input": (lambda w: _link(w, "out.ttl", "texts/a.txt"),
                                        ["build", "texts/a.txt", "-o", "out.ttl"],
                                        ["out.ttl", "one of the inputs"], None),
    "build-output-is-a-hard-link-of-the-input": (lambda w: _hard_link(w, "out.ttl", "texts/a.txt"),
                                                 ["build", "texts/a.txt", "-o", "out.ttl"],
                                                 ["out.ttl", "one of the inputs"], None),
    "build-output-is-a-fifo": (lambda w: _fifo(w, "pipe.ttl"), ["build", "texts", "-o", "pipe.ttl"],
                               ["pipe.ttl", "FIFO"], None),
    "build-output-links-to-a-fifo": (lambda w: (_fifo(w, "pipe"), _link(w, "out.ttl", "pipe")),
                                     ["build", "texts", "-o", "out.ttl"], ["out.ttl", "FIFO"], None),
    "build-output-is-a-device": (None, ["build", "texts", "-o", os.devnull], [os.devnull, "device"], None),
    "build-output-links-to-a-device": (lambda w: _link(w, "out.ttl", os.devnull),
                                       ["build", "texts", "-o", "out.ttl"], ["out.ttl", "device"], None),
    "build-output-is-a-folder": (None, ["build", "texts", "-o", "graphs"], ["graphs", "directory"], None),
    "build-output-folder-read-only": (lambda w: read_only(w / "graphs"),
                                      ["build", "texts", "-o", "graphs/kzgraph.ttl"],
                                      ["graphs/kzgraph.ttl", "Permission denied"], None),
    "build-output-new-folder-in-read-only-folder": (lambda w: read_only(w / "graphs"),
                                                    ["build", "texts", "-o", "graphs/new/kzgraph.ttl"],
                                                    ["graphs/new/kzgraph.ttl", "Permission denied"], None),
    "build-output-file-read-only": (lambda w: (w / "graphs" / "kzgraph.ttl").chmod(0o444),
                                    ["build", "texts", "-o", "graphs/kzgraph.ttl"],
                                    ["graphs/kzgraph.ttl", "Permission denied"], None),
    "build-output-parent-is-a-file": (None, ["build", "texts", "-o", "graphs/kzgraph.ttl/out.ttl"],
                                      ["graphs/kzgraph.ttl/out.ttl", "kzgraph.ttl is not a folder"], None),
    "build-output-grandparent-is-a-file": (None, ["build", "texts", "-o", "texts/a.txt/sub/out.ttl"],
                                           ["texts/a.txt/sub/out.ttl", "a.txt is not a folder"], None),
    "build-disk-full": (None, ["build", "texts", "-o", "graphs/kzgraph.ttl"],
                        ["graphs/kzgraph.ttl", "File too large"], 500),
    "build-no-texts-keeps-the-previous-graph": (_empty_folder, ["build", "nothing", "-o", "graphs/kzgraph.ttl"],
                                                ["nothing", "no texts found"], None),
    "reason-output-is-the-graph": (None, ["reason", "g.ttl", "-o", "g.ttl"], ["g.ttl", "one of the inputs"], None),
    "reason-output-links-to-the-ontology": (
        lambda w: (shutil.copy(ONTOLOGY, w / "onto.ttl"), _link(w, "out.ttl", "onto.ttl")),
        ["reason", "g.ttl", "--ontology", "onto.ttl", "-o", "out.ttl"], ["out.ttl", "one of the inputs"], None),
    "reason-output-folder-read-only": (lambda w: read_only(w / "graphs"),
                                       ["reason", "g.ttl", "-o", "graphs/inferred.ttl"],
                                       ["graphs/inferred.ttl", "Permission denied"], None),
    "export-output-is-the-graph": (None, ["export", "g.ttl", "-f", "ntriples", "-o", "g.ttl"],
                                   ["g.ttl", "one of the inputs"], None),
    "export-output-is-a-fifo": (lambda w: _fifo(w, "pipe.nt"), ["export", "g.ttl", "-o", "pipe.nt"],
                                ["pipe.nt", "FIFO"], None),
    "export-disk-full": (None, ["export", "g.ttl", "-o", "graphs/kzgraph.ttl"],
                         ["graphs/kzgraph.ttl", "File too large"], 1000),
    "analyze-output-is-the-graph": (None, ["analyze", "g.ttl", "-o", "g.ttl"], ["g.ttl", "one of the inputs"], None),
    "analyze-output-parent-is-a-file": (None, ["analyze", "g.ttl", "-o", "g.ttl/table.txt"],
                                        ["g.ttl/table.txt", "g.ttl is not a folder"], None),
    "views-output-is-the-graph": (None, ["views", "g.ttl", "-o", "g.ttl"], ["g.ttl", "is a file"], None),
    "views-output-parent-is-a-file": (None, ["views", "g.ttl", "-o", "g.ttl/views"],
                                      ["g.ttl/views", "g.ttl is not a folder"], None),
    "views-page-read-only": (lambda w: ((w / "graphs" / "index.html").write_text("mine\n", encoding="utf-8"),
                                        (w / "graphs" / "index.html").chmod(0o444)),
                             ["views", "g.ttl", "-o", "graphs"], ["graphs/index.html", "Permission denied"], None),
    "views-output-folder-read-only": (lambda w: read_only(w / "graphs"), ["views", "g.ttl", "-o", "graphs"],
                                      ["graphs", "Permission denied"], None),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_outputs_refused_or_failed_output_exits_2_and_changes_nothing(work, case):
    set_up, args, fragments, file_limit = REFUSED[case]
    if set_up:
        set_up(work)
    before = snapshot(work)
    device = os.stat(os.devnull)

    run = kzgraph(work, *args, file_limit=file_limit)

    assert_one_line_error(run, *fragments)
    assert snapshot(work) == before
    assert os.stat(os.devnull).st_rdev == device.st_rdev and stat.S_ISCHR(os.stat(os.devnull).st_mode)


STANDARD_OUTPUT = {
    "export": ["export", "g.ttl"],
    "query": ["query", "-g", "g.ttl", "-e", "SELECT * WHERE { ?s ?p ?o }"],
    "analyze": ["analyze", "g.ttl"],
    "validate": ["validate", "g.ttl", "-f", "turtle"],
}


@pytest.mark.parametrize("full", ["device", "file-too-large"])
@pytest.mark.parametrize("command", sorted(STANDARD_OUTPUT))
def test_outputs_standard_output_on_a_full_disk_exits_2(work, command, full):
    before = snapshot(work)
    if full == "device":
        with open("/dev/full", "w") as stdout:
            run = kzgraph(work, *STANDARD_OUTPUT[command], stdout=stdout)
    else:
        with open(work / "redirected.txt", "w") as stdout:
            run = kzgraph(work, *STANDARD_OUTPUT[command], stdout=stdout, file_limit=100)
        before["redirected.txt"] = snapshot(work)["redirected.txt"]
    assert_one_line_error(run, "standard output", "cannot write")
    assert snapshot(work) == before


# ---------------------------------------------------------------- outputs written

WRITERS = {
    "build": ["build", "texts", "-o", "{out}"],
    "reason": ["reason", "g.ttl", "-o", "{out}"],
    "export": ["export", "g.ttl", "-f", "ntriples", "-o", "{out}"],
    "analyze": ["analyze", "g.ttl", "-o", "{out}"],
}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_outputs_existing_file_keeps_its_mode(work, command):
    out = work / "graphs" / "kzgraph.ttl"
    before = snapshot(work)

    run = kzgraph(work, *[a.format(out="graphs/kzgraph.ttl") for a in WRITERS[command]])

    assert run.returncode == 0, run.stderr
    assert out.read_bytes() != PREVIOUS and stat.S_IMODE(out.stat().st_mode) == 0o640
    after = snapshot(work)
    del before["graphs/kzgraph.ttl"], after["graphs/kzgraph.ttl"]
    assert after == before


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_outputs_symlink_is_written_through_and_stays_a_link(work, command):
    (work / "kept").mkdir()
    target = work / "kept" / "real.ttl"
    target.write_bytes(PREVIOUS)
    target.chmod(0o600)
    (work / "link.ttl").symlink_to("kept/real.ttl")
    before = snapshot(work)

    run = kzgraph(work, *[a.format(out="link.ttl") for a in WRITERS[command]])

    assert run.returncode == 0, run.stderr
    assert (work / "link.ttl").is_symlink() and os.readlink(work / "link.ttl") == "kept/real.ttl"
    assert target.read_bytes() != PREVIOUS and stat.S_IMODE(target.stat().st_mode) == 0o600
    after = snapshot(work)
    del before["kept/real.ttl"], after["kept/real.ttl"]
    assert after == before


def test_outputs_new_file_and_folder_follow_the_umask(work):
    run = kzgraph(work, "analyze", "g.ttl", "-o", "new/table.txt", umask=0o027)
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE((work / "new" / "table.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE((work / "new").stat().st_mode) == 0o750
    assert sorted(p.name for p in (work / "new").iterdir()) == ["table.txt"]


def test_outputs_symlink_to_a_missing_file_creates_its_target(work):
    (work / "link.ttl").symlink_to("made/graph.ttl")
    run = kzgraph(work, "export", "g.ttl", "-o", "link.ttl")
    assert run.returncode == 0, run.stderr
    assert (work / "link.ttl").is_symlink() and os.readlink(work / "link.ttl") == "made/graph.ttl"
    shown = kzgraph(work, "export", "g.ttl")
    assert (work / "made" / "graph.ttl").read_text(encoding="utf-8") == shown.stdout


# ---------------------------------------------------------------- views: a set of pages

@pytest.fixture(scope="module")
def fresh_views(tmp_path_factory) -> dict[str, bytes]:
    """The pages `kzgraph views` writes for the fixture graph."""
    folder = tmp_path_factory.mktemp("fresh")
    run = kzgraph(folder, "views", str(FIXTURE), "-o", "views")
    assert run.returncode == 0, run.stderr
    return {p.name: p.read_bytes() for p in (folder / "views").iterdir()}


@pytest.fixture
def old_views(work, fresh_views) -> Path:
    """An earlier set of views in work/views, each page different from a fresh one and of
    mode 0640, with its manifest."""
    folder = work / "views"
    folder.mkdir()
    for name, content in fresh_views.items():
        path = folder / name
        path.write_bytes(content if name == ".kzgraph-views" else content + b"<!-- earlier -->\n")
        path.chmod(0o640)
    return folder


def _folder_in_place_of_page(folder: Path) -> None:
    (folder / "year-2025.html").unlink()
    (folder / "year-2025.html").mkdir()
    (folder / "year-2025.html" / "mine.txt").write_text("mine\n", encoding="utf-8")


def _page_linked_into_read_only_folder(folder: Path) -> None:
    locked = folder.parent / "locked"
    locked.mkdir()
    (folder / "year-2025.html").rename(locked / "year-2025.html")
    (folder / "year-2025.html").symlink_to("../locked/year-2025.html")
    read_only(locked)


VIEWS_FAILING_MIDWAY = {
    # id: (set-up of the earlier set, what the message says, limit on file size)
    "a-later-page-is-a-folder": (_folder_in_place_of_page, ["year-2025.html", "is a folder"], None),
    "a-later-page-links-into-a-read-only-folder": (_page_linked_into_read_only_folder,
                                                   ["year-2025.html", "Permission denied"], None),
    "disk-full": (None, ["views", "File too large"], 100_000),
}


@pytest.mark.parametrize("case", sorted(VIEWS_FAILING_MIDWAY))
def test_outputs_views_failing_midway_leave_the_earlier_set(work, old_views, case):
    set_up, fragments, file_limit = VIEWS_FAILING_MIDWAY[case]
    if set_up:
        set_up(old_views)
    before = snapshot(work)

    run = kzgraph(work, "views", "g.ttl", "-o", "views", file_limit=file_limit)

    assert_one_line_error(run, *fragments)
    assert snapshot(work) == before


def test_outputs_views_remove_only_pages_they_recorded(work, old_views, fresh_views):
    recorded = old_views / ".kzgraph-views"
    recorded.write_text(recorded.read_text(encoding="utf-8") + "year-1999.html\n../g.ttl\n", encoding="utf-8")
    page = fresh_views["year-2024.html"].replace(b"2024", b"1999")
    (old_views / "year-1999.html").write_bytes(page)   # written by an earlier run: recorded
    (old_views / "year-1998.html").write_bytes(page)   # looks generated, but not recorded
    (old_views / "notes.html").write_text("<p>mine</p>\n", encoding="utf-8")
    before = snapshot(work)

    run = kzgraph(work, "views", "g.ttl", "-o", "views")

    assert run.returncode == 0, run.stderr
    after = snapshot(work)
    assert "views/year-1999.html" not in after
    for name in ("views/year-1998.html", "views/notes.html", "g.ttl"):
        assert after[name] == before[name], name
    for name, content in fresh_views.items():
        assert (old_views / name).read_bytes() == content, name
        assert stat.S_IMODE((old_views / name).stat().st_mode) == 0o640, name
    assert sorted(p.name for p in old_views.iterdir()) == sorted([*fresh_views, "year-1998.html", "notes.html"])


# ---------------------------------------------------------------- a set put in place together

def test_outputs_set_failing_while_put_in_place_restores_what_it_replaced(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("old first\n", encoding="utf-8")
    first.chmod(0o640)
    outputs = Outputs()
    outputs.write(first, "new first\n")
    outputs.write(second, "new second\n")
    second.mkdir()  # something else takes the second name after it was staged
    (second / "theirs.txt").write_text("theirs\n", encoding="utf-8")
    before = snapshot(tmp_path)

    with pytest.raises(OutputError, match=r"second\.txt: cannot write: "):
        outputs.commit()

    assert first.read_text(encoding="utf-8") == "old first\n"
    assert snapshot(tmp_path) == {name: entry for name, entry in before.items() if not name.endswith(".tmp")}
