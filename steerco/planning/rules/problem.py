"""The planning file: an investment planning problem as JSON (issue 11, §7).

    problem = {
      "years": [2026, 2027, ...],          # financial years by the calendar year they start in,
                                           # consecutive
      "budgets": {"capital": [...], "revenue": [...]},   # pounds per year, one per year
      "capital_carry_forward": false,      # true: capital unspent in a year may be spent later
      "resources": {"developers": [...]},  # optional: other yearly limits
      "candidates": [{
         "id": "P-001", "name": "...", "theme": "...",
         "mandatory": false, "committed": false,
         "committed_option": "A", "committed_start": 2026,   # only when committed
         "earliest_start": 2026, "latest_start": 2028,
         "above_appetite": false, "requires": ["P-002"],
         "options": [{"id": "A", "value": 12.5,
                      "capital": [...], "revenue": [...],  # pounds by year from the start
                      "use": {"developers": [...]}}]}],
      "exclusive": [["P-003", "P-004"]],   # at most one of each group
      "theme_spend": {"Managing information": {"min": null, "max": 500000}},
      "max_above_appetite": null           # or K
    }

A file that does not say this is refused with a message naming the field, for example
`candidates[2].latest_start: the start window ends (2026) before it starts (2027).` The flags
and optional parts may be left out (false, empty, none). A candidate's start window lies within
the years; what its profile spends after the last year is shown, not constrained. Money and
values are read as Decimal, never float, so that the plain-Python check adds them exactly.
"""

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


class PlanningFileError(ValueError):
    def __init__(self, field, message):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


@dataclass(frozen=True)
class Option:
    id: str
    value: Decimal
    capital: tuple[Decimal, ...]
    revenue: tuple[Decimal, ...]
    use: tuple[tuple[str, tuple[Decimal, ...]], ...] = ()

    def used(self, resource):
        return dict(self.use).get(resource, ())


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    theme: str
    options: tuple[Option, ...]
    earliest_start: int
    latest_start: int
    mandatory: bool = False
    committed: bool = False
    committed_option: str | None = None
    committed_start: int | None = None
    above_appetite: bool = False
    requires: tuple[str, ...] = ()

    def option(self, option_id):
        return next((o for o in self.options if o.id == option_id), None)

    def choices(self):
        """Every (option, start) this candidate may take."""
        if self.committed:
            return [(self.option(self.committed_option), self.committed_start)]
        starts = range(self.earliest_start, self.latest_start + 1)
        return [(option, start) for option in self.options for start in starts]


@dataclass(frozen=True)
class ThemeSpend:
    min: Decimal | None
    max: Decimal | None


@dataclass(frozen=True)
class Problem:
    years: tuple[int, ...]
    capital: tuple[Decimal, ...]
    revenue: tuple[Decimal, ...]
    candidates: tuple[Candidate, ...]
    capital_carry_forward: bool = False
    resources: tuple[tuple[str, tuple[Decimal, ...]], ...] = ()
    exclusive: tuple[tuple[str, ...], ...] = ()
    theme_spend: tuple[tuple[str, ThemeSpend], ...] = ()
    max_above_appetite: int | None = None

    def candidate(self, candidate_id):
        return self.by_id().get(candidate_id)

    def by_id(self):
        return {c.id: c for c in self.candidates}

    def limit(self, resource):
        return dict(self.resources)[resource]


def parse(text):
    """The problem in a planning file's text, or PlanningFileError naming the field."""

    def refuse_constant(name):
        raise PlanningFileError("file", f"the file is not valid JSON: {name} is not a number.")

    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=refuse_constant)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        message = getattr(error, "msg", str(error))
        lineno = getattr(error, "lineno", None)
        where = f" (line {lineno})" if lineno else ""
        raise PlanningFileError("file", f"the file is not valid JSON{where}: {message}.") from None
    return from_dict(data)


TOP = {
    "years",
    "budgets",
    "capital_carry_forward",
    "resources",
    "candidates",
    "exclusive",
    "theme_spend",
    "max_above_appetite",
}
CANDIDATE = {
    "id",
    "name",
    "theme",
    "mandatory",
    "committed",
    "committed_option",
    "committed_start",
    "earliest_start",
    "latest_start",
    "above_appetite",
    "requires",
    "options",
}
OPTION = {"id", "value", "capital", "revenue", "use"}


def from_dict(data):
    """The problem in a planning file already read as JSON (floats as Decimal or float)."""
    _object(data, "", TOP, required={"years", "budgets", "candidates"})
    years = _years(data["years"])
    budgets = data["budgets"]
    _object(budgets, "budgets", {"capital", "revenue"}, required={"capital", "revenue"})
    capital = _yearly(budgets["capital"], "budgets.capital", years)
    revenue = _yearly(budgets["revenue"], "budgets.revenue", years)
    carry = _flag(data, "capital_carry_forward", "capital_carry_forward")
    resources = data.get("resources") or {}
    _object(resources, "resources")
    resources = tuple(
        (_text(name, f"resources.{name}"), _yearly(limits, f"resources.{name}", years))
        for name, limits in resources.items()
    )
    candidates = data["candidates"]
    if not isinstance(candidates, list):
        raise PlanningFileError("candidates", "must be a list of candidates.")
    parsed = tuple(
        _candidate(c, f"candidates[{n}]", years, dict(resources)) for n, c in enumerate(candidates)
    )
    ids = [c.id for c in parsed]
    for n, candidate in enumerate(parsed):
        if candidate.id in ids[:n]:
            raise PlanningFileError(
                f"candidates[{n}].id", f"{candidate.id} is the id of an earlier candidate."
            )
    known = set(ids)
    for n, candidate in enumerate(parsed):
        for m, other in enumerate(candidate.requires):
            field = f"candidates[{n}].requires[{m}]"
            if other not in known:
                raise PlanningFileError(field, f"{other} is not the id of a candidate.")
            if other == candidate.id:
                raise PlanningFileError(field, f"{other} cannot require itself.")
    exclusive = data.get("exclusive") or []
    if not isinstance(exclusive, list):
        raise PlanningFileError("exclusive", "must be a list of groups of candidate ids.")
    groups = []
    for n, group in enumerate(exclusive):
        if not isinstance(group, list) or len(group) < 2:
            raise PlanningFileError(f"exclusive[{n}]", "must be a list of two or more ids.")
        for m, member in enumerate(group):
            field = f"exclusive[{n}][{m}]"
            if not isinstance(member, str) or member not in known:
                raise PlanningFileError(field, f"{member} is not the id of a candidate.")
            if member in group[:m]:
                raise PlanningFileError(field, f"{member} is named twice in the group.")
        groups.append(tuple(group))
    theme_spend = data.get("theme_spend") or {}
    _object(theme_spend, "theme_spend")
    themes = tuple(
        (theme, _theme(limits, f"theme_spend.{theme}")) for theme, limits in theme_spend.items()
    )
    cap = data.get("max_above_appetite")
    if cap is not None and (not isinstance(cap, int) or isinstance(cap, bool) or cap < 0):
        raise PlanningFileError("max_above_appetite", "must be empty or a whole number, 0 or more.")
    return Problem(
        years=years,
        capital=capital,
        revenue=revenue,
        candidates=parsed,
        capital_carry_forward=carry,
        resources=resources,
        exclusive=tuple(groups),
        theme_spend=themes,
        max_above_appetite=cap,
    )


def _object(value, field, allowed=None, required=()):
    if not isinstance(value, dict):
        raise PlanningFileError(field or "file", "must be a JSON object.")
    for key in required:
        if key not in value:
            name = f"{field}.{key}" if field else key
            raise PlanningFileError(name, "is missing.")
    if allowed is not None:
        for key in value:
            if key not in allowed:
                name = f"{field}.{key}" if field else key
                raise PlanningFileError(name, "is not a field of the planning file.")


def _whole(value, field):
    if not isinstance(value, int) or isinstance(value, bool):
        raise PlanningFileError(field, "must be a whole number.")
    return value


def _years(value):
    if not isinstance(value, list) or not value:
        raise PlanningFileError("years", "must be a list of one or more years.")
    years = tuple(_whole(year, f"years[{n}]") for n, year in enumerate(value))
    for n in range(1, len(years)):
        if years[n] != years[n - 1] + 1:
            raise PlanningFileError(
                f"years[{n}]",
                f"the years must be consecutive: {years[n]} does not follow {years[n - 1]}.",
            )
    return years


def _amount(value, field):
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PlanningFileError(field, "must be a number.")
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise PlanningFileError(field, "must be a number.") from None
    if not amount.is_finite():
        raise PlanningFileError(field, "must be a number.")
    return amount


def _money(value, field):
    amount = _amount(value, field)
    if amount < 0:
        raise PlanningFileError(field, "cannot be negative.")
    return amount


def _amounts(value, field):
    if not isinstance(value, list):
        raise PlanningFileError(field, "must be a list of amounts.")
    return tuple(_money(amount, f"{field}[{n}]") for n, amount in enumerate(value))


def _yearly(value, field, years):
    amounts = _amounts(value, field)
    if len(amounts) != len(years):
        raise PlanningFileError(
            field, f"must give one amount per year: {len(years)} years, {len(amounts)} amounts."
        )
    return amounts


def _flag(data, key, field):
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise PlanningFileError(field, "must be true or false.")
    return value


def _text(value, field, required=False):
    if not isinstance(value, str) or (required and not value.strip()):
        raise PlanningFileError(field, "must be some text." if required else "must be text.")
    return value


def _candidate(data, field, years, resources):
    _object(data, field, CANDIDATE, required={"id", "options", "earliest_start", "latest_start"})
    candidate_id = _text(data["id"], f"{field}.id", required=True)
    earliest = _whole(data["earliest_start"], f"{field}.earliest_start")
    latest = _whole(data["latest_start"], f"{field}.latest_start")
    if latest < earliest:
        raise PlanningFileError(
            f"{field}.latest_start",
            f"the start window ends ({latest}) before it starts ({earliest}).",
        )
    if earliest < years[0] or earliest > years[-1]:
        raise PlanningFileError(
            f"{field}.earliest_start", f"{earliest} is not one of the years {years[0]}–{years[-1]}."
        )
    if latest > years[-1]:
        raise PlanningFileError(
            f"{field}.latest_start", f"{latest} is not one of the years {years[0]}–{years[-1]}."
        )
    options = data["options"]
    if not isinstance(options, list) or not options:
        raise PlanningFileError(f"{field}.options", "must be a list of one or more options.")
    parsed = []
    for n, option in enumerate(options):
        parsed.append(_option(option, f"{field}.options[{n}]", resources))
        if parsed[-1].id in [o.id for o in parsed[:-1]]:
            raise PlanningFileError(
                f"{field}.options[{n}].id", f"{parsed[-1].id} is the id of an earlier option."
            )
    committed = _flag(data, "committed", f"{field}.committed")
    committed_option = data.get("committed_option")
    committed_start = data.get("committed_start")
    if committed:
        if committed_option not in [o.id for o in parsed]:
            raise PlanningFileError(
                f"{field}.committed_option",
                "a committed candidate must name one of its options as its committed option.",
            )
        committed_start = _whole(committed_start, f"{field}.committed_start")
        if not earliest <= committed_start <= latest:
            raise PlanningFileError(
                f"{field}.committed_start",
                f"{committed_start} is outside the start window {earliest}–{latest}.",
            )
    elif committed_option is not None or committed_start is not None:
        name = "committed_option" if committed_option is not None else "committed_start"
        raise PlanningFileError(f"{field}.{name}", "is only for a committed candidate.")
    requires = data.get("requires") or []
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        raise PlanningFileError(f"{field}.requires", "must be a list of candidate ids.")
    return Candidate(
        id=candidate_id,
        name=_text(data.get("name", ""), f"{field}.name"),
        theme=_text(data.get("theme", ""), f"{field}.theme"),
        options=tuple(parsed),
        earliest_start=earliest,
        latest_start=latest,
        mandatory=_flag(data, "mandatory", f"{field}.mandatory"),
        committed=committed,
        committed_option=committed_option,
        committed_start=committed_start,
        above_appetite=_flag(data, "above_appetite", f"{field}.above_appetite"),
        requires=tuple(dict.fromkeys(requires)),
    )


def _option(data, field, resources):
    _object(data, field, OPTION, required={"id", "value"})
    use = data.get("use") or {}
    _object(use, f"{field}.use")
    for name in use:
        if name not in resources:
            raise PlanningFileError(f"{field}.use.{name}", f"{name} is not one of the resources.")
    return Option(
        id=_text(data["id"], f"{field}.id", required=True),
        value=_amount(data["value"], f"{field}.value"),
        capital=_amounts(data.get("capital", []), f"{field}.capital"),
        revenue=_amounts(data.get("revenue", []), f"{field}.revenue"),
        use=tuple(
            (name, _amounts(amounts, f"{field}.use.{name}")) for name, amounts in use.items()
        ),
    )


def _theme(data, field):
    _object(data, field, {"min", "max"})
    low = None if data.get("min") is None else _money(data["min"], f"{field}.min")
    high = None if data.get("max") is None else _money(data["max"], f"{field}.max")
    if low is not None and high is not None and high < low:
        raise PlanningFileError(
            f"{field}.max", f"the maximum ({high}) is below the minimum ({low})."
        )
    return ThemeSpend(min=low, max=high)


def to_dict(problem):
    """The planning file's JSON object for a problem (amounts as Decimal)."""
    return {
        "years": list(problem.years),
        "budgets": {"capital": list(problem.capital), "revenue": list(problem.revenue)},
        "capital_carry_forward": problem.capital_carry_forward,
        "resources": {name: list(limits) for name, limits in problem.resources},
        "candidates": [_candidate_dict(c) for c in problem.candidates],
        "exclusive": [list(group) for group in problem.exclusive],
        "theme_spend": {
            theme: {"min": limits.min, "max": limits.max} for theme, limits in problem.theme_spend
        },
        "max_above_appetite": problem.max_above_appetite,
    }


def _candidate_dict(candidate):
    data = {
        "id": candidate.id,
        "name": candidate.name,
        "theme": candidate.theme,
        "mandatory": candidate.mandatory,
        "committed": candidate.committed,
        "earliest_start": candidate.earliest_start,
        "latest_start": candidate.latest_start,
        "above_appetite": candidate.above_appetite,
        "requires": list(candidate.requires),
        "options": [
            {
                "id": o.id,
                "value": o.value,
                "capital": list(o.capital),
                "revenue": list(o.revenue),
                "use": {name: list(amounts) for name, amounts in o.use},
            }
            for o in candidate.options
        ],
    }
    if candidate.committed:
        data["committed_option"] = candidate.committed_option
        data["committed_start"] = candidate.committed_start
    return data


def dumps(data, **kwargs):
    """JSON text with Decimal amounts written as numbers: whole pounds as integers, pence as
    the shortest decimal that reads back as the same amount (15 significant figures at most)."""

    def number(value):
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, dict):
            return {k: number(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [number(v) for v in value]
        return value

    return json.dumps(number(data), ensure_ascii=False, **kwargs)
