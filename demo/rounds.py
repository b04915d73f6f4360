"""The demo region's allocation rounds, one in each phase on the day of seeding (a part of
the demo seeder). Placements are never invented: the run and published rounds are run and
published by the allocation services, as staff would."""

from dataclasses import dataclass
from datetime import date, timedelta

from accounts.models import Role, User
from allocation.models import AllocationRound, ApplicantRank, RoundPost, TraineeChoice
from allocation.services import round_publish, round_run
from demo.content import DEMO_LOGINS, DEMO_REGION
from demo.roles import RoleParts
from notifications.models import Notification
from pipeline.models import Vacancy
from reference.models import Region
from trainees.models import Trainee

Status = AllocationRound.Status


@dataclass(frozen=True)
class RoundShape:
    trainees_until: int      # trainees' last day to rank, in days from the day of seeding
    status: str
    applicants: int          # at full size
    ranked_posts: int        # posts whose director saved a ranking
    run: bool = False
    publish: bool = False
    demo_trainee_ranked: bool = False


# In phase order: being set up, trainees ranking, directors ranking (on the day of seeding),
# ready to run, run, published. Directors rank for 10 days after trainees' last day.
ROUNDS = (
    RoundShape(30, Status.DRAFT, 0, 0),
    RoundShape(14, Status.OPEN, 25, 0),
    RoundShape(-3, Status.OPEN, 30, 1),
    RoundShape(-20, Status.OPEN, 40, 2, demo_trainee_ranked=True),
    RoundShape(-50, Status.OPEN, 30, 2, run=True),
    RoundShape(-110, Status.OPEN, 30, 3, run=True, publish=True),
)
DIRECTORS_DAYS = 10
POST_KINDS = ("leadership-fellow", "project-lead")  # open from F2: every applicant fits


class RoundParts(RoleParts):
    """Round steps of `demo.seeder.Seeder`."""

    def rounds(self) -> None:
        region = Region.objects.get(code=DEMO_REGION)
        staff = User.objects.get(email=DEMO_LOGINS[Role.DEANERY_STAFF])
        demo_trainee = Trainee.objects.get(user__email=DEMO_LOGINS[Role.TRAINEE])
        f2 = self.ref.grade("F2").rank
        # Alumni are left out of the published round: a placement is a leadership role,
        # and alumni's roles are part of their story (demo/alumni.py).
        others = [t for t in Trainee.objects.filter(region=region, grade__rank__gte=f2).order_by("pk")
                  if t != demo_trainee]
        not_alumni = [t for t in others if t.pk not in self.alumni_ids]
        for shape in ROUNDS:
            pool = not_alumni if shape.publish else others
            applicants = self.rng.sample(pool, min(self.scaled(shape.applicants) if shape.applicants
                                                   else 0, len(pool)))
            if shape.demo_trainee_ranked:
                applicants.insert(0, demo_trainee)
            self.round(region, staff, shape, applicants)

    def round(self, region: Region, staff: User, shape: RoundShape, applicants: list[Trainee]) -> None:
        trainee_deadline = self.today + timedelta(days=shape.trainees_until)
        director_deadline = trainee_deadline + timedelta(days=DIRECTORS_DAYS)
        opened = None if shape.status == Status.DRAFT else self.moment(trainee_deadline - timedelta(days=21))
        closes = f"{trainee_deadline.day} {trainee_deadline:%B %Y}"
        round = AllocationRound.objects.create(
            uuid=self.uuid(), name=f"{region.name} leadership posts closing {closes}",
            region=region, status=shape.status, trainee_deadline=trainee_deadline,
            director_deadline=director_deadline, created_by=staff, opened_at=opened)
        posts = self.posts(round, region, closing=(trainee_deadline - timedelta(days=1) if shape.run
                                                   else director_deadline + timedelta(days=30)))
        TraineeChoice.objects.bulk_create([
            TraineeChoice(round=round, trainee=trainee, post=post, rank=rank,
                          chosen_at=self.moment(trainee_deadline - timedelta(days=self.rng.randint(1, 14))))
            for trainee in applicants
            for rank, post in enumerate(self.rng.sample(posts, self.rng.randint(1, 4)), 1)])
        # The demo director's post (the first) is ranked last, so a round in their window
        # still asks them to rank it.
        for post in posts[::-1][:shape.ranked_posts]:
            self.applicant_ranking(post, ranked_on=trainee_deadline + timedelta(days=3))
        if shape.run:
            self.run_and_publish(round, staff, shape.publish, director_deadline)

    def posts(self, round: AllocationRound, region: Region, closing: date) -> list[RoundPost]:
        kinds = [r for r in self.ref.role_types if r.code in POST_KINDS]
        vacancies = [self.vacancy(trust, status=Vacancy.Status.OPEN, role_type=self.rng.choice(kinds),
                                  closing=closing)
                     for trust in self.ref.trusts_by_region[region.pk][:5]]  # the demo director's first
        for vacancy in vacancies:
            vacancy.min_grade, vacancy.max_grade = self.ref.grade("F2"), self.ref.grades[-1]
        self.save_vacancies(vacancies, specialties=False)
        saved = {v.uuid: v for v in Vacancy.objects.filter(uuid__in=[v.uuid for v in vacancies])}
        return [RoundPost.objects.create(uuid=self.uuid(), round=round, vacancy=saved[v.uuid],
                                         places=self.rng.randint(1, 3)) for v in vacancies]

    def applicant_ranking(self, post: RoundPost, ranked_on: date) -> None:
        applicants = list(post.choices.order_by("trainee_id").values_list("trainee_id", flat=True))
        self.rng.shuffle(applicants)
        ranked = applicants[:max(1, len(applicants) - 1)]  # one applicant left unranked
        ApplicantRank.objects.bulk_create([ApplicantRank(post=post, trainee_id=trainee_id, rank=rank)
                                           for rank, trainee_id in enumerate(ranked, 1)])
        post.ranked_at = self.moment(ranked_on)
        post.ranked_by = post.vacancy.trust.directors.first()
        post.save(update_fields=["ranked_at", "ranked_by"])

    def run_and_publish(self, round: AllocationRound, staff: User, publish: bool, closed: date) -> None:
        """Run (and publish) as staff did a few days after directors' ranking closed."""
        with self.seeded_uuids():
            round = round_run(round=round, by=staff, today=self.today)
            if publish:
                round = round_publish(round=round, by=staff)
        # As of those days, in the round and in its history (no new history row for it).
        run_at = self.moment(closed + timedelta(days=3))
        published_at = self.moment(closed + timedelta(days=7))
        AllocationRound.objects.filter(pk=round.pk).update(
            run_at=run_at, published_at=published_at if publish else None)
        round.history.filter(run_at__isnull=False).update(run_at=run_at)
        round.history.filter(published_at__isnull=False).update(published_at=published_at)
        # Its outcome emails went out then, not from this seed.
        Notification.objects.filter(status=Notification.Status.QUEUED).update(
            status=Notification.Status.SENT, sent_at=published_at, attempts=1)
