"""The trust medical director's journey: post roles, see candidates, appoint."""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest, director_trust
from accounts.models import Role
from core.views import NOT_DONE, attempt, carry_out, post_action
from pipeline import rules, selectors, services
from pipeline.forms import KIND_HINTS, KindForm, VacancyForm
from pipeline.models import Match, Vacancy
from pipeline.scopes import vacancies_for
from trainees.services import portfolio_read

director_only = role_required(Role.MEDICAL_DIRECTOR)


CANDIDATES_PER_PAGE = 50


def _vacancy(request: AuthenticatedHttpRequest, uuid) -> Vacancy:
    """A role of the director's own trust, or 404: other trusts' roles do not exist here."""
    return get_object_or_404(vacancies_for(request.user), uuid=uuid)


@director_only
def roles(request: AuthenticatedHttpRequest) -> HttpResponse:
    vacancies = list(selectors.trust_vacancies(trust=director_trust(request)))
    # A post an allocation round fills closes when the round says, not on its own date.
    return render(request, "roles/list.jinja", {"trust": request.user.trust, "vacancies": vacancies,
                                               "holds": rules.holds(vacancies)})


@director_only
@require_http_methods(["GET", "POST"])
def role_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """First what is offered (a post, a governance role or a short project), then its form."""
    kind = request.GET.get("kind")
    if kind not in Vacancy.Kind.values:
        form = KindForm(request.GET or None)  # sent without a choice (only "step"): says so
        form.is_valid()
        return render(request, "roles/kind.jinja", {"form": form, "hints": KIND_HINTS})
    return role_form(request, Vacancy(status=Vacancy.Status.DRAFT, kind=kind))


@director_only
@require_http_methods(["GET", "POST"])
def role_edit(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    if vacancy.status not in (Vacancy.Status.DRAFT, Vacancy.Status.OPEN):
        raise Http404("Closed and filled roles cannot be changed")
    if blocked := rules.change_error(vacancy):  # e.g. a round fills it: said, not offered
        return render(request, "roles/form.jinja", {"vacancy": vacancy, "blocked": blocked})
    return role_form(request, vacancy)


def role_form(request: AuthenticatedHttpRequest, vacancy: Vacancy, *, initial: dict | None = None,
              then: Callable[[Vacancy], object] | None = None, back: str | None = None) -> HttpResponse:
    """The form for one kind of opportunity. `initial` prefills a new one and `then` runs
    with the saved opportunity, inside the same transaction (an idea posted as a short
    project: ideas.views.opportunity)."""
    form = VacancyForm(request.POST or None, instance=vacancy, kind=vacancy.kind, initial=initial)

    @transaction.atomic
    def save() -> Vacancy:
        saved = services.vacancy_save(vacancy=form.save(commit=False), trust=request.user.trust,
                                      by=request.user, form_m2m=form.save_m2m)
        if then is not None:
            then(saved)
        return saved

    saved = carry_out(request, form, save)
    if saved is not NOT_DONE:
        messages.success(request, f"The {saved.noun} has been saved." + (
            " Preview it, then publish it when it is ready." if saved.status == "draft" else ""))
        return redirect("roles:detail", uuid=saved.uuid)
    return render(request, "roles/form.jinja", {"form": form, "vacancy": vacancy, "back": back})


@director_only
def role_detail(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    return render(request, "roles/detail.jinja", {
        "vacancy": vacancy, "round_name": rules.round_holding(vacancy),
        "actions": rules.vacancy_actions(vacancy), "candidates_words": rules.candidates_words(vacancy)})


@director_only
@require_http_methods(["GET", "POST"])
def role_transition(request: AuthenticatedHttpRequest, uuid, action: str) -> HttpResponse:
    """Publish, close or mark filled: a confirmation page, then the change on POST."""
    vacancy = _vacancy(request, uuid)
    changes: dict[str, Callable[..., Vacancy]] = {
        "publish": services.vacancy_publish, "close": services.vacancy_close,
        "fill": services.vacancy_mark_filled}
    change = changes[action]
    # What the rules block is said instead of offered (a crafted POST is refused by the service).
    checks: dict[str, Callable[[Vacancy], str | None]] = {
        "publish": rules.publish_error, "close": rules.close_error, "fill": rules.fill_error}
    error = checks[action](vacancy)
    if request.method == "POST":
        error = attempt(lambda: change(vacancy=vacancy))
        if error is None:
            messages.success(request, TRANSITION_DONE[action])
            return redirect("roles:detail", uuid=vacancy.uuid)
    return render(request, "roles/confirm.jinja", {"vacancy": vacancy, "action": action, "error": error})


TRANSITION_DONE = {
    "publish": "The role is published. Matching candidates will appear shortly.",
    "close": "The role is closed to new interest.",
    "fill": "The role is marked as filled.",
}


@director_only
def candidates(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    if not rules.still_matched(vacancy):
        return render(request, "roles/candidates.jinja", {
            "vacancy": vacancy, "interests": selectors.named_interests(vacancy),
            "words": rules.candidates_words(vacancy)})
    page = Paginator(selectors.candidate_matches(vacancy), CANDIDATES_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "roles/candidates.jinja", {
        "vacancy": vacancy, "page": page, "candidates": selectors.candidates_from(list(page.object_list))})


def _candidate(vacancy, match_uuid):
    """One candidate for the viewer's role, as the candidates page shows them; else a 404."""
    found = selectors.candidates_for(vacancy=vacancy, match_uuid=match_uuid)
    if not found:
        raise Http404("No such candidate for this role")
    return found[0]


@director_only
def candidate(request: AuthenticatedHttpRequest, uuid, match_uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)
    person = _candidate(vacancy, match_uuid)
    interest = person.interest
    context = {"vacancy": vacancy, "candidate": person, "error": request.GET.get("error"),
               "interest": interest, "actions": rules.candidate_actions(vacancy, interest),
               "note": rules.candidate_note(interest), "confirmed": rules.confirmed_note(interest),
               "held": rules.held_error(vacancy, "offered to candidates or appointed to here")}
    if person.identified:  # the read-only portfolio, only once they have said they are interested
        trainee = person.match.trainee
        context["sections"] = portfolio_read(trainee=trainee, viewer=request.user,
                                             where=f"candidate for {vacancy.title}")
    return render(request, "roles/candidate.jinja", context)


@director_only
def candidate_action(request: AuthenticatedHttpRequest, uuid, match_uuid) -> HttpResponse:
    vacancy = _vacancy(request, uuid)  # scope first: another trust's role is a 404
    match = get_object_or_404(Match.objects.select_related("trainee", "vacancy__trust"),
                              vacancy=vacancy, uuid=match_uuid)

    def decide(decision: str, done: str) -> Callable[[], str]:
        def carry_out_decision() -> str:
            services.candidate_decide(match=match, decision=decision, by=request.user)
            return done
        return carry_out_decision

    return post_action(request, {
        "invite": decide("invite", "The candidate has been invited. You will see who they are if they are "
                                   "interested."),
        "shortlist": decide("shortlist", "Shortlisted."),
        # Appointing is not here: it is asked first, on its own page (candidate_appoint).
        "not_selected": decide("not_selected", "Recorded as not selected."),
        "confirm": decide("confirm", "Confirmed. It has been added to their portfolio as evidence."),
    }, then="roles:candidate", uuid=vacancy.uuid, match_uuid=match.uuid)


@director_only
@require_http_methods(["GET", "POST"])
def candidate_appoint(request: AuthenticatedHttpRequest, uuid, match_uuid) -> HttpResponse:
    """Ask "Appoint this candidate?", saying what happens next; appoint on POST."""
    vacancy = _vacancy(request, uuid)
    person = _candidate(vacancy, match_uuid)
    error = rules.appoint_error(vacancy, person.interest)
    if request.method == "POST":
        match = get_object_or_404(Match.objects.select_related("trainee", "vacancy__trust"),
                                  pk=person.match.pk)
        error = attempt(lambda: services.candidate_appoint(match=match))
        if error is None:
            messages.success(request, f"{person.name} has been appointed. The role is marked as filled "
                                      "and has been added to their portfolio.")
            return redirect("roles:candidate", uuid=vacancy.uuid, match_uuid=match_uuid)
    return render(request, "roles/appoint.jinja", {
        "vacancy": vacancy, "candidate": person, "error": error, "refused": request.method == "POST"})
