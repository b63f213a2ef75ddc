"""Find and parse date expressions in English news text.

Dates come out as ISO strings as precise as the text allows: ``YYYY-MM-DD`` when
the day is known, ``YYYY-MM`` for a month and year, ``YYYY`` for a year alone.
When the year is not written ("Dec. 25", "on 28 April"), it is taken from a
reference date (usually the article's date) and the result is flagged as
inferred; without a reference such expressions are skipped.

A bare four-digit number is a year only after "in", "since", "of", "on",
"during" or "by"; year ranges ("2026-2030") are never dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateMention", "find_dates", "parse_date", "reference_date"]

# How far after the reference date a year-less date may fall before it is taken
# to belong to the year before (news mostly reports past events).
FUTURE_TOLERANCE = timedelta(days=60)
# How far before the reference date a year-less date of an event yet to come may fall
# before it is taken to belong to the year after ("will visit on 5 October", told in May).
PAST_TOLERANCE = timedelta(days=7)

MIN_YEAR, MAX_YEAR = 1800, 2100
BARE_MIN_YEAR, BARE_MAX_YEAR = 1900, 2099

_MONTHS_EN = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Russian month names as seen in bylines ("09 апреля 2015"): genitive and nominative.
_MONTHS_RU = {
    "января": 1, "январь": 1,
    "февраля": 2, "февраль": 2,
    "марта": 3, "март": 3,
    "апреля": 4, "апрель": 4,
    "мая": 5, "май": 5,
    "июня": 6, "июнь": 6,
    "июля": 7, "июль": 7,
    "августа": 8, "август": 8,
    "сентября": 9, "сентябрь": 9,
    "октября": 10, "октябрь": 10,
    "ноября": 11, "ноябрь": 11,
    "декабря": 12, "декабрь": 12,
}
MONTHS = {**_MONTHS_EN, **_MONTHS_RU}
# Month names that are also common English words: a month only when capitalised.
_WORDLIKE_MONTHS = frozenset({"may", "mar", "march"})

_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)


def _alternation(names) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


_MONTH = rf"(?:{_alternation(MONTHS)})"
# The month word, optionally followed by an abbreviation dot.
_MON = rf"(?P<{{g}}>{_MONTH})(?![\w])\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?"
# A second day of a range ("18-20", "7 – 9", "from 2 to 3 July", "on 5 and 6 May"); the range
# is dated by its first day and spans to its last.
_DAY_RANGE = r"(?:(?:\s*[-–—]\s*|\s+(?:to|and|through|till|until)\s+)(?P<{g}>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<{g}>1[89]\d\d|20\d\d)(?![\d\-–/])"
# A weekday just before a date ("Tuesday, March 13") joins the mention's span.
_WEEKDAY_BEFORE_RE = re.compile(rf"\b(?:{_WEEKDAYS})\.?,?\s+(?:the\s+)?$", re.IGNORECASE)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?!\d))?"


def _g(pattern: str, name: str) -> str:
    return pattern.replace("{g}", name)


_DATE_PATTERNS = [
    # 2023-09-25
    r"(?P<iso_y>\d{4})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d\-])",
    # 05.03.2026 (day first, as in Kazakh and European feeds), optional time
    rf"(?<![\d.])(?P<num_d>[0-3]?\d)\.(?P<num_m>[01]?\d)\.(?P<num_y>\d{{4}})(?![\d.]\d){_TIME}",
    # 30 December, 2022 | 28 April 2021 | 18-20 July | 24th of July | 09 апреля 2015
    r"(?<![\d:.,/])"
    + _g(_DAY, "dmy_d")
    + _g(_DAY_RANGE, "dmy_e")
    + r"\s+(?:of\s+)?"
    + _g(_MON, "dmy_m")
    + r"(?:,?\s+" + _g(_YEAR, "dmy_y") + r")?",
    # December 30, 2022 | Dec. 25 | July 24th | July 18-20 | Jul 15, 2013
    _g(_MON, "mdy_m")
    + r"\s+"
    + _g(_DAY, "mdy_d")
    + _g(_DAY_RANGE, "mdy_e")
    + r"(?!\s*(?:%|percent|per\b))"
    + r"(?:,?\s+" + _g(_YEAR, "mdy_y") + r")?",
    # November 2023 | Nov. 2023
    _g(_MON, "my_m") + r",?\s+" + _g(_YEAR, "my_y"),
]
# The lookahead lets the scan skip words that cannot start a date (a large speed-up).
_DATE_RE = re.compile(
    r"\b(?=[\dJFMASONDjfmasondА-Яа-яЁё])(?:" + "|".join(_DATE_PATTERNS) + ")", re.IGNORECASE
)

_DIGIT_RE = re.compile(r"\d")
# Every bare month holds one of these (checked first: a fast scan for most lines).
_MONTH_NAME_RE = re.compile(r"January|February|March|April|May|June|July|August|September|October|November|December")

# A bare year, or a month without a day, counts only after one of these words.
_PREP = r"\b(?:in|since|of|on|during|by)\s+(?:(?:early|mid|late|the\s+(?:year|end\s+of|beginning\s+of))[\s-]+)?"
_BARE_YEAR_RE = re.compile(
    _PREP + r"(?P<year>(?:19|20)\d\d)(?![\d\-–—/]|,\d|\.\d|\s*[-–—]\s*\d|s\b)", re.IGNORECASE
)
# "in September" (capitalised month only, so "in may be" stays a verb).
_BARE_MONTH_RE = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Oo]f|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]or)\s+(?:(?:early|mid|late)[\s-]+)?"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s+\d)"
)


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text, with its character offsets."""

    start: int
    end: int
    iso: str
    inferred: bool
    text: str
    relative: bool = False  # told relative to the reference date ("yesterday", "next year")
    last: str | None = None  # the last day of a range of days ("14-16 May": the 16th)


def reference_date(iso: str | None) -> date | None:
    """The date to use as reference for an ISO date of any precision.

    "2022-12-30" gives that day; "2023-11" and "2023" give the last day of the
    month or year, so year-less dates in the text fall inside that period.
    """
    if not iso:
        return None
    parts = iso.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return None


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _infer_year(month: int, day: int | None, reference: date, ahead: bool = False) -> int:
    """The reference year, or the year before when that lands too far in the future (or,
    ahead, for an event yet to come, the year after when it lands too far in the past)."""
    year = reference.year
    probe_day = day if day is not None and _valid_day(year, month, day) else 1
    probe = date(year, month, probe_day)
    if ahead and reference - probe > PAST_TOLERANCE:
        year += 1
    elif not ahead and probe - reference > FUTURE_TOLERANCE:
        year -= 1
    return year


def _resolve(
    year: int | None, month: int, day: int | None, reference: date | None, ahead: bool = False
) -> tuple[str, bool] | None:
    inferred = False
    if year is None:
        if reference is None:
            return None
        year = _infer_year(month, day, reference, ahead)
        inferred = True
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", inferred
    if not _valid_day(year, month, day):
        # 29 February of an inferred year that is not a leap year, or a bad day.
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", inferred


def _from_match(m: re.Match, reference: date | None, ahead: bool = False) -> tuple[str, bool] | None:
    g = m.groupdict()
    if g["iso_y"]:
        return _resolve(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]), None)
    if g["num_y"]:
        return _resolve(int(g["num_y"]), int(g["num_m"]), int(g["num_d"]), None)
    if g["dmy_m"]:
        year = int(g["dmy_y"]) if g["dmy_y"] else None
        return _resolve(year, _month_number(g["dmy_m"]), int(g["dmy_d"]), reference, ahead)
    if g["mdy_m"]:
        year = int(g["mdy_y"]) if g["mdy_y"] else None
        return _resolve(year, _month_number(g["mdy_m"]), int(g["mdy_d"]), reference, ahead)
    if g["my_m"]:
        return _resolve(int(g["my_y"]), _month_number(g["my_m"]), None, None)
    return None


def _range_end(m: re.Match, first: str) -> str | None:
    """The last day of a range of days a match gives ("18-20 July"), after its first."""
    day = m.group("dmy_e") or m.group("mdy_e")
    if day is None or len(first) != 10:
        return None
    year, month = int(first[:4]), int(first[5:7])
    if not _valid_day(year, month, int(day)) or int(day) <= int(first[8:]):
        return None
    return f"{first[:8]}{int(day):02d}"


def _plausible_month_word(m: re.Match) -> bool:
    """Reject lower-case month words that are ordinary words ("may 3 times", "march")."""
    for key in ("dmy_m", "mdy_m", "my_m"):
        word = m.group(key)
        if word is not None:
            return not (word[0].islower() and word.lower() in _WORDLIKE_MONTHS)
    return True


def find_dates(text: str, *, reference: date | None = None, relative: bool = False,
               ahead: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, in order, without overlaps.

    Year-less expressions take their year from ``reference`` (flagged inferred)
    and are skipped when no reference is given; with relative, so are expressions
    told relative to it ("yesterday", "on Sunday", "next year"). Ahead says the text
    tells of an event yet to come: a year-less date or a weekday is then the next one
    from the reference ("will visit on 5 October", "will meet on Friday"), not the last.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken)

    # Every form of the main pattern and every bare year holds a digit: skip their scans
    # for lines without one.
    has_digit = _DIGIT_RE.search(text) is not None
    matches = _DATE_RE.finditer(text) if has_digit else ()
    for m in matches:
        if not _plausible_month_word(m):
            continue
        resolved = _from_match(m, reference, ahead)
        if resolved is None:
            continue
        start, end = m.start(), m.end()
        weekday = _WEEKDAY_BEFORE_RE.search(text, max(0, start - 16), start)
        if weekday:
            start = weekday.start()
        # Trailing spaces/commas are never part of the expression.
        while end > start and text[end - 1] in " ,":
            end -= 1
        taken.append((start, end))
        found.append(DateMention(start, end, resolved[0], resolved[1], text[start:end], last=_range_end(m, resolved[0])))

    for m in _BARE_YEAR_RE.finditer(text) if has_digit else ():
        start, end = m.span("year")
        if overlaps(start, end):
            continue
        year = int(m.group("year"))
        if not BARE_MIN_YEAR <= year <= BARE_MAX_YEAR:
            continue
        taken.append((start, end))
        found.append(DateMention(start, end, f"{year:04d}", False, text[start:end]))

    if reference is not None and _MONTH_NAME_RE.search(text):
        for m in _BARE_MONTH_RE.finditer(text):
            start, end = m.span("month")
            if overlaps(start, end):
                continue
            month = MONTHS[m.group("month").lower()]
            resolved = _resolve(None, month, None, reference, ahead)
            if resolved is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start, end, resolved[0], resolved[1], text[start:end]))

    if reference is not None and relative:
        for m in _RELATIVE_RE.finditer(text):
            if not overlaps(m.start(), m.end()):
                iso = _relative(m, reference, ahead)
                if iso is not None:
                    taken.append((m.start(), m.end()))
                    found.append(DateMention(m.start(), m.end(), iso, True, m.group(0), relative=True))

    found.sort(key=lambda d: d.start)
    return found


# Dates told relative to the article's: "yesterday", "on Sunday", "last Monday", "next
# year", "earlier this month", "last week" (always inferred). A weekday alone is the latest
# one on or before the reference date, unless the phrase says "next" or "coming"; a week
# is given as its month when it lies within one.
_RELATIVE_RE = re.compile(
    r"\b(?:(?P<day>yesterday|today|tomorrow)"
    r"|(?:(?P<wdir>last|next|this|coming|on|this\s+past)\s+)(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:(?:earlier|later)\s+)?(?P<dir>last|next|this|the\s+coming|the\s+past)\s+(?P<unit>year|month|week))\b",
    re.IGNORECASE)
_WEEKDAY_NUMBER = {name: n for n, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}


def _relative(m: re.Match, reference: date, ahead: bool = False) -> str | None:
    """The ISO date a relative expression gives against reference, as precise as it is
    (a weekday alone, ahead: the next one on or after it)."""
    if m.group("day"):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group("day").lower()]
        return (reference + timedelta(days=shift)).isoformat()
    if m.group("weekday"):
        wanted = _WEEKDAY_NUMBER[m.group("weekday").lower()]
        back = (reference.weekday() - wanted) % 7
        if ahead and m.group("wdir").lower() == "on":
            return (reference + timedelta(days=(wanted - reference.weekday()) % 7)).isoformat()
        if m.group("wdir").lower() in ("next", "coming"):
            return (reference + timedelta(days=(wanted - reference.weekday()) % 7 or 7)).isoformat()
        return (reference - timedelta(days=back)).isoformat()
    step = {"last": -1, "the past": -1, "next": 1, "the coming": 1, "this": 0}[" ".join(m.group("dir").lower().split())]
    if m.group("unit").lower() == "year":
        return f"{reference.year + step:04d}"
    if m.group("unit").lower() == "week":  # as precise as the month that holds the whole week
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step)
        sunday = monday + timedelta(days=6)
        return f"{monday.year:04d}-{monday.month:02d}" if (monday.year, monday.month) == (sunday.year, sunday.month) else None
    month = reference.year * 12 + reference.month - 1 + step
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def parse_date(text: str, *, reference: date | None = None) -> tuple[str, bool] | None:
    """Parse one date expression: ``(iso, inferred)``, or None when there is none.

    ``text`` may carry a little context ("on 28 April", "Updated: November 30,
    2022"); the first date expression found is returned.
    """
    mentions = find_dates(text, reference=reference)
    if not mentions:
        return None
    first = mentions[0]
    return first.iso, first.inferred
