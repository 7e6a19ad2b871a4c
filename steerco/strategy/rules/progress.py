"""Progress of the strategy's action plan, worked out from its records, never typed in. Pure: no
Django import.

The rule, as the strategy page states it:

- An objective's progress is the share of its measurable parts that are done: its actions
  (done when completed; a cancelled action is not counted), its milestones (done when
  achieved) and the projects that deliver it (done when closed; only projects approved, in
  delivery or closed are counted: an idea or a business case not yet approved is not a
  commitment, and a cancelled project is not counted).
- Every part weighs the same. The share is rounded down to a whole percentage, so 100% means
  that every part is done.
- A theme's progress is the average of the shares of its objectives that have something to
  measure, each objective weighing the same, rounded down.
- An objective or theme with nothing to measure has no figure: it is "not started", never 0%
  or 100%.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

DONE_ACTION = "done"
NOT_COUNTED_ACTIONS = frozenset({"cancelled"})
DELIVERED_PROJECT = "closed"
COUNTED_PROJECTS = frozenset({"approved", "in_delivery", "closed"})


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    # The exact share done, None when there is nothing to measure.
    share: Fraction | None

    @property
    def percent(self) -> int | None:
        if self.share is None:
            return None
        return int(self.share * 100)  # rounded down: 100 only when all is done

    @property
    def started(self) -> bool:
        return self.share is not None


NOT_STARTED = Progress(0, 0, None)


def objective_progress(
    actions: Iterable[str], milestones: Iterable[bool], projects: Iterable[str]
) -> Progress:
    """The progress of one objective from its actions' statuses, whether each of its
    milestones is achieved, and the stages of the projects that deliver it."""
    parts = [status == DONE_ACTION for status in actions if status not in NOT_COUNTED_ACTIONS]
    parts += [bool(achieved) for achieved in milestones]
    parts += [stage == DELIVERED_PROJECT for stage in projects if stage in COUNTED_PROJECTS]
    if not parts:
        return NOT_STARTED
    done = sum(parts)
    return Progress(done, len(parts), Fraction(done, len(parts)))


def theme_progress(objectives: Sequence[Progress]) -> Progress:
    """The average of the theme's objectives that have something to measure."""
    measured = [progress for progress in objectives if progress.share is not None]
    if not measured:
        return NOT_STARTED
    return Progress(
        sum(progress.done for progress in measured),
        sum(progress.total for progress in measured),
        sum((progress.share for progress in measured), Fraction(0)) / len(measured),
    )
