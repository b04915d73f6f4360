"""Schemes and cohorts for deanery staff: create cohorts, enrol, record outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest, staff_region
from accounts.models import Role
from core.views import NOT_DONE, attempt, carry_out, refusal
from mentoring import services as mentoring_services
from mentoring.models import Mentor
from schemes import rules, selectors, services
from schemes.forms import CohortForm, EnrolForm, InterestForm, SchemeFactsForm
from schemes.models import Cohort, Fellowship, Scheme
from trainees import services as trainee_services
from trainees.scopes import trainees_for
from trainees.selectors import trainee_of

staff_only = role_required(Role.DEANERY_STAFF)
MOVES = {"activate": Fellowship.Status.ACTIVE, "complete": Fellowship.Status.COMPLETED,
         "withdraw": Fellowship.Status.WITHDRAWN}
# The link that records each next step on the cohort page: (the URL's action, its words).
MOVE_LINKS: dict[str, tuple[str, str]] = {Fellowship.Status.ACTIVE: ("activate", "Mark active"),
              Fellowship.Status.COMPLETED: ("complete", "Record completion"),
              Fellowship.Status.WITHDRAWN: ("withdraw", "Record withdrawal")}


def _cohort(request: AuthenticatedHttpRequest, uuid) -> Cohort:
    return get_object_or_404(selectors.cohorts_for(region=staff_region(request)), uuid=uuid)


@role_required(Role.DEANERY_STAFF, Role.TRAINEE, Role.ADMINISTRATOR)
def schemes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff: their region's fellows per scheme. Trainees: the catalogue, with whether they
    could join each. Administrators: every scheme's facts, to correct."""
    if request.user.role == Role.TRAINEE:
        trainee = trainee_of(request.user)
        return render(request, "schemes/catalogue.jinja", {
            "entries": selectors.catalogue_for(trainee), "trainee": trainee,
            "form": InterestForm(initial={"interested": "yes" if trainee.leadership_interest else None})})
    if request.user.role == Role.ADMINISTRATOR:
        return render(request, "schemes/list.jinja", {"schemes": Scheme.objects.all(), "national": True})
    return render(request, "schemes/list.jinja",
                  {"schemes": selectors.schemes_with_counts(region=staff_region(request)), "national": False})


@role_required(Role.DEANERY_STAFF, Role.TRAINEE, Role.ADMINISTRATOR)
def scheme(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    found = get_object_or_404(Scheme.objects.prefetch_related("eligible_grades", "regions"), uuid=uuid)
    context = {"scheme": found, "may_change": rules.may_change_facts(request.user, found)}
    if rules.may_choose_leads(request.user):
        context["leads"] = found.leads.order_by("last_name", "first_name")
    if request.user.role == Role.TRAINEE:
        entries = selectors.catalogue_for(trainee_of(request.user))
        entry = next((e for e in entries if e.scheme == found), None)
        if entry is None:  # no longer offered
            raise Http404("No such scheme")
        return render(request, "schemes/scheme_trainee.jinja", {**context, "entry": entry})
    if request.user.role == Role.DEANERY_STAFF:
        context["cohorts"] = selectors.cohorts_for(region=staff_region(request), scheme=found)
    return render(request, "schemes/scheme.jinja", context)


@role_required(Role.DEANERY_STAFF, Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def scheme_edit(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Correct a scheme's facts; each change is kept in its history with who made it."""
    found = get_object_or_404(Scheme, uuid=uuid)
    if not rules.may_change_facts(request.user, found):
        raise Http404("No such scheme")
    form = SchemeFactsForm(request.POST if request.method == "POST" else None, instance=found,
                           by=request.user)
    saved = carry_out(request, form, lambda: services.scheme_facts_save(
        scheme=form.instance, eligible_grades=form.cleaned_data["eligible_grades"],
        regions=form.cleaned_data["regions"], by=request.user, leads=form.chosen_leads()))
    if saved is not NOT_DONE:
        messages.success(request, "The scheme's facts have been saved.")
        return redirect("schemes:scheme", uuid=found.uuid)
    return render(request, "schemes/scheme_edit.jinja", {"form": form, "scheme": found})


@role_required(Role.TRAINEE)
@require_POST
def scheme_interest(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Say you are interested in a scheme, or no longer."""
    found = get_object_or_404(Scheme, uuid=uuid, is_active=True)
    interested = request.POST.get("interested") == "yes"
    services.scheme_interest_set(trainee=trainee_of(request.user), scheme=found, interested=interested)
    messages.success(request, f"You have said you are interested in the {found.short_name}." if interested
                     else f"You are no longer marked as interested in the {found.short_name}.")
    return redirect("schemes:scheme", uuid=found.uuid)


@role_required(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def leadership_interest(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Yes or no to leadership in general (the catalogue's question, on its own if it fails)."""
    trainee = trainee_of(request.user)
    form = InterestForm(request.POST if request.method == "POST" else None,
                        initial={"interested": "yes" if trainee.leadership_interest else None})
    done = carry_out(request, form, lambda: trainee_services.leadership_interest_set(
        trainee=trainee, interested=form.cleaned_data["interested"]))
    if done is not NOT_DONE:
        messages.success(request, "Thank you. You can change your answer at any time.")
        return redirect("schemes:list")
    return render(request, "schemes/leadership_interest.jinja", {"form": form})


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
                                      host_organisation=form.cleaned_data["host_organisation"],
                                      override_reason=form.cleaned_data["override_reason"])
            messages.success(request, f"{trainee.full_name} has been enrolled.")
            return redirect("schemes:cohort", uuid=found.uuid)
        except ValidationError as invalid:
            # Not eligible: the answer is a reason in the box below, not another number.
            field = "override_reason" if invalid.code == services.INELIGIBLE else "gmc_number"
            form.add_error(field, refusal(invalid))
    return render(request, "schemes/cohort.jinja", {
        "cohort": found, "form": form,
        # Each fellow's next steps: (the URL's action, its words, why not yet or None).
        "fellowships": [(f, [(*MOVE_LINKS[to], not_yet) for to, not_yet in rules.fellowship_moves(f)])
                        for f in selectors.fellowships_in(cohort=found, region=staff_region(request))],
        "outcomes": selectors.cohort_outcomes(cohort=found, region=staff_region(request)),
        "size_warning": rules.cohort_size_warning(found, selectors.cohort_size(found)),
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
