from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.strategy import actions
from steerco.strategy.access import get_strategy_for, require_strategy_manager
from steerco.strategy.forms import (
    ApproveForm,
    MakeCurrentForm,
    ObjectiveForm,
    PrincipleForm,
    StrategyForm,
    ThemeForm,
)
from steerco.strategy.models import CorporateObjective, Strategy, Theme


def _can_manage(request):
    return permissions.can_manage_strategy(request.user, request.organisation, today())


@require_GET
def strategy_list(request):
    strategies = Strategy.objects.filter(organisation=request.organisation).for_listing()
    return render(
        request,
        "strategy/strategy_list.html",
        {"strategies": strategies, "can_manage": _can_manage(request)},
    )


@require_GET
def strategy_detail(request, strategy_pk):
    strategy = get_strategy_for(request, strategy_pk)
    objectives = CorporateObjective.objects.filter(strategy=strategy).order_by("position", "pk")
    themes = list(
        Theme.objects.filter(strategy=strategy)
        .order_by("position", "name")
        .prefetch_related(Prefetch("objectives", queryset=objectives))
    )
    return render(
        request,
        "strategy/strategy_detail.html",
        {
            "strategy": strategy,
            "themes": themes,
            "unthemed": list(objectives.filter(theme__isnull=True)),
            "principles": list(strategy.principles.all()),
            "drivers": list(strategy.drivers.all()),
            "can_manage": _can_manage(request),
        },
    )


@require_http_methods(["GET", "POST"])
def strategy_form(request, strategy_pk=None):
    organisation = request.organisation
    strategy = get_strategy_for(request, strategy_pk, manage=True) if strategy_pk else None
    require_strategy_manager(request)
    form = StrategyForm(posted(request), instance=strategy, organisation=organisation)
    if form.is_valid() and run_action(
        form,
        actions.save_strategy,
        strategy=form.instance,
        drivers=list(form.cleaned_data["drivers"]),
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"{form.instance.title} {'updated' if strategy else 'added'}.")
        return redirect(form.instance)
    return form_page(
        request,
        form,
        title=f"Change {strategy.title}" if strategy else "Add a strategy",
        submit_label="Save" if strategy else "Add the strategy",
        back_url=strategy.get_absolute_url()
        if strategy
        else reverse("strategy:strategies", kwargs={"org": organisation.slug}),
    )


def _part_form(request, strategy_pk, form_class, action, *, title, submit_label, done, extra):
    """A page adding one part of a strategy (a theme, an objective, a principle)."""
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    form = form_class(posted(request), **extra(strategy))
    if form.is_valid() and run_action(
        form, action, strategy=strategy, by=request.user, **form.cleaned_data
    ):
        messages.success(request, done)
        return redirect(strategy)
    return form_page(
        request,
        form,
        title=title,
        caption=strategy.title,
        submit_label=submit_label,
        back_url=strategy.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def theme_add(request, strategy_pk):
    return _part_form(
        request,
        strategy_pk,
        ThemeForm,
        actions.add_theme,
        title="Add a theme",
        submit_label="Add the theme",
        done="Theme added.",
        extra=lambda strategy: {},
    )


@require_http_methods(["GET", "POST"])
def objective_add(request, strategy_pk):
    return _part_form(
        request,
        strategy_pk,
        ObjectiveForm,
        actions.add_objective,
        title="Add an objective",
        submit_label="Add the objective",
        done="Objective added.",
        extra=lambda strategy: {"strategy": strategy},
    )


@require_http_methods(["GET", "POST"])
def principle_add(request, strategy_pk):
    return _part_form(
        request,
        strategy_pk,
        PrincipleForm,
        actions.add_principle,
        title="Add an underpinning principle",
        submit_label="Add the principle",
        done="Principle added.",
        extra=lambda strategy: {},
    )


@require_http_methods(["GET", "POST"])
def strategy_approve(request, strategy_pk):
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    form = ApproveForm(posted(request), versioned=strategy, organisation=request.organisation)
    if form.is_valid() and run_action(
        form,
        actions.approve_strategy,
        strategy=strategy,
        decision=form.cleaned_data["decision"],
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"{strategy.title} recorded as approved.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title="Record the decision that approved the strategy",
        caption=strategy.title,
        submit_label="Record the approval",
        back_url=strategy.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def strategy_make_current(request, strategy_pk):
    strategy = get_strategy_for(request, strategy_pk, manage=True)
    current = (
        Strategy.objects.filter(organisation=request.organisation, is_current=True)
        .exclude(pk=strategy.pk)
        .first()
    )
    form = MakeCurrentForm(posted(request), versioned=strategy, current=current)
    if form.is_valid() and run_action(
        form,
        actions.make_current,
        strategy=strategy,
        replaces=current if form.cleaned_data.get("replaces") else None,
        version=form.cleaned_data.get("version"),
        by=request.user,
    ):
        messages.success(request, f"{strategy.title} is now the current strategy.")
        return redirect(strategy)
    return form_page(
        request,
        form,
        title="Make this the current strategy",
        caption=strategy.title,
        intro=(
            f"{current} is the current strategy. It stays readable as an earlier strategy."
            if current
            else "The council has no current strategy."
        ),
        submit_label="Make it the current strategy",
        back_url=strategy.get_absolute_url(),
    )
