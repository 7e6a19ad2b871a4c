from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from steerco.planning.rules import optimiser
from steerco.planning.rules.problem import PlanningFileError, dumps, parse


class Command(BaseCommand):
    help = (
        "Reads a planning file (docs/planning.md) and prints the best affordable portfolio as "
        "the planning file's answer, in JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a planning file (JSON)")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=optimiser.DEFAULT_TIME_LIMIT,
            help="seconds the solver may take (default 10)",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="also say why each candidate left out is out, and what a pound is worth in "
            "each budget year (re-solving, within another time limit)",
        )

    def handle(self, *args, file, time_limit, explain, **options):
        if time_limit <= 0:
            raise CommandError("The time limit must be more than 0 seconds.")
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"The file cannot be read: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError("The file is not text in UTF-8.") from None
        try:
            problem = parse(text)
        except PlanningFileError as error:
            raise CommandError(f"The planning file is refused: {error}") from None
        answer = optimiser.optimise(problem, time_limit=time_limit)
        if explain:
            answer["explanation"] = optimiser.explain(problem, answer, time_limit=time_limit)
        self.stdout.write(dumps(answer, indent=2))
