"""The demo's leadership roles, and who is interested in them (a part of the demo seeder)."""

from datetime import date, timedelta

from demo.base import SeederBase
from demo.content import (
    BATCH,
    DEMO_REGION,
    PROJECT_TOPICS,
    ROLE_MIN_GRADE,
)
from pipeline.models import Interest, Vacancy
from reference.models import (
    Grade,
    LeadershipRoleType,
    Trust,
)
from trainees.models import LeadershipRole, Preferences, Trainee

# The demo director's open roles: the candidates each has, by the stage they are at.
DIRECTOR_ROLES = (
    ("chief-registrar", {"interested": 3, "invited": 1, "shortlisted": 2}),
    ("quality-improvement-lead", {"interested": 2, "invited": 2, "shortlisted": 1}),
    ("leadership-fellow", {"interested": 2, "invited": 1, "shortlisted": 1}),
)
# Past roles in the demo region, each with one appointed and two not selected, so the
# reports (relative likelihood of appointment) have numbers to show.
PAST_ROLES = 30


class RoleParts(SeederBase):
    """Roles posted by the demo trusts, open or not, and the candidates' interest."""

    demo_trust_id: int

    def min_rank(self, role_type: LeadershipRoleType) -> int:
        return self.ref.grade(ROLE_MIN_GRADE.get(role_type.code, "F2")).rank

    def role_type_for(self, trainee: Trainee) -> LeadershipRoleType | None:
        """A kind of role no more senior than the trainee's grade (none for an F1)."""
        fitting = [r for r in self.ref.role_types if self.min_rank(r) <= trainee.grade.rank]
        return self.rng.choice(fitting) if fitting else None

    @staticmethod
    def fits(vacancy: Vacancy, trainee: Trainee) -> bool:
        return vacancy.min_grade.rank <= trainee.grade.rank <= vacancy.max_grade.rank

    def vacancies(self) -> None:
        rows = []
        for trusts in self.ref.trusts_by_region.values():
            for trust in trusts:
                for _ in range(self.rng.randint(0, 3)):
                    rows.append(self.vacancy(trust))
        self.save_vacancies(rows)

    def open_vacancies(self, count: int) -> None:
        """Extra open roles spread over every trust (for benchmarks at national scale)."""
        trusts = [t for ts in self.ref.trusts_by_region.values() for t in ts]
        self.save_vacancies([self.vacancy(self.rng.choice(trusts), status=Vacancy.Status.OPEN)
                             for _ in range(count)])

    def save_vacancies(self, rows: list[Vacancy], specialties: bool = True) -> None:
        Vacancy.objects.bulk_create(rows, batch_size=BATCH)
        new = Vacancy.objects.filter(uuid__in=[v.uuid for v in rows]).order_by("uuid")
        through = Vacancy.required_domains.through
        links = []
        for vacancy in new:
            for domain in self.rng.sample(self.ref.domains, self.rng.randint(1, 3)):
                links.append(through(vacancy_id=vacancy.pk, frameworkdomain_id=domain.pk))
        through.objects.bulk_create(links, batch_size=BATCH)
        if not specialties:
            return
        wanted = Vacancy.specialties.through
        wanted.objects.bulk_create([
            wanted(vacancy_id=vacancy.pk, specialty_id=self.rng.choice(self.ref.specialties).pk)
            for vacancy in new if self.rng.random() < 0.3
        ])

    def vacancy(self, trust: Trust, grades: list[Grade] | None = None, status: str | None = None,
                role_type: LeadershipRoleType | None = None, closing: date | None = None) -> Vacancy:
        """A role whose grades start no lower than its kind allows (no associate medical
        director open to core trainees)."""
        role_type = role_type or self.rng.choice(self.ref.role_types)
        senior_enough = [g for g in (grades or self.ref.grades) if g.rank >= self.min_rank(role_type)]
        low = self.rng.randrange(max(1, len(senior_enough) - 4))
        status = status or self.rng.choices(Vacancy.Status.values, (1, 6, 2, 1))[0]
        if closing is None:
            closing = self.today + timedelta(days=self.rng.randint(7, 60))
            if status in (Vacancy.Status.CLOSED, Vacancy.Status.FILLED):
                closing = self.days_ago(1, 120)
        topic = self.rng.choice(PROJECT_TOPICS)
        return Vacancy(
            uuid=self.uuid(), trust=trust, title=f"{role_type.name}: {topic}", role_type=role_type,
            description=f"Lead our work on {topic}, with protected time and senior support.",
            min_grade=senior_enough[low],
            max_grade=senior_enough[self.rng.randrange(low, len(senior_enough))],
            sessions_per_week=self.rng.randint(1, 4), location=trust.name,
            remote_possible=self.rng.random() < 0.3, start_date=closing + timedelta(days=60),
            closing_date=closing, status=status,
            published_at=(None if status == Vacancy.Status.DRAFT
                          else self.moment(closing - timedelta(days=30))),
        )

    def save_interests(self, rows: list[tuple[Interest, date]]) -> None:
        """Interest as of the day it was last changed (stewardship reads that day)."""
        Interest.objects.bulk_create([interest for interest, _ in rows], batch_size=BATCH)
        by_day: dict[date, list] = {}
        for interest, day in rows:
            by_day.setdefault(day, []).append(interest.uuid)
        for day, uuids in sorted(by_day.items()):
            Interest.objects.filter(uuid__in=uuids).update(created_at=self.moment(day),
                                                           updated_at=self.moment(day))

    # -- the demo director's trust and the demo region's past appointments ---------------

    def director_roles(self) -> None:
        """The demo director's open roles, open to every specialty."""
        trust = Trust.objects.get(pk=self.demo_trust_id)
        kinds = {r.code: r for r in self.ref.role_types}
        rows = [self.vacancy(trust, status=Vacancy.Status.OPEN, role_type=kinds[code])
                for code, _ in DIRECTOR_ROLES]
        for row in rows:  # grades up to ST8, so every senior-enough trainee fits
            row.max_grade = self.ref.grades[-1]
        self.save_vacancies(rows, specialties=False)
        self.director_role_ids = [v.pk for v in Vacancy.objects.filter(uuid__in=[r.uuid for r in rows])
                                  .order_by("uuid")]

    def candidates_pool(self) -> list[Trainee]:
        """Trainees of the demo region who are not alumni (whose stories are set) and lean
        towards leadership, in a fixed order."""
        region = self.ref.region(DEMO_REGION)
        return [t for t in self.trainee_rows if t.region_id == region.pk and t.pk not in self.alumni_ids
                and t.pk not in self.story and t.user_id is None
                and (t.leadership_interest or t.pk in self.fellow_ids)]

    def director_candidates(self) -> None:
        pool = self.candidates_pool()
        taken = set(Interest.objects.filter(vacancy_id__in=self.director_role_ids)
                    .values_list("trainee_id", "vacancy_id"))
        rows, discoverable = [], set()
        for vacancy in Vacancy.objects.filter(pk__in=self.director_role_ids).select_related(
                "min_grade", "max_grade").order_by("uuid"):
            code = vacancy.role_type.code
            wanted = dict(DIRECTOR_ROLES)[code]
            fitting = [t for t in pool if self.fits(vacancy, t) and (t.pk, vacancy.pk) not in taken]
            self.rng.shuffle(fitting)
            for status, n in wanted.items():
                for trainee in fitting[:n]:
                    rows.append((Interest(uuid=self.uuid(), trainee=trainee, vacancy=vacancy,
                                          status=status, note=self.note(status)),
                                 self.days_ago(1, 30)))
                    discoverable.add(trainee.pk)
                fitting = fitting[n:]
        self.save_interests(rows)
        # Invited and shortlisted candidates were found by matching: they consented to it.
        Preferences.objects.filter(trainee_id__in=discoverable, discoverable=False).update(
            discoverable=True, discoverable_consent_at=self.moment(self.days_ago(40, 200)))

    def note(self, status: str) -> str:
        if status == Interest.Status.INVITED:
            return ""
        return f"I led work on {self.rng.choice(PROJECT_TOPICS)} and would like to take it further."

    def past_appointments(self) -> None:
        """Filled roles in the demo region with the candidates who applied: one appointed (the
        role is in their portfolio), two not selected."""
        region = self.ref.region(DEMO_REGION)
        trusts = self.ref.trusts_by_region[region.pk]
        pool = self.candidates_pool()
        rows = [self.vacancy(trusts[i % len(trusts)], status=Vacancy.Status.FILLED,
                             closing=self.days_ago(60, 540)) for i in range(self.scaled(PAST_ROLES, 3))]
        self.save_vacancies(rows)
        interests, roles = [], []
        for vacancy in rows:
            fitting = [t for t in pool if self.fits(vacancy, t)]
            chosen = self.rng.sample(fitting, min(3, len(fitting)))
            decided = vacancy.closing_date + timedelta(days=self.rng.randint(7, 21))
            for n, trainee in enumerate(chosen):
                status = Interest.Status.APPOINTED if n == 0 else Interest.Status.NOT_SELECTED
                interests.append((Interest(uuid=self.uuid(), trainee=trainee, vacancy=vacancy,
                                           status=status), decided))
            if chosen:
                roles.append(LeadershipRole(
                    uuid=self.uuid(), trainee=chosen[0], vacancy=vacancy, title=vacancy.title,
                    role_type=vacancy.role_type, organisation=vacancy.trust.name,
                    trust=vacancy.trust, start_date=vacancy.start_date,
                    end_date=vacancy.start_date + timedelta(days=365) if self.rng.random() < 0.5 else None))
        self.save_interests(interests)
        LeadershipRole.objects.bulk_create(roles, batch_size=BATCH)
