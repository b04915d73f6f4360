"""The ideas pages: a trainee shares what worked better before and reads the answer; the
receiving trust's lead (or its medical directors) answers; a director names the lead."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest, director_trust
from accounts.models import Role
from core.views import NOT_DONE, carry_out, post_action, post_form
from ideas import reports, rules, selectors, services
from ideas.forms import AnswerForm, IdeaForm, LeadForm
from ideas.models import Idea
from ideas.scopes import ideas_for, invitations_for
from pipeline.director_views import role_form
from pipeline.models import Vacancy
from trainees.selectors import trainee_of

SIDES = role_required(Role.TRAINEE, Role.MEDICAL_DIRECTOR)
TRAINEE = role_required(Role.TRAINEE)
DIRECTOR = role_required(Role.MEDICAL_DIRECTOR)
IDEAS_PER_PAGE = 20


@SIDES
def ideas(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.ideas_list(request.user), IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    trainee = request.user.role == Role.TRAINEE
    context = {"page": page, "trainee_side": trainee, "answer_days": settings.IDEAS_ANSWER_DAYS,
               "invitations": selectors.open_invitations(request.user) if trainee else [],
               "lead": None if trainee else selectors.lead_of_trust(director_trust(request).pk)}
    return render(request, "ideas/list.jinja", context)


@TRAINEE
def new(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    invitation = get_object_or_404(selectors.open_invitations(request.user), uuid=uuid)
    trainee = trainee_of(request.user)
    initial = {"previous_trust": invitation.previous_trust.uuid} if invitation.previous_trust else None
    form = IdeaForm(request.POST if request.method == "POST" else None, trust=invitation.trust,
                    initial=initial)
    idea = carry_out(request, form, lambda: services.idea_submit(
        invitation=invitation, trainee=trainee, **form.cleaned_data))
    if idea is not NOT_DONE:
        return redirect("ideas:idea", uuid=idea.uuid)
    return render(request, "ideas/new.jinja", {"invitation": invitation, "form": form,
                                               "answer_days": settings.IDEAS_ANSWER_DAYS})


@TRAINEE
def dismiss(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    invitation = get_object_or_404(invitations_for(request.user), uuid=uuid)
    trainee = trainee_of(request.user)

    def dismissed() -> str:
        services.invitation_dismiss(invitation=invitation, trainee=trainee)
        return "We will not ask you again about this placement."

    return post_action(request, {"dismiss": dismissed}, then="ideas:list")


def _idea(request: AuthenticatedHttpRequest, uuid) -> Idea:
    return get_object_or_404(ideas_for(request.user), uuid=uuid)


@SIDES
def idea(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    return _page(request, _idea(request, uuid))


def _page(request: AuthenticatedHttpRequest, idea: Idea,
          posted: forms.BaseForm | None = None) -> HttpResponse:
    view = selectors.idea_view(idea, request.user)
    form = posted or (AnswerForm(answers=view.answers) if view.answers else None)
    return render(request, "ideas/idea.jinja", {"view": view, "idea": idea, "form": form})


@SIDES
def action(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    idea = _idea(request, uuid)  # scope first: another trust's idea is a 404
    if request.method == "POST" and request.POST.get("action") == "answer":
        view = selectors.idea_view(idea, request.user)
        form = AnswerForm(request.POST, answers=view.answers or [(idea.status, idea.get_status_display())])
        return post_form(
            request, form, lambda: services.idea_answer(idea=idea, by=request.user, **form.cleaned_data),
            done=lambda: "Your answer has been sent to the trainee.",
            page=lambda refused: _page(request, idea, refused), then="ideas:idea", uuid=idea.uuid)

    def make_project() -> str:
        services.idea_make_project(idea=idea, trainee=trainee_of(request.user))
        return "Your idea is now an improvement project in your portfolio."

    return post_action(request, {"project": make_project}, then="ideas:idea", uuid=idea.uuid)


@DIRECTOR
@require_http_methods(["GET", "POST"])
def opportunity(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Offer an idea the trust will try as a short improvement project, prefilled from it."""
    idea = _idea(request, uuid)
    problem = rules.opportunity_error(idea)
    if problem is not None:
        return render(request, "ideas/opportunity.jinja", {"idea": idea, "problem": problem})
    return role_form(
        request, Vacancy(status=Vacancy.Status.DRAFT, kind=Vacancy.Kind.SHORT_PROJECT),
        initial=services.opportunity_initial(idea), back=reverse("ideas:idea", kwargs={"uuid": idea.uuid}),
        then=lambda vacancy: services.idea_opportunity_link(idea=idea, vacancy=vacancy, by=request.user))


@DIRECTOR
def lead(request: AuthenticatedHttpRequest) -> HttpResponse:
    trust = director_trust(request)
    current = selectors.lead_of_trust(trust.pk)
    form = LeadForm(request.POST if request.method == "POST" else None, trust_id=trust.pk,
                    initial={"lead": current.user.uuid} if current else None)
    if carry_out(request, form, lambda: services.lead_name(trust=trust, user=form.cleaned_data["lead"],
                                                           by=request.user)) is not NOT_DONE:
        return redirect(reverse("ideas:list"))
    return render(request, "ideas/lead.jinja", {"form": form, "trust": trust, "current": current})


@role_required(Role.DEANERY_STAFF, Role.ADMINISTRATOR)
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "ideas/report.jinja", reports.responsiveness_report(viewer=request.user))
