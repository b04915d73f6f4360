"""The demo logins and what each one has to show, and the demo allocation rounds (a part
of Seeder)."""

from datetime import date, timedelta

from accounts.models import Role, User
from allocation.models import AllocationRound, ApplicantRank, RoundPost, TraineeChoice
from demo.content import DEMO_LOGINS, DEMO_PASSWORD, DEMO_REGION, FIRST_NAMES, HOSTS, LAST_NAMES
from demo.portfolios import PortfolioParts
from demo.roles import RoleParts
from mentoring.models import Mentor, Mentorship
from pipeline.models import Vacancy
from reference.models import (
    Region,
    Trust,
)
from schemes.models import Fellowship
from trainees.models import (
    Evidence,
    Preferences,
    Trainee,
)


class DemoAccounts(RoleParts, PortfolioParts):
    """Demo-login and round steps of `demo.seeder.Seeder`."""

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
