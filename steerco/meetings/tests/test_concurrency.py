"""Two people changing one agenda at the same moment, on PostgreSQL (the in-memory SQLite of the
tests refuses a second writer outright)."""

import threading
import time

import pytest
from django.db import connection, transaction

from steerco.meetings import actions
from steerco.meetings.models import AgendaItem


@pytest.mark.django_db(transaction=True)
def test_minutes_written_while_the_agenda_is_reordered_are_kept(
    meeting, item, secretary, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time")
    first = meeting.items.order_by("position").first()
    claimed = threading.Event()
    real_claim = actions.claim_version

    def claim_then_pause(instance, *args, **kwargs):
        result = real_claim(instance, *args, **kwargs)
        if threading.current_thread().name == "minutes":
            claimed.set()
            time.sleep(0.5)  # the other change arrives while the minutes' save holds its rows
        return result

    monkeypatch.setattr(actions, "claim_version", claim_then_pause)
    outcome = {}

    def write_minutes():
        try:
            with transaction.atomic():
                loaded = AgendaItem.objects.select_related("meeting").get(pk=first.pk)
                actions.save_minutes(loaded, text="Noted.", by=secretary)
            outcome["minutes"] = "saved"
        except Exception as error:  # the outcome is the assertion
            outcome["minutes"] = type(error).__name__
        finally:
            claimed.set()
            connection.close()

    def move_second_up():
        try:
            claimed.wait(timeout=5)
            second = AgendaItem.objects.select_related("meeting").get(meeting=meeting, position=2)
            actions.move_item(second, direction="up", by=secretary)
            outcome["move"] = "saved"
        except Exception as error:
            outcome["move"] = type(error).__name__
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write_minutes, name="minutes"),
        threading.Thread(target=move_second_up, name="move"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Each waits for the meeting in turn: neither is refused as a deadlock, and the move, which
    # saves every item it renumbers, does not write back the minutes as they were before.
    assert outcome == {"minutes": "saved", "move": "saved"}
    first.refresh_from_db()
    assert (first.position, first.minutes_text) == (2, "Noted.")
