from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from steerco.strategy.rules.progress import (
    NOT_STARTED,
    objective_progress,
    theme_progress,
)

action_statuses = st.lists(st.sampled_from(["open", "in_progress", "done", "cancelled"]))
milestones = st.lists(st.booleans())
project_stages = st.lists(
    st.sampled_from(
        ["idea", "proposal", "business_case", "approved", "in_delivery", "closed", "cancelled"]
    )
)
objectives = st.builds(objective_progress, action_statuses, milestones, project_stages)


@given(action_statuses, milestones, project_stages)
def test_progress_is_a_whole_percentage_from_0_to_100(actions, achieved, stages):
    progress = objective_progress(actions, achieved, stages)
    if progress.started:
        assert 0 <= progress.percent <= 100
        assert 0 <= progress.done <= progress.total


@given(action_statuses, milestones, project_stages)
def test_100_only_when_every_part_is_done(actions, achieved, stages):
    progress = objective_progress(actions, achieved, stages)
    assert (progress.percent == 100) == (progress.started and progress.done == progress.total)


@given(action_statuses, milestones, project_stages, st.data())
def test_completing_an_action_never_lowers_progress(actions, achieved, stages, data):
    before = objective_progress(actions, achieved, stages)
    open_ones = [i for i, status in enumerate(actions) if status in ("open", "in_progress")]
    if not open_ones:
        return
    index = data.draw(st.sampled_from(open_ones))
    after = objective_progress([*actions[:index], "done", *actions[index + 1 :]], achieved, stages)
    assert after.share > before.share
    assert after.percent >= before.percent


@given(action_statuses, milestones, project_stages, st.data())
def test_achieving_a_milestone_never_lowers_progress(actions, achieved, stages, data):
    before = objective_progress(actions, achieved, stages)
    pending = [i for i, done in enumerate(achieved) if not done]
    if not pending:
        return
    index = data.draw(st.sampled_from(pending))
    after = objective_progress(actions, [*achieved[:index], True, *achieved[index + 1 :]], stages)
    assert after.share > before.share
    assert after.percent >= before.percent


@given(action_statuses, milestones, project_stages)
def test_cancelled_actions_and_uncommitted_projects_change_nothing(actions, achieved, stages):
    progress = objective_progress(actions, achieved, stages)
    assert (
        objective_progress(
            [*actions, "cancelled"], achieved, [*stages, "idea", "proposal", "cancelled"]
        )
        == progress
    )


def test_nothing_to_measure_is_not_started_rather_than_a_figure():
    progress = objective_progress(["cancelled"], [], ["idea", "business_case"])
    assert progress == NOT_STARTED
    assert progress.percent is None
    assert not progress.started


def test_every_part_weighs_the_same():
    # One action done of two, one milestone achieved of one, one project closed of three.
    progress = objective_progress(
        ["done", "open"], [True], ["closed", "in_delivery", "approved", "idea"]
    )
    assert (progress.done, progress.total, progress.percent) == (3, 6, 50)


def test_the_share_is_rounded_down():
    assert objective_progress(["done", "done", "open"], [], []).percent == 66


@given(st.lists(objectives))
def test_a_theme_is_the_average_of_its_measured_objectives(parts):
    theme = theme_progress(parts)
    measured = [part for part in parts if part.started]
    if not measured:
        assert theme == NOT_STARTED
        return
    assert theme.share == sum((part.share for part in measured), Fraction(0)) / len(measured)
    assert (
        min(part.share for part in measured) <= theme.share <= max(part.share for part in measured)
    )
    assert 0 <= theme.percent <= 100


@given(st.lists(objectives, min_size=1), st.data())
def test_progress_in_an_objective_never_lowers_its_theme(parts, data):
    index = data.draw(st.integers(0, len(parts) - 1))
    before = theme_progress(parts)
    bumped = parts[index]
    if bumped.started and bumped.done == bumped.total:
        return
    # One more part of the objective is done (an action completed, a milestone achieved).
    better = objective_progress(
        ["done"] * (bumped.done + 1), [False] * (bumped.total - bumped.done - 1), []
    )
    if bumped.started:
        assert better.share > bumped.share
        after = theme_progress([*parts[:index], better, *parts[index + 1 :]])
        assert after.share >= before.share
