"""Users sign in with their email address and have exactly one role."""

import uuid

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.audit import History


class Role(models.TextChoices):
    DEANERY_STAFF = "deanery_staff", "Deanery staff"
    TRAINEE = "trainee", "Trainee"
    MEDICAL_DIRECTOR = "medical_director", "Trust medical director"
    MENTOR = "mentor", "Mentor"
    ADMINISTRATOR = "administrator", "Administrator"


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
