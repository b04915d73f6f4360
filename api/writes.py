"""Request bodies. They check shape and translate public codes to objects; every rule
about whether the change may happen is the services' (a refusal there is a 409)."""

from typing import Any

from rest_framework import serializers

from core.forms import limit
from core.rules import refuse
from imports.plans import REPORT_LIMIT
from mentoring.models import Mentor
from pipeline.models import GOVERNANCE_ROLE_TYPES, MAX_HOURS, ReturnPlan, Vacancy
from pipeline.rules import kind_change_error
from reference.models import FrameworkDomain, FrameworkElement, Grade, LeadershipRoleType, Specialty, Trust

MAX_ROWS_PER_REQUEST = 10_000
MAX_VALUE_CHARS = 1000


class JsonBooleanField(serializers.BooleanField):
    """true or false only: DRF's own also takes 0, 1, "yes" and the like, which the schema
    (and an integrator reading it) would not expect to work."""

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)


def _choices(queryset, field: str) -> list[Any]:
    return list(queryset.order_by(field).values_list(field, flat=True))


def element_code(element: FrameworkElement) -> str:
    """An MLCF element as the API names it: its domain's number and its own, e.g. "4.3"."""
    assert element.domain is not None  # MLCF elements are in domains
    return f"{element.domain.number}.{element.number}"


def element_codes() -> dict[str, FrameworkElement]:
    return {element_code(e): e for e in FrameworkElement.objects.mlcf().select_related("domain")}


def grade_codes() -> list[str]:
    """The grades a role may ask for: one enum in the schema for both ends of the range
    (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"])."""
    return _choices(Grade.objects.filter(active=True), "code")


class VacancyWriteSerializer(serializers.ModelSerializer):
    """A role as a director posts it. Reference data is named by code, and the allowed
    codes are read when the serializer is made, so the schema lists them."""

    class Meta:
        model = Vacancy
        fields = ["kind", "title", "role_type", "description", "required_domains", "min_grade", "max_grade",
                  "specialties", "sessions_per_week", "hours", "ends_on", "element", "location",
                  "remote_possible", "start_date", "closing_date"]
        extra_kwargs = {"sessions_per_week": {"min_value": 1, "max_value": 10, "required": False,
                                              "help_text": "A post's sessions a week (required for a post)."},
                        "hours": {"min_value": 1, "max_value": MAX_HOURS, "required": False,
                                  "allow_null": True,
                                  "help_text": "Hours in all (required for every kind but a post)."},
                        "ends_on": {"required": False, "allow_null": True,
                                    "help_text": "The end date (required for every kind but a post)."},
                        "kind": {"required": False,
                                 "help_text": "What is offered; a post by default. Cannot be changed later."}}

    def get_fields(self):
        fields = super().get_fields()
        grades = grade_codes()
        fields["remote_possible"] = JsonBooleanField(required=False)
        fields["role_type"] = serializers.ChoiceField(
            choices=_choices(LeadershipRoleType.objects.exclude(code__in=GOVERNANCE_ROLE_TYPES.values()),
                             "code"),
            required=False,
            help_text="A post's kind of role (required for a post; the other kinds have their own).")
        fields["element"] = serializers.ChoiceField(
            choices=sorted(element_codes()), required=False, allow_null=True,
            help_text='What taking part is evidence of: an MLCF element as "domain.element", e.g. "4.3" '
                      "(required for every kind but a post).")
        fields["min_grade"] = serializers.ChoiceField(choices=grades)
        fields["max_grade"] = serializers.ChoiceField(choices=grades)
        fields["required_domains"] = serializers.ListField(
            child=serializers.ChoiceField(choices=self._domains()), min_length=1, max_length=10,
            help_text="MLCF domain numbers.")
        fields["specialties"] = serializers.ListField(
            child=serializers.ChoiceField(choices=_choices(Specialty.objects, "name")), required=False,
            max_length=100, help_text="Empty or absent: any specialty may apply.")
        return fields

    @staticmethod
    def _domains() -> list[int]:
        return _choices(FrameworkDomain.objects.mlcf(), "number")

    def apply(self) -> tuple[Vacancy, dict[str, list]]:
        """The vacancy with its fields set (unsaved) and its many-to-many values."""
        data, vacancy = self.validated_data, self.instance
        assert vacancy is not None  # the view always gives the vacancy, new or existing
        # What each kind needs is a rule of the service (pipeline.services.vacancy_save): a
        # well-formed request it refuses is a 409 with the reasons, as every rule is.
        refuse(kind_change_error(vacancy, data.get("kind", vacancy.kind)))
        lookups = {"role_type": lambda v: LeadershipRoleType.objects.get(code=v),
                   "element": lambda v: element_codes()[v] if v else None,
                   "min_grade": lambda v: Grade.objects.get(code=v),
                   "max_grade": lambda v: Grade.objects.get(code=v)}
        for name, value in data.items():
            if name in lookups:
                setattr(vacancy, name, lookups[name](value))
            elif name not in ("required_domains", "specialties"):
                setattr(vacancy, name, value)
        many: dict[str, list] = {}
        if "required_domains" in data:
            many["required_domains"] = list(FrameworkDomain.objects.filter(
                framework__code="mlcf", number__in=data["required_domains"]))
        if "specialties" in data or not vacancy.pk:
            many["specialties"] = list(Specialty.objects.filter(name__in=data.get("specialties", [])))
        return vacancy, many


class TraineeRowSerializer(serializers.Serializer):
    """One trainee as a trainee information system exports them. Values are checked by the
    import, row by row, so a bad row is reported rather than refused as malformed."""

    gmc_number = serializers.CharField(max_length=20, allow_blank=True)
    # Only a bound on what is read: the import reports a value too long for its field, row
    # by row, from the model's own limits.
    first_name = serializers.CharField(max_length=MAX_VALUE_CHARS, allow_blank=True)
    last_name = serializers.CharField(max_length=MAX_VALUE_CHARS, allow_blank=True)
    email = serializers.CharField(max_length=MAX_VALUE_CHARS, allow_blank=True)
    grade = serializers.CharField(max_length=20, allow_blank=True, help_text="Grade code, e.g. ST3.")
    specialty = serializers.CharField(max_length=120, allow_blank=True)
    region = serializers.CharField(max_length=120, allow_blank=True, help_text="Region code or name.")
    current_trust = serializers.CharField(max_length=10, allow_blank=True, required=False, default="",
                                          help_text="ODS code; blank if none.")
    # No default: left out, the trainee's own answer is kept (as a file without the column).
    leadership_interest = serializers.CharField(
        max_length=10, allow_blank=True, required=False,
        help_text="'yes' or 'no': interested in leadership. Blank or left out keeps what is recorded.")


class BulkUpsertSerializer(serializers.Serializer):
    # What many=True calls; the stubs do not know many=True passes max_length on to the list.
    rows = TraineeRowSerializer.many_init(max_length=MAX_ROWS_PER_REQUEST)
    dry_run = JsonBooleanField(default=False, help_text="Check and report only; write nothing.")


class RowReportSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Position in `rows`, from 1.")
    gmc_number = serializers.CharField()
    action = serializers.ChoiceField(choices=["create", "update", "unchanged", "refused"])
    # DRF's metaclass moves declared fields off the class, so this does not hide Serializer.errors;
    # the stubs cannot see that.
    errors = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]


class BulkUpsertReportSerializer(serializers.Serializer):
    written = serializers.BooleanField()
    counts = serializers.DictField(child=serializers.IntegerField())
    error = serializers.CharField(allow_blank=True, help_text="Why nothing was written though no row "
                                  "is refused (the write failed and was rolled back); blank otherwise.")
    rows = RowReportSerializer(many=True, help_text=f"Every refused row, then others, up to "
                                                    f"{REPORT_LIMIT}.")



class InterestedSerializer(serializers.Serializer):
    interested = JsonBooleanField(help_text="true: interested; false: not (or no longer).")


# -- a return plan's steps: each side does its own (pipeline.return_steps says who may) ------


class ReturnTrustSerializer(serializers.Serializer):
    trust = serializers.UUIDField(help_text="The trust the fellow returns to (a trust's `uuid`).")

    def validate_trust(self, value) -> Trust:
        trust = Trust.objects.filter(uuid=value).first()
        if trust is None:
            raise serializers.ValidationError("No trust has this uuid.")
        return trust


class ReturnShareSerializer(serializers.Serializer):
    share_project = JsonBooleanField(default=False, help_text="Share the fellowship project and the "
                                     "summary below.")
    project_summary = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=limit(ReturnPlan, "project_summary"),
        help_text="What the fellow did and learned. Kept only when `share_project` is true.")
    share_portfolio = JsonBooleanField(default=False, help_text="Share the titles of the fellow's "
                                       "improvement projects and leadership roles.")


class ReturnSessionSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="The date proposed for the session: today or later.")


class ReturnSessionNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="",
                                 max_length=limit(ReturnPlan, "session_note"),
                                 help_text="What happened at the session (optional).")


class ReturnMentorSerializer(serializers.Serializer):
    mentor = serializers.UUIDField(help_text="A mentor of the fellow's region with a free place "
                                   "(a mentor's `uuid`).")

    def validate_mentor(self, value) -> Mentor:
        mentor = self.context["mentors"].filter(uuid=value).first()
        if mentor is None:
            raise serializers.ValidationError("Choose a mentor of the fellow's region who has a free place.")
        return mentor
