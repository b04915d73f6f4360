"""The trust medical director's journey: post roles, see candidates, appoint."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.models import Role
from accounts.scoping import vacancies_for
from pipeline import selectors, services
from pipeline.forms import VacancyForm
from pipeline.models import Match, Vacancy
from trainees import selectors as trainee_selectors
from trainees.portfolio import KINDS
from trainees.services import portfolio_view_record

director_only = role_required(Role.MEDICAL_DIRECTOR)


def _vacancy(request: HttpRequest, uuid) -> Vacancy:
    """A role of the director's own trust, or 404: other trusts' roles do not exist here."""
    return get_object_or_404(vacancies_for(request.user), uuid=uuid)


@director_only
def roles(request: HttpRequest) -> HttpResponse:
    vacancies = selectors.trust_vacancies(trust=request.user.trust)
    return render(request, "roles/list.jinja", {"trust": request.user.trust, "vacancies": vacancies})


@director_only
@require_http_methods(["GET", "POST"])
def role_new(request: HttpRequest) -> HttpResponse:
    return _role_form(request, Vacancy(status=Vacancy.Status.DRAFT))


@director_only
@require_http_methods(["GET", "POST"])
def role_edit(request: HttpRequest, uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    if vacancy.status not in (Vacancy.Status.DRAFT, Vacancy.Status.OPEN):
        raise Http404("Closed and filled roles cannot be changed")
    return _role_form(request, vacancy)


def _role_form(request: HttpRequest, vacancy: Vacancy) -> HttpResponse:
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.vacancy_save(vacancy=form.save(commit=False), trust=request.user.trust,
                                          by=request.user, form_m2m=form.save_m2m)
        except ValidationError as refused:
            form.add_error(None, refused.messages)
        else:
            messages.success(request, "The role has been saved." + (
                " Preview it, then publish it when it is ready." if saved.status == "draft" else ""))
            return redirect("roles:detail", uuid=saved.uuid)
    return render(request, "roles/form.jinja", {"form": form, "vacancy": vacancy})


@director_only
def role_detail(request: HttpRequest, uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    return render(request, "roles/detail.jinja", {"vacancy": vacancy,
                                                  "round_name": services.round_holding(vacancy)})


@director_only
@require_http_methods(["GET", "POST"])
def role_transition(request: HttpRequest, uuid, action: str) -> HttpResponse:
    """Publish, close or mark filled: a confirmation page, then the change on POST."""
    vacancy = _vacancy(request, uuid)
    change = {"publish": services.vacancy_publish, "close": services.vacancy_close,
              "fill": services.vacancy_mark_filled}[action]
    error = None
    if request.method == "POST":
        try:
            change(vacancy=vacancy)
            messages.success(request, TRANSITION_DONE[action])
            return redirect("roles:detail", uuid=vacancy.uuid)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    return render(request, "roles/confirm.jinja", {"vacancy": vacancy, "action": action, "error": error})


TRANSITION_DONE = {
    "publish": "The role is published. Matching candidates will appear shortly.",
    "close": "The role is closed to new interest.",
    "fill": "The role is marked as filled.",
}


@director_only
def candidates(request: HttpRequest, uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    return render(request, "roles/candidates.jinja", {
        "vacancy": vacancy, "candidates": selectors.candidates_for(vacancy=vacancy)})


@director_only
def candidate(request: HttpRequest, uuid, match_uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    found = selectors.candidates_for(vacancy=vacancy, match_uuid=match_uuid)
    if not found:
        raise Http404("No such candidate for this role")
    person = found[0]
    context = {"vacancy": vacancy, "candidate": person, "error": request.GET.get("error")}
    if person.identified:  # the read-only portfolio, only once they have said they are interested
        trainee = person.match.trainee
        portfolio_view_record(trainee=trainee, viewer=request.user, where=f"candidate for {vacancy.title}")
        context["sections"] = [(kind, trainee_selectors.portfolio_items(trainee=trainee, model=kind.model))
                               for kind in KINDS.values()]
    return render(request, "roles/candidate.jinja", context)


CANDIDATE_ACTIONS = {
    "invite": (lambda match, user: services.candidate_invite(match=match, by=user),
               "The candidate has been invited. You will see who they are if they are interested."),
    "shortlist": (lambda match, user: services.candidate_shortlist(match=match), "Shortlisted."),
    "appoint": (lambda match, user: services.candidate_appoint(match=match),
                "Appointed. The role has been added to their portfolio."),
    "not_selected": (lambda match, user: services.candidate_not_selected(match=match),
                     "Recorded as not selected."),
}


@director_only
def candidate_action(request: HttpRequest, uuid, match_uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)  # scope first: another trust's role is a 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    match = get_object_or_404(Match.objects.select_related("trainee", "vacancy__trust"),
                              vacancy=vacancy, uuid=match_uuid)
    action = request.POST.get("action", "")
    if action not in CANDIDATE_ACTIONS:
        raise Http404("No such action")
    do, done = CANDIDATE_ACTIONS[action]
    try:
        do(match, request.user)
        messages.success(request, done)
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    return redirect("roles:candidate", uuid=vacancy.uuid, match_uuid=match.uuid)
