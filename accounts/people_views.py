"""Managing people: staff see the people of their region, administrators everyone; each can
close (deactivate) or reopen an account, saying why."""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts import people
from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role, User
from accounts.people_forms import PeopleFilterForm, ReasonForm
from core.views import NOT_DONE, carry_out

managers = role_required(Role.DEANERY_STAFF, Role.ADMINISTRATOR)
PER_PAGE = 25


def _person(request: AuthenticatedHttpRequest, uuid) -> User:
    """Someone the viewer may see, or 404."""
    return get_object_or_404(people.people_for(request.user), uuid=uuid)


@managers
def people_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Staff never see administrators or national scheme leads (who belong to no region).
    roles = [role for role in Role.values
             if request.user.role == Role.ADMINISTRATOR or role not in (Role.ADMINISTRATOR, Role.SCHEME_LEAD)]
    form = PeopleFilterForm(request.GET or None, roles=roles)
    filters = form.cleaned_data if form.is_valid() else {}
    listing = people.people_list(people=people.people_for(request.user), **filters)
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "people/list.jinja", {"form": form, "page": page, "query": query.urlencode(),
                                                  "filtered": bool(filters and any(filters.values()))})


@managers
def person(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    found = _person(request, uuid)
    return render(request, "people/person.jinja", {
        "person": found, "history": people.account_history(found),
        "tokens_in_use": found.api_tokens.filter(revoked_at__isnull=True).count(),
        "cannot_deactivate": people.deactivation_error(by=request.user, person=found),
        "cannot_reactivate": people.reactivation_error(by=request.user, person=found),
    })


@managers
@require_http_methods(["GET", "POST"])
def deactivate(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    return _confirm(request, _person(request, uuid), "deactivate", people.deactivation_error,
                    people.person_deactivate, done="{name}'s account has been deactivated.")


@managers
@require_http_methods(["GET", "POST"])
def reactivate(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    return _confirm(request, _person(request, uuid), "reactivate", people.reactivation_error,
                    people.person_reactivate, done="{name}'s account has been reactivated.")


def _confirm(request: AuthenticatedHttpRequest, found: User, doing: str,
             problem_of: Callable[..., str | None], change: Callable[..., User], *,
             done: str) -> HttpResponse:
    """Say what the change does and ask why; make it on the confirming POST."""
    form = ReasonForm(request.POST if request.method == "POST" else None)
    result = carry_out(request, form, lambda: change(person=found, by=request.user,
                                                     reason=form.cleaned_data["reason"]))
    if result is not NOT_DONE:
        messages.success(request, done.format(name=found.get_full_name()))
        return redirect("people:person", uuid=found.uuid)
    return render(request, f"people/{doing}.jinja", {
        "person": found, "form": form, "problem": problem_of(by=request.user, person=found)})
