import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone

import steerco
from steerco.documents.tests.form_variants import variants as documents_variants
from steerco.governance.models import Body
from steerco.meetings import actions
from steerco.meetings.models import AgendaItem, Decision
from steerco.meetings.queries import template_for
from steerco.planning.tests.form_variants import variants as planning_variants
from steerco.portfolio.tests.form_variants import variants as portfolio_variants
from steerco.progress_report.tests.form_variants import variants as progress_report_variants
from steerco.risks.tests.form_variants import variants as risks_variants
from steerco.strategy.tests.form_variants import variants as strategy_variants
from steerco.strategy.tests.register_form_variants import variants as register_variants

# Django's own words, and what a message made from a label used to read.
BAD = [
    "This field is required",
    "Ensure this value",
    "Ensure this",
    "Enter the how",
    "Select the who",
    "Select the which",
    "Enter the why",
    "the the ",
    "?.",
    "---------",
    "Select a valid choice",
    "is not a valid value",
]
EMPTY = re.compile(r"^(Select|Enter) (the|a|an)?\.?$")
# A message made from a label that asks a question: "Enter the how many months ahead."
FROM_QUESTION = re.compile(
    r"^(Select|Enter) the (who|how|what|which|why|when|where|is|was|from|to)\b", re.I
)


def form_classes():
    """Every form class that steerco defines, in any of its forms modules."""
    found = []
    for module_info in pkgutil.walk_packages(steerco.__path__, "steerco."):
        name = module_info.name
        if ".forms" not in name or ".tests" in name or name == "steerco.lib.forms":
            continue
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, forms.BaseForm):
                found.append(cls)
    return found


@pytest.fixture
def variants(organisation, steering_group, secretary, chair, meeting, item, next_meeting):
    """For each form class, the ways the pages make it: name -> function(data, files)."""
    from steerco.accounts import forms as accounts
    from steerco.governance import forms as governance
    from steerco.meetings.forms import meeting as meeting_forms
    from steerco.meetings.forms import papers, people, record

    published = actions.schedule_meeting(
        steering_group, on=next_meeting.on.replace(day=20), starts_at=meeting.starts_at,
        by=secretary, today=meeting.on.replace(year=2026),
    )  # fmt: skip
    published.agenda_published_at = timezone.now()
    voting = Body.objects.create(
        organisation=organisation,
        name="Cabinet",
        decision_method=Body.DecisionMethod.VOTE,
    )
    voting_meeting = actions.schedule_meeting(
        voting, on=meeting.on, starts_at=meeting.starts_at, by=secretary,
        today=meeting.on.replace(year=2026),
    )  # fmt: skip
    memberships = list(steering_group.memberships.all())
    org = {"organisation": organisation}
    return {
        accounts.SignInForm: [lambda d, f: accounts.SignInForm(RequestFactory().post("/"), data=d)],
        accounts.ProfileForm: [lambda d, f: accounts.ProfileForm(d, instance=secretary)],
        governance.BodyForm: [lambda d, f: governance.BodyForm(d, **org)],
        governance.ReportingLineForm: [lambda d, f: governance.ReportingLineForm(d, **org)],
        governance.TermsOfReferenceForm: [lambda d, f: governance.TermsOfReferenceForm(d)],
        governance.ApprovalForm: [lambda d, f: governance.ApprovalForm(d)],
        governance.MembershipForm: [lambda d, f: governance.MembershipForm(d, body=steering_group)],
        meeting_forms.MeetingForm: [lambda d, f: meeting_forms.MeetingForm(d, **org)],
        meeting_forms.ScheduleForm: [lambda d, f: meeting_forms.ScheduleForm(d)],
        meeting_forms.MoveForm: [
            lambda d, f: meeting_forms.MoveForm(d, nation=organisation.nation)
        ],
        meeting_forms.CancelForm: [lambda d, f: meeting_forms.CancelForm(d)],
        meeting_forms.PublishForm: [
            lambda d, f: meeting_forms.PublishForm(d, late=False),
            lambda d, f: meeting_forms.PublishForm(d, late=True),
        ],
        meeting_forms.TemplateForm: [
            lambda d, f: meeting_forms.TemplateForm(d, instance=template_for(steering_group))
        ],
        papers.ItemForm: [
            lambda d, f: papers.ItemForm(d, instance=AgendaItem(meeting=meeting)),
            lambda d, f: papers.ItemForm(d, instance=AgendaItem(meeting=published)),
            lambda d, f: papers.ItemForm(d, instance=item),
        ],
        papers.CarryForm: [lambda d, f: papers.CarryForm(d, item=item)],
        papers.PaperForm: [
            lambda d, f: papers.PaperForm(d, f, published=False, **org),
            lambda d, f: papers.PaperForm(d, f, published=True, **org),
        ],
        papers.ReplaceForm: [lambda d, f: papers.ReplaceForm(d, f)],
        papers.RetitleForm: [lambda d, f: papers.RetitleForm(d)],
        papers.RestrictionForm: [lambda d, f: papers.RestrictionForm(d)],
        papers.WithdrawPaperForm: [lambda d, f: papers.WithdrawPaperForm(d)],
        people.ReviewPeriodForm: [
            lambda d, f: people.ReviewPeriodForm(d, today=meeting.on.replace(year=2026))
        ],
        people.ApologiesForm: [lambda d, f: people.ApologiesForm(d, meeting=meeting, person=chair)],
        people.ChallengeForm: [lambda d, f: people.ChallengeForm(d)],
        record.AttendanceForm: [
            lambda d, f: record.AttendanceForm(d, person=chair, items=[item]),
            lambda d, f: record.AttendanceForm(d, person=chair, items=[item], limited=True),
            lambda d, f: record.AttendanceForm(d, person=chair, items=[item], required=False),
        ],
        record.DeclarationForm: [
            lambda d, f: record.DeclarationForm(d, declare_for_others=True, **org),
            lambda d, f: record.DeclarationForm(d, declare_for_others=False, **org),
        ],
        record.WithdrawalForm: [lambda d, f: record.WithdrawalForm(d, **org)],
        record.DecisionForm: [
            lambda d, f: record.DecisionForm(d, meeting=meeting, memberships=memberships),
            lambda d, f: record.DecisionForm(d, meeting=voting_meeting, memberships=[]),
            lambda d, f: record.DecisionForm(
                d, meeting=meeting, memberships=memberships, versioned=Decision(pk=1, version=1)
            ),
        ],
        record.MinutesForm: [
            lambda d, f: record.MinutesForm(d, versioned=item),
            lambda d, f: record.MinutesForm(d, versioned=item, item=item, prefix=f"item-{item.pk}"),
        ],
        record.VoidForm: [lambda d, f: record.VoidForm(d)],
        record.ActionForm: [lambda d, f: record.ActionForm(d, meeting=meeting)],
        record.ActionUpdateForm: [lambda d, f: record.ActionUpdateForm(d)],
        record.PreviousMeetingForm: [
            lambda d, f: record.PreviousMeetingForm(d, previous=meeting),
            lambda d, f: record.PreviousMeetingForm(d, previous=None),
        ],
        record.ForwardForm: [lambda d, f: record.ForwardForm(d, meeting=meeting)],
        **portfolio_variants(organisation, secretary),
        **risks_variants(organisation, secretary),
        **strategy_variants(organisation, secretary),
        **register_variants(organisation, secretary),
        **progress_report_variants(organisation, secretary),
        **documents_variants(item, secretary),
        **planning_variants(organisation, secretary),
    }


def answers(form, value):
    """`value` in every box of the form, dates and multiple choices included."""
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.MultiWidget):
            for index in range(len(field.widget.widgets)):
                data[f"{key}_{index}"] = value
        else:
            data[key] = value
    return data


NONSENSE = ["zzz", "-5", "9" * 25, "x" * 5000, "1.5", "<b>", "\u00b2"]


def test_every_message_of_every_form_is_a_whole_sentence(variants):
    classes = form_classes()
    missing = [cls.__qualname__ for cls in classes if cls not in variants]
    assert missing == [], "Add the forms to `variants`"

    messages = set()
    for cls in classes:
        for make in variants[cls]:
            html = str(make(None, None))
            assert "---------" not in html, cls
            submissions = [({}, {})]
            shape = make(None, None)
            for value in NONSENSE:
                files = {
                    name: SimpleUploadedFile("paper.pdf", value.encode())
                    for name, field in shape.fields.items()
                    if isinstance(field, forms.FileField)
                }
                submissions.append((answers(shape, value), files))
            for data, files in submissions:
                form = make(data, files)
                form.is_valid()
                assert "---------" not in str(form), cls
                for errors in form.errors.as_data().values():
                    for error in errors:
                        messages.update((cls.__qualname__, text) for text in error.messages)

    wrong = sorted(
        (name, text)
        for name, text in messages
        if not text[:1].isupper()
        or not text.endswith(".")
        or EMPTY.match(text)
        or FROM_QUESTION.match(text)
        or any(bad in text for bad in BAD)
    )
    assert wrong == []
    # Every class was submitted and said something.
    assert {name for name, _ in messages} >= {
        cls.__qualname__ for cls in classes if cls.__qualname__ != "ChallengeForm"
    }
