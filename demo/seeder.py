"""Deterministic synthetic demo data across every model.

Same seed and day, same data: every random choice comes from one seeded
generator, UUIDs included, and dates are relative to a given day. Rows go in with
bulk inserts so national scale (60,000 trainees) seeds in reasonable time.
Everything here is invented: no real person, and trusts with made-up names. The story it
tells (docs: README "A tour of the demo") is stated by tests/pipeline/test_demo_story.py.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from demo.accounts import DemoAccounts
from demo.careers import seed_career_histories
from demo.content import (
    BATCH,
    FIRST_NAMES,
    LAST_NAMES,
    OTHER_REGION_WEIGHT,
    REGION_WEIGHTS,
    TOWN_PARTS,
    TRUST_KINDS,
)
from demo.governance import seed_governance
from demo.ideas import seed_ideas
from demo.invitations import seed_invitations
from demo.reset import reset_demo_data
from demo.showcase import publish_stories
from mentoring.models import Mentor
from pipeline.models import Vacancy
from reference.models import (
    Grade,
    Region,
    Trust,
)
from schemes.models import Fellowship, SchemeInterest
from trainees.models import (
    Placement,
    Trainee,
)


class Seeder(DemoAccounts):
    """Every step of the demo, in order (`run`); the parts live in demo/schemes.py,
    demo/portfolios.py, demo/roles.py, demo/alumni.py and demo/accounts.py."""

    # -- the steps -----------------------------------------------------------

    def run(self) -> dict[str, int]:
        self.trusts()
        self.plan_intakes()
        self.trainees()
        self.placements()
        self.cohorts_and_fellowships()
        self.scheme_interests()
        self.plan_alumni()
        self.portfolios()
        self.mentors()
        self.vacancies()
        self.demo_logins()
        self.alumni_stories()
        self.director_candidates()
        self.past_appointments()
        self.rounds()
        publish_stories(new_uuid=self.uuid, today=self.today)
        seed_ideas(self)
        seed_invitations(self)
        seed_career_histories(self)  # it reads who holds a role after everything else
        seed_governance(self)  # adds no role: its draws come last
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
        region_weights = [REGION_WEIGHTS.get(r.code, OTHER_REGION_WEIGHT) for r in self.ref.regions]
        rows = []
        for gmc in gmc_numbers:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            region = self.rng.choices(self.ref.regions, region_weights)[0]
            rows.append(Trainee(
                uuid=self.uuid(), gmc_number=str(gmc), first_name=first, last_name=last,
                email=f"{first}.{last}.{gmc}@trainee.example".lower(),
                grade=self.rng.choices(self.ref.grades, grade_weights)[0],
                specialty=self.rng.choice(self.ref.specialties), region=region,
                current_trust=self.rng.choice(self.ref.trusts_by_region[region.pk]),
                expected_cct_date=self.today + timedelta(days=self.rng.randint(90, 6 * 365)),
                leadership_interest=self.rng.random() < 0.15,
            ))
        self.enrol(rows)  # fellows' regions and grades fit their schemes
        Trainee.objects.bulk_create(rows, batch_size=BATCH)
        # PostgreSQL and SQLite (3.35+) return the new ids, so the rows, with their region,
        # grade and trust attached, need not be read back.
        assert all(row.pk is not None for row in rows)
        self.trainee_rows = sorted(rows, key=lambda t: t.gmc_number)

    def scheme_interests(self) -> None:
        """Trainees interested in leadership say which schemes they would join: one or two
        of those whose grades and regions fit them (the funnel's first stage)."""
        fits = {s.pk: ({g.pk for g in s.eligible_grades.all()}, {r.pk for r in s.regions.all()})
                for s in self.ref.schemes if s.is_active}
        rows = []
        for trainee in self.trainee_rows:
            if not trainee.leadership_interest:
                continue
            open_to_them = [pk for pk, (grades, regions) in fits.items()
                            if (not grades or trainee.grade_id in grades)
                            and (not regions or trainee.region_id in regions)]
            for scheme_id in self.rng.sample(open_to_them, min(len(open_to_them), self.rng.randint(1, 2))):
                rows.append(SchemeInterest(trainee=trainee, scheme_id=scheme_id))
        SchemeInterest.objects.bulk_create(rows, batch_size=BATCH)

    def placements(self) -> None:
        """The current placement is at the trainee's current trust; earlier ones anywhere in
        their region."""
        rows = []
        for trainee in self.trainee_rows:
            trusts = self.ref.trusts_by_region[trainee.region_id]
            length = self.rng.choice((122, 182, 365))
            start = self.today - timedelta(days=self.rng.randint(1, length - 30))
            trust = trainee.current_trust
            for _ in range(self.rng.randint(1, 3)):
                rows.append(Placement(
                    uuid=self.uuid(), trainee=trainee, trust=trust, specialty=trainee.specialty,
                    grade=trainee.grade, start_date=start, end_date=start + timedelta(days=length - 1),
                ))
                length = self.rng.choice((122, 182, 365))
                start, trust = start - timedelta(days=length), self.rng.choice(trusts)
        Placement.objects.bulk_create(rows, batch_size=BATCH)

    def mentors(self) -> None:
        per_region = max(3, self.n_trainees // 2000)
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
                    region=region, capacity=self.rng.randint(2, 5),
                ))
        Mentor.objects.bulk_create(mentors)
        self.mentor_expertise()

    def mentor_expertise(self) -> None:
        through = Mentor.expertise.through
        rows = []
        for mentor in Mentor.objects.order_by("user__email"):
            for domain in self.rng.sample(self.ref.domains, 2):
                rows.append(through(mentor_id=mentor.pk, frameworkdomain_id=domain.pk))
        through.objects.bulk_create(rows)


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
