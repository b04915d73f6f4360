from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api import docs, views
from api.views.careers import CareerPathViewSet
from api.views.ideas import IdeaViewSet
from api.views.national import ForecastViewSet, NationalPipelineViewSet

router = SimpleRouter(trailing_slash=True)
router.register("regions", views.RegionViewSet, basename="region")
router.register("trusts", views.TrustViewSet, basename="trust")
router.register("schemes", views.SchemeViewSet, basename="scheme")
router.register("cohorts", views.CohortViewSet, basename="cohort")
router.register("fellowships", views.FellowshipViewSet, basename="fellowship")
router.register("trainees", views.TraineeViewSet, basename="trainee")
router.register("vacancies", views.VacancyViewSet, basename="vacancy")
router.register("matches", views.MatchViewSet, basename="match")
router.register("interests", views.InterestViewSet, basename="interest")
router.register("mentors", views.MentorViewSet, basename="mentor")
router.register("mentorships", views.MentorshipViewSet, basename="mentorship")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("showcase", views.ShowcaseViewSet, basename="showcase")
router.register("stories", views.StoryViewSet, basename="story")
router.register("return-plans", views.ReturnPlanViewSet, basename="returnplan")
router.register("ideas", IdeaViewSet, basename="idea")
router.register("career-paths", CareerPathViewSet, basename="careerpath")
router.register("national-pipeline", NationalPipelineViewSet, basename="national-pipeline")
router.register("forecast", ForecastViewSet, basename="forecast")

urlpatterns = [
    path("v1/", include((router.urls, "api"), namespace="api")),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[], authentication_classes=[]),
         name="api-schema"),
    path("docs/", docs.api_docs, name="api-docs"),
]
