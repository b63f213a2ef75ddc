"""Tests of kzgraph.inputs and the reading of any input: names, decoding, language, long texts, pages."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from kzgraph.corpus import Article, read_articles, split_text
from kzgraph.errors import CorpusError, NotEnglishError
from kzgraph.inputs import decode_html, decode_text, find_sources, language_problem

STORY = ("Talks on the Caspian Route\n\nThe Minister of Foreign Affairs of Kazakhstan met the Ambassador "
         "of Peru in Astana and discussed trade.\n")


@pytest.fixture(scope="module")
def nlp():
    from kzgraph.extract import build_nlp

    return build_nlp()


def put(path: Path, text: str = STORY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- names


def test_inputs_names_are_paths_in_the_folder_without_suffix(tmp_path):
    put(tmp_path / "top.txt")
    put(tmp_path / "A" / "x.txt")
    put(tmp_path / "B" / "x.txt")
    put(tmp_path / "B" / "deeper" / "y.htm")
    listing = find_sources([tmp_path])
    assert [s.name for s in listing.sources] == ["A/x", "B/deeper/y", "B/x", "top"]
    assert not listing.problems and not listing.skipped


def test_inputs_clashing_names_keep_suffix_then_take_their_folder(tmp_path):
    put(tmp_path / "one" / "x.txt")
    put(tmp_path / "one" / "x.html", "<html><body><p>Talks.</p></body></html>")
    put(tmp_path / "two" / "x.txt")
    listing = find_sources([tmp_path / "one", tmp_path / "two"])
    assert [s.name for s in listing.sources] == ["x.html", "one/x.txt", "two/x.txt"]
    assert not listing.problems


def test_inputs_names_clashing_at_every_level_are_problems(tmp_path):
    first, second = put(tmp_path / "a" / "same" / "x.txt"), put(tmp_path / "b" / "same" / "x.txt")
    listing = find_sources([first, second])
    assert listing.sources == []
    assert [str(p).split(":")[0] for p in listing.problems] == [str(first), str(second)]


def test_inputs_a_file_reached_twice_is_read_once_under_the_first_name(tmp_path):
    path = put(tmp_path / "texts" / "sub" / "x.txt")
    listing = find_sources([tmp_path / "texts", path])
    assert [(s.path, s.name) for s in listing.sources] == [(path, "sub/x")]


def test_inputs_article_key_is_percent_encoded(tmp_path):
    name = os.fsdecode(b"dir one/caf\xe9 50%")
    article = Article(Path("x.txt"), 2, "", None, False, "Body.", name=name)
    assert article.key == "dir%20one/caf%E9%2050%25/2"
    assert Article(Path("corpus/000_ab.txt"), 0, "", None, False, "Body.").key == "000_ab/0"


def test_inputs_file_shows_the_path_in_its_folder(tmp_path):
    article = Article(Path("texts/A/x.txt"), 0, "", None, False, "Body.", name="A/x")
    assert article.file == "A/x.txt"
    bytes_name = Article(Path(os.fsdecode(b"n\xffame.txt")), 0, "", None, False, "Body.")
    assert bytes_name.file == "n\\xffame.txt"


def test_inputs_link_back_up_the_tree_is_followed_once(tmp_path):
    put(tmp_path / "texts" / "x.txt")
    (tmp_path / "texts" / "again").symlink_to(tmp_path / "texts")
    listing = find_sources([tmp_path / "texts"])
    assert [s.name for s in listing.sources] == ["x"]


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("data", [
    STORY.encode(),
    b"\xef\xbb\xbf" + STORY.encode(),
    STORY.encode("utf-16"),
    b"\xfe\xff" + STORY.encode("utf-16-be"),
    STORY.encode("utf-32"),
    STORY.replace("\n", "\r\n").encode(),
    STORY.replace("\n", "\r").encode(),
])
def test_inputs_decode_text_gives_the_same_text(data):
    assert decode_text(data, Path("t.txt")) == STORY


def test_inputs_decode_text_bad_bytes_after_a_bom_name_the_file():
    with pytest.raises(CorpusError, match=r"^t\.txt: not UTF-16-LE text despite its byte-order mark"):
        decode_text(b"\xff\xfeA\x00\x00\xd8", Path("t.txt"))


def test_inputs_decode_html_uses_the_declared_charset():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 talks.</p></body></html>'
    assert "Café talks." in decode_html(page.encode("cp1252"), Path("p.html"))
    with pytest.raises(CorpusError, match=r"p\.html: declares an unknown charset \(klingon\)"):
        decode_html(b'<meta charset="klingon"><p>\xe9</p>', Path("p.html"))


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize("text, problem", [
    (STORY, None),
    ("Visit. " * 3, None),
    ("Министр иностранных дел Казахстана встретился с послом Перу в Астане.", "written in Cyrillic script, not English"),
    ("وزير خارجية كازاخستان يلتقي سفير البيرو في أستانا", "written in Arabic script, not English"),
    ("Le ministre des Affaires étrangères du Kazakhstan a rencontré l'ambassadeur du Pérou à Astana "
     "pour discuter du commerce, des transports et de l'énergie entre les deux pays, selon le ministère. "
     "Les deux parties ont également évoqué la coopération culturelle et la préparation d'une visite "
     "officielle du président dans la capitale péruvienne au cours de l'année prochaine.",
     "not English (hardly any common English words)"),
])
def test_inputs_language_problem(text, problem):
    assert language_problem(text) == problem


def test_inputs_russian_file_raises_not_english(tmp_path):
    path = put(tmp_path / "ru.txt", "Переговоры в Астане\n\nМинистр иностранных дел Казахстана встретился "
                                    "с послом Перу в Астане и обсудил торговлю.\n")
    with pytest.raises(NotEnglishError, match=r"ru\.txt: written in Cyrillic script, not English$"):
        read_articles(path)


# --------------------------------------------------------------------------- long texts


def test_inputs_split_text_cuts_between_paragraphs_then_sentences_then_words():
    text = "First paragraph here.\nSecond one. It has two sentences.\n" + "w" * 25
    pieces = split_text(text, 20)
    assert all(len(p) <= 20 for p in pieces)
    assert pieces == ["First paragraph", "here.\nSecond one.", "It has two", "sentences.", "w" * 20, "w" * 5]
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert split_text("Short.\nText.", 100) == ["Short.\nText."]
    assert "\n".join(split_text("One.\nTwo.\nThree.", 9)) == "One.\nTwo.\nThree."


def test_inputs_long_article_is_read_in_pieces_like_a_whole(nlp):
    from kzgraph.pipeline import extract_articles

    body = "\n".join(
        f"The Minister of Foreign Affairs of Kazakhstan met the Ambassador of {state} in Astana on {n} May."
        for n, state in enumerate(["Peru", "Chile", "Japan", "Oman", "Brazil", "Kenya"] * 3, start=1)
    )
    article = Article(Path("long.txt"), 0, "Talks on the Caspian Route", "2024-05-31", False, body)
    short = Article(Path("short.txt"), 0, "", "2024-05-31", False,
                    "The Minister of Foreign Affairs of Kazakhstan met the Ambassador of Chile in Astana.")
    max_length = nlp.max_length
    (whole, _) = extract_articles(nlp, [article, short])
    try:
        nlp.max_length = 400
        (pieces, alone) = extract_articles(nlp, [article, short])
    finally:
        nlp.max_length = max_length
    assert len(body) > 4 * 400

    def events(extraction):
        return sorted((e.kind, e.sentence, repr(e.roles), e.date) for e in extraction.events)

    assert [s.text.strip() for s in pieces.sentences] == [s.text.strip() for s in whole.sentences]
    assert events(pieces) == events(whole) and len(whole.events) >= 18
    assert [(n, p.head, i) for n, p, i in pieces.posts] == [(n, p.head, i) for n, p, i in whole.posts]
    assert events(alone) == events(extract_articles(nlp, [short])[0])


# --------------------------------------------------------------------------- web pages


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Kazakhstan and Oman Open a Consulate | Steppe Herald</title>
<link rel="canonical" href="https://steppe-herald.example/news/consulate">
<link rel="stylesheet" href="https://cdn.steppe-herald.example/site.css">
<script src="https://cdn.steppe-herald.example/site.js"></script>
<meta property="article:published_time" content="2024-10-02">
</head><body><nav><a href="/">Home</a></nav><article><h1>Kazakhstan and Oman Open a Consulate</h1>
<p>The Minister of Foreign Affairs of Kazakhstan and the Minister of Foreign Affairs of Oman opened a
consulate in Muscat on Wednesday.</p>
<img src="https://img.steppe-herald.example/consulate.jpg"></article></body></html>"""


def test_inputs_web_page_is_read_without_any_connection(tmp_path, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = put(tmp_path / "consulate.html", PAGE)
    (article,) = read_articles(page)
    assert attempts == []
    assert (article.title, article.date, article.url) == (
        "Kazakhstan and Oman Open a Consulate", "2024-10-02", "https://steppe-herald.example/news/consulate")
    assert article.body.startswith("The Minister of Foreign Affairs of Kazakhstan")
    assert "<" not in article.body and "Home" not in article.body


def test_inputs_html_saved_as_text_is_read_as_a_page(tmp_path):
    (article,) = read_articles(put(tmp_path / "saved.txt", "\n  " + PAGE))
    assert article.title == "Kazakhstan and Oman Open a Consulate"
    assert "DOCTYPE" not in article.body and article.name == "saved"
