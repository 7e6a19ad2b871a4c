from steerco.governance.models import Body
from steerco.lib.history import REASON_LENGTH, delete_with_history, save_with_history


def test_a_reason_longer_than_the_historys_column_is_kept_cut_and_marked(
    organisation, steering_group, secretary
):
    """PostgreSQL refuses a reason longer than simple-history's column; every app's reasons
    (a form allows 300 characters) go through here."""
    steering_group.name = "Digital Board"
    save_with_history(steering_group, by=secretary, reason="Renamed: " + "why " * 75)
    kept = steering_group.history.first().history_change_reason
    assert (len(kept), kept[-1]) == (REASON_LENGTH, "…")
    assert kept.startswith("Renamed: why why")

    exact = "x" * REASON_LENGTH
    save_with_history(steering_group, by=secretary, reason=exact)
    assert steering_group.history.first().history_change_reason == exact

    other = Body.objects.create(organisation=organisation, name="Short-lived", short_name="SL")
    pk = other.pk
    delete_with_history(other, by=secretary, reason="Set up by mistake: " + "no " * 60)
    assert len(Body.history.filter(id=pk).first().history_change_reason) == REASON_LENGTH
