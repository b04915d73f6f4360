"""The demo trainees' portfolios, preferences and equality answers (a part of Seeder)."""

from datetime import timedelta

from demo.content import BATCH, EVIDENCE, PROJECT_TOPICS, QUALIFICATIONS
from demo.roles import RoleParts
from reference.models import LeadershipRoleType
from trainees.models import (
    EqualityMonitoring,
    Evidence,
    LeadershipRole,
    Preferences,
    Project,
    Qualification,
    Trainee,
)


class PortfolioParts(RoleParts):
    """Portfolio steps of `demo.seeder.Seeder`; they use its generator and reference data."""

    def portfolios(self) -> None:
        """Portfolios of trainees leaning towards leadership and of fellows. Alumni's
        leadership roles and when they last touched their portfolio are part of their story
        (demo/alumni.py); an alumnus who never touched it has nothing in it."""
        people = [t for t in self.trainee_rows if t.leadership_interest or t.pk in self.fellow_ids]
        evidence, projects, qualifications, roles, preferences = [], [], [], [], []
        for trainee in people:
            preferences.append(self.preferences(trainee))
            if self.story.get(trainee.pk) in ("never", "lost_never"):
                continue
            alumnus = trainee.pk in self.alumni_ids
            depth = 3 if alumnus else 1
            evidence += [self.evidence(trainee) for _ in range(self.rng.randint(0, 4 * depth))]
            projects += [self.project(trainee) for _ in range(self.rng.randint(0, depth))]
            if alumnus and self.rng.random() < 0.4:
                qualifications.append(self.qualification(trainee))
            role_type = self.role_type_for(trainee)
            if not alumnus and role_type and self.rng.random() < 0.2:
                roles.append(self.leadership_role(trainee, role_type))
        Evidence.objects.bulk_create(evidence, batch_size=BATCH)
        Project.objects.bulk_create(projects, batch_size=BATCH)
        Qualification.objects.bulk_create(qualifications, batch_size=BATCH)
        LeadershipRole.objects.bulk_create(roles, batch_size=BATCH)
        Preferences.objects.bulk_create(preferences, batch_size=BATCH)
        self.preference_regions(preferences)
        self.equality_answers()
        self.portfolio_timestamps([t for t in people if t.pk not in self.alumni_ids])

    def evidence(self, trainee: Trainee) -> Evidence:
        """Evidence whose words are about its element and one topic."""
        element = self.rng.choice(self.ref.elements)
        topic = self.rng.choice(PROJECT_TOPICS)
        what = EVIDENCE.get(element.name, "Led work on {topic} with the multidisciplinary team.")
        return Evidence(
            uuid=self.uuid(), trainee=trainee, element=element,
            title=f"{element.name}: {topic}", what_i_did=what.format(topic=topic),
            what_i_learned="How to bring colleagues with me and measure the change.",
            occurred_on=self.days_ago(10, 900),
            level=self.rng.choice(Evidence.Level.values),
        )

    def project(self, trainee: Trainee) -> Project:
        topic = self.rng.choice(PROJECT_TOPICS)
        done = self.rng.random() < 0.6
        start = self.days_ago(200, 1200)
        uuid = self.uuid()
        before = self.rng.randint(20, 60)
        after = self.rng.randint(65, 95) if done else None
        return Project(
            uuid=uuid, trainee=trainee, title=f"Improving {topic}",
            aim=f"Improve {topic} within six months.",
            measures="Weekly audit of a random sample of 20 cases.",
            baseline=f"{before}% compliant at baseline.",
            outcome=f"{after}% compliant after three PDSA cycles." if done else "",
            measure_unit="% of cases compliant", baseline_value=before, result_value=after,
            status=Project.Status.COMPLETED if done else Project.Status.IN_PROGRESS,
            trust=trainee.current_trust, start_date=start,
            end_date=start + timedelta(days=self.rng.randint(90, 180)) if done else None,
        )

    def qualification(self, trainee: Trainee) -> Qualification:
        title, kind = self.rng.choice(QUALIFICATIONS)
        return Qualification(uuid=self.uuid(), trainee=trainee, title=title, kind=kind,
                             awarding_body="A UK university", awarded_on=self.days_ago(60, 1500))

    def leadership_role(self, trainee: Trainee, role_type: LeadershipRoleType) -> LeadershipRole:
        start = self.days_ago(30, 700)
        assert trainee.current_trust is not None  # every demo trainee has one
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
        regions = [through(preferences_id=by_trainee[p.trainee_id], region_id=p.trainee.region_id)
                   for p in preferences]
        through.objects.bulk_create(regions, batch_size=BATCH)
        kinds = Preferences.role_types.through
        role_types = [kinds(preferences_id=by_trainee[p.trainee_id], leadershiproletype_id=role_type.pk)
                      for p in preferences for role_type in self.rng.sample(self.ref.role_types, 2)]
        kinds.objects.bulk_create(role_types, batch_size=BATCH)

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
