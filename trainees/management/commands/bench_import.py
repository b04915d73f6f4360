"""Time a national-scale trainee import (figure in docs/performance.md)."""

import csv
import io
import random
import time

from django.core.management.base import BaseCommand
from django.db import connection

from imports.files import read_rows
from imports.plans import commit_plan
from reference.models import Grade, Region, Specialty, Trust
from trainees.imports import COLUMNS, plan_trainee_import
from trainees.models import Trainee


class Command(BaseCommand):
    help = ("Build a CSV of N new synthetic trainees, then time the dry run, the commit and a "
            "re-import. Adds trainees: point DATABASE_URL at a scratch database.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rows", type=int, default=60000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, rows: int, seed: int, **options) -> None:
        content = self.build_csv(rows, seed)
        self.stdout.write(f"Database: {connection.vendor}; {rows:,} rows, {len(content) / 1e6:.1f} MB")
        started = time.perf_counter()
        plan = plan_trainee_import(read_rows("bench.csv", content, COLUMNS))
        checked = time.perf_counter() - started
        counts = commit_plan(plan)
        total = time.perf_counter() - started
        self.stdout.write(f"validated in {checked:.1f} s; validated and committed in {total:.1f} s: {counts}")
        started = time.perf_counter()
        again = plan_trainee_import(read_rows("bench.csv", content, COLUMNS))
        commit_plan(again)
        self.stdout.write(f"re-import of the same file: {time.perf_counter() - started:.1f} s: "
                          f"{again.counts()}")

    def build_csv(self, rows: int, seed: int) -> bytes:
        rng = random.Random(seed)
        taken = set(Trainee.objects.values_list("gmc_number", flat=True))
        free = (n for n in rng.sample(range(1_000_000, 10_000_000), rows + len(taken))
                if str(n) not in taken)
        grades = list(Grade.objects.values_list("code", flat=True))
        specialties = list(Specialty.objects.values_list("name", flat=True))
        trusts = list(Trust.objects.values_list("ods_code", "region_id"))
        regions = dict(Region.objects.values_list("pk", "name"))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for _ in range(rows):
            gmc = next(free)
            code, region_id = rng.choice(trusts) if trusts else ("", rng.choice(list(regions)))
            writer.writerow([gmc, "Test", f"Trainee{gmc}", f"t{gmc}@trainee.example",
                             rng.choice(grades), rng.choice(specialties), regions[region_id], code])
        return out.getvalue().encode("utf-8")
