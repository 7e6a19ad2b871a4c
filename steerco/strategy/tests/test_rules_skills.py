from hypothesis import given
from hypothesis import strategies as st

from steerco.strategy.rules.skills import LEVELS, Gaps, gap, gaps

levels = st.sampled_from(sorted(LEVELS))
pairs = st.lists(st.tuples(levels, levels), max_size=30)


def test_the_levels_run_from_0_to_5():
    assert sorted(LEVELS) == [0, 1, 2, 3, 4, 5]


def test_the_gap_is_the_target_less_the_current_level():
    assert gap(1, 4) == 3
    assert gap(4, 4) == 0
    assert gap(5, 2) == 0


@given(levels, levels)
def test_a_gap_is_never_negative_and_none_only_at_or_above_target(current, target):
    assert gap(current, target) >= 0
    assert (gap(current, target) == 0) == (current >= target)


@given(levels, levels, levels)
def test_a_higher_current_level_never_widens_the_gap(current, other, target):
    low, high = sorted([current, other])
    assert gap(high, target) <= gap(low, target)


@given(levels, levels, levels)
def test_a_higher_target_never_narrows_the_gap(current, target, other):
    low, high = sorted([target, other])
    assert gap(current, low) <= gap(current, high)


@given(pairs)
def test_a_skills_gaps_add_up_over_its_teams(pairs):
    found = gaps(pairs)
    each = [max(0, target - current) for current, target in pairs]
    assert found == Gaps(
        assessed=len(pairs),
        short=len([one for one in each if one > 0]),
        total=sum(each),
        largest=max(each, default=0),
    )
    assert found.largest <= found.total <= 5 * found.short


@given(pairs, st.tuples(levels, levels))
def test_a_team_above_target_offsets_no_other_teams_gap(pairs, above):
    current, target = max(above), min(above)
    assert gaps([*pairs, (current, target)]).total == gaps(pairs).total


def test_no_team_assessed_has_no_gap():
    assert gaps([]) == Gaps(assessed=0, short=0, total=0, largest=0)
