"""The demo's leadership roles (a part of the demo seeder)."""

from datetime import timedelta

from demo.base import SeederBase
from demo.content import (
    BATCH,
    PROJECT_TOPICS,
)
from pipeline.models import Vacancy
from reference.models import (
    Grade,
    Trust,
)


class RoleParts(SeederBase):
    """Roles posted by the demo trusts, open or not."""

    def vacancies(self) -> None:
        rows = []
        grades = self.ref.grades
        for trusts in self.ref.trusts_by_region.values():
            for trust in trusts:
                for _ in range(self.rng.randint(0, 3)):
                    rows.append(self.vacancy(trust, grades))
        self.save_vacancies(rows)

    def open_vacancies(self, count: int) -> None:
        """Extra open roles spread over every trust (for benchmarks at national scale)."""
        trusts = [t for ts in self.ref.trusts_by_region.values() for t in ts]
        self.save_vacancies([self.vacancy(self.rng.choice(trusts), self.ref.grades,
                                          status=Vacancy.Status.OPEN) for _ in range(count)])

    def save_vacancies(self, rows: list[Vacancy]) -> None:
        Vacancy.objects.bulk_create(rows, batch_size=BATCH)
        new = Vacancy.objects.filter(uuid__in=[v.uuid for v in rows]).order_by("uuid")
        through = Vacancy.required_domains.through
        links = []
        for vacancy in new:
            for domain in self.rng.sample(self.ref.domains, self.rng.randint(1, 3)):
                links.append(through(vacancy_id=vacancy.pk, frameworkdomain_id=domain.pk))
        through.objects.bulk_create(links, batch_size=BATCH)
        wanted = Vacancy.specialties.through
        wanted.objects.bulk_create([
            wanted(vacancy_id=vacancy.pk, specialty_id=self.rng.choice(self.ref.specialties).pk)
            for vacancy in new if self.rng.random() < 0.3
        ])

    def vacancy(self, trust: Trust, grades: list[Grade], status: str | None = None) -> Vacancy:
        role_type = self.rng.choice(self.ref.role_types)
        low = self.rng.randrange(2, len(grades) - 4)
        status = status or self.rng.choices(Vacancy.Status.values, (1, 6, 2, 1))[0]
        closing = self.today + timedelta(days=self.rng.randint(7, 60))
        if status in (Vacancy.Status.CLOSED, Vacancy.Status.FILLED):
            closing = self.days_ago(1, 120)
        topic = self.rng.choice(PROJECT_TOPICS)
        return Vacancy(
            uuid=self.uuid(), trust=trust, title=f"{role_type.name}: {topic}", role_type=role_type,
            description=f"Lead our work on {topic}, with protected time and senior support.",
            min_grade=grades[low], max_grade=grades[self.rng.randrange(low, len(grades))],
            sessions_per_week=self.rng.randint(1, 4), location=trust.name,
            remote_possible=self.rng.random() < 0.3, start_date=closing + timedelta(days=60),
            closing_date=closing, status=status,
            published_at=(None if status == Vacancy.Status.DRAFT
                          else self.moment(closing - timedelta(days=30))),
        )
