from django.contrib.auth import views as auth_views

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out by POST only, so a link cannot sign someone out."""
