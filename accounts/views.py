from django.contrib.auth import views as auth_views

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out by POST only, so a link cannot sign someone out."""


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown instead of signing in once an account has had too many failed attempts."""
    from django.shortcuts import render

    return render(request, "accounts/locked_out.jinja", status=429)
