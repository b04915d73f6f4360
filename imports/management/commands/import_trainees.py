import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.audit import changes_by
from imports import registry
from imports.files import ImportFileError
from imports.plans import ImportPlan, commit_plan
from reference.models import Region


class Command(BaseCommand):
    help = "Import trainees, placements or fellowships from a CSV or XLSX file; all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen only")
        parser.add_argument("--region", help="refuse rows outside this region (its code)")
        parser.add_argument("--show", type=int, default=20, help="refused rows to print")
        parser.add_argument("--kind", choices=registry.kinds(), default="trainees")
        parser.add_argument("--by", metavar="EMAIL",
                            help="the email address of the person the import is for: the author of "
                                 "every change in the audit history")

    def handle(self, *args, file: str, dry_run: bool, region: str | None, show: int, kind: str,
               by: str | None = None, **options):
        author = None
        if by:
            author = User.objects.filter(email__iexact=by.strip()).first()
            if author is None:
                raise CommandError(f"No account has the email address {by}")
        region_id = None
        if region:
            region_id = Region.objects.filter(code=region).values_list("pk", flat=True).first()
        if region and region_id is None:
            raise CommandError(f"Unknown region code {region}")
        started = time.perf_counter()
        plan = self._plan(Path(file), kind, region_id)
        for row in [r for r in plan.report() if r["action"] == "refused"][:show]:
            self.stdout.write(f"line {row['line']}: refused: {'; '.join(row['errors'])}")
        summary = ", ".join(f"{n:,} {action}" for action, n in plan.counts().items())
        if dry_run:
            self.stdout.write(f"Dry run ({time.perf_counter() - started:.1f} s): {summary}. Nothing written.")
            return
        try:
            with changes_by(author):
                commit_plan(plan)  # any failure comes back as a sentence, the write rolled back
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Imported in {time.perf_counter() - started:.1f} s: {summary}."))

    @staticmethod
    def _plan(path: Path, kind: str, region_id: int | None) -> ImportPlan:
        """The file read (streamed: the limits stop a huge one early) and planned."""
        try:
            with path.open("rb") as content:
                return registry.plan_import(kind, path.name, content, region_id=region_id)
        except FileNotFoundError as error:
            raise CommandError(f"No file at {path}") from error
        except OSError as error:
            raise CommandError(f"The file {path} could not be opened: {error.strerror}") from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error
