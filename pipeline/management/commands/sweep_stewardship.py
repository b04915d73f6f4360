from django.core.management.base import BaseCommand

from pipeline.stewardship import stewardship_sweep


class Command(BaseCommand):
    help = "Recompute every alumnus's stewardship status now (the daily job, in the foreground)."

    def handle(self, *args, **options) -> None:
        counts = stewardship_sweep()
        self.stdout.write(self.style.SUCCESS(
            f"{counts.assessed:,} alumni assessed; {counts.changed:,} changed; "
            f"{counts.alerts:,} alerts raised."))
