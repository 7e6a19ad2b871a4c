"""What an import of the register would do: each row of the file read (`rules/register_sheet.py`)
and set against the register, as the risks it creates and the changes it makes, or the problems
that stop it. Reads only: `actions.import_register` applies a plan, all or nothing."""

from dataclasses import dataclass, field

from django.db.models import Max

from steerco.lib.spreadsheets import Problem, SpreadsheetError, read_table
from steerco.meetings.forms.meeting import people_of
from steerco.risks.models import Risk, RiskCategory
from steerco.risks.queries import link_names, links_of
from steerco.risks.rules import register_sheet
from steerco.risks.rules.register_sheet import AFFECTS, LABELS, LEVELS, link_key

# The risk's own fields an import sets, in the file's order.
FIELDS = (
    "title",
    "category",
    "owner",
    *LEVELS,
    "treatment",
    "controls",
    "proximity",
    "review_on",
    "money_impact",
    "cause",
    "event",
    "consequence",
)
OPTIONAL_CHOICES = ("treatment", "proximity")
CHOICES = {
    "status": Risk.Status.choices,
    "treatment": Risk.Treatment.choices,
    "proximity": Risk.Proximity.choices,
}


@dataclass
class Change:
    """A risk the import creates or changes: its row, and each column that changes as
    (column, before, after), in words."""

    row: int
    reference: str
    title: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    # For applying it: the risk (None for a new one), its number, the values of the row.
    risk: Risk | None = None
    number: int = 0
    values: dict = field(default_factory=dict)


@dataclass
class ImportPlan:
    file_name: str
    created: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def reason(self):
        return f"Imported from {self.file_name or 'a spreadsheet'}"

    def summary(self):
        if self.problems:
            count = len(self.problems)
            return f"The file has {count} problem{'' if count == 1 else 's'}; nothing was saved."
        created, changed = len(self.created), len(self.changed)
        return (
            f"{created} risk{'' if created == 1 else 's'} created and {changed} "
            f"risk{'' if changed == 1 else 's'} changed; {len(self.unchanged)} unchanged."
        )


def _names(rows):
    found = {}
    for key, pk in rows:
        if key:
            ids = found.setdefault(" ".join(key.split()).casefold(), [])
            if pk not in ids:
                ids.append(pk)
    return found


def lookups(organisation):
    """What a category's and an owner's names stand for (case-folded name → ids): a category
    by its name, a person of the council by their name as steerco writes it, their user name or
    their email address; and the objects by id, to name them in the plan."""
    categories = list(RiskCategory.objects.filter(organisation=organisation))
    people = list(people_of(organisation))
    by_name = _names((str(person), person.pk) for person in people)
    by_login = _names(
        pair
        for person in people
        for pair in ((person.username, person.pk), (person.email, person.pk))
    )
    objects = {
        "category": {category.pk: category for category in categories},
        "owner": {person.pk: person for person in people},
    }
    # A login names one person: it wins over a name several people share.
    return _names((c.name, c.pk) for c in categories), by_name | by_login, objects


# An empty Affects cell.
NOTHING = {"whole_service": False, **{kind: [] for kind in AFFECTS}}


def affects_words(affects, names):
    """What a risk affects (`register_sheet.parse_affects`'s value) as the Affects cell
    writes it; `names` from `queries.link_names`."""
    return register_sheet.affects_text(
        affects["whole_service"],
        {kind: sorted(names[kind][pk] for pk in affects[kind]) for kind in AFFECTS},
    )


def current_affects(risk, links):
    """A risk's links as `register_sheet.parse_affects` reads them; `links` from
    `queries.links_of`."""
    mine = links.get(risk.id, {})
    return {"whole_service": risk.whole_service} | {
        kind: sorted(mine.get(kind, ())) for kind in AFFECTS
    }


def _words(name, value, objects):
    if value is None or value == "":
        return "(empty)"
    if name in ("category", "owner"):
        return str(objects[name][value])
    if name in CHOICES:
        return dict(CHOICES[name])[value]
    if name == "review_on":
        return f"{value:%-d %B %Y}"
    if name == "money_impact":
        return f"£{value:,.2f}"
    return str(value)


def _current(risk, name):
    if name in ("category", "owner"):
        return getattr(risk, f"{name}_id")
    return getattr(risk, name)


def headings_to_map(data, file_name):
    """The file's headings when they are not the download's (so its columns are to be mapped
    to the register's fields), else None: the download's shape, or a file that cannot be read
    (whose plan says why)."""
    try:
        headers = read_table(data, file_name).headers
    except SpreadsheetError:
        return None
    return None if register_sheet.download_columns(headers) is not None else headers


def plan_import(organisation, data, *, file_name, access, columns=None):
    """The plan of an import: what the file would create and change, or its problems. `access`
    (a RiskAccess) says which risks the person importing may read: a row may not name another.
    `columns` maps the register's fields to the file's columns (None: the download's)."""
    categories, people, objects = lookups(organisation)
    names = link_names(organisation)
    parsed = register_sheet.read(
        data,
        file_name,
        categories=categories,
        people=people,
        choices=CHOICES,
        columns=columns,
        links={
            kind: {link_key(name): pk for pk, name in named.items()}
            for kind, named in names.items()
        },
    )
    plan = ImportPlan(file_name=file_name, problems=list(parsed.problems))
    if not parsed.records:
        return plan
    register = Risk.objects.filter(organisation=organisation)
    risks = {risk.number: risk for risk in register}
    links = links_of(register)
    last = max(
        [
            Risk.objects.filter(organisation=organisation).aggregate(m=Max("number"))["m"] or 0,
            *(r.values.get("reference") or 0 for r in parsed.records),
        ]
    )
    for record in parsed.records:
        # An empty treatment or proximity is not given: a new risk takes the usual one, and a
        # known risk keeps its own.
        values = {
            name: value
            for name, value in record.values.items()
            if not (name in OPTIONAL_CHOICES and value is None)
        }
        number = values.get("reference")
        risk = risks.get(number) if number else None
        label = LABELS["reference"]
        if risk is not None and not access.can_read(risk):
            plan.problems.append(
                Problem(
                    f"{risk.reference} is a risk you may not read: leave its row out of the "
                    "file, or empty its reference to add a new risk",
                    record.row,
                    label,
                )
            )
            continue
        category = objects["category"].get(values.get("category"))
        if (
            category is not None
            and category.retired
            and (risk is None or risk.category_id != category.pk)
        ):
            plan.problems.append(
                Problem(
                    f"{category.name} is a retired category, for no new risk: choose another",
                    record.row,
                    LABELS["category"],
                )
            )
        if risk is None:
            if values.get("status") not in (None, Risk.Status.OPEN):
                plan.problems.append(
                    Problem(
                        "a new risk is open: enter Open, or leave the cell empty; close it on "
                        "its page, with a closing note",
                        record.row,
                        LABELS["status"],
                    )
                )
            if not number:
                last += 1
                number = last
            plan.created.append(
                Change(
                    record.row,
                    register_sheet.reference(number),
                    str(values.get("title") or ""),
                    [
                        (LABELS[name], "", _words(name, values.get(name), objects))
                        for name in FIELDS
                        if values.get(name) not in (None, "")
                    ]
                    + (
                        [(LABELS["affects"], "", affects_words(values["affects"], names))]
                        if values.get("affects", NOTHING) != NOTHING
                        else []
                    ),
                    number=number,
                    values=values,
                )
            )
            continue
        changes = [
            (
                LABELS[name],
                _words(name, _current(risk, name), objects),
                _words(name, values.get(name), objects),
            )
            for name in FIELDS
            if name in values
            and (values.get(name) if values.get(name) is not None else "")
            != (_current(risk, name) if _current(risk, name) is not None else "")
        ]
        if "affects" in values and values["affects"] != current_affects(risk, links):
            changes.append(
                (
                    LABELS["affects"],
                    affects_words(current_affects(risk, links), names) or "(nothing)",
                    affects_words(values["affects"], names) or "(nothing)",
                )
            )
        if values.get("status") not in (None, risk.status):
            plan.problems.append(
                Problem(
                    f"change the status of {risk.reference} on its page: closing a risk needs "
                    "a closing note, and a closed risk stays closed",
                    record.row,
                    LABELS["status"],
                )
            )
        elif changes and not risk.is_open:
            plan.problems.append(
                Problem(
                    f"{risk.reference} is closed, and a closed risk is not changed: leave its "
                    "row as it is, or take it out of the file",
                    record.row,
                    label,
                )
            )
        if not changes:
            plan.unchanged.append(risk.reference)
            continue
        plan.changed.append(
            Change(
                record.row,
                risk.reference,
                risk.title,
                changes,
                risk=risk,
                number=risk.number,
                values=values,
            )
        )
    plan.problems.sort(key=lambda p: p.row or 0)
    return plan
