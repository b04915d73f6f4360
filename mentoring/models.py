"""Mentors (experienced clinical leaders), mentorships and their meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Greatest
from simple_history.models import HistoricalRecords

from core.limits import NOTE, TEXT, LimitedTextField, text_limits
from core.modeling import PublicModel, StatusTag


class MentorQuerySet(models.QuerySet):
    def with_free_places(self) -> "MentorQuerySet":
        """Annotate `free_places`: capacity less open mentorships and outstanding suggestions
        (a suggestion holds a place while the trainee decides); 0 while not accepting."""
        taken = Count("mentorships", filter=Q(mentorships__status__in=Mentorship.OPEN), distinct=True)
        offered = Count("suggestions", filter=Q(suggestions__request__status=MentorRequest.Status.OPEN),
                        distinct=True)
        free = Greatest(F("capacity") - taken - offered, Value(0))
        return self.annotate(free_places=models.Case(
            models.When(accepting=True, then=free), default=Value(0),
            output_field=models.IntegerField()))

    def with_room(self) -> "MentorQuerySet":
        """Mentors accepting mentees with at least one free place."""
        return self.with_free_places().filter(free_places__gt=0)


class Mentor(PublicModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor"
    )
    organisation = models.CharField(max_length=200)
    current_role = models.CharField(max_length=200)
    past_roles = LimitedTextField(blank=True, max_length=NOTE)
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="mentors")
    expertise = models.ManyToManyField("reference.FrameworkDomain", blank=True, related_name="+")
    capacity = models.PositiveSmallIntegerField(default=2, help_text="How many mentees at once.")
    accepting = models.BooleanField(default=True)
    bio = LimitedTextField(blank=True, max_length=NOTE)

    history = HistoricalRecords()
    objects = MentorQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name"]
        constraints = [
            text_limits("mentor_text_within_limits", past_roles=NOTE, bio=NOTE),
            models.CheckConstraint(
                name="mentor_capacity_at_most_10",
                condition=Q(capacity__lte=10),
                violation_error_message="A mentor can take at most 10 mentees.",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class MentorshipQuerySet(models.QuerySet):
    def open(self) -> "MentorshipQuerySet":
        """Proposed or active: the pair is together, and it takes one of the mentor's places."""
        return self.filter(status__in=Mentorship.OPEN)


class Mentorship(StatusTag, PublicModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    STATUS_COLOURS = {Status.ACTIVE: "green"}

    # Proposed or active: the pair is together, and it takes one of the mentor's places.
    OPEN = (Status.PROPOSED, Status.ACTIVE)

    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="mentorships")
    trainee = models.ForeignKey(
        "trainees.Trainee", on_delete=models.CASCADE, related_name="mentorships"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    goals = LimitedTextField(blank=True, max_length=NOTE)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    trainee_feedback = LimitedTextField(blank=True, max_length=NOTE)
    mentor_feedback = LimitedTextField(blank=True, max_length=NOTE)

    history = HistoricalRecords()
    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["mentor", "status"])]
        constraints = [
            text_limits("mentorship_text_within_limits", goals=NOTE, trainee_feedback=NOTE,
                        mentor_feedback=NOTE),
            # One open (proposed or active) mentorship per pair at a time.
            models.UniqueConstraint(
                fields=["mentor", "trainee"],
                condition=~Q(status="ended"),
                name="one_open_mentorship_per_pair",
            ),
            models.CheckConstraint(
                name="mentorship_ends_after_start",
                condition=Q(ended_on__isnull=True) | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                violation_error_message="A mentorship cannot end before it started.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentoring {self.trainee}"


class Meeting(PublicModel):
    """A mentoring meeting. Private notes are for the pair alone."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    topics = models.ManyToManyField("reference.FrameworkDomain", blank=True, related_name="+")
    private_notes = LimitedTextField(blank=True, max_length=TEXT)

    # Who logged or changed the meeting, and when; not the notes, which are for the pair alone
    # (an old version kept in a history would outlive the pair deleting it).
    history = HistoricalRecords(excluded_fields=["private_notes"])

    class Meta:
        constraints = [text_limits("meeting_text_within_limits", private_notes=TEXT)]
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Meeting on {self.held_on}"


class MentorRequest(PublicModel):
    """A trainee asks for a mentor: what they want to develop, and who they would prefer."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MATCHED = "matched", "Matched"
        CLOSED = "closed", "Closed"

    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="mentor_requests")
    goals = LimitedTextField(max_length=NOTE)
    domains = models.ManyToManyField("reference.FrameworkDomain", blank=True, related_name="+")
    outside_own_trust = models.BooleanField(default=False)
    same_region = models.BooleanField(default=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            text_limits("mentor_request_text_within_limits", goals=NOTE),
            models.UniqueConstraint(fields=["trainee"], condition=Q(status="open"),
                                    name="one_open_mentor_request")
        ]

    def __str__(self) -> str:
        return f"Mentor request from {self.trainee}"


class MentorSuggestion(models.Model):
    """A mentor offered to an open request. Counted against the mentor's free places,
    so one popular mentor is not offered to everyone at once."""

    request = models.ForeignKey(MentorRequest, on_delete=models.CASCADE, related_name="suggestions")
    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="suggestions")
    score = models.FloatField()
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["request", "mentor"], name="one_suggestion_per_pair")]

    def __str__(self) -> str:
        return f"{self.mentor} for {self.request.trainee}"
