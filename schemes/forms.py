from django import forms

from core.forms import NhsDateField, limit
from schemes.models import Cohort, Fellowship, Scheme
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
    override_reason = forms.CharField(
        label="If they are not eligible, why should they join? (optional)", required=False,
        max_length=limit(Fellowship, "eligibility_override_reason"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only needed when the scheme's eligibility says no. Your name is kept with the reason.")

    def clean_gmc_number(self) -> str:
        gmc = self.cleaned_data["gmc_number"].strip()
        validate_gmc_number(gmc)
        return gmc




def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                  choices=[("yes", "Yes"), ("no", "No")])


class SchemeFactsForm(forms.ModelForm):
    """A scheme's facts, as staff and administrators correct them (audited)."""

    # Yes or no as NHS.UK radios (a lone checkbox reads badly to screen readers).
    cct_after_end = _yes_no("Must their CCT fall after the scheme ends?")
    facts_unconfirmed = _yes_no("Could some of these facts not be confirmed?")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("cct_after_end", "facts_unconfirmed"):
            self.initial[name] = "yes" if getattr(self.instance, name) else "no"

    class Meta:
        model = Scheme
        fields = ["organiser", "kind", "duration", "duration_months", "clinicians_per_year",
                  "clinicians_per_year_min", "clinicians_per_year_max", "eligibility", "eligible_grades",
                  "cct_after_end", "cct_within_months", "regions", "hosts", "follow_on", "details",
                  "facts_unconfirmed"]
        labels = {"organiser": "Organiser or sponsor (optional)", "kind": "Kind of scheme",
                  "duration": "How long it lasts, in words (optional)",
                  "duration_months": "How long it lasts, in months (optional)",
                  "clinicians_per_year": "Places a year, as stated",
                  "clinicians_per_year_min": "Fewest places a year (optional)",
                  "clinicians_per_year_max": "Most places a year (optional)",
                  "eligibility": "Who can apply, in words (optional)",
                  "eligible_grades": "Grades that can join (optional)",
                  "cct_within_months": "Only for those this many months from CCT (optional)",
                  "regions": "Regions it recruits from (optional)",
                  "hosts": "Where fellows are hosted (optional)",
                  "follow_on": "Follow-on once back in clinical practice",
                  "details": "Details (optional)"}
        help_texts = {"eligible_grades": "Leave all unticked if every grade can join.",
                      "regions": "Leave all unticked for a national scheme.",
                      "clinicians_per_year_max": "A cohort with more fellows than this is flagged."}
        widgets = {"eligible_grades": forms.CheckboxSelectMultiple, "regions": forms.CheckboxSelectMultiple,
                   "kind": forms.RadioSelect, "eligibility": forms.Textarea(attrs={"rows": 3}),
                   "hosts": forms.Textarea(attrs={"rows": 3}), "follow_on": forms.Textarea(attrs={"rows": 3}),
                   "details": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"clinicians_per_year": {"required": "Enter the places a year, as stated"},
                          "follow_on": {"required": "Enter what follows once fellows are back in practice"}}

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("clinicians_per_year_min"), cleaned.get("clinicians_per_year_max")
        if low is not None and high is not None and high < low:
            self.add_error("clinicians_per_year_max", "The most places a year must be at least the fewest")
        return cleaned


class InterestForm(forms.Form):
    """Yes or no to leadership in general, from the schemes catalogue."""

    interested = forms.TypedChoiceField(
        label="Are you interested in leadership?", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", "Yes, tell me about leadership opportunities"), ("no", "No, not at the moment")],
        error_messages={"required": "Select yes if you are interested in leadership"})
