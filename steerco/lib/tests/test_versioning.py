import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction

from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version, guarded_fields
from steerco.meetings import actions
from steerco.meetings.forms.record import MinutesForm
from steerco.meetings.models import AgendaItem, MeetingTemplate
from steerco.meetings.queries import template_for

FIVE_PAST_TWO = datetime(2026, 3, 3, 14, 5, tzinfo=ZoneInfo("Europe/London"))


def test_of_two_saves_of_the_same_version_only_the_first_wins(steering_group, administrator):
    template = actions.save_template(template_for(steering_group), by=administrator)
    first, second = (MeetingTemplate.objects.get(pk=template.pk) for _ in range(2))
    with time_machine.travel(FIVE_PAST_TWO, tick=False), transaction.atomic():
        claim_version(first, 1)
        first.location = "Committee Room 1"
        save_with_history(first, by=administrator, reason="Meeting template changed")

    second.location = "Council Chamber"
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        claim_version(second, 1)

    assert refused.value.messages == [
        "This was changed by Ada Ahmed at 14:05 on 3 March 2026 since you opened it.",
        "Current location: Committee Room 1",
    ]
    assert list(MeetingTemplate.objects.values_list("version", "location")) == [
        (2, "Committee Room 1")
    ]
    assert template.history.count() == 2


def test_a_separate_version_guards_only_its_own_fields():
    assert guarded_fields(AgendaItem, "minutes_version") == ["minutes_text", "minutes"]
    assert "minutes" not in guarded_fields(AgendaItem)
    assert "title" in guarded_fields(AgendaItem)


def test_a_form_opened_on_a_record_carries_its_version():
    item = AgendaItem(pk=7, minutes_version=3)
    assert MinutesForm(versioned=item)["version"].value() == 3
    assert "version" not in MinutesForm().fields
    posted = MinutesForm({"text": "Agreed."}, versioned=item)
    assert posted.errors == {
        "version": ["This page is out of date: open it again to make your change."]
    }


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_cannot_both_win(steering_group, administrator, secretary):
    template = actions.save_template(template_for(steering_group), by=administrator)
    opened, claimed = threading.Barrier(2), threading.Event()
    outcome = {}

    def save(person, location):
        first = person == administrator
        try:
            loaded = MeetingTemplate.objects.get(pk=template.pk)
            opened.wait(timeout=5)
            if not first:
                claimed.wait(timeout=5)
            with transaction.atomic():
                claim_version(loaded, 1)
                if first:
                    claimed.set()
                    # Holds the row while the other save tries for the same version.
                    time.sleep(0.5)
                loaded.location = location
                save_with_history(loaded, by=person, reason="Meeting template changed")
            outcome[person.username] = "saved"
        except (ValidationError, OperationalError) as error:
            outcome[person.username] = type(error).__name__
        finally:
            claimed.set()
            connection.close()

    threads = [
        threading.Thread(target=save, args=(administrator, "Committee Room 1")),
        threading.Thread(target=save, args=(secretary, "Council Chamber")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # PostgreSQL makes the second UPDATE wait for the first to commit, then finds the version
    # taken. The in-memory SQLite of the tests refuses a second writer outright; a SQLite file
    # would wait as PostgreSQL does.
    refusal = "ValidationError" if connection.vendor == "postgresql" else "OperationalError"
    assert outcome == {"administrator": "saved", "secretary": refusal}
    assert list(MeetingTemplate.objects.values_list("version", "location")) == [
        (2, "Committee Room 1")
    ]
