"""The trainee's side of the pipeline: the roles matched to them, with the reasons, and
saying they are interested."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.models import Role
from core.views import refusal
from pipeline import rules
from pipeline import selectors as pipeline_selectors
from pipeline import services as pipeline_services
from trainees import selectors as trainee_selectors
from trainees.models import Preferences

trainee_only = role_required(Role.TRAINEE)
OPPORTUNITIES_PER_PAGE = 10


@trainee_only
def opportunities(request: HttpRequest) -> HttpResponse:
    trainee = trainee_selectors.trainee_of(request.user)
    current = Preferences.objects.filter(trainee=trainee).first()
    page = Paginator(pipeline_selectors.opportunities_for(trainee=trainee), OPPORTUNITIES_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "trainees/opportunities.jinja", {
        "page": page,
        # Roles an allocation round fills say so, and where to rank them (pipeline.rules.holds).
        "holds": rules.holds([match.vacancy for match in page.object_list], trainee),
        "discoverable": bool(current and current.discoverable),
        "applications": pipeline_selectors.applications_of(trainee=trainee),
    })


@trainee_only
@require_http_methods(["GET", "POST"])
def opportunity(request: HttpRequest, uuid) -> HttpResponse:
    trainee = trainee_selectors.trainee_of(request.user)
    match = pipeline_selectors.opportunity_for(trainee=trainee, vacancy_uuid=uuid)
    if match is None:
        raise Http404("No such opportunity")
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                pipeline_services.interest_withdraw(trainee=trainee, vacancy=match.vacancy)
                messages.success(request, "You have withdrawn your interest.")
            else:
                pipeline_services.interest_express(trainee=trainee, vacancy=match.vacancy,
                                                   note=request.POST.get("note", ""))
                messages.success(request, "You have said you are interested. The trust can now see "
                                          "your name and portfolio.")
            return redirect("opportunities:opportunity", uuid=uuid)
        except ValidationError as invalid:
            error = refusal(invalid)
    required = set(match.vacancy.required_domains.values_list("pk", flat=True))
    asks_for = [c for c in trainee_selectors.mlcf_coverage(trainee=trainee) if c.domain.pk in required]
    hold = rules.holds([match.vacancy], trainee).get(match.vacancy.pk)
    return render(request, "trainees/opportunity.jinja", {
        "match": match, "error": error, "asks_for": asks_for, "hold": hold,
        "actions": rules.interest_actions(match.vacancy, match.interest, hold)})
