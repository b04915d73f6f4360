"""Fresh-eyes ideas (docs/ideas.md): what a rotating trainee saw work better at their last
trust, sent to the receiving trust's improvement lead, and the trust's answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.limits import NOTE, TITLE, LimitedTextField, text_limits
from core.modeling import PublicModel, StatusTag


class ImprovementLead(models.Model):
    """Who receives a trust's ideas: a medical director of the trust, or someone they named.
    A trust without one sends its ideas to all its medical directors."""

    trust = models.OneToOneField("reference.Trust", on_delete=models.CASCADE, related_name="improvement_lead")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    named_at = models.DateTimeField()

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Improvement lead of {self.trust}"


class Invitation(PublicModel):
    """A trainee asked, once a placement has started, what worked better where they were before.
    The row is the claim: one per placement, so the email is sent once however often the
    daily job runs."""

    placement = models.OneToOneField("trainees.Placement", on_delete=models.CASCADE,
                                     related_name="idea_invitation")
    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="idea_invitations")
    trust = models.ForeignKey("reference.Trust", on_delete=models.CASCADE, related_name="+")
    previous_trust = models.ForeignKey("reference.Trust", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    invited_on = models.DateField()
    closes_on = models.DateField()
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_on", "pk"]

    def __str__(self) -> str:
        return f"Invitation to share ideas with {self.trust}"


class Area(models.TextChoices):
    PATIENT_SAFETY = "patient_safety", "Patient safety"
    HANDOVER = "handover", "Handover and communication"
    PATHWAYS = "pathways", "Clinical pathways and flow"
    ROTAS = "rotas", "Rotas and workload"
    TEACHING = "teaching", "Teaching and induction"
    DIGITAL = "digital", "Digital systems"
    WELLBEING = "wellbeing", "Staff wellbeing"
    OTHER = "other", "Something else"


class Idea(StatusTag, PublicModel):
    """One idea: what worked better at the previous trust, and the receiving trust's answer."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for an answer"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        WILL_TRY = "will_try", "Will try"
        TRIED = "tried", "Tried"
        NOT_FOR_US = "not_for_us", "Not for us"

    STATUS_COLOURS = {Status.WAITING: "grey", Status.ACKNOWLEDGED: "blue", Status.WILL_TRY: "yellow",
                      Status.TRIED: "green", Status.NOT_FOR_US: "orange"}

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="ideas")
    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="ideas")
    trust = models.ForeignKey("reference.Trust", on_delete=models.CASCADE, related_name="ideas")
    previous_trust = models.ForeignKey("reference.Trust", on_delete=models.PROTECT, related_name="+")
    area = models.CharField(max_length=20, choices=Area.choices)
    title = models.CharField(max_length=TITLE)
    idea = LimitedTextField(max_length=NOTE)
    # The receiving trust never learns who sent an anonymous idea: not on a page, in the API
    # or in an email (ideas.selectors.sender_for).
    anonymous = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    answer = LimitedTextField(blank=True, max_length=NOTE)
    answered_at = models.DateTimeField(null=True, blank=True)  # the first answer, for responsiveness
    changed_at = models.DateTimeField(null=True, blank=True)  # the latest answer
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    project = models.OneToOneField("trainees.Project", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="idea")
    # The short-project opportunity the trust posted from the idea (ideas.services.idea_post_opportunity).
    opportunity = models.OneToOneField("pipeline.Vacancy", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "pk"]
        indexes = [models.Index(fields=["trust", "status"])]
        constraints = [
            text_limits("idea_text_within_limits", idea=NOTE, answer=NOTE),
            models.CheckConstraint(name="idea_answered_when_not_waiting",
                                   condition=Q(status="waiting") | Q(answered_at__isnull=False),
                                   violation_error_message="An answered idea has an answer date."),
        ]

    def __str__(self) -> str:
        return self.title


class IdeaReminder(models.Model):
    """A reminder or escalation of an unanswered idea, sent once: the row is the claim."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder to the improvement lead"
        ESCALATION = "escalation", "Escalation to the medical directors"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "kind"], name="idea_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.idea}"
