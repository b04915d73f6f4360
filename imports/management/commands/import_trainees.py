import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from imports import registry
from imports.files import ImportFileError
from imports.plans import commit_plan
from reference.models import Region


class Command(BaseCommand):
    help = "Import trainees, placements or fellowships from a CSV or XLSX file; all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen only")
        parser.add_argument("--region", help="refuse rows outside this region (its code)")
        parser.add_argument("--show", type=int, default=20, help="refused rows to print")
        parser.add_argument("--kind", choices=registry.kinds(), default="trainees")

    def handle(self, *args, file: str, dry_run: bool, region: str | None, show: int, kind: str, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"No file at {file}")
        region_id = None
        if region:
            region_id = Region.objects.filter(code=region).values_list("pk", flat=True).first()
        if region and region_id is None:
            raise CommandError(f"Unknown region code {region}")
        started = time.perf_counter()
        try:
            plan = registry.plan_import(kind, path.name, path.read_bytes(), region_id=region_id)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for outcome in [o for o in plan.outcomes if o.action == "refused"][:show]:
            self.stdout.write(f"line {outcome.line}: refused: {'; '.join(outcome.errors)}")
        counts = plan.counts()
        summary = ", ".join(f"{n:,} {action}" for action, n in counts.items())
        if dry_run:
            self.stdout.write(f"Dry run ({time.perf_counter() - started:.1f} s): {summary}. Nothing written.")
            return
        try:
            commit_plan(plan)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Imported in {time.perf_counter() - started:.1f} s: {summary}."))
