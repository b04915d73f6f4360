from django import forms

from core import forms as core_forms
from core.forms import NhsDateField, limit
from mentoring.models import Meeting, Mentor, MentorRequest, Mentorship
from reference.models import FrameworkDomain


def _domains():
    return FrameworkDomain.objects.mlcf()


class MentorRequestForm(core_forms.Form):
    goals = forms.CharField(label="What you want from a mentor", widget=forms.Textarea,
                            max_length=limit(MentorRequest, "goals"),
                            error_messages={"required": "Enter what you want from a mentor"})
    domains = forms.ModelMultipleChoiceField(
        label="Leadership domains you want to develop (optional)", queryset=_domains(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Leave unticked to use your weakest domains.")
    same_region = forms.TypedChoiceField(
        label="Should your mentor be in your region?", coerce=lambda v: v == "yes",
        widget=forms.RadioSelect, choices=[("yes", "Yes, in my region"), ("no", "Anywhere")],
        error_messages={"required": "Select where your mentor should be"})
    outside_own_trust = forms.TypedChoiceField(
        label="Should your mentor be from outside your own trust?", coerce=lambda v: v == "yes",
        widget=forms.RadioSelect, choices=[("yes", "Yes"), ("no", "It does not matter")],
        error_messages={"required": "Select whether your mentor should be from outside your trust"})


class MeetingForm(core_forms.Form):
    held_on = NhsDateField(label="Date of the meeting",
                           error_messages={"required": "Enter the date of the meeting"})
    topics = forms.ModelMultipleChoiceField(label="Leadership domains you talked about (optional)",
                                            queryset=_domains(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    private_notes = forms.CharField(label="Private notes (optional)", widget=forms.Textarea, required=False,
                                    max_length=limit(Meeting, "private_notes"),
                                    help_text="Only you and your mentoring partner can read these.")


class FeedbackForm(core_forms.Form):
    feedback = forms.CharField(label="Your feedback on the mentorship", widget=forms.Textarea,
                               max_length=limit(Mentorship, "trainee_feedback"),
                               error_messages={"required": "Enter a few words of feedback"})


class MentorProfileForm(core_forms.Form):
    organisation = forms.CharField(label="Organisation", max_length=limit(Mentor, "organisation"),
                                   error_messages={"required": "Enter your organisation"})
    current_role = forms.CharField(label="Current role", max_length=limit(Mentor, "current_role"),
                                   error_messages={"required": "Enter your current role"})
    past_roles = forms.CharField(label="Past leadership roles (optional)", widget=forms.Textarea,
                                 required=False, max_length=limit(Mentor, "past_roles"))
    expertise = forms.ModelMultipleChoiceField(label="Your expertise (optional)", queryset=_domains(),
                                               required=False, widget=forms.CheckboxSelectMultiple)
    capacity = forms.TypedChoiceField(
        label="How many mentees at once", coerce=int, choices=[(n, str(n)) for n in range(0, 11)],
        error_messages={"required": "Select how many mentees you can take at once"})
    accepting = forms.TypedChoiceField(
        label="Are you accepting new mentees?", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No, pause new mentees")],
        error_messages={"required": "Select whether you are accepting new mentees"})
