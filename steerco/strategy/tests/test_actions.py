import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from steerco.meetings.models import Decision
from steerco.strategy import actions
from steerco.strategy.models import CorporateObjective, Strategy, Theme


def _refused(call, **kwargs):
    with pytest.raises(ValidationError) as refused:
        call(**kwargs)
    return refused.value


def _later(organisation, secretary, decision, title="ICT strategy 2018 to 2022"):
    strategy = actions.save_strategy(
        Strategy(organisation=organisation, title=title, starts_in=2018, ends_in=2022),
        by=secretary,
    )
    return actions.approve_strategy(strategy, decision=decision, by=secretary)


def test_a_strategy_starts_as_a_draft_and_is_approved_by_a_decision(strategy, decision, secretary):
    assert (strategy.status, strategy.decision, strategy.is_current) == ("draft", None, False)
    actions.approve_strategy(strategy, decision=decision, by=secretary)
    strategy.refresh_from_db()
    assert (strategy.status, strategy.decision) == ("approved", decision)
    assert strategy.history.first().history_change_reason == "Approved by decision DSSG/2031/001"
    assert strategy.history.first().history_user == secretary


@pytest.mark.parametrize(
    "change",
    [{"outcome": Decision.Outcome.REJECTED}, {"outcome": Decision.Outcome.DEFERRED}],
)
def test_only_a_decision_that_approved_approves_a_strategy(strategy, decision, secretary, change):
    Decision.objects.filter(pk=decision.pk).update(**change)
    decision.refresh_from_db()
    refusal = _refused(actions.approve_strategy, strategy=strategy, decision=decision, by=secretary)
    assert refusal.message_dict == {
        "decision": ["Choose a decision of a meeting that approved the strategy."]
    }
    strategy.refresh_from_db()
    assert strategy.status == "draft"


def test_a_draft_is_never_the_current_strategy(strategy, secretary):
    refusal = _refused(actions.make_current, strategy=strategy, by=secretary)
    assert refusal.messages == ["Approve the strategy before making it the current one."]


def test_a_second_current_strategy_is_refused_unless_it_replaces_the_first(
    organisation, approved, decision, secretary
):
    actions.make_current(approved, by=secretary)
    later = _later(organisation, secretary, decision)

    refusal = _refused(actions.make_current, strategy=later, by=secretary)

    assert refusal.messages == [
        "ICT strategy (2012–2017) is the current strategy. Say that this strategy replaces "
        "it, or leave it as it is."
    ]
    assert list(Strategy.objects.filter(is_current=True)) == [approved]
    actions.make_current(later, by=secretary, replaces=approved)
    assert list(Strategy.objects.filter(is_current=True)) == [later]
    # The earlier one stays, readable, approved and no longer current.
    approved.refresh_from_db()
    assert (approved.status, approved.is_current) == ("approved", False)
    assert approved.history.first().history_change_reason == (
        "Replaced by ICT strategy 2018 to 2022 (2018–2022)"
    )


def test_the_database_holds_one_current_strategy_per_organisation(
    organisation, approved, decision, secretary
):
    actions.make_current(approved, by=secretary)
    later = _later(organisation, secretary, decision)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strategy.objects.filter(pk=later.pk).update(is_current=True)


def test_an_objective_under_a_theme_of_another_strategy_is_refused(
    organisation, strategy, secretary, decision
):
    other = _later(organisation, secretary, decision)
    theirs = actions.add_theme(other, name="Digital First", by=secretary)

    refusal = _refused(
        actions.add_objective, strategy=strategy, title="Online first", theme=theirs, by=secretary
    )

    assert refusal.message_dict == {
        "theme": ["Choose a theme of this strategy: the theme belongs to another one."]
    }
    assert not CorporateObjective.objects.exists()
    # The model refuses it too, wherever it is saved from.
    objective = CorporateObjective(
        organisation=organisation, strategy=strategy, theme=theirs, title="Online first"
    )
    with pytest.raises(ValidationError):
        objective.full_clean()


def test_an_objective_carries_its_framework_tags(strategy, secretary):
    theme = actions.add_theme(strategy, name="Digital First", by=secretary)
    objective = actions.add_objective(
        strategy,
        title="Services online by default",
        theme=theme,
        iso38500=["strategy", "performance"],
        cobit=["EDM02"],
        by=secretary,
    )
    assert objective.iso38500_labels == ["Strategy", "Performance"]
    assert objective.cobit_labels == ["EDM02 Ensured benefits delivery"]
    refusal = _refused(
        actions.add_objective, strategy=strategy, title="X", cobit=["APO01"], by=secretary
    )
    assert refusal.message_dict == {"cobit": ["Choose from the list."]}


def test_two_strategies_may_each_have_a_theme_of_the_same_name(
    organisation, strategy, secretary, decision
):
    other = _later(organisation, secretary, decision)
    actions.add_theme(strategy, name="Digital First", by=secretary)
    actions.add_theme(other, name="Digital First", by=secretary)
    assert Theme.objects.filter(name="Digital First").count() == 2
    refusal = _refused(actions.add_theme, strategy=strategy, name="Digital First", by=secretary)
    assert refusal.messages == ["The strategy already has a theme with this name."]


def test_the_drivers_of_another_council_are_refused(
    strategy, secretary, other_organisation, steering_group
):
    from steerco.governance.models import Body, PolicyDriver

    body = Body.objects.create(organisation=other_organisation, name="Their board")
    theirs = PolicyDriver.objects.create(organisation=other_organisation, body=body, name="X")
    ours = PolicyDriver.objects.create(
        organisation=strategy.organisation, body=steering_group, name="Digital by default"
    )
    refusal = _refused(actions.save_strategy, strategy=strategy, drivers=[theirs], by=secretary)
    assert refusal.message_dict == {"drivers": ["Choose policy drivers of this council."]}
    actions.save_strategy(strategy, drivers=[ours], by=secretary)
    assert list(strategy.drivers.all()) == [ours]


def test_a_principle_takes_the_next_position(strategy, secretary):
    first = actions.add_principle(strategy, title="Customer focus", by=secretary)
    second = actions.add_principle(strategy, title="Value for money", by=secretary)
    assert (first.position, second.position) == (1, 2)


def test_an_imported_project_takes_the_current_strategys_theme_not_an_earlier_ones(
    organisation, approved, decision, administrator, secretary
):
    from steerco.portfolio.models import Project
    from steerco.portfolio.rules.spreadsheet import write_csv
    from steerco.portfolio.spreadsheets import import_projects
    from steerco.portfolio.tests.test_spreadsheets import mapping_for

    actions.make_current(approved, by=secretary)
    later = _later(organisation, secretary, decision)
    current = actions.add_theme(later, name="Data", by=secretary)
    actions.make_current(later, by=secretary, replaces=approved)
    # Added after the current one's, an earlier strategy's theme of the same name.
    earlier = actions.add_theme(approved, name="Data", by=secretary)
    headers = ["Reference", "Name", "Themes"]
    report = import_projects(
        organisation, write_csv(headers, [["P1", "Data platform", "Data"]]),
        mapping=mapping_for(headers), by=administrator,
    )  # fmt: skip
    assert report.problems == []
    assert list(Project.objects.get(reference="P1").themes.all()) == [current]
    assert earlier.projects.count() == 0


def test_the_project_form_offers_the_current_strategys_themes_and_those_already_served(
    organisation, approved, decision, secretary
):
    from steerco.portfolio.forms import ProjectForm
    from steerco.portfolio.models import Project

    earlier = actions.add_theme(approved, name="Joined-up services", by=secretary)
    # While no strategy is current, every theme is offered.
    assert set(ProjectForm(organisation=organisation).fields["themes"].queryset) == {earlier}

    actions.make_current(approved, by=secretary)
    later = _later(organisation, secretary, decision)
    current = actions.add_theme(later, name="Data", by=secretary)
    actions.make_current(later, by=secretary, replaces=approved)
    assert set(ProjectForm(organisation=organisation).fields["themes"].queryset) == {current}

    project = Project.objects.create(organisation=organisation, reference="P1", name="CRM")
    project.themes.add(earlier)
    form = ProjectForm(instance=project, organisation=organisation)
    assert set(form.fields["themes"].queryset) == {current, earlier}


def test_themes_of_no_strategy_are_put_into_one_with_their_objectives_and_history(
    client, strategy, secretary, organisation
):
    from django.urls import reverse

    from steerco.lib.history import save_with_history

    before = save_with_history(
        Theme(organisation=organisation, name="Digital First"), by=secretary, reason="Portfolio"
    )
    objective = save_with_history(
        CorporateObjective(organisation=organisation, theme=before, title="Forms online"),
        by=secretary,
        reason="Portfolio",
    )
    clash = save_with_history(
        Theme(organisation=organisation, name="Skills"), by=secretary, reason="Portfolio"
    )
    actions.add_theme(strategy, name="skills", by=secretary)
    address = reverse(
        "strategy:themes-adopt", kwargs={"org": organisation.slug, "strategy_pk": strategy.pk}
    )
    client.force_login(secretary)
    refused = client.post(address, {"themes": [before.pk, clash.pk]})
    assert refused.context["form"].errors == {
        "themes": ["The strategy already has a theme called Skills."]
    }
    before.refresh_from_db()
    assert before.strategy is None
    assert client.post(address, {"themes": []}).context["form"].errors == {
        "themes": ["Select the themes to put into the strategy."]
    }

    assert client.post(address, {"themes": [before.pk]}).status_code == 302
    before.refresh_from_db()
    objective.refresh_from_db()
    assert before.strategy == strategy and objective.strategy == strategy
    assert before.history.latest().history_change_reason == "Put into ICT strategy"
    assert before.history.latest().history_user == secretary
    assert objective.history.latest().history_change_reason == "Put into ICT strategy"
    # Once in a strategy, it is offered no more.
    page = client.get(address)
    assert list(page.context["form"].fields["themes"].queryset) == [clash]


def test_themes_put_into_a_strategy_are_refused_if_named_alike_or_of_another_council(
    strategy, secretary, organisation, other_organisation
):
    cloud = Theme.objects.create(organisation=organisation, name="Cloud")
    also_cloud = Theme.objects.create(organisation=organisation, name="cloud")
    theirs = Theme.objects.create(organisation=other_organisation, name="Theirs")

    alike = _refused(
        actions.adopt_themes, strategy=strategy, themes=[cloud, also_cloud], by=secretary
    )
    assert alike.message_dict == {"themes": ["The strategy already has a theme called cloud."]}
    foreign = _refused(actions.adopt_themes, strategy=strategy, themes=[theirs], by=secretary)
    assert foreign.message_dict == {"themes": ["Theirs is not one of the council's themes."]}
    assert not strategy.themes.exists()
