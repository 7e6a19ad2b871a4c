from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from steerco import permissions
from steerco.dashboard import queries
from steerco.lib.dates import today


@require_GET
def chairs_dashboard(request):
    """One page for the chair (and every person of the council): the strategy's progress, the
    KPIs, the portfolio's confidence, the top risks, the overdue actions and the steering
    group's next meeting, each linked to its detail. The controls are the reader's own. A
    council with more than one steering group chooses which the dashboard follows."""
    organisation = request.organisation
    user = request.user
    if not permissions.can_see_chairs_dashboard(user, organisation):
        raise Http404
    day = today()
    strategy, themes = queries.strategy_progress(organisation)
    confidence, not_assessed = queries.portfolio_confidence(organisation)
    groups, body = queries.steering_groups(organisation, request.GET.get("body"))
    overdue_count, overdue = queries.overdue_actions(request, body, day)
    reviews_count, reviews = queries.reviews_due(organisation, day)
    return render(
        request,
        "dashboard/chairs_dashboard.html",
        {
            "today": day,
            "strategy": strategy,
            "themes": themes,
            "kpis": queries.kpi_summary(organisation),
            "confidence": confidence,
            "not_assessed": not_assessed,
            "risks": queries.top_risks(request),
            "body": body,
            "other_groups": [group for group in groups if group != body],
            "overdue_count": overdue_count,
            "overdue": overdue,
            "reviews_count": reviews_count,
            "reviews": reviews,
            "next": queries.next_meeting(body, day),
            "can_manage_strategy": permissions.can_manage_strategy(user, organisation, day),
            "can_manage_kpis": permissions.can_manage_kpis(user, organisation, day),
            "runs_meetings": permissions.runs_meetings(user, organisation, day),
        },
    )
