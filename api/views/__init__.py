"""The REST API's endpoints, one module per part of the service."""

from api.views.records import (
    CohortViewSet,
    FellowshipViewSet,
    RegionViewSet,
    SchemeViewSet,
    TraineeViewSet,
    TrustViewSet,
)
from api.views.returns import ReturnPlanViewSet
from api.views.roles import InterestViewSet, MatchViewSet, VacancyViewSet
from api.views.showcase import ShowcaseViewSet, StoryViewSet
from api.views.support import (
    MentorshipViewSet,
    MentorViewSet,
    PlacementViewSet,
    RoundViewSet,
)

__all__ = ["CohortViewSet", "FellowshipViewSet", "InterestViewSet", "MatchViewSet", "MentorViewSet",
           "MentorshipViewSet", "PlacementViewSet", "RegionViewSet", "ReturnPlanViewSet", "RoundViewSet",
           "SchemeViewSet", "ShowcaseViewSet", "StoryViewSet", "TraineeViewSet", "TrustViewSet",
           "VacancyViewSet"]
