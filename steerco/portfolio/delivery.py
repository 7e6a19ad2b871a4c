"""The portfolio's part of the strategy's action plan: the projects that deliver each
objective (see steerco/strategy/delivery.py)."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from steerco.portfolio.models import Project
from steerco.strategy.delivery import Delivering, register_delivery


def delivering(objective_ids, first=None):
    """Read as plain rows, with one URL lookup per council rather than one per project: a
    strategy delivered by a thousand projects costs one quick query. `first`: only so many of
    each objective's projects, in order of reference (the strategy page's)."""
    order = [F("project__reference").asc(), F("project_id").asc()]
    links = Project.objectives.through.objects.filter(corporateobjective_id__in=objective_ids)
    if first is not None:
        links = links.annotate(
            row=Window(RowNumber(), partition_by=F("corporateobjective_id"), order_by=order)
        ).filter(row__lte=first)
    links = links.order_by(*order).values_list(
        "corporateobjective_id",
        "project_id",
        "project__reference",
        "project__name",
        "project__stage",
        "project__organisation__slug",
    )
    stages = dict(Project.Stage.choices)
    addresses = {}
    found = {}
    for objective_id, project_id, reference, name, stage, slug in links:
        if slug not in addresses:
            address = reverse("portfolio:project", kwargs={"org": slug, "project_pk": 0})
            addresses[slug] = address.removesuffix("/0/")
        found.setdefault(objective_id, []).append(
            Delivering(
                reference=reference,
                name=name,
                url=f"{addresses[slug]}/{project_id}/",
                stage=stage,
                stage_label=stages.get(stage, stage),
            )
        )
    return found


def stages(objective_ids):
    """The stages alone, for the progress (the annual report, the chair's dashboard)."""
    found = {}
    for objective_id, stage in Project.objectives.through.objects.filter(
        corporateobjective_id__in=objective_ids
    ).values_list("corporateobjective_id", "project__stage"):
        found.setdefault(objective_id, []).append(stage)
    return found


def register():
    register_delivery("portfolio", delivering, stages)
