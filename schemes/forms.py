from django import forms

from core.forms import NhsDateField, limit
from schemes.models import Cohort, Fellowship
from trainees.validators import validate_gmc_number


class CohortForm(forms.Form):
    name = forms.CharField(label="Name", max_length=limit(Cohort, "name"),
                           help_text="For example, 2027 to 2028.",
                           error_messages={"required": "Enter the cohort's name"})
    intake_year = forms.IntegerField(
        label="Intake year", min_value=2000, max_value=2100,
        error_messages={"required": "Enter the intake year",
                        "invalid": "Enter the intake year as a number, like 2027"})
    start_date = NhsDateField(label="Start date")
    end_date = NhsDateField(label="End date")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "The end date must be after the start date")
        return cleaned


class EnrolForm(forms.Form):
    gmc_number = forms.CharField(label="Trainee's GMC number", max_length=7,
                                 error_messages={"required": "Enter the trainee's GMC number"})
    host_organisation = forms.CharField(label="Host organisation (optional)", required=False,
                                        max_length=limit(Fellowship, "host_organisation"))

    def clean_gmc_number(self) -> str:
        gmc = self.cleaned_data["gmc_number"].strip()
        validate_gmc_number(gmc)
        return gmc


