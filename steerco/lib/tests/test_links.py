from django.urls import reverse

from steerco.lib.links import Address


def test_an_address_reversed_once_is_the_one_reverse_gives_for_each_row():
    kpi = Address("strategy:kpi", "kpi_pk", org="northby")
    add = Address("strategy:plan-action-add", "objective_pk", org="northby", strategy_pk=7)

    for pk in (1, 7, 2147483646):
        assert kpi.of(pk) == reverse("strategy:kpi", kwargs={"org": "northby", "kpi_pk": pk})
        assert add.of(pk) == reverse(
            "strategy:plan-action-add",
            kwargs={"org": "northby", "strategy_pk": 7, "objective_pk": pk},
        )
