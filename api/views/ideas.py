"""Fresh-eyes ideas (docs/ideas.md): a trainee shares an idea with the trust a placement of
theirs is at; the trust's medical directors (its improvement lead among them) list and answer
them. An anonymous idea never names its trainee to the trust."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from api.views.base import ReadOnly
from api.writes import JsonBooleanField
from core.forms import limit
from ideas import services
from ideas.models import Area, Idea
from ideas.scopes import ideas_for, invitations_for
from reference.models import Trust
from trainees.selectors import trainee_of

TRAINEE = frozenset({Role.TRAINEE})
DIRECTOR = frozenset({Role.MEDICAL_DIRECTOR})


class IdeaSerializer(serializers.ModelSerializer):
    trust: "serializers.SlugRelatedField[Trust]" = serializers.SlugRelatedField(slug_field="ods_code",
                                                                                read_only=True)
    previous_trust: "serializers.SlugRelatedField[Trust]" = serializers.SlugRelatedField(
        slug_field="ods_code", read_only=True)
    sender = serializers.SerializerMethodField(help_text="Who shared it, as the reader may know it: the "
                                               "trust never learns who shared an anonymous idea.")
    made_into_project = serializers.SerializerMethodField()

    class Meta:
        model = Idea
        fields = ["uuid", "trust", "previous_trust", "area", "title", "idea", "anonymous", "sender",
                  "submitted_at", "due_on", "status", "answer", "answered_at", "made_into_project"]

    def get_sender(self, idea: Idea) -> str:
        request = self.context.get("request")
        if request is not None and idea.trainee.user_id == request.user.pk:
            return "You"
        return services.sender_for_trust(idea)

    def get_made_into_project(self, idea: Idea) -> bool:
        return idea.project_id is not None


class IdeaCreateSerializer(serializers.Serializer):
    placement = serializers.UUIDField(help_text="Your placement at the trust you share the idea with; "
                                      "you are invited once it has started.")
    previous_trust = serializers.CharField(max_length=10, help_text="The ODS code of the trust you were at "
                                           "before.")
    area = serializers.ChoiceField(choices=Area.choices)
    title = serializers.CharField(max_length=limit(Idea, "title"))
    idea = serializers.CharField(max_length=limit(Idea, "idea"))
    anonymous = JsonBooleanField(required=False, default=False,
                                 help_text="true: the trust is not told who you are.")


class IdeaAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[s for s in Idea.Status.choices if s[0] != Idea.Status.WAITING])
    answer = serializers.CharField(required=False, allow_blank=True, default="",
                                   max_length=limit(Idea, "answer"),
                                   help_text="What happened (tried) or why not (not for us): "
                                             "needed for those.")


class IdeaViewSet(mixins.CreateModelMixin, ReadOnly):
    """Ideas from new starters: a trainee's own, a trust's for its medical directors."""

    queryset = Idea.objects.none()  # the real one is scoped per viewer: get_queryset
    serializer_class = IdeaSerializer
    visible_to = frozenset({Role.TRAINEE, Role.MEDICAL_DIRECTOR})
    filterset_fields = ["status", "area"]
    ordering_fields = ["submitted_at", "due_on"]
    action_roles = {"create": TRAINEE, "answer": DIRECTOR}

    def get_queryset(self):
        return ideas_for(self.request.user).order_by("-submitted_at", "pk")

    @extend_schema(request=IdeaCreateSerializer, responses={201: IdeaSerializer})
    def create(self, request, *args, **kwargs):
        """Share what worked better at your last trust with the trust a placement of yours is at."""
        payload = IdeaCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        trainee = trainee_of(request.user)
        invitation = get_object_or_404(invitations_for(request.user), placement__uuid=data["placement"])
        previous = Trust.objects.filter(ods_code=data["previous_trust"].upper()).first()
        if previous is None:
            raise serializers.ValidationError({"previous_trust": ["No trust has this ODS code."]})
        idea = services.idea_submit(invitation=invitation, trainee=trainee, area=data["area"],
                                    title=data["title"], idea=data["idea"], previous_trust=previous,
                                    anonymous=data["anonymous"])
        return Response(IdeaSerializer(idea, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=IdeaAnswerSerializer, responses={200: IdeaSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, uuid=None):
        """Answer an idea for your trust: acknowledged, will try, tried or not for us."""
        idea = self.get_object()
        payload = IdeaAnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        idea = services.idea_answer(idea=idea, by=request.user, **payload.validated_data)
        return Response(IdeaSerializer(idea, context={"request": request}).data)


__all__ = ["IdeaViewSet"]
