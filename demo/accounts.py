"""The demo logins and what each one has to show (a part of Seeder)."""

from accounts.models import Role, User
from demo.alumni import AlumniParts
from demo.content import (
    DEMO_LED_SCHEME,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_REGION,
    FIRST_NAMES,
    LAST_NAMES,
)
from demo.portfolios import PortfolioParts
from demo.rounds import RoundParts
from demo.schemes import SchemeParts
from mentoring.models import Mentor, Mentorship
from reference.models import Region
from schemes.models import Fellowship, Scheme
from trainees.models import (
    Evidence,
    Preferences,
    Trainee,
)


class DemoAccounts(AlumniParts, SchemeParts, PortfolioParts, RoundParts):
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
        self.demo_trust_id = trust.pk
        make = {
            Role.TRAINEE: {},
            Role.DEANERY_STAFF: {"region": region},
            Role.MEDICAL_DIRECTOR: {"trust": trust},
            Role.MENTOR: {},
            Role.ADMINISTRATOR: {"is_staff": True, "is_superuser": True},
            Role.SCHEME_LEAD: {},
        }
        users = {}
        for role, fields in make.items():
            user = self.user(role, DEMO_LOGINS[role], **fields)
            user.set_password(DEMO_PASSWORD)
            user.save()
            users[role] = user
        trainee = self.demo_trainee(region, users[Role.TRAINEE])
        self.demo_mentor(region, users[Role.MENTOR], trainee)
        self.director_roles()
        Scheme.objects.get(short_name=DEMO_LED_SCHEME).leads.add(users[Role.SCHEME_LEAD])

    def demo_trainee(self, region: Region, user: User) -> Trainee:
        """The demo trainee: a recent Darzi alumnus in the demo region, with a portfolio."""
        in_region = [t for t in self.trainee_rows if t.region_id == region.pk]
        chosen = [t for t in in_region if t.pk == self.demo_alumnus_id]
        trainee = (chosen or [t for t in in_region if t.pk not in self.fellow_ids] or in_region)[0]
        trainee.user = user
        trainee.first_name, trainee.last_name = user.first_name, user.last_name
        trainee.email = user.email
        trainee.leadership_interest = True
        trainee.portfolio_updated_at = self.moment(self.days_ago(2, 20))
        trainee.save(update_fields=["user", "first_name", "last_name", "email", "leadership_interest",
                                    "portfolio_updated_at"])
        if trainee.pk not in self.alumni_ids:
            self.make_alumnus(trainee)
        if not trainee.evidence.exists():
            Evidence.objects.bulk_create([self.evidence(trainee) for _ in range(3)])
        # Open to being found, so matching gives them opportunities to look at.
        preferences, _ = Preferences.objects.get_or_create(trainee=trainee, defaults={"sessions_per_week": 2})
        preferences.discoverable, preferences.available_from = True, self.today
        preferences.discoverable_consent_at = self.moment(self.days_ago(30, 90))
        preferences.save(update_fields=["discoverable", "available_from", "discoverable_consent_at"])
        return trainee

    def make_alumnus(self, trainee: Trainee) -> None:
        """A small demo may have no Darzi alumnus in the region: the demo trainee becomes one."""
        ended = [c for c in self.cohorts if c.scheme.short_name == "Darzi Fellowship"
                 and c.end_date < self.today]
        cohort = ended[-1]
        assert trainee.current_trust is not None  # every demo trainee has one
        Fellowship.objects.filter(trainee=trainee).delete()
        Fellowship.objects.create(
            uuid=self.uuid(), trainee=trainee, cohort=cohort, status=Fellowship.Status.COMPLETED,
            host_organisation=trainee.current_trust.name, project_title="Improving discharge planning",
            start_date=cohort.start_date, end_date=cohort.end_date, completed_on=cohort.end_date,
        )
        self.alumni_ids.add(trainee.pk)
        self.completed[trainee.pk] = (cohort.end_date, "Darzi Fellowship")

    def demo_mentor(self, region: Region, user: User, trainee: Trainee) -> None:
        """The demo mentor, mentoring the demo trainee; alumni of the region with a mentor
        story are proposed to them or active with them too (demo/alumni.py)."""
        mentor = Mentor.objects.create(
            uuid=self.uuid(), user=user, organisation="Demo mentoring network",
            current_role="Medical director", region=region, capacity=6,
        )
        mentor.expertise.set(self.ref.domains[:2])
        Mentorship.objects.filter(trainee=trainee).delete()
        Mentorship.objects.create(
            uuid=self.uuid(), mentor=mentor, trainee=trainee, status=Mentorship.Status.ACTIVE,
            goals="Find my next leadership role.", started_on=self.days_ago(30, 60),
        )
