"""The documents' part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py): every
pack of the scenario's meetings, built as the task worker builds them once every paper is in
place, so the walk downloads each as every persona."""

from steerco.documents import actions
from steerco.documents.models import Pack


def documents_scenario(meetings):
    packs = [pack for meeting in meetings for pack in actions.build_packs(meeting)]
    assert {pack.state for pack in packs} == {Pack.State.READY}
    return {"packs": packs}
