"""Schemes and cohorts for deanery staff: create cohorts, enrol, record outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.models import Role
from accounts.scoping import trainees_for
from mentoring import services as mentoring_services
from mentoring.models import Mentor
from schemes import selectors, services
from schemes.forms import CohortForm, EnrolForm
from schemes.models import Cohort, Fellowship, Scheme

staff_only = role_required(Role.DEANERY_STAFF)
MOVES = {"activate": Fellowship.Status.ACTIVE, "complete": Fellowship.Status.COMPLETED,
         "withdraw": Fellowship.Status.WITHDRAWN}


def _cohort(request: HttpRequest, uuid) -> Cohort:
    return get_object_or_404(selectors.cohorts_for(region=request.user.region), uuid=uuid)


@staff_only
def schemes(request: HttpRequest) -> HttpResponse:
    return render(request, "schemes/list.jinja",
                  {"schemes": selectors.schemes_with_counts(region=request.user.region)})


@staff_only
def scheme(request: HttpRequest, uuid) -> HttpResponse:
    found = get_object_or_404(Scheme, uuid=uuid)
    return render(request, "schemes/scheme.jinja", {
        "scheme": found, "cohorts": selectors.cohorts_for(region=request.user.region, scheme=found)})


@staff_only
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest, uuid) -> HttpResponse:
    found = get_object_or_404(Scheme, uuid=uuid)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(scheme=found, region=request.user.region, **form.cleaned_data)
            messages.success(request, "The cohort has been created.")
            return redirect("schemes:cohort", uuid=cohort.uuid)
        except ValidationError as invalid:
            form.add_error("name", " ".join(invalid.messages))
    return render(request, "schemes/cohort_form.jinja", {"form": form, "scheme": found})


@staff_only
@require_http_methods(["GET", "POST"])
def cohort(request: HttpRequest, uuid) -> HttpResponse:
    found = _cohort(request, uuid)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trainee = trainees_for(request.user).filter(gmc_number=form.cleaned_data["gmc_number"]).first()
        try:
            if trainee is None:
                raise ValidationError("No trainee in your region has that GMC number")
            services.fellowship_enrol(cohort=found, trainee=trainee, by=request.user,
                                      host_organisation=form.cleaned_data["host_organisation"])
            messages.success(request, f"{trainee.full_name} has been enrolled.")
            return redirect("schemes:cohort", uuid=found.uuid)
        except ValidationError as invalid:
            form.add_error("gmc_number", " ".join(invalid.messages))
    return render(request, "schemes/cohort.jinja", {
        "cohort": found, "form": form,
        "fellowships": selectors.fellowships_in(cohort=found, region=request.user.region),
        "outcomes": selectors.cohort_outcomes(cohort=found, region=request.user.region),
    })


@staff_only
@require_http_methods(["GET", "POST"])
def fellowship_move(request: HttpRequest, uuid, fellowship_uuid, action: str) -> HttpResponse:
    """Confirm, then record a fellow's activation, completion or withdrawal."""
    found = _cohort(request, uuid)
    fellowship = get_object_or_404(selectors.fellowships_in(cohort=found, region=request.user.region),
                                   uuid=fellowship_uuid)
    if action not in MOVES:
        raise Http404("No such change")
    error = None
    if request.method == "POST":
        try:
            services.fellowship_move(fellowship=fellowship, to=MOVES[action])
            messages.success(request, "Recorded.")
            return redirect("schemes:cohort", uuid=found.uuid)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    return render(request, "schemes/fellowship_move.jinja",
                  {"cohort": found, "fellowship": fellowship, "action": action, "error": error})


@staff_only
@require_http_methods(["GET", "POST"])
def cohort_mentors(request: HttpRequest, uuid) -> HttpResponse:
    """Propose the optimal assignment of the cohort's fellows to mentors; staff untick
    any pair they disagree with, then publish the rest as proposals to the mentors."""
    found = _cohort(request, uuid)
    fellows = [f.trainee for f in selectors.fellowships_in(cohort=found, region=request.user.region)
               .exclude(status=Fellowship.Status.WITHDRAWN)
               .exclude(trainee__mentorships__status__in=mentoring_services.OPEN)]
    mentors = list(Mentor.objects.filter(region=request.user.region, accepting=True)
                   .select_related("user").prefetch_related("expertise"))
    pairs = mentoring_services.bulk_assignment_propose(trainees=fellows, mentors=mentors)
    if request.method == "POST":
        chosen = set(request.POST.getlist("pair"))
        picked = [(t, m) for t, m in pairs if f"{t.uuid}:{m.uuid}" in chosen]
        try:
            created = mentoring_services.bulk_assignment_publish(pairs=picked, by=request.user)
            messages.success(request, f"{len(created)} mentors have been asked to take on a fellow.")
            return redirect("schemes:cohort", uuid=found.uuid)
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
    return render(request, "schemes/cohort_mentors.jinja",
                  {"cohort": found, "pairs": pairs, "unassigned": len(fellows) - len(pairs)})
