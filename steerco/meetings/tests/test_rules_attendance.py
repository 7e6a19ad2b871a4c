from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steerco.meetings.rules.attendance import (
    Figures,
    MeetingRecord,
    Status,
    apologies_run,
    challenge_due,
    figures,
)

JOINED = date(2025, 1, 1)
YEAR = {"period_start": date(2025, 4, 1), "period_end": date(2026, 3, 31)}


def held(on, status):
    return MeetingRecord(on, held=True, status=status)


def cancelled(on):
    return MeetingRecord(on, held=False, status=None)


def bi_monthly(*statuses, year=2025):
    return [held(date(year, 2 * n + 1, 10), status) for n, status in enumerate(statuses)]


days = st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 6, 30))
statuses = st.none() | st.sampled_from(Status)
records = st.lists(st.builds(MeetingRecord, days, st.booleans(), statuses), max_size=25)
cancellations = st.lists(st.builds(MeetingRecord, days, st.just(False), statuses), max_size=6)
memberships = st.tuples(days, st.none() | days).map(
    lambda pair: (pair[0], pair[1]) if pair[1] is None or pair[1] >= pair[0] else (pair[1], pair[0])
)
periods = st.tuples(days, days).map(sorted)


def in_membership(on, joined, left):
    return joined <= on and (left is None or on <= left)


def test_two_apologies_in_a_row_are_challenged():
    history = bi_monthly(Status.PRESENT, Status.APOLOGIES, Status.APOLOGIES)
    assert apologies_run(history, joined=JOINED, left=None) == (
        date(2025, 3, 10),
        date(2025, 5, 10),
    )
    assert challenge_due(history, joined=JOINED, left=None)


def test_one_apology_is_not_challenged():
    history = bi_monthly(Status.APOLOGIES, Status.PRESENT, Status.APOLOGIES)
    assert apologies_run(history, joined=JOINED, left=None) == (date(2025, 5, 10),)
    assert not challenge_due(history, joined=JOINED, left=None)


def test_apologies_with_a_substitute_are_still_apologies():
    history = bi_monthly(Status.SUBSTITUTE, Status.APOLOGIES)
    assert challenge_due(history, joined=JOINED, left=None)


@pytest.mark.parametrize("ending", [Status.PRESENT, Status.ABSENT, None])
def test_attending_being_absent_or_nothing_recorded_ends_a_run(ending):
    history = bi_monthly(Status.APOLOGIES, Status.APOLOGIES, ending)
    assert apologies_run(history, joined=JOINED, left=None) == ()
    assert not challenge_due(history, joined=JOINED, left=None)


def test_a_cancelled_meeting_neither_breaks_nor_makes_a_run():
    history = [
        held(date(2025, 1, 10), Status.APOLOGIES),
        MeetingRecord(date(2025, 3, 10), held=False, status=Status.PRESENT),
        held(date(2025, 5, 10), Status.APOLOGIES),
        MeetingRecord(date(2025, 7, 10), held=False, status=Status.APOLOGIES),
    ]
    assert apologies_run(history, joined=JOINED, left=None) == (
        date(2025, 1, 10),
        date(2025, 5, 10),
    )


def test_meetings_before_joining_or_after_leaving_do_not_count():
    history = bi_monthly(Status.APOLOGIES, Status.APOLOGIES, Status.APOLOGIES, Status.APOLOGIES)
    run = apologies_run(history, joined=date(2025, 3, 10), left=date(2025, 5, 10))
    assert run == (date(2025, 3, 10), date(2025, 5, 10))
    assert not challenge_due(history, joined=date(2025, 5, 1), left=date(2025, 6, 1))


def test_a_recorded_challenge_waits_for_two_new_apologies():
    history = bi_monthly(Status.APOLOGIES, Status.APOLOGIES, Status.APOLOGIES)
    through = date(2025, 3, 10)
    assert not challenge_due(history, joined=JOINED, left=None, challenged_through=through)
    history.append(held(date(2025, 7, 10), Status.SUBSTITUTE))
    assert challenge_due(history, joined=JOINED, left=None, challenged_through=through)


def test_the_run_length_can_be_changed():
    history = bi_monthly(Status.APOLOGIES, Status.APOLOGIES)
    assert not challenge_due(history, joined=JOINED, left=None, run_length=3)
    assert challenge_due(history, joined=JOINED, left=None, run_length=1)
    with pytest.raises(ValueError, match="at least one meeting"):
        challenge_due(history, joined=JOINED, left=None, run_length=0)


def test_two_meetings_on_one_day_continue_a_run_only_when_both_had_apologies():
    day = date(2025, 3, 10)
    history = bi_monthly(Status.APOLOGIES, Status.APOLOGIES)
    both = [*history, held(day, Status.SUBSTITUTE)]
    assert apologies_run(both, joined=JOINED, left=None) == (date(2025, 1, 10), day)
    attended = [*history, held(day, Status.PRESENT)]
    assert apologies_run(attended, joined=JOINED, left=None) == ()


def test_leaving_before_joining_is_refused():
    with pytest.raises(ValueError, match="cannot leave before they joined"):
        apologies_run([], joined=JOINED, left=date(2024, 12, 31))


def test_the_annual_figures_count_each_kind_of_attendance():
    history = [
        held(date(2025, 3, 10), Status.PRESENT),
        held(date(2025, 5, 10), Status.PRESENT),
        held(date(2025, 7, 10), Status.PRESENT),
        held(date(2025, 9, 10), Status.APOLOGIES),
        held(date(2025, 11, 10), Status.SUBSTITUTE),
        cancelled(date(2026, 1, 10)),
        held(date(2026, 2, 10), Status.ABSENT),
        held(date(2026, 3, 10), None),
        held(date(2026, 5, 10), Status.PRESENT),
    ]
    # March 2025 is before the period and May 2026 after it; nothing was recorded for March 2026.
    assert figures(history, joined=JOINED, left=None, **YEAR) == Figures(
        expected=6,
        attended=2,
        apologies=1,
        substituted=1,
        absent=2,
        percentage=Decimal("33.3"),
    )


def test_the_percentage_rounds_half_up():
    history = [held(date(2025, 4, day), Status.ABSENT) for day in range(1, 16)]
    history.append(held(date(2025, 4, 16), Status.PRESENT))
    assert figures(history, joined=JOINED, left=None, **YEAR).percentage == Decimal("6.3")


def test_no_expected_meetings_give_no_percentage():
    history = [held(date(2025, 5, 10), Status.PRESENT)]
    assert figures(history, joined=date(2025, 6, 1), left=None, **YEAR) == Figures(
        expected=0, attended=0, apologies=0, substituted=0, absent=0, percentage=None
    )


def test_full_attendance_is_one_hundred_per_cent():
    history = bi_monthly(Status.PRESENT, Status.PRESENT, Status.PRESENT)
    assert figures(history, joined=JOINED, left=None, **YEAR).percentage == Decimal("100.0")


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="must end on or after"):
        figures([], joined=JOINED, left=None, period_start=date(2026, 1, 1), period_end=JOINED)


@settings(max_examples=150)
@given(records, cancellations, memberships, periods, st.randoms(use_true_random=False))
def test_cancelled_meetings_change_nothing(history, extra, membership, period, random):
    joined, left = membership
    mixed = [*history, *extra]
    random.shuffle(mixed)
    assert apologies_run(mixed, joined=joined, left=left) == apologies_run(
        history, joined=joined, left=left
    )
    span = {"period_start": period[0], "period_end": period[1]}
    assert figures(mixed, joined=joined, left=left, **span) == figures(
        history, joined=joined, left=left, **span
    )


@settings(max_examples=150)
@given(records, memberships)
def test_a_run_is_the_latest_held_apologies_within_the_membership(history, membership):
    joined, left = membership
    run = apologies_run(history, joined=joined, left=left)
    assert all(earlier < later for earlier, later in pairwise(run))
    counted = [r for r in history if r.held and in_membership(r.on, joined, left)]
    for on in run:
        assert in_membership(on, joined, left)
        assert any(r.on == on for r in counted)
    if run:
        # Nothing after the run's start breaks it, and it reaches the latest meeting.
        later = [r for r in counted if r.on >= run[0]]
        assert all(r.status in (Status.APOLOGIES, Status.SUBSTITUTE) for r in later)
        assert run[-1] == max(r.on for r in counted)
    elif counted:
        latest = max(r.on for r in counted)
        assert any(
            r.status not in (Status.APOLOGIES, Status.SUBSTITUTE) for r in counted if r.on == latest
        )
    assert challenge_due(history, joined=joined, left=left) == (len(run) >= 2)
    if run:
        assert not challenge_due(history, joined=joined, left=left, challenged_through=run[-1])


@settings(max_examples=150)
@given(records, memberships, periods)
def test_figures_add_up_to_what_was_expected(history, membership, period):
    joined, left = membership
    result = figures(
        history, joined=joined, left=left, period_start=period[0], period_end=period[1]
    )
    assert result.expected == (
        result.attended + result.apologies + result.substituted + result.absent
    )
    assert result.expected == sum(
        1
        for r in history
        if r.held and in_membership(r.on, joined, left) and period[0] <= r.on <= period[1]
    )
    if result.expected:
        assert Decimal(0) <= result.percentage <= Decimal(100)
        assert result.percentage == result.percentage.quantize(Decimal("0.1"))
    else:
        assert result.percentage is None


@settings(max_examples=100)
@given(records.flatmap(lambda history: st.tuples(st.just(history), st.permutations(history))))
def test_the_order_of_the_records_does_not_matter(both):
    history, shuffled = both
    assert apologies_run(shuffled, joined=JOINED, left=None) == apologies_run(
        history, joined=JOINED, left=None
    )
    assert figures(shuffled, joined=JOINED, left=None, **YEAR) == figures(
        history, joined=JOINED, left=None, **YEAR
    )
