"""The plumbing every page shares: running a service and showing its refusal, and
dispatching a posted `action` to the service that carries it out."""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect

NOT_DONE = object()


def refusal(error: ValidationError) -> str:
    """A service's refusal as one sentence (or a few), for a page."""
    return " ".join(error.messages)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: by field where it names one, else on top. The
    form's error summary then lists it, linked to its field."""
    if hasattr(error, "error_dict"):
        for key, field_messages in error.message_dict.items():
            form.add_error(key if key in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def carry_out(request: HttpRequest, form: forms.BaseForm, change: Callable[[], Any]) -> Any:
    """A valid posted form's change, made by its service: the service's result, or
    NOT_DONE when there was nothing to do or the service refused (its reasons are then on
    the form, and nothing was saved)."""
    if request.method != "POST" or not form.is_valid():
        return NOT_DONE
    try:
        return change()
    except ValidationError as refused:
        add_service_errors(form, refused)
        return NOT_DONE


def attempt(change: Callable[[], Any]) -> str | None:
    """Run a change; None when it was made, else the service's refusal."""
    try:
        change()
    except ValidationError as refused:
        return refusal(refused)
    return None


# An action reads what it needs from the request, calls one service, and returns what to
# tell the person; it raises ValidationError to refuse.
Action = Callable[[], str]


def post_action(request: HttpRequest, actions: Mapping[str, Action], *, then: str,
                **then_kwargs: Any) -> HttpResponse:
    """Carry out the posted `action`, one of `actions`, then go to `then`: the done message
    as a success, a refusal as an error. An unknown action is a 404; anything but POST 405."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        raise Http404("No such action")
    try:
        messages.success(request, action())
    except ValidationError as refused:
        messages.error(request, refusal(refused))
    return redirect(then, **then_kwargs)


def post_form(request: HttpRequest, form: forms.BaseForm, change: Callable[[], Any], *,
              done: Callable[[], str], page: Callable[[forms.BaseForm], HttpResponse], then: str,
              **then_kwargs: Any) -> HttpResponse:
    """One of a page's several forms, posted to an action URL: when its change is made, go to
    `then` saying `done()`; when the form or the service refuses, `page(form)` shows the page
    again with this form's errors and what was typed (never a message after a redirect)."""
    if carry_out(request, form, change) is NOT_DONE:
        return page(form)
    messages.success(request, done())
    return redirect(then, **then_kwargs)
