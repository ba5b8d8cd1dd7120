"""Dates: every news form, resolved against the document's own time (or --date), never the clock."""

from __future__ import annotations

from datetime import date

import pytest

from issextract.dates import find_dates, resolve_dates


def values(text: str, reference: date | None = None) -> list[str | None]:
    return [m.value for m in resolve_dates(text, find_dates(text), reference)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It docked on 15 December 2022.", ["2022-12-15"]),
        ("It docked on Dec. 15, 2022.", ["2022-12-15"]),
        ("It docked on 12/15/2022.", ["2022-12-15"]),
        ("It docked on 2022-12-15.", ["2022-12-15"]),
        ("Roscosmos, 21.09.2022: the Soyuz MS-22 docked.", ["2022-09-21"]),
        ("It docked on December 15th, 2022.", ["2022-12-15"]),
        ("The leak was found in August 2020.", ["2020-08"]),
        ("It was photographed in October of 2018.", ["2018-10"]),
        ("It was fixed in early 2021.", ["2021"]),
        ("Russia may leave after 2024.", ["2024"]),
        ("NASA plans to fly it until 2030.", ["2030"]),
        ("Cargo flights are booked for 2025-2026.", ["2025"]),
    ],
)
def test_explicit_dates(text, expected):
    assert values(text) == expected


def test_year_range_stands_for_both_years():
    from issextract.dates import date_values

    (mention,) = resolve_dates("in 2025-2026", find_dates("in 2025-2026"))
    assert date_values(mention) == ["2025", "2026"]


@pytest.mark.parametrize(
    "text",
    [
        "The crew will stay six months.",
        "At 4:55 am the alarm sounded.",
        "The Expedition 63 crew and Progress 82 are fine.",
        "Support is available 24/7.",
        "The cosmonaut, 45, made spacewalk 93.",
        "It carried 2,000 pounds of cargo.",
        "The station may be deorbited.",
    ],
)
def test_things_that_are_not_dates(text):
    assert values(text) == []


def test_missing_year_comes_from_the_title_date():
    text = "Station Status Report 16 December, 2022\nThe leak began on Dec. 14 and the launch was Sept. 21."
    assert values(text) == ["2022-12-16", "2022-12-14", "2022-09-21"]


def test_past_day_in_a_january_text_is_the_previous_year():
    text = "Spacewalk Ends Early\nThey went outside on January 15, 2016. Both arrived Dec. 15."
    assert values(text)[-1] == "2015-12-15"


def test_dateline_without_a_year_takes_it_from_the_dated_mentions():
    text = "MOSCOW, Dec 16 (Wire) - The crew launched on Sept. 21 and may return in March 2023."
    assert values(text) == ["2022-12-16", "2022-09-21", "2023-03"]


def test_a_month_ending_a_sentence_is_a_month():
    text = "The Soyuz MS-09 docked on 8 June 2018. The hole was found in August. It flies again in October."
    assert values(text) == ["2018-06-08", "2018-08", "2018-10"]


def test_an_abbreviated_month_with_a_day_is_a_day():
    text = "MOSCOW, Oct 11, 2018 (Wire) - A commission will report by Oct. 20."
    assert values(text) == ["2018-10-11", "2018-10-20"]


def test_a_wire_dateline_dates_the_weekdays():
    text = "Space station crew shelters\n\nORLANDO, Fla., July 30, 2021 (UPI) -- Thrusters fired on Thursday."
    assert values(text) == ["2021-07-30", "2021-07-29"]


def test_daily_summary_days_are_weekday_and_month_slash_day():
    text = "ISS Daily Summary Report - 3/12/2021\nThursday, 03/11: The crew patched the leak. Friday, 03/12: Cargo."
    assert values(text) == ["2021-03-12", "2021-03-11", "2021-03-12"]


def test_a_bare_month_slash_day_is_a_date_where_the_text_writes_dates_as_numbers():
    text = "ISS Daily Summary Report - 3/10/2021\nThe leak check performed 3/6 to 3/8 is in review; 1/2 of it on 3/9."
    assert values(text) == ["2021-03-10", "2021-03-06", "2021-03-08", "2021-03-09"]
    assert values("About 1/2 of the panels failed on 3/6, NASA said in March 2021.") == ["2021-03"]


def test_capitalised_relative_words_are_dates():
    assert values("Yesterday, the crew slept. Last month a leak was found.", date(2007, 6, 12)) == [
        "2007-06-11",
        "2007-05",
    ]


def test_a_day_put_off_to_a_weekday_is_ahead():
    # May 1, 2025 was a Thursday: "postponed to Friday" is May 2, "fixed on Monday" April 28.
    assert values("The spacewalk was postponed to Friday.", date(2025, 5, 1)) == ["2025-05-02"]
    assert values("The pump was fixed on Monday.", date(2025, 5, 1)) == ["2025-04-28"]


def test_a_month_without_a_year_follows_the_tense():
    ref = date(2018, 9, 4)
    assert values("The crew arrived in February.", ref) == ["2018-02"]
    assert values("The next crew will launch in February.", ref) == ["2019-02"]
    assert values("It flew in May and June.", ref) == ["2018-05", "2018-06"]
    assert values("It stays off until a spare can be delivered in January.", ref) == ["2019-01"]


def test_a_month_said_to_be_last_next_or_this_one_follows_the_word_not_the_tense():
    ref = date(2023, 2, 24)
    assert values("It will replace the capsule that flew them up last September.", ref) == ["2022-09"]
    assert values("The crew came home last February.", ref) == ["2022-02"]
    assert values("A spacewalk went ahead next March, they said.", ref) == ["2023-03"]
    assert values("The next crew flies this December.", ref) == ["2023-12"]


def test_a_later_month_planned_for_is_this_years_even_told_in_the_past():
    ref = date(2011, 8, 24)
    assert values("The next Progress had been due to launch in late October.", ref) == ["2011-10"]
    assert values("The next Progress was scheduled for October.", ref) == ["2011-10"]
    assert values("The last Progress launched in October.", ref) == ["2010-10"]


def test_a_month_planned_for_is_a_date():
    assert values("Another supply run is planned for June.", date(2015, 4, 29)) == ["2015-06"]


def test_ranges_deadlines_and_due_dates_follow_their_tense():
    ref = date(2020, 9, 29)  # a Tuesday
    assert values("They repeated it from Friday evening until Monday morning.", ref) == ["2020-09-25", "2020-09-28"]
    assert values("A Cygnus is due to launch on Thursday.", ref) == ["2020-10-01"]
    assert values("The Soyuz is only certified to stay until early January.", ref) == ["2021-01"]


def test_a_copyright_year_is_the_texts_year_not_a_date_it_mentions():
    text = "The capsule should re-enter between May 5 and May 7, years after a failure in July 2013.\n\n© 2015 AFP"
    assert values(text) == ["2015-05-05", "2015-05-07", "2013-07"]


def test_a_recalled_year_does_not_date_the_texts_own_months():
    text = (
        "On March 23, 2022, water was found in a helmet. It recalls the July 2013 intrusion. "
        "The suit came home in August. Contracts were awarded in June 2022."
    )
    assert values(text) == ["2022-03-23", "2013-07", "2022-08", "2022-06"]


def test_a_past_day_without_a_year_is_the_last_one():
    ref = date(2024, 10, 26)
    assert values("Crew-8 launched on March 3 and docked two days later.", ref) == ["2024-03-03"]
    assert values("The crew's planned stay ended. The next day it landed on Oct. 25.", ref) == ["2024-10-25"]
    assert values("They were originally expected home in mid-August.", ref) == ["2024-08"]


def test_a_day_first_numeric_date_is_read_when_unambiguous():
    assert values("Page updated 19/10/2023.") == ["2023-10-19"]


def test_weekday_beside_a_date_picks_the_year():
    # December 15 was a Thursday in 2022, not in 2023.
    text = "It was damaged on Thursday, December 15. A return is planned for March 2023; it flew in October 2022."
    assert values(text)[0] == "2022-12-15"


def test_copyright_line_gives_the_year():
    text = "On September 9 a detector went off.\n\n(c) 2021 AFP"
    assert values(text)[0] == "2021-09-09"


def test_month_without_any_year_stays_unresolved():
    assert values("On September 9 a detector went off.") == [None]


def test_weekdays_unresolved_without_a_stated_date():
    assert values("Roscosmos said on Wednesday that the leak was small.") == [None]


def test_weekdays_resolved_against_the_stated_date():
    # 20 August 2020 was a Thursday.
    text = "NASA Station Status 20 August, 2020\nThe crew will close hatches from Friday night into Monday."
    assert values(text) == ["2020-08-20", "2020-08-21", "2020-08-24"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Roscosmos said on Wednesday that the leak was small.", "2024-02-28"),
        ("The crew reported it yesterday.", "2024-02-28"),
        ("The hatch was closed today.", "2024-02-29"),
        ("The leak grew last month.", "2024-01"),
        ("The spacewalk will take place on Saturday.", "2024-03-02"),
    ],
)
def test_reference_date_resolves_weekdays_and_relative_words(text, expected):
    # 29 February 2024 was a Thursday.
    assert values(text, date(2024, 2, 29)) == [expected]


def test_relative_flag_marks_values_from_the_reference():
    (m,) = resolve_dates("yesterday", find_dates("yesterday"), date(2024, 2, 29))
    assert m.relative and m.value == "2024-02-28"


def test_the_same_day_takes_the_previous_date():
    text = "Station Status 20 August, 2020\nThe leak was found on Aug. 18. Crews closed hatches the same day."
    assert values(text)[-1] == "2020-08-18"


def test_reference_date_gives_missing_years():
    assert values("The leak began on Dec. 14.", date(2023, 1, 10)) == ["2022-12-14"]


def test_a_weekday_continues_a_narrative_from_the_last_day_written():
    # 9 October 2023 was a Monday; the text itself is dated three weeks later.
    text = "Station blog, 31 October 2023\n\nOn Monday 9 October a leak was found. By Wednesday it was sealed."
    assert values(text) == ["2023-10-31", "2023-10-09", "2023-10-11"]
    # Without a date of its own, the narrative still dates its weekdays.
    assert values("On Monday 9 October 2023 a leak was found. By Wednesday it was sealed.") == [
        "2023-10-09",
        "2023-10-11",
    ]


def test_a_weekday_beside_a_reporting_verb_counts_from_the_texts_own_date():
    # 15 October 2020 was a Thursday: "said on Tuesday" is the 13th, not the Tuesday after Oct 3.
    text = "MOSCOW, Oct 15, 2020 (Wire) - A leak was found on Saturday, Oct 3. Officials said on Tuesday it was shut."
    assert values(text) == ["2020-10-15", "2020-10-03", "2020-10-13"]


def test_a_month_heading_is_a_month_of_the_texts_year():
    text = "Station blog, 2 November 2023\n\nBusy October\n\nThe crew worked on the leak."
    assert values(text) == ["2023-11-02", "2023-10"]
    assert values("Notes\n\nOctober highlights\nThe crew slept.", date(2021, 12, 1)) == ["2021-10"]


def test_lines_that_begin_with_a_month_word_are_no_headings():
    assert values("Crew notes\nJune Lockhart visited.\nMay be ready soon\n") == []


def test_a_day_range_with_one_month_is_two_days():
    text = "WASHINGTON, April 29, 2015 - Reentry is expected between May 5 and 7, officials said."
    assert values(text) == ["2015-04-29", "2015-05-05", "2015-05-07"]
    assert values("It docked on Dec. 15-16, 2022.") == ["2022-12-15", "2022-12-16"]
    assert values("On May 5 and 7 crew members rested.") == [None]  # a count, not a day


def test_a_month_coordinated_with_a_dated_one_shares_its_year():
    text = "MOSCOW, Nov 15, 2021 - Two such maneuvers were made in July and September 2020."
    assert values(text) == ["2021-11-15", "2020-07", "2020-09"]


def test_a_weekday_after_a_reporting_verb_looks_back():
    # 4 September 2018 was a Tuesday: the sentence's "will" does not move the report ahead.
    text = "MOSCOW, Sept. 4, 2018 (Wire) -- Energia will check every Soyuz, Russian media reported Tuesday."
    assert values(text) == ["2018-09-04", "2018-09-04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 16 August 2010 was a Monday.
        ("August 16, 2010\nNASA expects the loop back in action by Thursday.", ["2010-08-16", "2010-08-19"]),
        ("October 28, 2016\nA review is forecast by the end of November.", ["2016-10-28", "2016-11"]),
        # 26 January 2018 was a Friday: the spacewalk that "could be postponed" is ahead.
        ("26 January 2018\nMonday's spacewalk could be postponed.", ["2018-01-26", "2018-01-29"]),
        # 28 February 2007 was a Wednesday.
        ("28 February 2007\nPlans are ready, says a report released on Tuesday.", ["2007-02-28", "2007-02-27"]),
        ("July 11, 2007\nProgress To Bring Computers To ISS In August", ["2007-07-11", "2007-08"]),
    ],
)
def test_wording_that_looks_ahead_or_back(text, expected):
    assert values(text) == expected


def test_last_and_next_weekday_skip_the_texts_own_day():
    # 16 July 2013 was a Tuesday.
    text = "July 16, 2013\nToday's outing followed a spacewalk last Tuesday; the next is due next Tuesday."
    assert values(text) == ["2013-07-16", "2013-07-16", "2013-07-09", "2013-07-23"]


def test_a_weekday_takes_the_date_in_its_brackets():
    text = "25 August 2019\nIt was scheduled to dock early Saturday (24 August) at Poisk."
    assert values(text) == ["2019-08-25", "2019-08-24", "2019-08-24"]


def test_a_place_and_source_before_a_date_make_a_dateline():
    # 11 July 2007 was a Wednesday.
    text = "Progress Ready\nMoscow, Russia (Wire Service) Jul 11, 2007 The ship is ready, Energia said Tuesday."
    assert values(text) == ["2007-07-11", "2007-07-10"]


def test_a_month_at_the_end_of_a_sentence_leaves_the_full_stop_out():
    from issextract import extract

    record = extract("The hatch was closed in June. Crews reopened it in Sept.\n", date="2021-10-01")
    assert [d["text"] for d in record["dates"]] == ["June", "Sept."]  # "Sept." is an abbreviation


def test_the_words_of_dates_come_from_the_shipped_data_only(tmp_path):
    from click.testing import CliRunner

    from issextract.cli import main

    extra = tmp_path / "months.yaml"
    extra.write_text("relative_days: {overmorrow: 2}\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("A leak was found in Zvezda on March 3, 2021.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(report), "--gazetteer", str(extra)])
    assert result.exit_code != 0
    assert "months.yaml:1" in result.output and "dates.yaml" in result.output
