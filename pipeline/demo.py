"""Deterministic synthetic demo data across every model.

Same seed and day, same data: every random choice comes from one seeded
generator, UUIDs included, and dates are relative to a given day. Rows go in with
bulk inserts so national scale (60,000 trainees) seeds in reasonable time.
Everything here is invented: no real person, and trusts with made-up names.
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role, User
from allocation.models import AllocationRound, ApplicantRank, RoundPost, TraineeChoice
from mentoring.models import Meeting, Mentor, Mentorship
from pipeline.models import LeadershipRoleType, Region, Trust, Vacancy
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import (
    EqualityMonitoring,
    Evidence,
    FrameworkDomain,
    FrameworkElement,
    Grade,
    LeadershipRole,
    Placement,
    Preferences,
    Project,
    Qualification,
    Specialty,
    Trainee,
)

DEMO_PASSWORD = "demo-pipeline-2026"
DEMO_LOGINS = {
    Role.TRAINEE: "trainee@demo.example",
    Role.DEANERY_STAFF: "staff@demo.example",
    Role.MEDICAL_DIRECTOR: "director@demo.example",
    Role.MENTOR: "mentor@demo.example",
    Role.ADMINISTRATOR: "admin@demo.example",
}
DEMO_REGION = "north-west-london"
BATCH = 5000

FIRST_NAMES = (
    "Aisha Alex Amara Amir Anna Arjun Ben Bethan Caitlin Chen Chloe Daniel David Dylan Eleanor Emeka "
    "Emily Ewan Fatima Finn Grace Hannah Harry Isla Jack James Jasmine Kwame Laura Leah Liam Maya "
    "Mohammed Niamh Noah Olivia Omar Priya Rhys Rosa Ruth Sam Sara Siobhan Sofia Tariq Thomas Yusuf "
    "Zara Zoe"
).split()
LAST_NAMES = (
    "Adeyemi Ahmed Ali Anderson Bailey Banerjee Begum Brown Campbell Chowdhury Clarke Davies Edwards "
    "Evans Fernandes Fraser Green Hall Hughes Hussain Iqbal Jackson James Jones Kaur Khan Kumar "
    "Lewis Lim MacDonald Martin Morgan Murphy Nguyen Okafor Owen Patel Price Rahman Reid Roberts "
    "Robinson Shah Singh Smith Taylor Thomas Thompson Walker Watson White Williams Wilson Wright "
    "Young"
).split()
TOWN_PARTS = (
    ("Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Glen", "Hart", "Kings", "Lark", "Mill", "Nor",
     "Oak", "Pen", "Red", "Stan", "Thorn", "Wey", "Wil", "York"),
    ("bridge", "brook", "bury", "combe", "field", "ford", "ham", "hurst", "ley", "mouth",
     "stead", "ton", "vale", "well", "wick", "worth"),
)
TRUST_KINDS = (
    "Hospitals NHS Foundation Trust", "University Hospitals NHS Trust",
    "Healthcare NHS Trust", "Teaching Hospitals NHS Foundation Trust",
)
PROJECT_TOPICS = (
    "sepsis screening in the emergency department", "discharge before noon on medical wards",
    "handover safety between shifts", "theatre start times", "inpatient falls",
    "antibiotic review at 72 hours", "outpatient follow-up backlog", "frailty assessment at the front door",
    "medicines reconciliation on admission", "junior doctor rota gaps", "deteriorating patient escalation",
    "virtual ward referrals", "waiting times for diagnostic imaging",
    "venous thromboembolism risk assessment",
)
HOSTS = ("NHS England", "General Medical Council", "Care Quality Commission",
         "Health Education England", "a regional improvement academy", "an integrated care board")
QUALIFICATIONS = (
    ("PGCert in Healthcare Leadership", "certificate"), ("MSc in Healthcare Leadership", "masters"),
    ("PGDip in Quality Improvement", "diploma"), ("MBA (Healthcare)", "masters"),
    ("Certificate in Medical Management", "other"),
)


@dataclass
class Ref:
    """Reference data and the rows created so far, keyed for quick lookup."""

    regions: list
    grades: list
    specialties: list
    elements: list
    domains: list
    role_types: list
    schemes: list
    trusts_by_region: dict = field(default_factory=dict)


class Seeder:
    def __init__(self, *, trainees: int, seed: int, today: date) -> None:
        self.n_trainees = trainees
        self.rng = random.Random(seed)
        self.today = today
        self.ref = Ref(
            regions=list(Region.objects.order_by("code")),
            grades=list(Grade.objects.order_by("rank")),
            specialties=list(Specialty.objects.order_by("name")),
            elements=list(FrameworkElement.objects.filter(framework__code="mlcf").order_by("pk")),
            domains=list(FrameworkDomain.objects.filter(framework__code="mlcf").order_by("number")),
            role_types=list(LeadershipRoleType.objects.order_by("code")),
            schemes=list(Scheme.objects.order_by("short_name")),
        )

    # -- helpers -------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(9, 0)))

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

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

    def portfolios(self) -> None:
        people = [t for t in self.trainee_rows if t.leadership_interest or t.pk in self.fellow_ids]
        evidence, projects, qualifications, roles, preferences = [], [], [], [], []
        for trainee in people:
            depth = 3 if trainee.pk in self.alumni_ids else 1
            evidence += [self.evidence(trainee) for _ in range(self.rng.randint(0, 4 * depth))]
            projects += [self.project(trainee) for _ in range(self.rng.randint(0, depth))]
            if trainee.pk in self.alumni_ids and self.rng.random() < 0.4:
                qualifications.append(self.qualification(trainee))
            if self.rng.random() < 0.2 * depth:
                roles.append(self.leadership_role(trainee))
            preferences.append(self.preferences(trainee))
        for model, rows in ((Evidence, evidence), (Project, projects),
                            (Qualification, qualifications), (LeadershipRole, roles),
                            (Preferences, preferences)):
            model.objects.bulk_create(rows, batch_size=BATCH)
        self.preference_regions(preferences)
        self.equality_answers()
        self.portfolio_timestamps(people)

    def evidence(self, trainee: Trainee) -> Evidence:
        element = self.rng.choice(self.ref.elements)
        return Evidence(
            uuid=self.uuid(), trainee=trainee, element=element,
            title=f"{element.name}: {self.rng.choice(PROJECT_TOPICS)}",
            what_i_did=f"Led work on {self.rng.choice(PROJECT_TOPICS)} with the multidisciplinary team.",
            what_i_learned="How to bring colleagues with me and measure the change.",
            occurred_on=self.days_ago(10, 900),
            level=self.rng.choice(Evidence.Level.values),
        )

    def project(self, trainee: Trainee) -> Project:
        topic = self.rng.choice(PROJECT_TOPICS)
        done = self.rng.random() < 0.6
        start = self.days_ago(200, 1200)
        return Project(
            uuid=self.uuid(), trainee=trainee, title=f"Improving {topic}",
            aim=f"Improve {topic} within six months.",
            measures="Weekly audit of a random sample of 20 cases.",
            baseline=f"{self.rng.randint(20, 60)}% compliant at baseline.",
            outcome=f"{self.rng.randint(65, 95)}% compliant after three PDSA cycles." if done else "",
            status=Project.Status.COMPLETED if done else Project.Status.IN_PROGRESS,
            trust=trainee.current_trust, start_date=start,
            end_date=start + timedelta(days=self.rng.randint(90, 180)) if done else None,
        )

    def qualification(self, trainee: Trainee) -> Qualification:
        title, kind = self.rng.choice(QUALIFICATIONS)
        return Qualification(uuid=self.uuid(), trainee=trainee, title=title, kind=kind,
                             awarding_body="A UK university", awarded_on=self.days_ago(60, 1500))

    def leadership_role(self, trainee: Trainee) -> LeadershipRole:
        role_type = self.rng.choice(self.ref.role_types)
        start = self.days_ago(30, 700)
        return LeadershipRole(
            uuid=self.uuid(), trainee=trainee, title=role_type.name, role_type=role_type,
            organisation=trainee.current_trust.name, trust=trainee.current_trust,
            start_date=start,
            end_date=None if self.rng.random() < 0.5 else start + timedelta(days=365),
        )

    def preferences(self, trainee: Trainee) -> Preferences:
        discoverable = self.rng.random() < 0.6
        return Preferences(
            trainee=trainee, sessions_per_week=self.rng.randint(1, 5),
            available_from=self.today + timedelta(days=self.rng.randint(0, 180)),
            discoverable=discoverable,
            discoverable_consent_at=self.moment(self.days_ago(1, 300)) if discoverable else None,
        )

    def preference_regions(self, preferences: list[Preferences]) -> None:
        by_trainee = dict(Preferences.objects.values_list("trainee_id", "id"))
        through = Preferences.regions.through
        rows = [through(preferences_id=by_trainee[p.trainee_id], region_id=p.trainee.region_id)
                for p in preferences]
        through.objects.bulk_create(rows, batch_size=BATCH)
        kinds = Preferences.role_types.through
        rows = [kinds(preferences_id=by_trainee[p.trainee_id], leadershiproletype_id=role_type.pk)
                for p in preferences for role_type in self.rng.sample(self.ref.role_types, 2)]
        kinds.objects.bulk_create(rows, batch_size=BATCH)

    def equality_answers(self) -> None:
        sexes = EqualityMonitoring.Sex.values
        groups = EqualityMonitoring.EthnicGroup.values
        rows = [EqualityMonitoring(
            trainee=t, sex=self.rng.choices(sexes, (48, 48, 4))[0],
            ethnic_group=self.rng.choices(groups, (22, 8, 4, 58, 4, 4))[0],
            disability=self.rng.choices(EqualityMonitoring.Answer.values, (6, 88, 6))[0],
        ) for t in self.trainee_rows]
        EqualityMonitoring.objects.bulk_create(rows, batch_size=BATCH)

    def portfolio_timestamps(self, people: list[Trainee]) -> None:
        for trainee in people:
            trainee.portfolio_updated_at = self.moment(self.days_ago(0, 400))
        Trainee.objects.bulk_update(people, ["portfolio_updated_at"], batch_size=BATCH)

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
        rows = []
        for mentor in mentors:
            local = [t for t in alumni if t.region_id == mentor.region_id]
            for trainee in self.rng.sample(local, min(len(local), mentor.capacity // 2)):
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

    def user(self, role: str, email: str, **fields) -> User:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        user = User(uuid=self.uuid(), email=email, first_name=first, last_name=last, role=role,
                    date_joined=self.moment(self.today), **fields)
        user.set_unusable_password()
        return user

    def demo_logins(self) -> None:
        """One account per role, joined up so each home page has something to show."""
        region = Region.objects.get(code=DEMO_REGION)
        trust = self.ref.trusts_by_region[region.pk][0]
        make = {
            Role.TRAINEE: {},
            Role.DEANERY_STAFF: {"region": region},
            Role.MEDICAL_DIRECTOR: {"trust": trust},
            Role.MENTOR: {},
            Role.ADMINISTRATOR: {"is_staff": True, "is_superuser": True},
        }
        users = {}
        for role, fields in make.items():
            user = self.user(role, DEMO_LOGINS[role], **fields)
            user.set_password(DEMO_PASSWORD)
            user.save()
            users[role] = user
        trainee = self.demo_trainee(region, trust, users[Role.TRAINEE])
        self.demo_mentor(region, users[Role.MENTOR], trainee)

    def demo_trainee(self, region: Region, trust: Trust, user: User) -> Trainee:
        """The demo trainee: a recent Darzi alumnus in the demo region, with a portfolio."""
        in_region = [t for t in self.trainee_rows if t.region_id == region.pk]
        alumni = [t for t in in_region if t.pk in self.alumni_ids]
        trainee = (alumni or in_region)[0]
        trainee.user = user
        trainee.first_name, trainee.last_name = user.first_name, user.last_name
        trainee.email = user.email
        trainee.leadership_interest = True
        trainee.save(update_fields=["user", "first_name", "last_name", "email", "leadership_interest"])
        if trainee.pk not in self.alumni_ids:
            self.make_alumnus(trainee)
        if not trainee.evidence.exists():
            Evidence.objects.bulk_create([self.evidence(trainee) for _ in range(3)])
        Preferences.objects.get_or_create(trainee=trainee, defaults={"sessions_per_week": 2})
        return trainee

    def make_alumnus(self, trainee: Trainee) -> None:
        ended = [c for c in self.cohorts if c.scheme.short_name == "Darzi Fellowship"
                 and c.end_date < self.today]
        cohort = ended[-1]
        Fellowship.objects.filter(trainee=trainee).delete()
        Fellowship.objects.create(
            uuid=self.uuid(), trainee=trainee, cohort=cohort, status=Fellowship.Status.COMPLETED,
            host_organisation=self.rng.choice(HOSTS), project_title="Improving discharge planning",
            start_date=cohort.start_date, end_date=cohort.end_date, completed_on=cohort.end_date,
        )
        self.alumni_ids.add(trainee.pk)

    def demo_mentor(self, region: Region, user: User, trainee: Trainee) -> None:
        mentor = Mentor.objects.create(
            uuid=self.uuid(), user=user, organisation="Demo mentoring network",
            current_role="Medical director", region=region, capacity=3,
        )
        mentor.expertise.set(self.ref.domains[:2])
        Mentorship.objects.filter(trainee=trainee).delete()
        Mentorship.objects.create(
            uuid=self.uuid(), mentor=mentor, trainee=trainee, status=Mentorship.Status.ACTIVE,
            goals="Find my next leadership role.", started_on=self.days_ago(30, 60),
        )

    # -- allocation rounds ------------------------------------------------------

    def rounds(self) -> None:
        """Two rounds in the demo region: one open for ranking (the demo trainee has not
        ranked yet), one whose ranking has closed, ready for staff to run and publish.
        Results are never invented: they come from running a round."""
        region = Region.objects.get(code=DEMO_REGION)
        staff = User.objects.get(email=DEMO_LOGINS[Role.DEANERY_STAFF])
        demo_trainee = Trainee.objects.get(user__email=DEMO_LOGINS[Role.TRAINEE])
        others = [t for t in Trainee.objects.filter(region=region).order_by("pk") if t != demo_trainee]
        closed_on = self.today - timedelta(days=self.rng.randint(15, 25))
        _, posts = self.round(region, staff, f"{region.name} leadership fellowships, autumn",
                              closed_on, [demo_trainee, *self.rng.sample(others, min(40, len(others)))])
        for post in posts[:2]:  # two directors ranked; the rest fall back to the starting order
            self.applicant_ranking(post, ranked_on=closed_on + timedelta(days=3))
        self.round(region, staff, f"{region.name} leadership fellowships, spring",
                   self.today + timedelta(days=14), self.rng.sample(others, min(25, len(others))))

    def round(self, region: Region, staff: User, name: str, trainee_deadline: date,
              applicants: list[Trainee]) -> tuple[AllocationRound, list[RoundPost]]:
        round = AllocationRound.objects.create(
            uuid=self.uuid(), name=name, region=region, status=AllocationRound.Status.OPEN,
            trainee_deadline=trainee_deadline, director_deadline=trainee_deadline + timedelta(days=10),
            created_by=staff, opened_at=self.moment(trainee_deadline - timedelta(days=21)))
        posts = []
        for trust in self.ref.trusts_by_region[region.pk][:5]:  # the demo director's trust first
            vacancy = self.vacancy(trust, self.ref.grades, Vacancy.Status.OPEN)
            # Open to every grade and specialty, so every applicant may rank every post.
            vacancy.min_grade, vacancy.max_grade = self.ref.grades[0], self.ref.grades[-1]
            vacancy.save()
            vacancy.required_domains.set(self.rng.sample(self.ref.domains, 2))
            posts.append(RoundPost.objects.create(uuid=self.uuid(), round=round, vacancy=vacancy,
                                                  places=self.rng.randint(1, 3)))
        TraineeChoice.objects.bulk_create([
            TraineeChoice(round=round, trainee=trainee, post=post, rank=rank,
                          chosen_at=self.moment(trainee_deadline - timedelta(days=self.rng.randint(1, 14))))
            for trainee in applicants
            for rank, post in enumerate(self.rng.sample(posts, self.rng.randint(1, 4)), 1)])
        return round, posts

    def applicant_ranking(self, post: RoundPost, ranked_on: date) -> None:
        applicants = list(post.choices.order_by("trainee_id").values_list("trainee_id", flat=True))
        self.rng.shuffle(applicants)
        ranked = applicants[:max(1, len(applicants) - 1)]  # one applicant left unranked
        ApplicantRank.objects.bulk_create([ApplicantRank(post=post, trainee_id=trainee_id, rank=rank)
                                           for rank, trainee_id in enumerate(ranked, 1)])
        post.ranked_at = self.moment(ranked_on)
        post.ranked_by = post.vacancy.trust.directors.first()
        post.save(update_fields=["ranked_at", "ranked_by"])


def demo_tables() -> list[str]:
    """Every table that holds demo data: all but reference data and framework tables."""
    reference = {"Region", "LeadershipRoleType", "Grade", "Specialty", "LeadershipFramework",
                 "FrameworkDomain", "FrameworkElement", "Scheme"}
    tables = ["django_admin_log", "django_session"]
    for label in ("accounts", "pipeline", "trainees", "schemes", "mentoring", "allocation"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model.__name__ not in reference:
                tables.append(model._meta.db_table)
    return tables


def reset_demo_data() -> None:
    """Remove all demo data and restart id sequences, so a reseed gives identical ids."""
    statements = connection.ops.sql_flush(
        no_style(), demo_tables(), reset_sequences=True, allow_cascade=True
    )
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred foreign-key checks still pending in
        # this transaction (seeding twice in one transaction, as tests do): run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(statements)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


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
