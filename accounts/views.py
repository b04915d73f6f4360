import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import personal_data

from . import erasure, lockouts, rules, tokens
from .decorators import role_required
from .forms import ApiTokenForm
from .http import AuthenticatedHttpRequest
from .models import Role


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown instead of signing in once an account has had too many failed attempts."""
    return render(request, "accounts/locked_out.jinja", status=429)


# -- locked accounts, for administrators --------------------------------------------


@role_required(Role.ADMINISTRATOR)
def lockouts_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "accounts/lockouts.jinja", {"attempts": lockouts.locked_attempts()})


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def lockout_unlock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Confirm, then unlock the account at that address."""
    attempt = get_object_or_404(lockouts.locked_attempts(), pk=pk)
    if request.method == "POST":
        lockouts.lockout_clear(attempt=attempt, by=request.user)
        messages.success(request, f"{attempt.username} can sign in again from {attempt.ip_address}.")
        return redirect("accounts:lockouts")
    return render(request, "accounts/lockout_unlock.jinja", {"attempt": attempt})


# -- your account and personal API tokens -------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """Your details and API tokens. A new token's secret is shown once, in the answer to the
    POST that made it (never stored: not in the session, not in a cache), then never again."""
    form = ApiTokenForm(request.POST or None)
    new_token, secret = None, ""
    if request.method == "POST" and form.is_valid():
        try:
            new_token, secret = tokens.token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.messages[0])
        else:
            form = ApiTokenForm()
    return render(request, "accounts/account.jinja", {
        "form": form, "tokens": tokens.tokens_of(request.user), "new_token": new_token, "secret": secret,
        "token_days": settings.API_TOKEN_DAYS,
    })


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, uuid):
    """Confirm, then revoke: a revoked token is refused from then on."""
    token = get_object_or_404(tokens.tokens_of(request.user), uuid=uuid, revoked_at__isnull=True)
    if request.method == "POST":
        tokens.token_revoke(token=token)
        messages.success(request, f"The token “{token.name}” has been revoked. It can no longer be used.")
        return redirect("accounts:account")
    return render(request, "accounts/token_revoke.jinja", {"token": token})


# -- your data: download it, or delete your account ------------------------------------


@login_required
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Download everything the service holds about you, from every app, as JSON."""
    body = json.dumps(personal_data.export_all(request.user), indent=2, default=str)
    response = HttpResponse(body, content_type="application/json")
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Say what deleting the account does; erase and sign out on the confirming POST."""
    problem = rules.erasure_error(request.user)
    if request.method == "POST" and problem is None:
        try:
            erasure.account_erase(user=request.user, requested_by=request.user)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            logout(request)
            return render(request, "accounts/deleted.jinja")
    return render(request, "accounts/delete_account.jinja",
                  {"problem": problem, "what_happens": erasure.what_happens(request.user),
                   "tried": request.method == "POST"},
                  status=400 if problem and request.method == "POST" else 200)
