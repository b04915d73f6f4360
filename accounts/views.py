from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import tokens
from .forms import ApiTokenForm, SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out by POST only, so a link cannot sign someone out."""


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown instead of signing in once an account has had too many failed attempts."""
    return render(request, "accounts/locked_out.jinja", status=429)


# -- your account and personal API tokens -------------------------------------------

NEW_TOKEN_SESSION_KEY = "new_api_token"


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """Your details and API tokens. A new token's secret is shown on the next page load
    only (kept in the session for one read), then never again."""
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = tokens.token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.messages[0])
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = {"uuid": str(token.uuid), "secret": raw}
            return redirect("accounts:account")
    new_token = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    return render(request, "accounts/account.jinja", {
        "form": form, "tokens": tokens.tokens_of(request.user), "new_token": new_token,
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
