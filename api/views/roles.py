"""Roles (vacancies), matches and interest: the talent pipeline itself."""

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from api import serializers as s
from api.filters import (
    StrictFilterSet,
)
from api.views.base import ReadOnly
from api.writes import VacancyWriteSerializer
from pipeline import selectors as pipeline_selectors
from pipeline import services as pipeline_services
from pipeline.models import Interest, Match, Vacancy
from pipeline.scopes import interests_for, matches_for, vacancies_for
from trainees.selectors import trainee_of


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
        return (vacancies_for(self.request.user).select_related("min_grade", "max_grade", "element__domain")
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


class MatchViewSet(ReadOnly):
    """Matches, read-only. A trainee sees their own open opportunities; a director their
    trust's candidates, anonymised exactly as on the candidates page until interested."""

    queryset = Match.objects.none()  # the real one is scoped per viewer: get_queryset

    serializer_class = s.MatchSerializer
    visible_to = frozenset({Role.TRAINEE, Role.MEDICAL_DIRECTOR})
    filterset_class = MatchFilter
    ordering_fields = ["score"]
    action_roles = {name: DIRECTOR for name in (*pipeline_services.CANDIDATE_DECISIONS, "took_part")}

    def get_queryset(self):
        return matches_for(self.request.user).order_by("-score", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "candidates": getattr(self, "_candidates", {})}

    def _with_candidates(self, matches: list) -> list:
        if getattr(self.request.user, "role", None) == Role.MEDICAL_DIRECTOR:
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
        pipeline_services.candidate_decide(match=match, decision=name, by=self.request.user)
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

    @extend_schema(request=None, responses={200: s.MatchSerializer})
    @action(detail=True, methods=["post"], url_path="took-part")
    def took_part(self, request, uuid=None):
        """Confirm an interested candidate took part in a governance role or short project: it
        becomes evidence in their portfolio. Confirming again changes nothing."""
        return self._act("confirm")


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
        return interests_for(self.request.user).order_by("-updated_at", "pk")

    @extend_schema(request=s.InterestCreateSerializer, responses={201: s.InterestSerializer})
    def create(self, request, *args, **kwargs):
        """Say you are interested in a matched open role: the trust then sees who you are."""
        payload = s.InterestCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        trainee = trainee_of(request.user)
        vacancy = get_object_or_404(vacancies_for(request.user),
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
