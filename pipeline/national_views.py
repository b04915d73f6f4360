"""The national view: administrators' national pipeline, the forecast (administrators,
staff and national scheme leads, each their own scope) and a lead's fellows in every region.
Read-only: the work on a fellow stays with their region's staff."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from pipeline import forecast as forecasts
from pipeline import national
from pipeline.national_forms import FellowsFilterForm
from pipeline.reports import as_csv
from trainees.services import portfolio_view_record

PER_PAGE = 25
administrators = role_required(Role.ADMINISTRATOR)
leads = role_required(Role.SCHEME_LEAD)
forecast_readers = role_required(Role.ADMINISTRATOR, Role.DEANERY_STAFF, Role.SCHEME_LEAD)


def _csv(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@administrators
def pipeline(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "national/pipeline.jinja", {
        **national.national_pipeline(), "status_labels": national.STATUS_LABELS})


@administrators
def pipeline_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = national.national_pipeline()["rows"]
    return _csv(as_csv(national.pipeline_table(rows)), "national-pipeline.csv")


def _forecast(request: AuthenticatedHttpRequest) -> forecasts.Forecast:
    scope = forecasts.scope_for(request.user)
    if scope is None:
        raise Http404("Not found")
    return forecasts.forecast(scope)


@forecast_readers
def forecast(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "national/forecast.jinja", {"forecast": _forecast(request)})


@forecast_readers
def forecast_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    f = _forecast(request)
    return _csv(forecasts.as_csv(f), forecasts.filename(f))


@leads
def fellows(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FellowsFilterForm(request.GET or None, lead=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(national.fellows_list(request.user, filters=filters), PER_PAGE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "national/fellows.jinja", {
        "form": form, "page": page, "query": query.urlencode(),
        "completed": national.completed_among(page.object_list)})


@leads
def fellow(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    trainee = national.fellow_for(request.user, uuid)
    if trainee is None:
        raise Http404("Not one of your schemes' fellows")
    portfolio_view_record(trainee=trainee, viewer=request.user, where="national scheme lead")
    return render(request, "national/fellow.jinja", {
        "trainee": trainee, "stewardship": getattr(trainee, "stewardship", None),
        "fellowships": national.fellow_fellowships(request.user, trainee),
        "roles": trainee.leadership_roles.select_related("role_type").order_by("-start_date"),
    })
