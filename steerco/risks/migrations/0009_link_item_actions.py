"""The actions recorded before this at the item where a risk was escalated (or at a copy of it
carried to a later meeting) arose from the risk too: they are linked to it as
`actions.action_added` now links them as they are recorded, so that a restricted risk's
restriction applies to them. Each link is in the history with why."""

from django.db import migrations
from django.utils import timezone

REASON = "Arose at the item where the risk was escalated (linked by migration)"


def link_item_actions(apps, schema_editor):
    Escalation = apps.get_model("risks", "Escalation")
    RiskAction = apps.get_model("risks", "RiskAction")
    HistoricalRiskAction = apps.get_model("risks", "HistoricalRiskAction")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    Action = apps.get_model("meetings", "Action")
    now = timezone.now()
    for escalation in Escalation.objects.exclude(item=None).order_by("pk"):
        items = {escalation.item_id}
        newest = {escalation.item_id}
        while newest:  # the copies carried on from it, and theirs
            newest = set(
                AgendaItem.objects.filter(carried_from_id__in=newest)
                .exclude(pk__in=items)
                .values_list("pk", flat=True)
            )
            items |= newest
        # `all_objects` where the model has it: voided actions arose there too.
        actions = Action._base_manager.filter(item_id__in=items, risk_link__isnull=True)
        for action_id in actions.order_by("pk").values_list("pk", flat=True):
            link = RiskAction.objects.create(risk_id=escalation.risk_id, action_id=action_id)
            HistoricalRiskAction.objects.create(
                id=link.pk,
                risk_id=link.risk_id,
                action_id=action_id,
                history_date=now,
                history_type="+",
                history_change_reason=REASON,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("risks", "0008_register_file"),
        ("meetings", "0009_meeting_end_time"),
    ]

    operations = [migrations.RunPython(link_item_actions, migrations.RunPython.noop)]
