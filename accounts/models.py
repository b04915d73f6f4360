"""Users sign in with their email address and have exactly one role."""

import uuid

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from core.audit import History
from core.gmc import GMC_NUMBER_LENGTH, validate_gmc_number
from core.limits import NAME, NOTE, LimitedTextField, text_limits


class Role(models.TextChoices):
    DEANERY_STAFF = "deanery_staff", "Deanery staff"
    TRAINEE = "trainee", "Trainee"
    MEDICAL_DIRECTOR = "medical_director", "Trust medical director"
    MENTOR = "mentor", "Mentor"
    ADMINISTRATOR = "administrator", "Administrator"
    # Runs a national scheme across every region (the schemes they lead: schemes.Scheme.leads).
    SCHEME_LEAD = "scheme_lead", "National scheme lead"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("role", Role.ADMINISTRATOR)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    role = models.CharField(max_length=32, choices=Role.choices)
    # Deanery staff belong to a region; medical directors to a trust.
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    trust = models.ForeignKey(
        "reference.Trust", null=True, blank=True, on_delete=models.PROTECT, related_name="directors"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("can use the admin site", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    # Who changed a role, region, email address or whether the account is active, and when.
    # A password hash is never copied into the history; signing in is not a change.
    history = History(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["role"])]
        constraints = [
            models.CheckConstraint(
                name="staff_belong_to_a_region",
                condition=~Q(role=Role.DEANERY_STAFF) | Q(region__isnull=False),
                violation_error_message="Deanery staff must belong to a region.",
            ),
            models.CheckConstraint(
                name="directors_belong_to_a_trust",
                condition=~Q(role=Role.MEDICAL_DIRECTOR) | Q(trust__isnull=False),
                violation_error_message="A medical director must belong to a trust.",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def is_deanery_staff(self) -> bool:
        return self.role == Role.DEANERY_STAFF

    @property
    def is_trainee(self) -> bool:
        return self.role == Role.TRAINEE

    @property
    def is_medical_director(self) -> bool:
        return self.role == Role.MEDICAL_DIRECTOR

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_scheme_lead(self) -> bool:
        return self.role == Role.SCHEME_LEAD


class ErasureRecord(models.Model):
    """That a person's data was erased at their request: when and by whom, nothing more."""

    subject_uuid = models.UUIDField()
    requested_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Erasure of {self.subject_uuid} at {self.erased_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is kept: the token itself is shown
    once, when it is made, and cannot be recovered afterwards."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100,
                            help_text="What the token is for, for example 'Weekly report spreadsheet'.")
    # The first characters, kept so the owner can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # settings.API_TOKEN_DAYS after it was made (accounts.tokens.token_create).
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Revoked by its owner, or by a change of their password or the account being closed.
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        """Usable: neither revoked nor expired."""
        return self.revoked_at is None and not self.is_expired


class Invitation(models.Model):
    """An invitation to make an account, sent by email with a single-use link that expires.

    Only the SHA-256 digest of the link's secret is kept. The account is made when the link is
    used (or at a first single sign-on with the invited address), with the role, region and
    trust chosen by whoever invited them. A trainee's invitation may name the imported record
    they will claim (`record_uuid`, a trainee's public id: accounts sits below trainees, so it
    holds the id, not a foreign key); the record is attached only once they confirm its GMC
    number (trainees.claims).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    role = models.CharField(max_length=32, choices=Role.choices)
    # Whose staff see it: the trainee's, mentor's or staff member's region, a director's trust's.
    region = models.ForeignKey("reference.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    trust = models.ForeignKey("reference.Trust", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    record_uuid = models.UUIDField(null=True, blank=True)
    invited_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    times_sent = models.PositiveSmallIntegerField(default=1)
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="invitations")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # Wrong GMC numbers given while claiming the record (limited: invitation_rules.CLAIM_ATTEMPTS).
    claim_attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)

    # Who invited whom, re-sent or revoked it, and when. The link's digest is not history.
    history = History(excluded_fields=["token_digest"])

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="one_open_invitation_per_email",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                violation_error_message="This person already has an invitation waiting."),
            models.CheckConstraint(
                name="invited_staff_belong_to_a_region",
                condition=~Q(role=Role.DEANERY_STAFF) | Q(region__isnull=False),
                violation_error_message="Deanery staff must belong to a region."),
            models.CheckConstraint(
                name="invited_directors_belong_to_a_trust",
                condition=~Q(role=Role.MEDICAL_DIRECTOR) | Q(trust__isnull=False),
                violation_error_message="A medical director must belong to a trust."),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_open(self) -> bool:
        """Neither used nor revoked (it may have expired: then it can be sent again)."""
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class AccountRequest(models.Model):
    """A trainee who was not invited asks for an account; their region's staff decide.

    Approving sends an invitation (naming the imported record whose GMC number and email
    both match, if one does); refusing emails the reason.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a decision"
        APPROVED = "approved", "Approved: invitation sent"
        REFUSED = "refused", "Refused"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(max_length=NAME)
    last_name = models.CharField(max_length=NAME)
    email = models.EmailField()
    gmc_number = models.CharField("GMC reference number", max_length=GMC_NUMBER_LENGTH,
                                  validators=[validate_gmc_number])
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    reason = LimitedTextField("why it was refused", blank=True, max_length=NOTE)
    invitation = models.ForeignKey(Invitation, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    history = History()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["region", "status"])]
        constraints = [text_limits("account_request_reason_within_limit", reason=NOTE)]

    def __str__(self) -> str:
        return f"Request for an account from {self.email}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
