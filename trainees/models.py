"""Trainees, their placements and their leadership portfolio.

Frameworks, grades and specialties are reference data (the `reference` app).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.limits import NOTE, TEXT, TITLE, LimitedTextField, text_limits
from core.modeling import PublicModel, StatusTag, ends_after_start
from trainees.validators import GMC_NUMBER_PATTERN, validate_gmc_number


class Trainee(PublicModel):
    """A doctor in training. The professional record comes from TIS / deanery imports."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="trainee",
    )
    gmc_number = models.CharField("GMC reference number", max_length=7, unique=True,
                                  validators=[validate_gmc_number])
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    email = models.EmailField()
    grade = models.ForeignKey("reference.Grade", on_delete=models.PROTECT, related_name="trainees")
    specialty = models.ForeignKey("reference.Specialty", on_delete=models.PROTECT, related_name="trainees")
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="trainees")
    current_trust = models.ForeignKey(
        "reference.Trust", null=True, blank=True, on_delete=models.SET_NULL, related_name="trainees"
    )
    expected_cct_date = models.DateField("expected CCT date", null=True, blank=True)
    leadership_interest = models.BooleanField(default=False)
    # Stewardship reads this: an untouched portfolio is a sign of someone drifting away.
    portfolio_updated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["portfolio_updated_at"])

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["region", "grade"]),
            models.Index(fields=["last_name", "first_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="gmc_number_is_seven_digits",
                condition=Q(gmc_number__regex=GMC_NUMBER_PATTERN),
                violation_error_message="A GMC reference number is exactly 7 digits.",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Placement(PublicModel):
    class Kind(models.TextChoices):
        CLINICAL = "clinical", "Clinical"
        OUT_OF_PROGRAMME = "out_of_programme", "Out of programme"

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="placements")
    trust = models.ForeignKey("reference.Trust", on_delete=models.PROTECT, related_name="placements")
    specialty = models.ForeignKey("reference.Specialty", on_delete=models.PROTECT, related_name="+")
    grade = models.ForeignKey("reference.Grade", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CLINICAL)
    start_date = models.DateField()
    end_date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["trainee", "start_date"])]
        constraints = [ends_after_start("placement_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.trust} {self.start_date}–{self.end_date}"


class Evidence(PublicModel):
    """Evidence of leadership against one framework element."""

    class Level(models.TextChoices):
        # The Healthcare Leadership Model's rating scale, used as evidence strength.
        ESSENTIAL = "essential", "Essential"
        PROFICIENT = "proficient", "Proficient"
        STRONG = "strong", "Strong"
        EXEMPLARY = "exemplary", "Exemplary"

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="evidence")
    element = models.ForeignKey(
        "reference.FrameworkElement", on_delete=models.PROTECT, related_name="evidence"
    )
    title = models.CharField(max_length=200)
    what_i_did = LimitedTextField(max_length=TEXT)
    what_i_learned = LimitedTextField(blank=True, max_length=TEXT)
    occurred_on = models.DateField()
    link = models.URLField(blank=True)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.PROFICIENT)

    history = HistoricalRecords()

    class Meta:
        constraints = [text_limits("evidence_text_within_limits", what_i_did=TEXT, what_i_learned=TEXT)]
        verbose_name_plural = "evidence"
        ordering = ["-occurred_on"]
        indexes = [models.Index(fields=["trainee", "element"])]

    def __str__(self) -> str:
        return self.title


NOT_NEGATIVE = "Money saved or value gained cannot be less than 0"


class Project(PublicModel):
    """An improvement project with measurable outcomes."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        STOPPED = "stopped", "Stopped"

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=200)
    aim = LimitedTextField(max_length=TEXT)
    measures = LimitedTextField(blank=True, max_length=TEXT)
    baseline = LimitedTextField(blank=True, max_length=TEXT)
    outcome = LimitedTextField(blank=True, max_length=TEXT)
    # The measured outcome as figures, where known: what the showcase shows of a project.
    measure_unit = models.CharField("unit of measure", max_length=60, blank=True)
    baseline_value = models.DecimalField("baseline figure", max_digits=12, decimal_places=2,
                                         null=True, blank=True)
    result_value = models.DecimalField("result figure", max_digits=12, decimal_places=2,
                                       null=True, blank=True)
    value_pounds = models.DecimalField("money saved or value gained (£)", max_digits=12, decimal_places=2,
                                       null=True, blank=True, validators=[MinValueValidator(0, NOT_NEGATIVE)])
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    trust = models.ForeignKey(
        "reference.Trust", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            text_limits("project_text_within_limits", aim=TEXT, measures=TEXT, baseline=TEXT, outcome=TEXT),
            ends_after_start("project_ends_after_start"),
            models.CheckConstraint(
                name="project_value_not_negative",
                condition=Q(value_pounds__isnull=True) | Q(value_pounds__gte=0),
                violation_error_message="Money saved or value gained cannot be less than 0.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Refuse dates that contradict the status: the one rule for the page, the service and the API."""
        today, errors = timezone.localdate(), {}
        under_way = self.status in (self.Status.IN_PROGRESS, self.Status.COMPLETED)
        if under_way and self.start_date and self.start_date > today:
            errors["start_date"] = ("The start date must be today or in the past, "
                                    "unless the project is planned")
        if self.status == self.Status.COMPLETED and self.end_date and self.end_date > today:
            errors["end_date"] = "The end date of a completed project must be today or in the past"
        if self.status == self.Status.PLANNED and self.end_date and self.end_date < today:
            errors["end_date"] = "The end date of a planned project must be today or in the future"
        if self.status == self.Status.COMPLETED and not (self.outcome or "").strip():
            errors["outcome"] = "Enter the outcome of a completed project"
        figures = self.baseline_value is not None or self.result_value is not None
        if figures and not self.measure_unit.strip():
            errors["measure_unit"] = "Enter the unit of the baseline and result, like minutes or patients"
        if errors:
            raise ValidationError(errors)


class Qualification(PublicModel):
    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", "Postgraduate certificate"
        DIPLOMA = "diploma", "Postgraduate diploma"
        MASTERS = "masters", "Master's degree"
        DOCTORATE = "doctorate", "Doctorate"
        OTHER = "other", "Other"

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="qualifications")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    awarding_body = models.CharField(max_length=200)
    awarded_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-awarded_on"]

    def __str__(self) -> str:
        return self.title


class LeadershipRole(PublicModel):
    """A leadership role held; appointments through the pipeline record their vacancy."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="leadership_roles")
    title = models.CharField(max_length=200)
    role_type = models.ForeignKey(
        "reference.LeadershipRoleType", null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.CharField(max_length=200)
    trust = models.ForeignKey(
        "reference.Trust", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vacancy = models.ForeignKey(
        "pipeline.Vacancy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = LimitedTextField(blank=True, max_length=TEXT)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            text_limits("leadership_role_text_within_limits", description=TEXT),
            ends_after_start("leadership_role_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"


class Story(StatusTag, PublicModel):
    """An alumnus's short story for the public showcase: what they did and what changed.

    It is public only while published, and published only with their consent to exactly what
    the showcase shows (schemes.services.story_publish): their name only if they chose it, the
    trust only if they chose one, and the chosen projects' measured outcomes. Saving a change
    takes it off the showcase until they consent again: they agreed to the words they saw.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Not published"
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Taken down by staff"

    STATUS_COLOURS = {Status.PUBLISHED: "green", Status.HIDDEN: "red"}

    trainee = models.OneToOneField(Trainee, on_delete=models.CASCADE, related_name="story")
    title = models.CharField(max_length=TITLE)
    what_i_did = LimitedTextField(max_length=NOTE)
    what_changed = LimitedTextField(max_length=NOTE)
    # The completed fellowship it is about (schemes checks it is theirs and completed).
    fellowship = models.ForeignKey("schemes.Fellowship", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    projects = models.ManyToManyField(Project, blank=True, related_name="+")
    trust = models.ForeignKey("reference.Trust", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    show_name = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    consented_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = LimitedTextField(blank=True, max_length=NOTE)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["status", "-consented_at"])]
        constraints = [
            text_limits("story_text_within_limits", what_i_did=NOTE, what_changed=NOTE, hidden_reason=NOTE),
            models.CheckConstraint(
                name="published_story_has_consent",
                condition=~Q(status="published") | Q(consented_at__isnull=False),
                violation_error_message="A published story must record when its author consented.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Preferences(models.Model):
    """What a trainee wants, and whether trusts may find them."""

    trainee = models.OneToOneField(Trainee, on_delete=models.CASCADE, related_name="preferences")
    regions = models.ManyToManyField("reference.Region", blank=True, related_name="+")
    role_types = models.ManyToManyField("reference.LeadershipRoleType", blank=True, related_name="+")
    sessions_per_week = models.PositiveSmallIntegerField(default=2)
    available_from = models.DateField(null=True, blank=True)
    discoverable = models.BooleanField(default=False)
    discoverable_consent_at = models.DateTimeField(null=True, blank=True)
    # The weekly email of roles newly matched to them (pipeline.digests); they may say no.
    weekly_roles_email = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[regions, role_types])

    class Meta:
        verbose_name_plural = "preferences"
        indexes = [models.Index(fields=["discoverable"])]
        constraints = [
            models.CheckConstraint(
                name="discoverable_has_consent_time",
                condition=Q(discoverable=False) | Q(discoverable_consent_at__isnull=False),
                violation_error_message="Consent to be discoverable must record when it was given.",
            ),
            models.CheckConstraint(
                name="preferred_sessions_between_1_and_10",
                condition=Q(sessions_per_week__gte=1, sessions_per_week__lte=10),
                violation_error_message="Sessions a week must be between 1 and 10.",
            ),
        ]

    def __str__(self) -> str:
        return f"Preferences of {self.trainee}"


class EqualityMonitoring(models.Model):
    """Equality monitoring answers, kept apart from everything else.

    Only the trainee reads their own answers; everything else sees suppressed
    aggregates. The matching engine never reads this model.
    """

    PREFER_NOT_TO_SAY = "prefer_not_to_say"

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class EthnicGroup(models.TextChoices):
        ASIAN = "asian", "Asian or Asian British"
        BLACK = "black", "Black, Black British, Caribbean or African"
        MIXED = "mixed", "Mixed or multiple ethnic groups"
        WHITE = "white", "White"
        OTHER = "other", "Other ethnic group"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    trainee = models.OneToOneField(Trainee, on_delete=models.CASCADE, related_name="equality")
    sex = models.CharField(max_length=20, choices=Sex.choices, default=PREFER_NOT_TO_SAY)
    ethnic_group = models.CharField(
        max_length=20, choices=EthnicGroup.choices, default=PREFER_NOT_TO_SAY
    )
    disability = models.CharField(max_length=20, choices=Answer.choices, default=PREFER_NOT_TO_SAY)
    updated_at = models.DateTimeField(auto_now=True)

    # Who changed the answers and when, never what they were: the history is read by people
    # who must not see anyone's answers (the admin, audits), so the answers are not in it.
    history = HistoricalRecords(excluded_fields=["sex", "ethnic_group", "disability"])

    class Meta:
        verbose_name_plural = "equality monitoring answers"

    def __str__(self) -> str:
        return f"Equality monitoring for trainee {self.trainee_id}"


class PortfolioView(models.Model):
    """Who looked at a trainee's portfolio, and where: the trainee can see this log."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="portfolio_views")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    viewer_description = models.CharField(max_length=300)  # kept if the viewer's account goes
    where = models.CharField(max_length=100)
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["trainee", "-viewed_at"])]

    def __str__(self) -> str:
        return f"{self.viewer_description} viewed {self.trainee_id} ({self.where})"
