"""Return plans (docs/stewardship.md, "The return to training"): each side reads the plan and
does its own steps, through the same services and rules (pipeline.return_steps) as the pages.

Each step is a POST to the plan. A role that is never a side for a step gets 403; a plan
outside the caller's scope is a 404; a step the rules do not allow now is a 409 saying why."""

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from api import serializers as s
from api import writes
from api.views.base import ReadOnly
from mentoring.models import Mentorship
from pipeline import return_plans, stewardship
from pipeline.models import ReturnPlan
from pipeline.scopes import return_plans_for

FELLOW = frozenset({Role.TRAINEE})
STAFF = frozenset({Role.DEANERY_STAFF})
DIRECTOR = frozenset({Role.MEDICAL_DIRECTOR})


class ReturnPlanViewSet(ReadOnly):
    """Return plans, each seen by its fellow, their region's staff and (once told) the
    receiving trust's directors."""

    queryset = ReturnPlan.objects.none()  # the real one is scoped per viewer: get_queryset
    serializer_class = s.ReturnPlanSerializer
    visible_to = FELLOW | STAFF | DIRECTOR
    filterset_fields: list[str] = []
    ordering_fields = ["opened_on"]
    action_roles = {"set_trust": STAFF, "ask_mentor": STAFF, "tell_director": FELLOW,
                    "agree_session": FELLOW, "roles_seen": FELLOW, "propose_session": DIRECTOR,
                    "record_session": DIRECTOR | STAFF}

    def get_queryset(self):
        mentored = Mentorship.objects.open().filter(trainee=OuterRef("trainee"))
        return return_plans_for(self.request.user).annotate(has_mentor=Exists(mentored)).order_by(
            "opened_on", "pk")

    def _body(self, serializer_class, **context) -> dict:
        payload = serializer_class(data=self.request.data, context=context)
        payload.is_valid(raise_exception=True)
        return payload.validated_data

    def _plan_now(self, plan: ReturnPlan) -> Response:
        """The plan as it stands after the step, steps and all (the scope may have changed it:
        a new receiving trust's director does not see it until told)."""
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=writes.ReturnTrustSerializer, responses={200: s.ReturnPlanSerializer})
    @action(detail=True, methods=["post"], url_path="set-trust")
    def set_trust(self, request, uuid=None):
        """Staff: name the trust the fellow returns to. A different trust than before starts the
        director's and the session's steps again."""
        plan = self.get_object()
        body = self._body(writes.ReturnTrustSerializer)
        return_plans.plan_set_trust(plan=plan, by=request.user, trust=body["trust"])
        return self._plan_now(plan)

    @extend_schema(request=writes.ReturnShareSerializer, responses={200: s.ReturnPlanSerializer})
    @action(detail=True, methods=["post"], url_path="tell-director")
    def tell_director(self, request, uuid=None):
        """The fellow: tell the receiving trust's medical directors, with what they choose to share."""
        plan = self.get_object()
        body = self._body(writes.ReturnShareSerializer)
        return_plans.plan_tell_director(plan=plan, by=request.user, **body)
        return self._plan_now(plan)

    @extend_schema(request=writes.ReturnSessionSerializer, responses={200: s.ReturnPlanSerializer})
    @action(detail=True, methods=["post"], url_path="propose-session")
    def propose_session(self, request, uuid=None):
        """The receiving director: propose a date for a session where the fellow shares their
        learning. The fellow is emailed."""
        plan = self.get_object()
        body = self._body(writes.ReturnSessionSerializer)
        return_plans.plan_propose_session(plan=plan, by=request.user, on=body["on"])
        return self._plan_now(plan)

    @extend_schema(request=None, responses={200: s.ReturnPlanSerializer})
    @action(detail=True, methods=["post"], url_path="agree-session")
    def agree_session(self, request, uuid=None):
        """The fellow: agree the proposed date."""
        plan = self.get_object()
        return_plans.plan_agree_session(plan=plan, by=request.user)
        return self._plan_now(plan)

    @extend_schema(request=writes.ReturnSessionNoteSerializer, responses={200: s.ReturnPlanSerializer})
    @action(detail=True, methods=["post"], url_path="record-session")
    def record_session(self, request, uuid=None):
        """The receiving director or staff: record that the agreed session was held, from its date."""
        plan = self.get_object()
        body = self._body(writes.ReturnSessionNoteSerializer)
        return_plans.plan_record_session(plan=plan, by=request.user, note=body["note"])
        return self._plan_now(plan)

    @extend_schema(request=None, responses={200: s.ReturnPlanSerializer})
    @action(detail=True, methods=["post"], url_path="roles-seen")
    def roles_seen(self, request, uuid=None):
        """The fellow: mark the matched roles at the receiving trust and nearby as looked at."""
        plan = self.get_object()
        return_plans.plan_roles_seen(plan=plan, by=request.user)
        return self._plan_now(plan)

    @extend_schema(request=writes.ReturnMentorSerializer, responses={200: s.ReturnPlanSerializer})
    @action(detail=True, methods=["post"], url_path="ask-mentor")
    def ask_mentor(self, request, uuid=None):
        """Staff: ask a mentor of the region with a free place to mentor the fellow (a
        proposed mentorship, which the mentor accepts or declines)."""
        plan = self.get_object()
        mentors = stewardship.mentors_with_room(region_id=plan.trainee.region_id)
        body = self._body(writes.ReturnMentorSerializer, mentors=mentors)
        return_plans.plan_ask_mentor(plan=plan, by=request.user, mentor=body["mentor"])
        return self._plan_now(plan)
