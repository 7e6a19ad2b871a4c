import copy
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings

from steerco.planning.rules.problem import PlanningFileError, dumps, from_dict, parse, to_dict
from steerco.planning.tests.instances import problem_data

FILE = {
    "years": [2026, 2027, 2028],
    "budgets": {"capital": [1000, 1000, 1000], "revenue": [500.5, 500, 500]},
    "capital_carry_forward": False,
    "resources": {"developers": [4, 4, 4]},
    "candidates": [
        {
            "id": "P-001",
            "name": "Customer portal",
            "theme": "Digital",
            "mandatory": False,
            "committed": True,
            "committed_option": "A",
            "committed_start": 2026,
            "earliest_start": 2026,
            "latest_start": 2027,
            "above_appetite": False,
            "requires": ["P-002"],
            "options": [
                {
                    "id": "A",
                    "value": 12.5,
                    "capital": [100, 50],
                    "revenue": [10.25, 10],
                    "use": {"developers": [2, 1]},
                }
            ],
        },
        {
            "id": "P-002",
            "earliest_start": 2026,
            "latest_start": 2026,
            "options": [{"id": "A", "value": 1}],
        },
        {
            "id": "P-003",
            "earliest_start": 2026,
            "latest_start": 2026,
            "options": [{"id": "A", "value": 1}],
        },
    ],
    "exclusive": [["P-002", "P-003"]],
    "theme_spend": {"Digital": {"min": None, "max": 500000}},
    "max_above_appetite": 1,
}


def test_a_planning_file_is_read_with_its_money_as_decimal():
    problem = parse(json.dumps(FILE))

    assert problem.years == (2026, 2027, 2028)
    assert problem.revenue == (Decimal("500.5"), Decimal(500), Decimal(500))
    portal = problem.candidate("P-001")
    assert portal.committed_option == "A"
    assert portal.options[0].value == Decimal("12.5")
    assert portal.options[0].revenue == (Decimal("10.25"), Decimal(10))
    assert portal.options[0].used("developers") == (Decimal(2), Decimal(1))
    assert portal.choices() == [(portal.options[0], 2026)]
    assert problem.exclusive == (("P-002", "P-003"),)
    assert dict(problem.theme_spend)["Digital"].max == Decimal(500000)
    assert problem.max_above_appetite == 1


def test_the_optional_parts_may_be_left_out():
    problem = parse(
        '{"years": [2026], "budgets": {"capital": [0], "revenue": [0]}, "candidates": []}'
    )

    assert problem.capital_carry_forward is False
    assert problem.resources == ()
    assert problem.max_above_appetite is None


@settings(max_examples=40, deadline=None)
@given(problem_data())
def test_a_problem_written_out_reads_back_the_same(data):
    problem = from_dict(data)

    assert parse(dumps(to_dict(problem))) == problem


def changed(path, value):
    data = copy.deepcopy(FILE)
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return json.dumps(data)


DELETE = object()

REFUSALS = [
    (("budgets", "capital", 1), -1, "budgets.capital[1]: cannot be negative."),
    (
        ("budgets", "revenue"),
        [1, 2],
        "budgets.revenue: must give one amount per year: 3 years, 2 amounts.",
    ),
    (("budgets", "capital"), DELETE, "budgets.capital: is missing."),
    (("budgets", "capital", 0), "lots", "budgets.capital[0]: must be a number."),
    (("budgets", "capital", 0), True, "budgets.capital[0]: must be a number."),
    (
        ("years",),
        [2026, 2028, 2029],
        "years[1]: the years must be consecutive: 2028 does not follow 2026.",
    ),
    (("years",), [], "years: must be a list of one or more years."),
    (("years",), [2026, "2027", 2028], "years[1]: must be a whole number."),
    (
        ("candidates", 0, "latest_start"),
        2025,
        "candidates[0].latest_start: the start window ends (2025) before it starts (2026).",
    ),
    (
        ("candidates", 0, "earliest_start"),
        2025,
        "candidates[0].earliest_start: 2025 is not one of the years 2026–2028.",
    ),
    (
        ("candidates", 0, "latest_start"),
        2029,
        "candidates[0].latest_start: 2029 is not one of the years 2026–2028.",
    ),
    (
        ("candidates", 0, "requires"),
        ["P-009"],
        "candidates[0].requires[0]: P-009 is not the id of a candidate.",
    ),
    (
        ("candidates", 0, "requires"),
        ["P-001"],
        "candidates[0].requires[0]: P-001 cannot require itself.",
    ),
    (("exclusive",), [["P-002", "P-404"]], "exclusive[0][1]: P-404 is not the id of a candidate."),
    (("exclusive",), [["P-002"]], "exclusive[0]: must be a list of two or more ids."),
    (
        ("exclusive",),
        [["P-002", "P-002"]],
        "exclusive[0][1]: P-002 is named twice in the group.",
    ),
    (
        ("candidates", 1, "id"),
        "P-001",
        "candidates[1].id: P-001 is the id of an earlier candidate.",
    ),
    (("candidates", 1, "id"), " ", "candidates[1].id: must be some text."),
    (
        ("candidates", 1, "options"),
        [],
        "candidates[1].options: must be a list of one or more options.",
    ),
    (
        ("candidates", 0, "options", 0, "capital", 0),
        -100,
        "candidates[0].options[0].capital[0]: cannot be negative.",
    ),
    (
        ("candidates", 0, "options", 0, "use"),
        {"testers": [1]},
        "candidates[0].options[0].use.testers: testers is not one of the resources.",
    ),
    (
        ("candidates", 0, "committed_option"),
        "Z",
        "candidates[0].committed_option: a committed candidate must name one of its options as "
        "its committed option.",
    ),
    (
        ("candidates", 0, "committed_start"),
        2028,
        "candidates[0].committed_start: 2028 is outside the start window 2026–2027.",
    ),
    (
        ("candidates", 0, "committed"),
        False,
        "candidates[0].committed_option: is only for a committed candidate.",
    ),
    (("candidates", 0, "mandatory"), "yes", "candidates[0].mandatory: must be true or false."),
    (
        ("candidates", 0, "colour"),
        "red",
        "candidates[0].colour: is not a field of the planning file.",
    ),
    (("capital_carry_forward",), 1, "capital_carry_forward: must be true or false."),
    (
        ("theme_spend", "Digital"),
        {"min": 10, "max": 5},
        "theme_spend.Digital.max: the maximum (5) is below the minimum (10).",
    ),
    (("theme_spend", "Digital", "min"), -5, "theme_spend.Digital.min: cannot be negative."),
    (
        ("max_above_appetite",),
        -1,
        "max_above_appetite: must be empty or a whole number, 0 or more.",
    ),
    (
        ("resources", "developers"),
        [1, 1],
        "resources.developers: must give one amount per year: 3 years, 2 amounts.",
    ),
    (("budget",), {}, "budget: is not a field of the planning file."),
    (("candidates",), {}, "candidates: must be a list of candidates."),
]


@pytest.mark.parametrize(("path", "value", "message"), REFUSALS)
def test_a_wrong_field_is_refused_by_name(path, value, message):
    with pytest.raises(PlanningFileError) as refused:
        parse(changed(path, value))

    assert str(refused.value) == message
    assert refused.value.field == message.split(":")[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{",
            "file: the file is not valid JSON (line 1): "
            "Expecting property name enclosed in double quotes.",
        ),
        ("[]", "file: must be a JSON object."),
        (
            '{"years": [2026], "budgets": {"capital": [NaN], "revenue": [0]}, "candidates": []}',
            "file: the file is not valid JSON: NaN is not a number.",
        ),
        ('{"budgets": {}, "candidates": []}', "years: is missing."),
    ],
)
def test_a_malformed_file_is_refused(text, message):
    with pytest.raises(PlanningFileError) as refused:
        parse(text)

    assert str(refused.value) == message


def test_pence_are_written_as_the_numbers_they_are():
    assert dumps({"a": [Decimal("10.25"), Decimal(3), Decimal("0.1")]}) == '{"a": [10.25, 3, 0.1]}'
