"""What each benefit has realised is kept on it by the actions that record and correct
realisations, and the portfolio's benefit totals and overdue benefits are read from it by the
database (`realisation.portfolio_totals`, `realisation.overdue_benefits`); these tests prove
they say what the rules in `rules/benefits.py` say of the same records."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steerco.lib.dates import today
from steerco.portfolio import actions
from steerco.portfolio.models import Benefit, BenefitRealisation
from steerco.portfolio.realisation import (
    overdue_benefits,
    overdue_lines,
    portfolio_totals,
    project_rows,
    store_realised,
)
from steerco.portfolio.rules import benefits as rules

# Whole pence, with the awkward ones (0.10 + 0.70 is a hair short of 0.80 in floating point).
pounds = st.one_of(
    st.sampled_from([Decimal("0.10"), Decimal("0.20"), Decimal("0.70"), Decimal("0.80")]),
    st.integers(0, 10**9).map(lambda pence: Decimal(pence) / 100),
)
entries = st.lists(
    st.tuples(
        st.integers(0, 400),  # days ago
        st.one_of(st.none(), pounds),
        st.one_of(st.none(), st.integers(0, 5)),  # corrects the nth earlier entry, if current
    ),
    max_size=5,
)
benefits = st.lists(
    st.tuples(
        st.sampled_from([rules.CASHABLE, rules.NON_CASHABLE, rules.QUALITATIVE]),
        pounds,
        st.one_of(st.none(), st.integers(-400, 400)),  # target date, days from today
        entries,
    ),
    max_size=6,
)


def _record(project, planned, by):
    """The benefits in the database, added and their entries recorded and corrected through the
    actions (which keep what each has realised), and each with its pure `Planned` and
    `Entry`s."""
    day = today()
    made = []
    for kind, target_value, target_in, history in planned:
        benefit = actions.add_benefit(
            project,
            description=f"Benefit {len(made)}",
            kind=kind,
            target_value=None if kind == rules.QUALITATIVE else target_value,
            target_on=None if target_in is None else day + timedelta(days=target_in),
            by=by,
        )
        rows = []
        for days_ago, value, corrects in history:
            earlier = rows[corrects] if corrects is not None and corrects < len(rows) else None
            if earlier is not None and BenefitRealisation.objects.filter(corrects=earlier).exists():
                earlier = None  # only a current entry is corrected
            entry = {"on": day - timedelta(days=days_ago), "value": value, "evidence": "Recorded."}
            if earlier is None:
                rows.append(actions.record_realisation(benefit, by=by, **entry))
            else:
                rows.append(
                    actions.correct_realisation(earlier, reason="A mistake.", by=by, **entry)
                )
        pure = [rules.Entry(row.pk, row.on, row.value, row.corrects_id) for row in rows]
        made.append(
            (benefit, rules.Planned(benefit.kind, benefit.target_value, benefit.target_on), pure)
        )
    return made


def _stored_as_the_rules_say(made):
    stored = Benefit.objects.in_bulk([benefit.pk for benefit, _, _ in made])
    for benefit, planned, pure in made:
        kept = stored[benefit.pk]
        assert kept.realised_value == rules.realised_value(pure)
        assert kept.is_realised == rules.is_realised(planned, pure)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(benefits)
def test_the_database_judges_the_benefits_as_the_rules_do(organisation, project, officer, planned):
    with transaction.atomic():
        made = _record(project, planned, officer)
        day = today()

        # What each benefit has realised, kept by the actions after every entry and correction.
        _stored_as_the_rules_say(made)
        assert portfolio_totals(organisation) == rules.totals(
            (planned, pure) for _, planned, pure in made
        )
        overdue = overdue_lines(list(overdue_benefits(organisation, day)))
        expected = [
            (benefit.pk, rules.realised_value(pure) if benefit.kind in rules.VALUED else None)
            for benefit, planned, pure in sorted(
                made, key=lambda made: (made[0].target_on or day, made[0].pk)
            )
            if rules.is_overdue(planned, pure, day)
        ]
        assert [(line.pk, line.realised) for line in overdue] == expected
        # The project's row of the "By project" table, from the same kept figures.
        both = sum(rules.totals((p, e) for _, p, e in made).values(), rules.Totals())
        rows = project_rows(organisation, [project.pk], day)
        assert [(row.benefits, row.planned, row.realised, row.overdue) for row in rows] == [
            (len(made), both.planned, both.realised, len(expected))
        ]

        # What the migration does for the benefits it finds: the same, worked out afresh.
        Benefit.objects.update(realised_value=0, is_realised=False)
        store_realised(Benefit.objects.all())
        _stored_as_the_rules_say(made)
        transaction.set_rollback(True)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_an_amount_is_written_as_floatformat_writes_it(value):
    from django.template.defaultfilters import floatformat
    from django.utils import translation

    from steerco.portfolio.templatetags.money import amount

    with translation.override("en-gb"):
        assert amount(value) == floatformat(value, "-2g")


def test_the_overdue_benefits_are_found_through_their_index(organisation, project, officer):
    """Counted and listed from `benefit_overdue_idx` (not realised, target date), not by
    walking every benefit of the council's projects."""
    if connection.vendor != "sqlite":
        pytest.skip("the plan of a table of a few rows on PostgreSQL is a sequential scan")
    actions.add_benefit(
        project,
        description="Fewer licences",
        kind=rules.CASHABLE,
        target_value=Decimal(100),
        target_on=today() - timedelta(days=1),
        by=officer,
    )
    overdue = overdue_benefits(organisation, today())
    with CaptureQueriesContext(connection) as captured:
        assert overdue.count() == 1
        assert len(list(overdue[:10])) == 1
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "USING INDEX benefit_overdue_idx" in plan
