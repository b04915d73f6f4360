from django import forms

from accounts.models import User
from core import forms as core_forms
from core.forms import NhsDateField, limit
from reference.models import Trust
from schemes import rules, selectors
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import Project, Story, Trainee
from trainees.validators import validate_gmc_number


class CohortForm(core_forms.Form):
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


class EnrolForm(core_forms.Form):
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


class LeadChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()} ({obj.email})"


class SchemeFactsForm(core_forms.ModelForm):
    """A scheme's facts, as staff and administrators correct them (audited); administrators
    also choose its national scheme leads."""

    # Yes or no as NHS.UK radios (a lone checkbox reads badly to screen readers).
    cct_after_end = _yes_no("Must their CCT fall after the scheme ends?")
    facts_unconfirmed = _yes_no("Could some of these facts not be confirmed?")

    def __init__(self, *args, by: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("cct_after_end", "facts_unconfirmed"):
            self.initial[name] = "yes" if getattr(self.instance, name) else "no"
        if rules.may_choose_leads(by):
            self.fields["leads"] = LeadChoiceField(
                label="National scheme leads (optional)", required=False,
                queryset=rules.possible_leads(self.instance), widget=forms.CheckboxSelectMultiple,
                initial=list(self.instance.leads.all()),
                error_messages={"invalid_choice": "Select the scheme's leads from the list",
                                "invalid_pk_value": "Select the scheme's leads from the list"},
                help_text="They see the scheme's cohorts, fellows and alumni in every region. To add "
                          "someone not listed, invite them as a national scheme lead first.")

    def chosen_leads(self) -> list[User] | None:
        """The leads chosen, or None when the form does not ask (the leads stay as they are)."""
        return list(self.cleaned_data["leads"]) if "leads" in self.fields else None

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


class InterestForm(core_forms.Form):
    """Yes or no to leadership in general, from the schemes catalogue."""

    interested = forms.TypedChoiceField(
        label="Are you interested in leadership?", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", "Yes, tell me about leadership opportunities"), ("no", "No, not at the moment")],
        error_messages={"required": "Select yes if you are interested in leadership"})


class FellowshipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.cohort.scheme.name}, {obj.cohort.intake_year}"


class StoryForm(core_forms.ModelForm):
    """An alumnus's story for the showcase, and what of them it shows: their name or not
    (not, unless they say so), a trust or none."""

    fellowship = FellowshipChoiceField(
        label="Which fellowship is your story about?", queryset=Fellowship.objects.none(),
        widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select the fellowship your story is about"})
    projects = forms.ModelMultipleChoiceField(
        label="Improvement projects whose measured outcomes to show (optional)",
        queryset=Project.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="The showcase shows each project's title, baseline, result, unit and money saved or "
                  "value gained, as recorded in your portfolio.")
    trust = forms.ModelChoiceField(
        label="Trust to show with your story (optional)", queryset=Trust.objects.none(), required=False,
        empty_label="Do not show a trust",
        help_text="Only if you want readers to know where this happened.")
    show_name = forms.TypedChoiceField(
        label="How should the showcase name you?", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("no", "Do not show my name: call me a fellow of my scheme, with my year"),
                 ("yes", "Show my first and last name")],
        error_messages={"required": "Select how the showcase should name you"})

    class Meta:
        model = Story
        fields = ["title", "what_i_did", "what_changed", "fellowship", "projects", "trust", "show_name"]
        labels = {"title": "Title", "what_i_did": "What you did", "what_changed": "What changed"}
        help_texts = {"what_i_did": "In a few sentences. Do not name patients or colleagues.",
                      "what_changed": "For patients, colleagues or the service, with numbers where you "
                                      "have them."}
        error_messages = {"title": {"required": "Enter a title"},
                          "what_i_did": {"required": "Enter what you did"},
                          "what_changed": {"required": "Enter what changed"}}

    def __init__(self, *args, trainee: Trainee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fellowships = selectors.completed_fellowships(trainee)
        fellowship, projects, trust = self.fields["fellowship"], self.fields["projects"], self.fields["trust"]
        assert isinstance(fellowship, forms.ModelChoiceField) and isinstance(projects, forms.ModelChoiceField)
        assert isinstance(trust, forms.ModelChoiceField)
        fellowship.queryset = fellowships
        projects.queryset = Project.objects.filter(trainee=trainee).order_by("title")
        trust.queryset = selectors.story_trust_choices(trainee)
        self.initial["show_name"] = "yes" if self.instance.show_name else "no"
        if self.instance.pk is None and len(fellowships) == 1:
            self.initial["fellowship"] = fellowships[0].pk


class StoryConsentForm(core_forms.Form):
    consent = forms.MultipleChoiceField(
        label="Do you agree to publish your story?", widget=forms.CheckboxSelectMultiple,
        choices=[("yes", "I agree to publish my story on the public showcase, exactly as shown above")],
        error_messages={"required": "Confirm that you agree to publish your story as shown"})


class StoryTakeDownForm(core_forms.Form):
    reason = forms.CharField(
        label="Why are you taking this story down?", max_length=limit(Story, "hidden_reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The alumnus is sent this by email, so say which rule the story breaks and what to change.",
        error_messages={"required": "Enter why you are taking the story down"})


class ShowcaseFilterForm(core_forms.Form):
    """Filter the showcase by scheme and trust: only those with a story on it are offered."""

    scheme = forms.ModelChoiceField(label="Scheme", queryset=Scheme.objects.none(), required=False,
                                    to_field_name="uuid", empty_label="Any scheme")
    trust = forms.ModelChoiceField(label="Trust", queryset=Trust.objects.none(), required=False,
                                   to_field_name="uuid", empty_label="Any trust")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scheme, trust = self.fields["scheme"], self.fields["trust"]
        assert isinstance(scheme, forms.ModelChoiceField) and isinstance(trust, forms.ModelChoiceField)
        scheme.queryset, trust.queryset = selectors.showcase_filters()
