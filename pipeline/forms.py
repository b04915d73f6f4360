"""The form a trust medical director posts a leadership role with."""

from django import forms

from core.forms import NhsDateField
from pipeline.models import Vacancy
from pipeline.services import vacancy_rule_errors
from reference.models import FrameworkDomain, Grade, LeadershipRoleType, Specialty


class VacancyForm(forms.ModelForm):
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
                  "specialties", "sessions_per_week", "location", "remote_possible", "start_date",
                  "closing_date"]
        labels = {"title": "Title", "description": "Description", "location": "Location"}
        help_texts = {"description": "What the role involves and what you hope it achieves. "
                                     "Candidates are matched on its words."}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("title", "description", "location"):
            label = self.fields[name].label
            assert label is not None  # Meta.labels names each of them
            self.fields[name].error_messages["required"] = f"Enter {label.lower()}"
        if self.instance.pk:
            self.initial["remote_possible"] = "yes" if self.instance.remote_possible else "no"

    def clean(self):

        cleaned = super().clean()
        for name, message in vacancy_rule_errors(**{
                name: cleaned.get(name) for name in ("min_grade", "max_grade", "start_date", "closing_date")
        }).items():
            self.add_error(name, message)
        return cleaned
