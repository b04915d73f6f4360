"""The home page for each role, and the health check."""

import sys
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found

from accounts import invitations
from accounts.http import AuthenticatedHttpRequest, director_trust, staff_region
from accounts.models import Role
from allocation.selectors import posts_to_rank, rounds_for_staff_to_act_on, rounds_to_rank
from core.errors import RETRY_AFTER_SECONDS, is_database_outage, server_error_json
from ideas.selectors import ideas_waiting, invitations_to_prompt
from mentoring.selectors import mentorships_of
from pipeline.national import STATUS_LABELS, schemes_across_regions
from pipeline.path import path_of
from pipeline.selectors import (
    national_counts_by_region,
    region_headline_counts,
    stewardship_counts,
    trust_vacancies,
)
from portal import health
from trainees.selectors import fellowships_of, portfolio_summary, trainee_of


def _is_api(request: HttpRequest) -> bool:
    """The API answers its errors in JSON, even for addresses no route matches."""
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception) -> HttpResponse:
    """404: JSON for the API."""

    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """The error page: no stack trace, and no database (it may be what failed).

    Django calls this while handling the exception, so a database out of reach is
    told apart from other failures and answered 503, to try again shortly. The API
    answers in JSON, as its own exception handler does (core.errors).
    """
    error = sys.exc_info()[1]
    if _is_api(request):
        return server_error_json(error)
    if is_database_outage(error):
        response = HttpResponse(render_to_string("errors/unavailable.jinja"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("errors/500.jinja"), status=500)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = health.service_health()
    healthy = all(state in (health.OK, health.NOT_CONFIGURED) for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks},
                        status=200 if healthy else 503)


@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each role lands on its own home page; a visitor who is not signed in, on the start page."""
    if not request.user.is_authenticated:
        return render(request, "home/start.jinja", {"invitation_days": settings.INVITATION_DAYS})
    page = HOME_PAGES.get(request.user.role, _no_role_home)
    return page(request)


def _trainee_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    trainee = getattr(request.user, "trainee", None)
    if trainee is None and invitations.claim_waiting(request.user) is not None:
        return redirect("trainees:claim")  # an invited trainee confirms their record first
    context = {"trainee": trainee}
    if trainee is not None:
        context |= {
            "summary": portfolio_summary(trainee=trainee),
            "fellowships": fellowships_of(trainee=trainee),
            "rounds_to_rank": rounds_to_rank(request.user),
            "idea_invitations": invitations_to_prompt(trainee=trainee),
        }
    return render(request, "home/trainee.jinja", context)


def _staff_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    region = staff_region(request)
    context = {"region": region, "counts": region_headline_counts(region=region),
               "stewardship": stewardship_counts(region=region),
               "rounds_to_act_on": rounds_for_staff_to_act_on(region)}
    return render(request, "home/staff.jinja", context)


def _director_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    trust = director_trust(request)
    return render(request, "home/director.jinja", {
        "trust": trust, "vacancies": trust_vacancies(trust=trust),
        "posts_to_rank": posts_to_rank(request.user), "ideas_waiting": ideas_waiting(request.user)})


def _mentor_home(request: HttpRequest) -> HttpResponse:
    mentor = getattr(request.user, "mentor", None)
    mentorships = mentorships_of(mentor=mentor) if mentor else []
    return render(request, "home/mentor.jinja", {"mentor": mentor, "mentorships": mentorships})


def _administrator_home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/administrator.jinja", {"regions": national_counts_by_region()})


def _scheme_lead_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "home/scheme_lead.jinja", {
        "schemes": schemes_across_regions(request.user), "status_labels": STATUS_LABELS})


def _no_role_home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/no_role.jinja", status=403)


HOME_PAGES: dict[str, Callable[[AuthenticatedHttpRequest], HttpResponse]] = {
    Role.TRAINEE: _trainee_home,
    Role.DEANERY_STAFF: _staff_home,
    Role.MEDICAL_DIRECTOR: _director_home,
    Role.MENTOR: _mentor_home,
    Role.ADMINISTRATOR: _administrator_home,
    Role.SCHEME_LEAD: _scheme_lead_home,
}


@login_required
@require_GET
def my_path(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A trainee's path: fellowships, return plan, roles held, CCT and what comes next."""
    if request.user.role != Role.TRAINEE:
        raise Http404("Not found")
    trainee = trainee_of(request.user)
    return render(request, "home/path.jinja", {"trainee": trainee, "path": path_of(trainee),
                                               "return_plan_weeks": settings.RETURN_PLAN_WEEKS})
