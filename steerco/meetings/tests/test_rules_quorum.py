import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steerco.meetings.rules.quorum import Assessment, Presence, Rule, Seat, assess

SEED_RULE = Rule(minimum=5, requires_chair=True)


def chair(member=1, presence=Presence.PRESENT, withdrawn=False):
    return Seat(
        member, counts_toward_quorum=True, chairs=True, presence=presence, withdrawn=withdrawn
    )


def members(*ids, presence=Presence.PRESENT, withdrawn=False):
    return [Seat(n, True, False, presence, withdrawn) for n in ids]


def secretary(member=99):
    return Seat(member, counts_toward_quorum=False, chairs=False, presence=Presence.PRESENT)


rules = st.builds(Rule, st.integers(0, 8), st.booleans(), st.booleans())
seats = st.builds(
    Seat,
    member=st.integers(0, 40),
    counts_toward_quorum=st.booleans(),
    chairs=st.booleans(),
    presence=st.sampled_from(Presence),
    withdrawn=st.booleans(),
)
seat_lists = st.lists(seats, max_size=15, unique_by=lambda seat: seat.member)
# Ids above those of `seats`, so an added seat is always a new member.
new_ids = st.integers(100, 200)


def test_the_seed_rule_is_met_by_five_members_including_the_chair():
    assert assess(SEED_RULE, [chair(), *members(2, 3, 4, 5), secretary()]) == Assessment(
        quorate=True, counted=5, minimum=5, chair_present=True, reasons=()
    )


def test_four_members_and_the_secretary_are_not_quorate():
    assert assess(SEED_RULE, [chair(), *members(2, 3, 4), secretary()]) == Assessment(
        quorate=False,
        counted=4,
        minimum=5,
        chair_present=True,
        reasons=("4 members who count toward quorum are present; at least 5 are needed.",),
    )


def test_five_members_without_the_chair_or_vice_chair_are_not_quorate():
    assessment = assess(SEED_RULE, [chair(presence=Presence.APOLOGIES), *members(2, 3, 4, 5, 6)])
    assert assessment == Assessment(
        quorate=False,
        counted=5,
        minimum=5,
        chair_present=False,
        reasons=("Neither the chair nor the nominated vice chair is present.",),
    )


def test_the_nominated_vice_chair_can_stand_in_for_the_chair():
    vice_chair = chair(member=2)
    seats = [chair(presence=Presence.APOLOGIES), vice_chair, *members(3, 4, 5, 6)]
    assert assess(SEED_RULE, seats).quorate


def test_a_substitute_counts_for_the_member_they_represent_where_allowed():
    seats = [chair(), *members(2, 3, 4), *members(5, presence=Presence.SUBSTITUTE)]
    assert assess(SEED_RULE, seats).quorate
    refused = assess(Rule(minimum=5, requires_chair=True, substitutes_count=False), seats)
    assert refused.counted == 4
    assert not refused.quorate


def test_a_substitute_for_the_chair_cannot_chair():
    seats = [chair(presence=Presence.SUBSTITUTE), *members(2, 3, 4, 5)]
    assert assess(SEED_RULE, seats) == Assessment(
        quorate=False,
        counted=5,
        minimum=5,
        chair_present=False,
        reasons=("Neither the chair nor the nominated vice chair is present.",),
    )


def test_a_chair_who_withdrew_from_the_item_neither_counts_nor_chairs_it():
    seats = [chair(withdrawn=True), *members(2, 3, 4, 5)]
    assert assess(SEED_RULE, seats) == Assessment(
        quorate=False,
        counted=4,
        minimum=5,
        chair_present=False,
        reasons=(
            "4 members who count toward quorum are present; at least 5 are needed.",
            "Nobody present may chair this item: the chair or nominated vice chair "
            "has withdrawn from it.",
        ),
    )


def test_the_vice_chair_can_take_an_item_the_chair_withdrew_from():
    seats = [chair(withdrawn=True), chair(member=2), *members(3, 4, 5, 6)]
    assert assess(SEED_RULE, seats).quorate


def test_a_member_who_withdrew_does_not_count_for_the_item():
    seats = [chair(), *members(2, 3, 4), *members(5, withdrawn=True)]
    assert assess(SEED_RULE, seats).counted == 4


def test_a_single_member_short_is_told_in_the_singular():
    assessment = assess(Rule(minimum=1, requires_chair=False), [secretary()])
    assert assessment.reasons == (
        "0 members who count toward quorum are present; at least 1 is needed.",
    )
    assessment = assess(Rule(minimum=2, requires_chair=False), members(1))
    assert assessment.reasons == (
        "1 member who counts toward quorum is present; at least 2 are needed.",
    )


def test_no_quorum_is_always_met():
    assert assess(Rule(minimum=0, requires_chair=False), []) == Assessment(
        quorate=True, counted=0, minimum=0, chair_present=False, reasons=()
    )


def test_a_member_with_two_seats_is_refused():
    with pytest.raises(ValueError, match="Member 2 has more than one seat"):
        assess(SEED_RULE, [chair(), *members(2, 3), *members(2, withdrawn=True)])


def test_a_negative_quorum_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        Rule(minimum=-1, requires_chair=False)


@settings(max_examples=200)
@given(rules, seat_lists)
def test_quorate_exactly_when_enough_are_counted_and_any_required_chair_is_there(rule, seats):
    assessment = assess(rule, seats)
    assert assessment.minimum == rule.minimum
    assert assessment.quorate == (
        assessment.counted >= rule.minimum and (not rule.requires_chair or assessment.chair_present)
    )
    assert (assessment.reasons == ()) == assessment.quorate


@settings(max_examples=200)
@given(rules, seat_lists, new_ids, st.booleans())
def test_another_member_present_never_loses_quorum(rule, seats, member, chairs):
    before = assess(rule, seats)
    after = assess(rule, [*seats, Seat(member, True, chairs, Presence.PRESENT)])
    assert after.counted == before.counted + 1
    assert after.quorate or not before.quorate


@settings(max_examples=200)
@given(
    rules,
    seat_lists,
    st.lists(
        st.builds(
            Seat,
            member=new_ids,
            counts_toward_quorum=st.booleans(),
            chairs=st.booleans(),
            presence=st.sampled_from(Presence),
            withdrawn=st.booleans(),
        ).filter(
            lambda seat: (
                seat.withdrawn
                or not seat.counts_toward_quorum
                or seat.presence in (Presence.APOLOGIES, Presence.ABSENT)
            )
        ),
        max_size=5,
        unique_by=lambda seat: seat.member,
    ),
)
def test_seats_that_cannot_count_never_change_the_count(rule, seats, idle):
    assert assess(rule, [*seats, *idle]).counted == assess(rule, seats).counted


@settings(max_examples=200)
@given(rules, seat_lists, new_ids, st.booleans(), st.booleans())
def test_a_substitute_never_brings_the_chair(rule, seats, member, counts, withdrawn):
    substitute = Seat(member, counts, True, Presence.SUBSTITUTE, withdrawn)
    assert assess(rule, [*seats, substitute]).chair_present == assess(rule, seats).chair_present


@settings(max_examples=100)
@given(rules, seat_lists.flatmap(lambda seats: st.tuples(st.just(seats), st.permutations(seats))))
def test_the_order_of_the_seats_does_not_matter(rule, both):
    seats, shuffled = both
    assert assess(rule, shuffled) == assess(rule, seats)


@settings(max_examples=100)
@given(st.integers(0, 8), st.booleans(), seat_lists, new_ids, st.booleans())
def test_substitutes_never_count_where_the_rule_refuses_them(minimum, chair, seats, member, chairs):
    rule = Rule(minimum=minimum, requires_chair=chair, substitutes_count=False)
    substitute = Seat(member, True, chairs, Presence.SUBSTITUTE)
    assert assess(rule, [*seats, substitute]).counted == assess(rule, seats).counted
