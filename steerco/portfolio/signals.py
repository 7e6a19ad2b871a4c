"""What the portfolio asks of the apps above it, which it may not import.

`business_case_submitting` is sent when a business case is about to go to a body for approval
(`case`), by `submit_business_case` and by a submission that carries it. Each receiver returns
what stops the case going, as {field: message} (empty or None when nothing does); the risk
register answers whether the case has at least one linked, assessed risk (seed 003: "a risk
assessment will be undertaken for each of the business cases").
"""

from django.dispatch import Signal

business_case_submitting = Signal()


def submission_problems(case):
    problems = {}
    for _receiver, answer in business_case_submitting.send(sender=type(case), case=case):
        problems.update(answer or {})
    return problems
