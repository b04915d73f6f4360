"""Time the portfolio PDF at its worst (figure in docs/performance.md)."""

import datetime as dt
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from reference.models import FrameworkElement, Grade, Region, Specialty
from trainees.models import Evidence, LeadershipRole, Project, Qualification, Trainee
from trainees.pdf import portfolio_pdf

WORDS = ("sepsis", "rota", "huddle", "audit", "<b>", "&", "patients", "improvement", "a", "the",
         "safety", "escalation", "pathway", "multidisciplinary", "Ω", "consultant", "ward")


class Command(BaseCommand):
    help = ("Build one trainee's portfolio with every text field at its limit, time the PDF, and "
            "roll the data back (any migrated database will do).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=200, help="items in each section")
        parser.add_argument("--chars", type=int, default=0,
                            help="characters in each free-text field (default: the field's limit)")
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--unbroken", action="store_true",
                            help="free text as one long word, which wrapping splits letter by letter")

    def handle(self, *args, items: int, chars: int, runs: int, unbroken: bool, **options) -> None:
        with transaction.atomic():
            trainee = self.build(items, chars, unbroken)
            timings, size = [], 0
            for _ in range(runs):
                started = time.perf_counter()
                size = len(portfolio_pdf(trainee))
                timings.append(time.perf_counter() - started)
            transaction.set_rollback(True)
        self.stdout.write(f"{items} items a section, {runs} runs: median {statistics.median(timings):.2f} s, "
                          f"worst {max(timings):.2f} s, {size / 1e3:.0f} kB")

    def build(self, items: int, chars: int, unbroken: bool) -> Trainee:
        rng = random.Random(1)

        def text(model, field: str) -> str:
            limit = chars or model._meta.get_field(field).max_length or 100_000
            if unbroken:
                return "x" * limit
            words = " ".join(rng.choice(WORDS) for _ in range(limit // 3))
            return words[:limit]

        trainee = Trainee.objects.create(
            gmc_number="0999999", first_name="Bench" * 30, last_name="Mark" * 37,
            email="bench@example.invalid", grade=Grade.objects.latest("rank"),
            specialty=Specialty.objects.earliest("pk"), region=Region.objects.earliest("pk"))
        element, today = FrameworkElement.objects.earliest("pk"), dt.date(2026, 1, 1)
        Evidence.objects.bulk_create(Evidence(
            trainee=trainee, element=element, title="T" * 200, what_i_did=text(Evidence, "what_i_did"),
            what_i_learned=text(Evidence, "what_i_learned"), occurred_on=today) for _ in range(items))
        Project.objects.bulk_create(Project(
            trainee=trainee, title="P" * 200, aim=text(Project, "aim"), outcome=text(Project, "outcome"),
            measures=text(Project, "measures"), baseline=text(Project, "baseline"), start_date=today)
            for _ in range(items))
        Qualification.objects.bulk_create(Qualification(
            trainee=trainee, title="Q" * 200, kind="masters", awarding_body="B" * 200, awarded_on=today)
            for _ in range(items))
        LeadershipRole.objects.bulk_create(LeadershipRole(
            trainee=trainee, title="R" * 200, organisation="O" * 200, start_date=today,
            description=text(LeadershipRole, "description")) for _ in range(items))
        return trainee
