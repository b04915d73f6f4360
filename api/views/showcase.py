"""The showcase: published alumni stories for anyone (no sign-in), and each alumnus's own
story, written, published with consent and withdrawn through the same services as the pages."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.relations import ManyRelatedField, SlugRelatedField
from rest_framework.response import Response

from accounts.models import Role
from api.filters import StrictFilterBackend, StrictFilterSet
from api.views.base import ReadOnly
from api.writes import JsonBooleanField
from reference.models import Trust
from schemes import selectors, services
from schemes.models import Fellowship
from trainees.models import Project, Story
from trainees.selectors import trainee_of


class OutcomeSerializer(serializers.Serializer):
    title = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    result = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    unit = serializers.CharField()
    value_pounds = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True,
                                            help_text="Money saved or value gained, where known.")


class PublicStorySerializer(serializers.Serializer):
    """A story as the public sees it: only what its author chose to show."""

    uuid = serializers.UUIDField()
    title = serializers.CharField()
    what_i_did = serializers.CharField()
    what_changed = serializers.CharField()
    byline = serializers.CharField(help_text="Their name only if they chose to show it, else "
                                             "'A fellow of the <scheme>, <year>'.")
    scheme = serializers.CharField()
    year = serializers.IntegerField(help_text="The cohort's intake year.")
    trust = serializers.CharField(allow_null=True, help_text="Only if they chose to show one.")
    outcomes = OutcomeSerializer(many=True)
    published_at = serializers.DateTimeField()

    def to_representation(self, instance):
        return super().to_representation(selectors.public_story(instance))


class ShowcaseFilter(StrictFilterSet):
    scheme = filters.UUIDFilter(field_name="fellowship__cohort__scheme__uuid", help_text="A scheme's uuid.")
    trust = filters.CharFilter(field_name="trust__ods_code", help_text="A trust's ODS code.")

    class Meta:
        model = Story
        fields = ["scheme", "trust"]


class ShowcaseViewSet(ReadOnly):
    """Published alumni stories, newest first: open to everyone, signed in or not. A story
    withdrawn or taken down is gone from here at once."""

    queryset = Story.objects.none()  # the real one is read when asked: get_queryset
    serializer_class = PublicStorySerializer
    permission_classes = [AllowAny]
    authentication_classes: list = []  # nothing here depends on who asks
    filter_backends = [StrictFilterBackend]  # always newest first: no ?ordering=
    filterset_class = ShowcaseFilter

    def get_queryset(self):
        return selectors.published_stories()


class StorySerializer(serializers.ModelSerializer):
    """The alumnus's own story, with what they chose to show and whether it is published."""

    fellowship: "SlugRelatedField[Fellowship]" = SlugRelatedField(slug_field="uuid", read_only=True)
    projects = ManyRelatedField(child_relation=SlugRelatedField(slug_field="uuid", read_only=True),
                                read_only=True)
    trust: "SlugRelatedField[Trust]" = SlugRelatedField(slug_field="ods_code", read_only=True,
                                                        allow_null=True)

    class Meta:
        model = Story
        fields = ["uuid", "title", "what_i_did", "what_changed", "fellowship", "projects", "trust",
                  "show_name", "status", "consented_at", "hidden_reason"]
        read_only_fields = fields


class FoundOr404(SlugRelatedField):
    """A reference to an object that is not there (or not the caller's) is a 404, as a path
    naming it would be: the request was well formed, the object is not to be found."""

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(**{self.slug_field: data})
        except ObjectDoesNotExist:
            raise NotFound(f"No such {self.field_name or 'object'}: {str(data)[:100]}") from None
        except (TypeError, ValueError, ValidationError):
            self.fail("invalid")


class StoryWriteSerializer(serializers.ModelSerializer):
    """A story as its author writes it: the fellowship and projects are their own, by uuid."""

    class Meta:
        model = Story
        fields = ["title", "what_i_did", "what_changed", "fellowship", "projects", "trust", "show_name"]

    def get_fields(self):
        fields = super().get_fields()
        trainee = self.context.get("trainee")  # none while the schema is drawn
        fellowships = selectors.completed_fellowships(trainee) if trainee else Fellowship.objects.none()
        fields["fellowship"] = FoundOr404(
            slug_field="uuid", queryset=fellowships, help_text="One of your completed fellowships.")
        fields["projects"] = FoundOr404(
            slug_field="uuid", many=True, required=False,
            queryset=Project.objects.filter(trainee=trainee) if trainee else Project.objects.none(),
            help_text="Your improvement projects whose measured outcomes the story shows.")
        fields["trust"] = FoundOr404(
            slug_field="ods_code", queryset=Trust.objects.all(), allow_null=True, required=False,
            help_text="A trust to show with the story (ODS code); null or absent: none.")
        fields["show_name"] = JsonBooleanField(required=False, help_text="Show your name (default: no).")
        return fields


class ConsentSerializer(serializers.Serializer):
    consent = JsonBooleanField(help_text="true: you agree to publish your story exactly as "
                                         "GET /showcase/ would show it.")


TRAINEE = frozenset({Role.TRAINEE})


class StoryViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnly):
    """Your own alumni story (trainees who completed a fellowship). Saving a change takes a
    published story off the showcase until you publish it again."""

    queryset = Story.objects.none()  # the real one is the caller's own: get_queryset
    serializer_class = StorySerializer
    visible_to = TRAINEE
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filter_backends: list = []  # one story at most: nothing to filter or order

    def get_queryset(self):
        return Story.objects.filter(trainee__user=self.request.user).select_related(
            "fellowship", "trust").prefetch_related("projects").order_by("pk")

    def get_serializer_class(self):
        return StoryWriteSerializer if self.action in ("create", "update", "partial_update") \
            else StorySerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self.request.user, "role", None) == Role.TRAINEE:
            context["trainee"] = trainee_of(self.request.user)
        return context

    @extend_schema(responses={201: StorySerializer})
    def create(self, request, *args, **kwargs):
        trainee = trainee_of(request.user)
        payload = self._payload(Story(), partial=False)
        if Story.objects.filter(trainee=trainee).exists():
            raise ValidationError("You already have a story: change it instead")
        return self._save(payload, status.HTTP_201_CREATED)

    @extend_schema(responses={200: StorySerializer})
    def update(self, request, *args, **kwargs):
        payload = self._payload(self.get_object(), partial=kwargs.get("partial", False))
        return self._save(payload, status.HTTP_200_OK)

    @extend_schema(responses={200: StorySerializer})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def _payload(self, story: Story, partial: bool) -> StoryWriteSerializer:
        payload = StoryWriteSerializer(story, data=self.request.data, partial=partial,
                                       context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        return payload

    def _save(self, payload: StoryWriteSerializer, code: int) -> Response:
        story, data = payload.instance, dict(payload.validated_data)
        assert isinstance(story, Story)
        projects = data.pop("projects", None)
        if projects is None:  # not sent: the story keeps the projects it has
            projects = list(story.projects.all()) if story.pk else []
        for name, value in data.items():
            setattr(story, name, value)
        saved = services.story_save(trainee=trainee_of(self.request.user), story=story, projects=projects)
        return Response(StorySerializer(saved).data, status=code)

    @extend_schema(request=ConsentSerializer, responses={200: StorySerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, uuid=None):
        """Publish your story on the showcase, consenting to exactly what it shows."""
        self.get_object()
        payload = ConsentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        story = services.story_publish(trainee=trainee_of(request.user),
                                       consent=payload.validated_data["consent"])
        return Response(StorySerializer(story).data)

    @extend_schema(request=None, responses={200: StorySerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, uuid=None):
        """Take your story off the showcase at once."""
        self.get_object()
        story = services.story_withdraw(trainee=trainee_of(request.user))
        return Response(StorySerializer(story).data)
