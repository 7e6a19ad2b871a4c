import io
import json

import pytest
from django.core.management import CommandError, call_command

from steerco.planning.tests.test_optimiser import base


def run(tmp_path, data, *args):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    out = io.StringIO()
    call_command("optimise", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_answer_as_json(tmp_path):
    answer = run(tmp_path, base(), "--time-limit", "5")

    assert answer["status"] == "optimal"
    assert answer["value"] == 5
    assert answer["gap"] == 0.0
    assert answer["selected"] == [
        {"id": "B", "option": "Y", "start": 2028},
        {"id": "C", "option": "X", "start": 2026},
    ]
    assert answer["spend"] == {"capital": [50, 50, 60], "revenue": [0, 0, 0]}
    assert answer["checked"] is True
    assert answer["conflict"] == []


def test_it_explains_when_asked(tmp_path):
    data = base()
    data["exclusive"] = []
    answer = run(tmp_path, data, "--explain")

    [a] = answer["explanation"]["left_out"]
    assert a["increase"] == {"capital": [0, 30, 0], "revenue": [0, 0, 0]}
    assert len(answer["explanation"]["marginal"]) == 6


def test_an_infeasible_file_prints_the_conflict(tmp_path):
    data = base()
    data["candidates"][0]["mandatory"] = True
    answer = run(tmp_path, data)

    assert answer["status"] == "infeasible"
    assert [c["constraint"] for c in answer["conflict"]] == ["mandatory", "mandatory", "exclusive"]


def test_a_refused_file_names_the_field(tmp_path):
    data = base()
    data["budgets"]["capital"][0] = -1

    with pytest.raises(CommandError) as refused:
        run(tmp_path, data)

    assert str(refused.value) == (
        "The planning file is refused: budgets.capital[0]: cannot be negative."
    )


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("optimise", str(tmp_path / "nothing.json"))

    assert str(refused.value) == "The file cannot be read: No such file or directory."
