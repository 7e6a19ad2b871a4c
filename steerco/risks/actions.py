"""The one pathway for each change to the risk register: atomic, validated, recorded in the
history with who made it and why. Nothing is deleted: a risk is closed (with its note) or
becomes an issue, and every assessment is kept."""

import logging
import uuid
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from steerco import permissions
from steerco.accounts.models import OrganisationMembership
from steerco.lib.dates import today as council_today
from steerco.lib.history import add_missing_defaults, delete_with_history, save_with_history
from steerco.lib.spreadsheets import problems_of, write_xlsx
from steerco.lib.versioning import claim_version
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import AgendaItem, Purpose
from steerco.risks import importing, register, tasks
from steerco.risks.models import (
    DEFAULT_IMPACTS,
    DEFAULT_LIKELIHOODS,
    ORANGE_BOOK_CATEGORIES,
    AppetiteLevel,
    Assessment,
    Escalation,
    RegisterFile,
    Risk,
    RiskAction,
    RiskCategory,
    RiskSettings,
    ScaleDescriptor,
)
from steerco.risks.queries import escalation_sources, pending_escalations
from steerco.risks.rules import appetite, scoring

RATINGS = ("inherent", "current", "target")

logger = logging.getLogger(__name__)


def set_up_register(organisation):
    """Gives an organisation what its register needs and lacks: settings, the Orange Book's
    categories, the appetite scale with its default tolerances and the scale's wording. Run
    again, it adds nothing. A few queries, however many defaults: every council (and every
    test) begins here."""
    RiskSettings.objects.get_or_create(organisation=organisation)
    add_missing_defaults(
        AppetiteLevel,
        ["level"],
        [
            AppetiteLevel(
                organisation=organisation, level=level, tolerance=appetite.DEFAULT_TOLERANCES[level]
            )
            for level in appetite.LEVELS
        ],
    )
    add_missing_defaults(
        RiskCategory,
        ["name"],
        [
            RiskCategory(organisation=organisation, name=name, position=position, appetite=level)
            for position, (name, level) in enumerate(ORANGE_BOOK_CATEGORIES, start=1)
        ],
    )
    likelihood, impact = ScaleDescriptor.Axis.LIKELIHOOD, ScaleDescriptor.Axis.IMPACT
    add_missing_defaults(
        ScaleDescriptor,
        ["axis", "level"],
        [
            ScaleDescriptor(
                organisation=organisation,
                axis=likelihood,
                level=level,
                name=name,
                probability=probability,
            )
            for level, (name, probability) in DEFAULT_LIKELIHOODS.items()
        ]
        + [
            ScaleDescriptor(
                organisation=organisation,
                axis=impact,
                level=level,
                name=name,
                money=money,
                service=service,
                reputation=reputation,
            )
            for level, (name, money, service, reputation) in DEFAULT_IMPACTS.items()
        ],
    )


def organisation_created(sender, instance, created, raw=False, **kwargs):
    """Every new organisation starts with the default register set-up."""
    if created and not raw:
        set_up_register(instance)


def _refuse_stranger(person, organisation, field):
    if person is None:
        raise ValidationError({field: "Select the owner of the risk."})
    if not OrganisationMembership.objects.filter(user=person, organisation=organisation).exists():
        raise ValidationError({field: "The owner must be a person of the council."})


def _ratings(scores):
    return {
        which: scoring.Rating(scores.get(f"{which}_likelihood"), scores.get(f"{which}_impact"))
        for which in RATINGS
    }


def _check_assessment(scores, *, controls, target_reason):
    ratings = _ratings(scores)
    problems = scoring.assessment_problems(
        ratings["inherent"],
        ratings["current"],
        ratings["target"],
        target_reason=target_reason,
        controls=controls,
    )
    if problems:
        raise ValidationError(problems)
    return ratings


def _refuse_restriction(risk):
    if risk.restricted and not risk.exemption:
        raise ValidationError({"exemption": "Select why the risk is restricted."})
    if not risk.restricted:
        risk.exemption = ""


def _set_links(risk, links):
    for name in ("projects", "business_cases", "programmes", "objectives"):
        if name not in links:
            continue
        chosen = list(links[name])
        if any(row.organisation_id != risk.organisation_id for row in chosen):
            raise ValidationError({name: "Select only the council's own."})
        getattr(risk, name).set(chosen)


def _apply_assessment(risk, ratings, *, on, by, note, target_reason):
    Assessment.objects.create(
        risk=risk,
        assessed_on=on,
        by=by,
        note=note.strip(),
        target_reason=target_reason.strip(),
        **{
            f"{which}_{part}": getattr(ratings[which], part)
            for which in RATINGS
            for part in ("likelihood", "impact")
        },
    )
    risk.previous_score = risk.current_score
    for which in RATINGS:
        setattr(risk, f"{which}_likelihood", ratings[which].likelihood)
        setattr(risk, f"{which}_impact", ratings[which].impact)
        setattr(risk, f"{which}_score", ratings[which].score)
    risk.assessed_on = on


@transaction.atomic
def create_risk(
    organisation,
    *,
    by,
    scores,
    note="",
    target_reason="",
    links=None,
    on=None,
    number=None,
    reason=None,
    **fields,
):
    """Adds a risk to the register with its first assessment; its reference is the next of the
    organisation (R-001, R-002…), or `number` where an import names a free one. `reason`, when
    given, is the history's reason for both saves (an import's "Imported from …")."""
    risk = Risk(organisation=organisation, created_by=by, **fields)
    _refuse_stranger(risk.owner if risk.owner_id else None, organisation, "owner")
    if risk.category_id and risk.category.organisation_id != organisation.pk:
        raise ValidationError({"category": "Select one of the council's categories."})
    if risk.category_id and risk.category.retired:
        raise ValidationError({"category": f"{risk.category} is retired: select another category."})
    _refuse_restriction(risk)
    ratings = _check_assessment(scores, controls=risk.controls, target_reason=target_reason)
    RiskSettings.objects.select_for_update().filter(organisation=organisation).first()
    if number is None:
        last = Risk.objects.filter(organisation=organisation).aggregate(last=Max("number"))
        number = (last["last"] or 0) + 1
    elif Risk.objects.filter(organisation=organisation, number=number).exists():
        raise ValidationError(f"The register already has a risk R-{number:03d}.")
    risk.number = number
    save_with_history(risk, by=by, reason=reason or "Risk added to the register")
    _apply_assessment(
        risk,
        ratings,
        on=on or council_today(),
        by=by,
        note=note or "First assessment",
        target_reason=target_reason,
    )
    risk.previous_score = None
    save_with_history(risk, by=by, reason=reason or "First assessment")
    _set_links(risk, links or {})
    return risk


@transaction.atomic
def change_risk(risk, *, by, reason, version=None, links=None):
    """Saves a change to the risk's description, owner, treatment or links: a correction
    records who made it and why."""
    claim_version(risk, version)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the risk is changed."})
    if risk.status != Risk.Status.OPEN:
        raise ValidationError("A closed risk is not changed: it stands as it was closed.")
    _refuse_stranger(risk.owner, risk.organisation, "owner")
    _refuse_restriction(risk)
    if risk.is_assessed and not risk.controls.strip() and risk.current_score < risk.inherent_score:
        raise ValidationError(
            {
                "controls": "Enter the controls in place: the current score can only be below "
                "the score before controls when controls are recorded."
            }
        )
    save_with_history(risk, by=by, reason=reason.strip())
    _set_links(risk, links or {})
    return risk


@transaction.atomic
def reassess_risk(risk, *, by, scores, note="", target_reason="", on=None, version=None):
    """Records a new assessment (every one is kept) and makes it the risk's standing one."""
    claim_version(risk, version)
    if risk.status != Risk.Status.OPEN:
        raise ValidationError("A closed risk is not reassessed.")
    ratings = _check_assessment(scores, controls=risk.controls, target_reason=target_reason)
    on = on or council_today()
    if risk.assessed_on and on < risk.assessed_on:
        raise ValidationError(
            {"assessed_on": "The date must be the same as or after the last assessment."}
        )
    _apply_assessment(risk, ratings, on=on, by=by, note=note, target_reason=target_reason)
    return save_with_history(risk, by=by, reason=f"Reassessed: {note.strip() or 'no note'}")


@transaction.atomic
def close_risk(risk, *, by, note, became_issue=False, version=None):
    claim_version(risk, version)
    if risk.status != Risk.Status.OPEN:
        raise ValidationError("This risk is already closed.")
    if not note.strip():
        raise ValidationError({"note": "Enter a closing note: why the risk is closed."})
    risk.status = Risk.Status.ISSUE if became_issue else Risk.Status.CLOSED
    risk.closing_note = note.strip()
    what = "Became an issue" if became_issue else "Closed"
    return save_with_history(risk, by=by, reason=f"{what}: {note.strip()}")


@transaction.atomic
def set_appetite(category, *, level, by):
    if level not in appetite.LEVELS:
        raise ValidationError(
            {
                "appetite": "Choose an appetite level from the scale: averse, minimal, "
                "cautious, open or eager."
            }
        )
    category.appetite = level
    return save_with_history(category, by=by, reason=f"Appetite set to {level}")


@transaction.atomic
def set_tolerance(level, *, tolerance, by):
    """Changes what an appetite level tolerates; a more eager level never tolerates less."""
    tolerances = dict(
        AppetiteLevel.objects.filter(organisation_id=level.organisation_id).values_list(
            "level", "tolerance"
        )
    )
    tolerances[level.level] = tolerance
    try:
        appetite.check_tolerances(tolerances)
    except appetite.AppetiteError as refused:
        raise ValidationError({"tolerance": str(refused)}) from refused
    level.tolerance = tolerance
    return save_with_history(level, by=by, reason=f"Tolerance set to {tolerance}")


def _claim_settings(organisation, version, field="version"):
    """The register's settings, claimed at the version the person opened: `field` the version
    of the settings changed (the bands' is `version`; categories have their own)."""
    settings_row = RiskSettings.objects.get(organisation=organisation)
    claim_version(settings_row, version, field=field)
    return settings_row


def _reason(reason):
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the register's settings are changed."})
    return reason.strip()


def _refuse_appetite(level):
    if level not in appetite.LEVELS:
        raise ValidationError(
            {
                "appetite": "Choose an appetite level from the scale: averse, minimal, "
                "cautious, open or eager."
            }
        )


def _refuse_name(organisation, name, category=None):
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the name of the category."})
    taken = RiskCategory.objects.filter(organisation=organisation, name__iexact=name)
    if category is not None:
        taken = taken.exclude(pk=category.pk)
    if taken.exists():
        raise ValidationError({"name": f"The register already has a category called {name}."})
    return name


@transaction.atomic
def add_category(organisation, *, name, appetite_level, by, reason):
    """Adds a category to the organisation's register, after its others."""
    reason = _reason(reason)
    _refuse_appetite(appetite_level)
    name = _refuse_name(organisation, name)
    last = RiskCategory.objects.filter(organisation=organisation).aggregate(m=Max("position"))
    category = RiskCategory(
        organisation=organisation,
        name=name,
        appetite=appetite_level,
        position=(last["m"] or 0) + 1,
    )
    return save_with_history(category, by=by, reason=f"Category added: {reason}")


@transaction.atomic
def change_category(category, *, name, appetite_level, retired, by, reason, version=None):
    """Renames a category, sets its appetite, or retires it (or brings it back). A category a
    risk is in is never deleted: a retired one is offered for no new risk, and its risks keep
    it (`remove_category` removes only one no risk was ever in)."""
    reason = _reason(reason)
    claim_version(category, version)
    _refuse_appetite(appetite_level)
    category.name = _refuse_name(category.organisation, name, category)
    category.appetite = appetite_level
    category.retired = retired
    return save_with_history(category, by=by, reason=reason)


@transaction.atomic
def remove_category(category, *, by, reason, version=None):
    """Removes a category that no risk is or ever was in (one added in error): it stays in the
    history with who removed it and why. One a risk is or was in is retired instead, so that
    every risk's history still names its category."""
    reason = _reason(reason)
    claim_version(category, version)
    if Risk.history.filter(category_id=category.pk).exists():
        raise ValidationError(
            f"A risk is or was in {category.name}, so it is not removed: retire it instead."
        )
    delete_with_history(category, by=by, reason=f"Category removed: {reason}")
    return category


@transaction.atomic
def set_tolerances(organisation, *, tolerances, by, reason, version=None):
    """Sets what each appetite level tolerates, all together: a more eager level never
    tolerates less."""
    reason = _reason(reason)
    _claim_settings(organisation, version, "tolerances_version")
    levels = {
        level.level: level
        for level in AppetiteLevel.objects.select_for_update().filter(organisation=organisation)
    }
    try:
        appetite.check_tolerances({**{k: v.tolerance for k, v in levels.items()}, **tolerances})
    except appetite.AppetiteError as refused:
        raise ValidationError(str(refused)) from refused
    for name, tolerance in tolerances.items():
        level = levels[name]
        if level.tolerance != tolerance:
            level.tolerance = tolerance
            save_with_history(level, by=by, reason=f"Tolerance set to {tolerance}: {reason}")
    return organisation


@transaction.atomic
def set_scale_wording(organisation, axis, *, wording, by, reason, version=None):
    """Sets what each level of the likelihood or the impact scale means: `wording` is
    {level: {field: text}}, each level with its name."""
    reason = _reason(reason)
    _claim_settings(organisation, version, f"{axis}_version")
    descriptors = {
        row.level: row
        for row in ScaleDescriptor.objects.select_for_update().filter(
            organisation=organisation, axis=axis
        )
    }
    for level, fields in wording.items():
        if not fields.get("name", "").strip():
            raise ValidationError({f"name_{level}": f"Enter the name of level {level}."})
        row = descriptors.get(level) or ScaleDescriptor(
            organisation=organisation, axis=axis, level=level
        )
        values = {key: value.strip() for key, value in fields.items()}
        if row.pk and all(getattr(row, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(row, key, value)
        save_with_history(row, by=by, reason=reason)
    return organisation


@transaction.atomic
def set_band_limits(organisation, *, low_up_to, medium_up_to, high_up_to, by, reason, version=None):
    """Sets where the low, medium and high bands end (critical ends at 25): contiguous, each
    band above the one before, together covering every score from 1 to 25."""
    reason = _reason(reason)
    settings_row = _claim_settings(organisation, version)
    limits = (low_up_to, medium_up_to, high_up_to, scoring.HIGHEST_SCORE)
    try:
        scoring.check_band_limits(limits)
    except scoring.ScoringError as refused:
        raise ValidationError(list(refused.problems.values())) from refused
    settings_row.low_up_to, settings_row.medium_up_to, settings_row.high_up_to = limits[:3]
    return save_with_history(settings_row, by=by, reason=reason)


@transaction.atomic
def escalate_risk(risk, *, to, by, reason, from_body=None):
    """Records that a risk is brought to a body (who, when, why): from a project board of a
    project it affects, or from the register's body (the steering group), or from no body; by
    whoever may change the risk or manages the body it comes from."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the risk is escalated."})
    if to.organisation_id != risk.organisation_id or (
        from_body is not None and from_body.organisation_id != risk.organisation_id
    ):
        raise ValidationError({"to_body": "Select a body of the council."})
    if risk.status != Risk.Status.OPEN:
        raise ValidationError("A closed risk is not escalated.")
    if from_body is not None and from_body.pk == to.pk:
        raise ValidationError(
            {"to_body": f"The risk is escalated from {from_body}: choose another body to take it."}
        )
    on = council_today()
    if from_body is not None:
        register_body = RiskSettings.objects.get(organisation=risk.organisation).register_body()
        if from_body.pk not in {body.pk for body in escalation_sources(risk, register_body)}:
            raise ValidationError(
                {
                    "from_body": f"{from_body} is neither the board of a project the risk affects "
                    "nor the body that owns the register."
                }
            )
    if not permissions.can_escalate_risk(by, risk, on, [from_body] if from_body else []):
        raise ValidationError(
            "Only whoever may change the risk, or manages the body it is escalated from, "
            "escalates it."
        )
    escalation = Escalation(
        risk=risk,
        from_body=from_body,
        to_body=to,
        reason=reason.strip(),
        by=by,
        escalated_at=timezone.now(),
    )
    # The why is the row's own (and so in its history); the history's reason column is short.
    return save_with_history(escalation, by=by, reason=f"Escalated to {to}")


@transaction.atomic
def accept_for_agenda(risk, *, meeting, by, reason, late_reason=""):
    """Puts a risk for escalation on the agenda of a meeting through the meeting cycle's own
    actions, and records the escalation to the meeting's body with the item. A restricted risk's
    item does not carry its title: the agenda may be published."""
    Risk.objects.select_for_update().filter(pk=risk.pk).first()
    if not permissions.can_manage_body(by, meeting.body, council_today()):
        raise ValidationError(f"Only whoever manages {meeting.body} adds to its agenda.")
    if meeting.is_cancelled or meeting.minutes_approved:
        raise ValidationError(
            {"meeting": "Select a meeting that is not cancelled and whose record is still open."}
        )
    if Escalation.objects.filter(risk=risk, item__meeting=meeting).exists():
        raise ValidationError("This risk is already on that meeting's agenda.")
    title = (
        f"Risk for escalation {risk.reference}"
        if risk.restricted
        else f"Risk for escalation {risk.reference}: {risk.title}"
    )
    item = meeting_actions.save_item(
        AgendaItem(
            meeting=meeting,
            title=title[:300],
            presenting_officer=risk.owner,
            presenter=str(risk.owner),
            purpose=Purpose.DECISION,
            late_reason=late_reason,
        ),
        by=by,
    )
    # A risk escalated to the body (from a project board, say) and not yet on its agenda: the
    # item answers that escalation, which keeps its who, when and why.
    escalation = (
        pending_escalations(meeting.body).filter(risk=risk).order_by("-escalated_at", "-pk").first()
    )
    accepted = f"Accepted onto the agenda of {meeting}"
    if escalation is None:
        escalation = escalate_risk(risk, to=meeting.body, by=by, reason=reason)
    elif reason.strip():
        accepted = f"{accepted}: {reason.strip()}"
    escalation.item = item
    return save_with_history(escalation, by=by, reason=accepted)


@transaction.atomic
def add_mitigating_action(
    risk, *, description, owner, due_on, by, meeting=None, item=None, on=None
):
    """A mitigating action of the risk is an action of an action log: raised at a meeting (at
    the item where the risk was discussed, when there is one), or from the risk itself, with
    no meeting, onto the action log of the register's body. A restricted risk's action is
    given only to someone who may read the risk: the action goes no further than the risk."""
    if risk.status != Risk.Status.OPEN:
        raise ValidationError("A closed risk takes no new actions.")
    day = on or council_today()
    body = (
        meeting.body
        if meeting
        else RiskSettings.objects.get(organisation=risk.organisation).register_body()
    )
    if body is None:
        raise ValidationError(
            "The register has no body whose action log could hold the action: choose the body "
            "that owns the register first."
        )
    if (
        risk.restricted
        and owner is not None
        and not permissions.RiskAccess(owner, risk.organisation, body, day).can_read(risk)
    ):
        raise ValidationError(
            {
                "owner": f"Select someone who may read {risk.reference}: the risk is "
                "restricted, and so are its actions."
            }
        )
    fields = {"description": description, "owner": owner, "due_on": due_on, "by": by}
    if meeting is None:
        action = meeting_actions.raise_action(body, on=day, **fields)
    else:
        action = meeting_actions.add_action(meeting, item=item, **fields)
    # At the item where the risk was escalated, the action is already linked (`action_added`).
    linked = RiskAction.objects.filter(action=action).select_related("risk").first()
    if linked is not None and linked.risk_id != risk.pk:
        raise ValidationError(
            {"item": f"That item is where {linked.risk.reference} was escalated: its actions are "
             "that risk's."}
        )  # fmt: skip
    if linked is None:
        link = RiskAction(risk=risk, action=action)
        save_with_history(link, by=by, reason=f"Mitigating action of {risk.reference}")
    return action


def action_added(sender=None, *, action, by, **kwargs):
    """An action was recorded at a meeting (`meetings.signals.action_added`): one at the item
    where a risk was escalated (or at a copy of that item carried to a later meeting) arose
    from the risk as well, and is linked to it as its mitigating action, so that the risk's page
    lists it and the risk's restriction applies to it everywhere (the agenda, the action log
    and its downloads, "My meetings", the dashboard, the calendar feeds). A restricted risk's
    action is given only to someone who may read the risk: otherwise the action is refused,
    on its owner."""
    if action.item_id is None:
        return
    escalation = _escalation_at(action.item)
    if escalation is None:
        return
    risk = escalation.risk
    body = RiskSettings.objects.get(organisation=risk.organisation).register_body()
    day = council_today()
    if risk.restricted and not permissions.RiskAccess(
        action.owner, risk.organisation, body, day
    ).can_read(risk):
        raise ValidationError(
            {
                "owner": "Select someone who may read the risk discussed at this item: it is "
                "restricted, and so are the actions arising from it."
            }
        )
    link = RiskAction(risk=risk, action=action)
    save_with_history(link, by=by, reason=f"Arose at the item where {risk.reference} was escalated")


def _escalation_at(item):
    """The escalation discussed at `item` or at the item it was carried from (and so on)."""
    seen = [item.pk]
    carried_from = item.carried_from_id
    while carried_from is not None and carried_from not in seen:
        seen.append(carried_from)
        carried_from = (
            AgendaItem.objects.filter(pk=carried_from)
            .values_list("carried_from_id", flat=True)
            .first()
        )
    found = {
        escalation.item_id: escalation
        for escalation in Escalation.objects.filter(item_id__in=seen).select_related(
            "risk__organisation"
        )
    }
    return next((found[pk] for pk in seen if pk in found), None)


def import_register(organisation, data, *, file_name, by, access, columns=None):
    """Imports a register from a spreadsheet in the download's columns, all or nothing: the plan
    (`importing.plan_import`) is made again inside the transaction, every risk it creates or
    changes is saved with the reason "Imported from <file name>", and with any problem nothing
    is kept. Returns the plan, with its problems when nothing was saved."""
    with transaction.atomic():
        # One import or new risk at a time: the numbers the plan gives stay free.
        RiskSettings.objects.select_for_update().filter(organisation=organisation).first()
        plan = importing.plan_import(
            organisation, data, file_name=file_name, access=access, columns=columns
        )
        if plan.problems:
            return plan
        for change in plan.created + plan.changed:
            try:
                with transaction.atomic():
                    _import_row(organisation, change, by=by, reason=plan.reason)
            except ValidationError as error:
                plan.problems.extend(_row_problems(error, change.row))
        if plan.problems:
            transaction.set_rollback(True)
    return plan


def _import_row(organisation, change, *, by, reason):
    values = change.values
    scores = {name: values[name] for name in importing.LEVELS}
    fields = {
        name: values[name]
        for name in importing.FIELDS
        if name in values and name not in importing.LEVELS and name not in ("category", "owner")
    }
    fields["category_id"] = values["category"]
    fields["owner_id"] = values["owner"]
    links = None
    if "affects" in values:
        fields["whole_service"] = values["affects"]["whole_service"]
        links = {
            kind: getattr(Risk, kind).field.related_model.objects.filter(
                organisation=organisation, pk__in=values["affects"][kind]
            )
            for kind in importing.AFFECTS
        }
    if change.risk is None:
        create_risk(
            organisation,
            by=by,
            scores=scores,
            note=reason,
            number=change.number,
            reason=reason,
            links=links,
            **fields,
        )
        return
    risk = change.risk
    claim_version(risk)
    if risk.status != Risk.Status.OPEN:
        raise ValidationError({"reference": "A closed risk is not changed."})
    for name, value in fields.items():
        setattr(risk, name, value)
    _refuse_stranger(risk.owner, organisation, "owner")
    if any(scores[name] != getattr(risk, name) for name in importing.LEVELS):
        ratings = _check_assessment(scores, controls=risk.controls, target_reason="")
        _apply_assessment(risk, ratings, on=council_today(), by=by, note=reason, target_reason="")
    elif not risk.controls.strip() and risk.current_score < risk.inherent_score:
        raise ValidationError(
            {
                "controls": "Enter the controls in place: the current score is below the score "
                "before controls."
            }
        )
    save_with_history(risk, by=by, reason=reason)
    if links is not None:
        # A restricted business case is not in the file (its title is restricted): kept.
        links["business_cases"] = [
            *links["business_cases"],
            *risk.business_cases.filter(restricted=True),
        ]
        _set_links(risk, links)


def _row_problems(error, row):
    labels = importing.LABELS | {"category_id": "category", "owner_id": "owner"}
    return problems_of(error, row, labels, "risk")


@transaction.atomic
def void_mitigating_action(risk, mitigating_action, *, reason, by):
    """Voids a mitigating action of the risk raised at no meeting and entered in error, through
    the meeting cycle's own voiding: it leaves the action log and stays in the history with
    who voided it, when and why. One raised at a meeting is voided with that meeting's
    record."""
    if not RiskAction.objects.filter(risk=risk, action=mitigating_action).exists():
        raise ValidationError(f"This action is not a mitigating action of {risk.reference}.")
    if mitigating_action.meeting_id is not None:
        raise ValidationError(
            "This action was raised at a meeting: it is voided with that meeting's record."
        )
    return meeting_actions.void_entry(mitigating_action, reason=reason, by=by)


def business_case_submitting(sender, case, **kwargs):
    """A business case goes for approval only with at least one linked, assessed risk of the
    register that is still open (the portfolio asks, see steerco/portfolio/signals.py)."""
    if not Risk.objects.filter(
        business_cases=case, status=Risk.Status.OPEN, current_score__isnull=False
    ).exists():
        return {
            "risks": "Link at least one assessed risk of the risk register to the business "
            "case before it is submitted."
        }
    return None


@transaction.atomic
def request_register_file(organisation, *, by, query, at):
    """Ask the task worker for the register as an Excel workbook, with the filters and order of
    `query` (the register's address without its page number), as `by` reads it. A person has
    one file at a time: this request replaces the one before, whose workbook is deleted once
    this is committed, and a build still queued for it writes nothing (`build_register_file`)."""
    RegisterFile.objects.get_or_create(
        organisation=organisation, person=by, defaults={"token": uuid.uuid4(), "requested_at": at}
    )
    register_file = RegisterFile.objects.select_for_update().get(
        organisation=organisation, person=by
    )
    old = register_file.file.name
    register_file.query = query
    register_file.token = uuid.uuid4()
    register_file.state = RegisterFile.State.BUILDING
    register_file.requested_at = at
    register_file.built_at = None
    register_file.file = ""
    register_file.risk_count = None
    register_file.restricted_risk_ids = []
    register_file.failure = ""
    register_file.full_clean()
    register_file.save()
    if old:
        transaction.on_commit(partial(register_file.file.storage.delete, old))
    transaction.on_commit(
        partial(tasks.build_register_file.enqueue, register_file.pk, str(register_file.token))
    )
    return register_file


def build_register_file(register_file_id, token):
    """The task worker's part: writes the workbook as its person reads the register now (their
    access to restricted risks, their filters), outside any transaction, and keeps it if it
    still answers the latest request. Returns the state kept, or None when superseded."""
    found = (
        RegisterFile.objects.select_related("organisation", "person")
        .filter(pk=register_file_id, token=token)
        .first()
    )
    if found is None:
        return None
    organisation = found.organisation
    restricted = []
    try:
        asker = register.as_person(found.person, organisation, found.query)
        _, _, risks, _ = register.filtered(asker)
        limits = register.risk_settings(asker).band_limits
        written = register.rows(risks, limits, council_today(), organisation, restricted=restricted)
        counted = _counted(written)
        content = write_xlsx(register.REGISTER_HEADINGS, counted, title="Risk register")
    except Exception as error:  # said on the page, logged in full
        logger.exception("The register file %s failed", register_file_id)
        failure = f"The file could not be written ({type(error).__name__}): ask for it again."
        return _keep_register_file(register_file_id, token, failure=failure)
    return _keep_register_file(
        register_file_id,
        token,
        content=content,
        risk_count=counted.count,
        restricted_risk_ids=restricted,
    )


class _counted:
    """The rows, counted as they are written."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


@transaction.atomic
def _keep_register_file(register_file_id, token, *, content=None, failure="", **fields):
    fresh = (
        RegisterFile.objects.select_for_update().filter(pk=register_file_id, token=token).first()
    )
    if fresh is None:  # asked for again while this one was written: the later one is kept
        return None
    now = timezone.now()
    if content is None:
        fresh.state = RegisterFile.State.FAILED
        fresh.failure = failure
    else:
        fresh.file.save("register.xlsx", ContentFile(content), save=False)
        fresh.state = RegisterFile.State.READY
        fresh.built_at = now
        for name, value in fields.items():
            setattr(fresh, name, value)
    fresh.save()
    expire_register_files(now)
    return fresh.state


def expire_register_files(now):
    """Deletes the workbooks kept longer than `RegisterFile.KEPT_FOR` (their rows stay, saying
    so): a register file is a copy of the register on one day, not a record to keep."""
    expired = RegisterFile.objects.filter(built_at__lt=now - RegisterFile.KEPT_FOR).exclude(file="")
    for register_file in expired:
        name = register_file.file.name
        register_file.file = ""
        register_file.save(update_fields=["file"])
        transaction.on_commit(partial(register_file.file.storage.delete, name))
