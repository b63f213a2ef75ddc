"""Tests of kzgraph.dates: date expressions, precision, inferred years and non-dates."""

from datetime import date

import pytest

from kzgraph.dates import DateMention, find_dates, parse_date, reference_date

REF = date(2023, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.03.2026", "2026-03-05"),
        ("05.03.2026, 19:58", "2026-03-05"),
        ("7.11.2019", "2019-11-07"),
        ("30 December, 2022", "2022-12-30"),
        ("December 30, 2022", "2022-12-30"),
        ("28 April 2021", "2021-04-28"),
        ("2023-09-25", "2023-09-25"),
        ("Jul 15, 2013", "2013-07-15"),
        ("March 13, 2018", "2018-03-13"),
        ("Sep. 3, 2019", "2019-09-03"),
        ("the 1st of June 2020", "2020-06-01"),
        ("Updated: November 30, 2022 Source: a news agency", "2022-11-30"),
        ("All News 19:25 March 13, 2018", "2018-03-13"),
        ("Issue No 12 FrIDAy, 31 AuGust 2012", "2012-08-31"),
        ("20 april 2020 year", "2020-04-20"),
        ("09 апреля 2015, 13:59", "2015-04-09"),
    ],
)
def test_dates_full_dates_with_written_year(text, expected):
    assert parse_date(text) == (expected, False)
    # A reference date never overrides a written year.
    assert parse_date(text, reference=REF) == (expected, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec. 25", "2023-12-25"),
        ("Sept. 23", "2023-09-23"),
        ("July 24th", "2023-07-24"),
        ("on 28 April", "2023-04-28"),
        ("24th of July", "2023-07-24"),
        ("Jan 8", "2023-01-08"),
    ],
)
def test_dates_year_less_take_reference_year_and_are_inferred(text, expected):
    assert parse_date(text, reference=REF) == (expected, True)


def test_dates_year_less_without_reference_are_skipped():
    assert parse_date("Dec. 25") is None
    assert find_dates("The talks were held on 28 April in Paris.") == []


def test_dates_year_less_far_after_reference_use_year_before():
    # Reported in early January: "Dec. 25" is last December, not next.
    assert parse_date("Dec. 25", reference=date(2024, 1, 10)) == ("2023-12-25", True)
    # Up to 60 days ahead stays in the reference year (an announced event).
    assert parse_date("March 1", reference=date(2024, 1, 10)) == ("2024-03-01", True)
    assert parse_date("March 15", reference=date(2024, 1, 10)) == ("2023-03-15", True)


def test_dates_month_and_year_give_month_precision():
    assert parse_date("November 2023") == ("2023-11", False)
    assert parse_date("signed in Nov. 2019 in Baku") == ("2019-11", False)


def test_dates_bare_year_after_preposition_gives_year_precision():
    assert parse_date("in 2024") == ("2024", False)
    assert parse_date("The treaty was signed in 2024.") == ("2024", False)
    assert parse_date("a partner since 1992") == ("1992", False)
    assert parse_date("planned by 2030") == ("2030", False)


def test_dates_month_without_day_needs_a_reference():
    assert parse_date("to be held in September") is None
    assert parse_date("to be held in September", reference=date(2022, 8, 1)) == ("2022-09", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July 18-20", "2023-07-18"),
        ("June 7–9", "2023-06-07"),
        ("18-20 July 2011", "2011-07-18"),
    ],
)
def test_dates_range_gives_its_first_day(text, expected):
    assert parse_date(text, reference=REF)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "relations with 186 countries",
        "the Cooperation Framework for 2026-2030",
        "the Concept for 2020-2030",
        "while chairing the organisation in 2011-2012",
        "a roadmap for 2026–2027 was adopted",
        "reforms of the 2000s",
        "the 2005 election",
        "2024 was a busy year",
        "up to 30 calendar days",
        "the 13th meeting of the council",
        "a total of 1,500 troops",
        "visitors may 12 times",
        "February 30, 2023",
        "31.02.2024",
    ],
)
def test_dates_rejects_non_dates(text):
    assert find_dates(text, reference=REF) == []


def test_dates_find_dates_gives_offsets_in_order():
    text = "Talks on Dec. 25 followed the summit of 3 November 2023 and reforms started in 2019."
    mentions = find_dates(text, reference=REF)
    assert [m.iso for m in mentions] == ["2023-12-25", "2023-11-03", "2019"]
    assert [m.inferred for m in mentions] == [True, False, False]
    for m in mentions:
        assert isinstance(m, DateMention)
        assert text[m.start : m.end] == m.text
    assert mentions[0].text == "Dec. 25"
    assert mentions[2].text == "2019"


def test_dates_weekday_is_part_of_the_mention():
    text = "They met on Tuesday, March 13, 2018 in Astana."
    (mention,) = find_dates(text)
    assert mention.text == "Tuesday, March 13, 2018"
    assert mention.iso == "2018-03-13"


def test_dates_lower_case_may_is_not_a_month():
    assert find_dates("The sides may 3 times extend the deal", reference=REF) == []
    assert parse_date("May 16, 2025") == ("2025-05-16", False)


def test_dates_reference_date_of_each_precision():
    assert reference_date("2022-12-30") == date(2022, 12, 30)
    assert reference_date("2024-02") == date(2024, 2, 29)
    assert reference_date("2023") == date(2023, 12, 31)
    assert reference_date(None) is None
    assert reference_date("not a date") is None


@pytest.mark.parametrize(("text", "first", "last"), [
    ("talks on 14-16 May 2024", "2024-05-14", "2024-05-16"),
    ("from July 18–20, 2023", "2023-07-18", "2023-07-20"),
    ("on 28 April 2021", "2021-04-28", None),
    ("on 30-2 May 2024", "2024-05-30", None),  # not a range within the month
])
def test_a_range_of_days_is_dated_by_its_first_and_spans_to_its_last(text, first, last):
    [found] = find_dates(text)
    assert (found.iso, found.last) == (first, last)


@pytest.mark.parametrize(("text", "past", "ahead"), [
    ("on 5-6 October", "2023-10-05", "2024-10-05"),
    ("on 14 March", "2023-03-14", "2024-03-14"),      # passed: last March, or next March for what is to come
    ("on December 27", "2023-12-27", "2023-12-27"),   # a few days back: a late report of a plan
    ("in June", "2023-06", "2024-06"),
])
def test_dates_year_less_of_what_is_yet_to_come_is_the_next_one(text, past, ahead):
    assert find_dates(text, reference=REF)[0].iso == past
    assert find_dates(text, reference=REF, ahead=True)[0].iso == ahead


def test_dates_weekday_of_what_is_yet_to_come_is_the_next_one():
    sunday = date(2023, 12, 31)
    assert find_dates("on Friday", reference=sunday, relative=True)[0].iso == "2023-12-29"
    assert find_dates("on Friday", reference=sunday, relative=True, ahead=True)[0].iso == "2024-01-05"
    assert find_dates("on Sunday", reference=sunday, relative=True, ahead=True)[0].iso == "2023-12-31"


@pytest.mark.parametrize(("text", "first", "last"), [
    ("from 2 to 3 July 2024", "2024-07-02", "2024-07-03"),
    ("on 5 and 6 May 2024", "2024-05-05", "2024-05-06"),
    ("between 10 and 12 June 2024", "2024-06-10", "2024-06-12"),
    ("July 2 to 3, 2024", "2024-07-02", "2024-07-03"),
])
def test_dates_a_range_written_in_words_spans_its_days(text, first, last):
    (mention,) = find_dates(text)
    assert (mention.iso, mention.last) == (first, last)
