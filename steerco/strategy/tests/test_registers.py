from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.lib.dates import today
from steerco.meetings.models import Action
from steerco.strategy import actions, register_actions
from steerco.strategy.models import CorporateObjective, Strategy, Theme
from steerco.strategy.registers import (
    DigitalChampion,
    Legislation,
    Skill,
    SkillAction,
    SkillLevel,
    Team,
)

pytestmark = pytest.mark.django_db


def url(name, organisation, **kwargs):
    return reverse(f"strategy:{name}", kwargs={"org": organisation.slug, **kwargs})


def date_fields(name, value):
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


@pytest.fixture
def theme(strategy, secretary):
    return actions.add_theme(strategy, name="Digital First", by=secretary)


@pytest.fixture
def objective(strategy, theme, secretary):
    return actions.add_objective(strategy, title="Services online", theme=theme, by=secretary)


@pytest.fixture
def act(organisation, theme, officer, secretary):
    return register_actions.save_legislation(
        Legislation(
            organisation=organisation,
            title="Data (Use and Access) Act 2025",
            reference="2025 c. 18",
            requires="Digital verification services and data sharing.",
            impact=Legislation.Impact.MEDIUM,
            owner=officer,
            review_on=date(2027, 4, 1),
            theme=theme,
        ),
        by=secretary,
    )


@pytest.fixture
def skill(organisation, theme, officer, secretary):
    return register_actions.save_skill(
        Skill(
            organisation=organisation,
            name="Project management",
            framework_reference="SFIA: PRMG",
            owner=officer,
            review_on=date(2027, 4, 1),
            theme=theme,
        ),
        by=secretary,
    )


@pytest.fixture
def team(organisation, secretary):
    return register_actions.add_team(organisation, name="ICT service desk", by=secretary)


@pytest.fixture
def level(skill, team, secretary):
    return register_actions.save_skill_level(
        SkillLevel(skill=skill, team=team, current=1, target=4, assessed_on=date(2026, 10, 1)),
        by=secretary,
    )


def test_legislation_added_and_changed_keeps_who_when_and_why(act, secretary):
    act.status = Legislation.Status.RESPONDING
    act.response = "Verification service procured."
    register_actions.save_legislation(act, reason="Response agreed", by=secretary)
    rows = list(
        Legislation.history.filter(id=act.pk)
        .order_by("history_id")
        .values_list("history_user", "history_change_reason", "status")
    )
    assert rows == [
        (secretary.pk, "Legislation added", "assessing"),
        (secretary.pk, "Changed: Response agreed", "responding"),
    ]


def test_a_change_without_a_reason_is_refused_and_nothing_saved(act, secretary):
    act.status = Legislation.Status.NO_LONGER_APPLIES
    with pytest.raises(ValidationError) as refused:
        register_actions.save_legislation(act, reason=" ", by=secretary)
    assert refused.value.message_dict == {"reason": ["Enter why the legislation is changed."]}
    act.refresh_from_db()
    assert (act.status, Legislation.history.filter(id=act.pk).count()) == ("assessing", 1)


def test_an_entry_serves_a_theme_or_objective_of_a_strategy(organisation, officer, secretary):
    entry = Legislation(
        organisation=organisation,
        title="Accessibility regulations",
        requires="Accessible websites.",
        impact="high",
        owner=officer,
        review_on=date(2027, 1, 1),
    )
    with pytest.raises(ValidationError) as refused:
        register_actions.save_legislation(entry, by=secretary)
    assert refused.value.message_dict == {
        "theme": ["Choose the theme or the objective of the strategy it serves."]
    }
    assert not Legislation.objects.exists()


def test_an_objective_of_another_strategy_than_the_theme_is_refused(
    organisation, theme, officer, secretary
):
    other = actions.save_strategy(
        Strategy(organisation=organisation, title="Earlier", starts_in=2007, ends_in=2011),
        by=secretary,
    )
    stray = actions.add_objective(other, title="Earlier objective", by=secretary)
    entry = Skill(
        organisation=organisation,
        name="Cloud",
        owner=officer,
        review_on=date(2027, 1, 1),
        theme=theme,
        objective=stray,
    )
    with pytest.raises(ValidationError) as refused:
        register_actions.save_skill(entry, by=secretary)
    assert refused.value.message_dict == {
        "objective": [
            "Choose an objective of the theme's strategy: this objective belongs to another "
            "strategy."
        ]
    }


def test_a_theme_of_another_council_is_refused(
    organisation, other_organisation, officer, secretary
):
    theirs = actions.add_theme(
        actions.save_strategy(
            Strategy(organisation=other_organisation, title="Theirs", starts_in=2026, ends_in=2030),
            by=None,
        ),
        name="Their theme",
        by=None,
    )
    entry = DigitalChampion(
        organisation=organisation, person=officer, service="Planning", since=date(2026, 4, 1),
        theme=theirs,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        register_actions.save_champion(entry, by=secretary)
    assert refused.value.messages == [f"The theme must belong to {organisation}."]
    assert not DigitalChampion.objects.exists()


def test_a_second_assessment_of_a_team_in_a_skill_is_refused(level, skill, team, secretary):
    with pytest.raises(ValidationError) as refused:
        register_actions.save_skill_level(
            SkillLevel(skill=skill, team=team, current=2, target=3, assessed_on=date(2026, 11, 1)),
            by=secretary,
        )
    assert refused.value.message_dict == {
        "team": [
            "The level of ICT service desk in Project management is already recorded: change "
            "that one instead."
        ]
    }
    assert SkillLevel.objects.count() == 1


def test_a_level_out_of_range_is_refused(skill, team, secretary):
    with pytest.raises(ValidationError) as refused:
        register_actions.save_skill_level(
            SkillLevel(skill=skill, team=team, current=1, target=6, assessed_on=date(2026, 10, 1)),
            by=secretary,
        )
    assert refused.value.message_dict["target"] == [
        "The target level must be a whole number from 0 to 5."
    ]
    assert not SkillLevel.objects.exists()


def test_the_gap_is_derived_and_a_change_keeps_the_level_it_had(level, secretary):
    assert level.gap == 3
    level.current = 3
    register_actions.save_skill_level(level, reason="Training finished", by=secretary)
    assert level.gap == 1
    history = SkillLevel.history.filter(id=level.pk).order_by("history_id")
    assert [(row.current, row.history_change_reason) for row in history] == [
        (1, "Level added"),
        (3, "Changed: Training finished"),
    ]


def test_a_development_action_is_an_action_of_the_log(
    level, steering_group, officer, secretary, client
):
    action = register_actions.add_development_action(
        level,
        description="Send two analysts on PRINCE2 Practitioner",
        owner=officer,
        due_on=today() + timedelta(days=60),
        body=steering_group,
        by=secretary,
    )
    assert (action.body, action.meeting, action.status) == (steering_group, None, "open")
    assert SkillAction.objects.get().action == action
    assert Action.objects.count() == 1
    client.force_login(officer)
    page = client.get(url("skill", level.skill.organisation, skill_pk=level.skill_id))
    assert "Send two analysts on PRINCE2 Practitioner" in page.text


def test_a_champion_stepped_down_before_since_is_refused(organisation, theme, officer, secretary):
    champion = DigitalChampion(
        organisation=organisation, person=officer, service="Planning", since=date(2026, 4, 1),
        until=date(2026, 3, 1), status=DigitalChampion.Status.STEPPED_DOWN, theme=theme,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        register_actions.save_champion(champion, by=secretary)
    assert refused.value.message_dict == {
        "until": [
            "The date they stepped down must be the same as or after the date since which "
            "they are a champion."
        ]
    }
    assert not DigitalChampion.objects.exists()


def test_a_champion_steps_down_and_stays_in_the_register(
    organisation, theme, officer, secretary, client
):
    champion = register_actions.save_champion(
        DigitalChampion(
            organisation=organisation, person=officer, service="Planning",
            since=date(2026, 4, 1), theme=theme,
        ),
        by=secretary,
    )  # fmt: skip
    client.force_login(secretary)
    response = client.post(
        url("champion-edit", organisation, champion_pk=champion.pk),
        {
            "person": officer.pk,
            "service": "Planning",
            **date_fields("since", date(2026, 4, 1)),
            **date_fields("until", date(2026, 9, 30)),
            "status": "stepped_down",
            "theme": theme.pk,
            "version": champion.version,
            "reason": "Moved to another council",
        },
    )
    assert response.status_code == 302
    champion.refresh_from_db()
    assert (champion.status, champion.until) == ("stepped_down", date(2026, 9, 30))
    assert champion.history.first().history_change_reason == "Changed: Moved to another council"
    listed = client.get(url("champions", organisation) + "?status=stepped_down")
    assert list(listed.context["page"]) == [champion]
    shown = client.get(url("champion", organisation, champion_pk=champion.pk))
    assert [change.history_change_reason for change in shown.context["changes"]] == [
        "Changed: Moved to another council"
    ]


def test_the_legislation_form_refuses_a_change_without_a_reason(
    act, theme, officer, secretary, client
):
    client.force_login(secretary)
    response = client.post(
        url("legislation-edit", act.organisation, legislation_pk=act.pk),
        {
            "title": act.title,
            "requires": act.requires,
            "impact": "high",
            "owner": officer.pk,
            **date_fields("review_on", act.review_on),
            "status": "compliant",
            "theme": theme.pk,
            "version": act.version,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Enter why the legislation is changed."]}
    act.refresh_from_db()
    assert act.status == "assessing"


def test_the_add_form_refuses_an_entry_linked_to_nothing(organisation, officer, secretary, client):
    client.force_login(secretary)
    response = client.post(
        url("skill-create", organisation),
        {"name": "Cloud", "owner": officer.pk, **date_fields("review_on", date(2027, 1, 1)),
         "status": "active"},
    )  # fmt: skip
    assert response.context["form"].errors == {
        "theme": ["Choose the theme or the objective of the strategy it serves."]
    }
    assert not Skill.objects.exists()


def test_the_level_form_refuses_a_target_out_of_range(skill, team, secretary, client):
    client.force_login(secretary)
    response = client.post(
        url("skill-level-add", skill.organisation, skill_pk=skill.pk),
        {
            "team": team.pk,
            "current": 1,
            "target": 7,
            **date_fields("assessed_on", date(2026, 10, 1)),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"target": ["Select the target level."]}
    assert not SkillLevel.objects.exists()


def test_the_team_form_refuses_a_team_the_council_has(team, secretary, client):
    client.force_login(secretary)
    response = client.post(url("team-add", team.organisation), {"name": "ict Service Desk"})
    assert response.context["form"].errors == {
        "name": ["The council already has a team with this name."]
    }
    assert Team.objects.count() == 1


def test_the_registers_read_for_everyone_of_the_council(act, level, officer, member, client):
    organisation = act.organisation
    client.force_login(member)
    pages = [
        url("legislation-list", organisation),
        url("legislation", organisation, legislation_pk=act.pk),
        url("skills", organisation),
        url("skill", organisation, skill_pk=level.skill_id),
        url("champions", organisation),
    ]
    assert [client.get(page).status_code for page in pages] == [200] * 5
    skills = client.get(url("skills", organisation))
    assert [
        (skill.name, skill.gaps.short, skill.gaps.largest) for skill in skills.context["page"]
    ] == [("Project management", 1, 3)]
    assert client.get(url("legislation-create", organisation)).status_code == 403
    assert (
        client.get(url("legislation-edit", organisation, legislation_pk=act.pk)).status_code == 403
    )
    assert client.post(url("team-add", organisation), {"name": "Apps"}).status_code == 403


def test_another_councils_entry_is_not_found(act, level, outsider, client):
    client.force_login(outsider)
    organisation = act.organisation
    assert client.get(url("legislation", organisation, legislation_pk=act.pk)).status_code == 404


def test_the_legislation_list_filters_by_status_and_impact(act, secretary, client):
    client.force_login(secretary)
    page = client.get(url("legislation-list", act.organisation) + "?impact=medium&status=assessing")
    assert list(page.context["page"]) == [act]
    page = client.get(url("legislation-list", act.organisation) + "?impact=high")
    assert list(page.context["page"]) == []
    assert "No legislation matches the filters." in page.text


def test_the_registers_are_linked_from_the_strategy(strategy, secretary, client):
    client.force_login(secretary)
    page = client.get(strategy.get_absolute_url()).text
    for name in ("legislation-list", "skills", "champions"):
        assert f'href="{url(name, strategy.organisation)}"' in page


def test_wrong_method_is_refused(act, secretary, client):
    client.force_login(secretary)
    assert client.post(url("legislation-list", act.organisation)).status_code == 405


@pytest.mark.parametrize(
    ("persona", "status"),
    [("action owner", 200), ("secretary", 200), ("member", 403), ("outsider", 404)],
)
def test_who_updates_a_development_action(
    client, level, steering_group, officer, secretary, member, outsider, persona, status
):
    action = register_actions.add_development_action(
        level,
        description="Mentoring by the PMO",
        owner=officer,
        due_on=today() + timedelta(days=30),
        body=steering_group,
        by=secretary,
    )
    people = {"action owner": officer, "secretary": secretary, "member": member}
    client.force_login(people.get(persona, outsider))
    response = client.get(
        reverse(
            "meetings:action-update",
            kwargs={"org": steering_group.organisation.slug, "action_pk": action.pk},
        )
    )
    assert response.status_code == status
    if status == 200:
        assert (
            "The skills framework: ICT service desk in Project management</a>, not raised at a "
            "meeting"
        ) in response.text


def test_the_keeper_adds_a_development_action_through_the_form(
    client, level, steering_group, officer, secretary, member
):
    add = url(
        "development-action-add", level.skill.organisation, skill_pk=level.skill_id,
        level_pk=level.pk,
    )  # fmt: skip
    client.force_login(member)
    assert client.get(add).status_code == 403
    client.force_login(secretary)
    response = client.post(add, {"description": ""})
    assert "Enter what the action is." in response.text
    assert not Action.objects.exists()
    response = client.post(
        add,
        {
            "description": "Mentoring by the PMO",
            "owner": officer.pk,
            **date_fields("due_on", today() + timedelta(days=30)),
            "body": steering_group.pk,
        },
    )
    assert response.status_code == 302
    assert SkillAction.objects.get().action.description == "Mentoring by the PMO"


@pytest.mark.parametrize(
    ("status", "until", "field", "message"),
    [
        ("stepped_down", None, "until", "Enter the date they stepped down."),
        (
            "active",
            date(2026, 9, 30),
            "status",
            "Choose stepped down: the champion has a date they stepped down.",
        ),
    ],
)
def test_a_champions_status_agrees_with_the_date_they_stepped_down(
    organisation, theme, officer, secretary, status, until, field, message
):
    champion = DigitalChampion(
        organisation=organisation, person=officer, service="Planning", since=date(2026, 4, 1),
        until=until, status=status, theme=theme,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        register_actions.save_champion(champion, by=secretary)
    assert refused.value.message_dict == {field: [message]}
    assert not DigitalChampion.objects.exists()


def test_a_theme_or_objective_in_no_strategy_is_refused(organisation, officer, secretary):
    # The portfolio's themes and objectives from before strategies belong to none.
    theme = Theme.objects.create(organisation=organisation, name="Before strategies")
    objective = CorporateObjective.objects.create(organisation=organisation, title="Loose")
    entry = Skill(
        organisation=organisation, name="Cloud", owner=officer, review_on=date(2027, 1, 1),
        theme=theme, objective=objective,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        register_actions.save_skill(entry, by=secretary)
    assert refused.value.message_dict == {
        "theme": ["Choose a theme of a strategy: this theme is in none."],
        "objective": ["Choose an objective of a strategy: this objective is in none."],
    }
    assert not Skill.objects.exists()


def test_a_team_of_another_council_is_refused(skill, other_organisation, secretary):
    theirs = register_actions.add_team(other_organisation, name="Their team", by=None)
    with pytest.raises(ValidationError) as refused:
        register_actions.save_skill_level(
            SkillLevel(skill=skill, team=theirs, current=1, target=2, assessed_on=date(2026, 4, 1)),
            by=secretary,
        )
    assert refused.value.message_dict == {"team": ["Choose a team of this council."]}
    assert not SkillLevel.objects.exists()


def test_a_team_is_renamed_and_retired_with_its_history_never_deleted(
    level, skill, team, secretary, client
):
    client.force_login(secretary)
    address = url("team-edit", team.organisation, team_pk=team.pk)
    response = client.post(
        address,
        {"version": team.version, "name": "Service desk", "reason": "Renamed in the restructure"},
    )
    assert response.status_code == 302
    client.post(
        address,
        {
            "version": team.version + 1,
            "name": "Service desk",
            "reason": "Merged into the digital team",
            **date_fields("retired_on", today()),
        },
    )
    team.refresh_from_db()
    assert (team.name, team.retired_on) == ("Service desk", today())
    assert [
        (row.name, row.history_change_reason) for row in team.history.order_by("history_id")
    ] == [
        ("ICT service desk", "Team added"),
        ("Service desk", "Changed: Renamed in the restructure"),
        ("Service desk", "Changed: Merged into the digital team"),
    ]
    assert SkillLevel.objects.filter(team=team).exists()
    page = client.get(url("skills", team.organisation)).content.decode()
    assert f"retired on {today():%-d %B %Y}" in page
    # A retired team is offered for no new level.
    other = register_actions.save_skill(
        Skill(
            organisation=skill.organisation,
            name="Cloud",
            owner=skill.owner,
            review_on=skill.review_on,
            theme=skill.theme,
        ),
        by=secretary,
    )
    form = client.get(url("skill-level-add", team.organisation, skill_pk=other.pk)).context["form"]
    assert team not in form.fields["team"].queryset


def test_a_team_change_without_a_reason_a_taken_name_or_a_future_date_is_refused(
    team, secretary, client
):
    register_actions.add_team(team.organisation, name="Data team", by=secretary)
    client.force_login(secretary)
    response = client.post(
        url("team-edit", team.organisation, team_pk=team.pk),
        {
            "version": team.version,
            "name": "data Team",
            "reason": "",
            **date_fields("retired_on", today() + timedelta(days=1)),
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"reason"}
    response = client.post(
        url("team-edit", team.organisation, team_pk=team.pk),
        {
            "version": team.version,
            "name": "data Team",
            "reason": "Restructure",
            **date_fields("retired_on", today() + timedelta(days=1)),
        },
    )
    assert response.context["form"].errors == {
        "name": ["The council already has a team with this name."],
        "retired_on": ["The date retired must be today or in the past."],
    }
    team.refresh_from_db()
    assert team.name == "ICT service desk" and team.retired_on is None
