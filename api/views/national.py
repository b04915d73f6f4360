"""The national view: the nation's pipeline by scheme and region (administrators) and the
forecast (administrators, the nation's; staff, their region's; a national scheme lead, their
schemes'). The figures are the pages' and downloads' (pipeline.national, pipeline.forecast),
small numbers withheld the same way: a withheld count is null here."""

from datetime import date

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from accounts.models import Role
from api.schema import DocumentedErrorsSchema
from api.views.base import ApiViewSet
from pipeline import forecast as forecasts
from pipeline import national
from pipeline.reports import SUPPRESSED

WITHHELD = "null: withheld, because it is under 5 or would let a number under 5 be worked out."


def _count(help_text: str = WITHHELD) -> serializers.IntegerField:
    return serializers.IntegerField(allow_null=True, help_text=help_text)


def _shown(value: int | str) -> int | None:
    return None if value == SUPPRESSED else int(value)


class PipelineRowSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    region = serializers.CharField()
    active_fellows = _count()
    alumni = _count()
    alumni_engaged = _count()
    alumni_at_risk = _count()
    alumni_lost = _count()
    alumni_not_yet_assessed = _count()


class PipelineSerializer(serializers.Serializer):
    worked_out_at = serializers.DateTimeField()
    rows = PipelineRowSerializer(many=True)


class CountSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="A region, or a kind of leadership role.")
    count = _count()


class ForecastMonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="The first day of the month.")
    returners = CountSerializer(many=True, help_text="Fellows whose fellowship ends that month, by region.")
    returners_total = _count()
    new_consultants = CountSerializer(many=True, help_text="Trainees expected to reach CCT, by region.")
    new_consultants_total = _count()
    open_roles = CountSerializer(many=True, help_text="Open leadership roles starting that month, by kind "
                                                      "(roles already started count in the first month).")
    open_roles_total = serializers.IntegerField()


class ForecastSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text="Whose forecast: the nation, a region, or a lead's schemes.")
    period = serializers.DateField(help_text="The month the forecast starts from; fixed until it ends.")
    worked_out_at = serializers.DateTimeField()
    months = ForecastMonthSerializer(many=True)


class OneReport(DocumentedErrorsSchema):
    """These endpoints sit on the router's list route but answer one object (a report), not a
    list of things: document them so."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class NationalPipelineViewSet(ApiViewSet):
    """The nation's pipeline by scheme and region, for administrators."""

    visible_to = frozenset({Role.ADMINISTRATOR})
    filter_backends: list = []
    pagination_class = None
    schema = OneReport()

    @extend_schema(responses={200: PipelineSerializer})
    def list(self, request):
        report = national.national_pipeline()
        rows = [{"scheme": r.scheme, "region": r.region, "active_fellows": _shown(r.active),
                 "alumni": _shown(r.alumni),
                 **{f"alumni_{key}": _shown(value) for key, value in zip(
                     ("engaged", "at_risk", "lost", "not_yet_assessed"), r.statuses, strict=True)}}
                for r in report["rows"]]
        return Response(PipelineSerializer({"worked_out_at": report["as_of"], "rows": rows}).data)


def _counts(names: list[str], cells: list) -> list[dict]:
    return [{"name": name, "count": _shown(cell)} for name, cell in zip(names, cells, strict=True)]


class ForecastViewSet(ApiViewSet):
    """The next 24 months: fellows expected back and new consultants against open leadership
    roles. Administrators get the nation's, staff their region's, a national scheme lead their
    schemes'. Fixed for the calendar month, as on the page and in its download."""

    visible_to = frozenset({Role.ADMINISTRATOR, Role.DEANERY_STAFF, Role.SCHEME_LEAD})
    filter_backends: list = []
    pagination_class = None
    schema = OneReport()

    @extend_schema(responses={200: ForecastSerializer})
    def list(self, request):
        scope = forecasts.scope_for(request.user)
        if scope is None:
            raise NotFound()
        f = forecasts.forecast(scope)
        months = [{
            "month": date.fromisoformat(back["month"]),
            "returners": _counts(f.regions, back["cells"]), "returners_total": _shown(back["total"]),
            "new_consultants": _counts(f.regions, cct["cells"]),
            "new_consultants_total": _shown(cct["total"]),
            "open_roles": _counts(f.kinds, roles["cells"]), "open_roles_total": roles["total"],
        } for back, cct, roles in zip(f.returners, f.consultants, f.roles, strict=True)]
        data = {"scope": scope.title, "period": f.period, "worked_out_at": f.worked_out_at, "months": months}
        return Response(ForecastSerializer(data).data)
