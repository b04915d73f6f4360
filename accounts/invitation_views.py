"""Invitations (staff and administrators send, re-send and revoke them; the invited person
accepts), and requests for an account (anyone asks; their region's staff decide)."""

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts import account_requests, addresses, invitation_rules, invitations
from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.invitation_forms import AcceptForm, AccountRequestForm, InviteForm, RefuseForm
from accounts.models import AccountRequest, Invitation, Role
from core.views import NOT_DONE, carry_out, post_action

PER_PAGE = 25
managers_only = role_required(Role.DEANERY_STAFF, Role.ADMINISTRATOR)
staff_only = role_required(Role.DEANERY_STAFF)


# -- sending, re-sending and revoking -------------------------------------------------------


@managers_only
def invitations_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    listing = invitations.open_invitations_for(request.user)
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/invitations.jinja", {"page": page, "days": settings.INVITATION_DAYS})


@managers_only
@require_http_methods(["GET", "POST"])
def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InviteForm(request.POST if request.method == "POST" else None, by=request.user)
    sent = carry_out(request, form, lambda: invitations.invitation_send(
        by=request.user, email=form.cleaned_data["email"], first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"], role=form.cleaned_data["role"],
        region=form.invitee_region(),
        trust=form.cleaned_data.get("trust")))
    if sent is NOT_DONE:
        return render(request, "accounts/invite.jinja", {"form": form, "days": settings.INVITATION_DAYS})
    messages.success(request, f"An invitation has been sent to {sent.email}.")
    return redirect("accounts:invitations")


def _invitation(request: AuthenticatedHttpRequest, uuid) -> Invitation:
    """An invitation the viewer may manage (their region's, or any for administrators), or 404."""
    return get_object_or_404(invitations.invitations_for(request.user), uuid=uuid)


@managers_only
def invitation_resend(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    invitation = _invitation(request, uuid)

    def resend() -> str:
        invitations.invitation_resend(invitation=invitation, by=request.user)
        return (f"A new invitation has been sent to {invitation.email}. "
                "The link in the earlier one no longer works.")

    return post_action(request, {"resend": resend}, then="accounts:invitations")


@managers_only
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Confirm, then withdraw the invitation."""
    invitation = _invitation(request, uuid)
    problem = invitation_rules.revoke_error(invitation)
    if request.method == "POST" and problem is None:
        invitations.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, f"The invitation to {invitation.email} has been withdrawn. "
                                  "Its link no longer works.")
        return redirect("accounts:invitations")
    return render(request, "accounts/invitation_revoke.jinja", {"invitation": invitation, "problem": problem})


# -- accepting ---------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email: choose a password (or sign in through the organisation),
    and the account is made. A link made up, used, withdrawn or expired is refused, saying why."""
    invitation = invitations.invitation_for_link(token)
    problem = invitation_rules.link_error(invitation)
    if problem is not None:
        return render(request, "accounts/invitation_refused.jinja", {"problem": problem},
                      status=404 if invitation is None else 410)
    assert invitation is not None
    form = AcceptForm(request.POST if request.method == "POST" else None, invitation=invitation)
    user = carry_out(request, form, lambda: invitations.invitation_accept(
        invitation=invitation, password=form.cleaned_data["password1"]))
    if user is NOT_DONE:
        return render(request, "accounts/invitation_accept.jinja", {"form": form, "invitation": invitation})
    messages.success(request, "Your account is ready. You are signed in.")
    return perform_login(request, user, redirect_url=reverse("home"))


# -- asking for an account ---------------------------------------------------------------------

# At most this many requests an hour from one address: enough for a shared office, too few to
# probe the service.
REQUESTS_PER_HOUR = 5


def _over_the_limit(request: HttpRequest) -> bool:
    key = f"account-request:{addresses.client_address(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > REQUESTS_PER_HOUR
    except ValueError:  # expired between the two calls
        return False


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """Ask for an account. Whatever is asked, the answer is the same page (no enumeration)."""
    form = AccountRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _over_the_limit(request):
            return render(request, "accounts/ask_limited.jinja", status=429)
        data = form.cleaned_data
        account_requests.account_request_make(first_name=data["first_name"], last_name=data["last_name"],
                                              email=data["email"], gmc_number=data["gmc_number"],
                                              region=data["region"])
        return redirect("accounts:asked")
    return render(request, "accounts/ask.jinja", {"form": form})


def asked(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/asked.jinja")


# -- deciding requests (staff of the region) --------------------------------------------------


@staff_only
def requests_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(account_requests.waiting_requests_for(request.user), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "accounts/account_requests.jinja", {"page": page})


def _request(request: AuthenticatedHttpRequest, uuid) -> AccountRequest:
    return get_object_or_404(account_requests.requests_for(request.user), uuid=uuid)


@staff_only
@require_http_methods(["GET", "POST"])
def request_detail(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """A request, with whether it matches an imported record; approving sends the invitation."""
    asked_for = _request(request, uuid)
    if request.method == "POST":
        def approve() -> str:
            account_requests.account_request_approve(request=asked_for, by=request.user)
            return f"{asked_for.full_name} has been sent an invitation."

        return post_action(request, {"approve": approve}, then="accounts:account-requests")
    return render(request, "accounts/account_request.jinja", {
        "asked": asked_for, "problem": invitation_rules.decide_error(asked_for),
        "matches_record": account_requests.matching_record(asked_for) is not None})


@staff_only
@require_http_methods(["GET", "POST"])
def request_refuse(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    asked_for = _request(request, uuid)
    problem = invitation_rules.decide_error(asked_for)
    if problem and request.method == "POST":  # decided already (another tab, another person)
        messages.info(request, problem)
        return redirect("accounts:account-request", asked_for.uuid)
    form = RefuseForm(request.POST if request.method == "POST" else None)
    done = carry_out(request, form, lambda: account_requests.account_request_refuse(
        request=asked_for, by=request.user, reason=form.cleaned_data["reason"]))
    if done is NOT_DONE:
        return render(request, "accounts/account_request_refuse.jinja",
                      {"asked": asked_for, "form": form, "problem": problem})
    messages.success(request, f"The request has been refused. {asked_for.full_name} has been emailed "
                              "the reason.")
    return redirect("accounts:account-requests")


