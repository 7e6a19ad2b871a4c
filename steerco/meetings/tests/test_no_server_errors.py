"""Bad input gets a clear answer, never a server error: every address of the application is
sent an empty form, a form of nonsense, and a GET, by the secretary who may use them all."""

import pytest

from steerco.meetings.tests.test_leaks import application_routes, fillings, scenario  # noqa: F401

NONSENSE = {
    "title": "x" * 5000,
    "on_0": "31",
    "on_1": "2",
    "on_2": "20x1",
    "starts_at": "25:99",
    "months": "-4",
    "status": "maybe",
    "person": "not-a-number",
    "outcome": "won",
    "votes_for": "-1",
    "position": "0",
    "to": "999999",
    "what": "everything",
    "to_bodies": ["abc"],
    "due_on_0": "0",
    "page": "9999",
    "from_0": "99",
    "username": "x" * 60_000,
}
# Numbers that are not ids: `²` passes str.isdigit() but not int(); twenty digits overflow a
# 64-bit column. With the other fields valid, so that the terms of reference reach the
# version-number rule.
TOO_BIG = "9" * 20
NOT_NUMBERS = {
    "person": "²",
    "version": "1.²",
    "issued_on_0": "1",
    "issued_on_1": "4",
    "issued_on_2": "2026",
    "author": "Sam Shah",
    "summary_of_change": "Changed",
    "purpose": "To direct",
    "objectives": "Oversee",
    "to": TOO_BIG,
    "to_bodies": [TOO_BIG],
    "usual_attendees": [TOO_BIG],
    "readers": [TOO_BIG],
    "owner": TOO_BIG,
    "chair_agreed_by": TOO_BIG,
    "referred_to": TOO_BIG,
    "confirmed_by": TOO_BIG,
    "from_body": TOO_BIG,
    "to_body": TOO_BIG,
}


@pytest.mark.walk
@pytest.mark.parametrize("data", [{}, NONSENSE, NOT_NUMBERS], ids=["empty", "nonsense", "not-ids"])
def test_no_address_gives_a_server_error(client, scenario, data):  # noqa: F811
    client.raise_request_exception = False
    client.force_login(scenario["people"]["secretary"])
    errors = []
    for route in application_routes():
        for path in fillings(route, scenario):
            for response in (client.get(path, data), client.post(path, data)):
                if response.status_code >= 500:
                    errors.append(f"{response.request['REQUEST_METHOD']} {path}")
    assert errors == []
