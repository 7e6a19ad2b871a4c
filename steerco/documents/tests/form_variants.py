"""The documents' forms, as their pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from datetime import date

from steerco.documents import actions, forms
from steerco.documents.models import CouncilReport


def variants(item, secretary):
    report = actions.save_council_report(
        CouncilReport(
            item=item,
            title="ICT Strategy",
            report_of="Head of ICT",
            report_date=date(2031, 3, 1),
            purpose="To propose a strategy.",
            key_decision=True,
            recommendations="Approve it.",
            financial="None.",
            legal="None.",
            equality="None.",
            risk="None.",
            contact_officer="Head of ICT",
        ),
        by=secretary,
    )
    return {
        forms.CouncilReportForm: [
            lambda d, f: forms.CouncilReportForm(d, item=item),
            lambda d, f: forms.CouncilReportForm(d, instance=report, item=item),
        ],
    }
