"""`kzgraph build` on the inputs people have: each case ends in a build or in one line per bad
file and exit 2, never a traceback, and no earlier file is changed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kzgraph.namespaces import KZ, KZD

ROOT = Path(__file__).resolve().parents[1]
EARLIER = "an earlier graph, kept\n"
STORY = "Talks on the Caspian Route\n\nThe Minister of Foreign Affairs of Kazakhstan met the Ambassador of Peru in Astana and discussed trade.\n"
OTHER = "Grain Talks in Almaty\n\nThe Prime Minister of Kazakhstan met the Ambassador of Chile in Almaty and discussed grain supplies.\n"
RUSSIAN = ("Переговоры в Астане\n\nМинистр иностранных дел Казахстана встретился с послом Перу в Астане "
           "и обсудил развитие торговли между двумя странами.\n")
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kazakh and Omani Ministers Discuss Transit Routes | Steppe Herald</title>
<meta property="og:title" content="Kazakh and Omani Ministers Discuss Transit Routes">
<meta property="article:published_time" content="2025-04-17T09:30:00+05:00">
<link rel="canonical" href="https://steppe-herald.example/news/kazakh-omani-transit">
<link rel="stylesheet" href="https://cdn.steppe-herald.example/style.css">
<script src="https://cdn.steppe-herald.example/app.js"></script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/contacts">Contacts</a></nav></header>
<main><article>
<h1>Kazakh and Omani Ministers Discuss Transit Routes</h1>
<p>ASTANA – Minister of Foreign Affairs of Kazakhstan Daulet Zhanuzakov met with Minister of Foreign
Affairs of Oman Salim al-Harthy in Astana on Thursday.</p>
<p>The ministers discussed transit corridors between Central Asia and the Gulf, as well as cooperation
in logistics and energy.</p>
<img src="https://img.steppe-herald.example/photo.jpg" alt="The ministers">
</article>
<aside class="related"><h3>Read also</h3><ul>
<li><a href="/news/1">Kazakhstan and France signed an agreement on nuclear energy</a></li>
<li><a href="/news/2">President of Kazakhstan visited Japan</a></li></ul></aside>
</main>
<footer><p>© 2025 Steppe Herald. All rights reserved.</p><a href="https://t.me/steppeherald">Telegram</a></footer>
</body></html>
"""


def kzgraph(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(prefix or []), sys.executable, "-m", "kzgraph", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def unprivileged() -> list[str]:
    """A command prefix under which file permissions hold, even for root (who may read anything)."""
    if os.geteuid() != 0:
        return []
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (links as their target text) and its bytes."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            files[str(path)] = os.readlink(path).encode()
        elif path.is_file() and os.access(path, os.R_OK):
            files[str(path)] = path.read_bytes()
    return files


# --------------------------------------------------------------------------- bad inputs

def _binary(d: Path) -> list[str]:
    (d / "scan.txt").write_bytes(b"GIF89a\x00\x01\x02\x03")
    return [str(d / "scan.txt")]


def _latin1(d: Path) -> list[str]:
    (d / "cafe.txt").write_bytes("Talks in Astana\n\nThe caf\xe9 near the ministry hosted the talks.\n".encode("latin-1"))
    return [str(d / "cafe.txt")]


def _utf16_without_bom(d: Path) -> list[str]:
    (d / "wide.txt").write_bytes(STORY.encode("utf-16-le"))
    return [str(d / "wide.txt")]


def _empty(d: Path) -> list[str]:
    (d / "blank.txt").write_bytes(b"\xef\xbb\xbf  \r\n\r\n")
    return [str(d / "blank.txt")]


def _only_chrome(d: Path) -> list[str]:
    (d / "menu.txt").write_text("Back to top button\nLeave a Reply\n  • Facebook\n* * *\n", encoding="utf-8")
    return [str(d / "menu.txt")]


def _page_without_text(d: Path) -> list[str]:
    (d / "nav.html").write_text("<html><head><title>Home</title></head><body></body></html>", encoding="utf-8")
    return [str(d / "nav.html")]


def _missing(d: Path) -> list[str]:
    return [str(d / "nowhere.txt")]


def _device(d: Path) -> list[str]:
    return [os.devnull]


def _broken_link(d: Path) -> list[str]:
    (d / "texts").mkdir()
    (d / "texts" / "good.txt").write_text(STORY, encoding="utf-8")
    (d / "texts" / "gone.txt").symlink_to(d / "texts" / "deleted.txt")
    return [str(d / "texts")]


def _link_loop(d: Path) -> list[str]:
    (d / "texts").mkdir()
    (d / "texts" / "good.txt").write_text(STORY, encoding="utf-8")
    (d / "texts" / "loop.txt").symlink_to(d / "texts" / "loop.txt")
    return [str(d / "texts")]


def _unreadable_file(d: Path) -> list[str]:
    (d / "texts").mkdir()
    (d / "texts" / "good.txt").write_text(STORY, encoding="utf-8")
    (d / "texts" / "locked.txt").write_text(OTHER, encoding="utf-8")
    (d / "texts" / "locked.txt").chmod(0)
    return [str(d / "texts")]


def _unreadable_folder(d: Path) -> list[str]:
    (d / "texts" / "locked").mkdir(parents=True)
    (d / "texts" / "good.txt").write_text(STORY, encoding="utf-8")
    (d / "texts" / "locked" / "other.txt").write_text(OTHER, encoding="utf-8")
    (d / "texts" / "locked").chmod(0)
    return [str(d / "texts")]


BAD_INPUTS = {  # case: (make the input, what the message names, the problem it says)
    "binary": (_binary, "scan.txt", "binary file"),
    "latin-1": (_latin1, "cafe.txt", "not UTF-8 text (byte 0xe9"),
    "utf-16 without byte-order mark": (_utf16_without_bom, "wide.txt", "binary file"),
    "empty after its BOM": (_empty, "blank.txt", "empty file"),
    "only page chrome": (_only_chrome, "menu.txt", "no readable text"),
    "web page without text": (_page_without_text, "nav.html", "no readable text"),
    "missing": (_missing, "nowhere.txt", "no such file or folder"),
    "device": (_device, os.devnull, "not a file or folder"),
    "broken link in a folder": (_broken_link, "gone.txt", "broken link"),
    "link loop in a folder": (_link_loop, "loop.txt", "cannot be read (Too many levels of symbolic links)"),
    "unreadable file": (_unreadable_file, "locked.txt", "cannot be read (Permission denied)"),
    "unreadable subfolder": (_unreadable_folder, "locked", "folder cannot be read (Permission denied)"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_cli_build_bad_input_is_one_line_exit_2_and_changes_nothing(tmp_path, case):
    make, named, problem = BAD_INPUTS[case]
    (tmp_path / "in").mkdir()
    inputs = make(tmp_path / "in")
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER, encoding="utf-8")
    before = snapshot(tmp_path)
    try:
        result = kzgraph("build", *inputs, "-o", str(out), prefix=unprivileged())
    finally:
        for path in (tmp_path / "in").rglob("*"):
            if not path.is_symlink():
                path.chmod(0o755)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("kzgraph: error: ") and named in lines[0] and problem in lines[0], lines[0]
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------- readable inputs

def _text(name: str, data: bytes) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / name).write_bytes(data)
        return [str(d / name)]
    return make


def _same_names(d: Path) -> list[str]:
    for folder, text in (("A", STORY), ("B", OTHER)):
        (d / "texts" / folder).mkdir(parents=True)
        (d / "texts" / folder / "x.txt").write_text(text, encoding="utf-8")
    return [str(d / "texts")]


def _same_names_given(d: Path) -> list[str]:
    _same_names(d)
    return [str(d / "texts" / "A" / "x.txt"), str(d / "texts" / "B" / "x.txt")]


def _pages_in_folder(d: Path) -> list[str]:
    (d / "saved").mkdir()
    (d / "saved" / "transit.htm").write_text(PAGE, encoding="utf-8")
    (d / "saved" / "notes.txt").write_text(OTHER, encoding="utf-8")
    return [str(d / "saved")]


def _russian_beside(d: Path) -> list[str]:
    (d / "texts").mkdir()
    (d / "texts" / "astana.txt").write_text(STORY, encoding="utf-8")
    (d / "texts" / "peregovory.txt").write_text(RUSSIAN, encoding="utf-8")
    return [str(d / "texts")]


def _other_files_beside(d: Path) -> list[str]:
    (d / "texts").mkdir()
    (d / "texts" / "astana.txt").write_text(STORY, encoding="utf-8")
    (d / "texts" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    os.mkfifo(d / "texts" / "pipe.txt")  # reading it would wait forever
    return [str(d / "texts")]


def _long_article(d: Path) -> list[str]:
    """Over spaCy's 1,000,000 characters; plain paragraphs (cheap to read), then a meeting."""
    paragraph = "Paragraph {} of the record notes that the weather over the steppe was mild and the roads were open."
    body = "\n".join(paragraph.format(n) for n in range(10500))
    meeting = "The Minister of Foreign Affairs of Kazakhstan met the Ambassador of Peru in Astana on 3 May 2024."
    (d / "record.txt").write_text(f"A Long Record of the Season\n\n{body}\n{meeting}\n", encoding="utf-8")
    return [str(d / "record.txt")]


READABLE = {  # case: (make the input, article IRIs (None: any), titles, warning naming a file)
    "utf-8 with BOM": (_text("bom.txt", b"\xef\xbb\xbf" + STORY.encode()), ["bom/0"], ["Talks on the Caspian Route"], None),
    "utf-16 LE with BOM": (_text("le.txt", STORY.encode("utf-16")), ["le/0"], ["Talks on the Caspian Route"], None),
    "utf-16 BE with BOM": (_text("be.txt", b"\xfe\xff" + STORY.encode("utf-16-be")), ["be/0"], ["Talks on the Caspian Route"], None),
    "CRLF line ends": (_text("crlf.txt", STORY.replace("\n", "\r\n").encode()), ["crlf/0"], ["Talks on the Caspian Route"], None),
    "CR line ends": (_text("cr.txt", STORY.replace("\n", "\r").encode()), ["cr/0"], ["Talks on the Caspian Route"], None),
    "name with spaces": (_text("talks in astana.txt", STORY.encode()), ["talks%20in%20astana/0"], ["Talks on the Caspian Route"], None),
    "name not UTF-8": (_text(os.fsdecode(b"talks-\xe9t\xe9.txt"), STORY.encode()), ["talks-%E9t%E9/0"], ["Talks on the Caspian Route"], None),
    "same name in two subfolders": (_same_names, ["A/x/0", "B/x/0"], ["Talks on the Caspian Route", "Grain Talks in Almaty"], None),
    "same name given twice": (_same_names_given, ["A/x.txt/0", "B/x.txt/0"], ["Talks on the Caspian Route", "Grain Talks in Almaty"], None),
    "web page by name": (_text("transit.html", PAGE.encode()), ["transit/0"], ["Kazakh and Omani Ministers Discuss Transit Routes"], None),
    "web pages in a folder": (_pages_in_folder, ["notes/0", "transit/0"], ["Grain Talks in Almaty", "Kazakh and Omani Ministers Discuss Transit Routes"], None),
    "Russian text beside English": (_russian_beside, ["astana/0"], ["Talks on the Caspian Route"], "peregovory.txt: written in Cyrillic script, not English; skipped"),
    "other files beside texts": (_other_files_beside, ["astana/0"], ["Talks on the Caspian Route"], "photo.jpg: skipped, not a text or HTML file"),
    "article over spaCy's length limit": (_long_article, ["record/0"], ["A Long Record of the Season"], None),
}


@pytest.mark.parametrize("case", list(READABLE))
def test_cli_build_reads_input_and_changes_no_input(tmp_path, case):
    make, iris, titles, warning = READABLE[case]
    (tmp_path / "in").mkdir()
    inputs = make(tmp_path / "in")
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER, encoding="utf-8")
    before = snapshot(tmp_path / "in")
    result = kzgraph("build", *inputs, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("kzgraph: warning: ")]
    assert result.stderr.splitlines() == warnings
    if warning:
        assert [w for w in warnings if warning in w], result.stderr
    assert snapshot(tmp_path / "in") == before
    graph = Graph().parse(out)
    articles = sorted(graph.subjects(RDF.type, KZ.Article))
    assert articles == sorted(URIRef(f"{KZD}article/{iri}") for iri in iris)
    assert sorted(str(graph.value(a, KZ.title)) for a in articles) == sorted(titles)
    if case == "article over spaCy's length limit":  # its last piece was read too
        assert [str(graph.value(m, KZ.date)) for m in graph.subjects(RDF.type, KZ.Meeting)] == ["2024-05-03"]


def test_cli_build_web_page_gives_date_and_url_and_drops_links_list(tmp_path):
    page = tmp_path / "transit.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "graph.ttl"
    assert kzgraph("build", str(page), "-o", str(out)).returncode == 0
    graph = Graph().parse(out)
    (article,) = graph.subjects(RDF.type, KZ.Article)
    assert str(graph.value(article, KZ.date)) == "2025-04-17"
    assert str(graph.value(article, KZ.url)) == "https://steppe-herald.example/news/kazakh-omani-transit"
    texts = " ".join(str(t) for t in graph.objects(None, KZ.text))
    assert "Salim al-Harthy" in texts
    assert not any(term in texts for term in ("France", "Japan", "Read also", "<", "rights reserved"))
    assert not [s for s in graph.subjects(RDF.type, KZ.Agreement)]


# --------------------------------------------------------------------------- --keep-going

def _mixed_folder(d: Path) -> Path:
    texts = d / "texts"
    (texts / "sub").mkdir(parents=True)
    (texts / "good.txt").write_text(STORY, encoding="utf-8")
    (texts / "sub" / "also good.txt").write_text(OTHER, encoding="utf-8")
    (texts / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (texts / "sub" / "old.txt").write_bytes("Old caf\xe9 news".encode("cp1252"))
    (texts / "blank.txt").write_text("\n\n", encoding="utf-8")
    return texts


@pytest.mark.parametrize("keep_going", [False, True])
def test_cli_build_lists_every_bad_file_and_keep_going_builds_the_rest(tmp_path, keep_going):
    texts = _mixed_folder(tmp_path)
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER, encoding="utf-8")
    before = snapshot(texts)
    result = kzgraph("build", str(texts), "-o", str(out), *(["--keep-going"] if keep_going else []))
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert sorted(Path(line.split(": ")[2]).name for line in lines) == ["blank.txt", "old.txt", "scan.txt"]
    assert all(line.startswith("kzgraph: error: ") for line in lines)
    assert snapshot(texts) == before
    if keep_going:
        assert result.returncode == 4
        assert all(line.endswith("; skipped") for line in lines)
        assert "3 files skipped" in result.stdout
        graph = Graph().parse(out)
        assert len(list(graph.subjects(RDF.type, KZ.Article))) == 2
    else:
        assert result.returncode == 2
        assert out.read_text(encoding="utf-8") == EARLIER


def test_cli_build_every_file_skipped_is_an_error_and_keeps_the_graph(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "peregovory.txt").write_text(RUSSIAN, encoding="utf-8")
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER, encoding="utf-8")
    result = kzgraph("build", str(tmp_path / "texts"), "-o", str(out), "--keep-going")
    assert result.returncode == 2
    texts = tmp_path / "texts"
    assert result.stderr.splitlines() == [
        f"kzgraph: error: {texts}: no texts found (1 file skipped, the first: {texts / 'peregovory.txt'}: "
        "written in Cyrillic script, not English; skipped); nothing was written",
    ]
    assert out.read_text(encoding="utf-8") == EARLIER
