"""Forms on a return plan, one for each side's step."""

from django import forms

from core import forms as core_forms
from core.forms import NhsDateField, limit
from pipeline.models import ReturnPlan
from reference.models import Trust


class TrustForm(core_forms.Form):
    trust = forms.ModelChoiceField(
        label="The trust they return to", queryset=Trust.objects.order_by("name"), to_field_name="uuid",
        empty_label="Choose a trust", error_messages={"required": "Select the trust they return to",
                                                      "invalid_choice": "Select the trust they return to"})


class ShareForm(core_forms.Form):
    share = forms.MultipleChoiceField(
        label="What would you like to share with the medical director?", required=False,
        widget=forms.CheckboxSelectMultiple, choices=[
            ("project", "My fellowship project and the summary below"),
            ("portfolio", "The titles of my improvement projects and leadership roles")],
        help_text="They always see your name and your fellowship. "
                  "Nothing else is shared unless you choose it.")
    project_summary = forms.CharField(
        label="Summary of your project (optional)", widget=forms.Textarea, required=False,
        max_length=limit(ReturnPlan, "project_summary"),
        help_text="What you did and learned, in a few sentences. "
                  "Shared only if you choose your project above.")

    def choices(self) -> dict:
        """The fellow's choices, as the service takes them."""
        share = self.cleaned_data["share"]
        return {"share_project": "project" in share, "share_portfolio": "portfolio" in share,
                "project_summary": self.cleaned_data["project_summary"]}


class SessionForm(core_forms.Form):
    on = NhsDateField(label="Date of the session", help_text="For example, 15 3 2027")


class SessionNoteForm(core_forms.Form):
    note = forms.CharField(label="What happened at the session (optional)", widget=forms.Textarea,
                           required=False, max_length=limit(ReturnPlan, "session_note"))
