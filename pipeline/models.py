"""The talent pipeline: vacancies, matches, interest, stewardship and matching runs."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.limits import NOTE, TEXT, LimitedTextField, text_limits
from core.modeling import PublicModel, StatusTag

# The effort a governance role or short project may ask for, in hours in all.
MAX_HOURS = 300


class Vacancy(StatusTag, PublicModel):
    """A leadership opportunity a trust posts: a post, or a governance role or short project
    (docs/matching.md, "Governance roles and short projects")."""

    class Kind(models.TextChoices):
        POST = "post", "Leadership post"
        COMMITTEE = "committee", "Committee seat"
        MORTALITY_MEETING = "mortality_meeting", "Mortality and morbidity meeting role"
        INSPECTION = "inspection", "Inspection role"
        SHORT_PROJECT = "short_project", "Short improvement project"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        FILLED = "filled", "Filled"

    STATUS_COLOURS = {Status.OPEN: "green", Status.DRAFT: "grey", Status.CLOSED: "orange",
                      Status.FILLED: "blue"}

    trust = models.ForeignKey("reference.Trust", on_delete=models.PROTECT, related_name="vacancies")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POST)
    title = models.CharField(max_length=200)
    # A post's kind of role is the director's choice; the other kinds each have their own
    # (GOVERNANCE_ROLE_TYPES), which the "kind of role" matching feature reads.
    role_type = models.ForeignKey("reference.LeadershipRoleType", on_delete=models.PROTECT)
    description = LimitedTextField(max_length=TEXT)
    required_domains = models.ManyToManyField("reference.FrameworkDomain", related_name="+")
    min_grade = models.ForeignKey("reference.Grade", on_delete=models.PROTECT, related_name="+")
    max_grade = models.ForeignKey("reference.Grade", on_delete=models.PROTECT, related_name="+")
    # No specialties means any specialty may apply.
    specialties = models.ManyToManyField("reference.Specialty", blank=True, related_name="+")
    # A post asks for sessions a week. The other kinds ask for hours in all and an end date;
    # their sessions a week are worked out from those (rules.sessions_for_hours) for matching.
    sessions_per_week = models.PositiveSmallIntegerField()
    hours = models.PositiveSmallIntegerField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    # What taking part is evidence of: the trainee's portfolio gets evidence against it once
    # the trust confirms they took part (services.taking_part_confirm). Not for posts.
    element = models.ForeignKey("reference.FrameworkElement", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    location = models.CharField(max_length=200)
    remote_possible = models.BooleanField(default=False)
    start_date = models.DateField()
    closing_date = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "vacancies"
        ordering = ["closing_date", "title"]
        indexes = [models.Index(fields=["status", "closing_date"])]
        constraints = [
            text_limits("vacancy_text_within_limits", description=TEXT),
            models.CheckConstraint(
                name="vacancy_sessions_between_1_and_10",
                condition=Q(sessions_per_week__gte=1, sessions_per_week__lte=10),
                violation_error_message="Sessions a week must be between 1 and 10.",
            ),
            models.CheckConstraint(
                name="vacancy_kind_has_what_it_needs",
                condition=(Q(kind="post", hours__isnull=True, ends_on__isnull=True, element__isnull=True)
                           | (~Q(kind="post") & Q(hours__gte=1, hours__lte=MAX_HOURS, ends_on__isnull=False,
                                                   element__isnull=False))),
                violation_error_message="A post has sessions a week; a governance role or short project "
                                        f"has hours (1 to {MAX_HOURS}), an end date and a framework element.",
            ),
            models.CheckConstraint(
                name="vacancy_ends_on_or_after_start",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("start_date")),
                violation_error_message="The end date must be on or after the start date.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_post(self) -> bool:
        return self.kind == self.Kind.POST

    @property
    def noun(self) -> str:
        """What the pages call it: "role" for a post, else the kind in lower case."""
        return "role" if self.is_post else self.get_kind_display().lower()


# The kind of role (reference.LeadershipRoleType code) each kind other than a post has, so
# a trainee who ticked "Committee seat" in their preferences sees committee seats higher.
GOVERNANCE_ROLE_TYPES: dict[str, str] = {
    Vacancy.Kind.COMMITTEE: "committee-seat",
    Vacancy.Kind.MORTALITY_MEETING: "mortality-meeting-role",
    Vacancy.Kind.INSPECTION: "inspection-role",
    Vacancy.Kind.SHORT_PROJECT: "short-improvement-project",
}


class Match(PublicModel):
    """A trainee scored against a vacancy, with the reasons that make up the score."""

    # No index of their own: the unique (trainee, vacancy) index serves look-ups by trainee, and
    # the (vacancy, -score) index those by vacancy. Two more indexes would slow every write of
    # the national rematch (docs/performance.md).
    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="matches",
                                db_index=False)
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="matches", db_index=False)
    score = models.FloatField()
    # A list of {"feature", "points", "facts"} whose points add up to the score; the words
    # are written for whoever reads them by pipeline.matching.reasons.sentence_for.
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField()
    # What the reasons were written from, as one number (pipeline.matching.reasons.reasons_digests):
    # a rematch compares it with what it would write, so it need not write or read the reasons'
    # text to find that a row has not changed. Empty for a row written some other way: the next
    # rematch rewrites that row.
    reasons_digest = models.BigIntegerField(null=True, blank=True, editable=False)
    # Not stored: set by pipeline.selectors for the trainee's opportunity pages.
    interest_status: str | None
    interest: "Interest | None"

    class Meta:
        verbose_name_plural = "matches"
        ordering = ["-score"]
        constraints = [
            # On PostgreSQL both indexes also carry what the matching jobs read, so they read
            # it from the index alone (migration 0019, which says why not in the model).
            models.UniqueConstraint(fields=["trainee", "vacancy"], name="one_match_per_trainee_vacancy")
        ]
        indexes = [models.Index(fields=["vacancy", "-score"])]

    def __str__(self) -> str:
        return f"{self.trainee} × {self.vacancy} ({self.score:.1f})"


class Interest(StatusTag, PublicModel):
    """A trainee's application to a vacancy and where it stands."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        INTERESTED = "interested", "Interested"
        SHORTLISTED = "shortlisted", "Shortlisted"
        APPOINTED = "appointed", "Appointed"
        NOT_SELECTED = "not_selected", "Not selected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    STATUS_COLOURS = {Status.INVITED: "blue", Status.INTERESTED: "blue", Status.SHORTLISTED: "blue",
                      Status.APPOINTED: "green"}

    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="interests")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="interests")
    status = models.CharField(max_length=16, choices=Status.choices)
    note = LimitedTextField(blank=True, max_length=NOTE)
    # The trust confirmed the trainee took part in a governance role or short project (who
    # confirmed is in the history), and the evidence that put in their portfolio.
    took_part_confirmed_at = models.DateTimeField(null=True, blank=True)
    evidence = models.ForeignKey("trainees.Evidence", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    # Who said interested, shortlisted, appointed or not selected, and when.
    history = HistoricalRecords()

    class Meta:
        constraints = [
            text_limits("interest_text_within_limits", note=NOTE),
            models.UniqueConstraint(fields=["trainee", "vacancy"], name="one_interest_per_trainee_vacancy")
        ]
        indexes = [models.Index(fields=["vacancy", "status"])]

    def __str__(self) -> str:
        return f"{self.trainee} → {self.vacancy}: {self.get_status_display()}"


# A director learns who a candidate is only once the candidate has said they are
# interested (or accepted an invitation, which records interest).
IDENTIFIED_INTEREST_STATUSES = [
    Interest.Status.INTERESTED,
    Interest.Status.SHORTLISTED,
    Interest.Status.APPOINTED,
    Interest.Status.NOT_SELECTED,
]


class StewardshipStatus(models.TextChoices):
    ENGAGED = "engaged", "Engaged"
    AT_RISK = "at_risk", "At risk"
    LOST = "lost", "Lost"


# Each stewardship status as an NHS.UK tag: (words, colour), for templates/alumni/_status.jinja.
STEWARDSHIP_TAGS = {StewardshipStatus.ENGAGED: ("Engaged", "green"),
                    StewardshipStatus.AT_RISK: ("At risk", "orange"),
                    StewardshipStatus.LOST: ("Lost", "red")}


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
    text = LimitedTextField(max_length=NOTE)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        constraints = [text_limits("stewardship_event_text_within_limits", text=NOTE)]
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["trainee", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"




class ReturnPlan(PublicModel):
    """A fellow's return to training: who receives them, what they share, and the steps
    that make the hand-over happen (pipeline.return_plans says which step waits on whom)."""

    class Session(models.TextChoices):
        NOT_PROPOSED = "not_proposed", "Not proposed yet"
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"
        HELD = "held", "Held"

    fellowship = models.OneToOneField("schemes.Fellowship", on_delete=models.CASCADE,
                                      related_name="return_plan")
    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="return_plans")
    opened_on = models.DateField()
    receiving_trust = models.ForeignKey("reference.Trust", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    trust_known_on = models.DateField(null=True, blank=True)
    # What the fellow chose to share with the receiving medical director: by default
    # nothing beyond their name and fellowship.
    share_project = models.BooleanField(default=False)
    project_summary = LimitedTextField(blank=True, max_length=NOTE)
    share_portfolio = models.BooleanField(default=False)
    director_told_at = models.DateTimeField(null=True, blank=True)
    session = models.CharField(max_length=16, choices=Session.choices, default=Session.NOT_PROPOSED)
    session_on = models.DateField(null=True, blank=True)
    session_changed_on = models.DateField(null=True, blank=True)
    session_note = LimitedTextField(blank=True, max_length=NOTE)
    roles_seen_at = models.DateTimeField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    # Not stored: annotated by the API's queryset (whether the fellow has a mentor).
    has_mentor: bool

    history = HistoricalRecords()

    class Meta:
        ordering = ["fellowship__end_date", "pk"]
        constraints = [text_limits("return_plan_text_within_limits", project_summary=NOTE,
                                   session_note=NOTE)]

    def __str__(self) -> str:
        return f"Return plan for {self.fellowship}"


class DateReminder(models.Model):
    """A reminder timed to a date, sent once: the row is the claim (docs/stewardship.md)."""

    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="date_reminders")
    kind = models.CharField(max_length=40)
    due_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trainee", "kind", "due_on"],
                                               name="one_date_reminder_per_kind_and_day")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.trainee} due {self.due_on}"


class EqualitySnapshot(models.Model):
    """A region's equality figures as published for one calendar month.

    Worked out once a month, not on every visit: otherwise staff could download the figures,
    move one trainee to another stage and download again, and the difference would reveal that
    trainee's answers (docs/disclosure.md). Holds counts only, never a person.
    """

    region = models.ForeignKey("reference.Region", on_delete=models.CASCADE, related_name="+")
    period = models.DateField(help_text="The first day of the month the figures are for.")
    figures = models.JSONField()
    worked_out_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "period"],
                                               name="one_equality_snapshot_per_region_and_month")]

    def __str__(self) -> str:
        return f"{self.region} equality figures for {self.period:%B %Y}"


class ForecastSnapshot(models.Model):
    """A forecast (pipeline.forecast) as published for one calendar month and one scope: the
    nation, a region, or the schemes a national lead runs.

    Fixed for the month for the same reason as the equality figures: two downloads either side
    of one change must not differ, or the difference would single out whoever changed. Holds
    counts only (small ones already withheld), never a person.
    """

    scope = models.CharField(max_length=120, help_text="'national', 'region:<id>' or 'schemes:<ids>'.")
    period = models.DateField(help_text="The first day of the month the forecast starts from.")
    figures = models.JSONField()
    worked_out_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "period"],
                                               name="one_forecast_per_scope_and_month")]

    def __str__(self) -> str:
        return f"Forecast for {self.scope} from {self.period:%B %Y}"
