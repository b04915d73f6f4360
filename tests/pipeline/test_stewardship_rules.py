"""The stewardship rules on constructed cases, at each boundary (docs/stewardship.md)."""

import datetime as dt
import math

import pytest

from pipeline.stewardship import DAYS_A_MONTH, AlumnusFacts, Thresholds, assess

TODAY = dt.date(2026, 11, 28)
T = Thresholds(grace=3, interest=6, contact=3, lost=12, stale_portfolio=6)


def months_ago(months: float, *, just_inside: bool) -> dt.date:
    """The day just inside (less than) or just outside (at least) N months ago."""
    days = math.ceil(months * DAYS_A_MONTH)
    return TODAY - dt.timedelta(days=days - 1 if just_inside else days)


def alumnus(**overrides) -> AlumnusFacts:
    facts = {"trainee_id": 1, "completed_on": months_ago(8, just_inside=False),
             "scheme": "Darzi Fellowship", "current_role": None, "has_mentor": False,
             "last_interest": None, "last_contact": None,
             "portfolio_updated": months_ago(1, just_inside=True)}
    return AlumnusFacts(**{**facts, **overrides})


def status(**overrides) -> str:
    return assess(alumnus(**overrides), TODAY, T)[0]


@pytest.mark.parametrize("inside, expected", [(True, "engaged"), (False, "at_risk")])
def test_recently_returned_alumni_are_engaged_for_the_grace_period(inside, expected):
    assert status(completed_on=months_ago(3, just_inside=inside)) == expected


def test_a_current_leadership_role_engages():
    assert status(current_role="Clinical director") == "engaged"


def test_a_mentor_engages():
    assert status(has_mentor=True) == "engaged"


@pytest.mark.parametrize("inside, expected", [(True, "engaged"), (False, "at_risk")])
def test_interest_in_a_role_engages_for_six_months(inside, expected):
    assert status(last_interest=months_ago(6, just_inside=inside)) == expected


@pytest.mark.parametrize("inside, expected", [(True, "engaged"), (False, "at_risk")])
def test_staff_contact_engages_for_three_months(inside, expected):
    assert status(last_contact=months_ago(3, just_inside=inside)) == expected


@pytest.mark.parametrize("completed_inside, stale_inside, expected", [
    (True, False, "at_risk"),   # under 12 months since completion: not yet lost
    (False, True, "at_risk"),   # portfolio touched within 6 months: not lost
    (False, False, "lost"),     # both past their thresholds
])
def test_lost_needs_both_time_since_completion_and_a_stale_portfolio(completed_inside, stale_inside,
                                                                    expected):
    assert status(completed_on=months_ago(12, just_inside=completed_inside),
                  portfolio_updated=months_ago(6, just_inside=stale_inside)) == expected


def test_a_portfolio_never_updated_counts_as_stale():
    assert status(completed_on=months_ago(12, just_inside=False), portfolio_updated=None) == "lost"


def test_the_reason_says_why_in_words():
    _, reason = assess(alumnus(completed_on=TODAY - dt.timedelta(days=214),
                               portfolio_updated=TODAY - dt.timedelta(days=153)), TODAY, T)
    assert reason == ("Completed the Darzi Fellowship 7 months ago; no leadership role, no mentor, "
                      "no interest in a role in the last 6 months, portfolio untouched for 5 months")


def test_an_engaged_reason_names_what_engages_them():
    _, reason = assess(alumnus(current_role="Clinical director"), TODAY, T)
    assert reason.endswith("holds a leadership role: Clinical director")
