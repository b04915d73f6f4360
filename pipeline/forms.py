"""The forms a trust medical director posts a leadership opportunity with: first the kind
(a post, a governance role or a short project), then what that kind needs."""

from django import forms

from core import forms as core_forms
from core.forms import NhsDateField
from pipeline.models import GOVERNANCE_ROLE_TYPES, MAX_HOURS, Vacancy
from pipeline.rules import kind_rule_errors
from pipeline.services import vacancy_rule_errors
from reference.models import FrameworkDomain, FrameworkElement, Grade, LeadershipRoleType, Specialty

KIND_HINTS = {
    Vacancy.Kind.POST: "A leadership post with protected sessions every week, such as a chief registrar.",
    Vacancy.Kind.COMMITTEE: "A trainee representative's seat on a committee or board.",
    Vacancy.Kind.MORTALITY_MEETING: "Preparing, presenting or chairing cases at mortality and morbidity "
                                    "meetings.",
    Vacancy.Kind.INSPECTION: "Taking part in an inspection, such as a Care Quality Commission inspection.",
    Vacancy.Kind.SHORT_PROJECT: "An improvement project with a clear aim, a set number of hours and an "
                                "end date.",
}


class KindForm(core_forms.Form):
    """The first question: what the trust is offering (sent by GET to the form for that kind)."""

    kind = forms.ChoiceField(label="What are you offering?", widget=forms.RadioSelect,
                             choices=Vacancy.Kind.choices,
                             error_messages={"required": "Select what you are offering",
                                             "invalid_choice": "Select what you are offering"})


def element_choices() -> list[tuple]:
    choices: list[tuple] = [("", "Choose an element")]
    for element in FrameworkElement.objects.mlcf().select_related("domain"):
        assert element.domain is not None  # every MLCF element is in a domain
        choices.append((element.pk, f"{element.domain.name}: {element.name}"))
    return choices


class VacancyForm(core_forms.ModelForm):
    role_type = forms.ModelChoiceField(label="Kind of role", queryset=LeadershipRoleType.objects.all(),
                                       empty_label="Choose a kind of role",
                                       error_messages={"required": "Select the kind of role"})
    required_domains = forms.ModelMultipleChoiceField(
        label="Leadership domains the role needs", widget=forms.CheckboxSelectMultiple,
        queryset=FrameworkDomain.objects.mlcf(),
        error_messages={"required": "Select at least one leadership domain"})
    min_grade = forms.ModelChoiceField(label="Most junior eligible grade", queryset=Grade.objects.all(),
                                       empty_label="Choose a grade",
                                       error_messages={"required": "Select the most junior grade"})
    max_grade = forms.ModelChoiceField(label="Most senior eligible grade", queryset=Grade.objects.all(),
                                       empty_label="Choose a grade",
                                       error_messages={"required": "Select the most senior grade"})
    specialties = forms.ModelMultipleChoiceField(
        label="Specialties (optional)", queryset=Specialty.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Leave all unticked if any specialty may apply.")
    sessions_per_week = forms.TypedChoiceField(
        label="Sessions a week", coerce=int, choices=[(n, str(n)) for n in range(1, 11)],
        help_text="A session is half a day.")
    remote_possible = forms.TypedChoiceField(
        label="Can the role be done remotely?", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Select whether the role can be done remotely"})
    start_date = NhsDateField(label="Start date")
    closing_date = NhsDateField(label="Closing date")

    class Meta:
        model = Vacancy
        fields = ["title", "role_type", "description", "required_domains", "min_grade", "max_grade",
                  "specialties", "sessions_per_week", "hours", "location", "remote_possible", "start_date",
                  "ends_on", "closing_date", "element"]
        labels = {"title": "Title", "description": "Description", "location": "Location"}
        help_texts = {"description": "What the role involves and what you hope it achieves. "
                                     "Candidates are matched on its words."}

    hours = forms.IntegerField(
        label="Hours in all", min_value=1, max_value=MAX_HOURS, required=False,
        help_text="How long it will take altogether, including preparation.",
        error_messages={"invalid": "Enter the hours as a whole number, like 12",
                        "min_value": f"Hours must be between 1 and {MAX_HOURS}",
                        "max_value": f"Hours must be between 1 and {MAX_HOURS}"})
    ends_on = NhsDateField(label="End date", required=False)
    element = forms.TypedChoiceField(
        label="What taking part is evidence of", coerce=int, choices=element_choices, required=False,
        help_text="The leadership framework element. Once you confirm someone took part, it is added to "
                  "their portfolio as evidence against it.")

    # Asked of every kind; the rest are a post's or another kind's (fields_for_kind).
    POST_ONLY = ("role_type", "sessions_per_week")
    OTHER_KINDS_ONLY = ("hours", "ends_on", "element")

    def __init__(self, *args, kind: str = Vacancy.Kind.POST, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = self.instance.kind = self.instance.kind if self.instance.pk else kind
        for name in self.OTHER_KINDS_ONLY if self.kind == Vacancy.Kind.POST else self.POST_ONLY:
            del self.fields[name]
        if self.kind == Vacancy.Kind.POST:
            role_type = self.fields["role_type"]
            assert isinstance(role_type, forms.ModelChoiceField)  # declared above
            role_type.queryset = LeadershipRoleType.objects.exclude(code__in=GOVERNANCE_ROLE_TYPES.values())
        else:
            self._word_for_kind()
        for name in ("title", "description", "location"):
            label = self.fields[name].label
            assert label is not None  # Meta.labels names each of them
            self.fields[name].error_messages["required"] = f"Enter {label.lower()}"
        if self.instance.pk:
            self.initial["remote_possible"] = "yes" if self.instance.remote_possible else "no"
            if self.instance.element_id:
                self.initial["element"] = self.instance.element_id

    def _word_for_kind(self) -> None:
        """Say "it" rather than "the role" where the opportunity is not a post."""
        for name, message in (("hours", "Enter how many hours it will take in all"),
                              ("ends_on", "Enter the end date"),
                              ("element", "Select what taking part is evidence of")):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        self.fields["remote_possible"].label = "Can it be done remotely?"
        self.fields["remote_possible"].error_messages["required"] = "Select whether it can be done remotely"
        self.fields["required_domains"].label = "Leadership domains it needs"
        self.fields["start_date"].label = "Start date"

    def clean_element(self):
        element = self.cleaned_data.get("element")
        return FrameworkElement.objects.mlcf().get(pk=element) if element else None

    def clean(self):
        cleaned = super().clean()
        errors = vacancy_rule_errors(**{
            name: cleaned.get(name) for name in ("min_grade", "max_grade", "start_date", "closing_date")})
        if self.kind != Vacancy.Kind.POST:
            errors |= kind_rule_errors(kind=self.kind, **{
                name: cleaned.get(name) for name in ("hours", "ends_on", "start_date", "element")})
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned
