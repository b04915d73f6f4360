"""What each alumnus's story is, so that the stewardship sweep finds every status and every
reason (docs/stewardship.md) in every region: the facts the rule reads (a leadership role,
a mentor, an interest, staff contact, when the portfolio was last touched) and the staff
actions kept in their history. Statuses are never written here: `manage.py
sweep_stewardship` (run by `make seed`) works them out from these facts."""

from datetime import date, timedelta

from django.db.models import Count

from accounts.models import User
from demo.content import DEMO_REGION, PROJECT_TOPICS
from demo.roles import RoleParts
from mentoring.models import Meeting, Mentor, Mentorship
from pipeline.models import Interest, StewardshipEvent, Vacancy
from trainees.models import LeadershipRole, Trainee

# Back less than 3 months: engaged whatever else is true ("recently returned").
RECENT = ("returned",)
# Back 3 to 12 months: engaged by a role, a mentor, an interest or contact, else at risk.
# Holding a role comes up twice: it is what most alumni go on to.
MID = ("role", "role", "mentor", "interest", "contact", "untouched", "never", "role_ended",
       "contact_lapsed", "nudged", "mentoring_ended")
# Back 12 months or more: engaged, at risk while the portfolio is touched, else lost.
OLD = ("role", "role", "mentor", "interest", "contact", "lost_untouched", "lost_never", "lost_nudged",
       "portfolio_fresh", "interest_lapsed", "lost_contact_lapsed")
NEVER_TOUCHED = {"never", "lost_never"}
FRESH = {"portfolio_fresh", "interest_lapsed"}
ENGAGING = {"returned", "role", "mentor", "interest", "contact"}
GRACE_DAYS, LOST_DAYS = 92, 366  # the first day out of 3 and of 12 months (30.44 days each)


class AlumniParts(RoleParts):
    """Alumni steps of `demo.seeder.Seeder`."""

    demo_alumnus_id: int | None

    def plan_alumni(self) -> None:
        """Give each alumnus a story, in turn within each region and time since completing,
        so even a small region has every one."""
        self.story = {}
        by_region: dict[int, list[Trainee]] = {}
        for trainee in self.trainee_rows:
            if trainee.pk in self.alumni_ids:
                by_region.setdefault(trainee.region_id, []).append(trainee)
        self.demo_alumnus_id = self.pick_demo_alumnus(by_region)
        for alumni in by_region.values():
            turn = {RECENT: 0, MID: self.rng.randrange(len(MID)), OLD: self.rng.randrange(len(OLD))}
            for trainee in alumni:
                if trainee.pk == self.demo_alumnus_id:
                    continue
                stories = self.stories_for(self.completed[trainee.pk][0])
                self.story[trainee.pk] = stories[turn[stories] % len(stories)]
                turn[stories] += 1

    def stories_for(self, completed: date) -> tuple[str, ...]:
        days = (self.today - completed).days
        return RECENT if days < GRACE_DAYS else MID if days < LOST_DAYS else OLD

    def pick_demo_alumnus(self, by_region: dict[int, list[Trainee]]) -> int | None:
        """The demo trainee: the demo region's most recent Darzi alumnus, if it has one."""
        region = self.ref.region(DEMO_REGION)
        darzi = [t for t in by_region.get(region.pk, []) if self.completed[t.pk][1] == "Darzi Fellowship"]
        if not darzi:
            return None
        return max(darzi, key=lambda t: (self.completed[t.pk][0], -t.pk)).pk

    # -- the facts of each story ------------------------------------------------------

    def alumni_stories(self) -> None:
        self.staff = User.objects.get(email=self.demo_staff_email)
        self.demo_region_id = self.ref.region(DEMO_REGION).pk
        self.events: list[StewardshipEvent] = []
        self.roles: list[LeadershipRole] = []
        self.interests: list[tuple[Interest, date]] = []
        self.mentorships: list[Mentorship] = []
        taken = dict(Mentorship.objects.open().values_list("mentor_id").annotate(n=Count("pk")).order_by())
        self.mentor_room: dict[int, int] = {}
        self.mentors_by_region: dict[int, list[Mentor]] = {}
        mentors = Mentor.objects.select_related("user").order_by("user__email")
        # The demo mentor first in their region, so the demo shows their mentees.
        for mentor in sorted(mentors, key=lambda m: m.user.email != self.demo_mentor_email):
            self.mentor_room[mentor.pk] = mentor.capacity - taken.get(mentor.pk, 0)
            self.mentors_by_region.setdefault(mentor.region_id, []).append(mentor)
        self.vacancies_by_region: dict[int, list[Vacancy]] = {}
        for vacancy in Vacancy.objects.select_related("trust", "min_grade", "max_grade").order_by("pk"):
            self.vacancies_by_region.setdefault(vacancy.trust.region_id, []).append(vacancy)
        touched = []
        for trainee in self.trainee_rows:
            story = self.story.get(trainee.pk)
            if story is None:
                continue
            getattr(self, f"story_{story}", self.story_nothing)(trainee)
            trainee.portfolio_updated_at = self.touched(story)
            touched.append(trainee)
        Trainee.objects.bulk_update(touched, ["portfolio_updated_at"], batch_size=1000)
        StewardshipEvent.objects.bulk_create(self.events, batch_size=1000)
        Mentorship.objects.bulk_create(self.mentorships, batch_size=1000)
        self.meetings([m for m in self.mentorships if m.status == Mentorship.Status.ACTIVE])
        LeadershipRole.objects.bulk_create(self.roles, batch_size=1000)
        self.save_interests(self.interests)

    def touched(self, story: str):
        if story in NEVER_TOUCHED:
            return None
        if story in FRESH:
            return self.moment(self.days_ago(5, 150))
        if story in ENGAGING:
            return self.moment(self.days_ago(0, 300))
        return self.moment(self.days_ago(200, 420))

    def since(self, trainee: Trainee) -> int:
        return (self.today - self.completed[trainee.pk][0]).days

    def event(self, trainee: Trainee, kind: str, text: str, days_ago: int) -> None:
        by = self.staff if trainee.region_id == self.demo_region_id else None
        self.events.append(StewardshipEvent(trainee=trainee, kind=kind, text=text, by=by,
                                            at=self.moment(self.today - timedelta(days=days_ago))))

    def story_nothing(self, trainee: Trainee) -> None:
        """Untouched portfolio, no role, mentor, interest or contact: the facts say it all."""

    def story_returned(self, trainee: Trainee) -> None:
        self.event(trainee, StewardshipEvent.Kind.NOTE, "Back from the fellowship; welcome-back "
                   "meeting booked with the training programme director.", self.rng.randint(1, 20))

    def story_role(self, trainee: Trainee, ended: bool = False) -> None:
        assert trainee.current_trust is not None  # every demo trainee has one
        role_type = self.role_type_for(trainee)
        assert role_type is not None  # alumni are past foundation
        start = self.completed[trainee.pk][0] + timedelta(days=self.rng.randint(7, 40))
        end = self.today - timedelta(days=self.rng.randint(14, 45)) if ended else None
        self.roles.append(LeadershipRole(
            uuid=self.uuid(), trainee=trainee, title=role_type.name, role_type=role_type,
            organisation=trainee.current_trust.name, trust=trainee.current_trust,
            start_date=start, end_date=end))

    def story_role_ended(self, trainee: Trainee) -> None:
        self.story_role(trainee, ended=True)
        self.event(trainee, StewardshipEvent.Kind.NOTE, "Their fixed-term lead role has ended; "
                   "no next role yet.", self.rng.randint(5, 13))

    def story_mentor(self, trainee: Trainee) -> None:
        mentor = self.mentor_with_room(trainee.region_id)
        if mentor is None:
            self.story_contact(trainee)
            return
        if mentor.user.email == self.demo_mentor_email:  # the demo mentor: active and proposed in turn
            proposed = sum(m.mentor_id == mentor.pk for m in self.mentorships) % 2 == 1
        else:
            proposed = self.rng.random() < 0.3
        self.mentor_room[mentor.pk] -= 1
        self.mentorships.append(Mentorship(
            uuid=self.uuid(), mentor=mentor, trainee=trainee,
            status=Mentorship.Status.PROPOSED if proposed else Mentorship.Status.ACTIVE,
            goals="Find my next leadership role after the fellowship.",
            started_on=None if proposed else self.days_ago(20, 150)))
        self.event(trainee, StewardshipEvent.Kind.MENTOR, f"Mentor assigned: {mentor}",
                   self.rng.randint(20, 80))

    def meetings(self, mentorships: list[Mentorship]) -> None:
        rows = [Meeting(uuid=self.uuid(), mentorship=m, held_on=self.days_ago(1, 19),
                        private_notes="Talked through options for a clinical lead role.")
                for m in mentorships]
        Meeting.objects.bulk_create(rows)
        topics = Meeting.topics.through
        topics.objects.bulk_create([
            topics(meeting_id=m.pk, frameworkdomain_id=self.rng.choice(self.ref.domains).pk)
            for m in Meeting.objects.filter(uuid__in=[r.uuid for r in rows]).order_by("uuid")])

    def mentor_with_room(self, region_id: int) -> Mentor | None:
        mentors = [m for m in self.mentors_by_region.get(region_id, []) if self.mentor_room[m.pk] > 0]
        return mentors[0] if mentors else None

    def story_mentoring_ended(self, trainee: Trainee) -> None:
        mentors = self.mentors_by_region.get(trainee.region_id)
        if not mentors:
            return
        started = self.today - timedelta(days=self.rng.randint(150, 300))
        # The region's first mentor (the demo mentor in the demo region) has one in their past.
        first_done = any(m.mentor_id == mentors[0].pk and m.status == Mentorship.Status.ENDED
                         for m in self.mentorships)
        self.mentorships.append(Mentorship(
            uuid=self.uuid(), mentor=self.rng.choice(mentors) if first_done else mentors[0], trainee=trainee,
            status=Mentorship.Status.ENDED, goals="Plan the return to training.",
            started_on=started, ended_on=self.today - timedelta(days=self.rng.randint(30, 100)),
            trainee_feedback="Useful while I settled back in.",
            mentor_feedback="Met three times; agreed to end as rotations changed."))

    def story_interest(self, trainee: Trainee) -> None:
        open_roles = [v for v in self.vacancies_by_region.get(trainee.region_id, [])
                      if v.status == Vacancy.Status.OPEN and self.fits(v, trainee)]
        ours = [v for v in open_roles if v.trust_id == self.demo_trust_id]
        if not (ours or open_roles):
            self.story_contact(trainee)
            return
        vacancy = self.rng.choice(ours or open_roles)
        status = self.rng.choice((Interest.Status.INTERESTED, Interest.Status.INVITED,
                                  Interest.Status.SHORTLISTED))
        self.interest(trainee, vacancy, status, self.days_ago(3, 120))

    def story_interest_lapsed(self, trainee: Trainee) -> None:
        roles = [v for v in self.vacancies_by_region.get(trainee.region_id, [])
                 if v.status != Vacancy.Status.DRAFT and self.fits(v, trainee)]
        if roles:
            self.interest(trainee, self.rng.choice(roles), Interest.Status.NOT_SELECTED,
                          self.days_ago(200, 300))

    def interest(self, trainee: Trainee, vacancy: Vacancy, status: str, on: date) -> None:
        note = (f"I led work on {self.rng.choice(PROJECT_TOPICS)} and would like to take it further."
                if status != Interest.Status.INVITED else "")
        self.interests.append((Interest(uuid=self.uuid(), trainee=trainee, vacancy=vacancy,
                                        status=status, note=note), on))

    def story_contact(self, trainee: Trainee) -> None:
        self.event(trainee, StewardshipEvent.Kind.CONTACTED, "Phoned about next steps; keen on a "
                   "chief registrar post next year.", self.rng.randint(5, 75))

    def story_contact_lapsed(self, trainee: Trainee) -> None:
        self.event(trainee, StewardshipEvent.Kind.CONTACTED, "Spoke at the regional event; "
                   "said they would be in touch after exams.",
                   self.rng.randint(100, max(100, min(300, self.since(trainee)))))

    def story_lost_contact_lapsed(self, trainee: Trainee) -> None:
        self.story_contact_lapsed(trainee)
        self.event(trainee, StewardshipEvent.Kind.NOTE, "Two emails since, no answer.",
                   self.rng.randint(30, 90))

    def story_untouched(self, trainee: Trainee) -> None:
        self.event(trainee, StewardshipEvent.Kind.NOTE, "At the annual review: busy with exams, "
                   "will update the portfolio after.", self.rng.randint(30, 80))

    def story_nudged(self, trainee: Trainee, long_ago: bool = False) -> None:
        first, second = (self.rng.randint(150, 300), self.rng.randint(40, 120)) if long_ago else (
            self.rng.randint(50, 80), self.rng.randint(10, 40))
        for days in (first, second):
            self.event(trainee, StewardshipEvent.Kind.NUDGE, f"Nudge email sent to {trainee.email}", days)
        self.event(trainee, StewardshipEvent.Kind.NOTE, "No reply to the nudges; ask their "
                   "training programme director.", second - 5)

    def story_lost_nudged(self, trainee: Trainee) -> None:
        self.story_nudged(trainee, long_ago=True)

    def story_lost_untouched(self, trainee: Trainee) -> None:
        self.event(trainee, StewardshipEvent.Kind.NOTE, "Not at the alumni evening; "
                   "no contact details beyond the trainee email.", self.rng.randint(150, 300))
