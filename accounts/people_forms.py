"""Forms for managing people: finding them, and the reason for closing or reopening an account."""

from django import forms

from accounts.models import Role, User
from accounts.people import ACTIVE, DEACTIVATED, REASON_LENGTH
from core import forms as core_forms
from core.forms import limit


class PeopleFilterForm(core_forms.Form):
    search = forms.CharField(label="Name or email address", required=False,
                             max_length=limit(User, "email"),
                             error_messages={"max_length": f"Search for {limit(User, 'email')} characters "
                                                           "or fewer"})
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *Role.choices])
    status = forms.ChoiceField(label="Account", required=False,
                               choices=[("", "Active or deactivated"), (ACTIVE, "Active"),
                                        (DEACTIVATED, "Deactivated")])

    def __init__(self, *args, roles: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Any role"), *[(r, label) for r, label in Role.choices if r in roles]]


class ReasonForm(core_forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=REASON_LENGTH,
        help_text="For example, left the training programme. It is kept in the account's history, "
                  "which staff and administrators can see. The person is not sent it.",
        error_messages={"required": "Enter the reason",
                        "max_length": f"The reason must be {REASON_LENGTH} characters or fewer"})
