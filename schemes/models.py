"""Leadership schemes (the report's Table 3 and others), their cohorts and fellows."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.modeling import PublicModel, StatusTag, ends_after_start


class Scheme(PublicModel):
    """A leadership scheme and its facts as the report gives them (Table 3), kept as data:
    staff and administrators correct them in the product, and every change is audited."""

    class Scope(models.TextChoices):
        REGIONAL = "regional", "Regional"
        NATIONAL = "national", "National"
        INTERNATIONAL = "international", "National (international scheme)"

    class Kind(models.TextChoices):
        FELLOWSHIP_YEAR = "fellowship_year", "Fellowship year out of training"
        PROGRAMME = "programme", "Programme alongside training"
        SHORT_COURSE = "short_course", "Short course"
        PAIRED_LEARNING = "paired_learning", "Paired learning"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, unique=True)
    scope = models.CharField(max_length=16, choices=Scope.choices)
    # As the report states it ("London", "Northern Deanery"); `region` links where exact.
    region_served = models.CharField(max_length=120, blank=True)
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="schemes"
    )
    clinicians_per_year = models.CharField(max_length=80, help_text="As stated, e.g. '40–60'.")
    clinicians_per_year_min = models.PositiveSmallIntegerField(null=True, blank=True)
    clinicians_per_year_max = models.PositiveSmallIntegerField(null=True, blank=True)
    years_established = models.CharField(max_length=200, help_text="At 2015, as stated.")
    follow_on = models.TextField("follow-on once back in clinical practice")
    details = models.TextField(blank=True)
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    time_commitment = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=200, blank=True)
    facts_unconfirmed = models.BooleanField(
        default=False, help_text="Set when a fact here could not be confirmed from a source."
    )
    is_active = models.BooleanField(default=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    organiser = models.CharField("organiser or sponsor", max_length=200, blank=True)
    duration = models.CharField("how long it lasts", max_length=120, blank=True,
                                help_text="In words, e.g. '12 months' or 'Two or three days'.")
    hosts = models.TextField("where fellows are hosted", max_length=1000, blank=True)
    eligibility = models.TextField("who can apply, in words", max_length=1000, blank=True)
    # What enrolment checks (schemes.rules.eligibility_error); none set: open to every grade.
    eligible_grades = models.ManyToManyField("reference.Grade", blank=True, related_name="+")
    cct_after_end = models.BooleanField(
        "CCT must not fall before the scheme ends", default=False,
        help_text="As for the National Medical Director's Clinical Fellow Scheme.")
    cct_within_months = models.PositiveSmallIntegerField(
        "for those this close to CCT (months)", null=True, blank=True,
        help_text="As for Clinicians in Management, a course for registrars close to CCT.")
    # The regions whose trainees it recruits; none: every region (a national scheme).
    regions = models.ManyToManyField("reference.Region", blank=True, related_name="+")
    # Its national scheme leads: they see its cohorts, fellows and alumni in every region.
    leads = models.ManyToManyField("accounts.User", blank=True, related_name="led_schemes",
                                   limit_choices_to={"role": "scheme_lead"})

    history = HistoricalRecords(m2m_fields=[eligible_grades, regions, leads])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cohort(PublicModel):
    """One intake of a scheme."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=120)
    intake_year = models.PositiveSmallIntegerField()
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="cohorts"
    )
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["-intake_year", "scheme__name"]
        constraints = [
            ends_after_start("cohort_ends_after_start"),
            models.UniqueConstraint(fields=["scheme", "name"], name="cohort_name_unique_in_scheme"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.short_name} {self.name}"


class FellowshipQuerySet(models.QuerySet):
    def completed(self) -> "FellowshipQuerySet":
        """The fellowships that make their trainees alumni."""
        return self.filter(status=Fellowship.Status.COMPLETED)

    def active(self) -> "FellowshipQuerySet":
        return self.filter(status=Fellowship.Status.ACTIVE)


class Fellowship(StatusTag, PublicModel):
    """A trainee's participation in a cohort. Completed makes them an alumnus."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    STATUS_COLOURS = {Status.COMPLETED: "green", Status.ACTIVE: "blue"}

    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="fellowships")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="fellowships")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.APPLIED)
    host_organisation = models.CharField(max_length=200, blank=True)
    project_title = models.CharField(max_length=200, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    # Enrolled although the scheme's eligibility said no: who decided, and why.
    eligibility_override_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    eligibility_override_reason = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()
    objects = FellowshipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["status", "completed_on"])]
        constraints = [
            ends_after_start("fellowship_ends_after_start"),
            models.UniqueConstraint(fields=["trainee", "cohort"], name="one_fellowship_per_cohort"),
            models.CheckConstraint(
                name="completed_fellowship_has_date",
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
                violation_error_message="A completed fellowship needs its completion date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} in {self.cohort}"


class SchemeInterest(models.Model):
    """A trainee has said they are interested in a scheme: the funnel's first stage."""

    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="scheme_interests")
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="interests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trainee", "scheme"], name="one_interest_per_scheme")]

    def __str__(self) -> str:
        return f"{self.trainee} in {self.scheme}"
