"""Allocation rounds: trainees rank posts, directors rank applicants, a stable match places them.

A round is kept whole after it is run: the inputs the algorithm saw are frozen on the
round (with their digest), and each trainee's placement is a row, so the result can be
reproduced and audited later.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.modeling import PublicModel, StatusTag

MAX_CHOICES = 10
MAX_PLACES = 50


class AllocationRound(StatusTag, PublicModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being set up"
        OPEN = "open", "Open for ranking"
        MATCHED = "matched", "Run, not yet published"
        PUBLISHED = "published", "Published"

    STATUS_COLOURS = {Status.DRAFT: "grey", Status.OPEN: "green", Status.MATCHED: "orange",
                      Status.PUBLISHED: "blue"}

    name = models.CharField(max_length=200)
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="rounds")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Trainees rank posts up to and including this day; directors then rank their
    # applicants, up to and including theirs; the round is run after that.
    trainee_deadline = models.DateField("last day for trainees to rank posts")
    director_deadline = models.DateField("last day for directors to rank applicants")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(null=True, blank=True)
    run_at = models.DateTimeField(null=True, blank=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # The day each reminder went out: the daily job claims a reminder by setting its day,
    # so running the job again (or twice at once) never sends it twice.
    trainee_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    director_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    # What the algorithm was given when the round was run, and its SHA-256.
    inputs = models.JSONField(null=True, blank=True, editable=False)
    inputs_digest = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["inputs"])

    class Meta:
        ordering = ["-trainee_deadline", "name"]
        constraints = [
            models.CheckConstraint(
                name="round_directors_rank_after_trainees",
                condition=Q(director_deadline__gt=F("trainee_deadline")),
                violation_error_message="Directors' ranking must close after trainees' ranking.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoundPost(PublicModel):
    """A vacancy offered in a round, with how many trainees it takes."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="posts")
    vacancy = models.ForeignKey("pipeline.Vacancy", on_delete=models.PROTECT, related_name="round_posts")
    places = models.PositiveSmallIntegerField()
    # When the director last saved a ranking of the applicants; until then the round
    # uses the starting order (best match score first).
    ranked_at = models.DateTimeField(null=True, blank=True)
    ranked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["vacancy__trust__name", "vacancy__title"]
        constraints = [
            models.UniqueConstraint(fields=["round", "vacancy"], name="one_post_per_vacancy_in_a_round"),
            models.CheckConstraint(
                name="round_post_places_between_1_and_50",
                condition=Q(places__gte=1, places__lte=MAX_PLACES),
                violation_error_message=f"A post has between 1 and {MAX_PLACES} places.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy} ({self.places} places)"


class TraineeChoice(models.Model):
    """One line of a trainee's ranking: their n-th choice of post in the round."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="choices")
    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="round_choices")
    post = models.ForeignKey(RoundPost, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField()
    chosen_at = models.DateTimeField()

    class Meta:
        ordering = ["round", "trainee", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "trainee", "rank"], name="one_choice_per_rank"),
            models.UniqueConstraint(fields=["trainee", "post"], name="a_post_is_chosen_once"),
            models.CheckConstraint(name="choice_rank_between_1_and_10",
                                   condition=Q(rank__gte=1, rank__lte=MAX_CHOICES)),
        ]
        indexes = [models.Index(fields=["post", "trainee"])]

    def __str__(self) -> str:
        return f"{self.trainee}: choice {self.rank} is {self.post}"


class ApplicantRank(models.Model):
    """One line of a director's ranking of a post's applicants."""

    post = models.ForeignKey(RoundPost, on_delete=models.CASCADE, related_name="applicant_ranks")
    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField()

    class Meta:
        ordering = ["post", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["post", "rank"], name="one_applicant_per_rank"),
            models.UniqueConstraint(fields=["post", "trainee"], name="an_applicant_is_ranked_once"),
            models.CheckConstraint(name="applicant_rank_from_1", condition=Q(rank__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.post}: {self.rank}. {self.trainee}"


class Allocation(models.Model):
    """Where a trainee who ranked posts in a round was placed, or that they were not."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="allocations")
    trainee = models.ForeignKey("trainees.Trainee", on_delete=models.CASCADE, related_name="allocations")
    post = models.ForeignKey(RoundPost, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="allocations")
    # Which of the trainee's choices the post was (1 = first); empty when unplaced.
    choice = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["round", "trainee"]
        constraints = [
            models.UniqueConstraint(fields=["round", "trainee"], name="one_allocation_per_trainee"),
            models.CheckConstraint(
                name="placed_allocations_have_a_choice",
                condition=Q(post__isnull=True, choice__isnull=True)
                | Q(post__isnull=False, choice__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.post or 'not placed'}"
