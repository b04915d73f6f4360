from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pipeline.matching import services
from pipeline.models import MatchRun, Vacancy
from trainees.models import Trainee
from trainees.validators import is_gmc_number


class Command(BaseCommand):
    help = "Recompute matches in the foreground: one vacancy, one trainee, or everything."

    def add_arguments(self, parser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--vacancy", metavar="UUID", help="a vacancy's public id")
        target.add_argument("--trainee", metavar="UUID_OR_GMC", help="a trainee's public id or GMC number")
        target.add_argument("--all", action="store_true", help="every open vacancy and trainee")

    def handle(self, *args, vacancy: str | None, trainee: str | None, all: bool, **options) -> None:
        if vacancy:
            run = services.match_vacancy(vacancy_id=self._vacancy(vacancy).pk)
        elif trainee:
            run = services.rematch_trainee(trainee_id=self._trainee(trainee).pk)
        else:
            run = services.rematch_all_foreground()
        self._report(run)

    def _vacancy(self, public_id: str) -> Vacancy:
        try:
            return Vacancy.objects.get(uuid=public_id)
        except (Vacancy.DoesNotExist, ValidationError, ValueError) as error:
            raise CommandError(f"No vacancy with id {public_id}") from error

    def _trainee(self, key: str) -> Trainee:
        field = "gmc_number" if is_gmc_number(key) else "uuid"
        try:
            return Trainee.objects.get(**{field: key})
        except (Trainee.DoesNotExist, ValidationError, ValueError) as error:
            raise CommandError(f"No trainee with id or GMC number {key}") from error

    def _report(self, run: MatchRun) -> None:
        self.stdout.write(self.style.SUCCESS(
            f"{run.get_kind_display()}: {run.pairs_scored:,} pairs scored in "
            f"{run.duration_seconds:.2f} s; {run.rows_created:,} created, "
            f"{run.rows_updated:,} updated, {run.rows_deleted:,} deleted."
        ))
