"""Every change to investment planning goes through one of these functions: atomic, checked,
and recorded in the history with who made it and why."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steerco import permissions
from steerco.documents import actions as documents_actions
from steerco.documents.models import CouncilReport
from steerco.lib.history import delete_with_history, save_with_history
from steerco.lib.versioning import claim_version
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Purpose
from steerco.planning import candidates, recommendation, tasks
from steerco.planning.models import Criterion, Scenario, Score, ScoringModel
from steerco.planning.rules import frontier, optimiser, scoring
from steerco.planning.rules import problem as planning_file

# The task worker's time limit: the page waits for the answer, polling, for about three times
# this (the optimiser, then its explanation, then the ranking methods).
DEFAULT_TIME_LIMIT = 5.0


def _refuse(error):
    return ValidationError({error.field.split(".")[-1].split("[")[0]: error.message})


@transaction.atomic
def set_criteria(organisation, criteria, *, by, wide_spread=scoring.WIDE_SPREAD):
    """Make or replace the council's scoring model's criteria: `criteria` is a list of
    (name, weight, scale of six descriptions or ()). Scores given on a criterion that keeps its
    name are kept; a criterion that goes takes its scores with it."""
    rules = [scoring.Criterion(name, weight, tuple(scale)) for name, weight, scale in criteria]
    try:
        scoring.validate(rules)
    except scoring.ScoringError as error:
        raise _refuse(error) from None
    model, _ = ScoringModel.objects.get_or_create(organisation=organisation)
    if model.wide_spread != wide_spread:
        model.wide_spread = wide_spread
        save_with_history(model, by=by, reason="Changed the spread flagged for discussion")
    kept = {c.name: c for c in model.criteria.in_use()}
    for criterion in kept.values():
        if criterion.name not in {rule.name for rule in rules}:
            _retire_or_remove(criterion, by=by, reason="Taken out of the scoring model")
    for position, rule in enumerate(rules, start=1):
        criterion = kept.get(rule.name) or Criterion(model=model, name=rule.name)
        criterion.weight = rule.weight
        criterion.position = position
        for point in range(6):
            setattr(criterion, f"scale_{point}", rule.scale[point] if rule.scale else "")
        save_with_history(criterion, by=by, reason="Set the scoring model's criteria")
    return model


def _retire_or_remove(criterion, *, by, reason):
    """A criterion that has been scored on is retired, its scores kept; one that has not is
    removed."""
    if criterion.scores.exists():
        criterion.retired_at = timezone.now()
        save_with_history(criterion, by=by, reason=f"Retired: {reason}")
        return "retired"
    delete_with_history(criterion, by=by, reason=f"Removed: {reason}")
    return "removed"


def _check_criteria(model, *, changed=None, leaving=None):
    """Refuses a change that would leave the scoring model without a weighted score: every
    weight zero, no criterion in use, a name used twice. The refusal names the field."""
    others = [
        c
        for c in model.criteria.in_use()
        if c.pk not in {getattr(changed, "pk", 0), leaving.pk if leaving else 0}
    ]
    rules = [c.as_rule() for c in others] + ([changed.as_rule()] if changed else [])
    if changed is not None:
        if model.criteria.filter(name=changed.name).exclude(pk=changed.pk).exists():
            raise ValidationError(
                {"name": f"There is already a criterion called {changed.name}: give another name."}
            )
        if changed.weight is not None and changed.weight < 0:
            raise ValidationError({"weight": "The weight cannot be negative."})
    try:
        scoring.validate(rules)
    except scoring.ScoringError as error:
        if changed is None:
            raise ValidationError(
                "A scoring model needs at least one criterion in use with a weight above 0: "
                "give another criterion a weight first."
            ) from None
        if error.field == "criteria":
            raise ValidationError(
                {"weight": "The weights of the criteria cannot all be 0: give this criterion a "
                 "weight above 0."}
            ) from None  # fmt: skip
        raise _refuse(error) from None


@transaction.atomic
def save_criterion(criterion, *, organisation, by, reason, version=None):
    """Add a criterion to the council's scoring model (made with the first one) or change one.
    The model's version is claimed, so two people changing it apart cannot lose a change; the
    reason is kept in the history of the criterion and of the model."""
    model, made = ScoringModel.objects.get_or_create(organisation=organisation)
    if not made:
        claim_version(model, version)
    criterion.model = model
    if criterion.pk is None:
        last = model.criteria.order_by("-position").values_list("position", flat=True).first()
        criterion.position = (last or 0) + 1
    elif criterion.retired_at is not None:
        raise ValidationError("This criterion is retired: it cannot be changed.")
    _check_criteria(model, changed=criterion)
    adding = f"Added {criterion.name}" if criterion.pk is None else f"Changed {criterion.name}"
    save_with_history(criterion, by=by, reason=reason)
    save_with_history(model, by=by, reason=f"{adding}: {reason}")
    return criterion


@transaction.atomic
def retire_criterion(criterion, *, by, reason, version=None):
    """Take a criterion out of the scoring model: retired, with its scores kept, when anyone
    has scored on it; removed when nobody has. Refused when no weighted criterion would be
    left. Returns "retired" or "removed"."""
    model = criterion.model
    claim_version(model, version)
    if criterion.retired_at is not None:
        raise ValidationError("This criterion is already retired.")
    _check_criteria(model, leaving=criterion)
    name = criterion.name
    done = _retire_or_remove(criterion, by=by, reason=reason)
    save_with_history(model, by=by, reason=f"{done.capitalize()} {name}: {reason}")
    return done


@transaction.atomic
def set_wide_spread(model, *, wide_spread, by, reason, version=None):
    """How many points between assessors flag a criterion's scores for discussion."""
    claim_version(model, version)
    model.wide_spread = wide_spread
    return save_with_history(model, by=by, reason=f"Changed the spread flagged: {reason}")


@transaction.atomic
def score_candidate(project, given, *, assessor, by):
    """An assessor's scores of a candidate, `given` as [(criterion, score, comment)]: each
    replaces their earlier score on that criterion (the history keeps it); one that has not
    changed is not saved again."""
    if project.stage not in candidates.OPEN_STAGES:
        raise ValidationError("Only a project at proposal or business case stage is scored.")
    earlier = {
        s.criterion_id: s
        for s in Score.objects.filter(project=project, assessor=assessor).select_related(
            "criterion"
        )
    }
    saved = []
    for criterion, score, comment in given:
        if criterion.retired_at is not None:
            raise ValidationError(f"{criterion.name} is retired: it is no longer scored on.")
        before = earlier.get(criterion.pk)
        if before is not None and before.score == score and before.comment == comment:
            continue
        saved.append(
            record_score(project, criterion, assessor=assessor, score=score, comment=comment, by=by)
        )
    return saved


@transaction.atomic
def record_score(project, criterion, *, assessor, score, comment="", by):
    """An assessor's score of a project on a criterion (replacing their earlier one)."""
    if criterion.model.organisation_id != project.organisation_id:
        raise ValidationError("The criterion is not one of the project's council's.")
    try:
        scoring.check_score(score)
    except scoring.ScoringError as error:
        raise ValidationError({"score": error.message}) from None
    given = Score.objects.filter(criterion=criterion, project=project, assessor=assessor).first()
    given = given or Score(criterion=criterion, project=project, assessor=assessor)
    given.score = score
    given.comment = comment
    return save_with_history(given, by=by, reason=f"Scored {criterion.name}")


def _check_scenario(scenario):
    years = len(scenario.capital_budgets)
    if not years:
        raise ValidationError({"capital_budgets": "Enter the capital budget for each year."})
    if len(scenario.revenue_budgets) != years:
        raise ValidationError(
            {
                "revenue_budgets": f"Enter a revenue budget for each of the {years} years "
                "of the capital budgets."
            }
        )


@transaction.atomic
def save_scenario(scenario, *, by, version=None):
    """Create a scenario or change its inputs. Its last answer stays, marked as made from
    earlier inputs when the inputs have changed since."""
    _check_scenario(scenario)
    creating = scenario.pk is None
    if not creating:
        claim_version(scenario, version)
    return save_with_history(
        scenario, by=by, reason="Created the scenario" if creating else "Changed the scenario"
    )


# What the task worker does for a scenario: the task, and the fields saying since when it was
# asked for and why the last attempt failed.
JOBS = {
    "optimise": ("optimise_scenario", "optimising_since", "optimise_failed"),
    "frontier": ("work_out_frontier", "frontier_since", "frontier_failed"),
}


def _answers(fresh, job, requested_at):
    """Whether the attempt asked for at `requested_at` is the one the scenario waits for (None:
    run directly, not asked for): a later request keeps the scenario waiting for its own."""
    waiting = getattr(fresh, JOBS[job][1])
    return requested_at is None or waiting is None or waiting <= requested_at


def _done(fresh, job, requested_at, failed=""):
    if _answers(fresh, job, requested_at):
        _, since, failure = JOBS[job]
        setattr(fresh, since, None)
        setattr(fresh, failure, failed)


@transaction.atomic
def request_optimise(scenario, *, by, at, job="optimise"):
    """Ask the task worker to optimise the scenario (`tasks.optimise_scenario`) or work out its
    efficient frontier (`job="frontier"`, `tasks.work_out_frontier`), once this is committed.
    Until it is done, the scenario is waiting for it since `at`."""
    task, since, failure = JOBS[job]
    fresh = Scenario.objects.select_for_update().get(pk=scenario.pk)
    setattr(fresh, since, at)
    setattr(fresh, failure, "")
    save_with_history(
        fresh,
        by=by,
        reason="Asked to optimise" if job == "optimise" else "Asked for the efficient frontier",
    )
    transaction.on_commit(
        partial(
            getattr(tasks, task).enqueue,
            fresh.pk,
            by.pk if by is not None and by.is_authenticated else None,
            at.isoformat(),
        )
    )
    return fresh


@transaction.atomic
def record_failure(scenario, job, *, reason, by, requested_at=None):
    """The attempt failed: the scenario says why, and no longer waits for it (unless a later
    attempt has been asked for since)."""
    fresh = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if not _answers(fresh, job, requested_at):
        return fresh
    _done(fresh, job, requested_at, failed=reason)
    what = "Optimising" if job == "optimise" else "Working out the efficient frontier"
    return save_with_history(fresh, by=by, reason=f"{what} failed")


def _buildable_problem(scenario, today):
    """`scenario_problem`'s (problem, built), or a refusal saying why it cannot be built."""
    problem, built = scenario_problem(scenario, today=today)
    if problem is None:
        why = (built.error if built else "").rstrip(".")
        raise ValidationError(f"The scenario's problem cannot be built: {why}.")
    return problem, built


def run_scenario(scenario, *, by, at, today, time_limit=DEFAULT_TIME_LIMIT, requested_at=None):
    """Optimise the scenario (the portfolio's candidates, or its uploaded planning file), explain
    what is left out and what money is worth, run the ranking methods (by score and by value
    per pound) beside it, and keep the answer with who ran it and when. The solving is done
    before the transaction that saves it, so no write lock is held while HiGHS works."""
    problem, built = _buildable_problem(scenario, today)
    answer = optimiser.optimise(problem, time_limit=time_limit)
    explanation = optimiser.explain(problem, answer, time_limit=time_limit)
    stored = {
        "problem": planning_file.to_dict(problem),
        "answer": answer,
        "explanation": explanation,
        "ranking": optimiser.ranking(problem, "score"),
        "ranking_per_pound": optimiser.ranking(problem, "value per pound"),
        "left_out": [vars(item) for item in built.left_out] if built else [],
        "notes": built.notes if built else [],
        "option_names": built.option_names if built else {},
    }
    with transaction.atomic():
        fresh = Scenario.objects.select_for_update().get(pk=scenario.pk)
        # The inputs the answer was made from: a later change to them marks it as earlier.
        stored["version"] = fresh.version
        fresh.answer = planning_file.dumps(stored)
        fresh.answered_by = by
        fresh.answered_at = at
        _done(fresh, "optimise", requested_at)
        save_with_history(fresh, by=by, reason=f"Optimised: {answer['status']}")
    scenario.refresh_from_db()
    return scenario


def scenario_problem(scenario, *, today):
    """The problem the scenario runs, and what building it from the portfolio left out (None
    for an uploaded file)."""
    if scenario.uploaded:
        return scenario.uploaded_problem(), None
    built = candidates.build(scenario, today=today)
    return built.problem, built


@transaction.atomic
def upload_problem(scenario, text, *, name, by, version=None):
    """Take an uploaded planning file as the scenario's problem: all or nothing. A file that is
    refused names the field and changes nothing."""
    try:
        problem = planning_file.parse(text)
    except planning_file.PlanningFileError as error:
        raise ValidationError({"file": f"The file was refused: {error}"}) from None
    claim_version(scenario, version)
    scenario.uploaded = planning_file.dumps(planning_file.to_dict(problem), indent=2)
    scenario.uploaded_name = name[:255]
    return save_with_history(scenario, by=by, reason=f"Uploaded the planning file {name}")


@transaction.atomic
def clear_upload(scenario, *, by, version=None):
    """Go back to building the scenario's candidates from the portfolio."""
    claim_version(scenario, version)
    scenario.uploaded = ""
    scenario.uploaded_name = ""
    return save_with_history(scenario, by=by, reason="Back to the portfolio's candidates")


def work_out_frontier(
    scenario, *, by, at, today, time_limit=frontier.TIME_LIMIT, requested_at=None
):
    """The best value against the total budget, from half the scenario's budgets to one and a
    half times them, kept with when it was worked out. Solved before the saving transaction."""
    problem, _built = _buildable_problem(scenario, today)
    points = frontier.frontier(problem, time_limit=time_limit)
    with transaction.atomic():
        fresh = Scenario.objects.select_for_update().get(pk=scenario.pk)
        fresh.frontier = planning_file.dumps({"version": fresh.version, "points": points})
        fresh.frontier_at = at
        _done(fresh, "frontier", requested_at)
        save_with_history(fresh, by=by, reason="Worked out the efficient frontier")
    scenario.refresh_from_db()
    return scenario


@transaction.atomic
def recommend(scenario, *, meeting, by, today, late_reason=""):
    """Puts the scenario's optimised portfolio to a coming meeting: an agenda item at the end of
    its agenda, through the meeting cycle's own action (an item added after publication needs
    its reason), and the item's council report written from the answer, through the documents'
    own action. The scenario keeps the item it was recommended at (its history, every one)."""
    scenario = (
        Scenario.objects.select_for_update().select_related("organisation").get(pk=scenario.pk)
    )
    refused = recommendation.refusal(scenario)
    if refused:
        raise ValidationError(refused)
    if meeting.organisation_id != scenario.organisation_id or not (
        permissions.can_recommend_scenario(by, meeting, today)
    ):
        raise ValidationError({"meeting": "Select a meeting of a body whose agenda you keep."})
    if meeting.is_cancelled or meeting.minutes_approved or meeting.on < today:
        raise ValidationError({"meeting": "Select a meeting still to come that is not cancelled."})
    stored = scenario.last_answer()
    selected = [choice["id"] for choice in stored["answer"]["selected"]]
    fields = recommendation.paper(
        scenario,
        stored,
        by=by,
        on=today,
        risks=recommendation.linked_risks(scenario.organisation, selected),
    )
    item = meeting_actions.save_item(
        AgendaItem(
            meeting=meeting,
            title=fields["title"],
            presenter=fields["report_of"],
            purpose=Purpose.DECISION,
            source=AgendaItem.Source.OTHER,
            late_reason=late_reason,
        ),
        by=by,
    )
    documents_actions.save_council_report(CouncilReport(item=item, **fields), by=by)
    scenario.recommended_at = item
    # Recording where it went changes none of its inputs: its answer stays current.
    return save_with_history(
        scenario, by=by, reason=f"Recommended to {meeting.body} on {meeting.on:%-d %B %Y}"
    )
