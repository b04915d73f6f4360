"""Deterministic synthetic demo data across every model.

Same seed and day, same data: every random choice comes from one seeded
generator, UUIDs included, and dates are relative to a given day. Rows go in with
bulk inserts so national scale (60,000 trainees) seeds in reasonable time.
Everything here is invented: no real person, and trusts with made-up names.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from demo.accounts import DemoAccounts
from demo.content import (
    BATCH,
    FIRST_NAMES,
    HOSTS,
    LAST_NAMES,
    PROJECT_TOPICS,
    TOWN_PARTS,
    TRUST_KINDS,
)
from demo.reset import reset_demo_data
from mentoring.models import Meeting, Mentor, Mentorship
from pipeline.models import Vacancy
from reference.models import (
    Grade,
    Region,
    Trust,
)
from schemes.models import Cohort, Fellowship
from trainees.models import (
    Placement,
    Trainee,
)


class Seeder(DemoAccounts):
    """Every step of the demo, in order (`run`); the parts live in demo/portfolios.py,
    demo/roles.py and demo/accounts.py."""

    # -- the steps -----------------------------------------------------------

    def run(self) -> dict[str, int]:
        self.trusts()
        self.trainees()
        self.placements()
        self.cohorts_and_fellowships()
        self.portfolios()
        self.mentors()
        self.vacancies()
        self.demo_logins()
        self.rounds()
        return {"trusts": Trust.objects.count(), "trainees": Trainee.objects.count(),
                "fellowships": Fellowship.objects.count(), "vacancies": Vacancy.objects.count()}

    def trusts(self) -> None:
        codes = [f"R{a}{b}" for a in "0123456789ABCDEFGHJKLMNPQRTVWXY" for b in "0123456789ABCDEFGHJK"]
        self.rng.shuffle(codes)
        names: set[str] = set()
        rows = []
        for region in self.ref.regions:
            count = 12 if region.kind == Region.Kind.HEE_LOCAL_OFFICE else 4
            for _ in range(count):
                name = self.unique_trust_name(names)
                rows.append(Trust(uuid=self.uuid(), ods_code=codes.pop(), name=name, region=region))
        Trust.objects.bulk_create(rows)
        for trust in Trust.objects.order_by("ods_code"):
            self.ref.trusts_by_region.setdefault(trust.region_id, []).append(trust)

    def unique_trust_name(self, taken: set[str]) -> str:
        while True:
            town = self.rng.choice(TOWN_PARTS[0]) + self.rng.choice(TOWN_PARTS[1])
            name = f"{town} {self.rng.choice(TRUST_KINDS)}"
            if name not in taken:
                taken.add(name)
                return name

    def trainees(self) -> None:
        gmc_numbers = self.rng.sample(range(1_000_000, 10_000_000), self.n_trainees)
        grade_weights = [3 if g.stage == Grade.Stage.SPECIALTY else 2 for g in self.ref.grades]
        rows = []
        for gmc in gmc_numbers:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            region = self.rng.choice(self.ref.regions)
            rows.append(Trainee(
                uuid=self.uuid(), gmc_number=str(gmc), first_name=first, last_name=last,
                email=f"{first}.{last}.{gmc}@trainee.example".lower(),
                grade=self.rng.choices(self.ref.grades, grade_weights)[0],
                specialty=self.rng.choice(self.ref.specialties), region=region,
                current_trust=self.rng.choice(self.ref.trusts_by_region[region.pk]),
                expected_cct_date=self.today + timedelta(days=self.rng.randint(90, 6 * 365)),
                leadership_interest=self.rng.random() < 0.15,
            ))
        Trainee.objects.bulk_create(rows, batch_size=BATCH)
        self.trainee_rows = list(Trainee.objects.order_by("gmc_number"))

    def placements(self) -> None:
        rows = []
        for trainee in self.trainee_rows:
            end = self.today + timedelta(days=self.rng.randint(30, 330))
            trusts = self.ref.trusts_by_region[trainee.region_id]
            for _ in range(self.rng.randint(1, 3)):
                start = end - timedelta(days=self.rng.choice((122, 182, 365)))
                rows.append(Placement(
                    uuid=self.uuid(), trainee=trainee, trust=self.rng.choice(trusts),
                    specialty=trainee.specialty, grade=trainee.grade, start_date=start, end_date=end,
                ))
                end = start - timedelta(days=1)
        Placement.objects.bulk_create(rows, batch_size=BATCH)

    def cohorts_and_fellowships(self) -> None:
        cohorts = []
        for scheme in self.ref.schemes:
            months = scheme.duration_months or 12
            for year in range(self.today.year - 4, self.today.year + 1):
                start = date(year, 9, 1)
                cohorts.append(Cohort(
                    uuid=self.uuid(), scheme=scheme, name=f"{year} to {year + months // 12}",
                    intake_year=year, region=scheme.region, start_date=start,
                    end_date=start + timedelta(days=30 * months),
                ))
        Cohort.objects.bulk_create(cohorts)
        self.cohorts = list(Cohort.objects.order_by("scheme__short_name", "intake_year"))
        fellows = self.rng.sample(self.trainee_rows, max(1, self.n_trainees * 3 // 100))
        rows = [self.fellowship(trainee) for trainee in fellows]
        Fellowship.objects.bulk_create(rows, batch_size=BATCH)
        self.fellow_ids = {row.trainee_id for row in rows}
        self.alumni_ids = {row.trainee_id for row in rows if row.status == Fellowship.Status.COMPLETED}

    def fellowship(self, trainee: Trainee) -> Fellowship:
        cohort = self.rng.choice(self.cohorts)
        if cohort.start_date > self.today:
            status, completed_on = Fellowship.Status.APPLIED, None
        elif cohort.end_date > self.today:
            status, completed_on = Fellowship.Status.ACTIVE, None
        elif self.rng.random() < 0.08:
            status, completed_on = Fellowship.Status.WITHDRAWN, None
        else:
            status, completed_on = Fellowship.Status.COMPLETED, cohort.end_date
        topic = self.rng.choice(PROJECT_TOPICS)
        return Fellowship(
            uuid=self.uuid(), trainee=trainee, cohort=cohort, status=status,
            host_organisation=self.rng.choice(HOSTS), project_title=f"Improving {topic}",
            start_date=cohort.start_date, end_date=cohort.end_date, completed_on=completed_on,
        )

    def mentors(self) -> None:
        per_region = max(2, self.n_trainees // 2000)
        users = []
        for region in self.ref.regions:
            for i in range(per_region):
                users.append(self.user(Role.MENTOR, f"mentor.{region.code}.{i}@mentor.example"))
        User.objects.bulk_create(users, batch_size=BATCH)
        by_email = {u.email: u for u in User.objects.filter(role=Role.MENTOR)}
        mentors = []
        for region in self.ref.regions:
            for i in range(per_region):
                mentors.append(Mentor(
                    uuid=self.uuid(), user=by_email[f"mentor.{region.code}.{i}@mentor.example"],
                    organisation=self.rng.choice(self.ref.trusts_by_region[region.pk]).name,
                    current_role=self.rng.choice(("Medical director", "Associate medical director",
                                                  "Clinical director", "Chief executive")),
                    region=region, capacity=self.rng.randint(1, 4),
                ))
        Mentor.objects.bulk_create(mentors)
        self.mentor_expertise()
        self.mentorships()

    def mentor_expertise(self) -> None:
        through = Mentor.expertise.through
        rows = []
        for mentor in Mentor.objects.order_by("user__email"):
            for domain in self.rng.sample(self.ref.domains, 2):
                rows.append(through(mentor_id=mentor.pk, frameworkdomain_id=domain.pk))
        through.objects.bulk_create(rows)

    def mentorships(self) -> None:
        mentors = list(Mentor.objects.order_by("user__email"))
        alumni = [t for t in self.trainee_rows if t.pk in self.alumni_ids]
        rows, mentored = [], set()
        for mentor in mentors:
            # A trainee has one mentor at a time (mentoring.rules.propose_error).
            local = [t for t in alumni if t.region_id == mentor.region_id and t.pk not in mentored]
            for trainee in self.rng.sample(local, min(len(local), mentor.capacity // 2)):
                mentored.add(trainee.pk)
                rows.append(Mentorship(
                    uuid=self.uuid(), mentor=mentor, trainee=trainee,
                    status=Mentorship.Status.ACTIVE, goals="Find my next leadership role.",
                    started_on=self.days_ago(30, 200),
                ))
        Mentorship.objects.bulk_create(rows)
        meetings = [Meeting(uuid=self.uuid(), mentorship=m, held_on=self.days_ago(1, 29),
                            private_notes="Talked through options for a clinical lead role.")
                    for m in Mentorship.objects.order_by("uuid")]
        Meeting.objects.bulk_create(meetings)
        topics = Meeting.topics.through
        topics.objects.bulk_create([
            topics(meeting_id=m.pk, frameworkdomain_id=self.rng.choice(self.ref.domains).pk)
            for m in Meeting.objects.order_by("uuid")
        ])

@transaction.atomic
def add_open_vacancies(*, count: int, seed: int, today: date | None = None) -> None:
    """Post `count` more open roles across the seeded trusts."""
    seeder = Seeder(trainees=0, seed=seed, today=today or timezone.localdate())
    for trust in Trust.objects.order_by("ods_code"):
        seeder.ref.trusts_by_region.setdefault(trust.region_id, []).append(trust)
    seeder.open_vacancies(count)


@transaction.atomic
def seed_demo(*, trainees: int, seed: int, today: date | None = None, reset: bool = False) -> dict:
    """Fill the database with synthetic data; refuses to mix with existing data."""
    if reset:
        reset_demo_data()
    elif Trainee.objects.exists() or User.objects.exists():
        raise ValueError("The database already holds data: pass reset to replace it.")
    return Seeder(trainees=trainees, seed=seed, today=today or timezone.localdate()).run()
