import pytest
from django.urls import reverse

from steerco.strategy import actions
from steerco.strategy.models import CorporateObjective, Strategy, Theme


def url(name, organisation, **kwargs):
    return reverse(f"strategy:{name}", kwargs={"org": organisation.slug, **kwargs})


def test_the_secretary_records_a_strategy_from_draft_to_current(
    client, organisation, secretary, decision
):
    client.force_login(secretary)
    response = client.post(
        url("strategy-create", organisation),
        {"title": "ICT strategy", "starts_in": "2012", "ends_in": "2017", "vision": "Online"},
    )
    strategy = Strategy.objects.get()
    assert response.url == strategy.get_absolute_url()
    strategy_pk = {"strategy_pk": strategy.pk}

    client.post(url("theme-add", organisation, **strategy_pk), {"name": "Digital First"})
    theme = Theme.objects.get(strategy=strategy)
    client.post(
        url("objective-add", organisation, **strategy_pk),
        {"title": "Services online", "theme": theme.pk, "iso38500": ["strategy"]},
    )
    client.post(url("principle-add", organisation, **strategy_pk), {"title": "Customer focus"})
    response = client.post(
        url("approve", organisation, **strategy_pk),
        {"decision": decision.pk, "version": strategy.version},
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    response = client.post(
        url("make-current", organisation, **strategy_pk), {"version": strategy.version}
    )
    assert response.status_code == 302

    page = client.get(strategy.get_absolute_url()).content.decode()
    assert "1. Digital First" in page
    assert "Services online" in page
    assert "ISO/IEC 38500: Strategy" in page
    assert "Customer focus" in page
    assert f"Decision {decision.reference}" in page
    assert 'govuk-tag--green">Current' in page
    listing = client.get(url("strategies", organisation)).content.decode()
    assert "ICT strategy" in listing and "2012–2017" in listing


def test_an_objective_under_another_strategys_theme_is_refused_on_the_page(
    client, organisation, secretary, strategy
):
    other = actions.save_strategy(
        Strategy(organisation=organisation, title="Earlier", starts_in=2008, ends_in=2011),
        by=secretary,
    )
    theirs = actions.add_theme(other, name="Old theme", by=secretary)
    client.force_login(secretary)
    response = client.post(
        url("objective-add", organisation, strategy_pk=strategy.pk),
        {"title": "Services online", "theme": theirs.pk},
    )
    assert response.status_code == 200
    assert "Select the theme." in response.content.decode()
    assert not CorporateObjective.objects.exists()


def test_a_second_current_strategy_is_refused_on_the_page_until_it_replaces_the_first(
    client, organisation, secretary, approved, decision
):
    actions.make_current(approved, by=secretary)
    later = actions.save_strategy(
        Strategy(organisation=organisation, title="Next", starts_in=2018, ends_in=2022),
        by=secretary,
    )
    later = actions.approve_strategy(later, decision=decision, by=secretary)
    client.force_login(secretary)
    response = client.post(
        url("make-current", organisation, strategy_pk=later.pk), {"version": later.version}
    )
    assert response.status_code == 200
    assert "ICT strategy (2012–2017) is the current strategy." in response.content.decode()
    assert Strategy.objects.get(is_current=True) == approved
    response = client.post(
        url("make-current", organisation, strategy_pk=later.pk),
        {"version": later.version, "replaces": "on"},
    )
    assert response.status_code == 302
    assert Strategy.objects.get(is_current=True) == later
    # The earlier one stays readable.
    assert client.get(approved.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "name", ["strategy-edit", "theme-add", "objective-add", "principle-add", "approve"]
)
def test_a_member_reads_the_strategy_but_does_not_change_it(
    client, organisation, member, strategy, name
):
    client.force_login(member)
    assert client.get(strategy.get_absolute_url()).status_code == 200
    assert client.get(url(name, organisation, strategy_pk=strategy.pk)).status_code == 403
    assert client.get(url("strategy-create", organisation)).status_code == 403


def test_another_councils_strategy_is_not_found(client, outsider, other_organisation, strategy):
    client.force_login(outsider)
    response = client.get(url("strategy", other_organisation, strategy_pk=strategy.pk))
    assert response.status_code == 404


def test_the_pages_refuse_the_wrong_method(client, organisation, secretary, strategy):
    client.force_login(secretary)
    assert client.post(url("strategies", organisation)).status_code == 405
    assert client.post(strategy.get_absolute_url()).status_code == 405


def test_the_moved_models_keep_the_portfolios_tables():
    assert [model._meta.db_table for model in (Theme, CorporateObjective)] == [
        "portfolio_theme",
        "portfolio_corporateobjective",
    ]
    assert [model.history.model._meta.db_table for model in (Theme, CorporateObjective)] == [
        "portfolio_historicaltheme",
        "portfolio_historicalcorporateobjective",
    ]
