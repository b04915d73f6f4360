"""Forms deanery staff use on alumni."""

from django import forms
from django.db.models import QuerySet

from core import forms as core_forms
from core.forms import limit
from mentoring.models import Mentor
from pipeline.models import StewardshipEvent, StewardshipStatus
from reference.models import Specialty, Trust
from schemes.models import Cohort, Scheme


class AlumniFilterForm(core_forms.Form):
    scheme = forms.ModelChoiceField(label="Scheme", queryset=Scheme.objects.all(), required=False,
                                    empty_label="Any scheme")
    cohort_year = forms.TypedChoiceField(label="Cohort year", required=False, coerce=int,
                                         empty_value=None, choices=[])
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *StewardshipStatus.choices])
    specialty = forms.ModelChoiceField(label="Specialty", queryset=Specialty.objects.all(),
                                       required=False, empty_label="Any specialty")
    trust = forms.ModelChoiceField(label="Current trust", queryset=Trust.objects.none(),
                                   required=False, empty_label="Any trust")

    def __init__(self, *args, region, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        trust, cohort_year = self.fields["trust"], self.fields["cohort_year"]
        assert isinstance(trust, forms.ModelChoiceField) and isinstance(cohort_year, forms.ChoiceField)
        trust.queryset = Trust.objects.filter(region=region)
        years = Cohort.objects.order_by("-intake_year").values_list("intake_year", flat=True).distinct()
        cohort_year.choices = [("", "Any year"), *[(y, str(y)) for y in years]]


class NoteForm(core_forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea, max_length=limit(StewardshipEvent, "text"),
                           error_messages={"required": "Enter the note"})


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Mentor) -> str:
        return f"{obj.user.get_full_name()}, {obj.current_role}, {obj.organisation}"


class MentorForm(core_forms.Form):
    """One of the mentors with a free place, to ask to mentor an alumnus."""

    mentor = MentorChoiceField(
        label="Assign a mentor", queryset=Mentor.objects.none(), to_field_name="uuid",
        empty_label="Choose a mentor", help_text="Mentors in the region with a free place.",
        error_messages={"required": "Select a mentor",
                        "invalid_choice": "Select a mentor who still has a free place"})

    def __init__(self, *args, mentors: QuerySet[Mentor], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mentors
