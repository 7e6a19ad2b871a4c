"""Optimising a scenario is the task worker's, never a request's: the optimiser, its
explanation and the ranking methods may take their whole time limits (seconds each), and a
request that waits for them holds a web worker for as long."""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from steerco.lib.dates import today

logger = logging.getLogger(__name__)


@task()
def optimise_scenario(scenario_id, user_id=None, requested_at=None):
    """Optimise the scenario as `actions.request_optimise` asked at `requested_at` (ISO text),
    keeping the answer; an attempt that fails is kept with why, for the page to say."""
    return _run("optimise", scenario_id, user_id, requested_at)


@task()
def work_out_frontier(scenario_id, user_id=None, requested_at=None):
    """Work out the scenario's efficient frontier (eleven solves), as `optimise_scenario`."""
    return _run("frontier", scenario_id, user_id, requested_at)


def _run(job, scenario_id, user_id, requested_at):
    from steerco.accounts.models import User
    from steerco.planning import actions
    from steerco.planning.models import Scenario

    scenario = Scenario.objects.select_related("organisation").filter(pk=scenario_id).first()
    if scenario is None:
        return None
    by = User.objects.filter(pk=user_id).first() if user_id else None
    requested = datetime.fromisoformat(requested_at) if requested_at else None
    work = actions.run_scenario if job == "optimise" else actions.work_out_frontier
    try:
        work(scenario, by=by, at=timezone.now(), today=today(), requested_at=requested)
    except ValidationError as error:
        reason = " ".join(error.messages)
    except Exception as error:  # the solver's own failure: said on the page, logged in full
        logger.exception("The %s of scenario %s failed", job, scenario_id)
        reason = f"The optimiser stopped with an error ({type(error).__name__}): try again."
    else:
        return "done"
    actions.record_failure(scenario, job, reason=reason, by=by, requested_at=requested)
    return "failed"
