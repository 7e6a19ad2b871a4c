"""The portfolio's part of the strategy's action plan: the projects that deliver each
objective (see steerco/strategy/delivery.py)."""

from steerco.portfolio.models import Project
from steerco.strategy.delivery import Delivering, register_delivery


def delivering(objective_ids):
    links = (
        Project.objectives.through.objects.filter(corporateobjective_id__in=objective_ids)
        .select_related("project__organisation")
        .order_by("project__reference", "project_id")
    )
    found = {}
    for link in links:
        project = link.project
        found.setdefault(link.corporateobjective_id, []).append(
            Delivering(
                reference=project.reference,
                name=project.name,
                url=project.get_absolute_url(),
                stage=project.stage,
                stage_label=project.get_stage_display(),
            )
        )
    return found


def register():
    register_delivery("portfolio", delivering)
