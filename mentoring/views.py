"""Mentoring: trainees ask for a mentor, mentors accept and log meetings with the pair's notes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from core.views import NOT_DONE, carry_out, post_action, post_form, refusal
from mentoring import rules, selectors, services
from mentoring.forms import FeedbackForm, MeetingForm, MentorProfileForm, MentorRequestForm
from mentoring.models import Mentor, MentorRequest, Mentorship
from mentoring.scopes import mentorships_for
from trainees import selectors as trainee_selectors
from trainees.services import portfolio_read

trainee_only = role_required(Role.TRAINEE)
pair_only = role_required(Role.TRAINEE, Role.MENTOR)


@trainee_only
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    trainee = trainee_selectors.trainee_of(request.user)
    open_request = MentorRequest.objects.filter(trainee=trainee, status="open").first()
    if open_request:
        return redirect("mentoring:request", uuid=open_request.uuid)
    mentorships = trainee.mentorships.select_related("mentor__user")
    # One mentor at a time: while they have one (or have asked one), their mentor instead of the form.
    if cannot_ask := rules.ask_error(selectors.open_mentorship_of(trainee)):
        return render(request, "mentoring/ask.jinja", {"form": None, "cannot_ask": cannot_ask,
                                                       "mentorships": mentorships})
    form = MentorRequestForm(request.POST or None)
    created = carry_out(request, form, lambda: services.mentor_request_create(trainee=trainee,
                                                                              **form.cleaned_data))
    if created is not NOT_DONE:
        return redirect("mentoring:request", uuid=created.uuid)
    return render(request, "mentoring/ask.jinja", {"form": form, "mentorships": mentorships})


@trainee_only
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, uuid) -> HttpResponse:
    trainee = trainee_selectors.trainee_of(request.user)
    found = get_object_or_404(MentorRequest, trainee=trainee, uuid=uuid)
    error = None
    if request.method == "POST":
        mentor_uuid = request.POST.get("mentor")
        mentor = Mentor.objects.filter(uuid=mentor_uuid).first() if mentor_uuid else None
        try:
            if mentor is None:
                raise ValidationError("Choose one of the mentors suggested to you")
            mentorship = services.mentor_request_choose(request=found, mentor=mentor)
            messages.success(request, f"We have asked {mentor} to mentor you.")
            return redirect("mentoring:mentorship", uuid=mentorship.uuid)
        except ValidationError as invalid:
            error = refusal(invalid)
    suggestions = found.suggestions.select_related("mentor__user", "mentor__region")
    return render(request, "mentoring/request.jinja",
                  {"mentor_request": found, "suggestions": suggestions, "error": error})


@pair_only
def mentorship(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    return _mentorship_page(request, get_object_or_404(mentorships_for(request.user), uuid=uuid))


def _mentorship_page(request: AuthenticatedHttpRequest, found: Mentorship, *,
                     posted: forms.BaseForm | None = None) -> HttpResponse:
    """The mentorship page; `posted` is a form sent from it and refused, shown again with its
    errors and what was typed."""
    is_mentor = found.mentor.user_id == request.user.pk
    # The trainee always reads their own; the mentor only while the rules allow it.
    reads = not is_mentor or rules.mentor_may_read_portfolio(found)
    meetings = found.meetings.prefetch_related("topics") if reads else None
    context: dict[str, object] = {
               "mentorship": found, "meetings": meetings,
               "meeting_form": posted if isinstance(posted, MeetingForm) else MeetingForm(),
               "feedback_form": posted if isinstance(posted, FeedbackForm) else FeedbackForm(),
               "form": posted,  # the page's error summary and "Error:" in its title
               "is_mentor": is_mentor, "actions": rules.mentorship_actions(found, is_mentor=is_mentor)}
    if is_mentor and reads:  # the mentee's portfolio, read-only (and the view logged)
        context["sections"] = portfolio_read(trainee=found.trainee, viewer=request.user, where="mentoring")
    elif is_mentor:
        context["reading_note"] = rules.mentor_reading_note(found)
    return render(request, "mentoring/mentorship.jinja", context)


@pair_only
def mentorship_action(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    found = get_object_or_404(mentorships_for(request.user), uuid=uuid)  # scope first
    action = request.POST.get("action") if request.method == "POST" else None

    def page(posted: forms.BaseForm) -> HttpResponse:
        return _mentorship_page(request, found, posted=posted)

    if action == "meeting":
        meeting = MeetingForm(request.POST)
        return post_form(
            request, meeting, lambda: services.meeting_log(mentorship=found, by=request.user,
                                                           **meeting.cleaned_data),
            done=lambda: "The meeting has been logged.", page=page,
            then="mentoring:mentorship", uuid=found.uuid)
    if action in ("end", "feedback"):
        feedback = FeedbackForm(request.POST)
        if (action == "end" and request.POST.get("confirmed") != "yes" and feedback.is_valid()
                and rules.end_error(found) is None):  # else the service's refusal, on the page
            return _end_confirmation(request, found, feedback.cleaned_data["feedback"])
        return post_form(
            request, feedback, lambda: services.mentorship_end(mentorship=found, by=request.user,
                                                               feedback=feedback.cleaned_data["feedback"]),
            done=lambda: "Thank you for your feedback.", page=page,
            then="mentoring:mentorship", uuid=found.uuid)

    def accept() -> str:
        services.mentorship_accept(mentorship=found, by=request.user)
        return "You are now mentoring them."

    return post_action(request, {"accept": accept}, then="mentoring:mentorship", uuid=found.uuid)


def _end_confirmation(request: AuthenticatedHttpRequest, found: Mentorship, feedback: str) -> HttpResponse:
    """Ending cannot be undone: ask first, carrying the feedback typed to the answer."""
    is_mentor = found.mentor.user_id == request.user.pk
    other = found.trainee.full_name if is_mentor else str(found.mentor)
    return render(request, "mentoring/end_confirm.jinja",
                  {"mentorship": found, "other": other, "feedback": feedback, "is_mentor": is_mentor})


@role_required(Role.MENTOR)
@require_http_methods(["GET", "POST"])
def mentorship_decline(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Declining a proposed mentee ends the mentorship for good, so the mentor is asked first."""
    found = get_object_or_404(mentorships_for(request.user), uuid=uuid, mentor__user=request.user)
    error = rules.decline_error(found, is_mentor=True)
    if request.method == "POST" and error is None:
        services.mentorship_decline(mentorship=found, by=request.user)
        messages.success(request, f"You have declined to mentor {found.trainee.full_name}. "
                                  "They have been told and can ask for another mentor.")
        return redirect("mentoring:mentorship", uuid=found.uuid)
    return render(request, "mentoring/decline.jinja", {"mentorship": found, "error": error})


@role_required(Role.MENTOR)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    mentor = get_object_or_404(Mentor, user=request.user)
    initial = {"organisation": mentor.organisation, "current_role": mentor.current_role,
               "past_roles": mentor.past_roles, "expertise": mentor.expertise.all(),
               "capacity": mentor.capacity, "accepting": "yes" if mentor.accepting else "no"}
    form = MentorProfileForm(request.POST or None, initial=initial)
    if carry_out(request, form, lambda: services.mentor_profile_update(mentor=mentor, **form.cleaned_data)
                 ) is not NOT_DONE:
        messages.success(request, "Your profile has been saved.")
        return redirect("mentoring:profile")
    return render(request, "mentoring/profile.jinja", {"form": form})
