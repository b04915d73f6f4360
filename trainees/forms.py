"""Forms for the trainee's portfolio and preferences: validation with plain messages."""

from django import forms
from django.utils import timezone

from core import forms as core_forms
from core.forms import NhsDateField
from reference.models import FrameworkElement, LeadershipRoleType, Region
from trainees.models import EqualityMonitoring as _Answers
from trainees.models import Evidence, LeadershipRole, Project, Qualification


def _required_messages(form: forms.ModelForm) -> None:
    for field in form.fields.values():
        if field.required and not isinstance(field, NhsDateField):
            assert field.label is not None  # a model form labels each field with its verbose name
            noun = field.label[0].lower() + field.label[1:]
            verb = "Select" if isinstance(field.widget, forms.Select | forms.RadioSelect) else "Enter"
            field.error_messages["required"] = f"{verb} {noun}"


def _not_in_future(form: forms.Form, name: str, what: str) -> None:
    value = form.cleaned_data.get(name)
    if value and value > timezone.localdate():
        form.add_error(name, f"{what} must be today or in the past")


def _ends_after_start(form: forms.Form) -> None:
    start, end = form.cleaned_data.get("start_date"), form.cleaned_data.get("end_date")
    if start and end and end <= start:
        form.add_error("end_date", "The end date must be after the start date")


def element_choices() -> list[tuple]:
    """Framework elements grouped by framework and domain, for a select."""
    elements = FrameworkElement.objects.select_related("framework", "domain").order_by(
        "framework__code", "domain__number", "number")
    choices: list[tuple] = [("", "Choose an element")]
    for element in elements:
        group = element.domain.name if element.domain else element.framework.name
        choices.append((element.pk, f"{group}: {element.name}"))
    return choices


class PortfolioForm(core_forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _required_messages(self)


class EvidenceForm(PortfolioForm):
    element = forms.TypedChoiceField(label="Framework element", coerce=int, choices=element_choices)
    occurred_on = NhsDateField(label="Date")
    link = forms.URLField(label="Link to more (optional)", required=False, assume_scheme="https",
                          error_messages={"invalid": "Enter a link in the correct format, like https://example.org"})

    class Meta:
        model = Evidence
        fields = ["title", "element", "level", "occurred_on", "what_i_did", "what_i_learned", "link"]
        labels = {"title": "Title", "level": "Level shown", "what_i_did": "What you did",
                  "what_i_learned": "What you learned (optional)", "link": "Link to more (optional)"}
        help_texts = {"level": "Rated on the Healthcare Leadership Model's scale."}

    def clean_element(self) -> FrameworkElement:
        return FrameworkElement.objects.get(pk=self.cleaned_data["element"])

    def clean(self):
        cleaned = super().clean()
        _not_in_future(self, "occurred_on", "The date")
        return cleaned


TOO_BIG = "Enter a number with no more than 10 digits before the point"


class ProjectForm(PortfolioForm):
    start_date = NhsDateField(label="Start date")
    end_date = NhsDateField(label="End date", required=False, help_text="Leave blank if it is still running.")

    class Meta:
        model = Project
        fields = ["title", "aim", "measures", "baseline", "outcome", "measure_unit", "baseline_value",
                  "result_value", "value_pounds", "status", "start_date", "end_date"]
        labels = {"title": "Title", "aim": "Aim", "measures": "Measures (optional)",
                  "baseline": "Baseline (optional)", "outcome": "Outcome", "status": "Status",
                  "measure_unit": "Unit of your main measure (optional)",
                  "baseline_value": "Baseline figure (optional)",
                  "result_value": "Result figure (optional)",
                  "value_pounds": "Money saved or value gained, in pounds (optional)"}
        help_texts = {"outcome": "What changed, with numbers where you have them. "
                                 "Leave blank until the project is completed.",
                      "measure_unit": "For example, minutes from arrival to assessment, or falls a month.",
                      "baseline_value": "The measure before the project, as a number.",
                      "result_value": "The measure after the project, as a number.",
                      "value_pounds": "Only if you know it, for example from a finance team's estimate."}
        error_messages = {name: {"invalid": "Enter a number, like 42 or 3.5",
                                 "max_digits": TOO_BIG, "max_whole_digits": TOO_BIG,
                                 "max_decimal_places": "Enter a number with no more than 2 decimal places"}
                          for name in ("baseline_value", "result_value", "value_pounds")}

    def clean(self):
        cleaned = super().clean()
        # Which dates each status allows, and the outcome of a completed project: Project.clean.
        _ends_after_start(self)
        return cleaned


class QualificationForm(PortfolioForm):
    awarded_on = NhsDateField(label="Date awarded")

    class Meta:
        model = Qualification
        fields = ["title", "kind", "awarding_body", "awarded_on"]
        labels = {"title": "Title", "kind": "Kind of qualification", "awarding_body": "Awarding body"}

    def clean(self):
        cleaned = super().clean()
        _not_in_future(self, "awarded_on", "The date awarded")
        return cleaned


class LeadershipRoleForm(PortfolioForm):
    start_date = NhsDateField(label="Start date")
    end_date = NhsDateField(label="End date", required=False, help_text="Leave blank if you still hold it.")

    class Meta:
        model = LeadershipRole
        fields = ["title", "role_type", "organisation", "description", "start_date", "end_date"]
        labels = {"title": "Title", "role_type": "Kind of role (optional)",
                  "organisation": "Organisation", "description": "What the role involved (optional)"}

    def clean(self):
        cleaned = super().clean()
        _ends_after_start(self)
        _not_in_future(self, "start_date", "The start date")
        return cleaned


class PreferencesForm(core_forms.Form):
    regions = forms.ModelMultipleChoiceField(
        label="Regions you would work in", queryset=Region.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Leave all unticked to mean your own region.")
    role_types = forms.ModelMultipleChoiceField(
        label="Kinds of role you are interested in (optional)", queryset=LeadershipRoleType.objects.all(),
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Roles of the kinds you tick come higher in your matches, and other kinds lower. "
                  "Leave all unticked if any kind of role would suit you.")
    sessions_per_week = forms.TypedChoiceField(
        label="Sessions a week you could give", coerce=int,
        choices=[(n, str(n)) for n in range(1, 11)],
        help_text="A session is half a day.", error_messages={"required": "Select sessions a week"})
    available_from = NhsDateField(label="Available from", required=False,
                                  help_text="Leave blank if you are available now.")
    discoverable = forms.TypedChoiceField(
        label="Can trust medical directors find you?", coerce=lambda v: v == "yes",
        choices=[("yes", "Yes, trust medical directors may see my anonymised profile and "
                         "invite me to consider roles"),
                 ("no", "No, keep me hidden from trusts")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether trust medical directors can find you"})
    weekly_roles_email = forms.TypedChoiceField(
        label="Do you want a weekly email of roles newly matched to you?", coerce=lambda v: v == "yes",
        choices=[("yes", "Yes, email me each week there are new roles for me"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want a weekly email of new roles"})


class EqualityForm(core_forms.Form):

    sex = forms.ChoiceField(label="Sex", choices=_Answers.Sex.choices, widget=forms.RadioSelect,
                            error_messages={"required": "Select your sex, or prefer not to say"})
    ethnic_group = forms.ChoiceField(
        label="Ethnic group", choices=_Answers.EthnicGroup.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select your ethnic group, or prefer not to say"})
    disability = forms.ChoiceField(
        label="Do you consider yourself to have a disability?", choices=_Answers.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you consider yourself to have a disability"})
