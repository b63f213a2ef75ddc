"""Read news texts into articles: validate the files, split feeds, pick title and date, clean the body.

A text file gives one article, or several when it is a feed (several lines that
hold nothing but a date stamp, each followed by a headline) or a newsletter whose
table of contents names a story that starts later in the file.

Cleaning is line based. Lines of page chrome (menus, breadcrumbs, social
buttons, logos, font controls, "Back to top"...), spam (keyword-stuffed or
all-lowercase lines without punctuation) and reuse or copyright notices are
dropped; the headline and the date stamp are taken out of the body.

Article dates, best source first:
1. a date with day, month and year in the header (byline, stamp, "Updated: ...");
2. a dateline at the start of the first paragraph ("ASTANA, 30 November 2010 -");
3. a year in the headline ("... in 2023"), made precise with a year-less date of
   the header or first paragraph ("Dec. 25") -- inferred;
4. the latest date with a written year in the first paragraph -- inferred.
Otherwise the date is None: nothing is made up.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from kzgraph.dates import DateMention, find_dates, parse_date, reference_date
from kzgraph.errors import CorpusError
from kzgraph.inputs import HTML_SUFFIXES, Source, check_english, decode_html, decode_text, find_sources, is_html, shown
from kzgraph.sidecar import Listed

__all__ = ["Article", "iter_articles", "parse_articles", "read_articles", "read_source", "split_text"]


@dataclass(frozen=True)
class Article:
    """One news article read from a text file."""

    source: Path
    position: int
    title: str
    date: str | None
    date_inferred: bool
    body: str
    name: str = ""           # the name of the file's articles (see ``inputs``); default: the file stem
    url: str | None = None        # where it was published (a saved page's own address, or the listing's)
    publisher: str | None = None  # who published it (a saved page's site name, or the listing's)
    language: str | None = None   # its language as a BCP 47 tag, when the page or the listing gives it

    @property
    def key(self) -> str:
        """A stable identifier, ``<name>/<position>`` percent-encoded, used to mint IRIs."""
        return f"{quote(os.fsencode(self.name or self.source.stem), safe='/')}/{self.position}"

    @property
    def file(self) -> str:
        """The file's path in the folder it was found in (for a file given by name, its
        name), as printable text."""
        folder = PurePosixPath(self.name).parent if self.name else PurePosixPath()
        return shown(folder / self.source.name)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def reference_date(self) -> date | None:
        """The article date as a ``date`` to resolve year-less dates in its text.

        A month or a year alone gives its last day (see ``dates.reference_date``).
        """
        return reference_date(self.date)


# --------------------------------------------------------------------------- files


def iter_articles(paths: Iterable[Path | str] | Path | str) -> Iterator[Article]:
    """Yield the articles of files and folders in a deterministic order; raise the first
    problem found (a build reports them all: see ``pipeline.read_corpus``)."""
    listing = find_sources(paths)
    if listing.problems:
        raise listing.problems[0]
    for source in listing.sources:
        yield from read_source(source)


def read_articles(path: Path | str) -> list[Article]:
    """The articles of one file (a feed gives several), named after its stem."""
    path = Path(path)
    return read_source(Source(path, path.stem))


def read_source(source: Source) -> list[Article]:
    """The articles of one text or HTML file. Raises CorpusError when it cannot be read
    or holds no text, NotEnglishError when its text is not English."""
    path = source.path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{shown(path)}: no such file or folder") from None
    except IsADirectoryError:
        raise CorpusError(f"{shown(path)}: is a folder, not a file") from None
    except OSError as e:
        raise CorpusError(f"{shown(path)}: cannot be read ({e.strerror or e})") from e
    text = decode_html(data, path) if path.suffix.lower() in HTML_SUFFIXES else decode_text(data, path)
    if is_html(path, text):
        articles = _page_articles(text, source)
    else:
        articles = parse_articles(text, path, name=source.name)
    read = "\n".join(f"{a.title}\n{a.body}" for a in articles)
    check_english(read if read.strip() else text, path)
    if not articles:
        raise CorpusError(f"{shown(path)}: no readable text")
    return [_as_listed(article, source.listed) for article in articles] if source.listed else articles


def _as_listed(article: Article, listed: Listed) -> Article:
    """article with what the listing of sources says of its file: the listing's address,
    publisher and language over the page's own; its date when the text gives none of its
    own or only an inferred one."""
    own_date = article.date is not None and not article.date_inferred
    return replace(article, url=listed.url or article.url, publisher=listed.publisher or article.publisher,
                   language=listed.language or article.language,
                   date=article.date if own_date or not listed.date else listed.date,
                   date_inferred=article.date_inferred if own_date or not listed.date else False)


_PAGE_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
_HTML_LANG_RE = re.compile(r"""<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)["'\s>]""",
                           re.IGNORECASE)


def _page_articles(html: str, source: Source) -> list[Article]:
    """The article of a web page: its main text, title, date and URL as trafilatura reads them.

    Nothing is fetched: trafilatura reads the page's own markup only. Dates are taken
    up to a fixed far day, so a build does not depend on the day it runs.
    """
    import trafilatura

    for name in _PAGE_LOGGERS:  # what they would say is reported as this file's problem
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        page = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": False, "max_date": "2999-12-31"},
        )
    except Exception as e:  # noqa: BLE001 - a page the extractor cannot take is bad input
        raise CorpusError(f"{shown(source.path)}: cannot be read as a web page ({type(e).__name__}: {e})") from e
    if page is None or not (page.text or "").strip():
        return []
    title = _normalise_line(page.title or "")
    lines = [ln for ln in (_normalise_line(raw) for raw in page.text.splitlines())
             if ln and _norm(ln) != _norm(title)]
    lines = [ln for ln in lines if _has_date(ln) or not (_is_chrome(ln) or _is_spam(ln))]
    if not lines:
        return []
    published = parse_date(page.date) if page.date else None
    when, inferred = published if published else _article_date(title, [], lines[0])
    language = _HTML_LANG_RE.search(html[:4096])
    return [Article(source=source.path, position=0, title=title, date=when, date_inferred=inferred,
                    body=_finish_body(lines), name=source.name, url=page.url or None,
                    publisher=" ".join((page.sitename or "").split()) or None,
                    language=language.group(1) if language else None)]


def split_text(text: str, limit: int) -> list[str]:
    """text in pieces of at most limit characters, cut between paragraphs where it can,
    else between sentences, else between words; joined by "\n" they give text back
    (a cut between sentences or words drops the one space there)."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for part in _parts(text, limit):
        if current and len(current) + 1 + len(part) > limit:
            pieces.append(current)
            current = part
        else:
            current = f"{current}\n{part}" if current else part
    pieces.append(current)
    return pieces


_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+(?=\S)")


def _parts(text: str, limit: int) -> Iterator[str]:
    """Paragraphs of text, those longer than limit cut into sentences, words or slices."""
    for paragraph in text.split("\n"):
        if len(paragraph) <= limit:
            yield paragraph
            continue
        for sentence in _SENTENCE_END_RE.split(paragraph):
            if len(sentence) <= limit:
                yield sentence
                continue
            word_run = ""
            for word in sentence.split(" "):
                while len(word) > limit:
                    if word_run:
                        yield word_run
                        word_run = ""
                    yield word[:limit]
                    word = word[limit:]
                if word_run and len(word_run) + 1 + len(word) > limit:
                    yield word_run
                    word_run = word
                else:
                    word_run = f"{word_run} {word}" if word_run else word
            if word_run:
                yield word_run


# --------------------------------------------------------------------------- lines

_ODD_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # spaces other than " "
_SPACES_RE = re.compile(f"[ {_ODD_SPACES}]+")
_ODD_SPACE_RE = re.compile(f"[{_ODD_SPACES}]")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_BULLET_RE = re.compile(r"^(?:[•·▪●◦‣∙*]|[-–—](?=\s))\s*")
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD_RE = re.compile(r"[^\W\d_][\w'’.\-]*|\d[\w'’.,\-]*|#\d+")
_LETTER_RE = re.compile(r"[^\W\d_]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_UPPER_RE = re.compile(r"[A-ZА-ЯЁ]")
_FUNCTION_END_RE = re.compile(r"\b(?:the|of|and|to|for|in|on|at|a|an|with|by)$", re.IGNORECASE)
_CRUMB_RE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")

# Whole lines of page chrome (matched against the line without a leading bullet).
_CHROME_FULL_RE = re.compile(
    r"""(?ix)
    (?:main\s+page|home(?:\s*page)?|menu|search|print(?:\s+version)?|share(?:\s+this)?:?|tweet|
     back\s+to\s+top(?:\s+button)?|to\s+top|scroll\s+to\s+top|
     go\s+to\s+(?:contents?|navigation|main\s+content)(?:\s+go\s+to\s+(?:contents?|navigation))?|
     skip\s+to\s+(?:main\s+)?content|
     all\s+news|latest\s+news|news|more\s+news|read\s+(?:more|also)|see\s+also|
     related(?:\s+(?:articles?|posts?|news|stories|topics))?|
     leave\s+a\s+(?:reply|comment)|comments?(?:\s*\(\d+\))?|no\s+comments?|
     your\s+email\s+address\s+will\s+not\s+be\s+published.*|required\s+fields\s+are\s+marked.*|
     (?:category|categories|tags?|topics?|rubric|section)\s*:.*|
     \d+\s+min(?:ute)?s?\s+read|page\s+\d+(?:\s+of\s+\d+)?|
     about(?:\s+us)?|contacts?(?:\s+us)?|advertis(?:e|ing|ement)|subscribe.*|sign\s+(?:in|up)|log\s*(?:in|out)|
     found\s+a\s+(?:bug|mistake|typo)\??|report\s+(?:a\s+)?(?:bug|error|typo)|
     previous(?:\s+(?:article|post|news))?|next(?:\s+(?:article|post|news))?|
     photo|video|gallery|listen|audio|loading\.*|
     .*\bclick\s+here\.?|if\s+you\s+do\s+not\s+(?:already\s+)?have\s+an\s+account.*|
     select\s+font\b.*|character\s+spacing\b.*|font\s*(?:larger|smaller|size).*|text\s+size.*|
     (?:a|a\+|a-)(?:\s+(?:a|a\+|a-))+|
     \(\s*[A-Z]{3,}\s*:.*\)
    )""",
)
# Chrome recognised by a word anywhere in a short line.
_CHROME_WORD_RE = re.compile(
    r"""(?ix)
    \blogo\b|\bemblem\b|\bicons?\b|
    ^photo\s*(?:©|:|by\b|credit)|^(?:image|picture|video)\s*(?:©|:|by\b)|^©|
    \bofficial\s+(?:web)?site\s+of\b|^реклама\b|\bcookies?\b
    """
)
# Reuse, copyright and provenance notices: dropped wherever they appear.
_NOTICE_RE = re.compile(
    r"""(?ix)
    only\s+\d+\s*%\s+of\s+(?:an?|the)\s+article|written\s+permission|
    rewritten\s+by\s+(?:an\s+)?artificial\s+intelligence|taken\s+from\s+this\s+source|
    all\s+rights\s+(?:are\s+)?reserved|mandatory\s+(?:hyper)?link|
    (?:reprint|reproduction|republication|re-publish)\w*\b.{0,60}\b(?:prohibited|permission|without)|
    copyright\s*©|^\s*©\s*\d{4}
    """
)
_SOCIAL = frozenset(
    """facebook twitter x instagram telegram youtube tiktok vkontakte vk whatsapp linkedin
    одноклассники ok ok.ru rss email e-mail pinterest reddit viber threads mastodon flipboard
    tumblr weibo wechat line messenger print share""".split()
)
_SPAM_WORD_RE = re.compile(
    r"(?i)\b(?:casino|casinos|bet(?:ting)?|slots?|bozdurma|paysafe|astropay|viagra|cialis|escort|porn|"
    r"bahis|deneme\s+bonusu|kart)\b"
)
# "Facebook Qazmonitor iconInstagram ...": icon labels glued to the next name.
_GLUED_ICON_RE = re.compile(r"icon(?=[A-Z])")
_URL_RE = re.compile(r"(?i)\b(?:https?://|www\.)\S+")
_PUNCT_RE = re.compile(r"[.!?,;:\"“”«»()]")
_NON_WORD_RE = re.compile(r"\W+")
_TOKEN_SPLIT_RE = re.compile(r"[\s|•·,/]+")
_PAGE_FOOTER_RE = re.compile(r"^[^a-z]*\s/\s[^a-z]*\d$")


def _normalise_line(line: str) -> str:
    line = _INVISIBLE_RE.sub("", line)
    if "  " in line or _ODD_SPACE_RE.search(line):  # otherwise every space is single already
        line = _SPACES_RE.sub(" ", line)
    return line.strip()


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


def _strip_bullet(line: str) -> str:
    return _BULLET_RE.sub("", line, count=1)


def _is_sentence(line: str) -> bool:
    """A line of running text: several words ending like a sentence, or long."""
    if len(line) > 160:
        return len(line.split()) >= 6
    return bool(_TERMINAL_RE.search(line)) and len(_words(line)) >= 6


def _is_chrome(line: str) -> bool:
    bare = _strip_bullet(line).strip()
    if not _LETTER_RE.search(bare):
        return True  # "* * *", counters, separators
    if _NOTICE_RE.search(bare):
        return True
    if len(bare) <= 200 and len(_words(bare)) <= 14 and not _is_sentence(bare):
        if (
            _CHROME_FULL_RE.fullmatch(bare)
            or _CHROME_WORD_RE.search(bare)
            or _GLUED_ICON_RE.search(bare)
        ):
            return True
        tokens = [t.lower() for t in _TOKEN_SPLIT_RE.split(bare) if t]
        if tokens and all(t.rstrip(":") in _SOCIAL for t in tokens):
            return True
        if _CYRILLIC_RE.search(bare) and not _LATIN_RE.search(bare):
            return True  # Russian/Kazakh interface text in an English page
        if _PAGE_FOOTER_RE.match(bare):
            return True  # "ASTANA CALLING / ISSUE 268 / 1"
    if _URL_RE.fullmatch(bare):
        return True
    return False


def _is_spam(line: str) -> bool:
    if _BULLET_RE.match(line):
        return False
    punctuated = _PUNCT_RE.search(line)
    if punctuated and _is_sentence(line):
        return False
    words = _words(line)
    if len(words) < 3:
        return False
    if not punctuated and not _UPPER_RE.search(line) and _LATIN_RE.search(line):
        return True  # "astropay bozdurma paysafe bozdurma ..."
    if len(_SPAM_WORD_RE.findall(line)) >= 2:
        return True  # gambling/pharma keyword lines
    lowered = [w.lower() for w in words]
    if len(lowered) >= 6 and not punctuated and len(set(lowered)) / len(lowered) <= 0.5:
        return True  # keyword stuffing
    return False


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (short lines broken mid-sentence) into paragraphs."""
    nonblank = [ln for ln in lines if ln]
    if len(nonblank) < 5:
        return lines
    lengths = sorted(len(ln) for ln in nonblank)
    if lengths[int(0.9 * (len(lengths) - 1))] > 100:
        return lines  # paragraphs are long lines: not wrapped
    # Broken mid-sentence: an unfinished line followed by one starting in lower case.
    open_pairs = [
        (a, b) for a, b in zip(lines, lines[1:]) if a and b and not _TERMINAL_RE.search(a)
    ]
    continued = sum(1 for _, b in open_pairs if b[0].islower())
    if continued < 3 or continued < 0.25 * len(open_pairs):
        return lines
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(" ".join(buf))
            buf.clear()

    for ln in lines:
        if not ln:
            flush()
            out.append("")
            continue
        buf.append(ln)
        if _TERMINAL_RE.search(ln):
            flush()
    flush()
    return out


def _join_fragments(lines: list[str]) -> list[str]:
    """Join a short line that ends mid-phrase ("Official website of the") to the next line."""
    out: list[str] = []
    pending = ""
    for ln in lines:
        if pending:
            if not ln:
                continue
            ln = f"{pending} {ln}"
            pending = ""
        if ln and len(ln) <= 80 and len(_words(ln)) <= 6 and _FUNCTION_END_RE.search(ln) and not _TERMINAL_RE.search(ln):
            pending = ln
            continue
        out.append(ln)
    if pending:
        out.append(pending)
    return out


def _breadcrumbs(lines: list[str]) -> tuple[set[int], list[str]]:
    """Indexes of breadcrumb lines ("1. Main Page", "2. News", ...) and their last items."""
    drop: set[int] = set()
    last_items: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        m = _CRUMB_RE.match(lines[i])
        if not m or m.group(1) != "1":
            i += 1
            continue
        run = [i]
        expected = 2
        j = i + 1
        while j < n:
            mj = _CRUMB_RE.match(lines[j])
            if not mj or int(mj.group(1)) != expected:
                break
            run.append(j)
            expected += 1
            j += 1
        items = [_CRUMB_RE.match(lines[k]).group(2) for k in run]
        if len(run) >= 2 and all(len(_words(t)) <= 20 and not _TERMINAL_RE.search(t) for t in items):
            drop.update(run)
            last_items.append(items[-1])
        i = j
    return drop, last_items


def _has_date(line: str) -> bool:
    """A short line holding a full date is never chrome or spam ("20 april 2020 year")."""
    if len(line) > 120 or _NOTICE_RE.search(line):
        return False
    return bool(_day_dates(_dates_in(line)))


def _clean_lines(text: str) -> tuple[list[str], list[str]]:
    """Non-blank lines worth reading, and the last items of breadcrumb trails."""
    lines = [_normalise_line(ln) for ln in text.splitlines()]
    lines = _unwrap(lines)
    lines = _join_fragments(lines)
    crumb_lines, crumbs = _breadcrumbs(lines)
    kept = [
        ln
        for i, ln in enumerate(lines)
        if ln
        and i not in crumb_lines
        and (_has_date(ln) or not (_is_chrome(ln) or _is_spam(ln)))
    ]
    return kept, crumbs


# --------------------------------------------------------------------------- dates in lines

@lru_cache(maxsize=4096)
def _cached_dates(line: str, reference: date | None) -> tuple[DateMention, ...]:
    return tuple(find_dates(line, reference=reference))


def _dates_in(line: str, reference: date | None = None) -> tuple[DateMention, ...]:
    """``dates.find_dates`` with a cache: header lines are probed several times."""
    return _cached_dates(line, reference)


# Used only to detect year-less date expressions ("July 22. MFA").
_PROBE_REFERENCE = date(2000, 12, 31)
_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
# What may surround the date of a feed stamp ("05.03.2026, 19:58 3996"), or follow a
# byline date at the end of a headline (", 13:59").
_STAMP_REST_RE = re.compile(r"[,|•\-–\s]*(?:\d{1,2}:\d{2})?[\s|•]*(?:\d+)?\s*")
_TRAILING_TIME_RE = re.compile(r"[\s,|•\-–]*(?:\d{1,2}:\d{2})?\s*")


def _day_dates(mentions: Iterable[DateMention]) -> list[DateMention]:
    """Mentions with a written year and a day."""
    return [m for m in mentions if not m.inferred and len(m.iso) == 10]


def _rest_words(line: str, mentions: Iterable[DateMention]) -> int:
    rest = line
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        rest = rest[: m.start] + " " + rest[m.end :]
    rest = _TIME_RE.sub(" ", rest)
    return sum(1 for w in _words(rest) if _LETTER_RE.search(w))


def _is_date_line(line: str) -> bool:
    """A short line whose point is a date: a stamp, byline or "Updated: ..." line."""
    if len(line) > 160:
        return False
    mentions = [m for m in _dates_in(line, _PROBE_REFERENCE) if len(m.iso) >= 7]
    return bool(mentions) and _rest_words(line, mentions) <= 6


def _is_stamp(line: str) -> bool:
    """A line holding only a full date, maybe with a time and a counter (a feed item stamp)."""
    if len(line) > 60:
        return False
    mentions = _day_dates(_dates_in(line))
    if len(mentions) != 1:
        return False
    m = mentions[0]
    rest = (line[: m.start] + line[m.end :]).strip()
    return _STAMP_REST_RE.fullmatch(rest) is not None


def _strip_trailing_date(line: str) -> tuple[str, str | None]:
    """Split "Headline 09 апреля 2015, 13:59" into headline and date (not a date in brackets)."""
    mentions = _day_dates(_dates_in(line))
    if not mentions:
        return line, None
    m = mentions[-1]
    after = line[m.end :]
    if not _TRAILING_TIME_RE.fullmatch(after):
        return line, None
    before = line[: m.start].rstrip(" ,|•-–—")
    if before.endswith("(") or before.endswith("["):
        return line, None
    return before, m.iso


# --------------------------------------------------------------------------- articles


def _is_title_like(line: str) -> bool:
    words = _words(line)
    if not 3 <= len(words) <= 30 or len(line) > 250:
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "(\"“«'‘"):
        return False
    if line[-1] in ".,;:" or _BULLET_RE.match(line):
        return False
    return not _is_date_line(line)


def _norm(line: str) -> str:
    return _NON_WORD_RE.sub(" ", line).strip().casefold()


@dataclass
class _Draft:
    title: str
    date: str | None
    inferred: bool
    lines: list[str]


def _split_feed(lines: list[str]) -> list[list[str]]:
    """Split at stamp lines when the text is a feed; otherwise one segment."""
    stamps = [
        i
        for i, ln in enumerate(lines)
        if _is_stamp(ln) and i + 1 < len(lines) and _is_title_like(lines[i + 1])
    ]
    if len(stamps) < 2:
        return [lines]
    segments = []
    preamble = lines[: stamps[0]]
    if any(_is_sentence(ln) for ln in preamble):
        segments.append(preamble)
    for a, b in zip(stamps, stamps[1:] + [len(lines)]):
        segments.append(lines[a:b])
    return segments


def _pick_title(header: list[str], crumbs: list[str]) -> tuple[int | None, str, str | None]:
    """Index of the headline in the header, its text and a date found on its line."""
    if not header:
        return None, "", None
    norms = [_norm(ln) for ln in header]
    titles = [i for i, ln in enumerate(header) if _is_title_like(ln)]
    # 1. the last item of a breadcrumb trail, repeated as a line
    crumb_norms = {_norm(c) for c in crumbs}
    for i in titles:
        if norms[i] in crumb_norms:
            return i, header[i], None
    # 2. a headline repeated in the header
    for i in titles:
        if norms.count(norms[i]) >= 2:
            return i, header[i], None
    # 3. the headline next to a standalone date line
    for k, ln in enumerate(header):
        if _is_date_line(ln):
            before = [i for i in titles if i < k]
            if before:
                return before[-1], header[before[-1]], None
            after = [i for i in titles if i > k]
            if after:
                return after[0], header[after[0]], None
            break
    # 4. a headline followed by its byline date on the same line
    for i, ln in enumerate(header):
        stripped, iso = _strip_trailing_date(ln)
        if iso and stripped != ln and _is_title_like(stripped):
            return i, stripped, iso
    # 5. the first headline-like line
    if titles:
        return titles[0], header[titles[0]], None
    return None, "", None


def _header_date(header: list[str]) -> str | None:
    """The first full date of the header, else the first month-and-year date."""
    month_level = None
    for ln in header:
        mentions = [m for m in _dates_in(ln) if not m.inferred]
        for m in mentions:
            if len(m.iso) == 10:
                return m.iso
            if len(m.iso) == 7 and month_level is None:
                month_level = m.iso
    return month_level


def _title_year(title: str) -> int | None:
    years = [int(m.iso) for m in _dates_in(title) if len(m.iso) == 4]
    return years[-1] if years else None


def _article_date(title: str, header: list[str], lead: str | None) -> tuple[str | None, bool]:
    """The article date and whether it is inferred (see the module docstring)."""
    found = _header_date(header)
    if found:
        return found, False
    if lead:
        for m in _day_dates(_dates_in(lead[:120])):
            if m.start <= 60:
                return m.iso, False  # dateline: "ASTANA, 30 November 2010 - ..."
    year = _title_year(title)
    if year is not None:
        ref = date(year, 12, 31)
        for text in [*header, *([lead] if lead else [])]:
            for m in _dates_in(text, ref):
                if m.inferred and len(m.iso) == 10 and int(m.iso[:4]) == year:
                    return m.iso, True
        return f"{year:04d}", True
    if lead:
        written = [m for m in _dates_in(lead) if not m.inferred]
        if written:
            return max(written, key=lambda m: m.iso).iso, True
    return None, False


def _build(segment: list[str], crumbs: list[str]) -> list[_Draft]:
    first_body = next((i for i, ln in enumerate(segment) if _is_sentence(ln)), len(segment))
    header, rest = segment[:first_body], segment[first_body:]
    t_index, title, title_date = _pick_title(header, crumbs)

    if t_index is None:
        kept_header = [ln for ln in header if not _is_date_line(ln)]
        title_norm = ""
    else:
        title_norm = _norm(title)
        kept_header = [
            ln
            for ln in header[t_index + 1 :]
            if not _is_date_line(ln) and _norm(ln) != title_norm
        ]
    lead = rest[0] if rest else None
    if title_date:
        art_date, inferred = title_date, False
    else:
        art_date, inferred = _article_date(title, header, lead)

    # Standalone headline-like header lines may be a table of contents whose
    # stories follow in the body ("Headline First sentence of the story...").
    toc = [
        ln
        for ln in kept_header
        if _is_title_like(ln) and len(_words(ln)) >= 4 and _norm(ln) != title_norm
    ]
    drafts = [_Draft(title, art_date, inferred, list(kept_header))]
    for ln in rest:
        if title and len(_words(title)) >= 4 and ln.startswith(title) and len(ln) > len(title):
            ln = ln[len(title) :].lstrip(" -–—:")  # headline glued to the first paragraph
        heading = next(
            (
                h
                for h in toc
                if ln.startswith(h + " ") and ln[len(h) + 1 : len(h) + 2].isupper()
            ),
            None,
        )
        if heading is not None:
            toc.remove(heading)
            drafts.append(_Draft(heading, art_date, inferred, [ln[len(heading) + 1 :]]))
            continue
        current = drafts[-1].title
        if current and len(ln) == len(current) and _norm(ln) == _norm(current):
            continue  # the headline repeated in the body
        drafts[-1].lines.append(ln)
    return drafts


def _is_kept_ending(line: str) -> bool:
    """May the body end with this line? Bullets, sentences and longer lines may."""
    return bool(_BULLET_RE.match(line) or _TERMINAL_RE.search(line)) or len(_words(line)) > 6


def _finish_body(lines: list[str]) -> str:
    out: list[str] = []
    last = None
    for ln in lines:
        norm = _norm(ln)
        if out and norm == last:
            continue  # the same line twice in a row (captions, repeated headings)
        out.append(ln)
        last = norm
    # Trailing junk: short lines that are not sentences after the last paragraph.
    while out and not _is_kept_ending(out[-1]):
        out.pop()
    return "\n".join(out)


def parse_articles(text: str, source: Path | str, *, name: str = "") -> list[Article]:
    """Split and clean already decoded text; ``source`` and ``name`` are recorded in the articles."""
    source = Path(source)
    lines, crumbs = _clean_lines(text)
    articles: list[Article] = []
    for segment in _split_feed(lines):
        for draft in _build(segment, crumbs):
            body = _finish_body(draft.lines)
            if not body and not draft.title:
                continue
            articles.append(
                Article(
                    source=source,
                    position=len(articles),
                    title=draft.title,
                    date=draft.date,
                    date_inferred=draft.inferred if draft.date else False,
                    body=body,
                    name=name,
                )
            )
    if not any(a.body for a in articles):
        return []
    return articles
