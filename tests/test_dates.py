"""Tests for conflict_events.extraction.dates: date mentions and the event date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.extraction.dates import (
    MAX_EVENT_AGE_DAYS,
    DateMention,
    find_dates,
    resolve_event_date,
)

THURSDAY = dt.date(2017, 10, 5)  # the publication day of a Thursday wire story


def _one(text: str, published: dt.date | None = THURSDAY) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


def _event(text: str, published: dt.date | None = THURSDAY) -> DateMention | None:
    return resolve_event_date(find_dates(text, published), published)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 4 October 2017, gunmen attacked a checkpoint in Hawija.", dt.date(2017, 10, 4)),
        ("Militants shelled Tal Afar on 4 Oct. 2017, officials said.", dt.date(2017, 10, 4)),
        ("On October 4, 2017, protesters marched in Nairobi.", dt.date(2017, 10, 4)),
        ("On 08-September-2017, in Maungdaw, soldiers burned houses.", dt.date(2017, 9, 8)),
        ("The raid took place on 2017-10-03 near Garissa.", dt.date(2017, 10, 3)),
        ("On Wednesday, 4 October 2017, the army entered the town.", dt.date(2017, 10, 4)),
        ("On the 3rd of October 2017 police fired tear gas in Kisumu.", dt.date(2017, 10, 3)),
    ],
)
def test_dates_explicit_forms_resolve_to_the_day(text: str, expected: dt.date) -> None:
    """Explicit dates in the common news and ACLED forms give that day at precision 1."""
    mention = _one(text)
    assert mention.date == expected
    assert mention.precision == 1
    assert mention.kind == "explicit"
    assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Jan 28 police dispersed traders in Mombasa.", dt.date(2017, 1, 28)),
        ("Clashes erupted on 28 January in Beni.", dt.date(2017, 1, 28)),
        ("On Aug 14th, a mob lynched a suspected thief in Nampula.", dt.date(2017, 8, 14)),
        ("12 September. Somali troops clashed with Al Shabaab in Afgoye.", dt.date(2017, 9, 12)),
    ],
)
def test_dates_missing_year_comes_from_publication(text: str, expected: dt.date) -> None:
    """A day-month without a year takes the publication year."""
    assert _one(text).date == expected


def test_dates_missing_year_never_lands_after_publication() -> None:
    """A day-month later in the year than publication belongs to the previous year."""
    mention = _one("On 28 December a grenade exploded in Kismayo.", dt.date(2018, 1, 3))
    assert mention.date == dt.date(2017, 12, 28)


def test_dates_numeric_day_month() -> None:
    """ACLED-style numeric notes ("09/02") read day first."""
    mention = _one("Residents of Witu protested on 09/02 against the chief.", dt.date(2018, 2, 14))
    assert mention.date == dt.date(2018, 2, 9)
    assert mention.kind == "numeric"


def test_dates_decimals_are_not_dates() -> None:
    """Figures such as 1.5 million or 10.000 acres are never dates."""
    assert find_dates("About 1.5 million people and a 10.000-acre ranch were affected.", THURSDAY) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed two farmers on Wednesday in Mandera.", dt.date(2017, 10, 4)),
        ("Police said the attack happened on Thursday morning.", THURSDAY),
        ("The convoy was ambushed last Friday near Lamu.", dt.date(2017, 9, 29)),
        ("Fighting broke out on Tuesday night in Kirkuk.", dt.date(2017, 10, 3)),
    ],
)
def test_dates_weekdays_resolve_to_the_latest_such_day(text: str, expected: dt.date) -> None:
    """A weekday is the latest such day up to publication; the story's own weekday is that day."""
    mention = _one(text)
    assert mention.date == expected
    assert mention.kind == "weekday"


def test_dates_last_weekday_on_the_same_weekday_is_a_week_back() -> None:
    """'Last Thursday' in a Thursday story is a week earlier."""
    assert _one("The bomb went off last Thursday in Mogadishu.").date == dt.date(2017, 9, 28)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Residents said the militants came back today.", THURSDAY, 1),
        ("Two soldiers were killed yesterday in Baiji.", dt.date(2017, 10, 4), 1),
        ("A mortar hit the market the day before yesterday.", dt.date(2017, 10, 3), 1),
        ("Jets struck the hideout overnight, the ministry said.", dt.date(2017, 10, 4), 1),
        ("Protesters blocked the road this morning.", THURSDAY, 1),
        ("Three days ago a bus hit a landmine near Bosso.", dt.date(2017, 10, 2), 1),
        ("The army said it retook the town last week.", dt.date(2017, 9, 27), 2),
        ("Two officers were set ablaze at the weekend.", dt.date(2017, 9, 30), 2),
        ("Hundreds fled the district last month.", dt.date(2017, 9, 15), 3),
        ("Forces launched an offensive last month to oust the militants.", dt.date(2017, 9, 15), 3),
    ],
)
def test_dates_relative_words(text: str, expected: dt.date, precision: int) -> None:
    """Relative words resolve against publication with day, week or month precision."""
    mention = _one(text)
    assert (mention.date, mention.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In May, clashes displaced hundreds in Kachin.", dt.date(2017, 5, 15)),
        ("In mid-May the militia seized two villages.", dt.date(2017, 5, 15)),
        ("In early March 2017 troops were deployed to Lamu.", dt.date(2017, 3, 1)),
        ("Throughout late August, soldiers searched buses on the highway.", dt.date(2017, 8, 31)),
        ("At the end of July the rebels left Nyunzu.", dt.date(2017, 7, 31)),
    ],
)
def test_dates_month_precision_follows_acled(text: str, expected: dt.date) -> None:
    """Month mentions code the 15th, or the first/last day for early/late, at precision 3."""
    mention = _one(text)
    assert (mention.date, mention.precision, mention.kind) == (expected, 3, "month")


def test_dates_current_month_is_clamped_to_publication() -> None:
    """The middle of the current month is never after the publication day."""
    assert _one("In October, students protested fees.", dt.date(2017, 10, 5)).date == dt.date(2017, 10, 5)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Between 26 - 29 August, the FARDC fought the ADF near Beni.", dt.date(2017, 8, 27), 2),
        ("25-28 March 2017. Fighters surrendered in Kalemie.", dt.date(2017, 3, 26), 2),
        ("On 13 and 14 February, militiamen clashed in Tine.", dt.date(2017, 2, 13), 2),
        ("Sometime between August 25 and September 5, soldiers raided the village.", dt.date(2017, 8, 30), 3),
        ("Between 3 May and 20 June, the army ran operations in Lac.", dt.date(2017, 5, 27), 3),
        ("A suspect was killed in a raid on either July 2 or 3, 2017.", dt.date(2017, 7, 3), 2),
        ("On 4 or 5 June, gunmen looted shops in Diffa.", dt.date(2017, 6, 5), 2),
        ("On the weekend of 16-17 September, 40 rebels surrendered.", dt.date(2017, 9, 17), 2),
    ],
)
def test_dates_ranges_code_the_middle_day(text: str, expected: dt.date, precision: int) -> None:
    """Ranges code their middle day (two days: the first; two alternative days or a weekend: the second), week
    precision up to a week, month beyond."""
    mention = find_dates(text, THURSDAY)[0]
    assert (mention.date, mention.precision, mention.kind) == (expected, precision, "range")


def test_dates_around_with_range_prefers_the_stated_day() -> None:
    """'Around 27 August (between 26-29 August)' codes 27 August at week precision."""
    event = _event("Around 27 August (between 26-29 August), a civilian was killed in Tublay.")
    assert event is not None
    assert (event.date, event.precision) == (dt.date(2017, 8, 27), 2)


@pytest.mark.parametrize(
    "text",
    [
        "Around 17 September 2017 (week of), gunmen burned a boat near Ibo.",
        "On or before September 17, protesters blocked the Narok road.",
        "17 September (or around). Militias looted cattle in Minembwe.",
        "As reported on 17 September 2017, soldiers executed a prisoner.",
    ],
)
def test_dates_qualifiers_lower_precision_to_a_week(text: str) -> None:
    """'Around', 'on or before', '(week of)' and 'as reported on' give precision 2."""
    event = _event(text)
    assert event is not None
    assert (event.date, event.precision) == (dt.date(2017, 9, 17), 2)


def test_dates_month_of_qualifier_gives_month_precision() -> None:
    """'(month of)' after a day gives precision 3."""
    event = _event("Around 15 September 2017 (month of), a forester was shot dead in Palo.")
    assert event is not None
    assert event.precision == 3


def test_dates_week_beginning_codes_the_middle_of_that_week() -> None:
    """'During the week beginning 18 September' codes the middle of that week, its Wednesday as for 'last week'."""
    event = _event("During the week beginning 18 September, police shot three men in Dandora.")
    assert event is not None
    assert (event.date, event.precision) == (dt.date(2017, 9, 20), 2)


def test_dates_future_is_never_the_event_date() -> None:
    """A date announced as coming is found but never chosen."""
    text = "The commission said it will hold elections on 26 October in all counties."
    mentions = find_dates(text, THURSDAY)
    assert [m.role for m in mentions] == ["future"]
    assert resolve_event_date(mentions, THURSDAY) is None


def test_dates_future_day_month_is_the_coming_one() -> None:
    """'Will hold elections on 12 May' in an October story means next May."""
    mention = _one("The commission will hold elections on 12 May.")
    assert (mention.date, mention.role) == (dt.date(2018, 5, 12), "future")


def test_dates_sentence_final_month_excludes_the_full_stop() -> None:
    """A full month name at the end of a sentence does not take the full stop."""
    assert _one("Troops entered Raqqa on Sunday 1 October.").text == "Sunday 1 October"


def test_dates_after_publication_are_never_the_event_date() -> None:
    """An explicit date after publication is future."""
    assert _event("On 9 November 2017 the parliament will sit.") is None


def test_dates_history_is_found_but_not_chosen() -> None:
    """Years and old dates are background: found, never the event date."""
    text = "Militants seized the town in 2014, and fighting since the 2003 invasion killed thousands."
    mentions = find_dates(text, THURSDAY)
    assert [m.text for m in mentions] == ["2014", "2003"]
    assert {m.role for m in mentions} == {"history"}
    assert resolve_event_date(mentions, THURSDAY) is None


def test_dates_event_date_skips_history_for_the_recent_date() -> None:
    """With a history year and a weekday, the weekday is the event date."""
    event = _event("The group, which seized Mosul in 2014, attacked a checkpoint on Wednesday.")
    assert event is not None
    assert event.date == dt.date(2017, 10, 4)


def test_dates_old_full_date_is_history() -> None:
    """A full date more than a year before publication is background."""
    mention = _one("The dispute dates back to 12 March 2012 in Jonglei.")
    assert mention.role == "history"
    assert (THURSDAY - mention.date).days > MAX_EVENT_AGE_DAYS


def test_dates_since_a_recent_day_starts_the_episode() -> None:
    """'since 3 October' is the start of the reported episode, 'since 2014' is background."""
    event = _event("Fighting has continued since 3 October near Nyunzu.")
    assert event is not None
    assert event.date == dt.date(2017, 10, 3)
    assert _one("The town has been under siege since March 2015.").role == "history"


def test_dates_day_list_codes_the_first_day() -> None:
    """'On 21, 23 and 27 September' codes the first listed day at day precision."""
    event = _event("On 21, 23 and 27 September 2017, soldiers raided three villages near Tillia.")
    assert event is not None
    assert (event.date, event.precision) == (dt.date(2017, 9, 21), 1)


def test_dates_coded_statement_wins() -> None:
    """A note stating the coded date ('coded to 15 May') decides the event date."""
    event = _event("In May [coded to 15 May], security forces killed 12 people across the country.")
    assert event is not None
    assert event.date == dt.date(2017, 5, 15)
    assert event.role == "coded"


def test_dates_event_date_is_the_first_usable_mention() -> None:
    """The sentence's own date comes first, context after it."""
    sentence = "Gunmen killed a chief on Monday."
    context = "On 1 October 2017, the county commissioner visited Marsabit."
    mentions = find_dates(sentence, THURSDAY) + find_dates(context, THURSDAY)
    event = resolve_event_date(mentions, THURSDAY)
    assert event is not None
    assert event.date == dt.date(2017, 10, 2)


def test_dates_reporting_date_yields_to_the_event_day() -> None:
    """'Police said on Thursday that gunmen killed five people on Wednesday' is coded to Wednesday."""
    event = _event("Police said on Thursday that gunmen killed five people on Wednesday in Mandera.")
    assert event is not None
    assert event.date == dt.date(2017, 10, 4)


def test_dates_reporting_date_alone_is_used() -> None:
    """With only a reporting date in the sentence, that date is coded, before any context date."""
    sentence = "An army colonel said Wednesday that troops had retaken a power plant."
    context = "Government forces launched an offensive on 21 September 2017."
    mentions = find_dates(sentence, THURSDAY)
    own = len(mentions)
    event = resolve_event_date(mentions + find_dates(context, THURSDAY), THURSDAY, own=own)
    assert event is not None
    assert (event.date, event.role) == (dt.date(2017, 10, 4), "report")


def test_dates_context_used_when_sentence_has_no_date() -> None:
    """A sentence without dates takes its context's first usable date."""
    context = find_dates("On 2 October 2017, militants attacked Tal Afar.", THURSDAY)
    event = resolve_event_date(context, THURSDAY, own=0)
    assert event is not None
    assert event.date == dt.date(2017, 10, 2)


def test_dates_window_offsets_index_the_full_text() -> None:
    """Scanning a window returns offsets into the full text."""
    text = "On 1 October 2017 leaders met. On 3 October 2017 gunmen attacked Hawija."
    window_start = text.index("On 3")
    mentions = find_dates(text, THURSDAY, start=window_start)
    assert len(mentions) == 1
    assert text[mentions[0].start:mentions[0].end] == "3 October 2017"


def test_dates_without_publication_keep_only_self_contained_dates() -> None:
    """Without a publication date, only dates carrying their own year resolve."""
    mentions = find_dates("On Wednesday, and on 4 October 2017, and on 5 May.", None)
    assert [m.date for m in mentions] == [dt.date(2017, 10, 4)]


def test_dates_verbs_may_and_march_are_not_months() -> None:
    """Lower-case 'may' and 'march' are verbs, not months."""
    assert find_dates("Protesters may march 5 km to the governor's office.", THURSDAY) == []


def test_dates_resolve_nothing_usable_returns_none() -> None:
    """No mention at all resolves to None."""
    assert resolve_event_date([], THURSDAY) is None


@given(st.text(max_size=300), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_dates_never_crash_and_offsets_slice_back(text: str, published: dt.date) -> None:
    """Any unicode text: no crash, offsets slice back to the mention text."""
    for mention in find_dates(text, published):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.precision in (1, 2, 3)


_DATEISH = st.lists(
    st.sampled_from([
        "On 4 October 2017,", "on Wednesday", "last week", "yesterday", "in May", "on 28 December",
        "between 3 and 9 June", "next Monday", "in 2014", "around 12 Aug", "09/02", "gunmen attacked",
        "2017-11-30", "the day before yesterday", "late January", " ", ".",
    ]),
    max_size=8,
).map(" ".join)


@given(_DATEISH, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_dates_resolved_date_never_after_publication(text: str, published: dt.date) -> None:
    """The chosen event date is never after publication."""
    event = resolve_event_date(find_dates(text, published), published)
    if event is not None:
        assert event.date <= published
        assert event.role not in {"future", "history"}
