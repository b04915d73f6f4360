"""Reference data: regions, trusts, kinds of role, grades, specialties, frameworks.

The ground floor: every other app may read these; this app imports none of ours but
`core`. Rows are loaded from `reference/data/` by migrations and editable by
administrators, never code. The tables keep the names they had in `pipeline` and
`trainees` before the models moved here.
"""

from django.db import models
from django.db.models import Q

from core.modeling import PublicModel


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
        db_table = "pipeline_region"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Trust(PublicModel):
    """An NHS trust, known by its ODS code (three characters, never reused)."""

    ods_code = models.CharField("ODS code", max_length=3, unique=True)
    name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="trusts")

    class Meta:
        db_table = "pipeline_trust"
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
        db_table = "pipeline_leadershiproletype"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grade(models.Model):
    """A training grade. `rank` orders them so a vacancy can ask for a range."""

    class Stage(models.TextChoices):
        FOUNDATION = "foundation", "Foundation"
        CORE = "core", "Core"
        SPECIALTY = "specialty", "Specialty"
        GENERAL_PRACTICE = "general_practice", "GP training"

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    rank = models.PositiveSmallIntegerField(unique=True)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "trainees_grade"
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.code


class Specialty(models.Model):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        db_table = "trainees_specialty"
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name


class LeadershipFramework(models.Model):
    # The codes of the two frameworks the service ships (reference/data/frameworks.json).
    MLCF = "mlcf"  # Medical Leadership Competency Framework: 5 domains of 4 elements
    HLM = "hlm"  # NHS Healthcare Leadership Model: 9 dimensions (elements without a domain)

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "trainees_leadershipframework"

    def __str__(self) -> str:
        return self.name


class FrameworkDomainQuerySet(models.QuerySet):
    def mlcf(self) -> "FrameworkDomainQuerySet":
        """The MLCF's domains, in their order."""
        return self.filter(framework__code=LeadershipFramework.MLCF).order_by("number")

    def with_element_counts(self) -> "FrameworkDomainQuerySet":
        return self.annotate(element_count=models.Count("elements"))


class FrameworkDomain(models.Model):
    """A domain of a framework (the MLCF has five)."""

    framework = models.ForeignKey(LeadershipFramework, on_delete=models.CASCADE, related_name="domains")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)

    objects = FrameworkDomainQuerySet.as_manager()

    class Meta:
        db_table = "trainees_frameworkdomain"
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="domain_number_unique")
        ]

    def __str__(self) -> str:
        return self.name


class FrameworkElementQuerySet(models.QuerySet):
    def mlcf(self) -> "FrameworkElementQuerySet":
        return self.filter(framework__code=LeadershipFramework.MLCF)


class FrameworkElement(models.Model):
    """What evidence points at: an MLCF element, or an HLM dimension (no domain)."""

    framework = models.ForeignKey(LeadershipFramework, on_delete=models.CASCADE, related_name="elements")
    domain = models.ForeignKey(
        FrameworkDomain, null=True, blank=True, on_delete=models.CASCADE, related_name="elements"
    )
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)

    objects = FrameworkElementQuerySet.as_manager()

    class Meta:
        db_table = "trainees_frameworkelement"
        ordering = ["framework", "domain__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "domain", "number"], name="element_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name
