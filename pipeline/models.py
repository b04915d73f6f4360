"""The talent pipeline: regions, trusts, vacancies, matches, interest, stewardship."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from config.modeling import PublicModel


class Region(models.Model):
    """An HEE local office or a devolved deanery: who deanery staff belong to."""

    class Kind(models.TextChoices):
        HEE_LOCAL_OFFICE = "hee_local_office", "HEE local office"
        DEVOLVED_DEANERY = "devolved_deanery", "Devolved deanery"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    nation = models.CharField(max_length=40)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Trust(PublicModel):
    """An NHS trust, known by its ODS code (three characters, never reused)."""

    ods_code = models.CharField("ODS code", max_length=3, unique=True)
    name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="trusts")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="trust_ods_code_is_three_characters",
                condition=Q(ods_code__regex=r"^[A-Z0-9]{3}$"),
                violation_error_message="An ODS trust code is three capital letters or digits.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.ods_code})"


class LeadershipRoleType(models.Model):
    """A kind of leadership role a trust can post, e.g. clinical director."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Vacancy(PublicModel):
    """A leadership role a trust posts."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        FILLED = "filled", "Filled"

    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(max_length=200)
    role_type = models.ForeignKey(LeadershipRoleType, on_delete=models.PROTECT)
    description = models.TextField()
    required_domains = models.ManyToManyField("trainees.FrameworkDomain", related_name="+")
    min_grade = models.ForeignKey("trainees.Grade", on_delete=models.PROTECT, related_name="+")
    max_grade = models.ForeignKey("trainees.Grade", on_delete=models.PROTECT, related_name="+")
    # No specialties means any specialty may apply.
    specialties = models.ManyToManyField("trainees.Specialty", blank=True, related_name="+")
    sessions_per_week = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=200)
    remote_possible = models.BooleanField(default=False)
    start_date = models.DateField()
    closing_date = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "vacancies"
        ordering = ["closing_date", "title"]
        indexes = [models.Index(fields=["status", "closing_date"])]
        constraints = [
            models.CheckConstraint(
                name="vacancy_sessions_between_1_and_10",
                condition=Q(sessions_per_week__gte=1, sessions_per_week__lte=10),
                violation_error_message="Sessions a week must be between 1 and 10.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Match(PublicModel):
    """A trainee scored against a vacancy, with the reasons that make up the score."""

    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="matches")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField()
    # A list of {"feature", "points", "sentence"} whose points add up to the score.
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "matches"
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "vacancy"], name="one_match_per_trainee_vacancy")
        ]
        # A trainee's few rows are found through the unique (trainee, vacancy) index; every
        # extra index slows the national rematch's writes.
        indexes = [models.Index(fields=["vacancy", "-score"])]

    def __str__(self) -> str:
        return f"{self.trainee} × {self.vacancy} ({self.score:.1f})"


class Interest(PublicModel):
    """A trainee's application to a vacancy and where it stands."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        INTERESTED = "interested", "Interested"
        SHORTLISTED = "shortlisted", "Shortlisted"
        APPOINTED = "appointed", "Appointed"
        NOT_SELECTED = "not_selected", "Not selected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="interests")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="interests")
    status = models.CharField(max_length=16, choices=Status.choices)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trainee", "vacancy"], name="one_interest_per_trainee_vacancy")
        ]
        indexes = [models.Index(fields=["vacancy", "status"])]

    def __str__(self) -> str:
        return f"{self.trainee} → {self.vacancy}: {self.get_status_display()}"


class StewardshipStatus(models.TextChoices):
    ENGAGED = "engaged", "Engaged"
    AT_RISK = "at_risk", "At risk"
    LOST = "lost", "Lost"


class Stewardship(models.Model):
    """Where an alumnus stands: engaged, at risk of being lost, or lost, and why."""

    trainee = models.OneToOneField(
        "trainees.Trainee", on_delete=models.CASCADE, related_name="stewardship"
    )
    status = models.CharField(max_length=16, choices=StewardshipStatus.choices)
    reason = models.TextField()
    status_since = models.DateTimeField()
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_status_display()}"


class StewardshipAlert(models.Model):
    """Raised when an alumnus becomes at risk or lost; staff resolve it."""

    trainee = models.ForeignKey(
        "trainees.Trainee", on_delete=models.CASCADE, related_name="stewardship_alerts"
    )
    status = models.CharField(max_length=16, choices=StewardshipStatus.choices)
    reason = models.TextField()
    raised_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["resolved_at", "raised_at"])]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_status_display()} ({self.raised_at:%d %b %Y})"


class MatchRun(PublicModel):
    """A record of one matching job: what it matched, when, how long, what changed."""

    class Kind(models.TextChoices):
        FULL = "full", "Full rematch"
        CHUNK = "chunk", "Chunk of a full rematch"
        VACANCY = "vacancy", "One vacancy"
        TRAINEE = "trainee", "One trainee"

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    target = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    pairs_scored = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_deleted = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # A full rematch keeps each trainee's k-th best key here while its chunks run.
    thresholds = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration_seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class Notification(PublicModel):
    """An email we send, kept as an outbox: what went to whom, when, and whether it left."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="notifications",
    )
    to_address = models.EmailField()
    template = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    context = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to_address} ({self.get_status_display()})"


class StewardshipEvent(models.Model):
    """The alumnus's history: every staff action and every change of status."""

    class Kind(models.TextChoices):
        STATUS = "status", "Status changed"
        NOTE = "note", "Note"
        NUDGE = "nudge", "Nudge email sent"
        CONTACTED = "contacted", "Contacted"
        MENTOR = "mentor", "Mentor assigned"

    trainee = models.ForeignKey(
        "trainees.Trainee", on_delete=models.CASCADE, related_name="stewardship_events"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["trainee", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ImportBatch(PublicModel):
    """An uploaded spreadsheet: validated as a dry run, then committed all-or-nothing."""

    class Status(models.TextChoices):
        VALIDATING = "validating", "Checking"
        VALIDATED = "validated", "Checked, not yet imported"
        COMMITTING = "committing", "Importing"
        COMMITTED = "committed", "Imported"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, default="trainees")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.VALIDATING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # {"create": n, "update": n, "unchanged": n, "refused": n}
    summary = models.JSONField(default=dict)
    # The rows that need a person's eye: refused ones first, then a sample of the rest.
    report = models.JSONField(default=list)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
