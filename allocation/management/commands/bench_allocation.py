from django.core.management.base import BaseCommand
from django.db import connection

from allocation import benchmark


class Command(BaseCommand):
    help = ("Time an allocation round at national scale (figures for docs/performance.md). "
            "With --database, also times round_run on the database inside a rolled-back transaction.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--trainees", type=int, default=10000)
        parser.add_argument("--posts", type=int, default=1000)
        parser.add_argument("--places", type=int, default=5)
        parser.add_argument("--choices", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--database", action="store_true",
                            help="also time the whole round_run on the configured database")

    def handle(self, *args, database: bool, **options) -> None:
        if database and connection.vendor != "postgresql":
            self.stderr.write("Warning: the figures are for PostgreSQL; this is " + connection.vendor)
        for line in benchmark.run(database=database, **{key: options[key] for key in (
                "trainees", "posts", "places", "choices", "seed", "repeats")}):
            self.stdout.write(line)
