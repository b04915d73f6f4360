"""Deanery staff: where their region's alumni are now, and acting on those at risk."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest, staff_region
from accounts.models import Role
from core.views import attempt, post_action, post_form, refusal
from imports import registry as import_registry
from imports import rules as import_rules
from imports.files import MAX_BYTES
from imports.models import ImportBatch
from imports.selectors import people_of
from imports.services import import_batch_confirm, import_batch_create, import_batch_recheck
from mentoring import rules as mentoring_rules
from mentoring.selectors import open_mentorship_of
from pipeline import reports, selectors, stewardship
from pipeline.staff_forms import AlumniFilterForm, MentorForm, NoteForm
from trainees import claims
from trainees.models import Trainee
from trainees.scopes import trainees_for
from trainees.services import portfolio_view_record

staff_only = role_required(Role.DEANERY_STAFF)
PER_PAGE = 25


def _alumnus(request: AuthenticatedHttpRequest, uuid) -> Trainee:
    """An alumnus of the staff member's region, or 404."""
    scoped = stewardship.alumni(trainees_for(request.user))
    return get_object_or_404(scoped.select_related("grade", "specialty", "current_trust", "region"),
                             uuid=uuid)


@staff_only
def alumni(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AlumniFilterForm(request.GET or None, region=request.user.region)
    filters = form.cleaned_data if form.is_valid() else {}
    listing = selectors.alumni_list(trainees=trainees_for(request.user), filters=filters)
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "alumni/list.jinja", {"form": form, "page": page,
                                                  "query": query.urlencode()})


@staff_only
def alumnus(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    return _alumnus_page(request, _alumnus(request, uuid))


def _mentor_form(trainee: Trainee, data=None) -> MentorForm:
    return MentorForm(data, mentors=stewardship.mentors_with_room(region_id=trainee.region_id))


def _alumnus_page(request: AuthenticatedHttpRequest, trainee: Trainee, *,
                  posted: forms.BaseForm | None = None) -> HttpResponse:
    """The alumnus page; `posted` is a form sent from it and refused, shown again with its
    errors and what was typed."""
    portfolio_view_record(trainee=trainee, viewer=request.user, where="alumni record")
    return render(request, "alumni/detail.jinja", {
        "trainee": trainee,
        "stewardship": getattr(trainee, "stewardship", None),
        "placement": trainee.placements.select_related("trust").order_by("-start_date").first(),
        "fellowships": trainee.fellowships.select_related("cohort__scheme"),
        "return_plans": trainee.return_plans.select_related("fellowship__cohort__scheme"),
        "roles": trainee.leadership_roles.order_by("-start_date"),
        "mentorships": trainee.mentorships.select_related("mentor__user"),
        "interests": trainee.interests.select_related("vacancy__trust").order_by("-updated_at"),
        "history": trainee.stewardship_events.select_related("by")[:50],
        "note_form": posted if isinstance(posted, NoteForm) else NoteForm(),
        "mentor_form": posted if isinstance(posted, MentorForm) else _mentor_form(trainee),
        # One mentor at a time: while they have one, why not instead of the mentor form.
        "cannot_assign": mentoring_rules.propose_error(open_mentorship_of(trainee),
                                                       first_name=trainee.first_name),
        "form": posted,  # the page's error summary and "Error:" in its title
        "cannot_invite": claims.invite_error(trainee),
    })


@staff_only
def alumnus_action(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    trainee = _alumnus(request, uuid)  # scope first: another region's alumnus is a 404
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "note":
        return _add_note(request, trainee)
    if action == "mentor":
        return _ask_mentor(request, trainee)

    def contacted() -> str:
        stewardship.alumnus_mark_contacted(trainee=trainee, by=request.user)
        return "Marked as contacted."

    def nudge() -> str:
        stewardship.alumnus_nudge(trainee=trainee, by=request.user)
        return "Nudge email sent."

    def invite() -> str:
        invitation = claims.trainee_invite(trainee=trainee, by=request.user)
        return f"An invitation to make an account has been sent to {invitation.email}."

    return post_action(request, {"contacted": contacted, "nudge": nudge, "invite": invite},
                       then="alumni:detail", uuid=trainee.uuid)


def _add_note(request: AuthenticatedHttpRequest, trainee: Trainee) -> HttpResponse:
    form = NoteForm(request.POST)
    return post_form(
        request, form, lambda: stewardship.alumnus_add_note(trainee=trainee, by=request.user,
                                                            text=form.cleaned_data["text"]),
        done=lambda: "Note added.", page=lambda posted: _alumnus_page(request, trainee, posted=posted),
        then="alumni:detail", uuid=trainee.uuid)


def _ask_mentor(request: AuthenticatedHttpRequest, trainee: Trainee) -> HttpResponse:
    form = _mentor_form(trainee, request.POST)
    return post_form(
        request, form, lambda: stewardship.alumnus_assign_mentor(trainee=trainee, by=request.user,
                                                                 mentor=form.cleaned_data["mentor"]),
        done=lambda: f"{form.cleaned_data['mentor']} has been asked to mentor {trainee.first_name}.",
        page=lambda posted: _alumnus_page(request, trainee, posted=posted),
        then="alumni:detail", uuid=trainee.uuid)


# -- bulk import ---------------------------------------------------------------------


def _batch(request: AuthenticatedHttpRequest, uuid) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.filter(region=request.user.region), uuid=uuid)


@staff_only
def imports(request: AuthenticatedHttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationError("Select a CSV or XLSX file")
            assert upload.name is not None  # Django keeps no uploaded file without a name
            # One byte past the limit is enough for the service to refuse a file too large.
            batch = import_batch_create(user=request.user, filename=upload.name,
                                        content=upload.read(MAX_BYTES + 1),
                                        kind=request.POST.get("kind", "trainees"))
            return redirect("alumni:import", uuid=batch.uuid)
        except ValidationError as invalid:
            error = refusal(invalid)
    batches = ImportBatch.objects.filter(region=request.user.region).defer("content")[:20]
    return render(request, "alumni/imports.jinja", {
        "batches": batches, "error": error, "status_text": import_rules.status_text,
        "coded_columns": import_registry.coded_columns(request.user.region_id),
    }, status=400 if error else 200)


@staff_only
def import_detail(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    batch = _batch(request, uuid)
    error = None
    if request.method == "POST":
        error = attempt(_import_action(request, batch))
        if error is None:
            return redirect("alumni:import", uuid=batch.uuid)
    return render(request, "alumni/import.jinja", {
        "batch": batch, "error": error, "working": import_rules.in_progress(batch),
        "status_text": import_rules.status_text(batch), "refused": import_rules.has_refused_rows(batch),
        "confirm_error": import_rules.confirm_error(batch),
        "recheck_error": import_rules.recheck_error(batch),
        "to_invite": len(_not_yet_invited(request, batch))})


def _not_yet_invited(request: AuthenticatedHttpRequest, batch: ImportBatch) -> list[Trainee]:
    return claims.not_yet_invited(trainees_for(request.user).filter(gmc_number__in=people_of(batch)))


@staff_only
def import_invite(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    """Confirm, then invite every trainee of an imported file who has no account or invitation."""
    batch = _batch(request, uuid)
    if request.method == "POST":
        named = trainees_for(request.user).filter(gmc_number__in=people_of(batch))
        count = claims.trainees_invite(trainees=named, by=request.user)
        messages.success(request, ngettext("%(num)d trainee has been invited to make an account.",
                                           "%(num)d trainees have been invited to make an account.", count)
                         % {"num": count})
        return redirect("alumni:import", uuid=batch.uuid)
    return render(request, "alumni/import_invite.jinja", {"batch": batch,
                                                          "trainees": _not_yet_invited(request, batch)})


def _import_action(request: AuthenticatedHttpRequest, batch: ImportBatch) -> Callable[[], object]:
    """What the import page posted: check the file again, or (the one other form) import it."""
    if request.POST.get("action") == "check":
        return lambda: import_batch_recheck(batch=batch, user=request.user)
    return lambda: import_batch_confirm(batch=batch, user=request.user)


# -- reports ---------------------------------------------------------------------------

REPORT_BREAKDOWNS = {"": None, "specialty": "specialty", "grade": "grade", "scheme": "scheme",
                     "year": "year"}
DOWNLOADS = {
    "funnel": lambda region, by: reports.funnel_table(region=region, by=by),
    "representation-ethnicity": lambda region, by: reports.representation_table(
        region=region, characteristic="ethnic_group"),
    "representation-sex": lambda region, by: reports.representation_table(
        region=region, characteristic="sex"),
}


@staff_only
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    region = staff_region(request)
    by = REPORT_BREAKDOWNS.get(request.GET.get("by", ""))
    return render(request, "alumni/report.jinja", {
        "stages": reports.STAGES, "by": by or "", **reports.region_report(region=region, by=by)})


@staff_only
def report_download(request: AuthenticatedHttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in DOWNLOADS or fmt not in ("csv", "xlsx"):
        raise Http404("No such report")
    by = REPORT_BREAKDOWNS.get(request.GET.get("by", ""))
    table = DOWNLOADS[name](request.user.region, by)
    if fmt == "csv":
        response = HttpResponse(reports.as_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            reports.as_xlsx(table, name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}-{staff_region(request).code}.{fmt}"'
    return response
