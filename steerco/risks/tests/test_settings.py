import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.risks import actions
from steerco.risks.forms import ReassessForm, RiskForm
from steerco.risks.models import AppetiteLevel, RiskCategory, RiskSettings, ScaleDescriptor
from steerco.risks.tests.conftest import SCORES

pytestmark = pytest.mark.django_db
T = "tolerances_version"


def url(organisation, name, **kwargs):
    return reverse(f"risks:{name}", kwargs={"org": organisation.slug, **kwargs})


def settings_version(organisation, field="version"):
    return getattr(RiskSettings.objects.get(organisation=organisation), field)


def test_the_settings_page_shows_the_registers_settings(client, organisation, secretary, risk):
    client.force_login(secretary)

    response = client.get(url(organisation, "settings"))

    categories = {
        c.name: (c.appetite, c.tolerance, c.open_risks) for c in response.context["categories"]
    }
    assert categories["Technology"] == ("cautious", 12, 1)
    assert categories["Security"] == ("averse", 4, 0)
    assert response.context["bands"] == [
        ("Low", 1, 5),
        ("Medium", 6, 12),
        ("High", 13, 19),
        ("Critical", 20, 25),
    ]


def test_the_settings_page_counts_only_the_open_risks_its_reader_may_read(
    client, organisation, administrator, member, secretary, risk
):
    """An administrator keeps the register but does not read a restricted risk, nor learns
    from a count that one exists."""
    from steerco.meetings.models import Paper

    actions.create_risk(
        organisation, by=secretary, scores=SCORES, title="Kestrel firewall bypass",
        category=RiskCategory.objects.get(organisation=organisation, name="Security"),
        owner=member, restricted=True, exemption=Paper.Exemption.SECURITY, controls="Firewall",
    )  # fmt: skip
    counts = {}
    for person in (administrator, secretary):
        client.force_login(person)
        response = client.get(url(organisation, "settings"))
        counts[person] = {c.name: c.open_risks for c in response.context["categories"]}

    assert counts[secretary]["Security"] == 1
    assert counts[administrator]["Security"] == 0
    assert counts[administrator]["Technology"] == counts[secretary]["Technology"] == 1


def test_a_category_is_added_and_its_name_is_the_registers_once(client, organisation, secretary):
    client.force_login(secretary)
    data = {"name": "Climate", "appetite": "minimal", "reason": "New corporate risk policy"}

    response = client.post(url(organisation, "category-create"), data)

    assert response.status_code == 302
    climate = RiskCategory.objects.get(organisation=organisation, name="Climate")
    assert (climate.appetite, climate.position) == ("minimal", 14)
    assert (
        climate.history.first().history_change_reason == "Category added: New corporate risk policy"
    )
    again = client.post(url(organisation, "category-create"), {**data, "name": "climate"})
    assert again.context["form"].errors["name"] == [
        "The register already has a category called climate."
    ]


def test_a_category_in_use_is_retired_not_deleted_and_its_risks_keep_it(
    client, organisation, secretary, risk, technology
):
    client.force_login(secretary)

    response = client.post(
        url(organisation, "category-edit", category_pk=technology.pk),
        {
            "name": "Technology and data",
            "appetite": "open",
            "retired": "on",
            "reason": "Merged",
            "version": technology.version,
        },
    )

    assert response.status_code == 302
    technology.refresh_from_db()
    assert (technology.name, technology.appetite, technology.retired) == (
        "Technology and data",
        "open",
        True,
    )
    assert technology.history.first().history_change_reason == "Merged"
    risk.refresh_from_db()
    assert risk.category == technology
    assert technology not in RiskForm(None, organisation=organisation).fields["category"].queryset
    assert (
        technology
        in RiskForm(None, instance=risk, organisation=organisation).fields["category"].queryset
    )
    with pytest.raises(ValidationError) as refused:
        actions.create_risk(
            organisation,
            by=secretary,
            scores=SCORES,
            title="Old kit",
            category=technology,
            owner=secretary,
            controls="Some",
        )
    assert refused.value.message_dict == {
        "category": ["Technology and data is retired: select another category."]
    }


def test_the_tolerances_are_set_together_and_a_more_eager_level_never_tolerates_less(
    client, organisation, secretary
):
    client.force_login(secretary)
    tolerances = {"averse": 3, "minimal": 6, "cautious": 10, "open": 15, "eager": 20}

    done = client.post(
        url(organisation, "tolerances"),
        {**tolerances, "reason": "Annual review", "version": settings_version(organisation, T)},
    )
    refused = client.post(
        url(organisation, "tolerances"),
        {**tolerances, "open": 9, "reason": "Typo", "version": settings_version(organisation, T)},
    )

    assert done.status_code == 302
    saved = dict(
        AppetiteLevel.objects.filter(organisation=organisation).values_list("level", "tolerance")
    )
    assert saved == tolerances
    cautious = AppetiteLevel.objects.get(organisation=organisation, level="cautious")
    assert cautious.history.first().history_change_reason == "Tolerance set to 10: Annual review"
    assert refused.context["form"].non_field_errors() == [
        "A more eager appetite cannot tolerate a lower score."
    ]


def test_the_scale_wording_is_changed_and_shown_where_a_score_is_chosen(
    client, organisation, secretary, risk
):
    client.force_login(secretary)
    page = client.get(url(organisation, "scale-likelihood"))
    data = dict(page.context["form"].initial)
    data |= {"name_3": "Even chance", "probability_3": "About half", "reason": "Plain words"}
    data["version"] = settings_version(organisation, "likelihood_version")

    response = client.post(url(organisation, "scale-likelihood"), data)

    assert response.status_code == 302
    row = ScaleDescriptor.objects.get(organisation=organisation, axis="likelihood", level=3)
    assert (row.name, row.probability) == ("Even chance", "About half")
    assert row.history.first().history_change_reason == "Plain words"
    assert ScaleDescriptor.history.filter(history_change_reason="Plain words").count() == 1
    choices = dict(ReassessForm(None, risk=risk).fields["current_likelihood"].choices)
    assert choices[3] == "3 Even chance: About half"
    missing = client.post(url(organisation, "scale-likelihood"), {**data, "name_2": ""})
    assert missing.context["form"].errors["name_2"] == ["Enter the name of level 2."]


def test_the_band_limits_rise_from_1_to_25(client, organisation, secretary):
    client.force_login(secretary)

    done = client.post(
        url(organisation, "bands"),
        {
            "low_up_to": 4,
            "medium_up_to": 10,
            "high_up_to": 16,
            "reason": "Audit advice",
            "version": settings_version(organisation),
        },
    )
    refused = client.post(
        url(organisation, "bands"),
        {
            "low_up_to": 12,
            "medium_up_to": 10,
            "high_up_to": 16,
            "reason": "Oops",
            "version": settings_version(organisation),
        },
    )

    assert done.status_code == 302
    settings_row = RiskSettings.objects.get(organisation=organisation)
    assert settings_row.band_limits == (4, 10, 16, 25)
    assert settings_row.history.first().history_change_reason == "Audit advice"
    assert refused.context["form"].non_field_errors() == [
        "Each band must start above the one before it."
    ]
    assert RiskSettings.objects.get(organisation=organisation).band_limits == (4, 10, 16, 25)


def test_a_change_without_a_reason_is_refused(organisation, secretary):
    with pytest.raises(ValidationError) as refused:
        actions.set_band_limits(
            organisation, low_up_to=4, medium_up_to=10, high_up_to=16, by=secretary, reason=" "
        )
    assert refused.value.message_dict == {
        "reason": ["Enter why the register's settings are changed."]
    }


def test_only_whoever_keeps_the_register_changes_its_settings(
    client, organisation, other_organisation, member, secretary, technology
):
    pages = [
        url(organisation, name)
        for name in ("settings", "category-create", "tolerances", "scale-impact", "bands")
    ] + [
        url(organisation, name, category_pk=technology.pk)
        for name in ("category-edit", "category-remove")
    ]
    client.force_login(member)
    assert {client.get(page).status_code for page in pages} == {403}
    client.force_login(secretary)
    assert {client.get(page).status_code for page in pages} == {200}
    theirs = RiskCategory.objects.filter(organisation=other_organisation).first()
    assert client.get(url(organisation, "category-edit", category_pk=theirs.pk)).status_code == 404
    assert (
        client.get(url(organisation, "category-remove", category_pk=theirs.pk)).status_code == 404
    )


def test_a_settings_page_opened_before_another_persons_change_is_refused(
    client, organisation, secretary, administrator, technology
):
    """Two people keeping the register's settings: the second to save what they opened before
    the first's change is told, and the first's change stands."""
    opened_category, opened_settings = technology.version, settings_version(organisation)
    opened_tolerances = RiskSettings.objects.get(organisation=organisation).tolerances_version
    actions.set_tolerances(
        organisation, tolerances={"averse": 5}, by=administrator, reason="Audit advice"
    )
    actions.change_category(
        technology, name="Technology", appetite_level="open", retired=False,
        by=administrator, reason="Board's appetite",
    )  # fmt: skip
    actions.set_band_limits(
        organisation, low_up_to=4, medium_up_to=10, high_up_to=16, by=administrator,
        reason="Audit advice",
    )  # fmt: skip
    client.force_login(secretary)
    stale = {
        "category-edit": (
            {"category_pk": technology.pk},
            {"name": "Tech", "appetite": "averse", "reason": "Mine", "version": opened_category},
        ),
        "bands": (
            {},
            {"low_up_to": 5, "medium_up_to": 12, "high_up_to": 19, "reason": "Mine",
             "version": opened_settings},
        ),
        "tolerances": (
            {},
            {"averse": 3, "minimal": 6, "cautious": 10, "open": 15, "eager": 20,
             "reason": "Mine", "version": opened_tolerances},
        ),
    }  # fmt: skip
    for name, (kwargs, data) in stale.items():
        response = client.post(url(organisation, name, **kwargs), data)
        assert response.status_code == 200, name
        assert "since you opened it" in response.content.decode(), name
    technology.refresh_from_db()
    assert technology.appetite == "open"
    assert RiskSettings.objects.get(organisation=organisation).band_limits == (4, 10, 16, 25)
    assert "Mine" not in set(AppetiteLevel.history.values_list("history_change_reason", flat=True))


def test_a_category_no_risk_was_ever_in_is_removed_and_kept_in_the_history(
    client, organisation, secretary
):
    client.force_login(secretary)
    client.post(
        url(organisation, "category-create"),
        {"name": "Climte", "appetite": "minimal", "reason": "New corporate risk policy"},
    )
    typo = RiskCategory.objects.get(organisation=organisation, name="Climte")
    settings_page = client.get(url(organisation, "settings")).content.decode()
    assert url(organisation, "category-remove", category_pk=typo.pk) in settings_page
    path = url(organisation, "category-remove", category_pk=typo.pk)

    refused = client.post(path, {"reason": "", "version": typo.version})
    response = client.post(path, {"reason": "Added with a typing error", "version": typo.version})

    assert refused.context["form"].errors["reason"] == ["Enter why the category is removed."]
    assert response.status_code == 302, response.context["form"].errors
    assert not RiskCategory.objects.filter(pk=typo.pk).exists()
    removed = RiskCategory.history.filter(id=typo.pk).first()
    assert (removed.history_type, removed.history_user, removed.history_change_reason) == (
        "-",
        secretary,
        "Category removed: Added with a typing error",
    )


def test_a_category_a_risk_is_or_was_in_is_not_removed(
    client, organisation, secretary, risk, technology
):
    security = RiskCategory.objects.get(organisation=organisation, name="Security")
    risk.category = security
    actions.change_risk(risk, by=secretary, reason="Recategorised")
    client.force_login(secretary)
    settings_page = client.get(url(organisation, "settings")).content.decode()

    for category in (technology, security):
        path = url(organisation, "category-remove", category_pk=category.pk)
        assert path not in settings_page
        response = client.post(path, {"reason": "Tidying", "version": category.version})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            f"A risk is or was in {category.name}, so it is not removed: retire it instead."
        ]
        assert RiskCategory.objects.filter(pk=category.pk).exists()


def test_settings_pages_changed_apart_at_the_same_moment_are_both_saved(
    client, organisation, secretary, administrator
):
    """The bands, the tolerances and each axis of the scale have their own versions: a change
    to one refuses no page of another opened before it."""
    client.force_login(secretary)
    opened = {
        name: client.get(url(organisation, name)).context["form"]["version"].value()
        for name in ("tolerances", "scale-likelihood")
    }
    actions.set_band_limits(
        organisation, low_up_to=4, medium_up_to=10, high_up_to=16, by=administrator,
        reason="Audit advice",
    )  # fmt: skip
    wording = client.get(url(organisation, "scale-likelihood")).context["form"].initial

    tolerances = client.post(
        url(organisation, "tolerances"),
        {"averse": 3, "minimal": 6, "cautious": 10, "open": 15, "eager": 20,
         "reason": "Mine", "version": opened["tolerances"]},
    )  # fmt: skip
    scale = client.post(
        url(organisation, "scale-likelihood"),
        {**wording, "name_1": "Very rare", "reason": "Mine", "version": opened["scale-likelihood"]},
    )

    assert (tolerances.status_code, scale.status_code) == (302, 302)
    assert AppetiteLevel.objects.get(organisation=organisation, level="averse").tolerance == 3
    assert (
        ScaleDescriptor.objects.get(organisation=organisation, axis="likelihood", level=1).name
        == "Very rare"
    )
    assert RiskSettings.objects.get(organisation=organisation).band_limits == (4, 10, 16, 25)
