"""The REST API's endpoints. Scope comes from accounts/scoping.py and writes from the
services, exactly as for the pages; these classes only translate HTTP."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from accounts import scoping
from accounts.models import Role
from allocation.models import Allocation, AllocationRound, RoundPost
from api import serializers as s
from api.filters import (
    StrictBooleanFilter,
    StrictFilterBackend,
    StrictFilterSet,
    StrictIntegerFilter,
    StrictOrderingFilter,
)
from api.permissions import RoleScoped
from api.writes import BulkUpsertReportSerializer, BulkUpsertSerializer, VacancyWriteSerializer
from mentoring import services as mentoring_services
from mentoring.models import Mentor, Mentorship
from pipeline import selectors as pipeline_selectors
from pipeline import services as pipeline_services
from pipeline.models import Interest, Match, Region, Trust, Vacancy
from schemes.models import Cohort, Fellowship, Scheme
from trainees import imports
from trainees.models import Trainee
from trainees.selectors import trainee_of
from trainees.services import portfolio_view_record

EVERYONE = frozenset(Role.values)
STAFF = frozenset({Role.DEANERY_STAFF, Role.ADMINISTRATOR})


class ApiViewSet(viewsets.GenericViewSet):
    permission_classes = [RoleScoped]
    filter_backends = [StrictFilterBackend, StrictOrderingFilter]
    lookup_field = "uuid"
    # Any path segment reaches the view, so a malformed identifier is a JSON 404 too.
    lookup_value_regex = "[^/]+"
    visible_to: frozenset = EVERYONE
    action_roles: dict = {}
    ordering_fields: list = []

    def initial(self, request, *args, **kwargs):
        # An unsupported method is a 405 for everyone, before any role decides a 404.
        if not hasattr(self, request.method.lower()):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    pass


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
    """Leadership fellowship schemes."""

    queryset = Scheme.objects.all()
    serializer_class = s.SchemeSerializer
    filterset_fields = ["scope", "is_active"]
    ordering_fields = ["name", "short_name"]


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
        return scoping.cohorts_visible_to(self.request.user).order_by("-intake_year", "name")


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
        return scoping.fellowships_for(self.request.user).order_by("-start_date", "pk")


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
    action_roles = {"bulk_upsert": STAFF}

    def get_queryset(self):
        trainees = scoping.trainees_for(self.request.user).select_related(
            "grade", "specialty", "region", "current_trust")
        if self.action == "retrieve":
            trainees = trainees.prefetch_related(
                "placements__trust", "placements__grade", "placements__specialty",
                "evidence__element__domain", "evidence__element__framework", "projects", "qualifications",
                "leadership_roles")
        return trainees.order_by("last_name", "first_name", "pk")

    def get_serializer_class(self):
        return s.TraineeDetailSerializer if self.action == "retrieve" else s.TraineeSerializer

    def retrieve(self, request, *args, **kwargs):
        trainee = self.get_object()
        portfolio_view_record(trainee=trainee, viewer=request.user, where="API")
        return Response(self.get_serializer(trainee).data)

    @extend_schema(request=BulkUpsertSerializer, responses={
        200: BulkUpsertReportSerializer,
        409: OpenApiResponse(BulkUpsertReportSerializer, description="Some rows are refused: nothing "
                             "was written. Each refused row says why."),
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
            "written": written, "counts": plan.counts(),
            # The import numbers lines from 2 (after a file's header); here rows count from 1.
            "rows": [{**row, "row": row.pop("line") - 1} for row in plan.report()],
        }
        return Response(report, status=status.HTTP_409_CONFLICT if plan.refused else status.HTTP_200_OK)


class VacancyFilter(StrictFilterSet):
    trust = filters.CharFilter(field_name="trust__ods_code")

    class Meta:
        model = Vacancy
        fields = ["status", "trust"]


DIRECTOR = frozenset({Role.MEDICAL_DIRECTOR})


class VacancyViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnly):
    """Leadership roles. Directors post and change their own trust's; drafts are theirs alone."""

    queryset = Vacancy.objects.none()  # the real one is scoped per viewer: get_queryset

    filterset_class = VacancyFilter
    ordering_fields = ["closing_date", "start_date", "title"]
    action_roles = {name: DIRECTOR for name in ("create", "update", "partial_update", "publish", "close",
                                                "fill")}
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return (scoping.vacancies_for(self.request.user).select_related("min_grade", "max_grade")
                .prefetch_related("required_domains", "specialties").order_by("closing_date", "pk"))

    def get_serializer_class(self):
        return VacancyWriteSerializer if self.action in ("create", "update", "partial_update") \
            else s.VacancySerializer

    @extend_schema(responses={201: s.VacancySerializer})
    def create(self, request, *args, **kwargs):
        return self._save(Vacancy(status=Vacancy.Status.DRAFT), status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.VacancySerializer})
    def update(self, request, *args, **kwargs):
        return self._save(self.get_object(), status.HTTP_200_OK, partial=kwargs.get("partial", False))

    @extend_schema(responses={200: s.VacancySerializer})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def _save(self, vacancy, code, partial=False):
        payload = VacancyWriteSerializer(vacancy, data=self.request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        vacancy, many = payload.apply()
        saved = pipeline_services.vacancy_save(
            vacancy=vacancy, trust=self.request.user.trust, by=self.request.user,
            form_m2m=lambda: [getattr(vacancy, name).set(values) for name, values in many.items()])
        return Response(s.VacancySerializer(saved).data, status=code)

    def _transition(self, change):
        vacancy = self.get_object()
        change(vacancy=vacancy)
        return Response(s.VacancySerializer(vacancy).data)

    @extend_schema(request=None, responses={200: s.VacancySerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, uuid=None):
        """Open a draft to candidates; matching starts once it is saved."""
        return self._transition(pipeline_services.vacancy_publish)

    @extend_schema(request=None, responses={200: s.VacancySerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, uuid=None):
        return self._transition(pipeline_services.vacancy_close)

    @extend_schema(request=None, responses={200: s.VacancySerializer})
    @action(detail=True, methods=["post"])
    def fill(self, request, uuid=None):
        return self._transition(pipeline_services.vacancy_mark_filled)


class MatchFilter(StrictFilterSet):
    vacancy = filters.UUIDFilter(field_name="vacancy__uuid")

    class Meta:
        model = Match
        fields = ["vacancy"]


CANDIDATE_ACTIONS = {
    "invite": lambda match, user: pipeline_services.candidate_invite(match=match, by=user),
    "shortlist": lambda match, user: pipeline_services.candidate_shortlist(match=match),
    "appoint": lambda match, user: pipeline_services.candidate_appoint(match=match),
    "not_selected": lambda match, user: pipeline_services.candidate_not_selected(match=match),
}


class MatchViewSet(ReadOnly):
    """Matches, read-only. A trainee sees their own open opportunities; a director their
    trust's candidates, anonymised exactly as on the candidates page until interested."""

    queryset = Match.objects.none()  # the real one is scoped per viewer: get_queryset

    serializer_class = s.MatchSerializer
    visible_to = frozenset({Role.TRAINEE, Role.MEDICAL_DIRECTOR})
    filterset_class = MatchFilter
    ordering_fields = ["score"]
    action_roles = {name: DIRECTOR for name in CANDIDATE_ACTIONS}

    def get_queryset(self):
        return scoping.matches_for(self.request.user).order_by("-score", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "candidates": getattr(self, "_candidates", {})}

    def _with_candidates(self, matches: list) -> list:
        if self.request.user.role == Role.MEDICAL_DIRECTOR:
            self._candidates = {c.match.pk: c for c in pipeline_selectors.candidates_from(matches)}
        return matches

    def list(self, request, *args, **kwargs):
        page = self._with_candidates(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        match = self._with_candidates([self.get_object()])[0]
        return Response(self.get_serializer(match).data)

    def _act(self, name):
        match = self.get_object()
        CANDIDATE_ACTIONS[name](match, self.request.user)
        return self.retrieve(self.request)

    @extend_schema(request=None, responses={200: s.MatchSerializer})
    @action(detail=True, methods=["post"])
    def invite(self, request, uuid=None):
        """Invite an anonymised candidate to consider the role; they are emailed."""
        return self._act("invite")

    @extend_schema(request=None, responses={200: s.MatchSerializer})
    @action(detail=True, methods=["post"])
    def shortlist(self, request, uuid=None):
        return self._act("shortlist")

    @extend_schema(request=None, responses={200: s.MatchSerializer})
    @action(detail=True, methods=["post"])
    def appoint(self, request, uuid=None):
        """Appoint an interested candidate: the role joins their portfolio."""
        return self._act("appoint")

    @extend_schema(request=None, responses={200: s.MatchSerializer})
    @action(detail=True, methods=["post"], url_path="not-selected")
    def not_selected(self, request, uuid=None):
        return self._act("not_selected")


class InterestFilter(StrictFilterSet):
    vacancy = filters.UUIDFilter(field_name="vacancy__uuid")

    class Meta:
        model = Interest
        fields = ["vacancy", "status"]


class InterestViewSet(mixins.CreateModelMixin, ReadOnly):
    """Expressions of interest. A trainee's own; a director sees those that name the candidate."""

    queryset = Interest.objects.none()  # the real one is scoped per viewer: get_queryset

    serializer_class = s.InterestSerializer
    visible_to = frozenset({Role.TRAINEE, Role.MEDICAL_DIRECTOR, Role.ADMINISTRATOR})
    filterset_class = InterestFilter
    ordering_fields = ["updated_at"]
    action_roles = {"create": frozenset({Role.TRAINEE}), "withdraw": frozenset({Role.TRAINEE})}

    def get_queryset(self):
        return scoping.interests_for(self.request.user).order_by("-updated_at", "pk")

    @extend_schema(request=s.InterestCreateSerializer, responses={201: s.InterestSerializer})
    def create(self, request, *args, **kwargs):
        """Say you are interested in a matched open role: the trust then sees who you are."""
        payload = s.InterestCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        trainee = trainee_of(request.user)
        vacancy = get_object_or_404(scoping.vacancies_for(request.user),
                                    uuid=payload.validated_data["vacancy"])
        interest = pipeline_services.interest_express(trainee=trainee, vacancy=vacancy,
                                                      note=payload.validated_data["note"])
        return Response(s.InterestSerializer(interest).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.InterestSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, uuid=None):
        interest = self.get_object()
        interest = pipeline_services.interest_withdraw(trainee=interest.trainee, vacancy=interest.vacancy)
        return Response(s.InterestSerializer(interest).data)


class MentorViewSet(ReadOnly):

    queryset = Mentor.objects.none()  # the real one is scoped per viewer: get_queryset
    serializer_class = s.MentorSerializer
    visible_to = frozenset({Role.DEANERY_STAFF, Role.ADMINISTRATOR, Role.MENTOR, Role.TRAINEE})
    filterset_fields = ["accepting"]
    ordering_fields = ["organisation"]

    def get_queryset(self):
        return scoping.mentors_for(self.request.user).prefetch_related("expertise").order_by("pk")


class MentorshipViewSet(ReadOnly):
    """Mentoring pairs, seen by the pair alone. Meetings and private notes are not in the API."""

    queryset = Mentorship.objects.none()  # the real one is scoped per viewer: get_queryset

    serializer_class = s.MentorshipSerializer
    visible_to = frozenset({Role.MENTOR, Role.TRAINEE})
    filterset_fields = ["status"]
    ordering_fields = ["started_on"]
    action_roles = {"accept": frozenset({Role.MENTOR}), "decline": frozenset({Role.MENTOR})}

    def get_queryset(self):
        return scoping.mentorships_for(self.request.user).order_by("-created_at", "pk")

    @extend_schema(request=None, responses={200: s.MentorshipSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, uuid=None):
        mentorship = mentoring_services.mentorship_accept(mentorship=self.get_object(), by=request.user)
        return Response(s.MentorshipSerializer(mentorship).data)

    @extend_schema(request=None, responses={200: s.MentorshipSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, uuid=None):
        mentorship = mentoring_services.mentorship_decline(mentorship=self.get_object(), by=request.user)
        return Response(s.MentorshipSerializer(mentorship).data)


class RoundViewSet(ReadOnly):
    """Allocation rounds: staff see their region's, a trainee the open and finished rounds of
    their region, a director those offering their trust's roles. Drafts are staff's alone."""

    queryset = AllocationRound.objects.none()  # the real one is scoped per viewer: get_queryset
    serializer_class = s.RoundSerializer
    visible_to = frozenset({Role.DEANERY_STAFF, Role.TRAINEE, Role.MEDICAL_DIRECTOR, Role.ADMINISTRATOR})
    filterset_fields = ["status"]
    ordering_fields = ["trainee_deadline", "director_deadline", "name"]

    def get_queryset(self):
        posts = RoundPost.objects.select_related("vacancy__trust").order_by("pk")
        return (scoping.rounds_for(self.request.user).prefetch_related(Prefetch("posts", queryset=posts))
                .order_by("-trainee_deadline", "pk"))


class PlacementFilter(StrictFilterSet):
    round = filters.UUIDFilter(field_name="round__uuid")

    class Meta:
        model = Allocation
        fields = ["round"]


class PlacementViewSet(mixins.ListModelMixin, ApiViewSet):
    """Where allocation rounds placed trainees (a null vacancy: not placed). Staff see their
    region's rounds once run; trainees their own and directors their trust's, once published."""

    queryset = Allocation.objects.none()  # the real one is scoped per viewer: get_queryset
    serializer_class = s.PlacementSerializer
    visible_to = frozenset({Role.DEANERY_STAFF, Role.TRAINEE, Role.MEDICAL_DIRECTOR, Role.ADMINISTRATOR})
    filterset_class = PlacementFilter
    filter_backends = [StrictFilterBackend]  # one order: by round, then GMC number

    def get_queryset(self):
        return scoping.placements_for(self.request.user).order_by("round_id", "trainee__gmc_number")
