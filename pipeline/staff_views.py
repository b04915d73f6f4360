"""Deanery staff: where their region's alumni are now, and acting on those at risk."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from accounts.decorators import role_required
from accounts.models import Role
from accounts.scoping import trainees_for
from mentoring.models import Mentor
from pipeline import reports, selectors, stewardship
from pipeline.models import ImportBatch
from pipeline.staff_forms import AlumniFilterForm, NoteForm
from trainees.import_batches import import_batch_confirm, import_batch_create
from trainees.models import Trainee
from trainees.services import portfolio_view_record

staff_only = role_required(Role.DEANERY_STAFF)
PER_PAGE = 25


def _alumnus(request: HttpRequest, uuid) -> Trainee:
    """An alumnus of the staff member's region, or 404."""
    scoped = stewardship.alumni(trainees_for(request.user))
    return get_object_or_404(scoped.select_related("grade", "specialty", "current_trust", "region"),
                             uuid=uuid)


@staff_only
def alumni(request: HttpRequest) -> HttpResponse:
    form = AlumniFilterForm(request.GET or None, region=request.user.region)
    filters = form.cleaned_data if form.is_valid() else {}
    listing = selectors.alumni_list(trainees=trainees_for(request.user), filters=filters)
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "alumni/list.jinja", {"form": form, "page": page,
                                                  "query": query.urlencode()})


@staff_only
def alumnus(request: HttpRequest, uuid) -> HttpResponse:
    trainee = _alumnus(request, uuid)
    portfolio_view_record(trainee=trainee, viewer=request.user, where="alumni record")
    return render(request, "alumni/detail.jinja", {
        "trainee": trainee,
        "stewardship": getattr(trainee, "stewardship", None),
        "placement": trainee.placements.select_related("trust").order_by("-start_date").first(),
        "fellowships": trainee.fellowships.select_related("cohort__scheme"),
        "roles": trainee.leadership_roles.order_by("-start_date"),
        "mentorships": trainee.mentorships.select_related("mentor__user"),
        "interests": trainee.interests.select_related("vacancy__trust").order_by("-updated_at"),
        "history": trainee.stewardship_events.select_related("by")[:50],
        "mentors": stewardship.mentors_with_room(region_id=trainee.region_id),
        "note_form": NoteForm(),
    })


def _act(request: HttpRequest, trainee: Trainee, action: str) -> str:
    if action == "note":
        form = NoteForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors["text"])
        stewardship.alumnus_add_note(trainee=trainee, by=request.user, text=form.cleaned_data["text"])
        return "Note added."
    if action == "contacted":
        stewardship.alumnus_mark_contacted(trainee=trainee, by=request.user)
        return "Marked as contacted."
    if action == "nudge":
        stewardship.alumnus_nudge(trainee=trainee, by=request.user)
        return "Nudge email sent."
    if action == "mentor":
        mentor = Mentor.objects.filter(region_id=trainee.region_id,
                                       uuid=request.POST.get("mentor") or None).first()
        if mentor is None:
            raise ValidationError("Select a mentor")
        stewardship.alumnus_assign_mentor(trainee=trainee, mentor=mentor, by=request.user)
        return f"{mentor} has been asked to mentor {trainee.first_name}."
    raise Http404("No such action")


@staff_only
def alumnus_action(request: HttpRequest, uuid) -> HttpResponse:
    trainee = _alumnus(request, uuid)  # scope first: another region's alumnus is a 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        messages.success(request, _act(request, trainee, request.POST.get("action", "")))
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    return redirect("alumni:detail", uuid=trainee.uuid)


# -- bulk import ---------------------------------------------------------------------


def _batch(request: HttpRequest, uuid) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.filter(region=request.user.region), uuid=uuid)


@staff_only
def imports(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationError("Select a CSV or XLSX file")
            batch = import_batch_create(user=request.user, filename=upload.name, content=upload.read(),
                                        kind=request.POST.get("kind", "trainees"))
            return redirect("alumni:import", uuid=batch.uuid)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    batches = ImportBatch.objects.filter(region=request.user.region).defer("content")[:20]
    return render(request, "alumni/imports.jinja", {"batches": batches, "error": error},
                  status=400 if error else 200)


@staff_only
def import_detail(request: HttpRequest, uuid) -> HttpResponse:
    batch = _batch(request, uuid)
    error = None
    if request.method == "POST":
        try:
            import_batch_confirm(batch=batch)
            return redirect("alumni:import", uuid=batch.uuid)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    return render(request, "alumni/import.jinja", {"batch": batch, "error": error})


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
def report(request: HttpRequest) -> HttpResponse:
    region = request.user.region
    by = REPORT_BREAKDOWNS.get(request.GET.get("by", ""))
    return render(request, "alumni/report.jinja", {
        "stages": reports.STAGES, "by": by or "", **reports.region_report(region=region, by=by)})


@staff_only
def report_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
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
    response["Content-Disposition"] = f'attachment; filename="{name}-{request.user.region.code}.{fmt}"'
    return response
