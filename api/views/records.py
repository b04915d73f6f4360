"""Reference data, schemes and cohorts, fellowships and trainees (with the bulk upsert)."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from api import serializers as s
from api.filters import (
    StrictBooleanFilter,
    StrictFilterSet,
    StrictIntegerFilter,
)
from api.views.base import STAFF, ReadOnly
from api.writes import BulkUpsertReportSerializer, BulkUpsertSerializer, InterestedSerializer
from reference.models import Region, Trust
from schemes import selectors as scheme_selectors
from schemes import services as scheme_services
from schemes.models import Cohort, Fellowship, Scheme
from schemes.scopes import cohorts_visible_to, fellowships_for
from trainees import imports
from trainees.models import Trainee
from trainees.scopes import trainees_for
from trainees.selectors import trainee_of
from trainees.services import leadership_interest_set, portfolio_view_record


class RegionViewSet(ReadOnly):
    """NHS England regions' local offices and the devolved deaneries."""

    queryset = Region.objects.all()
    serializer_class = s.RegionSerializer
    lookup_field = "code"
    ordering_fields = ["name", "code"]
    filterset_fields = ["kind"]


class TrustFilter(StrictFilterSet):
    region = filters.CharFilter(field_name="region__code", help_text="A region code.")
    ods_code = filters.CharFilter()

    class Meta:
        model = Trust
        fields = ["region", "ods_code"]


class TrustViewSet(ReadOnly):
    queryset = Trust.objects.select_related("region")
    serializer_class = s.TrustSerializer
    filterset_class = TrustFilter
    ordering_fields = ["name", "ods_code"]


class SchemeViewSet(ReadOnly):
    """Leadership schemes and their facts. A trainee also reads, in `you`, whether they can
    apply (and why not) and whether they said they are interested."""

    queryset = Scheme.objects.prefetch_related("eligible_grades", "regions")
    serializer_class = s.SchemeSerializer
    filterset_fields = ["scope", "is_active", "kind"]
    ordering_fields = ["name", "short_name"]
    action_roles = {"interest": frozenset({Role.TRAINEE})}

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self.request.user, "role", None) == Role.TRAINEE:
            trainee = trainee_of(self.request.user)
            context["catalogue"] = {e.scheme.pk: e for e in scheme_selectors.catalogue_for(trainee)}
        return context

    @extend_schema(request=InterestedSerializer, responses={200: s.SchemeSerializer})
    @action(detail=True, methods=["post"])
    def interest(self, request, uuid=None):
        """Say you are interested in a scheme (trainees), or no longer."""
        scheme = self.get_object()
        payload = InterestedSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        scheme_services.scheme_interest_set(trainee=trainee_of(request.user), scheme=scheme,
                                            interested=payload.validated_data["interested"])
        return Response(self.get_serializer(scheme).data)


class CohortFilter(StrictFilterSet):
    scheme = filters.UUIDFilter(field_name="scheme__uuid")
    intake_year = StrictIntegerFilter()

    class Meta:
        model = Cohort
        fields = ["scheme", "intake_year"]


class CohortViewSet(ReadOnly):
    """Cohorts of a scheme: deanery staff see their region's and the national ones."""

    queryset = Cohort.objects.none()  # the real one is scoped per viewer: get_queryset

    serializer_class = s.CohortSerializer
    visible_to = STAFF
    filterset_class = CohortFilter
    ordering_fields = ["intake_year", "name", "start_date"]

    def get_queryset(self):
        return cohorts_visible_to(self.request.user).order_by("-intake_year", "name")


class FellowshipFilter(StrictFilterSet):
    cohort = filters.UUIDFilter(field_name="cohort__uuid")
    trainee = filters.UUIDFilter(field_name="trainee__uuid")

    class Meta:
        model = Fellowship
        fields = ["cohort", "trainee", "status"]


class FellowshipViewSet(ReadOnly):
    """Fellowships of the trainees you may open."""

    queryset = Fellowship.objects.none()  # the real one is scoped per viewer: get_queryset
    serializer_class = s.FellowshipSerializer
    filterset_class = FellowshipFilter
    ordering_fields = ["start_date", "end_date"]

    def get_queryset(self):
        return fellowships_for(self.request.user).order_by("-start_date", "pk")


class TraineeFilter(StrictFilterSet):
    gmc_number = filters.CharFilter()
    leadership_interest = StrictBooleanFilter()
    grade = filters.CharFilter(field_name="grade__code", help_text="A grade code, e.g. ST3.")
    current_trust = filters.CharFilter(field_name="current_trust__ods_code")

    class Meta:
        model = Trainee
        fields = ["gmc_number", "grade", "current_trust", "leadership_interest"]


class TraineeViewSet(ReadOnly):
    """Trainees the caller may open; one trainee comes with placements and portfolio.

    Opening one trainee's record is logged, as on the pages, for their
    'who has viewed my portfolio' list.
    """

    queryset = Trainee.objects.none()  # the real one is scoped per viewer: get_queryset

    filterset_class = TraineeFilter
    ordering_fields = ["last_name", "gmc_number"]
    action_roles = {"bulk_upsert": STAFF, "leadership_interest": frozenset({Role.TRAINEE})}

    def get_queryset(self):
        trainees = trainees_for(self.request.user).select_related(
            "grade", "specialty", "region", "current_trust")
        if self.action == "retrieve":
            trainees = trainees.prefetch_related(
                "placements__trust", "placements__grade", "placements__specialty",
                "evidence__element__domain", "evidence__element__framework", "projects", "qualifications",
                "leadership_roles")
        return trainees.order_by("last_name", "first_name", "pk")

    def get_serializer_class(self):
        return s.TraineeDetailSerializer if self.action == "retrieve" else s.TraineeSerializer

    @extend_schema(request=InterestedSerializer, responses={200: s.TraineeSerializer})
    @action(detail=True, methods=["post"], url_path="leadership-interest")
    def leadership_interest(self, request, uuid=None):
        """A trainee says whether they are interested in leadership (their own record only)."""
        trainee = self.get_object()
        payload = InterestedSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        leadership_interest_set(trainee=trainee, interested=payload.validated_data["interested"])
        return Response(s.TraineeSerializer(trainee).data)

    def retrieve(self, request, *args, **kwargs):
        trainee = self.get_object()
        portfolio_view_record(trainee=trainee, viewer=request.user, where="API")
        return Response(self.get_serializer(trainee).data)

    @extend_schema(request=BulkUpsertSerializer, responses={
        200: BulkUpsertReportSerializer,
        409: OpenApiResponse(BulkUpsertReportSerializer, description="Some rows are refused, or the "
                             "write failed (`error` says why): nothing was written. Each refused row "
                             "says why."),
    })
    @action(detail=False, methods=["post"], url_path="bulk-upsert")
    def bulk_upsert(self, request):
        """Create or update trainees by GMC number, all or nothing.

        Reuses the import of the 'Import trainees' page: the same checks, the same
        row-by-row report. With `dry_run` nothing is written. Deanery staff may only
        send trainees of their own region.
        """
        payload = BulkUpsertSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in payload.validated_data["rows"]]
        region_id = request.user.region_id if request.user.role == Role.DEANERY_STAFF else None
        plan, written = imports.upsert_trainees(rows, region_id=region_id,
                                                dry_run=payload.validated_data["dry_run"])
        report = {
            "written": written, "counts": plan.counts(), "error": plan.failure,
            # The import numbers lines from 2 (after a file's header); here rows count from 1.
            "rows": [{**row, "row": row.pop("line") - 1} for row in plan.report()],
        }
        refused = plan.refused or plan.failure
        return Response(report, status=status.HTTP_409_CONFLICT if refused else status.HTTP_200_OK)
