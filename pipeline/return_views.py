"""A return plan's pages: one checklist that the fellow, the deanery and the receiving
medical director each see from their side."""

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from core.views import post_action, post_form
from pipeline import return_plans, return_steps, stewardship
from pipeline.models import ReturnPlan
from pipeline.return_forms import SessionForm, SessionNoteForm, ShareForm, TrustForm
from pipeline.scopes import return_plans_for
from pipeline.staff_forms import MentorForm

SIDES = role_required(Role.TRAINEE, Role.DEANERY_STAFF, Role.MEDICAL_DIRECTOR)


def _plan(request: AuthenticatedHttpRequest, uuid) -> ReturnPlan:
    """A plan the viewer is a side of, or 404."""
    return get_object_or_404(return_plans_for(request.user), uuid=uuid)


@SIDES
def plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = return_plans.plan_rows(plans=return_plans_for(request.user), viewer=request.user)
    return render(request, "returns/list.jinja", {"rows": rows,
                                                  "return_plan_weeks": settings.RETURN_PLAN_WEEKS})


@SIDES
def plan(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    return _page(request, _plan(request, uuid))


def _mentor_form(plan: ReturnPlan, data=None) -> MentorForm:
    mentors = stewardship.mentors_with_room(region_id=plan.trainee.region_id)
    return MentorForm(data, mentors=mentors)


def _page(request: AuthenticatedHttpRequest, plan: ReturnPlan, *,
          posted: forms.BaseForm | None = None) -> HttpResponse:
    side = return_steps.side_of(plan, request.user)
    steps = return_plans.plan_steps(plan)
    today = timezone.localdate()

    def form(kind: type[forms.Form], **initial) -> forms.BaseForm:
        return posted if isinstance(posted, kind) else kind(initial=initial or None)

    return render(request, "returns/plan.jinja", {
        "plan": plan, "side": side, "steps": [(s, *s.for_reader(side or "")) for s in steps],
        "step": {s.key: s for s in steps},
        "done": return_steps.is_done(steps), "stalled": return_steps.stalled(steps, today),
        "told": return_plans.director_sees(plan),
        "roles": return_plans.plan_roles(plan) if side in (return_steps.FELLOW, return_steps.STAFF) else [],
        "suggested": return_plans.suggested_mentor(plan) if side == return_steps.STAFF else None,
        # Each form only when its step is possible for this side now (the rules decide).
        "can": {
            "trust": return_steps.set_trust_error(plan, side) is None,
            "tell": return_steps.tell_director_error(plan, side) is None,
            "propose": return_steps.propose_session_error(plan, side, today, today) is None,
            "agree": return_steps.agree_session_error(plan, side) is None,
            "record": return_steps.record_session_error(plan, side, today) is None,
            "roles": return_steps.roles_seen_error(plan, side) is None and plan.roles_seen_at is None,
            "mentor": return_steps.ask_mentor_error(plan, side) is None
            and return_plans.suggested_mentor(plan) is not None,
        },
        "trust_form": form(TrustForm), "share_form": form(ShareForm),
        "session_form": form(SessionForm), "note_form": form(SessionNoteForm),
        "mentor_form": posted if isinstance(posted, MentorForm) else _mentor_form(plan),
        "form": posted,
    })


@SIDES
def plan_action(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    plan = _plan(request, uuid)  # scope first: someone else's plan is a 404
    by = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    trust, share = TrustForm(request.POST), ShareForm(request.POST)
    session, note = SessionForm(request.POST), SessionNoteForm(request.POST)
    mentor = _mentor_form(plan, request.POST)
    forms_posted: dict[str, tuple[forms.BaseForm, Callable[[], object], str]] = {
        "trust": (trust, lambda: return_plans.plan_set_trust(plan=plan, by=by,
                                                             trust=trust.cleaned_data["trust"]),
                  "The receiving trust has been saved."),
        "tell": (share, lambda: return_plans.plan_tell_director(plan=plan, by=by, **share.choices()),
                 "The medical director has been told."),
        "propose": (session, lambda: return_plans.plan_propose_session(plan=plan, by=by,
                                                                       on=session.cleaned_data["on"]),
                    "The date has been proposed to the fellow."),
        "record": (note, lambda: return_plans.plan_record_session(plan=plan, by=by,
                                                                  note=note.cleaned_data["note"]),
                   "The session has been recorded."),
        "mentor": (mentor, lambda: return_plans.plan_ask_mentor(plan=plan, by=by,
                                                                mentor=mentor.cleaned_data["mentor"]),
                   "The mentor has been asked."),
    }
    if action in forms_posted:
        posted, change, done = forms_posted[action]
        return post_form(request, posted, change, done=lambda: done,
                         page=lambda refused: _page(request, plan, posted=refused),
                         then="returns:plan", uuid=plan.uuid)

    def agree() -> str:
        return_plans.plan_agree_session(plan=plan, by=by)
        return "You have agreed the date of the session."

    def roles() -> str:
        return_plans.plan_roles_seen(plan=plan, by=by)
        return "Marked as looked at."

    return post_action(request, {"agree": agree, "roles": roles}, then="returns:plan", uuid=plan.uuid)
