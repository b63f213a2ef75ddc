"""Tests of kzgraph.corpus: reading files, splitting feeds, titles, dates and cleaning."""

from datetime import date
from pathlib import Path

import pytest

from kzgraph.corpus import Article, iter_articles, read_articles
from kzgraph.errors import CorpusError
from kzgraph.inputs import find_sources

DATA = Path(__file__).parent / "data" / "corpus"
SAMPLE_CORPUS = Path(__file__).parent.parent / "corpus"


def write(tmp_path: Path, text: str, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read_one(tmp_path: Path, text: str) -> Article:
    articles = read_articles(write(tmp_path, text))
    assert len(articles) == 1
    return articles[0]


# --------------------------------------------------------------------------- feeds


def test_corpus_splits_feed_at_each_stamp():
    articles = read_articles(DATA / "feed_press_releases.txt")
    assert [a.title for a in articles] == [
        "Kazakhstan and Mongolia Discuss Transit Cooperation",
        "Ambassador of Chile Presented Copies of Credentials",
        "Kazakh Delegation Attends Energy Forum in Vienna",
    ]
    assert [a.date for a in articles] == ["2024-06-14", "2024-06-13", "2024-06-12"]
    assert not any(a.date_inferred for a in articles)


def test_corpus_feed_bodies_exclude_stamps_and_titles():
    articles = read_articles(DATA / "feed_press_releases.txt")
    for article in articles:
        assert article.title not in article.body
        assert "2215" not in article.body and ".2024" not in article.body
    assert articles[2].body == (
        "A delegation of Kazakhstan took part in an energy forum in Vienna on June 11, "
        "presenting the country's plans for green hydrogen."
    )
    # "until 2030" in a body is not a stamp and does not split the feed.
    assert articles[1].body.endswith("renewable energy until 2030.")


def test_corpus_feed_positions_and_keys():
    articles = read_articles(DATA / "feed_press_releases.txt")
    assert [a.position for a in articles] == [0, 1, 2]
    assert [a.key for a in articles] == [f"feed_press_releases/{i}" for i in range(3)]
    assert all(a.source == DATA / "feed_press_releases.txt" for a in articles)


def test_corpus_single_date_line_is_not_a_feed(tmp_path):
    article = read_one(
        tmp_path,
        "2021-06-02\nASTANA. The foreign ministers of Kazakhstan and Latvia met in Astana to "
        "discuss transport links.\nThey agreed to meet again next spring in Riga.\n",
    )
    assert article.date == "2021-06-02"
    assert article.date_inferred is False
    assert article.title == ""
    assert article.body.startswith("ASTANA. The foreign ministers")


# --------------------------------------------------------------------------- web pages


def test_corpus_webpage_title_and_byline_date():
    (article,) = read_articles(DATA / "webpage_with_chrome.txt")
    assert article.title == "Kazakhstan and Malaysia Sign Visa Waiver Agreement"
    assert article.date == "2024-08-21"
    assert article.date_inferred is False


def test_corpus_webpage_chrome_spam_and_notices_removed():
    (article,) = read_articles(DATA / "webpage_with_chrome.txt")
    body = article.body
    for junk in (
        "Window on the Steppe",
        "Logo",
        "icon",
        "Main Page",
        "Politics",
        "14:05",
        "casino",
        "Only 30%",
        "written permission",
        "Related Articles",
        "Leave a Reply",
        "email address",
        "Back to top",
    ):
        assert junk not in body, junk
    # The headline is kept once, as the title, not in the body.
    assert "Visa Waiver Agreement" not in body


def test_corpus_webpage_real_sentences_and_bullets_survive_intact():
    (article,) = read_articles(DATA / "webpage_with_chrome.txt")
    lines = article.body.split("\n")
    assert (
        "The foreign ministers of Kazakhstan and Malaysia signed an agreement on mutual visa "
        "exemption in Astana on August 20, SteppeWire reports."
    ) in lines
    assert "The agreement allows citizens of both countries to stay for up to 30 days without a visa." in lines
    assert "• Tourism" in lines and "• Business travel" in lines


def test_corpus_drops_social_cyrillic_ui_and_font_controls(tmp_path):
    article = read_one(
        tmp_path,
        "Реклама +7(700) 000 00 00\n"
        "Ministers of Kazakhstan and Oman Hold Talks\n"
        "  • Facebook\n  • Twitter\n  • Telegram\n"
        "Поделиться новостью\n"
        "fontLarger fontSmaller\n"
        "Photo © press office\n"
        "Go to Contents Go to Navigation\n"
        "The foreign ministers of Kazakhstan and Oman held talks in Muscat on trade and logistics.\n"
        "Print\nCategory: World\n",
    )
    assert article.title == "Ministers of Kazakhstan and Oman Hold Talks"
    assert article.body == (
        "The foreign ministers of Kazakhstan and Oman held talks in Muscat on trade and logistics."
    )


def test_corpus_drops_lowercase_keyword_spam_and_trailing_junk(tmp_path):
    article = read_one(
        tmp_path,
        "best slot bonus online deneme bonusu veren siteler\n\n"
        "ASTANA - Kazakhstan and Qatar opened a joint business forum in Astana on Monday.\n\n"
        "This message was taken from this source and rewritten by artificial intelligence.\n\n"
        "Some Sponsor\n\nAnother Sponsor Name\n",
    )
    assert article.body == "ASTANA - Kazakhstan and Qatar opened a joint business forum in Astana on Monday."


def test_corpus_repeated_headline_kept_once(tmp_path):
    article = read_one(
        tmp_path,
        "Kazakhstan and Vietnam Expand Trade\n\nKazakhstan and Vietnam Expand Trade\n\n"
        "Hanoi, May 6, 2024 – The two governments agreed to double trade within five years.\n",
    )
    assert article.title == "Kazakhstan and Vietnam Expand Trade"
    assert "Expand Trade" not in article.body
    assert article.date == "2024-05-06"


def test_corpus_headline_glued_to_first_paragraph_is_stripped(tmp_path):
    article = read_one(
        tmp_path,
        "Kazakh Minister Tours Nordic Capitals\n\n"
        "Kazakh Minister Tours Nordic CapitalsThe Foreign Minister of Kazakhstan visited Oslo and "
        "Stockholm this week.\n",
    )
    assert article.title == "Kazakh Minister Tours Nordic Capitals"
    assert article.body == "The Foreign Minister of Kazakhstan visited Oslo and Stockholm this week."


def test_corpus_title_with_trailing_byline_date(tmp_path):
    article = read_one(
        tmp_path,
        "New Ambassador of Peru presents credentials in Astana 11 марта 2016, 10:20\n\n"
        "The new Ambassador of Peru presented his credentials to the President of Kazakhstan.\n",
    )
    assert article.title == "New Ambassador of Peru presents credentials in Astana"
    assert article.date == "2016-03-11"


def test_corpus_title_keeps_date_in_brackets(tmp_path):
    article = read_one(
        tmp_path,
        "Kazakhstan – Telephone call between the foreign ministers (3 May 2022)\n\n"
        "The foreign ministers spoke on the telephone on 3 May about energy security.\n",
    )
    assert article.title.endswith("(3 May 2022)")
    assert article.date == "2022-05-03"


def test_corpus_title_next_to_date_line_wins_over_site_banner(tmp_path):
    article = read_one(
        tmp_path,
        "Official website of the\n\nGovernment of the Republic\n\n"
        "Official website of the\n\nGovernment of the Republic\n\nInternational news\n\n"
        "Prime Minister Receives Delegation of the European Parliament\n\n"
        "14 february 2019 year\n\n"
        "The Prime Minister received a delegation of the European Parliament in Astana.\n",
    )
    assert article.title == "Prime Minister Receives Delegation of the European Parliament"
    assert article.date == "2019-02-14"
    assert "website" not in article.body and "february" not in article.body


# --------------------------------------------------------------------------- dates


def test_corpus_dateline_in_first_paragraph(tmp_path):
    (article,) = read_articles(DATA / "dateline_article.txt")
    assert article.title == "Central Asian Ministers Meet in Tashkent"
    assert (article.date, article.date_inferred) == ("2023-10-04", False)
    assert article.year == 2023
    assert article.reference_date == date(2023, 10, 4)


def test_corpus_year_in_title_completes_year_less_date(tmp_path):
    article = read_one(
        tmp_path,
        "Ministry Sums Up Its Work in 2021\n\n"
        "The spokesperson of the ministry summed up the year at a briefing held on Dec. 27.\n",
    )
    assert (article.date, article.date_inferred) == ("2021-12-27", True)


def test_corpus_year_in_title_alone_gives_inferred_year(tmp_path):
    article = read_one(
        tmp_path,
        "Results of the Chairmanship in 2019\n\nThe chairmanship brought new partners to the organisation.\n",
    )
    assert (article.date, article.date_inferred) == ("2019", True)
    assert article.year == 2019


def test_corpus_no_date_in_text_gives_none(tmp_path):
    article = read_one(
        tmp_path,
        "ASTANA - The council met on July 24th and agreed to strengthen relations with 30 partners.\n",
    )
    assert article.date is None
    assert article.date_inferred is False
    assert article.year is None
    assert article.reference_date is None


def test_corpus_range_of_years_is_not_an_article_date(tmp_path):
    article = read_one(
        tmp_path,
        "ASTANA - The government approved a cooperation programme for 2026-2030 with its partners.\n",
    )
    assert article.date is None


# --------------------------------------------------------------------------- layout


def test_corpus_hard_wrapped_lines_are_joined(tmp_path):
    article = read_one(
        tmp_path,
        "ALMATY, Kazakhstan, March 3. The Deputy Foreign\n"
        "Minister of Kazakhstan met the Ambassador of Finland\n"
        "to discuss cooperation in education and digital\n"
        "services, the ministry said.\n"
        "The sides also discussed the schedule of political\n"
        "consultations for the coming months and\n"
        "cultural exchanges.\n",
    )
    assert article.body.split("\n") == [
        "ALMATY, Kazakhstan, March 3. The Deputy Foreign Minister of Kazakhstan met the Ambassador "
        "of Finland to discuss cooperation in education and digital services, the ministry said.",
        "The sides also discussed the schedule of political consultations for the coming months "
        "and cultural exchanges.",
    ]


def test_corpus_newsletter_contents_entry_starts_a_new_article(tmp_path):
    articles = read_articles(
        write(
            tmp_path,
            "Steppe Bulletin #12\n\nFriday, 5 April 2019\n\n"
            "Minister Opens New Consulate in Dubai\n\n"
            "Kazakhstan Hosts Regional Water Conference\n\n"
            "Minister Opens New Consulate in Dubai The Foreign Minister opened a new consulate "
            "of Kazakhstan in Dubai on Tuesday.\n",
        )
    )
    assert [a.title for a in articles] == ["Steppe Bulletin #12", "Minister Opens New Consulate in Dubai"]
    assert [a.date for a in articles] == ["2019-04-05", "2019-04-05"]
    assert articles[1].body == "The Foreign Minister opened a new consulate of Kazakhstan in Dubai on Tuesday."


def test_corpus_paragraphs_are_separated_by_single_newlines(tmp_path):
    article = read_one(
        tmp_path,
        "Heads of State Meet in Baku\r\n\r\n"
        "The presidents met in Baku.  They signed   a joint declaration.\r\n\r\n\r\n"
        "The next summit will take place in Astana.\r\n",
    )
    assert article.body == (
        "The presidents met in Baku. They signed a joint declaration.\n"
        "The next summit will take place in Astana."
    )


# --------------------------------------------------------------------------- errors


def test_corpus_missing_path_raises(tmp_path):
    missing = tmp_path / "nothing.txt"
    with pytest.raises(CorpusError, match=r"nothing\.txt: no such file or folder$"):
        read_articles(missing)
    with pytest.raises(CorpusError, match="no such file or folder"):
        list(iter_articles([missing]))
    assert [str(p) for p in find_sources([DATA, missing]).problems] == [f"{missing}: no such file or folder"]


def test_corpus_binary_file_raises(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02 some bytes")
    with pytest.raises(CorpusError) as info:
        read_articles(path)
    assert str(info.value) == f"{path}: binary file"


def test_corpus_non_utf8_raises_with_byte_and_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Astana news: caf".encode() + b"\xe9 opened in the capital.")
    with pytest.raises(CorpusError) as info:
        read_articles(path)
    assert str(info.value) == f"{path}: not UTF-8 text (byte 0xe9 at offset 16)"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  \r\n"])
def test_corpus_empty_file_raises(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError) as info:
        read_articles(path)
    assert str(info.value) == f"{path}: empty file"


def test_corpus_only_chrome_raises_no_readable_text(tmp_path):
    path = write(tmp_path, "Back to top button\nLeave a Reply\n  • Facebook\n* * *\n")
    with pytest.raises(CorpusError) as info:
        read_articles(path)
    assert str(info.value) == f"{path}: no readable text"


def test_corpus_utf8_bom_is_ignored(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTalks Held in Astana Today\n\nThe ministers held talks in Astana today.\n".encode())
    (article,) = read_articles(path)
    assert article.title == "Talks Held in Astana Today"


# --------------------------------------------------------------------------- files


def test_corpus_find_sources_is_recursive_sorted_and_skips_hidden(tmp_path):
    text = "A Meeting Took Place Here\n\nThe ministers met in Astana and discussed trade.\n"
    write(tmp_path, text, "b.txt")
    write(tmp_path, text, "a.txt")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", text, "c.txt")
    write(tmp_path, text, ".hidden.txt")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", text, "d.txt")
    sources = find_sources([tmp_path]).sources
    assert [s.path.relative_to(tmp_path).as_posix() for s in sources] == ["a.txt", "b.txt", "sub/c.txt"]
    assert [s.name for s in sources] == ["a", "b", "sub/c"]


def test_corpus_iter_articles_accepts_strings_and_keeps_given_order(tmp_path):
    first = write(tmp_path, "Zeta Talks in Astana Today\n\nThe ministers met in Astana and discussed trade.\n", "z.txt")
    second = write(tmp_path, "Alpha Talks in Almaty Today\n\nThe ministers met in Almaty and discussed energy.\n", "a.txt")
    keys = [a.key for a in iter_articles([str(first), second, first])]
    assert keys == ["z/0", "a/0"]


def test_corpus_fixture_folder_reads_deterministically():
    first = [(a.key, a.title, a.date) for a in iter_articles([DATA])]
    second = [(a.key, a.title, a.date) for a in iter_articles([DATA])]
    assert first == second
    assert [k for k, _, _ in first] == [
        "dateline_article/0",
        "feed_press_releases/0",
        "feed_press_releases/1",
        "feed_press_releases/2",
        "webpage_with_chrome/0",
    ]


@pytest.mark.skipif(not SAMPLE_CORPUS.is_dir(), reason="sample corpus not in this checkout")
def test_corpus_sample_corpus_articles_and_dates():
    articles = list(iter_articles([SAMPLE_CORPUS]))
    by_file: dict[str, list[Article]] = {}
    for a in articles:
        by_file.setdefault(a.source.name[:3], []).append(a)
    assert len(by_file["002"]) == 9
    assert all(a.date and a.date.startswith("2026-0") for a in by_file["002"])
    assert by_file["000"][0].date == "2022-12-30"
    assert (by_file["001"][0].date, by_file["001"][0].date_inferred) == ("2023-12-25", True)
    assert by_file["004"][0].title == "Position on Current International Issues"

