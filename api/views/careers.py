"""Where alumni went: the career paths, as the page shows them (the same steps, the same
small numbers withheld, for the same people: pipeline.careers.careers_for)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.schema import DocumentedErrorsSchema
from api.views.base import ApiViewSet
from pipeline import careers


class CareerStepSerializer(serializers.Serializer):
    path = serializers.ListField(child=serializers.CharField(), help_text=(
        "The scheme, then each level of leadership role reached, ending in this step (or in "
        "'No leadership role recorded yet', 'No later role recorded yet' or a pooled 'Another path')."))
    people = serializers.IntegerField(help_text="People who took this step, to the nearest 5 (at least 5).")
    median_months = serializers.IntegerField(allow_null=True, help_text=(
        "Median months from the step before (from completing the fellowship, for a first role); "
        "null for an ending or a pooled step."))


class CareersSerializer(serializers.Serializer):
    counted = serializers.CharField(help_text="Whose paths these are, in words.")
    people = serializers.IntegerField(help_text="People counted, to the nearest 5; 0 when fewer than 5.")
    steps = CareerStepSerializer(many=True, help_text="Each step after the step it comes from; "
                                                      "empty when there are not enough people yet.")


class OneObjectSchema(DocumentedErrorsSchema):
    """The list action answers one object (whose paths, and the steps), not a list of them."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class CareerPathViewSet(ApiViewSet):
    """Where alumni went after their fellowship: trainees see people who did what they did
    (their scheme, their stage of training), deanery staff their region, administrators every
    region. A step is shown only when at least 5 people took it (docs/careers.md)."""

    visible_to = frozenset(careers.SEES_CAREERS)
    filter_backends: list = []
    pagination_class = None
    serializer_class = CareersSerializer
    schema = OneObjectSchema()

    @extend_schema(responses={200: CareersSerializer})
    def list(self, request):
        paths = careers.careers_for(request.user)
        assert paths is not None  # visible_to lets in only the roles that see paths
        return Response(CareersSerializer(paths).data)
