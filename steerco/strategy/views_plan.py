"""The strategy's action plan: its milestones, with their history of changes."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.strategy import actions
from steerco.strategy.access import (
    get_milestone_for,
    get_objective_for,
    require_milestone_manager,
)
from steerco.strategy.forms import MilestoneChangeForm, MilestoneForm


@require_http_methods(["GET", "POST"])
def milestone_add(request, strategy_pk, objective_pk):
    objective = get_objective_for(request, strategy_pk, objective_pk)
    require_milestone_manager(request)
    strategy = objective.strategy
    form = MilestoneForm(posted(request))
    if form.is_valid() and (
        saved := run_action(
            form, actions.add_milestone, objective=objective, by=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, f"Milestone \u201c{saved.title}\u201d added to the plan.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title="Add a milestone to the plan",
        caption=objective.title,
        submit_label="Add the milestone",
        back_url=strategy.get_absolute_url(),
    )


@require_GET
def milestone_detail(request, milestone_pk):
    milestone = get_milestone_for(request, milestone_pk)
    trail = list(
        milestone.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    return render(
        request,
        "strategy/plan/milestone_detail.html",
        {
            "milestone": milestone,
            "strategy": milestone.objective.strategy,
            "trail": trail,
            "is_overdue": milestone.is_overdue(today()),
            "can_manage": permissions.can_manage_milestones(
                request.user, request.organisation, today()
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def milestone_change(request, milestone_pk):
    milestone = get_milestone_for(request, milestone_pk, manage=True)
    form = MilestoneChangeForm(posted(request), milestone=milestone)
    if form.is_valid() and run_action(
        form,
        actions.change_milestone,
        milestone=milestone,
        by=request.user,
        **form.cleaned_data,
    ):
        messages.success(request, f"Milestone \u201c{milestone.title}\u201d updated.")
        return redirect(milestone)
    return form_page(
        request,
        form,
        title="Change a milestone",
        caption=milestone.objective.title,
        submit_label="Save",
        back_url=milestone.get_absolute_url(),
    )
