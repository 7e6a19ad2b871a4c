"""The pages of the registers the strategy asks the group to keep: legislation, the skills and
capacity framework, and the digital champions."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import add_or_change_page, form_page, posted, run_action
from steerco.lib.pagination import paginate
from steerco.strategy import register_actions as actions
from steerco.strategy.forms import PlanActionForm
from steerco.strategy.register_access import (
    get_champion_for,
    get_legislation_for,
    get_skill_for,
    get_skill_level_for,
    get_team_for,
    require_register_keeper,
)
from steerco.strategy.register_forms import (
    ChampionFilterForm,
    ChampionForm,
    LegislationFilterForm,
    LegislationForm,
    SkillForm,
    SkillLevelForm,
    TeamChangeForm,
    TeamForm,
)
from steerco.strategy.registers import (
    DigitalChampion,
    Legislation,
    Skill,
    SkillAction,
    SkillLevel,
    Team,
)
from steerco.strategy.rules import skills as skill_rules

PER_PAGE = 50


def _can_keep(request):
    return permissions.can_manage_strategy_registers(request.user, request.organisation, today())


def _url(name, request, **kwargs):
    return reverse(f"strategy:{name}", kwargs={"org": request.organisation.slug, **kwargs})


def _serves(entry):
    """As strategy/registers/link.html words it."""
    if entry.objective:
        return entry.objective.title
    return entry.theme.name if entry.theme else ""


def _filtered_list(request, queryset, filters_form, template, *, name, sheet, download):
    """`sheet`: the download's title, headings and the row of an entry."""
    filters = filters_form.filters() if request.GET else {}
    queryset = queryset.filter(**filters)
    title, headings, row = sheet
    organisation = request.organisation
    if download:
        return exports.download(
            headings,
            (row(entry) for entry in queryset),
            file_type=download,
            name=f"{organisation.slug}-{name}",
            title=title,
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            "filters_form": filters_form,
            "filtered": bool(filters),
            "query": f"{query.urlencode()}&" if query else "",
            "can_manage": _can_keep(request),
            "downloads": exports.links(request, f"strategy:{name}", org=organisation.slug),
            **paginate(request, queryset, PER_PAGE),
        },
    )


def _changes(history):
    """The changes of an entry after it was added, newest first: who, when and why."""
    return list(
        history.exclude(history_type="+")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def _entry_form(request, entry, form_class, action, *, noun, list_name, name_of=str):
    """Add or change a register entry through its action: a change after adding says why."""
    form = form_class(posted(request), instance=entry, organisation=request.organisation)
    return add_or_change_page(
        request,
        form,
        lambda data: action(
            form.instance,
            reason=data.get("reason", ""),
            version=data.get("version"),
            by=request.user,
        ),
        existing=entry,
        noun=noun,
        list_url=_url(list_name, request),
        name_of=name_of,
        caption="Strategy registers",
    )


LEGISLATION_SHEET = (
    "Legislation",
    ["Title", "Reference", "In force from", "Impact", "Status", "Owner", "Next review", "Serves"],
    lambda entry: [
        entry.title,
        entry.reference,
        entry.in_force_on or "Not known",
        entry.get_impact_display(),
        entry.get_status_display(),
        str(entry.owner),
        entry.review_on,
        _serves(entry),
    ],
)


@require_GET
def legislation_list(request, download=None):
    return _filtered_list(
        request,
        Legislation.objects.filter(organisation=request.organisation)
        .select_related("owner", "theme", "objective")
        .order_by("title", "pk"),
        LegislationFilterForm(request.GET or None),
        "strategy/registers/legislation_list.html",
        name="legislation-list",
        sheet=LEGISLATION_SHEET,
        download=download,
    )


@require_GET
def legislation_detail(request, legislation_pk):
    entry = get_legislation_for(request, legislation_pk)
    return render(
        request,
        "strategy/registers/legislation_detail.html",
        {
            "entry": entry,
            "changes": _changes(Legislation.history.filter(id=entry.pk)),
            "can_manage": _can_keep(request),
        },
    )


@require_http_methods(["GET", "POST"])
def legislation_form(request, legislation_pk=None):
    entry = get_legislation_for(request, legislation_pk, manage=True) if legislation_pk else None
    require_register_keeper(request)
    return _entry_form(
        request,
        entry,
        LegislationForm,
        actions.save_legislation,
        noun="legislation",
        list_name="legislation-list",
    )


SKILL_HEADINGS = [
    "Skill", "Framework reference", "Teams assessed", "Teams below target", "Largest gap",
    "Status", "Owner",
]  # fmt: skip


def _with_gaps(skills):
    for skill in skills:
        skill.gaps = skill_rules.gaps(
            [(level.current, level.target) for level in skill.levels.all()]
        )
        yield skill


@require_GET
def skill_list(request, download=None, table="skills"):
    """The skills framework: each skill with the teams assessed in it and their gaps (see
    rules/skills.py), a page at a time, and the council's teams; `download` ("csv", "xlsx")
    gives every skill of the list, or with `table="teams"` the teams."""
    organisation = request.organisation
    teams = (
        Team.objects.filter(organisation=request.organisation)
        .annotate(assessed=Count("skill_levels"))
        .order_by("name", "pk")
    )
    if download and table == "teams":
        return exports.download(
            ["Team", "Skills assessed in", "Retired on"],
            [[team.name, team.assessed, team.retired_on] for team in teams],
            file_type=download,
            name=f"{organisation.slug}-skill-teams",
            title="Teams",
        )
    skills = (
        Skill.objects.filter(organisation=request.organisation)
        .select_related("owner")
        .prefetch_related(
            Prefetch("levels", queryset=SkillLevel.objects.only("skill_id", "current", "target"))
        )
        .order_by("name", "pk")
    )
    if download:
        return exports.download(
            SKILL_HEADINGS,
            [
                [
                    skill.name,
                    skill.framework_reference or "None",
                    skill.gaps.assessed,
                    skill.gaps.short,
                    skill.gaps.largest,
                    skill.get_status_display(),
                    str(skill.owner),
                ]
                for skill in _with_gaps(skills)
            ],
            file_type=download,
            name=f"{organisation.slug}-skills",
            title="Skills",
        )
    context = paginate(request, skills, PER_PAGE)
    list(_with_gaps(context["page"]))
    return render(
        request,
        "strategy/registers/skill_list.html",
        {
            "teams": list(teams),
            "can_manage": _can_keep(request),
            "downloads": exports.links(request, "strategy:skills", org=organisation.slug),
            "team_downloads": exports.links(
                request, "strategy:skill-teams", query="", org=organisation.slug
            ),
            **context,
        },
    )


@require_GET
def skill_detail(request, skill_pk):
    skill = get_skill_for(request, skill_pk)
    levels = list(
        SkillLevel.objects.filter(skill=skill)
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=SkillAction.objects.select_related(
                    "action__owner", "action__body"
                ).order_by("action__due_on", "pk"),
            )
        )
        .order_by("team__name", "pk")
    )
    return render(
        request,
        "strategy/registers/skill_detail.html",
        {
            "skill": skill,
            "levels": levels,
            "gaps": skill_rules.gaps([(level.current, level.target) for level in levels]),
            "level_names": skill_rules.LEVELS,
            "changes": _changes(Skill.history.filter(id=skill.pk)),
            "level_changes": _changes(
                SkillLevel.history.filter(skill_id=skill.pk).select_related("team")
            ),
            "can_manage": _can_keep(request),
        },
    )


@require_http_methods(["GET", "POST"])
def skill_form(request, skill_pk=None):
    skill = get_skill_for(request, skill_pk, manage=True) if skill_pk else None
    require_register_keeper(request)
    return _entry_form(
        request,
        skill,
        SkillForm,
        actions.save_skill,
        noun="a skill",
        list_name="skills",
    )


@require_http_methods(["GET", "POST"])
def team_add(request):
    require_register_keeper(request)
    form = TeamForm(posted(request), organisation=request.organisation)
    if form.is_valid() and run_action(
        form,
        actions.add_team,
        organisation=request.organisation,
        name=form.cleaned_data["name"],
        by=request.user,
    ):
        messages.success(request, f"{form.cleaned_data['name']} added.")
        return redirect(_url("skills", request))
    return form_page(
        request,
        form,
        title="Add a team",
        caption="Skills and capacity framework",
        submit_label="Add the team",
        back_url=_url("skills", request),
    )


@require_http_methods(["GET", "POST"])
def team_change(request, team_pk):
    """Renames a team or retires it (never deletes it), with the reason why."""
    team = get_team_for(request, team_pk, manage=True)
    form = TeamChangeForm(posted(request), team=team)
    if form.is_valid() and run_action(
        form,
        actions.change_team,
        team=team,
        name=form.cleaned_data["name"],
        retired_on=form.cleaned_data["retired_on"],
        reason=form.cleaned_data["reason"],
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"{team.name} changed.")
        return redirect(_url("skills", request))
    return form_page(
        request,
        form,
        title=f"Rename or retire {team.name}",
        caption="Skills and capacity framework",
        intro="A retired team keeps its levels in the framework; no new level is recorded "
        "for it. The name it had is kept in its history.",
        submit_label="Save the team",
        back_url=_url("skills", request),
    )


@require_http_methods(["GET", "POST"])
def skill_level_form(request, skill_pk, level_pk=None):
    if level_pk:
        level = get_skill_level_for(request, skill_pk, level_pk, manage=True)
        skill = level.skill
    else:
        level = None
        skill = get_skill_for(request, skill_pk, manage=True)
    form = SkillLevelForm(posted(request), instance=level, skill=skill)
    if form.is_valid() and run_action(
        form,
        actions.save_skill_level,
        level=form.instance,
        reason=form.cleaned_data.get("reason", ""),
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(
            request,
            f"Level of {form.instance.team} {'updated' if level else 'recorded'}.",
        )
        return redirect(skill)
    return form_page(
        request,
        form,
        title=f"Change the level of {level.team}" if level else "Record a team's level",
        caption=skill.name,
        intro="Levels: "
        + "; ".join(f"{number} {name}" for number, name in skill_rules.LEVELS.items())
        + ".",
        submit_label="Save" if level else "Record the level",
        back_url=skill.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def development_action_add(request, skill_pk, level_pk):
    """A development action to close a team's gap in a skill: it goes on the action log of the
    body chosen, not raised at a meeting."""
    level = get_skill_level_for(request, skill_pk, level_pk, manage=True)
    form = PlanActionForm(posted(request), organisation=request.organisation)
    if form.is_valid() and (
        saved := run_action(
            form, actions.add_development_action, level=level, by=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, f"Action {saved.number} of {saved.body.name} added.")
        return redirect(level.skill)
    return form_page(
        request,
        form,
        title="Add a development action",
        caption=f"{level.team}: {level.skill}",
        submit_label="Add the action",
        back_url=level.skill.get_absolute_url(),
    )


CHAMPION_SHEET = (
    "Digital champions",
    ["Service", "Champion", "Since", "Stepped down", "Status", "Serves"],
    lambda entry: [
        entry.service,
        str(entry.person),
        entry.since,
        entry.until,
        entry.get_status_display(),
        _serves(entry),
    ],
)


@require_GET
def champion_list(request, download=None):
    return _filtered_list(
        request,
        DigitalChampion.objects.filter(organisation=request.organisation)
        .select_related("person", "theme", "objective")
        .order_by("service", "since", "pk"),
        ChampionFilterForm(request.GET or None, organisation=request.organisation),
        "strategy/registers/champion_list.html",
        name="champions",
        sheet=CHAMPION_SHEET,
        download=download,
    )


@require_GET
def champion_detail(request, champion_pk):
    champion = get_champion_for(request, champion_pk)
    return render(
        request,
        "strategy/registers/champion_detail.html",
        {
            "entry": champion,
            "changes": _changes(DigitalChampion.history.filter(id=champion.pk)),
            "can_manage": _can_keep(request),
        },
    )


@require_http_methods(["GET", "POST"])
def champion_form(request, champion_pk=None):
    champion = get_champion_for(request, champion_pk, manage=True) if champion_pk else None
    require_register_keeper(request)
    return _entry_form(
        request,
        champion,
        ChampionForm,
        actions.save_champion,
        noun="a digital champion",
        list_name="champions",
        name_of=lambda champion: f"{champion.person}",
    )
