"""Schemes and cohorts for deanery staff: create cohorts, enrol, record outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest, staff_region
from accounts.models import Role
from core.views import NOT_DONE, attempt, carry_out, refusal
from mentoring import services as mentoring_services
from mentoring.models import Mentor
from schemes import rules, selectors, services
from schemes.forms import CohortForm, EnrolForm
from schemes.models import Cohort, Fellowship, Scheme
from trainees.scopes import trainees_for

staff_only = role_required(Role.DEANERY_STAFF)
MOVES = {"activate": Fellowship.Status.ACTIVE, "complete": Fellowship.Status.COMPLETED,
         "withdraw": Fellowship.Status.WITHDRAWN}
# The link that records each next step on the cohort page: (the URL's action, its words).
MOVE_LINKS: dict[str, tuple[str, str]] = {Fellowship.Status.ACTIVE: ("activate", "Mark active"),
              Fellowship.Status.COMPLETED: ("complete", "Record completion"),
              Fellowship.Status.WITHDRAWN: ("withdraw", "Record withdrawal")}


def _cohort(request: AuthenticatedHttpRequest, uuid) -> Cohort:
    return get_object_or_404(selectors.cohorts_for(region=staff_region(request)), uuid=uuid)


@staff_only
def schemes(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "schemes/list.jinja",
                  {"schemes": selectors.schemes_with_counts(region=staff_region(request))})


@staff_only
def scheme(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    found = get_object_or_404(Scheme, uuid=uuid)
    return render(request, "schemes/scheme.jinja", {
        "scheme": found, "cohorts": selectors.cohorts_for(region=staff_region(request), scheme=found)})


@staff_only
@require_http_methods(["GET", "POST"])
def cohort_new(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    found = get_object_or_404(Scheme, uuid=uuid)
    form = CohortForm(request.POST or None)
    cohort = carry_out(request, form, lambda: services.cohort_create(
        scheme=found, region=request.user.region, **form.cleaned_data))
    if cohort is not NOT_DONE:
        messages.success(request, "The cohort has been created.")
        return redirect("schemes:cohort", uuid=cohort.uuid)
    return render(request, "schemes/cohort_form.jinja", {"form": form, "scheme": found})


@staff_only
@require_http_methods(["GET", "POST"])
def cohort(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
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
            form.add_error("gmc_number", refusal(invalid))
    return render(request, "schemes/cohort.jinja", {
        "cohort": found, "form": form,
        # Each fellow's next steps: (the URL's action, its words, why not yet or None).
        "fellowships": [(f, [(*MOVE_LINKS[to], not_yet) for to, not_yet in rules.fellowship_moves(f)])
                        for f in selectors.fellowships_in(cohort=found, region=staff_region(request))],
        "outcomes": selectors.cohort_outcomes(cohort=found, region=staff_region(request)),
    })


@staff_only
@require_http_methods(["GET", "POST"])
def fellowship_move(request: AuthenticatedHttpRequest, uuid, fellowship_uuid, action: str) -> HttpResponse:
    """Confirm, then record a fellow's activation, completion or withdrawal."""
    found = _cohort(request, uuid)
    fellowship = get_object_or_404(selectors.fellowships_in(cohort=found, region=staff_region(request)),
                                   uuid=fellowship_uuid)
    if action not in MOVES:
        raise Http404("No such change")
    error = None
    if request.method == "POST":
        error = attempt(lambda: services.fellowship_move(fellowship=fellowship, to=MOVES[action]))
        if error is None:
            messages.success(request, "Recorded.")
            return redirect("schemes:cohort", uuid=found.uuid)
    return render(request, "schemes/fellowship_move.jinja", {
        "cohort": found, "fellowship": fellowship, "action": action, "error": error,
        # Not offered when the rules refuse it: why not, instead of the button.
        "cannot": error or rules.move_error(fellowship, MOVES[action])})


@staff_only
@require_http_methods(["GET", "POST"])
def cohort_mentors(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Propose the optimal assignment of the cohort's fellows to mentors; staff untick
    any pair they disagree with, then publish the rest as proposals to the mentors."""
    found = _cohort(request, uuid)
    fellows = selectors.fellows_without_a_mentor(cohort=found, region=staff_region(request))
    mentors = list(Mentor.objects.filter(region=request.user.region, accepting=True)
                   .select_related("user").prefetch_related("expertise"))
    pairs = mentoring_services.bulk_assignment_propose(trainees=fellows, mentors=mentors)
    if request.method == "POST":
        chosen = set(request.POST.getlist("pair"))
        picked = [(t, m) for t, m in pairs if f"{t.uuid}:{m.uuid}" in chosen]
        try:
            created = mentoring_services.bulk_assignment_publish(pairs=picked, by=request.user)
            messages.success(request, ngettext("%(num)d mentor has been asked to take on a fellow.",
                                               "%(num)d mentors have been asked to take on a fellow.",
                                               len(created)) % {"num": len(created)})
            return redirect("schemes:cohort", uuid=found.uuid)
        except ValidationError as invalid:
            messages.error(request, refusal(invalid))
    return render(request, "schemes/cohort_mentors.jinja",
                  {"cohort": found, "pairs": pairs, "unassigned": len(fellows) - len(pairs)})
