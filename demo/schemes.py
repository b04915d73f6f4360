"""The schemes' cohorts and fellows, sized, graded and placed as the report says (a part
of the demo seeder; the shapes are in demo/content.py `COHORTS`)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from demo.base import SeederBase, add_months
from demo.content import BATCH, COHORTS, DEFAULT_SHAPE, OWN_TRUST, PROJECT_TOPICS, CohortShape
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import Trainee


@dataclass
class Intake:
    scheme: Scheme
    shape: CohortShape
    start: date
    end: date
    size: int
    fellows: list[Trainee] = field(default_factory=list)


def shape_of(scheme: Scheme) -> CohortShape:
    return COHORTS.get(scheme.short_name, DEFAULT_SHAPE)


class SchemeParts(SeederBase):
    """Cohort steps of `demo.seeder.Seeder`: planned before the trainees are saved, since a
    fellow's region, grade and training dates must fit their scheme."""

    intakes: list[Intake]

    def plan_intakes(self) -> None:
        self.intakes = []
        for scheme in self.ref.schemes:
            shape = shape_of(scheme)
            for start, end in self.intake_dates(shape):
                size = self.scaled(self.rng.randint(*shape.size))
                self.intakes.append(Intake(scheme, shape, start, end, size))

    def intake_dates(self, shape: CohortShape) -> list[tuple[date, date]]:
        """Finished intakes (the latest ended `ended_days_ago`), those running, and the next."""
        last_end = self.today - timedelta(days=shape.ended_days_ago)
        if shape.months:
            last_start = add_months(last_end + timedelta(days=1), -shape.months)
        else:
            last_start = last_end - timedelta(days=max(shape.days) - 1)
        dates, k = [], 1 - shape.completed
        while True:
            start = add_months(last_start, k * shape.every_months)
            if shape.months:
                end = add_months(start, shape.months) - timedelta(days=1)
            else:
                end = start + timedelta(days=self.rng.choice(shape.days) - 1)
            dates.append((start, end))
            if start > self.today:  # the next intake, taking applications
                return dates
            k += 1

    def enrol(self, trainees: list[Trainee]) -> None:
        """Choose each intake's fellows among trainees who fit it; where too few do (a small
        demo), make some fit: they are invented anyway."""
        used: set[int] = set()
        for intake in self.intakes:
            shape = intake.shape
            grades = {code: self.ref.grade(code) for code in shape.grades}
            chosen = list(islice((t for t in trainees if id(t) not in used and t.region.code in shape.regions
                                  and t.grade.code in grades), intake.size))
            used.update(id(t) for t in chosen)
            for trainee in islice((t for t in trainees if id(t) not in used), intake.size - len(chosen)):
                self.move(trainee, self.rng.choice(shape.regions), self.rng.choice(list(grades.values())))
                chosen.append(trainee)
                used.add(id(trainee))
            for trainee in chosen:
                self.fit_dates(trainee, intake)
            intake.fellows = chosen

    def move(self, trainee: Trainee, region_code: str, grade) -> None:
        region = self.ref.region(region_code)
        trainee.region, trainee.grade = region, grade
        trainee.current_trust = self.rng.choice(self.ref.trusts_by_region[region.pk])

    def fit_dates(self, trainee: Trainee, intake: Intake) -> None:
        """Clinicians in Management is for registrars close to CCT; the Medical Director's
        Clinical Fellows reach CCT only after their year ends."""
        after = max(intake.end, self.today)
        if intake.scheme.short_name == "Clinicians in Management":
            trainee.expected_cct_date = after + timedelta(days=self.rng.randint(60, 540))
        elif trainee.expected_cct_date is None or trainee.expected_cct_date <= after:
            trainee.expected_cct_date = after + timedelta(days=self.rng.randint(180, 900))

    def cohorts_and_fellowships(self) -> None:
        cohorts = [Cohort(uuid=self.uuid(), scheme=i.scheme, name=self.cohort_name(i),
                          intake_year=i.start.year, region=i.scheme.region,
                          start_date=i.start, end_date=i.end) for i in self.intakes]
        Cohort.objects.bulk_create(cohorts)
        by_gmc = {t.gmc_number: t for t in self.trainee_rows}
        rows = [self.fellowship(by_gmc[fellow.gmc_number], cohort)
                for intake, cohort in zip(self.intakes, cohorts, strict=True)
                for fellow in intake.fellows]
        Fellowship.objects.bulk_create(rows, batch_size=BATCH)
        self.cohorts = list(Cohort.objects.select_related("scheme").order_by("scheme__short_name",
                                                                             "start_date"))
        self.fellow_ids = {row.trainee_id for row in rows}
        self.completed = {row.trainee_id: (row.completed_on, row.cohort.scheme.short_name)
                          for row in rows if row.completed_on is not None}
        self.alumni_ids = set(self.completed)

    def cohort_name(self, intake: Intake) -> str:
        start, end = intake.start, intake.end
        if not intake.shape.months:
            return f"{start.day} {start:%B %Y}"
        if start.year == end.year:
            return f"{start:%B} to {end:%B %Y}"
        return f"{start.year} to {end.year}"

    def fellowship(self, trainee: Trainee, cohort: Cohort) -> Fellowship:
        if cohort.start_date > self.today:
            status, completed_on = Fellowship.Status.APPLIED, None
        elif cohort.end_date >= self.today:
            status, completed_on = Fellowship.Status.ACTIVE, None
        elif self.rng.random() < 0.05:
            status, completed_on = Fellowship.Status.WITHDRAWN, None
        else:
            status, completed_on = Fellowship.Status.COMPLETED, cohort.end_date
        host = self.rng.choice(shape_of(cohort.scheme).hosts)
        if host == OWN_TRUST:
            assert trainee.current_trust is not None  # every demo trainee has one
            host = trainee.current_trust.name
        course = not shape_of(cohort.scheme).months
        return Fellowship(
            uuid=self.uuid(), trainee=trainee, cohort=cohort, status=status, host_organisation=host,
            project_title="" if course else f"Improving {self.rng.choice(PROJECT_TOPICS)}",
            start_date=cohort.start_date, end_date=cohort.end_date, completed_on=completed_on,
        )
