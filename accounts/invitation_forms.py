"""Forms for inviting people, accepting an invitation and asking for an account."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.invitation_rules import FORM_ROLES
from accounts.models import AccountRequest, Invitation, Role, User
from core import forms as core_forms
from core.forms import limit
from core.gmc import GMC_NUMBER_MESSAGE
from reference.models import Region, Trust

EMAIL = {"required": "Enter an email address",
         "invalid": "Enter an email address in the correct format, like name@example.com"}


def _name(label: str, model, field: str) -> forms.CharField:
    # Its length message is core.forms.plain_messages's, as every form's.
    return forms.CharField(label=label, max_length=limit(model, field),
                           error_messages={"required": f"Enter {label.lower()}"})


class InviteForm(core_forms.Form):
    """Whom to invite, as what. Staff invite directors of their region's trusts and mentors of
    their region; administrators anyone, in any region."""

    first_name = _name("First name", Invitation, "first_name")
    last_name = _name("Last name", Invitation, "last_name")
    email = forms.EmailField(label="Email address", max_length=limit(Invitation, "email"),
                             error_messages=EMAIL,
                             help_text="The invitation is sent here. They will sign in with this address.")
    role = forms.ChoiceField(label="Role", widget=forms.RadioSelect,
                             error_messages={"required": "Select a role", "invalid_choice": "Select a role"})
    region = forms.ModelChoiceField(label="Region", queryset=Region.objects.all(), required=False,
                                    empty_label="Select a region", help_text="For deanery staff and mentors",
                                    error_messages={"invalid_choice": "Select a region"})
    trust = forms.ModelChoiceField(label="Trust", queryset=Trust.objects.all(), required=False,
                                   empty_label="Select a trust",
                                   help_text="For a trust medical director: leave it blank for anyone else",
                                   error_messages={"invalid_choice": "Select a trust"})

    def __init__(self, *args, by: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.by = by
        roles: list[Role] = FORM_ROLES.get(Role(by.role), [])
        self.fields["role"].choices = [(role.value, role.label) for role in roles]  # type: ignore[attr-defined]
        if by.is_deanery_staff:
            del self.fields["region"]  # their own
            self.fields["trust"].queryset = Trust.objects.filter(region=by.region)  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        role = data.get("role")
        if role == Role.MEDICAL_DIRECTOR and not data.get("trust"):
            self.add_error("trust", "Select the trust of the medical director")
        if "region" in self.fields and role in (Role.DEANERY_STAFF, Role.MENTOR) and not data.get("region"):
            self.add_error("region", "Select the region")
        return data

    def invitee_region(self) -> Region | None:
        return self.by.region if self.by.is_deanery_staff else self.cleaned_data.get("region")


class AcceptForm(core_forms.Form):
    """The invited person chooses a password."""

    password1 = forms.CharField(label="Choose a password", widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False,
        help_text="At least 12 characters. Do not use a password you use elsewhere.",
        error_messages={"required": "Enter a password"})
    password2 = forms.CharField(label="Enter the password again", widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False,
        error_messages={"required": "Enter the password again"})

    def __init__(self, *args, invitation: Invitation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self) -> dict:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match. Enter the same password twice")
        elif first:
            invited = User(email=self.invitation.email, first_name=self.invitation.first_name,
                           last_name=self.invitation.last_name)
            try:
                validate_password(first, user=invited)
            except ValidationError as weak:
                self.add_error("password1", weak)
        return data


class AccountRequestForm(core_forms.Form):
    first_name = _name("First name", AccountRequest, "first_name")
    last_name = _name("Last name", AccountRequest, "last_name")
    email = forms.EmailField(label="Email address", max_length=limit(AccountRequest, "email"),
                             error_messages=EMAIL, help_text="The email address your deanery has for you")
    gmc_number = forms.CharField(label="GMC reference number", max_length=limit(AccountRequest, "gmc_number"),
                                 help_text="7 digits, for example 1234567",
                                 error_messages={"required": "Enter your GMC reference number",
                                                 "max_length": GMC_NUMBER_MESSAGE})
    region = forms.ModelChoiceField(label="Region", queryset=Region.objects.all(),
                                    empty_label="Select your region",
                                    help_text="The deanery or local office you train with",
                                    error_messages={"required": "Select your region",
                                                    "invalid_choice": "Select your region"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmc_number"].widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean_gmc_number(self) -> str:
        value = self.cleaned_data["gmc_number"].strip()
        AccountRequest._meta.get_field("gmc_number").run_validators(value)
        return value


class RefuseForm(core_forms.Form):
    reason = forms.CharField(label="Why the request is refused", widget=forms.Textarea,
                             max_length=limit(AccountRequest, "reason"),
                             help_text="This is emailed to them. Say what they can do next.",
                             error_messages={"required": "Enter why the request is refused"})
