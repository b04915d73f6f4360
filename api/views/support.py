"""Mentors and mentorships, allocation rounds and their placements."""

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from allocation.models import Allocation, AllocationRound, RoundPost
from allocation.scopes import placements_for, rounds_for
from api import serializers as s
from api.filters import (
    StrictFilterBackend,
    StrictFilterSet,
)
from api.views.base import ApiViewSet, ReadOnly
from mentoring import services as mentoring_services
from mentoring.models import Mentor, Mentorship
from mentoring.scopes import mentors_for, mentorships_for


class MentorViewSet(ReadOnly):

    queryset = Mentor.objects.none()  # the real one is scoped per viewer: get_queryset
    serializer_class = s.MentorSerializer
    visible_to = frozenset({Role.DEANERY_STAFF, Role.ADMINISTRATOR, Role.MENTOR, Role.TRAINEE})
    filterset_fields = ["accepting"]
    ordering_fields = ["organisation"]

    def get_queryset(self):
        return mentors_for(self.request.user).prefetch_related("expertise").order_by("pk")


class MentorshipViewSet(ReadOnly):
    """Mentoring pairs, seen by the pair alone. Meetings and private notes are not in the API."""

    queryset = Mentorship.objects.none()  # the real one is scoped per viewer: get_queryset

    serializer_class = s.MentorshipSerializer
    visible_to = frozenset({Role.MENTOR, Role.TRAINEE})
    filterset_fields = ["status"]
    ordering_fields = ["started_on"]
    action_roles = {"accept": frozenset({Role.MENTOR}), "decline": frozenset({Role.MENTOR})}

    def get_queryset(self):
        return mentorships_for(self.request.user).order_by("-created_at", "pk")

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
        return (rounds_for(self.request.user).prefetch_related(Prefetch("posts", queryset=posts))
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
    serializer_class = s.RoundPlacementSerializer
    visible_to = frozenset({Role.DEANERY_STAFF, Role.TRAINEE, Role.MEDICAL_DIRECTOR, Role.ADMINISTRATOR})
    filterset_class = PlacementFilter
    filter_backends = [StrictFilterBackend]  # one order: by round, then GMC number

    def get_queryset(self):
        return placements_for(self.request.user).order_by("round_id", "trainee__gmc_number")
