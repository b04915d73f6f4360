"""Allocation round pages: staff run rounds, trainees rank posts, directors rank applicants."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from allocation import rules, selectors, services
from allocation.forms import (
    ChoicesForm,
    DeadlinesForm,
    PostsForm,
    RanksForm,
    RoundForm,
)
from allocation.models import AllocationRound
from allocation.record import round_record
from allocation.scopes import round_posts_for, rounds_for
from core.views import NOT_DONE, attempt, carry_out
from trainees import selectors as trainee_selectors
from trainees.services import portfolio_read

Status = AllocationRound.Status
staff_only = role_required(Role.DEANERY_STAFF)
trainee_only = role_required(Role.TRAINEE)
director_only = role_required(Role.MEDICAL_DIRECTOR)
PER_PAGE = 50


def ranking_saved(count: int, one: str, many: str) -> str:
    """"Your ranking of 1 post has been saved." / "... of 3 posts ..."."""
    words = ngettext("Your ranking of %(n)d {one} has been saved.",
                     "Your ranking of %(n)d {many} has been saved.", count)
    return words.format(one=one, many=many) % {"n": count}


def _round(request: AuthenticatedHttpRequest, uuid, *statuses: str) -> AllocationRound:
    """A round the viewer may see, in one of these statuses if any are named, or 404."""
    rounds = rounds_for(request.user)
    if statuses:
        rounds = rounds.filter(status__in=statuses)
    return get_object_or_404(rounds, uuid=uuid)


# -- deanery staff ------------------------------------------------------------------

@staff_only
def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rounds = selectors.staff_rounds(rounds_for(request.user))
    return render(request, "rounds/list.jinja", {"rounds": rounds, "region": request.user.region})


@staff_only
@require_http_methods(["GET", "POST"])
def round_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _round_form(request, AllocationRound(region=request.user.region))


@staff_only
@require_http_methods(["GET", "POST"])
def round_edit(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    return _round_form(request, _round(request, uuid, Status.DRAFT))


def _round_form(request: AuthenticatedHttpRequest, round: AllocationRound) -> HttpResponse:
    form = RoundForm(request.POST or None, instance=round)
    saved = carry_out(request, form, lambda: services.round_save(round=form.save(commit=False),
                                                                  by=request.user))
    if saved is not NOT_DONE:
        messages.success(request, "The round has been saved. Choose the posts it offers next."
                         if not saved.posts.exists() else "The round has been saved.")
        return redirect("rounds:detail", uuid=saved.uuid)
    return render(request, "rounds/form.jinja", {"form": form, "round": round})


@staff_only
def round_detail(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    round = _round(request, uuid)
    return render(request, "rounds/detail.jinja", {
        "round": round, "posts": selectors.posts_of(round), "words": rules.words(round, "staff"),
        "actions": rules.round_actions(round)})


@staff_only
@require_http_methods(["GET", "POST"])
def round_posts(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    round = _round(request, uuid, Status.DRAFT)
    current = dict(round.posts.values_list("vacancy_id", "places"))
    form = PostsForm(request.POST or None, vacancies=services.vacancies_offerable(round), current=current)
    done = carry_out(request, form, lambda: services.round_posts_set(round=round, places=form.places()))
    if done is not NOT_DONE:
        messages.success(request, "The round's posts have been saved.")
        return redirect("rounds:detail", uuid=round.uuid)
    return render(request, "rounds/posts.jinja", {"form": form, "round": round})


@staff_only
@require_http_methods(["GET", "POST"])
def round_extend(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    round = _round(request, uuid, Status.OPEN)
    form = DeadlinesForm(request.POST or None, initial={"trainee_deadline": round.trainee_deadline,
                                                        "director_deadline": round.director_deadline})
    done = carry_out(request, form, lambda: services.round_extend(round=round, **form.cleaned_data))
    if done is not NOT_DONE:
        messages.success(request, "The deadlines have been extended.")
        return redirect("rounds:detail", uuid=round.uuid)
    return render(request, "rounds/extend.jinja", {"form": form, "round": round})


@staff_only
@require_http_methods(["GET", "POST"])
def round_delete(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """A confirmation page, then the draft round is deleted on POST."""
    round = _round(request, uuid, Status.DRAFT)
    if request.method == "POST":
        services.round_delete(round=round)
        messages.success(request, f"The draft round {round.name} has been deleted.")
        return redirect("rounds:list")
    return render(request, "rounds/delete.jinja", {"round": round})


# action → (why it cannot be done now, doing it, what to tell staff when done)
CONFIRM = {
    "open": (rules.open_error, lambda round, user: services.round_open(round=round),
             "The round is open. Eligible trainees in your region can now rank its posts."),
    "run": (rules.run_error, lambda round, user: services.round_run(round=round, by=user),
            "The round has been run. Review the result before you publish it."),
    "publish": (rules.publish_error, lambda round, user: services.round_publish(round=round, by=user),
                "The result is published. Trainees have been told their outcome."),
}


@staff_only
@require_http_methods(["GET", "POST"])
def round_confirm(request: AuthenticatedHttpRequest, uuid, action: str) -> HttpResponse:
    """Open, run or publish: a confirmation page (saying why not, if it cannot be done
    yet), then the change on POST."""
    round = _round(request, uuid)
    check, do, done = CONFIRM[action]
    error = check(round)
    if request.method == "POST":
        error = attempt(lambda: do(round, request.user))
        if error is None:
            messages.success(request, done)
            return redirect("rounds:result" if action == "run" else "rounds:detail", uuid=round.uuid)
    return render(request, "rounds/confirm.jinja", {"round": round, "action": action, "error": error})


@staff_only
def round_result(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    round = _round(request, uuid, Status.MATCHED, Status.PUBLISHED)
    unplaced = Paginator(selectors.unplaced_trainees(round), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "rounds/result.jinja", {
        "round": round, "review": selectors.round_review(round), "unplaced": unplaced,
        "reproduces": services.round_reproduces(round), "publish_error": rules.publish_error(round)})


@staff_only
def round_record_download(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """The round's inputs and result as JSON, to keep or to reproduce elsewhere."""
    round = _round(request, uuid, Status.MATCHED, Status.PUBLISHED)
    response = HttpResponse(json.dumps(round_record(round), indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="allocation-round-{round.uuid}.json"'
    return response


# -- trainees -----------------------------------------------------------------------

def _trainee(request: HttpRequest):
    trainee = getattr(request.user, "trainee", None)
    if trainee is None:
        raise Http404("No trainee record")
    return trainee


@trainee_only
def trainee_rounds(request: AuthenticatedHttpRequest) -> HttpResponse:
    trainee = _trainee(request)
    rounds = selectors.rounds_for_trainee(trainee, rounds_for(request.user))
    return render(request, "rounds/yours.jinja", {"rounds": rounds})


@trainee_only
@require_http_methods(["GET", "POST"])
def rank_posts(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    round = _round(request, uuid)
    trainee = _trainee(request)
    posts = selectors.posts_of(round)
    chosen = selectors.choices_of(round, trainee)
    form = ChoicesForm(request.POST or None, posts=selectors.eligible_posts(round, trainee),
                       all_posts={str(post.uuid): post for post in posts},
                       initial={f"choice_{c.rank}": str(c.post.uuid) for c in chosen})
    saved = carry_out(request, form, lambda: services.choices_save(round=round, trainee=trainee,
                                                                    posts=form.posts()))
    if saved is not NOT_DONE:
        messages.success(request, ranking_saved(len(saved), "post", "posts") if saved
                         else "You have no posts ranked in this round.")
        return redirect("rounds:rank", uuid=round.uuid)
    return render(request, "rounds/rank.jinja", {
        "round": round, "form": form, "posts": posts, "chosen": chosen, "trainee": trainee,
        "closed": rules.trainee_window_error(round), "words": rules.words(round, "trainee"),
        "eligibility": selectors.eligibility_notes(round, trainee, posts)})


@trainee_only
def outcome(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    round = _round(request, uuid, Status.PUBLISHED)
    result = selectors.outcome_for(round, _trainee(request))
    if result is None:
        raise Http404("You did not rank posts in this round")
    return render(request, "rounds/outcome.jinja", {"round": round, "outcome": result})


# -- trust medical directors --------------------------------------------------------

@director_only
def director_posts(request: AuthenticatedHttpRequest) -> HttpResponse:
    posts = selectors.director_posts(round_posts_for(request.user))
    return render(request, "rounds/director_posts.jinja", {"posts": posts})


@director_only
@require_http_methods(["GET", "POST"])
def rank_applicants(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    post = get_object_or_404(round_posts_for(request.user), uuid=uuid)
    applicants = selectors.applicants_of(post)
    form = RanksForm(request.POST or None, applicants=applicants)
    ranked = carry_out(request, form, lambda: services.applicants_rank(post=post, by=request.user,
                                                                        ranks=form.ranks()))
    if ranked is not NOT_DONE:
        messages.success(request, ranking_saved(len(ranked), "applicant", "applicants"))
        return redirect("rounds:applicants", uuid=post.uuid)
    return render(request, "rounds/applicants.jinja", {
        "post": post, "round": post.round, "form": form, "applicants": applicants,
        "closed": rules.director_window_error(post.round), "words": rules.words(post.round, "director")})


@director_only
def applicant(request: AuthenticatedHttpRequest, uuid, trainee_uuid) -> HttpResponse:
    """An applicant's portfolio, read-only, for ranking them: applying identifies them to
    the post's director, and the view is logged for the trainee to see."""

    post = get_object_or_404(round_posts_for(request.user), uuid=uuid)
    choice = get_object_or_404(post.choices.select_related("trainee__grade", "trainee__specialty"),
                               trainee__uuid=trainee_uuid)
    trainee = choice.trainee
    sections = portfolio_read(trainee=trainee, viewer=request.user,
                              where=f"applicant for {post.vacancy.title} in {post.round.name}")
    return render(request, "rounds/applicant.jinja", {
        "post": post, "trainee": trainee, "score": selectors.score_of(post, trainee),
        "coverage": trainee_selectors.mlcf_coverage(trainee=trainee), "sections": sections})
