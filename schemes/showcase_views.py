"""The showcase: alumni's stories for anyone, signed in or not; each alumnus's own story and
their consent to publish it; staff taking down a story that breaks the rules."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from core.views import NOT_DONE, carry_out, post_action
from schemes import rules, selectors, services
from schemes.forms import ShowcaseFilterForm, StoryConsentForm, StoryForm, StoryTakeDownForm
from trainees.models import Story
from trainees.selectors import trainee_of

PER_PAGE = 10


@require_GET
def showcase(request: HttpRequest) -> HttpResponse:
    """Published stories, newest first, filtered by scheme and trust; open to everyone."""
    form = ShowcaseFilterForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = Paginator(selectors.published_stories(**filters), PER_PAGE).get_page(request.GET.get("page"))
    may_take_down = set(selectors.stories_staff_may_take_down(request.user)
                        .filter(pk__in=[s.pk for s in page.object_list]).values_list("uuid", flat=True))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "showcase/list.jinja", {
        "form": form, "page": page, "query": query.urlencode(), "filtered": bool(filters),
        "items": [(selectors.public_story(s), s.uuid in may_take_down) for s in page.object_list]})


alumnus_only = role_required(Role.TRAINEE)


@alumnus_only
@require_http_methods(["GET", "POST"])
def your_story(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Write or change your story; saving takes it off the showcase until you consent again."""
    trainee = trainee_of(request.user)
    if not selectors.is_alumnus(trainee):
        return render(request, "showcase/not_yet.jinja")
    story = selectors.story_of(trainee)
    was_public = story is not None and story.status == Story.Status.PUBLISHED
    form = StoryForm(request.POST if request.method == "POST" else None, instance=story, trainee=trainee)
    saved = carry_out(request, form, lambda: services.story_save(
        trainee=trainee, story=form.save(commit=False), projects=list(form.cleaned_data["projects"])))
    if saved is not NOT_DONE:
        messages.success(request, "Your story has been saved. " + (
            "It is off the showcase until you check it and agree to publish it again." if was_public
            else "Check what the showcase would show, then publish it if you want to."))
        return redirect("showcase:publish")
    return render(request, "showcase/your_story.jinja", {
        "form": form, "story": story,
        "may_withdraw": story is not None and rules.story_withdraw_error(story) is None,
        "may_publish": story is not None and rules.story_publish_error(story) is None})


@alumnus_only
@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The consent step: exactly what the showcase would show, and the alumnus's agreement."""
    trainee = trainee_of(request.user)
    story = selectors.story_of(trainee) if selectors.is_alumnus(trainee) else None
    if story is None:
        return redirect("showcase:your-story")
    form = StoryConsentForm(request.POST if request.method == "POST" else None)
    done = carry_out(request, form, lambda: services.story_publish(trainee=trainee, consent=True))
    if done is not NOT_DONE:
        messages.success(request, "Your story is on the showcase. You can take it off at any time.")
        return redirect("showcase:your-story")
    return render(request, "showcase/publish.jinja", {
        "form": form, "story": story, "preview": selectors.public_story(story),
        "cannot": rules.story_publish_error(story)})


@alumnus_only
@require_POST
def withdraw(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Take your story off the showcase at once."""
    trainee = trainee_of(request.user)

    def withdrawn() -> str:
        services.story_withdraw(trainee=trainee)
        return "Your story has been taken off the showcase."

    return post_action(request, {"withdraw": withdrawn}, then="showcase:your-story")


@role_required(Role.DEANERY_STAFF)
@require_http_methods(["GET", "POST"])
def take_down(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Staff of the alumnus's region take down a story that breaks the rules, saying why."""
    story = get_object_or_404(selectors.stories_staff_moderate(request.user), uuid=uuid)
    form = StoryTakeDownForm(request.POST if request.method == "POST" else None)
    done = carry_out(request, form, lambda: services.story_hide(
        story=story, by=request.user, reason=form.cleaned_data["reason"]))
    if done is not NOT_DONE:
        messages.success(request, "The story has been taken off the showcase. Its author has been told why.")
        return redirect("showcase:list")
    return render(request, "showcase/take_down.jinja", {
        "form": form, "story": selectors.public_story(story), "cannot": rules.story_hide_error(story)})
