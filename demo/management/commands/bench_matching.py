from django.core.management.base import BaseCommand
from django.db import connection

from demo import bench_matching as benchmark


class Command(BaseCommand):
    help = ("Build national-scale data, time the matching jobs and judge the ratio targets of "
            "docs/performance.md (PASS/FAIL). Replaces the database's demo data: point "
            "DATABASE_URL at a scratch database.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--trainees", type=int, default=60000)
        parser.add_argument("--vacancies", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--reuse", action="store_true",
                            help="keep data already built with the same number of trainees")
        parser.add_argument("--no-workers", action="store_true",
                            help="skip the runs through Celery worker processes")
        parser.add_argument("--only-workers", action="store_true",
                            help="only the runs through 1 and 2 Celery worker processes (data kept)")

    def handle(self, *args, trainees, vacancies, seed, reuse, no_workers, only_workers,
               **options) -> None:
        if connection.vendor != "postgresql":
            self.stderr.write("Warning: the targets are for PostgreSQL; this is " + connection.vendor)
        report = benchmark.run(trainees=trainees, vacancies=vacancies, seed=seed, reuse=reuse,
                               workers=not no_workers, only_workers=only_workers)
        self.stdout.write("\n" + report.markdown())
