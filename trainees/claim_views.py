"""An invited trainee claims their imported record by confirming its GMC number."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import invitations
from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from core import forms as core_forms
from core.views import NOT_DONE, carry_out
from trainees import claims
from trainees.models import Trainee


class ClaimForm(core_forms.Form):
    gmc_number = forms.CharField(
        label="Your GMC reference number", max_length=Trainee._meta.get_field("gmc_number").max_length,
        help_text="7 digits, for example 1234567. It is on your GMC registration.",
        error_messages={"required": "Enter your GMC reference number",
                        "max_length": "A GMC number is 7 digits, like 1234567"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmc_number"].widget.attrs.update(inputmode="numeric", autocomplete="off")


@role_required(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def claim(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Confirm the GMC number, and the record the invitation named becomes yours."""
    invitation = invitations.claim_waiting(request.user)
    if invitation is None:
        return redirect("home")
    form = ClaimForm(request.POST if request.method == "POST" else None)
    trainee = carry_out(request, form, lambda: claims.record_claim(
        user=request.user, gmc_number=form.cleaned_data["gmc_number"]))
    if trainee is NOT_DONE:
        return render(request, "trainees/claim.jinja", {"form": form})
    messages.success(request, "Your training record is now linked to your account.")
    return redirect("home")
